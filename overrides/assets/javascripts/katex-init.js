/* Render math with the self-hosted KaTeX after every (instant) page load. */

/* A formula longer than its line (inline or displayed) scrolls inside itself (lmdocs.css): it is put in
   the Tab order, so the keyboard can scroll it too (axe: scrollable-region-focusable). */
function markScrollingFormulas() {
  for (const math of document.querySelectorAll(".md-typeset .arithmatex")) {
    if (math.scrollWidth > math.clientWidth) math.tabIndex = 0;
    else math.removeAttribute("tabindex");
  }
}

let resizeTimer = 0;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(markScrollingFormulas, 200);
});

document$.subscribe(() => {
  if (typeof renderMathInElement !== "function") return;
  for (const element of document.querySelectorAll(".arithmatex")) {
    renderMathInElement(element, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
    });
  }
  markScrollingFormulas();
  document.fonts?.ready.then(markScrollingFormulas);   // KaTeX's fonts change the widths
});
