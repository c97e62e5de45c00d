// Text-based elements of lmdocs.page: table, plain text, coloured tokens, heatmap. Everything is
// inserted with textContent, so text from Python is never interpreted as HTML.

function titled(tag, className, title) {
  const figure = document.createElement("figure");
  figure.className = className;
  const body = document.createElement(tag);
  if (title) {
    const caption = document.createElement("figcaption");
    caption.textContent = title;
    figure.append(caption);
  }
  figure.append(body);
  return { figure, body };
}

function cell(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  element.dir = "auto";
  return element;
}

export class Table {
  constructor(message) { this.element = document.createElement("div"); this.update(message); }

  update({ rows, headers, title }) {
    const { figure, body } = titled("table", "pyrun-table", title);
    if (headers) {
      const head = body.createTHead().insertRow();
      for (const text of headers) head.append(cell("th", text));
    }
    const tbody = body.createTBody();
    for (const row of rows) {
      const tr = tbody.insertRow();
      for (const text of row) tr.append(cell("td", text));
    }
    this.element.replaceChildren(figure);
  }
}

export class PlainText {
  constructor(message) {
    this.element = document.createElement("pre");
    this.element.className = "pyrun-plain";
    this.update(message);
  }

  update({ text }) { this.element.textContent = text; }
}

export class Tokens {
  /** A chip's title is its token id, in the page's digits (`numbers.number`). */
  constructor(message, numbers) {
    this.number = numbers.number;
    this.element = document.createElement("div");
    this.element.className = "pyrun-tokens";
    this.element.dir = "auto";
    this.update(message);
  }

  update({ pieces, ids }) {
    const chips = pieces.map((piece, i) => {
      const chip = document.createElement("span");
      const colour = ids ? ids[i] : i;
      chip.className = "pyrun-token";
      chip.style.setProperty("--pyrun-token-hue", String((colour * 137) % 360));
      chip.textContent = piece.replace(/ /g, "\u2423");      // show spaces as ␣
      if (ids) chip.title = this.number(ids[i]);
      return chip;
    });
    this.element.replaceChildren(...chips);
  }
}

export class Heatmap {
  /** `numbers.number(value, { fractionDigits })` writes a cell's value in the page's digits. */
  constructor(message, numbers) {
    this.element = document.createElement("div");
    this.number = numbers.number;
    this.update(message);
  }

  update({ matrix, x_labels: xLabels, y_labels: yLabels, title }) {
    const { figure, body } = titled("table", "pyrun-heatmap", title);
    figure.dir = "ltr";
    const values = matrix.flat();
    const lo = Math.min(...values, 0);
    const hi = Math.max(...values, lo + 1e-12);
    const head = body.createTHead().insertRow();
    head.append(cell("th", ""));
    for (const label of xLabels) head.append(cell("th", label));
    const tbody = body.createTBody();
    matrix.forEach((row, r) => {
      const tr = tbody.insertRow();
      tr.append(cell("th", yLabels[r]));
      for (const value of row) {
        const td = document.createElement("td");
        const strength = (value - lo) / (hi - lo);
        td.style.setProperty("--pyrun-heat", strength.toFixed(3));
        td.title = this.number(value, { fractionDigits: 3 });
        td.className = strength > 0.55 ? "pyrun-heat pyrun-heat--dark" : "pyrun-heat";
        td.textContent = this.number(value, { fractionDigits: 2 });
        tr.append(td);
      }
    });
    this.element.replaceChildren(figure);
  }
}
