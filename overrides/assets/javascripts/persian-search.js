/* Persian-aware search queries.
 *
 * Material sends the typed query to its search worker (message type 2). Before it goes, the query is
 * folded the way the index was folded at build time: lmdocs.text.normalize_for_search(query=True)
 * (Arabic yeh/kaf become Persian, Arabic marks and tatweel are dropped, ZWNJ becomes a space). The
 * rules are that function's, as data: hooks/persian_search.py writes them into the built copy of this
 * file in place of the comment below. This file must load before Material's bundle creates the worker.
 */
(() => {
  const RULES = /* rules: written here at build time by hooks/persian_search.py */ null;
  const SEARCH_QUERY = 2;
  const letters = new RegExp(`[${Object.keys(RULES.letters).join("")}]`, "g");
  const dropped = new RegExp(`[${RULES.dropped}]`, "g");
  const separators = new RegExp(`[${RULES.separators}]`, "g");

  function foldPersianQuery(text) {
    return text.replace(letters, (letter) => RULES.letters[letter]).replace(dropped, "").replace(separators, " ");
  }

  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      this.isSearchWorker = /workers\/search\./.test(String(url));
    }
    postMessage(message, ...rest) {
      if (this.isSearchWorker && message && message.type === SEARCH_QUERY && typeof message.data === "string") {
        message = { ...message, data: foldPersianQuery(message.data) };
      }
      return super.postMessage(message, ...rest);
    }
  };
})();
