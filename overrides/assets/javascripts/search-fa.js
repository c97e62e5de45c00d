/* Persian-aware search queries.
 *
 * Material sends the typed query to its search worker (message type 2). Before it goes, the query is
 * normalised the same way hooks/search_fa.py normalises the index: Arabic yeh/kaf become Persian,
 * diacritics and tatweel are dropped, and a zero-width non-joiner becomes a space (the index splits
 * words at ZWNJ). This file must load before Material's bundle creates the worker.
 */
(() => {
  const LETTERS = { "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9" };
  const SEARCH_QUERY = 2;

  function normalizePersianQuery(text) {
    return text
      .replace(/[\u064a\u0649\u0643]/g, (ch) => LETTERS[ch])
      .replace(/[\u064b-\u065f\u0670\u0640]/g, "")
      .replace(/[\u200c\u200f\u200e]/g, " ");
  }
  window.normalizePersianQuery = normalizePersianQuery;

  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      this.isSearchWorker = /workers\/search\./.test(String(url));
    }
    postMessage(message, ...rest) {
      if (this.isSearchWorker && message && message.type === SEARCH_QUERY && typeof message.data === "string") {
        message = { ...message, data: normalizePersianQuery(message.data) };
      }
      return super.postMessage(message, ...rest);
    }
  };
})();
