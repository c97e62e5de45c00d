"""Run a docs file (a snippet or demo of docs/) in CPython as the page of a language runs it.

    python -m lmdocs.page --lang fa docs/demos/ngram_explorer.py

The file runs as ``__main__`` (like ``python FILE``) inside ``page.cell(block=..., lang=...)``:
``page.lang()`` answers ``--lang``, and every drawing prints its text version.
"""
from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

from lmdocs.page.context import LANGUAGES, cell


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lmdocs.page", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="the page's language (default: en)")
    parser.add_argument("--block", default="", help="the block id page.cell receives (default: the file's name)")
    parser.add_argument("file", type=Path, help="the Python file to run")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="arguments for the file (its sys.argv[1:])")
    options = parser.parse_args(argv)
    if not options.file.is_file():
        parser.error(f"{options.file} is not a file: give the path of a Python file, e.g. a demo in docs/demos/.")
    sys.argv = [str(options.file), *options.args]
    sys.path.insert(0, str(options.file.resolve().parent))      # as `python FILE` does
    with cell(block=options.block or options.file.name, lang=options.lang):
        runpy.run_path(str(options.file), run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
