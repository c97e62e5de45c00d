// The page's side of the Python worker: starts it on first need (or when the page is idle), queues
// jobs (one runs at a time), routes streamed output to the job's sink, and stops runaway code by
// terminating the worker and starting a fresh one. When the page is cross-origin isolated (the site's
// service worker adds the headers), Stop interrupts Python instead (Pyodide's interrupt buffer: a
// KeyboardInterrupt, the page's variables survive) and input() reads a line from a box in the cell's
// output (the worker blocks on a SharedArrayBuffer until the page writes the line).
// Streamed text reaches the page at most once per frame (TextFrames): a flood of output is merged
// into one DOM update per frame, so the page keeps answering the reader while Python prints.
import { FROM_WORKER, RESTART_REASONS, RESTARTED, STAGES, TO_WORKER } from "./contract.js";

const FRAME_CHARS = 32 * 1024;
const LINE_BYTES = 64 * 1024;       // the longest line input() takes (UTF-8 bytes)
const STOP_GRACE_MS = 1500;         // an interrupt not answered by then (Python inside C code): restart
const SIGINT = 2;

/** Shared memory with the worker, when the page may have it (cross-origin isolated). */
function sharedMemory() {
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer !== "function") return null;
  return {
    interrupt: new Uint8Array(new SharedArrayBuffer(1)),
    lineState: new Int32Array(new SharedArrayBuffer(8)),     // [0]: 0 waiting, 1 line ready, 2 cancelled; [1]: bytes
    lineBytes: new Uint8Array(new SharedArrayBuffer(LINE_BYTES)),
  };
}      // text handed to the page per frame (a flood arrives over a few frames)

/** Text for one sink, merged by stream and handed over once per animation frame (in order). */
export class TextFrames {
  constructor(deliver) {
    this.deliver = deliver;          // deliver(sink, stream, text)
    this.items = [];                 // [{sink, stream, text}] in arrival order
    this.scheduled = false;
  }

  push(sink, stream, text) {
    const last = this.items.at(-1);
    if (last && last.sink === sink && last.stream === stream) last.text += text;
    else this.items.push({ sink, stream, text });
    this.schedule();
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // requestAnimationFrame does not fire in a hidden tab: a timer then delivers instead
    const once = () => { if (this.scheduled) this.step(); };
    requestAnimationFrame(once);
    setTimeout(once, 200);
  }

  /** Hand over everything now (before a page message, the end of a job, or a restart). */
  flush() {
    this.scheduled = false;
    const items = this.items;
    this.items = [];
    for (const { sink, stream, text } of items) this.deliver(sink, stream, text);
  }

  /** Once per frame: hand over at most FRAME_CHARS characters, and the rest in the next frames. */
  step() {
    this.scheduled = false;
    let budget = FRAME_CHARS;
    while (this.items.length && budget > 0) {
      const item = this.items[0];
      if (item.text.length <= budget) { this.items.shift(); budget -= item.text.length; this.deliver(item.sink, item.stream, item.text); continue; }
      const cut = item.text.lastIndexOf("\n", budget) + 1 || budget;      // whole lines when it can
      this.deliver(item.sink, item.stream, item.text.slice(0, cut));
      item.text = item.text.slice(cut);
      budget = 0;
    }
    if (this.items.length) this.schedule();
  }
}

export class PythonWorker {
  /** urls: {worker, pyodide, wheels, glue, snapshot (false: never use nor make a memory snapshot)}; listeners get PROGRESS and READY messages and RESTARTED events. */
  constructor(urls) {
    this.urls = urls;
    this.listeners = new Set();
    this.worker = null;
    this.ready = null;          // Promise of the "ready" message, once started
    this.startedAt = 0;         // performance.now() when the current worker was created
    this.stage = STAGES.IDLE;   // one of STAGES
    this.generation = 0;        // increases at each restart: cells that ran before must run again
    this.queue = [];
    this.active = null;
    this.nextId = 1;
    this.frames = new TextFrames((sink, stream, text) => sink.text(stream, text));
    this.shared = null;         // sharedMemory() of the current worker, or null (Stop restarts, no input())
    this.stopTimer = 0;
  }

  /** True when Stop keeps Python's variables (interrupt) and input() works. */
  get interruptible() { return this.shared !== null; }

  on(listener) { this.listeners.add(listener); return () => this.listeners.delete(listener); }
  emit(event) { for (const listener of this.listeners) listener(event); }
  get busy() { return this.active !== null || this.queue.length > 0; }

