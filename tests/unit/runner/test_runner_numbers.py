"""Numbers the page's JavaScript draws (heatmap cells, slider readouts, chart ticks) are written as
Python's lmdocs.i18n.num writes them: the reference for both languages is the Python function.

The cases avoid exact binary ties (0.125 to 2 places): there JavaScript's toFixed rounds up and
Python's format rounds to even.
"""
from __future__ import annotations

import json

import pytest

from lmdocs.i18n import num
from support.runner_js import node

# (value, Python format spec, options of formatNumber in i18n.js)
CASES = [
    (0.0, ".2f", {"fractionDigits": 2}),
    (0.123, ".2f", {"fractionDigits": 2}),
    (0.987654, ".3f", {"fractionDigits": 3}),
    (-1.5, ".2f", {"fractionDigits": 2}),
    (-0.004, ".2f", {"fractionDigits": 2}),
    (12.345, ".2f", {"fractionDigits": 2}),
    (1234567, ",", {"grouping": True}),
    (-12345, ",", {"grouping": True}),
    (999, ",", {"grouping": True}),
    (1234.5678, ",.1f", {"fractionDigits": 1, "grouping": True}),
    (0.3, "", {}),
    (0.1 + 0.2, "", {}),
    (7, "", {}),
    (2020, "", {}),
]


@pytest.fixture(scope="module")
def written() -> dict:
    calls = json.dumps([[value, options] for value, _, options in CASES])
    return node(f"""
        const {{ formatNumber, numberText }} = await import("./i18n.js");
        const calls = {calls};
        const out = {{}};
        for (const lang of ["en", "fa"]) out[lang] = calls.map(([v, o]) => formatNumber(v, lang, o));
        out.text = ["en", "fa"].map((lang) => numberText("-1,234.5 and 50%", lang));
        console.log(JSON.stringify(out));""")


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_javascript_writes_numbers_as_python_does(written, lang):
    expected = [num(value, spec, lang=lang) for value, spec, _ in CASES]
    assert written[lang] == expected


def test_persian_numbers_use_persian_digits_and_separators(written):
    assert written["fa"][1] == "۰٫۱۲" and written["fa"][6] == "۱٬۲۳۴٬۵۶۷"
    assert written["text"] == ["-1,234.5 and 50%", "-۱٬۲۳۴٫۵ and ۵۰٪"]
