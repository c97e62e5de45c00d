/* The language switch lands on the same page in the other language, also after instant navigation.
 *
 * The selector's links (extra.alternate in mkdocs.yml) lead to each language's home. Every page exists
 * in both languages under the same path (Persian at the site root, English under en/), so each link
 * is pointed at the current page after every navigation, and a click on it is a full page load:
 * the direction, the font and the search language of the whole document change with the language.
 */
(() => {
  // This file is <site>/assets/javascripts/language-switch.js: the site root is two folders up.
  const siteRoot = new URL("../../", document.currentScript.src).pathname;
  const roots = { fa: siteRoot, en: `${siteRoot}en/` };
  const links = () => [...document.querySelectorAll(".md-select__link[hreflang]")];

  function pathWithinLanguage(pathname) {
    if (pathname.startsWith(roots.en)) return pathname.slice(roots.en.length);
    return pathname.startsWith(roots.fa) ? pathname.slice(roots.fa.length) : "";
  }

  function pointAtThisPage() {
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
      event.stopImmediatePropagation();   // neither instant navigation nor Material's own switch
      pointAtThisPage();
      location.assign(link.href);
    },
    true,
  );

  document$.subscribe(pointAtThisPage);
})();
