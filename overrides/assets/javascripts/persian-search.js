/* Persian-aware search queries, and search in the reader's language.
 *
 * Material sends the typed query to its search worker (message type 2). Before it goes, the query is
 * folded the way the index was folded at build time: lmdocs.text.normalize_for_search(query=True)
 * (Arabic yeh/kaf become Persian, Arabic marks and tatweel are dropped, ZWNJ becomes a space). The
 * rules are that function's, as data: hooks/persian_search.py writes them into the built copy of this
 * file in place of the comment below. This file must load before Material's bundle creates the worker.
 */
(() => {
  const RULES = /* rules: written here at build time by hooks/persian_search.py */ null;
  const SEARCH_SETUP = 0;
  const SEARCH_QUERY = 2;
  // Search in the reader's language: the site's one index holds both languages (English pages
  // under en/), so the worker is given the pages of this page's language only. A change of language
  // is a full page load (language-switch.js), which starts a new worker with the other half.
  const page = typeof document === "undefined" ? null : document;   // null when tested in node
  const english = page?.documentElement.lang === "en";
  const inThisLanguage = (doc) => typeof doc.location === "string" && doc.location.startsWith("en/") === english;
  const letters = new RegExp(`[${Object.keys(RULES.letters).join("")}]`, "g");
  const dropped = new RegExp(`[${RULES.dropped}]`, "g");
  const separators = new RegExp(`[${RULES.separators}]`, "g");

  function foldPersianQuery(text) {
    return text.replace(letters, (letter) => RULES.letters[letter]).replace(dropped, "").replace(separators, " ");
  }

  // Material searches on `keyup` (and focus). Text that arrives without a key (a paste, an input
  // method's composition, a phone's keyboard, dictation) fires only `input`: pass it on as a keyup,
  // once a composition is finished. Material ignores a keyup that leaves the query unchanged.
  const SEARCH_BOX = "input.md-search__input";
  function passOn(event) {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.matches(SEARCH_BOX)) return;
    if (event.type === "input" && event.isComposing) return;   // compositionend follows
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Unidentified" }));
  }
  page?.addEventListener("input", passOn, true);
  page?.addEventListener("compositionend", passOn, true);

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
      if (this.isSearchWorker && message && message.type === SEARCH_SETUP && Array.isArray(message.data?.docs)) {
        message = { ...message, data: { ...message.data, docs: message.data.docs.filter(inThisLanguage) } };
      }
      return super.postMessage(message, ...rest);
    }
  };
})();
