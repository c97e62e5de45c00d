// Module Web Worker: Pyodide, the lmdocs wheel and glue.py. Runs one job at a time (the client
// queues them) and streams output back in batches, so the page never freezes.
// Protocol, page -> worker: {type: "init", pyodideURL, wheelsURL, glueURL}
//                           {type: "run", id, cell, page, code, filename, lang}
//                           {type: "event", id, cell, key, value, lang}
// worker -> page: progress, ready, stdout/stderr {id, text}, page {id, cell, batch}, done {id, ok, error},
//                 fatal {id, message} (Pyodide is unusable: restart the worker).
import { OutputBatcher } from "./batcher.js";

let pyodide = null;
let glue = null;
let namespace = null;
let namespacePage = null;
let current = { id: null, cell: "" };

const post = (message) => self.postMessage(message);
const output = new OutputBatcher((stream, text) => post({ type: stream, id: current.id, text }));

async function init({ pyodideURL, wheelsURL, glueURL }) {
  const t0 = performance.now();
  post({ type: "progress", stage: "runtime" });
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
  post({ type: "progress", stage: "package" });
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
  self.lmdocs_post = (batch) => post({ type: "page", id: current.id, cell: current.cell, batch });
  post({
    type: "ready", wheelOk, failures,
    timings: { runtimeMs: t1 - t0, wheelMs: t2 - t1, totalMs: performance.now() - t0 },
    version: pyodide.version,
  });
}

function useNamespace(page) {
  if (namespacePage === page) return namespace;
  if (namespace) namespace.destroy();
  namespace = glue.new_namespace();
  namespacePage = page;
  return namespace;
}

async function job(message, call) {
  current = { id: message.id, cell: message.cell };
  output.begin();
  let answer;
  try {
    answer = JSON.parse(await call());
  } catch (err) {  // not a Python exception: Pyodide itself failed (for example out of memory)
    output.end();
    post({ type: "fatal", id: message.id, message: String(err && err.message || err) });
    return;
  }
  output.end();
  post({ type: "done", id: message.id, dropped: output.dropped, ...answer });
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try { await init(data); } catch (err) { post({ type: "fatal", id: null, message: String(err && err.message || err) }); }
  } else if (data.type === "run") {
    await job(data, () => glue.run_cell(useNamespace(data.page), data.code, data.filename, data.cell, data.lang));
  } else if (data.type === "event") {
    await job(data, () => glue.dispatch(data.cell, data.key, JSON.stringify(data.value ?? null), data.lang));
  }
};
