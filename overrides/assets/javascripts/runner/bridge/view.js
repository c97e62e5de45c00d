// Draws lmdocs.page messages into a cell's output: one element per key, created in order of first
// appearance and updated in place when the same key comes again.
import { labelsFor } from "../i18n.js";
import { LineChart, BarChart } from "./charts.js";
import { Table, PlainText, Tokens, Heatmap } from "./views.js";
import { Slider, TextInput, Select, Button } from "./widgets.js";

/** How each drawing operation of lmdocs.page makes its element: every operation of PAGE_OPERATIONS
 *  (contract.js) but "append", which adds points to a line chart already drawn. */
export const ELEMENTS = {
  line_chart: (m, ctx) => new LineChart(ctx.vendorURL, m, ctx.numbers),
  bar_chart: (m, ctx) => new BarChart(ctx.vendorURL, m, ctx.numbers),
  table: (m) => new Table(m),
  text: (m) => new PlainText(m),
  tokens: (m, ctx) => new Tokens(m, ctx.numbers),
  heatmap: (m, ctx) => new Heatmap(m, ctx.numbers),
  slider: (m, ctx) => new Slider(m, ctx.onInput, ctx.numbers),
  text_input: (m, ctx) => new TextInput(m, ctx.onInput),
  select: (m, ctx) => new Select(m, ctx.onInput),
  button: (m, ctx) => new Button(m, ctx.onInput),
};

export class PageView {
  /** `numbers` writes numbers in the page's digits: { number(value, options), numberText(text) } of
   *  labelsFor(lang) (i18n.js); English digits without it. */
  constructor(root, vendorURL, onInput, numbers = labelsFor("en")) {
    this.root = root;
    this.context = { vendorURL, onInput, numbers: { number: numbers.number, numberText: numbers.numberText } };
    this.items = new Map();               // key -> {kind, element, update}
  }

  clear() {
    this.items.clear();
    this.root.replaceChildren();
  }

  apply(messages) {
    for (const message of messages) {
      if (message.op === "append") {
        const item = this.items.get(message.key);
        if (item && item.kind === "line_chart") item.view.append(message.points);
        continue;
      }
      const make = ELEMENTS[message.op];
      if (!make) { console.warn("lmdocs.page: unknown message", message.op); continue; }
      const item = this.items.get(message.key);
      if (item && item.kind === message.op) { item.view.update(message); continue; }
      const view = make(message, this.context);
      if (item) item.view.element.replaceWith(view.element);   // same key, different kind
      else this.root.append(view.element);
      this.items.set(message.key, { kind: message.op, view });
    }
  }
}
