/* The language switch: it lands on the same page in the other language, also after instant navigation,
 * and a change of language is always a full page load.
 *
 * The selector's links (extra.alternate in mkdocs.yml) lead to each language's home. Every page exists
 * in both languages under the same path (Persian at the site root, English under en/), so each link
 * is pointed at the current page after every navigation. Following any link into the other language
 * (the selector's, or one in an article) loads the whole page: the direction, the font and the search
 * language of the document change with it, which Material's instant navigation would keep.
 */
(() => {
  // This file is <site>/assets/javascripts/language-switch.js: the site root is two folders up.
  const siteRoot = new URL("../../", document.currentScript.src).pathname;
  const roots = { fa: siteRoot, en: `${siteRoot}en/` };
  const selectorLinks = () => [...document.querySelectorAll(".md-select__link[hreflang]")];

  /** "en" under <site>/en/, "fa" elsewhere in the site, null outside it. */
  function languageOf(pathname) {
    if (pathname.startsWith(roots.en) || `${pathname}/` === roots.en) return "en";
    return pathname.startsWith(roots.fa) ? "fa" : null;
  }

  function pathWithinLanguage(pathname) {
    const lang = languageOf(pathname);
    return lang ? pathname.slice(Math.min(roots[lang].length, pathname.length)) : "";
  }

  function pointAtThisPage() {
    const rest = pathWithinLanguage(location.pathname);
    for (const link of selectorLinks()) {
      if (roots[link.hreflang] !== undefined) link.href = roots[link.hreflang] + rest;
    }
  }

  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest && event.target.closest("a[href]");
      if (!link || link.target || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const inSelector = link.matches(".md-select__link[hreflang]");
      if (inSelector) pointAtThisPage();
      const target = new URL(link.href);
      const crossing = target.origin === location.origin && languageOf(target.pathname) !== null
        && languageOf(target.pathname) !== languageOf(location.pathname);
      if (!inSelector && !crossing) return;
      event.preventDefault();
      event.stopImmediatePropagation();   // neither instant navigation nor Material's own switch
      location.assign(link.href);
    },
    true,
  );

  // Material fetches <alternate>sitemap.xml for each <link rel="alternate" hreflang> of the head after
  // every page change. Their hrefs are relative ("../../", "./"), written for the first page read,
  // and instant navigation keeps the head's links: on the next page they resolve to
  // <page>/sitemap.xml, two 404s per page. Point them at each language's root, once and for all.
  function anchorAlternates() {
    for (const link of document.querySelectorAll("link[rel=alternate][hreflang]")) {
      const root = roots[link.hreflang];
      if (root !== undefined && link.getAttribute("href") !== root) link.setAttribute("href", root);
    }
  }
  anchorAlternates();

  document$.subscribe(() => { anchorAlternates(); pointAtThisPage(); });
})();
