// Module Web Worker: Pyodide, the lmdocs wheel and glue.py. Runs one job at a time (the client
// queues them) and streams output back in batches, so the page never freezes.
// Messages (contract.js), page -> worker: INIT {pyodideURL, wheelsURL, glueURL, shared}
//                                          RUN {id, cell, page, code, filename, lang}
//                                          EVENT {id, cell, page, key, value, lang}
// worker -> page: PROGRESS {stage}, READY, STDOUT/STDERR {id, text}, PAGE {id, cell, batch}, INPUT {id, prompt},
//                 DONE {id, ok, error}, FATAL {id, message} (Pyodide is unusable: restart the worker).
import { OutputBatcher } from "./batcher.js";
import { FROM_WORKER, STAGES, TO_WORKER } from "./contract.js";

let pyodide = null;
let glue = null;
let session = null;           // glue.PageSession of the page whose cells run: namespace and callbacks
let sessionPage = null;
let current = { id: null, cell: "" };
let shared = null;            // {interrupt, lineState, lineBytes} when the page is cross-origin isolated

const post = (message) => self.postMessage(message);
const STREAMS = { stdout: FROM_WORKER.STDOUT, stderr: FROM_WORKER.STDERR };
const output = new OutputBatcher((stream, text) => post({ type: STREAMS[stream], id: current.id, text }));

/** input(): ask the page for a line and block until it is written into shared memory (undefined: none). */
function readLine(prompt) {
  Atomics.store(shared.lineState, 0, 0);
  output.flush();                                   // the prompt is shown before the box
  post({ type: FROM_WORKER.INPUT, id: current.id, prompt: String(prompt) });
  Atomics.wait(shared.lineState, 0, 0);
  if (Atomics.load(shared.lineState, 0) !== 1) { pyodide.checkInterrupt(); return undefined; }   // Stop: KeyboardInterrupt
  return new TextDecoder().decode(shared.lineBytes.slice(0, shared.lineState[1]));
}

async function init({ pyodideURL, wheelsURL, glueURL, shared: memory }) {
  const t0 = performance.now();
  post({ type: FROM_WORKER.PROGRESS, stage: STAGES.RUNTIME });
  // small files fetched while Pyodide starts
  const manifest = fetch(wheelsURL + "manifest.json").then((r) => r.json());
  const glueSource = fetch(glueURL).then((r) => r.text());
  manifest.catch(() => {});
  glueSource.catch(() => {});
  const { loadPyodide } = await import(pyodideURL + "pyodide.mjs");
  pyodide = await loadPyodide({ indexURL: pyodideURL });
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  for (const stream of ["stdout", "stderr"]) {
    const write = (bytes) => { output.write(stream, decoders[stream].decode(bytes, { stream: true })); return bytes.length; };
    const options = { write, isatty: true };  // isatty: Python flushes at every newline (live progress)
    stream === "stdout" ? pyodide.setStdout(options) : pyodide.setStderr(options);
  }
  const t1 = performance.now();
  post({ type: FROM_WORKER.PROGRESS, stage: STAGES.PACKAGE });
  const failures = [];
  try {
    await pyodide.loadPackage(wheelsURL + (await manifest).wheel,
      { messageCallback: () => {}, errorCallback: (message) => failures.push(message) });
  } catch (err) {
    failures.push(String(err));
  }
  const t2 = performance.now();
  pyodide.FS.mkdirTree("/lmdocs_runner");
  pyodide.FS.writeFile("/lmdocs_runner/_lmdocs_glue.py", await glueSource);
  pyodide.runPython("import sys; sys.path.append('/lmdocs_runner')");
  glue = pyodide.pyimport("_lmdocs_glue");
  const wheelOk = glue.has_lmdocs();
  shared = memory || null;
  if (shared) pyodide.setInterruptBuffer(shared.interrupt);
  glue.install_input(shared ? readLine : undefined);        // undefined: None in Python (null is JsNull)
  self.lmdocs_post = (batch) => post({ type: FROM_WORKER.PAGE, id: current.id, cell: current.cell, batch });
  post({
    type: FROM_WORKER.READY, wheelOk, failures,
    timings: { runtimeMs: t1 - t0, wheelMs: t2 - t1, totalMs: performance.now() - t0 },
    version: pyodide.version, interruptible: Boolean(shared),
  });
}

/** The session of `page`; a new page drops the previous one's namespace and callbacks. */
function sessionOf(page) {
  if (sessionPage === page) return session;
  if (session) session.destroy();
  session = glue.PageSession();
  sessionPage = page;
  return session;
}

async function job(message, call) {
  current = { id: message.id, cell: message.cell };
  if (shared) Atomics.store(shared.interrupt, 0, 0);        // a Stop meant for an earlier job
  output.begin();
  let answer;
  try {
    answer = JSON.parse(await call());
  } catch (err) {  // not a Python exception: Pyodide itself failed (for example out of memory)
    output.end();
    post({ type: FROM_WORKER.FATAL, id: message.id, message: String(err && err.message || err) });
    return;
  }
  output.end();
  post({ type: FROM_WORKER.DONE, id: message.id, dropped: output.dropped, ...answer });
}

self.onmessage = async ({ data }) => {
  if (data.type === TO_WORKER.INIT) {
    try { await init(data); } catch (err) { post({ type: FROM_WORKER.FATAL, id: null, message: String(err && err.message || err) }); }
  } else if (data.type === TO_WORKER.RUN) {
    await job(data, () => glue.run_cell(sessionOf(data.page), data.code, data.filename, data.cell, data.lang));
  } else if (data.type === TO_WORKER.EVENT) {
    await job(data, () => glue.dispatch(sessionOf(data.page), data.cell, data.key, JSON.stringify(data.value ?? null), data.lang));
  }
};
