// Python's memory snapshot (issue 16.2), kept in the browser's Cache Storage by the worker.
// The first start makes one: Pyodide started with lmdocs and the glue imported, its whole memory
// copied (about 31 MB). Later starts restore it instead of starting Python again; worker.js then
// writes the wheel's file again (the snapshot holds memory, not files) and re-seeds `random`.
//
// Its address names what it was made from: Pyodide's version, the wheel's name and a hash of the
// wheel and glue.py (from wheels/manifest.json and the glue's text), and FORMAT. A build that
// changes any of them gets another address: the old snapshot is not used, and is deleted when the
// new one is saved (one snapshot per site). Pyodide itself refuses a snapshot of another Pyodide
// build. Each one is saved with its SHA-256 and checked on reading: a damaged one is deleted.
// The cache's name does not start with "lmdocs-": the service worker (sw.js) deletes those when a
// new build takes over, and this cache follows its own rule above.

/** Bump when worker.js changes what Python does before the snapshot is taken. */
export const FORMAT = 2;
const CACHE = "lmdocs:python-snapshot";
const DIGEST = "X-Lmdocs-Sha256";

/** Whether this worker can keep snapshots (Cache Storage exists in secure contexts only). */
export const snapshotsPossible = () => typeof caches === "object" && Boolean(globalThis.crypto?.subtle);

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (bytes) => hex(await crypto.subtle.digest("SHA-256", bytes));

/** The snapshot's address for Pyodide `version`, the wheel of `manifest` ({wheel, sha256}) and the
 *  glue's text, under `scope` (a URL of the site, never fetched), e.g.
 *  ".../assets/wheels/python-snapshot/1/314.0.7/lmdocs-0.1.0-py3-none-any.whl/3f2a...". */
export async function snapshotKey(scope, version, manifest, glueSource) {
  const made = `${manifest.wheel}\n${manifest.sha256 || ""}\n${glueSource}`;
  const digest = (await sha256(new TextEncoder().encode(made))).slice(0, 16);
  return new URL(`python-snapshot/${FORMAT}/${version}/${manifest.wheel}/${digest}`, scope).href;
}

/** The saved snapshot at `key` (a Response), or null when there is none. */
export async function findSnapshot(key) {
  return (await (await caches.open(CACHE)).match(key)) || null;
}

/** The snapshot's bytes, checked against the digest saved with it (throws when they differ). */
export async function snapshotBytes(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (await sha256(bytes) !== response.headers.get(DIGEST)) throw new Error("the saved Python snapshot is damaged");
  return bytes;
}

/** Save `bytes` at `key` and delete every other snapshot; resolves when stored (all or nothing). */
export async function saveSnapshot(key, bytes) {
  const cache = await caches.open(CACHE);
  const headers = { "Content-Type": "application/octet-stream", [DIGEST]: await sha256(bytes) };
  await cache.put(key, new Response(bytes, { headers }));
  for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request);
}

/** Delete the snapshot at `key` (a damaged one). Never throws. */
export async function dropSnapshot(key) {
  try { await (await caches.open(CACHE)).delete(key); } catch { /* nothing to delete */ }
}
