"""figkit: the site's figures as small SVG files that follow the theme (standard library only).

A figure is a script in this folder with `draw(lang) -> Figure`; `build.py` runs it for "fa" and
"en" and writes docs/figures/<script>.<lang>.svg, which a page includes inline (the how-to is
docs/contributing/figures.md). Three rules are built in:

- Colours are roles, never hex values: an element gets a role (`q`, `k`, `v`, `embed`, `state`…)
  and overrides/assets/stylesheets/figures.css colours each role in the light and in the dark theme.
- Text is text, in the page's fonts: labels in the site font (Vazirmatn), math in KaTeX's fonts.
- Direction: textual flow (a pipeline, a sentence) follows the reading direction, so Persian puts
  its start on the right (`fig.start(x)`); mathematical flow (time, vector and matrix indices)
  runs left to right in both languages (plain x).

    >>> fig = Figure("demo", 120, 60, lang="en", alt_en="A box holding the hidden state h.",
    ...              alt_fa="جعبه‌ای که حالت پنهان h را نگه می‌دارد.")
    >>> fig.box(10, 10, 100, 40, role="state")
    >>> fig.math(60, 30, "h", sub="t")
    >>> svg = fig.svg()
    >>> svg.count("<rect"), 'role="img"' in svg, "demo-title" in svg
    (1, True, True)

What it does not handle: curves other than polylines, automatic layout, text wrapping (break long
labels yourself with `lines=`), and measuring Persian text (check the screenshots).
"""
from __future__ import annotations

import re
from html import escape

LANGS = ("fa", "en")
# One colour per role (figures.css defines each for both themes). "ink" is the page's text colour.
ROLES = ("ink", "muted", "token", "embed", "state", "cell", "gate", "q", "k", "v", "attn", "mlp",
         "norm", "output")
FONT = 16          # label size in SVG units = CSS px at natural size (the page's body text)
SMALL = 14         # the smallest text allowed (tests check it stays legible on a 390 px phone)
MATH = 20          # math letters look smaller than labels at the same size
LINE = 2           # the one line weight
RADIUS = 6
HEAD = 9           # arrowhead length
STACK = 7          # offset of each copy behind a stacked box

# Advance widths in em of KaTeX's fonts (katex.js fontMetricsData: Math-Italic, Main-Regular), so
# math labels can be centred and hats placed without a browser.
_ITALIC = dict(zip("abcdefghijklmnopqrstuvwxyz", (
    .529, .429, .433, .520, .466, .490, .477, .576, .345, .412, .521, .298, .878, .600, .485, .503,
    .446, .451, .469, .361, .572, .485, .716, .572, .490, .465)))
_ITALIC |= dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    .750, .759, .715, .828, .738, .643, .786, .831, .440, .555, .849, .681, .970, .803, .763, .642,
    .791, .759, .613, .584, .683, .583, .944, .828, .581, .683)))
_UPRIGHT = {**{d: .5 for d in "0123456789"}, "+": .778, "−": .778, "=": .778, "(": .389, ")": .389,
            ",": .278, ".": .278, "×": .778, "…": 1.172}
_SUB = 0.7         # subscript size relative to the base
# A number with a minus sign, not part of a word ("GPT-3" is a name): in a right-to-left label the
# bidi algorithm would draw its minus after the digits ("۰٫۶-"), so Persian labels isolate it as
# left-to-right text between U+2066 (LRI) and U+2069 (PDI).
_SIGNED_NUMBER = re.compile(r"(?<![\w.,٫٬])[-−][0-9۰-۹][0-9۰-۹.,٫٬]*")
LRI, PDI = "\u2066", "\u2069"


def _f(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable, diff-friendly output)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; use one of {', '.join(ROLES)} "
                         f"(a new role needs colours for both themes in figures.css).")
    return role


