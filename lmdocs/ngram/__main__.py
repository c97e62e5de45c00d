"""Command line mirroring KenLM's ``lmplz`` and ``query``.

    python -m lmdocs.ngram train --order 3 --text train.txt --arpa model.arpa   # lmplz -o 3
    python -m lmdocs.ngram query --arpa model.arpa < test.txt                   # query -v summary

One sentence per line, tokens separated by whitespace (as KenLM reads them).
"""
from __future__ import annotations

import argparse
import sys
import time

from lmdocs.ngram.model import SMOOTHINGS, NGramModel


def _read_lines(path: str | None) -> list[str]:
    if path is None or path == "-":
        return sys.stdin.read().splitlines()
    with open(path, encoding="utf-8") as file:
        return file.read().splitlines()


def train(args: argparse.Namespace) -> None:
    start = time.perf_counter()
    model = NGramModel(order=args.order, smoothing=args.smoothing, k=args.k,
                       discount_fallback=args.discount_fallback)
    model.fit(_read_lines(args.text))
    text = model.to_arpa()
    if args.arpa in (None, "-"):
        sys.stdout.write(text)
    else:
        with open(args.arpa, "w", encoding="utf-8") as file:
            file.write(text)
    sizes = " ".join(f"{k}:{len(model.counts[k])}" for k in range(1, args.order + 1))
    print(f"n-grams {sizes}; discounts {model.fitted_discounts}; "
          f"{time.perf_counter() - start:.2f} s", file=sys.stderr)


def query(args: argparse.Namespace) -> None:
    model = NGramModel.load_arpa(args.arpa)
    report = model.evaluate(_read_lines(args.text))
    print(f"Perplexity including OOVs:\t{report.including_oov!r}")
    print(f"Perplexity excluding OOVs:\t{report.excluding_oov!r}")
    print(f"OOVs:\t{report.oov}")
    print(f"Tokens:\t{report.tokens}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lmdocs.ngram", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    fit = commands.add_parser("train", help="count a text and write an ARPA model (like lmplz)")
    fit.add_argument("--order", "-o", type=int, required=True, help="n-gram order, e.g. 3")
    fit.add_argument("--text", help="training text, one sentence per line (default: stdin)")
    fit.add_argument("--arpa", help="where to write the ARPA model (default: stdout)")
    fit.add_argument("--smoothing", default="modified-kneser-ney",
                     choices=[s for s in SMOOTHINGS if s not in ("add-k", "laplace")])
    fit.add_argument("--k", type=float, default=1.0, help=argparse.SUPPRESS)
    fit.add_argument("--discount_fallback", "--discount-fallback", action="store_true",
                     help="use D = 0.5 1 1.5 where discounts cannot be estimated (as lmplz)")
    fit.set_defaults(run=train)
    ask = commands.add_parser("query", help="perplexity of a text (like query -v summary)")
    ask.add_argument("--arpa", required=True, help="an ARPA model file")
    ask.add_argument("--text", help="text to score, one sentence per line (default: stdin)")
    ask.set_defaults(run=query)
    args = parser.parse_args(argv)
    try:
        args.run(args)
    except (ValueError, TypeError, OSError) as error:
        parser.exit(2, f"error: {error}\n")


if __name__ == "__main__":
    main()
