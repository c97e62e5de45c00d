// Live-code runner: turns every ```pyrun block (rendered by hooks/pyrun.py) into an editor that runs
// Python in a Pyodide module worker. Started from Material's document$, so it survives instant
// navigation; one worker serves every page of the visit (it stays warm between pages).
import { PythonWorker } from "./worker-client.js";
import { Notebook } from "./notebook.js";
import { labelsFor, pageLanguage } from "./i18n.js";

const ASSETS = new URL("../../", import.meta.url);          // <site>/assets/
const SITE_ROOT = new URL("../", ASSETS).href;
const URLS = {
  worker: new URL("./worker.js", import.meta.url).href,
  glue: new URL("./glue.py", import.meta.url).href,
  pyodide: new URL("vendor/pyodide/", ASSETS).href,
  wheels: new URL("wheels/", ASSETS).href,
  vendor: new URL("vendor/", ASSETS).href,
};

let worker = null;
let notebook = null;
let pages = 0;

function whenIdle(callback) {
  if ("requestIdleCallback" in window) requestIdleCallback(callback, { timeout: 1500 });
  else setTimeout(callback, 300);
}

function mount() {
  const blocks = [...document.querySelectorAll("div.pyrun")];
  if (notebook && blocks.length && blocks.every((root) => notebook.owns(root))) return;  // same content again
  if (notebook) { notebook.dispose(); notebook = null; }
  const roots = blocks.filter((root) => !root.classList.contains("pyrun--live"));
  if (!roots.length) return;
  worker ??= new PythonWorker(URLS);
  const lang = pageLanguage(SITE_ROOT);
  pages += 1;
  notebook = new Notebook(roots, worker, {
    labels: labelsFor(lang), lang, vendorURL: URLS.vendor, pageKey: `${location.pathname}#${pages}`,
  });
  whenIdle(() => worker.start());                          // preload Pyodide while the reader reads
}

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mount);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();
