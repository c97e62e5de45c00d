// Module Web Worker: Pyodide, the lmdocs wheel and glue.py. Runs one job at a time (the client
// queues them) and streams output back in batches, so the page never freezes.
// Python starts from a memory snapshot when this build's one is saved (snapshot.js), and makes one
// when not: the first visit pays for a start, later ones restore it (issue 16.2).
// Messages (contract.js), page -> worker: INIT {pyodideURL, wheelsURL, glueURL, shared, snapshot}
//                                          RUN {id, cell, page, code, filename, lang}
//                                          EVENT {id, cell, page, key, value, lang}
// worker -> page: PROGRESS {stage}, READY {start, ...}, SNAPSHOT {saved}, STDOUT/STDERR {id, text},
//                 PAGE {id, cell, batch}, INPUT {id, prompt},
//                 DONE {id, ok, error}, FATAL {id, message} (Pyodide is unusable: restart the worker).
import { OutputBatcher } from "./batcher.js";
import { FROM_WORKER, PYTHON_STARTS, STAGES, TO_WORKER } from "./contract.js";
import { dropSnapshot, findSnapshot, saveSnapshot, snapshotBytes, snapshotKey, snapshotsPossible } from "./snapshot.js";

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

const GLUE_DIR = "/lmdocs_runner";
const WHEEL = `${GLUE_DIR}/lmdocs.whl`;
const ok = (response) => { if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`); return response; };

/** The small files every start needs, fetched while Pyodide starts: the wheel's manifest
 *  ({wheel, sha256}), the wheel's bytes and glue.py's text (promises). */
function fetchFiles(wheelsURL, glueURL) {
  const manifest = fetch(wheelsURL + "manifest.json").then(ok).then((r) => r.json());
  const wheel = manifest.then((m) => fetch(wheelsURL + m.wheel)).then(ok).then((r) => r.arrayBuffer());
  const glueSource = fetch(glueURL).then(ok).then((r) => r.text());
  for (const promise of [manifest, wheel, glueSource]) promise.catch(() => {});
  return { manifest, wheel, glueSource };
}

function setStreams() {
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  for (const stream of ["stdout", "stderr"]) {
    const write = (bytes) => { output.write(stream, decoders[stream].decode(bytes, { stream: true })); return bytes.length; };
    const options = { write, isatty: true };  // isatty: Python flushes at every newline (live progress)
    stream === "stdout" ? pyodide.setStdout(options) : pyodide.setStderr(options);
  }
}

/** Put the wheel and the glue into Pyodide's file system. Python imports lmdocs from the wheel
 *  itself (zipimport: one file to write, nothing to unpack; importlib.resources reads its data files
 *  from it). A snapshot holds memory, not files: a restored Python needs them again for what it
 *  imports or reads later (the same bytes: the snapshot's key names the wheel's SHA-256).
 *  Returns the failures. */
async function installFiles(files) {
  const failures = [];
  pyodide.FS.mkdirTree(GLUE_DIR);
  try {
    pyodide.FS.writeFile(WHEEL, new Uint8Array(await files.wheel));
  } catch (err) {
    failures.push(String(err && err.message || err));
  }
  pyodide.FS.writeFile(`${GLUE_DIR}/_lmdocs_glue.py`, await files.glueSource);
  pyodide.runPython(`import sys, importlib
for entry in ('${GLUE_DIR}', '${WHEEL}'):
    if entry not in sys.path: sys.path.insert(0, entry)
importlib.invalidate_caches()`);
  glue = pyodide.pyimport("_lmdocs_glue");
  return failures;
}

/** Start Python: restored from `saved` (a snapshot's Response), or else started afresh (with
 *  `_makeSnapshot` when a snapshot is to be made of it). Returns the wheel's failures and timings. */
async function startPython(loadPyodide, indexURL, files, saved, makeSnapshot) {
  const t0 = performance.now();
  pyodide = null;
  pyodide = saved ? await loadPyodide({ indexURL, _loadSnapshot: snapshotBytes(saved) })
                  : await loadPyodide({ indexURL, _makeSnapshot: makeSnapshot });
  setStreams();
  const t1 = performance.now();
  post({ type: FROM_WORKER.PROGRESS, stage: STAGES.PACKAGE });
  const failures = await installFiles(files);
  if (saved && pyodide.runPython("1 + 1") !== 2) throw new Error("the restored Python does not answer");
  if (!saved) glue.preload();                      // what the snapshot should hold: lmdocs.page
  return { failures, runtimeMs: t1 - t0, wheelMs: performance.now() - t1 };
}

/** Take the snapshot of the Python just started and save it (reported with SNAPSHOT when done).
 *  Before anything of the page's is handed to Python: a snapshot holds no JavaScript callbacks.
 *  Returns the milliseconds the copy took (the save goes on while the reader's cell runs). */
function makeSnapshot(key) {
  const t0 = performance.now();
  const report = (detail) => post({ type: FROM_WORKER.SNAPSHOT, key, ...detail });
  let bytes;
  try {
    bytes = pyodide.makeMemorySnapshot();
  } catch (err) {
    report({ saved: false, error: String(err && err.message || err) });
    return performance.now() - t0;
  }
  saveSnapshot(key, bytes).then(() => report({ saved: true, bytes: bytes.length }),
                                (err) => report({ saved: false, error: String(err && err.message || err) }));
  return performance.now() - t0;
}

/** Where this build's snapshot is kept, or null when this start neither uses nor makes one. */
async function snapshotKeyFor(wanted, version, files, scope) {
  if (!wanted || !snapshotsPossible()) return null;
  try { return await snapshotKey(scope, version, await files.manifest, await files.glueSource); } catch { return null; }
}

async function init({ pyodideURL, wheelsURL, glueURL, shared: memory, snapshot = true }) {
  const t0 = performance.now();
  post({ type: FROM_WORKER.PROGRESS, stage: STAGES.RUNTIME });
  const files = fetchFiles(wheelsURL, glueURL);
  const { loadPyodide, version } = await import(pyodideURL + "pyodide.mjs");
  const key = await snapshotKeyFor(snapshot, version, files, wheelsURL);
  const saved = key && await findSnapshot(key).catch(() => null);
  let start = key ? PYTHON_STARTS.MADE : PYTHON_STARTS.PLAIN;
  let started = null;
  let snapshotError = "";
  if (saved) {
    try {
      started = await startPython(loadPyodide, pyodideURL, files, saved, false);
      start = PYTHON_STARTS.RESTORED;
    } catch (err) {                           // the reader sees a plain start; the bad snapshot goes
      snapshotError = String(err && err.message || err);
      start = PYTHON_STARTS.FALLBACK;
      await dropSnapshot(key);
    }
  }
  started ??= await startPython(loadPyodide, pyodideURL, files, null, Boolean(key));
  const snapshotMs = key && start !== PYTHON_STARTS.RESTORED ? makeSnapshot(key) : 0;
  const values = crypto.getRandomValues(new Uint32Array(8));
  glue.reseed(Array.from(values, (v) => v.toString(16).padStart(8, "0")).join(""));
  shared = memory || null;
  if (shared) pyodide.setInterruptBuffer(shared.interrupt);
  glue.install_input(shared ? readLine : undefined);        // undefined: None in Python (null is JsNull)
  self.lmdocs_post = (batch) => post({ type: FROM_WORKER.PAGE, id: current.id, cell: current.cell, batch });
  const { failures, runtimeMs, wheelMs } = started;
  post({
    type: FROM_WORKER.READY, wheelOk: glue.has_lmdocs(), failures, start, snapshotError,
    timings: { runtimeMs, wheelMs, snapshotMs, totalMs: performance.now() - t0 },
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
