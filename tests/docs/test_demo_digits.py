"""On a Persian page every demo writes its numbers in Persian digits (issue 18.2): no page element's
Persian text (a title, an input's label, a select's options, an axis, a legend, a table's headers and
cells, a caption, a line it prints) holds a number in ASCII digits, before or after the reader changes
each input.

"Persian text" is a string with a Persian letter, or one that is only numbers (a select's "1", a table's
"7", a shape "11 × 64"). A number is what lmdocs.i18n.digits rewrites: it leaves identifiers and code
alone (`gpt2`, `h.0`, `1e9`, `x1`), the way a Persian teacher leaves them in Latin. What it does not
see: numbers the page's JavaScript writes (a slider's value, a heatmap's cells, a chart's ticks);
tests/browser/test_js_digits_browser.py checks those in Chromium.
"""
from __future__ import annotations

import re
import runpy

import pytest

from lmdocs import page
from lmdocs.i18n import digits
from lmdocs.page import charts, inputs, views
from support.cells import DOCS
from support.reader import changed_value

DEMOS = sorted(path.name for path in (DOCS / "demos").glob("*.py"))
PERSIAN_LETTER = re.compile(r"[\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC]")
LONE_NUMBER = re.compile(r"\s*[-+]?\d[\d.,]*%?(?:\s*×\s*\d+)*\s*")    # "7", "-0.5", "50%", a shape "11 × 64"
# (demo, text) pairs allowed to keep ASCII digits, each with its reason (none needed today).
ALLOWED: dict[tuple[str, str], str] = {}


def shown_texts(message: dict) -> list[str]:
    """The strings of one lmdocs.page message that the reader sees as prose or labels."""
    texts = [message.get(field) for field in ("title", "label", "x_label", "y_label", "text")]
    for field in ("options", "headers", "labels"):
        texts += message.get(field) or []
    texts += list((message.get("series") or message.get("points") or {}).keys())
    texts += [cell for row in message.get("rows") or [] for cell in row]
    return [text for text in texts if isinstance(text, str)]


def is_persian_text(text: str) -> bool:
    return bool(PERSIAN_LETTER.search(text)) or bool(LONE_NUMBER.fullmatch(text))


def run_demo(name: str, monkeypatch) -> list[dict]:
    """Every message the demo sends on a Persian page, then after each input changed once."""
    messages: list[dict] = []
    for module in (charts, inputs, views):     # the elements go to `messages`, as to the page, not to stdout
        monkeypatch.setattr(module, "emit", messages.append)
        monkeypatch.setattr(module, "in_browser", lambda: True)
    with page.cell(block=name, lang="fa"):
        runpy.run_path(str(DOCS / "demos" / name), run_name="__main__")
        for made in [m for m in messages if m["op"] in ("slider", "text_input", "select", "button")]:
            page.dispatch(made["key"], changed_value(made))
    return messages


@pytest.mark.parametrize("name", DEMOS)
def test_persian_page_elements_have_no_ascii_numbers(name, monkeypatch, capsys):
    texts = [text for message in run_demo(name, monkeypatch) for text in shown_texts(message)]
    texts += capsys.readouterr().out.splitlines()      # what the demo itself prints
    assert texts, f"{name} drew nothing"
    wrong = sorted({text for text in texts if is_persian_text(text) and digits(text, lang="fa") != text
                    and (name, text) not in ALLOWED})
    assert not wrong, f"{name} on a Persian page shows ASCII digits in: {wrong}"
