"""Zero-width non-joiners for the Hafez corpus: hazm proposes, scripts/hafez_zwnj_rules.py decides.

hazm (the Persian NLP toolkit; a build-only dependency pinned in scripts/requirements-corpus.txt,
never imported by lmdocs) rewrites each mesra with ``Normalizer(correct_spacing=True,
seperate_mi=True)`` and every other option off. Its output is compared with the input character
by character: a change is eligible only when it writes a space as a ZWNJ (U+200C) or inserts a
ZWNJ between two letters. Anything else hazm changes (letters, punctuation, digits, line
structure) is discarded and counted. Each eligible ZWNJ is judged by ``hafez_zwnj_rules.judge``
(its docstring gives the rule: «می» the prefix or wine, vocative «ای», «تر» wet, «گر» if, …) and
the accepted ones are applied to the original text, so nothing but spaces and ZWNJs can differ.
After a letter that never joins the next (ا د ذ ر ز ژ و) the join is written without a ZWNJ,
as lmdocs.text.normalize_zwnj writes it and as the package already spells «کارها»: «تیر ها» ->
«تیرها».

Known limits: only hazm's proposals are judged, none are invented. hazm has no rule for the
archaic prefix «همی» («همی روی»), its lexicon knows some «بی» compounds and not their neighbours
(«بی‌جرم و بی جنایت»), and once it joins the wrong pair the right one is not proposed
(«خواب‌آلوده ایم‌ای بخت»: «ایم‌ای» is rejected, «آلوده‌ایم» never offered). Those stay as the
package spells them.

    ~/.venvs/lmdocs-corpus/bin/python scripts/make_hafez_corpus.py   # see that file for the venv

>>> only_zwnj_added("که می کند", "که می\u200cکند")
True
>>> only_zwnj_added("که می کند", "که میکند")
False
>>> apply_zwnj("چه تیر ها", [6], [])
'چه تیرها'
"""
from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from hafez_zwnj_rules import PHRASES, ZWNJ, Verdict, judge, judge_split, matching_phrase
from lmdocs.text.normalize import NON_JOINING

HAZM_OPTIONS = dict(correct_spacing=True, seperate_mi=True, remove_diacritics=False,
                    remove_specials_chars=False, decrease_repeated_chars=False, persian_style=False,
                    persian_numbers=False, unicodes_replacement=False)


class Decision(NamedTuple):
    """One ZWNJ hazm proposed: where, the two word parts it joins, and the verdict."""

    line_no: int
    index: int  # position in the original line: the space, or the letter the ZWNJ goes before
    is_split: bool
    left: str
    right: str
    phrase: str | None
    verdict: Verdict


def hazm_tools() -> tuple[Callable[[str], str], Callable[[str], bool], str]:
    """hazm's normaliser, its verb lexicon as a membership test, and hazm's version."""
    try:
        from importlib.metadata import version

        from hazm import Lemmatizer, Normalizer
    except ImportError as error:
        raise SystemExit(f"hazm is not installed ({error}): pip install -r scripts/requirements-corpus.txt") from error
    normalizer = Normalizer(**HAZM_OPTIONS)
    verbs = Lemmatizer(joined_verb_parts=False).verbs
    return normalizer.normalize, verbs.__contains__, version("hazm")


def _is_letter(char: str) -> bool:
    return char.isalpha()


def _between_letters(text: str, start: int, end: int) -> bool:
    return 0 < start and end < len(text) and _is_letter(text[start - 1]) and _is_letter(text[end])


def proposed_zwnj(old: str, new: str) -> tuple[list[int], list[int], int]:
    """Spaces of ``old`` that ``new`` joins (as ZWNJ, or dropped between letters), letters ``new`` puts
    a ZWNJ before, and the number of other edits."""
    joins, splits, other = [], [], 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and old[i1:i2] == " " * (i2 - i1) and new[j1:j2] == ZWNJ * (j2 - j1):
            joins.extend(range(i1, i2))
        elif tag == "delete" and old[i1:i2] == " " and _between_letters(old, i1, i2):
            joins.append(i1)
        elif tag == "insert" and new[j1:j2] == ZWNJ and _between_letters(old, i1, i1):
            splits.append(i1)
        else:
            other += 1
    return joins, splits, other


def only_zwnj_added(old: str, new: str) -> bool:
    """True when ``new`` is ``old`` with some spaces written as ZWNJ and ZWNJs put between letters."""
    joins, splits, other = proposed_zwnj(old, new)
    return other == 0 and apply_zwnj(old, joins, splits) == new


def apply_zwnj(line: str, joins: list[int], splits: list[int]) -> str:
    """``line`` with the spaces at ``joins`` joined and a ZWNJ before each index in ``splits``.

    A join is a ZWNJ, or nothing after a letter that never joins the next (NON_JOINING).
    """
    chars = list(line)
    for i in joins:
        chars[i] = "" if line[i - 1] in NON_JOINING else ZWNJ
    for i in splits:
        chars[i] = ZWNJ + chars[i]
    return "".join(chars)


