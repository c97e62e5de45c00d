// Inputs of lmdocs.page: slider, text box, select, button. A change calls onInput(key, value); the
// runner then calls the Python callback in the worker (only when no other code is running).

let serial = 0;

function labelled(labelText, control) {
  const label = document.createElement("label");
  label.className = "pyrun-input";
  const id = `pyrun-input-${++serial}`;
  control.id = id;
  label.htmlFor = id;
  const caption = document.createElement("span");
  caption.className = "pyrun-input-label";
  caption.textContent = labelText;
  label.append(caption, control);
  return { label, caption };
}

export class Slider {
  /** The readout shows the value in the page's digits (`numbers.number`, see PageView). */
  constructor(message, onInput, numbers) {
    this.number = numbers.number;
    this.input = document.createElement("input");
    this.input.type = "range";
    this.value = document.createElement("output");
    const { label, caption } = labelled(message.label, this.input);
    this.caption = caption;
    label.append(this.value);
    this.element = label;
    this.input.addEventListener("input", () => {
      this.value.textContent = this.number(Number(this.input.value));
      onInput(this.key, Number(this.input.value));
    });
    this.update(message);
  }

  update({ key, label, min, max, step, value }) {
    this.key = key;
    this.caption.textContent = label;
    Object.assign(this.input, { min, max, step });
    this.input.value = value;
    this.value.textContent = this.number(value);
  }
}

export class TextInput {
  constructor(message, onInput) {
    this.input = document.createElement("input");
    this.input.type = "text";
    this.input.dir = "auto";
    const { label, caption } = labelled(message.label, this.input);
    this.caption = caption;
    this.element = label;
    this.input.addEventListener("change", () => onInput(this.key, this.input.value));
    this.update(message);
  }

  update({ key, label, value }) {
    this.key = key;
    this.caption.textContent = label;
    this.input.value = value;
  }
}

export class Select {
  constructor(message, onInput) {
    this.input = document.createElement("select");
    const { label, caption } = labelled(message.label, this.input);
    this.caption = caption;
    this.element = label;
    this.input.addEventListener("change", () => onInput(this.key, this.input.value));
    this.update(message);
  }

  update({ key, label, options, value }) {
    this.key = key;
    this.caption.textContent = label;
    this.input.replaceChildren(...options.map((text) => new Option(text, text)));
    this.input.value = value;
  }
}

export class Button {
  constructor(message, onInput) {
    this.element = document.createElement("button");
    this.element.type = "button";
    this.element.className = "md-button pyrun-widget-button";
    this.element.addEventListener("click", () => onInput(this.key, null));
    this.update(message);
  }

  update({ key, label }) {
    this.key = key;
    this.element.textContent = label;
  }
}
