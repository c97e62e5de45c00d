// Load a vendored classic script or stylesheet once per page session (they survive instant navigation).

const loaded = new Map();

export function loadScript(url) {
  if (!loaded.has(url)) {
    loaded.set(url, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = false;                           // keep the order (CodeMirror before its modes)
      script.onload = resolve;
      script.onerror = () => { loaded.delete(url); reject(new Error(`could not load ${url}`)); };
      document.head.append(script);
    }));
  }
  return loaded.get(url);
}

export function loadStyle(url) {
  if (!loaded.has(url)) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = url;
    document.head.append(link);
    loaded.set(url, Promise.resolve());
  }
  return loaded.get(url);
}
