// One runnable block on the page: its toolbar (Run, Stop, Reset, status), editor and output panel.
// The hook hooks/pyrun.py renders <div class="pyrun" data-pyrun-config="{json}"> around a static copy of the code.
import { CELL, checkTransition } from "./contract.js";
import { createEditor } from "./editor.js";
import { OutputPanel } from "./output.js";

function button(text, title, className, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `pyrun-button ${className}`;
  element.textContent = text;
  element.title = title;
  element.addEventListener("click", onClick);
  return element;
}

export class Cell {
  /** root: the hook's <div class="pyrun">; actions: {run, stop, input} callbacks of the notebook. */
  constructor(root, index, { labels, vendorURL, pageKey, actions }) {
    const config = JSON.parse(root.dataset.pyrunConfig);
    this.root = root;
    this.index = index;
    this.number = index + 1;
    this.id = `${pageKey}/${this.number}`;
    this.original = config.code;
    this.autorun = Boolean(config.autorun);
    this.labels = labels;
    this.ranIn = null;              // worker generation in which this cell last ran without error
    this.state = CELL.IDLE;
    this.build(config, vendorURL, actions);
  }

  build(config, vendorURL, actions) {
    const { labels, root } = this;
    root.classList.add("pyrun--live");
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", `${labels.editor} ${labels.number(this.number)}`);
    this.editorHost = document.createElement("div");
    this.editorHost.className = "pyrun-editor";
    const bar = document.createElement("div");
    bar.className = "pyrun-bar";
    this.runButton = button(labels.run, labels.runTitle, "pyrun-run", () => actions.run(this));
    this.runButton.setAttribute("aria-keyshortcuts", "Shift+Enter Control+Enter");
    this.stopButton = button(labels.stop, labels.stopTitle, "pyrun-stop", () => actions.stop(this));
    this.resetButton = button(labels.reset, labels.resetTitle, "pyrun-reset", () => this.reset());
    this.progress = document.createElement("progress");
    this.progress.className = "pyrun-progress";
    this.progress.max = 3;
    this.progress.hidden = true;
    this.statusText = document.createElement("span");
    this.statusText.className = "pyrun-status";
    this.statusText.setAttribute("role", "status");
    bar.append(this.runButton, this.stopButton, this.resetButton, this.progress, this.statusText);
    if (config.title) {
      const title = document.createElement("div");
      title.className = "pyrun-title";
      title.textContent = config.title;
      root.append(title);
    }
    const outputRoot = document.createElement("div");
    this.output = new OutputPanel(outputRoot, labels, vendorURL, (key, value) => actions.input(this, key, value));
    root.append(this.autorun ? this.foldedCode(config.code) : this.editorHost, bar, outputRoot);
    this.setState(CELL.IDLE);
    this.editorReady = createEditor(this.editorHost, this.original, {
      vendorURL, label: `${labels.editor} ${labels.number(this.number)}`, onRun: () => actions.run(this),
      onLeave: () => this.runButton.focus(),
    }).then((editor) => {
      this.editor = editor;
      root.querySelector(":scope > .pyrun-static")?.remove();
      return editor;
    });
  }

  /** A demo's program is long and the reader came for what it draws: its editor starts folded. */
  foldedCode(code) {
    const details = document.createElement("details");
    details.className = "pyrun-code";
    const summary = document.createElement("summary");
    summary.textContent = this.labels.showCode(code.split("\n").length);
    details.append(summary, this.editorHost);
    // CodeMirror cannot measure itself while folded: measure again when the reader opens it.
    details.addEventListener("toggle", () => { if (details.open) this.editor?.cm?.refresh(); });
    // A printed page shows the demo's code too; it is folded again afterwards.
    window.addEventListener("beforeprint", () => {
      if (!details.isConnected || details.open) return;
      details.open = true;
      window.addEventListener("afterprint", () => { details.open = false; }, { once: true });
    });
    return details;
  }

  async code() { return (await this.editorReady).getValue(); }

  /** Move to `state` (one of CELL, along STATES: anything else throws) and show `status`. */
  setState(state, status = "") {
    checkTransition(this.state, state);
    this.state = state;
    this.root.dataset.pyrunState = state;
    this.runButton.disabled = this.busy;
    this.stopButton.disabled = !this.busy;
    this.status(status);
  }

  /** Waiting to run or running. */
  get busy() { return this.state === CELL.QUEUED || this.state === CELL.RUNNING; }

  status(text, stage = 0) {
    this.statusText.textContent = text;
    this.progress.hidden = !(stage > 0 && stage < 3);
    this.progress.value = stage;
  }

  async reset() {
    (await this.editorReady).setValue(this.original);
    this.output.clear();
    if (!this.busy) this.setState(CELL.IDLE);
  }
}
