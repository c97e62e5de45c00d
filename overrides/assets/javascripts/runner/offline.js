// The page's side of the service worker (<site>/sw.js, see overrides/sw.js): register it, hand it
// the files this page loaded before it was in control (revalidated against the HTTP cache: an
// unchanged file costs a 304, not a second download), and, once the reader has started Python, ask it to keep the whole
// site offline (every page, Pyodide, the wheel).

let registration = null;

/** Register `<siteRoot>sw.js` (scope: the site, also under a sub-path). Never throws. */
export async function registerOffline(siteRoot) {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return null;
  try {
    registration = await navigator.serviceWorker.register(new URL("sw.js", siteRoot).href, { scope: siteRoot });
    await navigator.serviceWorker.ready;
    const loaded = performance.getEntriesByType("resource").map((entry) => entry.name.split("#")[0]);
    await ask({ type: "cache-these", paths: [location.href.split("#")[0], ...loaded] });
  } catch (err) {
    console.warn("lmdocs: the site will not work offline:", err);
  }
  return registration;
}

/** The reader started Python: keep the whole site offline. Resolves with the worker's answer. */
export async function keepEverything() {
  if (!("serviceWorker" in navigator) || !registration) return null;
  await navigator.serviceWorker.ready;
  return ask({ type: "cache-all" });
}

function ask(message) {
  const worker = registration?.active;
  if (!worker) return Promise.resolve(null);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => resolve(data);
    worker.postMessage(message, [channel.port2]);
  });
}

/** Whether this page has SharedArrayBuffer (the service worker's headers made it cross-origin isolated). */
export const isolated = () => Boolean(window.crossOriginIsolated) && typeof SharedArrayBuffer === "function";
