// A cell's output panel: page elements (charts, tables, inputs) first, then streamed text. Text is
// always inserted as text nodes (never parsed as HTML) and capped, so a flood cannot freeze the page.
import { PageView } from "./bridge/view.js";
import { MAX_CHARS } from "./batcher.js";
import { appendStreamText, LineWriter, PERSIAN } from "./stream-text.js";

/** Set a <pre>'s text again line by line (see LineWriter), once per text it is given. */
function setPersianLines(pre) {
  if (pre.childElementCount || !PERSIAN.test(pre.textContent)) return;
  const text = pre.textContent;
  pre.replaceChildren();
  new LineWriter(pre).write(text);
}

export class OutputPanel {
  constructor(root, labels, vendorURL, onInput) {
    this.labels = labels;
    this.root = root;
    root.classList.add("pyrun-output");
    root.setAttribute("aria-live", "polite");
    root.setAttribute("aria-label", labels.output);
    this.elements = document.createElement("div");
    this.elements.className = "pyrun-elements";
    this.text = document.createElement("pre");
    this.text.className = "pyrun-text";
    this.errors = document.createElement("div");
    this.notes = document.createElement("div");
    this.notes.className = "pyrun-notes";
    root.append(this.elements, this.text, this.errors, this.notes);
    this.view = new PageView(this.elements, vendorURL, onInput, labels);
    this.clear();
  }

  /** Remove everything (a new run of the cell). */
  clear() {
    this.clearText();
    this.notes.replaceChildren();
    this.errors.replaceChildren();
    this.view.clear();
    this.root.hidden = true;
  }

  /** Remove the streamed text only (an input's callback re-renders it; elements stay). */
  clearText() {
    this.text.replaceChildren();
    this.lines = null;
    this.shown = 0;
    this.dropped = 0;
    this.text.hidden = true;
  }

  /** Remove text, errors and notes, keep elements (before an input's callback runs). */
  clearMessages() {
    this.clearText();
    this.errors.replaceChildren();
    this.notes.replaceChildren();
  }

  append(stream, text) {
    const room = MAX_CHARS - this.shown;
    if (room <= 0) { this.dropped += text.length; return; }
    if (text.length > room) { this.dropped += text.length - room; text = text.slice(0, room); }
    this.shown += text.length;
    appendStreamText(this.text, stream, text);   // stream-text.js: block by block (big output stays fast)
    this.show(this.text);
    this.text.scrollTop = this.text.scrollHeight;
  }

  /** input(): a one-line box after the text; resolves with what the reader typed (Enter). */
  askLine(prompt) {
    const form = document.createElement("form");
    form.className = "pyrun-input-line";
    const box = document.createElement("input");
    box.type = "text";
    box.dir = "auto";
    box.autocomplete = "off";
    box.setAttribute("aria-label", prompt || this.labels.output);
    form.append(box);
    this.notes.append(form);                  // cleared with the notes when the cell runs again
    this.root.hidden = false;
    box.focus({ preventScroll: true });
    return new Promise((resolve) => {
      form.addEventListener("submit", (event) => { event.preventDefault(); form.remove(); resolve(box.value); });
    });
  }

  /** Draw a batch of lmdocs.page messages. */
  page(messages) {
    this.view.apply(messages);
    this.root.hidden = false;
    for (const pre of this.elements.querySelectorAll("pre.pyrun-plain")) setPersianLines(pre);
    markWideElements(this.elements);
  }

  /** A note from the runner (stopped, prerequisites, truncation): plain text, styled by kind. */
  note(text, kind = "info") {
    const p = document.createElement("p");
    p.className = `pyrun-note pyrun-note--${kind}`;
    p.textContent = text;
    this.notes.append(p);
    this.root.hidden = false;
  }

  /** Show a Python error: the traceback limited to the reader's cells, then what to do. */
  error(error) {
    const box = document.createElement("pre");
    box.className = "pyrun-error";
    box.textContent = error.traceback || `${error.type}: ${error.message}\n`;
    this.errors.append(box);
    if (error.missing_module) this.note(this.labels.missingModule(error.missing_module), "error");
    this.root.hidden = false;
  }

  /** Called when a run ends: say how much output was not shown. */
  finish(droppedInWorker = 0) {
    const dropped = this.dropped + droppedInWorker;
    if (dropped > 0) this.note(this.labels.truncated(dropped), "warning");
  }

  show(element) { element.hidden = false; this.root.hidden = false; }
}

// A table or heatmap wider than its cell scrolls inside it; data-pyrun-more names the side(s) where
// more of it is hidden ("left", "right"), which runner.css shows as a shadow on that edge.
const WIDE = "figure.pyrun-table, figure.pyrun-heatmap";
const watched = new WeakSet();
const resizes = "ResizeObserver" in window ? new ResizeObserver((entries) => {
  for (const entry of entries) markMore(entry.target);
}) : null;

function markMore(box) {
  const hidden = box.scrollWidth - box.clientWidth;
  if (hidden < 1) { box.removeAttribute("data-pyrun-more"); box.removeAttribute("tabindex"); return; }
  // scrollLeft is 0 at the start of the box and negative towards the left in a right-to-left box.
  const rtl = getComputedStyle(box).direction === "rtl";
  const fromLeft = rtl ? hidden + box.scrollLeft : box.scrollLeft;
  const sides = [];
  if (fromLeft > 1) sides.push("left");
  if (hidden - fromLeft > 1) sides.push("right");
  box.setAttribute("data-pyrun-more", sides.join(" "));
  box.tabIndex = 0;                 // a scrolling region can be scrolled with the keyboard
}

function markWideElements(root) {
  for (const box of root.querySelectorAll(WIDE)) {
    if (!watched.has(box)) {
      watched.add(box);
      box.addEventListener("scroll", () => markMore(box), { passive: true });
      resizes?.observe(box);
    }
    markMore(box);
  }
}
