// Live-code runner: turns every ```pyrun block (rendered by hooks/pyrun.py) into an editor that runs
// Python in a Pyodide module worker. Started from Material's document$, so it survives instant
// navigation; one worker serves every page of the visit (it stays warm between pages).
// Pyodide (about 14 MB) is fetched on the reader's intent only (watchIntent): a cell comes near the
// window, the pointer or keyboard focus reaches a cell, or Run. A page read without coming near a
// cell never downloads it.
import { PythonWorker } from "./worker-client.js";
import { FROM_WORKER } from "./contract.js";
import { Notebook } from "./notebook.js";
import { labelsFor, pageLanguage } from "./i18n.js";
import { keepEverything, registerOffline } from "./offline.js";

const ASSETS = new URL("../../", import.meta.url);          // <site>/assets/
const SITE_ROOT = new URL("../", ASSETS).href;
const URLS = {
  worker: new URL("./worker.js", import.meta.url).href,
  glue: new URL("./glue.py", import.meta.url).href,
  pyodide: new URL("vendor/pyodide/", ASSETS).href,
  wheels: new URL("wheels/", ASSETS).href,
  vendor: new URL("vendor/", ASSETS).href,
  // Python's memory snapshot (snapshot.js); window.lmdocsPythonStart = "plain" before this module
  // runs turns it off (benchmarks/runner.py measures the plain start against it in the same run).
  snapshot: window.lmdocsPythonStart !== "plain",
};

let worker = null;
let notebook = null;
let pages = 0;

// "Near": within this margin of the window (about a screen ahead on a phone or a laptop).
export const NEAR_MARGIN = "600px";
let intent = null;           // the current page's watcher; disconnected when the page is left

/** Start Python at the first sign that the reader is about to use a cell of `roots`. */
function watchIntent(roots) {
  intent?.();
  const start = () => { stop(); worker.start(); };
  const events = ["pointerover", "focusin", "touchstart"];
  const observer = "IntersectionObserver" in window
    ? new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) start(); },
                               { rootMargin: NEAR_MARGIN })
    : null;
  for (const root of roots) {
    observer?.observe(root);
    for (const type of events) root.addEventListener(type, start, { passive: true });
  }
  function stop() {
    observer?.disconnect();
    for (const root of roots) for (const type of events) root.removeEventListener(type, start);
    intent = null;
  }
  intent = stop;
}

function mount() {
  const blocks = [...document.querySelectorAll("div.pyrun")];
  if (notebook && blocks.length && blocks.every((root) => notebook.owns(root))) return;  // same content again
  if (notebook) { notebook.dispose(); notebook = null; }
  intent?.();
  const roots = blocks.filter((root) => !root.classList.contains("pyrun--live"));
  if (!roots.length) return;
  if (!worker) {
    worker = new PythonWorker(URLS);
    worker.on((event) => { if (event.type === FROM_WORKER.READY) keepOfflineOnceStarted(); });
  }
  const lang = pageLanguage(SITE_ROOT);
  pages += 1;
  notebook = new Notebook(roots, worker, {
    labels: labelsFor(lang), lang, vendorURL: URLS.vendor, pageKey: `${location.pathname}#${pages}`,
  });
  if (!worker.ready) watchIntent(roots);                   // Run starts it too (the queue waits for it)
}

const offline = registerOffline(SITE_ROOT);   // every page, once per visit (instant navigation keeps it)
let everything = null;

/** Once Python has started (the reader's intent), the whole site and Pyodide are kept offline. */
function keepOfflineOnceStarted() {
  everything ??= worker.start().then(() => offline).then(() => keepEverything()).catch(() => null);
  window.lmdocsOffline = everything;        // tests and benchmarks wait on it
}

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mount);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();