def _word_index(line: str, index: int) -> int:
    return line[:index].count(" ")


def decide_line(line_no: int, line: str, normalized: str, lexicon_has: Callable[[str], bool]) -> tuple[list[Decision], int]:
    """The decisions for every ZWNJ hazm proposed in one mesra, and its count of other edits."""
    joins, splits, other = proposed_zwnj(line, normalized)
    words = line.split(" ")
    decisions = []
    for i in joins:
        k = _word_index(line, i)
        decisions.append(Decision(line_no, i, False, words[k], words[k + 1], matching_phrase(words, k),
                                  judge(words, k, lexicon_has)))
    for i in splits:
        k = _word_index(line, i)
        start = i - len(" ".join(words[:k])) - (1 if k else 0)
        decisions.append(Decision(line_no, i, True, words[k][:start], words[k][start:], None,
                                  judge_split(words[k], start, lexicon_has)))
    return decisions, other


def add_zwnj(lines: list[str], normalize: Callable[[str], str], lexicon_has: Callable[[str], bool]) -> tuple[list[str], list[Decision], int]:
    """The lines with the accepted ZWNJs, every decision, and the number of non-ZWNJ edits discarded."""
    out, decisions, discarded = [], [], 0
    for line_no, line in enumerate(lines, start=1):
        if not line:
            out.append(line)
            continue
        found, other = decide_line(line_no, line, normalize(line), lexicon_has)
        discarded += other
        decisions.extend(found)
        accepted = [d for d in found if d.verdict.accepted]
        out.append(apply_zwnj(line, [d.index for d in accepted if not d.is_split],
                              [d.index for d in accepted if d.is_split]))
    return out, decisions, discarded


def _joined(d: Decision) -> str:
    return d.left + ("" if d.left[-1] in NON_JOINING else ZWNJ) + d.right


def _table(counter: Counter, limit: int) -> list[str]:
    return [f"  {n:5d}  {item}" for item, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def report(old: list[str], new: list[str], decisions: list[Decision], discarded: int, hazm_version: str) -> str:
    """A plain-text account: counts, the most frequent joins, the rejections and the reviewed phrases."""
    accepted = [d for d in decisions if d.verdict.accepted]
    rejected = [d for d in decisions if not d.verdict.accepted]
    old_words = sum(len(line.split()) for line in old)
    zwnj_words = [w for line in new for w in line.split() if ZWNJ in w]
    plain = sum(1 for d in accepted if not d.is_split and d.left[-1] in NON_JOINING)
    by_rule = Counter((d.verdict.kind, d.verdict.rule, d.verdict.accepted) for d in decisions)
    phrases = Counter(d.phrase for d in decisions if d.phrase)
    lines = [
        "Hafez corpus: zero-width non-joiners (written by scripts/make_hafez_corpus.py; do not edit)",
        f"hazm {hazm_version}, Normalizer({', '.join(f'{k}={v}' for k, v in HAZM_OPTIONS.items())})",
        "",
        f"mesras: {sum(1 for line in old if line)}, changed: {sum(a != b for a, b in zip(old, new))}",
        f"words (space-separated) before: {old_words}, after: {sum(len(line.split()) for line in new)}",
        f"ZWNJs proposed by hazm: {len(decisions)}, accepted: {len(accepted)}, rejected: {len(rejected)}",
        f"accepted joins written without a ZWNJ (after ا د ذ ر ز ژ و): {plain}",
        f"words that now hold a ZWNJ: {len(zwnj_words)} ({len(set(zwnj_words))} distinct)",
        f"other edits by hazm (not a ZWNJ), discarded: {discarded}",
        "",
        "By affix and rule (accepted / rejected):",
    ]
    for kind, rule in sorted({(k, r) for k, r, _ in by_rule}):
        lines.append(f"  {kind:12s} {rule:40s} {by_rule[kind, rule, True]:5d} / {by_rule[kind, rule, False]}")
    lines += ["", "Most frequent joins (accepted):", *_table(Counter(map(_joined, accepted)), 60)]
    lines += ["", "Most frequent rejections (the pair stays two words):",
              *_table(Counter(f"{d.left} {d.right}  [{d.verdict.rule}]" for d in rejected), 60)]
    lines += ["", "Reviewed phrases (hafez_zwnj_rules.PHRASES) and how often each applied:"]
    lines += [f"  {phrases[p]:5d}  {'join' if join else 'apart'}  {p}" for p, join in PHRASES.items()]
    unused = [p for p in PHRASES if not phrases[p]]
    if unused:
        lines += ["", f"WARNING: phrases that no longer apply: {', '.join(unused)}"]
    return "\n".join(lines) + "\n"
