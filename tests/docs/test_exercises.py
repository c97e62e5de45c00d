"""Exercises: every checker accepts its reference answer and rejects a wrong one, in both languages;
every exercise cell on a page runs; both language versions of an article have the same exercises.

An exercise cell is a snippet `docs/exercises/<article>_<name>.py` with a line `answer = ...` and a
call `check("<id>", answer)` (lmdocs.exercises). The reference answers are computed by the package,
so they are not literals a typo could break silently.
"""
from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest

import lmdocs.exercises.registry as registry
from lmdocs import page
from lmdocs.exercises import all_exercises, check, find, reference
from support.cells import DOCS, included_snippets, page_cells
from support.paths import ROOT

EXERCISE_FILES = sorted((DOCS / "exercises").glob("*.py"))
_ANSWER_LINE = re.compile(r"^answer = \.\.\.(?P<comment>[ \t]*#.*)?$", re.MULTILINE)
_CHECK_CALL = re.compile(r"""check\(["'](?P<id>[\w.-]+)["'], answer\)""")
_EXERCISES_HEADING = re.compile(r"^## .*\{#exercises\}\s*$")
_ITEM = re.compile(r"^\d+\. ")
ARTICLE_PAGES = sorted(p for p in (DOCS / "series").glob("*.md") if not p.name.endswith(".en.md")) + [DOCS / "tokenization.md"]


def wrong(value):
    """An answer that must be rejected: a clearly different number, string, or sequence."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value * 1.5 + 1
    if isinstance(value, str):
        return value + " x"
    if isinstance(value, (list, tuple)):
        return list(value) + [0] if value else [0]
    if isinstance(value, dict):
        return {**value, "__extra__": 0}
    raise TypeError(f"no wrong answer known for a {type(value).__name__}")


def test_the_module_examples_hold():
    for module in (registry, sys.modules["lmdocs.exercises"]):
        assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize("ex", all_exercises(), ids=lambda ex: ex.id)
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_checker_accepts_its_reference_and_rejects_a_wrong_answer(ex, lang, capsys):
    with page.cell(lang=lang):
        assert check(ex.id, ex.answer()) is True
        assert check(ex.id, wrong(ex.answer())) is False
        assert check(ex.id, ...) is False
    said = capsys.readouterr().out.splitlines()
    assert said[0] == ("Correct." if lang == "en" else "درست است.")
    assert said[1].startswith("Not yet" if lang == "en" else "هنوز نه")
    assert str(ex.answer()) not in said[1] or isinstance(ex.answer(), bool)   # the hint never gives it away


def test_an_unknown_exercise_names_the_known_ones():
    with pytest.raises(KeyError, match="part2.uniform-perplexity"):
        find("part2.no-such-exercise")
    with pytest.raises(ValueError, match="<article>.<name>"):
        registry.exercise("nowhere", hint_en="", hint_fa="")


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=lambda p: p.name)
def test_each_exercise_cell_runs_and_accepts_the_reference(path, tmp_path):
    code = path.read_text(encoding="utf-8")
    assert _ANSWER_LINE.search(code), f"{path.name}: needs a line `answer = ...` for the reader to fill in"
    ids = _CHECK_CALL.findall(code)
    assert len(ids) == 1, f"{path.name}: needs exactly one check(\"<id>\", answer) call"
    answered = _ANSWER_LINE.sub(f"answer = {reference(ids[0])!r}", code, count=1)
    for lang, source, said in (("en", code, "Replace ..."), ("fa", code, "به‌جای ..."),
                               ("en", answered, "Correct."), ("fa", answered, "درست است.")):
        script = tmp_path / path.name
        script.write_text(source, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "lmdocs.page", "--lang", lang, str(script)], cwd=ROOT,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert done.returncode == 0, done.stderr
        assert said in done.stdout, f"{path.name} ({lang}) printed:\n{done.stdout}"


def test_every_registered_exercise_has_a_cell_and_every_cell_is_on_a_page():
    used = {m for path in EXERCISE_FILES for m in _CHECK_CALL.findall(path.read_text(encoding="utf-8"))}
    assert {ex.id for ex in all_exercises()} <= used, "a registered exercise no cell checks"
    on_pages = {src for p in DOCS.rglob("*.md") for cell in page_cells(p) for src in cell.sources}
    on_pages |= {src for p in DOCS.rglob("*.md") for src in included_snippets(p)}
    missing = [p.name for p in EXERCISE_FILES if f"exercises/{p.name}" not in on_pages]
    assert not missing, f"exercise cells no page includes: {missing}"


def exercise_items(page_path: Path) -> list[str] | None:
    """The top-level items of the page's `## … {#exercises}` section, or None without one."""
    lines = page_path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if _EXERCISES_HEADING.match(line)]
    if not starts:
        return None
    section = []
    for line in lines[starts[0] + 1:]:
        if line.startswith("## "):
            break
        section.append(line)
    return [line for line in section if _ITEM.match(line)]


@pytest.mark.parametrize("fa_page", ARTICLE_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_both_languages_have_the_same_number_of_exercises(fa_page):
    en_page = fa_page.with_name(fa_page.name.replace(".md", ".en.md"))
    fa, en = exercise_items(fa_page), exercise_items(en_page)
    assert fa is not None and en is not None, (
        f"{fa_page.name} / {en_page.name}: every article ends with a `## … {{#exercises}}` section in both languages")
    assert len(fa) == len(en) > 0, f"exercises: {len(fa)} in Persian, {len(en)} in English"
