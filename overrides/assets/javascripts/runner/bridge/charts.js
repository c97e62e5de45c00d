// Line and bar charts for lmdocs.page, drawn with the vendored Chart.js. Live updates (chart.append in
// a training loop) are merged and redrawn at most once per animation frame. Chart.js writes numbers
// (ticks, tooltips) in English ("1,234.5"); numbers.numberText (PageView) puts them in the page's digits.
import { loadScript } from "../load.js";

const PALETTE = ["#3f51b5", "#ff5722", "#009688", "#9c27b0", "#795548", "#607d8b", "#e91e63", "#8bc34a"];

function chartLibrary(vendorURL) {
  return loadScript(vendorURL + "chart.js/chart.umd.min.js").then(() => window.Chart);
}

function frame(title) {
  const figure = document.createElement("figure");
  figure.className = "pyrun-chart";
  figure.dir = "ltr";
  const box = document.createElement("div");
  box.className = "pyrun-chart-box";
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", title || "chart");
  box.append(canvas);
  figure.append(box);
  return { figure, canvas };
}

function axis(title) {
  return { display: Boolean(title), text: title };
}

/** Ticks of a numeric axis: Chart.js's own labels, in the page's digits. */
function numericTicks(numberText) {
  return {
    callback(value, index, ticks) {
      return numberText(window.Chart.Ticks.formatters.numeric.call(this, value, index, ticks));
    },
  };
}

/** Tooltip lines "series: value" with the value in the page's digits; `numericTitle`: the title is the
 *  x value (a line chart), not a category name from Python (a bar chart). */
function tooltip(numberText, numericTitle) {
  const callbacks = {
    label: (item) => (item.dataset.label ? `${item.dataset.label}: ` : "") + numberText(item.formattedValue),
  };
  if (numericTitle) callbacks.title = (items) => (items.length ? numberText(items[0].label) : "");
  return { callbacks };
}

/** A Chart.js chart whose data may arrive before the library has loaded. */
class ChartElement {
  constructor(vendorURL, config) {
    const { figure, canvas } = frame(config.options.plugins.title.text);
    this.element = figure;
    this.config = config;
    this.chart = null;
    this.scheduled = false;
    chartLibrary(vendorURL).then((Chart) => { this.chart = new Chart(canvas, this.config); });
  }

  redraw() {
    if (!this.chart || this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => { this.scheduled = false; this.chart.update("none"); });
  }
}

function lineDataset(name, points, index) {
  const color = PALETTE[index % PALETTE.length];
  return { label: name, data: points.map(([x, y]) => ({ x, y })), borderColor: color, backgroundColor: color,
           pointRadius: points.length > 50 ? 0 : 2, borderWidth: 2, tension: 0 };
}

export class LineChart extends ChartElement {
  constructor(vendorURL, message, { numberText }) {
    const ticks = numericTicks(numberText);
    super(vendorURL, {
      type: "line",
      data: { datasets: [] },
      options: {
        animation: false, maintainAspectRatio: false, parsing: false, locale: "en",
        scales: { x: { type: "linear", title: axis(message.x_label), ticks },
                  y: { title: axis(message.y_label), ticks } },
        plugins: { title: { display: Boolean(message.title), text: message.title },
                   tooltip: tooltip(numberText, true) },
      },
    });
    this.update(message);
  }

  update(message) {
    const { options, data } = this.config;
    options.plugins.title = { display: Boolean(message.title), text: message.title };
    options.scales.x.title = axis(message.x_label);
    options.scales.y.title = axis(message.y_label);
    data.datasets = Object.entries(message.series).map(([name, points], i) => lineDataset(name, points, i));
    this.redraw();
  }

  append(points) {
    const datasets = this.config.data.datasets;
    for (const [name, list] of Object.entries(points)) {
      let dataset = datasets.find((d) => d.label === name);
      if (!dataset) { dataset = lineDataset(name, [], datasets.length); datasets.push(dataset); }
      for (const [x, y] of list) dataset.data.push({ x, y });
      if (dataset.data.length > 50) dataset.pointRadius = 0;
    }
    this.redraw();
  }
}

export class BarChart extends ChartElement {
  constructor(vendorURL, message, { numberText }) {
    super(vendorURL, {
      type: "bar",
      data: { labels: [], datasets: [] },
      options: { animation: false, maintainAspectRatio: false, locale: "en",
                 plugins: { legend: { display: false }, title: {}, tooltip: tooltip(numberText, false) } },
    });
    this.ticks = numericTicks(numberText);
    this.update(message);
  }

  update(message) {
    const { options, data } = this.config;
    options.indexAxis = message.horizontal ? "y" : "x";
    options.scales = { [message.horizontal ? "x" : "y"]: { ticks: this.ticks } };   // the value axis
    options.plugins.title = { display: Boolean(message.title), text: message.title };
    data.labels = message.labels;
    data.datasets = [{ label: message.title || "", data: message.values, backgroundColor: PALETTE[0] }];
    this.element.querySelector(".pyrun-chart-box").style.height = message.horizontal
      ? `${Math.max(160, 24 * message.labels.length + 60)}px` : "";
    this.redraw();
  }
}