class Figure:
    """An SVG drawing in one language. Coordinates are SVG units (= CSS px at natural size)."""

    def __init__(self, name: str, width: float, height: float, *, lang: str, alt_en: str, alt_fa: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, got {lang!r}.")
        if not alt_en.strip() or not alt_fa.strip():
            raise ValueError(f"figure {name!r} needs alt text in both languages: one or two sentences "
                             f"saying what it shows (alt_en=..., alt_fa=...).")
        self.name, self.width, self.height, self.lang = name, width, height, lang
        self.alt = alt_fa if lang == "fa" else alt_en
        self._parts: list[str] = []

    # ------------------------------------------------------------------ language
    @property
    def rtl(self) -> bool:
        return self.lang == "fa"

    def tr(self, en: str, fa: str) -> str:
        """The label in the figure's language (English first, as in lmdocs.i18n.tr)."""
        return fa if self.rtl else en

    def num(self, value: float, spec: str = "") -> str:
        """A number in the figure's digits: num(0.31, ".2f") is '0.31' or '۰٫۳۱'."""
        from lmdocs.i18n import num
        return num(value, spec, lang=self.lang)

    def _isolate_signed_numbers(self, text: str) -> str:
        """In a Persian figure, every number with a minus sign as left-to-right text (LRI ... PDI), so it
        reads "-۰٫۶" and not "۰٫۶-"; English labels are left as they are.

        >>> fig = Figure("x", 10, 10, lang="fa", alt_en="a", alt_fa="b")
        >>> fig._isolate_signed_numbers("-۰٫۶ و GPT-3") == LRI + "-۰٫۶" + PDI + " و GPT-3"
        True
        """
        if not self.rtl:
            return text
        return _SIGNED_NUMBER.sub(lambda match: LRI + match.group() + PDI, text)

    def start(self, x: float, w: float = 0) -> float:
        """x measured from where reading starts: the left edge in English, the right edge in Persian.
        For a box of width w, the box's left edge."""
        return self.width - x - w if self.rtl else x

    # ------------------------------------------------------------------ shapes
    def box(self, x: float, y: float, w: float, h: float, *, role: str = "ink", label: str | None = None,
            size: float = FONT, radius: float = RADIUS, dashed: bool = False, stack: int = 0) -> None:
        """A rounded box tinted with its role's colour; `stack` draws copies behind it (a repeated block),
        receding up and towards the reading end (7 units each)."""
        cls = f"fk-box fk-{_check_role(role)}" + (" fk-dashed" if dashed else "")
        step = -STACK if self.rtl else STACK
        for i in range(stack, 0, -1):
            self._add(f'<rect class="{cls} fk-behind" x="{_f(x + step * i)}" y="{_f(y - STACK * i)}" '
                      f'width="{_f(w)}" height="{_f(h)}" rx="{_f(radius)}"/>')
        self._add(f'<rect class="{cls}" x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" rx="{_f(radius)}"/>')
        if label:
            self.text(x + w / 2, y + h / 2, label, size=size)

    def text(self, x: float, y: float, text: str, *, role: str = "ink", size: float = FONT,
             anchor: str = "middle", bold: bool = False, lines: tuple[str, ...] = (), sample: str | None = None) -> None:
        """A label centred vertically on y. anchor: "middle", or "start"/"end" of the reading direction.
        `lines` adds further lines below the first, 1.25 × size apart. `sample="fa"` marks text that is a
        sample of another language shown as data, not a label (a Persian word in the English figure of its
        BPE merges): it gets that `lang`, so fonts and screen readers treat it as that language."""
        if anchor not in ("middle", "start", "end"):
            raise ValueError(f"anchor must be 'middle', 'start' or 'end', got {anchor!r}.")
        if sample is not None and sample not in LANGS:
            raise ValueError(f"sample must be one of {LANGS} (the language of the quoted text), got {sample!r}.")
        if size < SMALL:
            raise ValueError(f"text size {size} is below {SMALL}: it would not be legible on a phone.")
        rows = tuple(map(self._isolate_signed_numbers, (text, *lines)))
        top = y - (len(rows) - 1) * size * 0.625
        weight = ' font-weight="600"' if bold else ""
        weight += f' lang="{sample}"' if sample and sample != self.lang else ""
        spans = "".join(f'<tspan x="{_f(x)}" y="{_f(top + i * size * 1.25)}">{escape(row)}</tspan>'
                        for i, row in enumerate(rows))
        self._add(f'<text class="fk-text fk-{_check_role(role)}" font-size="{_f(size)}" text-anchor="{anchor}" '
                  f'dominant-baseline="central"{weight}>{spans}</text>')

    def math(self, x: float, y: float, base: str, *, sub: str = "", hat: bool = False, role: str = "ink",
             size: float = MATH, align: str = "center") -> None:
        """A math symbol like $h_{t-1}$ or $\\hat{x}_{t+1}$ in KaTeX's fonts, centred on y. Math is
        left to right in both languages, so `align` is geometric: "center", "left" or "right" of x.
        Letters are italic, digits and operators upright (write minus as "-")."""
        if align not in ("center", "left", "right"):
            raise ValueError(f"align must be 'center', 'left' or 'right', got {align!r}.")
        sub = sub.replace("-", "−")
        pieces = [(ch, size, 0.0) for ch in base] + [(ch, size * _SUB, size * 0.3) for ch in sub]
        widths = [self._math_width(ch) * s for ch, s, _ in pieces]
        left = x - {"center": sum(widths) / 2, "left": 0, "right": sum(widths)}[align]
        baseline = y + size * 0.25
        spans, cursor = [], left
        for (ch, s, drop), w in zip(pieces, widths):
            font = "fk-mi" if ch in _ITALIC else "fk-mn"
            spans.append(f'<tspan class="{font}" x="{_f(cursor)}" y="{_f(baseline + drop)}" '
                         f'font-size="{_f(s)}">{escape(ch)}</tspan>')
            cursor += w
        self._add(f'<text class="fk-math fk-{_check_role(role)}" direction="ltr" text-anchor="start">'
                  f'{"".join(spans)}</text>')
        if hat:
            cx = left + widths[0] / 2 + size * 0.06
            top = baseline - size * 0.62
            self.line([(cx - size * 0.2, top + size * 0.02), (cx, top - size * 0.14), (cx + size * 0.2, top + size * 0.02)],
                      role=role, arrow=False, width=1.4)

    @staticmethod
    def _math_width(ch: str) -> float:
        if ch in _ITALIC:
            return _ITALIC[ch]
        if ch in _UPRIGHT:
            return _UPRIGHT[ch]
        raise ValueError(f"figkit.math has no width for {ch!r}; use letters, digits, + − = ( ) , . × …")

    def line(self, points: list[tuple[float, float]], *, role: str = "ink", arrow: bool = True,
             dashed: bool = False, width: float = LINE) -> None:
        """A polyline through `points`, with an arrowhead at the last point unless arrow=False."""
        if len(points) < 2:
            raise ValueError("a line needs at least two points.")
        pts = list(points)
        cls = f"fk-line fk-{_check_role(role)}" + (" fk-dashed" if dashed else "")
        if arrow:
            (x1, y1), (x2, y2) = pts[-2], pts[-1]
            length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
            if length <= HEAD:
                raise ValueError(f"the last segment of an arrow must be longer than its head ({HEAD}).")
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            pts[-1] = (x2 - ux * (HEAD - 1), y2 - uy * (HEAD - 1))
            bx, by = x2 - ux * HEAD, y2 - uy * HEAD
            head = [(x2, y2), (bx - uy * HEAD * 0.5, by + ux * HEAD * 0.5), (bx + uy * HEAD * 0.5, by - ux * HEAD * 0.5)]
        d = "M" + " L".join(f"{_f(px)} {_f(py)}" for px, py in pts)
        stroke = "" if width == LINE else f' stroke-width="{_f(width)}"'
        self._add(f'<path class="{cls}" d="{d}"{stroke}/>')
        if arrow:
            self._add(f'<path class="fk-head fk-{role}" d="M' + " L".join(f"{_f(px)} {_f(py)}" for px, py in head) + ' Z"/>')

    def vector(self, x: float, y: float, n: int, *, role: str, cell: float = 14,
               shades: tuple[float, ...] = ()) -> None:
        """A vector as a row of `n` small boxes, index 0 at the left (math runs left to right).
        `shades` (0..1 per box) fills boxes more or less strongly, like the numbers they hold."""
        self.matrix(x, y, 1, n, role=role, cell=cell, shades=shades)

    def matrix(self, x: float, y: float, rows: int, cols: int, *, role: str, cell: float = 14,
               shades: tuple[float, ...] = ()) -> None:
        """A rows × cols grid of boxes, row-major, (0, 0) at the top left in both languages."""
        if shades and len(shades) != rows * cols:
            raise ValueError(f"shades has {len(shades)} values for a {rows}×{cols} grid.")
        _check_role(role)
        for i in range(rows):
            for j in range(cols):
                shade = f' fill-opacity="{_f(0.15 + 0.85 * shades[i * cols + j])}"' if shades else ""
                cls = "fk-square-shaded" if shades else "fk-square"
                self._add(f'<rect class="{cls} fk-{role}" x="{_f(x + j * cell)}" y="{_f(y + i * cell)}" '
                          f'width="{_f(cell)}" height="{_f(cell)}"{shade}/>')

    # ------------------------------------------------------------------ output
    def _add(self, element: str) -> None:
        self._parts.append(element)

    def svg(self) -> str:
        """The figure as one SVG element: no XML prolog, ids prefixed with the figure's name."""
        direction = ' direction="rtl"' if self.rtl else ""
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="lm-figure__svg" data-figure="{self.name}" '
                f'lang="{self.lang}"{direction} viewBox="0 0 {_f(self.width)} {_f(self.height)}" '
                f'width="{_f(self.width)}" height="{_f(self.height)}" role="img" '
                f'aria-labelledby="{self.name}-title">')
        title = f'<title id="{self.name}-title">{escape(self.alt)}</title>'
        return "\n".join([head, title, *self._parts, "</svg>"]) + "\n"
