"""One Persian term per concept: Persian text uses no variant the glossary marks as not preferred.

The glossary (docs/glossary.md) is the source of truth: under an entry `### <term> {#id}`, a line
`نه: «variant»، «variant»` lists the forms the site does not use; `«variant» → «form»` names the form
to write when it is not the entry's term. A variant written «…ه‌ی» is a word ending. Checked: every Persian page (articles, glossary, index, contributing, snippets' Markdown),
the Persian recipe notebook, the demos and snippets (their Persian labels), the Persian figures, and
Persian strings in the package. Matching is by whole words, with the zero-width non-joiner (U+200C)
as a word boundary, so «موضع‌ها» is the variant «موضع» plus a suffix; so are «موضعی» and «موضعش»
(suffixes written joined). A variant quoted as a word
(«موضع») is a mention, not a use, and is allowed (the glossary explains its choices that way).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.paths import DOCS, ROOT

GLOSSARY = DOCS / "glossary.md"
_HEADING = re.compile(r"^###\s+(?P<term>.+?)\s*\{#(?P<id>[\w-]+)\}\s*$")
_VARIANTS = re.compile(r"^نه:\s*(?P<items>.+)$")
_ITEM = re.compile(r"«(?P<variant>[^«»]+)»(?:\s*→\s*«(?P<preferred>[^«»]+)»)?")
# Arabic-script letters and marks, without the script's punctuation and digits (، ؛ ؟ ٪ ٫ ٬ ۔ ۰-۹):
# a variant followed by «،» must still be found.
_LETTER = ("\u0610-\u061A\u0620-\u065F\u066E-\u06D3\u06D5-\u06EF\u06FA-\u06FF"
           "\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF")
ZWNJ = "\u200c"
# Suffixes Persian often writes joined without a ZWNJ («چت‌باتی», «موضعی»): a word plus one of them is the word.
_SUFFIX = "(?:ی|ها|های|ای|ام|ات|اش|مان|تان|شان)?"


@dataclass(frozen=True)
class Rule:
    variant: str        # as written in the glossary
    preferred: str
    anchor: str
    pattern: re.Pattern


def _pattern(variant: str) -> re.Pattern:
    """Whole-word match; a variant that starts with «…» matches the end of a word."""
    suffix = variant.startswith("…")
    words = variant.lstrip("…").split()
    body = r"\s+".join(re.escape(w) for w in words)
    before = "" if suffix else rf"(?<![{_LETTER}])"
    after = "" if suffix else _SUFFIX
    return re.compile(rf"{before}(?P<hit>{body}){after}(?![{_LETTER}])")


def glossary_rules(text: str) -> list[Rule]:
    """The variant rules of the glossary text, in order."""
    rules, heading = [], None
    for line in text.splitlines():
        if match := _HEADING.match(line):
            heading = match
        elif match := _VARIANTS.match(line.strip()):
            if heading is None:
                raise ValueError(f"a «نه:» line outside any glossary entry: {line!r}")
            for item in _ITEM.finditer(match["items"]):
                preferred = item["preferred"] or heading["term"]
                rules.append(Rule(item["variant"], preferred, heading["id"], _pattern(item["variant"])))
    return rules


def _quoted(text: str, start: int, end: int) -> bool:
    """Is the word around text[start:end] written in guillemets, as a mention?"""
    while start > 0 and (text[start - 1] == ZWNJ or re.match(rf"[{_LETTER}]", text[start - 1])):
        start -= 1
    while end < len(text) and (text[end] == ZWNJ or re.match(rf"[{_LETTER}]", text[end])):
        end += 1
    if text[start - 1:start] == "…":                       # «…ه‌ی»: a word ending, quoted
        start -= 1
    return text[start - 1:start] == "«" and text[end:end + 1] == "»"


def violations(text: str, rules: list[Rule], where: str) -> list[str]:
    found = []
    for rule in rules:
        for match in rule.pattern.finditer(text):
            start, end = match.span("hit")
            line_start = text.rfind("\n", 0, start) + 1
            if text.startswith("نه:", line_start) or _quoted(text, start, end):
                continue
            line = text.count("\n", 0, start) + 1
            found.append(f"{where}:{line}: «{match['hit']}» → «{rule.preferred}» (glossary #{rule.anchor})")
    return found


def persian_files() -> list[Path]:
    """Every file whose Persian text readers see."""
    pages = [p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md")]
    notebooks = [p for p in (DOCS / "recipes").glob("*.py") if not p.name.endswith(".en.py")]
    code = [*DOCS.glob("demos/*.py"), *DOCS.glob("snippets/*.py"), *(ROOT / "lmdocs").rglob("*.py")]
    figures = list((DOCS / "figures").glob("*.fa.svg"))
    return sorted({*pages, *notebooks, *code, *figures})


RULES = glossary_rules(GLOSSARY.read_text(encoding="utf-8"))


def test_glossary_lists_variants_for_the_known_drift():
    """The parser reads the glossary (guards against a format change that would check nothing)."""
    by_variant = {rule.variant: rule for rule in RULES}
    for variant, preferred in {"موضع": "جایگاه", "نمره": "امتیاز", "بای‌گرم": "دوگرم", "نویسه": "حرف",
                               "بهدانو": "بهداناو", "فقط-رمزگشا": "فقط‌رمزگشا", "تریلیون": "هزار میلیارد",
                               "چت‌بات": "ربات گفت‌وگو", "کاهش گرادیان": "گرادیان کاهشی",
                               "عملیات ممیز شناور": "عمل ممیز شناور", "باقیمانده": "باقی‌مانده",
                               "دستورهای آموزش": "اسکریپت‌های آموزش", "…ه‌ی": "…هٔ"}.items():
        assert variant in by_variant, f"the glossary no longer lists «{variant}» as a variant"
        assert by_variant[variant].preferred == preferred


def test_matching_is_whole_word_and_zwnj_aware():
    rules = glossary_rules("### جایگاه {#position}\n\nنه: «موضع»\n\n### ـهٔ {#ezafe}\n\nنه: «…ه‌ی» → «…هٔ»\n")
    assert violations("هر موضع و موضع‌ها", rules, "t") == [
        "t:1: «موضع» → «جایگاه» (glossary #position)", "t:1: «موضع» → «جایگاه» (glossary #position)"]
    assert len(violations("موضعی و موضع‌هایش", rules, "t")) == 2                    # suffixes
    assert violations("موضوع، مواضع، «موضع» و «موضع‌ها»", rules, "t") == []       # other words; mentions
    assert violations("دادهٔ آموزش\nداده‌ی آموزش و ریشه‌یابی", rules, "t") == [
        "t:2: «ه‌ی» → «…هٔ» (glossary #ezafe)"]
    two_words = glossary_rules("### گرادیان کاهشی {#gd}\nنه: «کاهش گرادیان»\n")
    assert len(violations("روش\nکاهش\nگرادیان", two_words, "t")) == 1            # across a line break


def test_a_variant_line_outside_an_entry_is_an_error():
    with pytest.raises(ValueError, match="outside any glossary entry"):
        glossary_rules("نه: «x»\n")


_FILES = persian_files()


@pytest.mark.parametrize("path", _FILES, ids=[p.relative_to(ROOT).as_posix() for p in _FILES])
def test_persian_text_uses_the_glossary_terms(path):
    found = violations(path.read_text(encoding="utf-8"), RULES, path.relative_to(ROOT).as_posix())
    assert not found, "terms the glossary marks as not preferred:\n" + "\n".join(found)
