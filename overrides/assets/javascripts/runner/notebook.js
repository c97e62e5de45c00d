// The runnable cells of one page, run like a notebook: they share one Python namespace in page
// order. Running a cell first runs every earlier (non-demo) cell that has not run since Python
// (re)started; if one of them fails, the cell is not run and says which one to fix. Demo cells
// (autorun) are self-contained: they start when scrolled into view and never run other cells.
import { Cell } from "./cell.js";
import { CELL, FROM_WORKER, RESTART_REASONS, RESTARTED, STAGES, TO_WORKER } from "./contract.js";

const PROGRESS = { [STAGES.IDLE]: 1, [STAGES.RUNTIME]: 1, [STAGES.PACKAGE]: 2, [STAGES.READY]: 3 };

export class Notebook {
  constructor(roots, worker, { labels, lang, vendorURL, pageKey }) {
    this.worker = worker;
    this.labels = labels;
    this.lang = lang;
    this.pageKey = pageKey;
    const actions = {
      run: (cell) => this.run(cell),
      stop: () => this.worker.restart(RESTART_REASONS.STOP),
      input: (cell, key, value) => this.input(cell, key, value),
    };
    this.cells = roots.map((root, i) => new Cell(root, i, { labels, vendorURL, pageKey, actions }));
    this.unsubscribe = worker.on((event) => this.onWorkerEvent(event));
    this.observer = null;
    this.watchAutorun();
  }

  onWorkerEvent(event) {
    if (event.type === FROM_WORKER.PROGRESS || event.type === FROM_WORKER.READY) {
      const stage = PROGRESS[event.type === FROM_WORKER.READY ? STAGES.READY : event.stage];
      const text = { 1: this.labels.stageRuntime, 2: this.labels.stagePackage, 3: "" }[stage];
      for (const cell of this.cells) if (cell.state === CELL.QUEUED) cell.status(text, stage);
      if (event.type === FROM_WORKER.READY && !event.wheelOk) {
        console.warn("lmdocs runner:", this.labels.wheelFailed, event.failures);
        for (const cell of this.cells) if (cell.state === CELL.QUEUED) cell.output.note(this.labels.wheelFailed, "error");
      }
    } else if (event.type === RESTARTED && event.reason === RESTART_REASONS.STOP) {
      for (const cell of this.cells) if (cell.busy) this.halt(cell, this.labels.stopped);
    } else if (event.type === RESTARTED && event.reason === RESTART_REASONS.CRASH) {
      // the cell that crashed Python ends in error (finish); the cells that waited behind it do not run
      for (const cell of this.cells) if (cell.state === CELL.QUEUED) this.halt(cell, this.labels.crashed);
    }
  }

  halt(cell, note) {
    cell.output.note(note, "warning");
    cell.setState(CELL.IDLE);
  }

  /** Earlier cells that must run before `cell` (not yet run without error since Python started). */
  prerequisites(cell) {
    if (cell.autorun) return [];
    return this.cells.slice(0, cell.index).filter((c) => !c.autorun && c.ranIn !== this.worker.generation);
  }

  async run(cell, { alone = false } = {}) {
    if (cell.busy) return;
    const before = alone ? [] : this.prerequisites(cell).filter((c) => !c.busy);
    for (const c of [...before, cell]) { c.output.clear(); c.setState(CELL.QUEUED, this.labels.waiting); }
    for (const c of before) {
      c.output.note(this.labels.prerequisite(cell.number), "info");
      const ok = await this.execute(c);
      if (!ok) {
        for (const rest of [...before.slice(before.indexOf(c) + 1), cell]) {
          if (rest.state !== CELL.QUEUED) continue;
          rest.setState(CELL.IDLE);
          if (c.state === CELL.ERROR) rest.output.note(this.labels.earlierFailed(c.number), "error");
        }
        return false;
      }
    }
    if (before.length) cell.output.note(this.labels.ranEarlier(before.map((c) => this.labels.number(c.number)).join(this.lang === "fa" ? "، " : ", ")), "info");
    return this.execute(cell);
  }

  /** Run one cell now (queued behind whatever runs); true when it finished without error. */
  async execute(cell) {
    const generation = this.worker.generation;
    let started = 0;
    const sink = this.sink(cell, () => { started = performance.now(); });
    if (this.worker.stage !== STAGES.READY) this.onWorkerEvent({ type: FROM_WORKER.PROGRESS, stage: this.worker.stage });
    const answer = await this.worker.submit({
      type: TO_WORKER.RUN, cell: cell.id, page: this.pageKey, code: await cell.code(),
      filename: `<cell ${cell.number}>`, lang: this.lang,
    }, sink);
    return this.finish(cell, answer, generation, started);
  }

  sink(cell, onStart) {
    return {
      started: () => { onStart(); cell.setState(CELL.RUNNING, this.labels.running); },
      text: (stream, text) => cell.output.append(stream, text),
      page: (messages) => cell.output.page(messages),
      line: (prompt) => cell.output.askLine(prompt),        // input() (worker-client.js readLine)
    };
  }

  finish(cell, answer, generation, started) {
    cell.output.finish(answer.dropped || 0);
    if (answer.stopped) return false;
    if (answer.fatal) {
      cell.output.note(this.labels.crashed, "error");
      console.warn("lmdocs runner: Python crashed:", answer.fatal);
      cell.setState(CELL.ERROR, this.labels.failed);
      return false;
    }
    if (!answer.ok) {
      cell.output.error(answer.error);
      cell.ranIn = null;
      cell.setState(CELL.ERROR, this.labels.failed);
      return false;
    }
    cell.ranIn = generation;
    cell.setState(CELL.OK, this.labels.done(Math.round(performance.now() - started)));
    return true;
  }

  /** The reader changed an input made by lmdocs.page: call its Python callback. */
  async input(cell, key, value) {
    const generation = this.worker.generation;
    let started = 0;
    const sink = this.sink(cell, () => { started = performance.now(); cell.output.clearMessages(); });
    const answer = await this.worker.submit({ type: TO_WORKER.EVENT, cell: cell.id, page: this.pageKey, key, value, lang: this.lang }, sink);
    if (!answer.ok && answer.error) cell.output.note(this.labels.callbackFailed, "error");
    return this.finish(cell, answer, generation, started);
  }

  watchAutorun() {
    const demos = this.cells.filter((c) => c.autorun);
    if (!demos.length || !("IntersectionObserver" in window)) return;
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const cell = demos.find((c) => c.root === entry.target);
        this.observer.unobserve(entry.target);
        this.run(cell, { alone: true });
      }
    }, { threshold: 0 });            // any visible part: a long demo can be taller than the window
    for (const cell of demos) this.observer.observe(cell.root);
  }

  owns(root) { return this.cells.some((cell) => cell.root === root); }

  /** The page is being left (instant navigation): stop watching; running code is stopped. */
  dispose() {
    this.unsubscribe();
    if (this.observer) this.observer.disconnect();
    if (this.worker.busy) this.worker.restart(RESTART_REASONS.NAVIGATE);
  }
}
