"""Regenerate lmdocs/data/hafez.txt from the `hafez` package (MIT licence, Kaveh Bakhtiyari).

The package is a test/build dependency only; lmdocs itself ships the plain-text corpus so that
CPython and Pyodide read the same file. One verse half (mesra) per line, one blank line between
ghazals, in the package's order (ghazal 1 .. 495).

    python scripts/make_hafez_corpus.py
"""
from __future__ import annotations

import json
import shutil
from importlib.util import find_spec
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "lmdocs" / "data"


def main() -> None:
    spec = find_spec("hafez")
    if spec is None or spec.origin is None:
        raise SystemExit("The `hafez` package is not installed: pip install hafez==0.4.2")
    package_dir = Path(spec.origin).parent
    poems = json.loads((package_dir / "data" / "hafez.json").read_text(encoding="utf-8"))
    poems.sort(key=lambda p: p["id"])
    ghazals = ["\n".join(line.strip() for line in p["poem"] if line.strip()) for p in poems]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "hafez.txt").write_text("\n\n".join(ghazals) + "\n", encoding="utf-8")
    licence = next(package_dir.parent.glob("hafez-*.dist-info/licenses/LICENSE"))
    shutil.copyfile(licence, OUT / "hafez.LICENSE.txt")
    print(f"wrote {len(ghazals)} ghazals to {OUT / 'hafez.txt'}")


if __name__ == "__main__":
    main()
