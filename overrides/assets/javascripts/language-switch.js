/* The language switch lands on the same page in the other language, also after instant navigation.
 *
 * mkdocs-static-i18n writes the right links into each page's header, but Material's instant
 * navigation keeps the header of the first page loaded. Every page exists in both languages under the
 * same path (Persian at the site root, English under en/), so the links are recomputed from the current
 * location after each navigation. Switching language is a full page load, because the direction, the
 * font and the search language of the whole document change.
 */
(() => {
  const links = () => [...document.querySelectorAll(".md-select__link[hreflang]")];
  const config = JSON.parse(document.getElementById("lmdocs-config").textContent);
  // Read once, against the first page's own location: the <head> is not replaced on navigation.
  const siteRoot = new URL(config.root, location.href).pathname;
  const roots = { fa: siteRoot, en: siteRoot + "en/" };

  function pathWithinLanguage(pathname) {
    if (pathname.startsWith(roots.en)) return pathname.slice(roots.en.length);
    return pathname.startsWith(roots.fa) ? pathname.slice(roots.fa.length) : "";
  }

  function update() {
    const rest = pathWithinLanguage(location.pathname);
    for (const link of links()) {
      if (roots[link.hreflang] !== undefined) link.href = roots[link.hreflang] + rest;
    }
  }

  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      location.assign(link.href);
    },
    true,
  );

  document$.subscribe(update);
})();
