"""Regenerate tests/fixtures/kenlm/: texts, the ARPA models lmplz writes for them, query's perplexities.

    scripts/build_lmplz.sh                       # once: builds lmplz and query into build/kenlm/bin
    .venv/bin/python scripts/make_kenlm_fixtures.py [--bin build/kenlm/bin]

The texts come from the Hafez corpus (lmdocs.corpora), cut small so the fixtures stay well under
1 MB; separators_*.txt hold the characters on which Python and KenLM may cut text differently
(SEPARATORS). manifest.json lists every model: its training text, order, lmplz flags, and what
``query -v summary -v sentence`` printed for the test text (each line's total and OOVs, and the summary).
tests/unit/ngram/test_ngram_kenlm.py and test_ngram_separators.py compare lmdocs with them.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lmdocs.corpora import hafez_split  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "kenlm"
SPACE = "_"  # stands for the space between words in the character-level text
# Characters where Python's str.split()/splitlines() and KenLM's programs may disagree (issue 17),
# and KenLM's own separators. Each gets three lines of the separators_* texts.
SEPARATORS = {
    "nbsp": "\u00a0", "narrow_nbsp": "\u202f", "form_feed": "\f", "vertical_tab": "\v",
    "file_sep": "\x1c", "group_sep": "\x1d", "record_sep": "\x1e", "unit_sep": "\x1f",
    "next_line": "\u0085", "line_sep": "\u2028", "paragraph_sep": "\u2029", "carriage_return": "\r",
    "nul": "\0", "tab": "\t",
}


def with_separator(lines: list[str], char: str) -> list[str]:
    """Three lines holding ``char``: between two words, around a line, and doubled next to a space."""
    first, second, third = (line.split(" ") for line in lines[:3])
    return [first[0] + char + " ".join(first[1:]),
            char + " ".join(second) + char,
            " ".join(third[:-1]) + " " + char + char + third[-1]]


def separator_lines(source: list[str]) -> list[str]:
    """Every separator in three lines (from ``source``, three lines each), then the rest of ``source``."""
    out = []
    for i, char in enumerate(SEPARATORS.values()):
        out += with_separator(source[3 * i:3 * i + 3], char)
    return out + source[3 * len(SEPARATORS):]


def write_texts() -> dict[str, str]:
    """The training and test texts, written into the fixture folder; returns name -> file."""
    train, test = hafez_split()
    characters = [" ".join(line.replace(" ", SPACE)) for line in train[:40]]
    texts = {
        "hafez_train_400.txt": train[:400],
        "hafez_train_120.txt": train[:120],
        "hafez_chars_40.txt": characters,
        "hafez_test_100.txt": test[:100],
        "hafez_chars_test_20.txt": [" ".join(line.replace(" ", SPACE)) for line in test[:20]],
        "separators_train.txt": separator_lines(train[500:560]),
        # query's literal <s>, </s> and <unk> (issue 17.2), an empty line and a line of spaces
        "separators_test.txt": separator_lines(test[100:150]) + [
            "<s> " + test[150], test[151].replace(" ", " <s> ", 1), test[152] + " </s> " + test[153],
            "<unk> " + test[154], "", " \t "],
    }
    for name, lines in texts.items():
        with (FIXTURES / name).open("w", encoding="utf-8", newline="") as file:  # "\n" only, as written
            file.write("\n".join(lines) + "\n")
    return {name: name for name in texts}


MODELS = [  # (arpa name, training text, order, extra lmplz flags, test text)
    ("hafez_400_o3.arpa", "hafez_train_400.txt", 3, [], "hafez_test_100.txt"),
    ("hafez_120_o1.arpa", "hafez_train_120.txt", 1, [], "hafez_test_100.txt"),
    ("hafez_120_o2.arpa", "hafez_train_120.txt", 2, [], "hafez_test_100.txt"),
    # Too little text for 4- and 5-gram discounts: lmplz refuses without --discount_fallback.
    *[(f"hafez_120_o{n}.arpa", "hafez_train_120.txt", n, ["--discount_fallback"], "hafez_test_100.txt")
      for n in (3, 4, 5)],
    ("hafez_chars_40_o5.arpa", "hafez_chars_40.txt", 5, ["--discount_fallback"], "hafez_chars_test_20.txt"),
    ("separators_o3.arpa", "separators_train.txt", 3, ["--discount_fallback"], "separators_test.txt"),
]


def query_summary(query: Path, arpa: Path, text: Path) -> dict[str, object]:
    """What ``query -v summary -v sentence`` prints: each line's total log10 p and OOV count, and the summary."""
    with text.open("rb") as stdin:
        run = subprocess.run([str(query), "-v", "summary", "-v", "sentence", str(arpa)], stdin=stdin, capture_output=True)
    if run.returncode != 0:  # query refuses unigram models ("assumes at least a bigram model")
        return dict.fromkeys(["perplexity_including_oov", "perplexity_excluding_oov", "oov", "tokens"])
    out = run.stdout.decode("utf-8").split("\n")  # its own lines: only "\n" ends them
    fields = dict(line.split(":\t", 1) for line in out if ":\t" in line)
    lines = [line.split() for line in out if line.startswith("Total: ")]  # "Total: -12.3 OOV: 1"
    return {
        "perplexity_including_oov": float(fields["Perplexity including OOVs"]),
        "perplexity_excluding_oov": float(fields["Perplexity excluding OOVs"]),
        "oov": int(fields["OOVs"]),
        "tokens": int(fields["Tokens"]),
        "line_totals": [[float(fields[1]), int(fields[3])] for fields in lines],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", type=Path, default=ROOT / "build" / "kenlm" / "bin",
                        help="folder holding lmplz and query (scripts/build_lmplz.sh)")
    args = parser.parse_args()
    lmplz, query = args.bin / "lmplz", args.bin / "query"
    if not lmplz.exists():
        sys.exit(f"{lmplz} not found: run scripts/build_lmplz.sh first")
    FIXTURES.mkdir(parents=True, exist_ok=True)
    write_texts()
    manifest = []
    for arpa, text, order, flags, test in MODELS:
        with (FIXTURES / text).open("rb") as stdin:  # does lmplz need the fallback here?
            strict = subprocess.run([str(lmplz), "-o", str(order), "-S", "64M", "-T", "/tmp"], stdin=stdin,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with (FIXTURES / text).open("rb") as stdin, (FIXTURES / arpa).open("wb") as stdout:
            subprocess.run([str(lmplz), "-o", str(order), "-S", "64M", "-T", "/tmp", *flags],
                           stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL, check=True)
        entry = {"arpa": arpa, "text": text, "order": order, "lmplz_flags": flags, "test": test,
                 "lmplz_fails_without_fallback": strict.returncode != 0}
        entry.update(query_summary(query, FIXTURES / arpa, FIXTURES / test))
        manifest.append(entry)
        print(arpa, entry["perplexity_including_oov"])
    text = json.dumps(manifest, indent=1, ensure_ascii=False)
    text = re.sub(r"\[\n +(\S+),\n +(\d+)\n +\]", r"[\1, \2]", text)  # one [total, OOVs] pair a line
    (FIXTURES / "manifest.json").write_text(text + "\n")


if __name__ == "__main__":
    main()
