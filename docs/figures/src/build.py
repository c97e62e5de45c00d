"""Write every figure of the site: docs/figures/<name>.fa.svg and <name>.en.svg from src/<name>.py.

    .venv/bin/python docs/figures/src/build.py            # (re)write all figures
    .venv/bin/python docs/figures/src/build.py rnn_unrolled
    .venv/bin/python docs/figures/src/build.py --check    # exit 1 naming any stale or missing file
    .venv/bin/python docs/figures/src/build.py --preview /tmp/figures   # an HTML page with every
                                                            # figure in both languages and themes

A figure script is any .py file here except figkit.py and build.py; it defines
`draw(lang: str) -> figkit.Figure` and names the Figure after itself. Output is deterministic, so
the committed SVG files must equal a fresh build (tests/docs/test_figures.py checks it). Files are
written atomically (a temporary file, then a rename).
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parent
FIGURES = SRC.parent
ROOT = FIGURES.parent.parent
sys.path[:0] = [str(SRC), str(ROOT)]          # figkit, and lmdocs (for Persian digits)
sys.dont_write_bytecode = True                # no __pycache__ inside docs/ (MkDocs would publish it)

import figkit  # noqa: E402

NOT_FIGURES = {"figkit", "build"}


def scripts() -> dict[str, Path]:
    """Every figure script by figure name."""
    return {p.stem: p for p in sorted(SRC.glob("*.py")) if p.stem not in NOT_FIGURES}


def render(name: str) -> dict[str, str]:
    """{"fa": svg, "en": svg} for the figure script `name`."""
    paths = scripts()
    if name not in paths:
        raise ValueError(f"no figure script {name!r} in {SRC}; there are: {', '.join(paths) or 'none'}.")
    spec = importlib.util.spec_from_file_location(f"lmdocs_figure_{name}", paths[name])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "draw", None)):
        raise ValueError(f"{paths[name].name} must define draw(lang) -> figkit.Figure.")
    out = {}
    for lang in figkit.LANGS:
        figure = module.draw(lang)
        if figure.name != name or figure.lang != lang:
            raise ValueError(f"{paths[name].name}: draw({lang!r}) returned figure {figure.name!r} in "
                             f"{figure.lang!r}; name it {name!r} and pass lang through.")
        out[lang] = figure.svg()
    return out


def output_path(name: str, lang: str) -> Path:
    return FIGURES / f"{name}.{lang}.svg"


def _write_atomically(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                     prefix=f".{path.name}.", newline="\n") as tmp:
        tmp.write(text)
    os.replace(tmp.name, path)


def stale(names: list[str]) -> list[Path]:
    """The output files that differ from what their scripts produce now (or are missing)."""
    bad = []
    for name in names:
        for lang, svg in render(name).items():
            path = output_path(name, lang)
            if not path.exists() or path.read_text(encoding="utf-8") != svg:
                bad.append(path)
    return bad


def preview(dest: Path, names: list[str]) -> Path:
    """An HTML page showing every figure in both languages and both themes, with the site's CSS."""
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "figures.css").read_text(encoding="utf-8")
    katex = ROOT / "node_modules" / "katex" / "dist"
    fonts = ROOT / "node_modules" / "vazirmatn" / "fonts" / "webfonts" / "Vazirmatn[wght].woff2"
    cells = []
    for name in names:
        for lang, svg in render(name).items():
            for scheme in ("default", "slate"):
                direction = "rtl" if lang == "fa" else "ltr"
                cells.append(f'<section data-md-color-scheme="{scheme}" dir="{direction}"><h2>{name} · {lang} · '
                             f'{scheme}</h2><figure class="lm-figure"><div class="lm-figure__art">{svg}</div>'
                             f'</figure></section>')
    html = f"""<!doctype html><meta charset="utf-8"><title>figures</title>
<link rel="stylesheet" href="{katex.as_uri()}/katex.min.css">
<style>
@font-face {{ font-family: Vazirmatn; src: url("{fonts.as_uri()}"); font-weight: 100 900; }}
body {{ margin: 0; font-family: Vazirmatn, sans-serif; display: grid; grid-template-columns: repeat(4, max-content); }}
[data-md-color-scheme="default"] {{ --md-default-bg-color: #fff; --md-default-fg-color: rgba(0,0,0,.87);
  --md-default-fg-color--light: rgba(0,0,0,.54); --md-text-font-family: Vazirmatn; }}
[data-md-color-scheme="slate"] {{ --md-default-bg-color: hsl(232,15%,14%); --md-default-fg-color: hsla(232,75%,95%,.82);
  --md-default-fg-color--light: hsla(232,75%,90%,.56); --md-text-font-family: Vazirmatn; }}
section {{ background: var(--md-default-bg-color); color: var(--md-default-fg-color); padding: 12px 16px; }}
h2 {{ font: 13px monospace; margin: 0 0 8px; }}
{css}
</style>
<span class="katex" style="position:absolute;opacity:0">x</span>
{"".join(cells)}
"""
    dest.mkdir(parents=True, exist_ok=True)
    page = dest / "preview.html"
    _write_atomically(page, html)
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the site's figures from docs/figures/src/*.py.")
    parser.add_argument("names", nargs="*", help="figure names (default: all)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file is stale")
    parser.add_argument("--preview", type=Path, metavar="DIR", help="also write DIR/preview.html")
    args = parser.parse_args(argv)
    try:
        names = args.names or list(scripts())
        if args.check:
            bad = stale(names)
            for path in bad:
                print(f"stale: {path.relative_to(ROOT)} (run .venv/bin/python docs/figures/src/build.py)")
            return 1 if bad else 0
        for name in names:
            for lang, svg in render(name).items():
                _write_atomically(output_path(name, lang), svg)
                print(f"wrote {output_path(name, lang).relative_to(ROOT)}")
        if args.preview:
            print(f"preview: {preview(args.preview, names)}")
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
