"""lmdocs.page: text fallbacks in CPython, the JSON messages sent in the browser, the running cell's
context, callbacks, bad input.

The browser side is the runner's: a block runs inside ``page.cell(..., post=...)``, and ``post``
receives JSON batches, which here are collected in a list (what the page's bridge receives).
"""
from __future__ import annotations

import asyncio
import contextvars
import doctest
import gc
import importlib
import json
import subprocess
import sys
import weakref

import pytest

from lmdocs import page
from support.paths import ROOT


@pytest.fixture
def sent():
    """A block running in the browser: every batch the page would receive, decoded."""
    batches: list[list[dict]] = []
    with page.cell(block="/page#1/3", lang="en", post=lambda text: batches.append(json.loads(text))):
        yield batches


def messages(batches):
    return [m for batch in batches for m in batch]


@pytest.mark.parametrize("module", ["charts", "context", "inputs", "outbox", "values", "views"])
def test_docstring_examples(module):
    assert doctest.testmod(importlib.import_module(f"lmdocs.page.{module}")).failed == 0
    assert doctest.testmod(page).attempted > 0 and doctest.testmod(page).failed == 0


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


def test_lang_is_the_running_cells_and_english_outside_a_page():
    assert page.lang() == "en"
    with page.cell(lang="fa"):
        assert page.lang() == "fa"
        with page.cell(block="inner", lang="en"):
            assert page.lang() == "en"
        assert page.lang() == "fa"
    assert page.lang() == "en"


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="'fa' \\(Persian\\) or 'en'"):
        with page.cell(lang="de"):
            pass


def test_the_context_follows_asyncio_tasks_not_the_environment():
    """Two blocks awaiting at the same time each keep their own language (a context variable)."""
    async def block(lang: str) -> list[str]:
        with page.cell(block=lang, lang=lang):
            seen = []
            for _ in range(3):
                seen.append(page.lang())
                await asyncio.sleep(0)
            return seen

    async def both():
        return await asyncio.gather(block("fa"), block("en"))

    assert asyncio.run(both()) == [["fa"] * 3, ["en"] * 3]
    assert contextvars.copy_context().run(page.lang) == "en"


def test_browser_messages_are_json_and_appends_are_batched(sent, monkeypatch):
    chart = page.line_chart("loss", title="loss", series={"train": [3.0, 2.0]})
    outbox = page.context.current().outbox
    monkeypatch.setattr(outbox, "last_flush", 10 ** 12)       # "just flushed": the next calls wait
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


def test_leaving_the_cell_sends_what_is_pending(monkeypatch):
    batches = []
    with page.cell(post=batches.append):
        monkeypatch.setattr(page.context.current().outbox, "last_flush", 10 ** 12)
        page.html_text("t", "late")
        assert batches == []
    assert [json.loads(b) for b in batches] == [[{"op": "text", "key": "t", "text": "late"}]]


def test_every_element_sends_one_of_the_operations(sent):
    page.line_chart("l", series={"a": [1]}).append("a", 2)
    page.bar_chart("b", ["x"], [1])
    page.table("t", [[1]])
    page.html_text("h", "x")
    page.tokens("k", ["a"])
    page.heatmap("m", [[1.0]], ["x"], ["y"])
    page.slider("s", "s", 0, 1, 1, 0)
    page.text_input("i", "i")
    page.select("e", "e", ["a"])
    page.button("u", "u")
    page.flush()
    assert sorted(m["op"] for m in messages(sent)) == sorted(page.OPERATIONS)


def test_an_operation_outside_the_list_is_refused(sent):
    with pytest.raises(ValueError, match="no operation 'image'"):
        page.context.emit({"op": "image", "key": "i"})


def test_callbacks_are_dispatched_to_the_running_block(sent):
    seen = []
    page.slider("n", "order", 1, 5, 1, 2, on_change=lambda v: (seen.append(v), page.html_text("out", f"n={v}")))
    page.dispatch("n", 4)
    assert seen == [4]
    assert messages(sent)[-1] == {"op": "text", "key": "out", "text": "n=4"}
    with page.cell(block="/page#1/9", callbacks=page.context.current().callbacks):
        with pytest.raises(LookupError, match="run the block again"):
            page.dispatch("n", 4)


def test_bind_stores_the_value_then_redraws(sent):
    """page.bind: the reader's new value lands in the state (cast) before the redraw reads it."""
    state = {"layer": 1, "text": "a"}
    seen = []
    page.select("layer", "layer", ["1", "2"], "1", on_change=page.bind(state, "layer", lambda: seen.append(
        dict(state)), cast=int))
    page.text_input("text", "text", "a", on_change=page.bind(state, "text"))
    page.dispatch("layer", "2")
    page.dispatch("text", "دوش")
    assert seen == [{"layer": 2, "text": "a"}] and state == {"layer": 2, "text": "دوش"}
    assert all(m["op"] in ("select", "text_input") for m in messages(sent))  # bind itself sends nothing
    with pytest.raises(TypeError, match=r"bind\('layer'\): `then` and `cast` must be functions"):
        page.bind(state, "layer", then="redraw")


def test_callbacks_live_in_the_pages_registry_and_go_with_it():
    """A new page (a new registry) cannot reach, nor keep alive, the callbacks of the previous one."""
    class Callback:
        def __call__(self, value):
            pass

    old_page: dict = {}
    callback = Callback()
    alive = weakref.ref(callback)
    with page.cell(block="b1", callbacks=old_page):
        page.slider("n", "n", 0, 9, 1, 1, on_change=callback)
    del callback
    assert list(old_page) == [("b1", "n")]
    with page.cell(block="b1", callbacks={}):
        with pytest.raises(LookupError):
            page.dispatch("n", 3)
    del old_page
    gc.collect()
    assert alive() is None


def test_outside_a_page_callbacks_are_checked_but_not_kept():
    page.button("go", "go", on_click=lambda: None)
    assert page.context.current().callbacks is None
    with pytest.raises(TypeError, match="must be a function"):
        page.button("go", "go", on_click="not callable")


def test_browser_mode_prints_nothing(sent, capsys):
    page.table("t", [[1, 2.5]], headers=["a", "b"])
    page.heatmap("h", [[0.25]], ["x"], ["y"])
    assert capsys.readouterr().out == ""
    page.flush()
    kinds = [m["op"] for m in messages(sent)]
    assert kinds == ["table", "heatmap"] and messages(sent)[0]["rows"] == [["1", "2.5"]]


def test_python_m_lmdocs_page_runs_a_docs_file_in_the_language(tmp_path):
    script = tmp_path / "demo.py"
    script.write_text("import sys\nfrom lmdocs import page\n"
                      "print(page.lang(), page.context.current().block, sys.argv[1:], __name__)\n"
                      "page.tokens('t', ['دو', 'ش'])\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "lmdocs.page", "--lang", "fa", str(script), "x"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "fa demo.py ['x'] __main__\nدو|ش\n"
    missing = subprocess.run([sys.executable, "-m", "lmdocs.page", str(tmp_path / "nope.py")],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert missing.returncode == 2 and "is not a file" in missing.stderr


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
