"""lmdocs.page: text fallbacks in CPython, the JSON messages sent in the browser, bad input.

The browser side is simulated by replacing the function that posts to the worker glue with a list
collector: the messages must be valid JSON (what the page's bridge receives), appends must be
batched, and callbacks must be found again by (block, key) like the runner dispatches them.
"""
from __future__ import annotations

import json

import pytest

from lmdocs import page


@pytest.fixture
def sent(monkeypatch):
    """Pretend to be in the browser; collect every batch the page would receive."""
    batches: list[list[dict]] = []
    monkeypatch.setattr(page, "_post_function", lambda: lambda text: batches.append(json.loads(text)))
    monkeypatch.setattr(page, "_last_flush", 0.0)
    monkeypatch.setenv("LMDOCS_BLOCK", "/page#1/3")
    page._pending.clear()
    yield batches
    page._pending.clear()
    page._callbacks.clear()


def messages(batches):
    return [m for batch in batches for m in batch]


def test_cpython_prints_readable_text(capsys):
    assert not page.in_browser()
    page.bar_chart("b", ["cat", "a"], [3, 0.5], title="counts")
    page.tokens("t", ["سل", "ام"], ids=[5, 9])
    page.html_text("h", "<b>not html</b>")
    assert capsys.readouterr().out == "counts\n  cat  3\n  a    0.5\nسل(5)|ام(9)\n<b>not html</b>\n"


def test_cpython_inputs_return_their_value_and_never_call_back(capsys):
    called = []
    assert page.slider("n", "order", 1, 5, 1, 3, on_change=called.append) == 3
    assert page.select("u", "unit", ["word", "char"], on_change=called.append) == "word"
    assert page.text_input("x", "text", "hi", on_change=called.append) == "hi"
    page.button("go", "again", on_click=lambda: called.append("click"))
    assert called == []
    assert capsys.readouterr().out.splitlines() == [
        "[order: 3  (1..5)]", "[unit: word  (one of word, char)]", "[text: hi]", "[again]"]


def test_lang_follows_lmdocs_lang(monkeypatch):
    monkeypatch.delenv("LMDOCS_LANG", raising=False)
    assert page.lang() == "en"
    monkeypatch.setenv("LMDOCS_LANG", "fa")
    assert page.lang() == "fa"


def test_browser_messages_are_json_and_appends_are_batched(sent, monkeypatch):
    chart = page.line_chart("loss", title="loss", series={"train": [3.0, 2.0]})
    monkeypatch.setattr(page, "_last_flush", 10 ** 12)        # "just flushed": the next calls wait
    for y in (1.5, 1.25, 1.0):
        chart.append("train", y)
    chart.append("valid", 2.5, x=10)
    assert len(sent) == 1                                     # the creation went out at once
    page.flush()
    created, appended = messages(sent)
    assert created == {"op": "line_chart", "key": "loss", "title": "loss", "x_label": "", "y_label": "",
                       "series": {"train": [[0, 3.0], [1, 2.0]]}}
    assert appended == {"op": "append", "key": "loss",
                        "points": {"train": [[2, 1.5], [3, 1.25], [4, 1.0]], "valid": [[10, 2.5]]}}


def test_browser_callbacks_are_dispatched_by_block_and_key(sent):
    seen = []
    page.slider("n", "order", 1, 5, 1, 2, on_change=lambda v: (seen.append(v), page.html_text("out", f"n={v}")))
    page._dispatch("/page#1/3", "n", 4)
    assert seen == [4]
    assert messages(sent)[-1] == {"op": "text", "key": "out", "text": "n=4"}
    with pytest.raises(LookupError, match="run the block again"):
        page._dispatch("/page#1/9", "n", 4)


def test_browser_mode_prints_nothing(sent, capsys):
    page.table("t", [[1, 2.5]], headers=["a", "b"])
    page.heatmap("h", [[0.25]], ["x"], ["y"])
    assert capsys.readouterr().out == ""
    page.flush()
    kinds = [m["op"] for m in messages(sent)]
    assert kinds == ["table", "heatmap"] and messages(sent)[0]["rows"] == [["1", "2.5"]]


@pytest.mark.parametrize("call, error, words", [
    (lambda: page.bar_chart("b", ["a"], [1, 2]), ValueError, "one label per value"),
    (lambda: page.bar_chart("", ["a"], [1]), TypeError, "non-empty str"),
    (lambda: page.bar_chart("b", ["a"], [float("nan")]), ValueError, "must be finite"),
    (lambda: page.bar_chart("b", ["a"], ["1"]), TypeError, "must be a number"),
    (lambda: page.line_chart("l", series=[1, 2]), TypeError, "series must be a dict"),
    (lambda: page.line_chart("l", series={"a": [(1, 2, 3)]}), ValueError, r"\(x, y\) pair"),
    (lambda: page.heatmap("h", [[1, 2]], ["x"], ["y"]), ValueError, "one row per y label"),
    (lambda: page.tokens("t", ["a", "b"], ids=[1]), ValueError, "one id per piece"),
    (lambda: page.slider("s", "s", 5, 1, 1, 3), ValueError, "min < max"),
    (lambda: page.slider("s", "s", 1, 5, 1, 9), ValueError, "min <= value <= max"),
    (lambda: page.select("s", "s", ["a"], "b"), ValueError, "not one of the options"),
    (lambda: page.select("s", "s", []), ValueError, "at least one option"),
    (lambda: page.button("b", "go", on_click="not callable"), TypeError, "must be a function"),
    (lambda: page.table("t", [1, 2]), TypeError, "list of rows"),
])
def test_bad_input_is_a_clear_error(call, error, words):
    with pytest.raises(error, match=words):
        call()