  /** Start Pyodide if it is not started yet; resolves when Python is ready. */
  start() {
    if (this.ready) return this.ready;
    this.startedAt = performance.now();
    const worker = new Worker(this.urls.worker, { type: "module" });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => this.receive(worker, data, resolve, reject);
      worker.onerror = (event) => reject(new Error(`Python worker failed to start: ${event.message || "unknown error"}`));
    });
    this.ready.catch(() => {});
    this.shared = sharedMemory();
    worker.postMessage({ type: TO_WORKER.INIT, pyodideURL: this.urls.pyodide, wheelsURL: this.urls.wheels,
                         glueURL: this.urls.glue, shared: this.shared, snapshot: this.urls.snapshot !== false });
    return this.ready;
  }

  receive(worker, data, resolve, reject) {
    if (worker !== this.worker) return;                      // a message from a terminated worker
    if (data.type === FROM_WORKER.PROGRESS) { this.stage = data.stage; this.emit(data); return; }
    if (data.type === FROM_WORKER.READY) { this.onReady(data); resolve(data); return; }
    if (data.type === FROM_WORKER.SNAPSHOT) { this.onSnapshot(data); return; }
    if (data.type === FROM_WORKER.FATAL && data.id === null) { reject(new Error(data.message)); return; }
    const job = this.active;
    if (!job || data.id !== job.id) return;
    if (data.type === FROM_WORKER.STDOUT) { this.frames.push(job.sink, "stdout", data.text); return; }
    if (data.type === FROM_WORKER.STDERR) { this.frames.push(job.sink, "stderr", data.text); return; }
    this.frames.flush();                                      // text written before this message first
    if (data.type === FROM_WORKER.INPUT) { this.readLine(job, data.prompt); return; }
    if (data.type === FROM_WORKER.PAGE) job.sink.page(JSON.parse(data.batch));
    else if (data.type === FROM_WORKER.DONE) this.finish(job, data);
    else if (data.type === FROM_WORKER.FATAL) { this.active = null; job.resolve({ ok: false, fatal: data.message }); this.restart(RESTART_REASONS.CRASH); }
  }

  /** Python is ready. Its start-up goes into the browser's performance timeline (DevTools shows it;
   *  benchmarks/runner.py reads it): "lmdocs: Python start-up", detail {runtimeMs, wheelMs, wheelOk,
   *  start (PYTHON_STARTS: "restored" when it came from the saved snapshot), snapshotError}. */
  onReady(data) {
    this.stage = STAGES.READY;
    performance.measure("lmdocs: Python start-up", {
      start: this.startedAt, end: performance.now(),
      detail: { ...data.timings, wheelOk: data.wheelOk, start: data.start, snapshotError: data.snapshotError },
    });
    this.emit(data);
  }

  /** The snapshot made at this start is saved (or failed): a mark "lmdocs: Python snapshot", detail
   *  {saved, bytes, error}; tests wait for it before a second visit. */
  onSnapshot(data) {
    performance.mark("lmdocs: Python snapshot", { detail: { saved: data.saved, bytes: data.bytes, error: data.error } });
    this.emit(data);
  }

  /** Queue a job {type: RUN or EVENT, cell, ...} with its sink; resolves with the worker's answer. */
  submit(message, sink) {
    if (message.type === TO_WORKER.EVENT) {     // a newer value of the same input replaces a queued one
      const queued = this.queue.find((j) => j.message.type === TO_WORKER.EVENT && j.message.cell === message.cell && j.message.key === message.key);
      if (queued) { queued.message.value = message.value; return queued.promise; }
    }
    const job = { id: this.nextId++, message, sink };
    job.promise = new Promise((resolve) => { job.resolve = resolve; });
    this.queue.push(job);
    this.pump();
    return job.promise;
  }

  async pump() {
    if (this.active || this.queue.length === 0) return;
    const job = this.queue.shift();
    this.active = job;
    const generation = this.generation;
    try {
      await this.start();
    } catch (err) {
      this.active = null;
      job.resolve({ ok: false, fatal: String(err.message || err) });
      return this.pump();
    }
    if (generation !== this.generation || this.active !== job) return;  // stopped meanwhile
    job.sink.started?.();
    this.worker.postMessage({ ...job.message, id: job.id });
  }

  /** input() waits: ask the cell for a line (a box in its output), hand it to the worker. */
  async readLine(job, prompt) {
    const shared = this.shared;
    let line = null;
    try { line = job.sink.line ? await job.sink.line(prompt) : null; } catch { line = null; }
    if (this.shared !== shared || this.active !== job || Atomics.load(shared.lineState, 0) !== 0) return;
    if (line === null) { Atomics.store(shared.lineState, 0, 2); Atomics.notify(shared.lineState, 0); return; }
    let bytes = new TextEncoder().encode(line);
    if (bytes.length > LINE_BYTES) bytes = bytes.slice(0, LINE_BYTES);
    shared.lineBytes.set(bytes);
    shared.lineState[1] = bytes.length;
    Atomics.store(shared.lineState, 0, 1);
    Atomics.notify(shared.lineState, 0);
  }

  /** Stop: interrupt Python when the page can (KeyboardInterrupt, variables kept), else restart it. */
  stop() {
    if (!this.interruptible || !this.active) { this.restart(RESTART_REASONS.STOP); return; }
    const job = this.active;                                   // cells queued behind it still run
    Atomics.store(this.shared.interrupt, 0, SIGINT);
    Atomics.store(this.shared.lineState, 0, 2);                // an input() waiting gives up
    Atomics.notify(this.shared.lineState, 0);
    clearTimeout(this.stopTimer);
    this.stopTimer = setTimeout(() => { if (this.active === job) this.restart(RESTART_REASONS.STOP); }, STOP_GRACE_MS);
  }

  finish(job, answer) {
    clearTimeout(this.stopTimer);
    this.stopTimer = 0;
    this.active = null;
    job.resolve(answer);
    this.pump();
  }

  /** Stop everything: terminate the worker (state is lost), fail queued jobs, start a fresh worker. */
  restart(reason) {
    if (reason === RESTART_REASONS.STOP && this.interruptible && this.active && !this.stopTimer) { this.stop(); return; }
    clearTimeout(this.stopTimer);
    this.stopTimer = 0;
    const jobs = [this.active, ...this.queue].filter(Boolean);
    this.frames.flush();
    this.active = null;
    this.queue = [];
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
    this.stage = STAGES.IDLE;
    this.generation += 1;
    for (const job of jobs) job.resolve({ ok: false, stopped: true });
    this.emit({ type: RESTARTED, reason });
    this.start();                                           // warm again for the next run
  }
}
