"""Regenerate lmdocs/data/hafez.txt from the `hafez` package (MIT licence, Kaveh Bakhtiyari).

The package spells Persian without a single zero-width non-joiner («می کند», «نافه ای»); the
corpus gets them from hazm, filtered by Hafez-aware rules (scripts/hafez_zwnj.py and
scripts/hafez_zwnj_rules.py), and the account of every change goes to
scripts/hafez_zwnj_report.txt. `hafez` and hazm are build-only dependencies: lmdocs ships the
plain-text corpus so that CPython and Pyodide read the same file. One verse half (mesra) per
line, one blank line between ghazals, in the package's order (ghazal 1 .. 495).

hazm pins numpy and nltk versions of its own, so it lives in a virtual environment of its own,
outside the repository (never the test venv .venv):

    python3 -m venv ~/.venvs/lmdocs-corpus
    ~/.venvs/lmdocs-corpus/bin/pip install -r scripts/requirements-corpus.txt
    ~/.venvs/lmdocs-corpus/bin/python scripts/make_hafez_corpus.py

This module itself is standard library only (the tests use ``package_ghazals`` and
``corpus_text`` to compare the shipped corpus with the package's text):

>>> corpus_text([["a b", "c"], ["d"]])
'a b\\nc\\n\\nd\\n'
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "lmdocs" / "data"
REPORT = ROOT / "scripts" / "hafez_zwnj_report.txt"


def package_dir() -> Path:
    """Where the `hafez` package is installed (found without importing it: it needs pandas)."""
    spec = find_spec("hafez")
    if spec is None or spec.origin is None:
        raise SystemExit("The `hafez` package is not installed: pip install hafez==0.4.2")
    return Path(spec.origin).parent


def package_ghazals() -> list[list[str]]:
    """The 495 ghazals of the package, in its order, each a list of mesras as the package spells them."""
    poems = json.loads((package_dir() / "data" / "hafez.json").read_text(encoding="utf-8"))
    poems.sort(key=lambda p: p["id"])
    return [[line.strip() for line in p["poem"] if line.strip()] for p in poems]


def corpus_text(ghazals: list[list[str]]) -> str:
    """The corpus file's text: one mesra per line, a blank line between ghazals."""
    return "\n\n".join("\n".join(lines) for lines in ghazals) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a crash never leaves half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def main() -> None:
    sys.path.insert(0, str(ROOT))  # hafez_zwnj reads lmdocs.text (standard library only)
    from hafez_zwnj import add_zwnj, hazm_tools, report  # hazm: only when regenerating

    old = corpus_text(package_ghazals()).split("\n")
    normalize, lexicon_has, hazm_version = hazm_tools()
    new, decisions, discarded = add_zwnj(old, normalize, lexicon_has)
    OUT.mkdir(parents=True, exist_ok=True)
    write_atomically(OUT / "hafez.txt", "\n".join(new))
    licence = next(package_dir().parent.glob("hafez-*.dist-info/licenses/LICENSE"))
    shutil.copyfile(licence, OUT / "hafez.LICENSE.txt")
    account = report(old, new, decisions, discarded, hazm_version)
    write_atomically(REPORT, account)
    print(account, end="")
    print(f"wrote {len(package_ghazals())} ghazals to {OUT / 'hafez.txt'} and the report to {REPORT}")


if __name__ == "__main__":
    main()
