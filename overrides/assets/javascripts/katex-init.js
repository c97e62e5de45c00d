/* Render math with the self-hosted KaTeX after every (instant) page load. */
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
});
