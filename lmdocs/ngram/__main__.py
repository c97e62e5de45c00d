"""Command line mirroring KenLM's ``lmplz`` and ``query``.

    python -m lmdocs.ngram train --order 3 --text train.txt --arpa model.arpa   # lmplz -o 3
    python -m lmdocs.ngram train -o 5 --discount_fallback 0.5 1 1.5 < chars.txt # lmplz -o 5 --discount_fallback ...
    python -m lmdocs.ngram query --arpa model.arpa < test.txt                   # query -v summary

One sentence per line. Lines end at "\\n" only; tokens end where KenLM ends them: at space, tab,
"\\r" and NUL when training (lmplz), at space, tab, "\\r", "\\v" and "\\f" when querying (query),
never at NBSP, U+202F or other Unicode spaces (see lmdocs/ngram/kenlm_text.py).
"""
from __future__ import annotations

import argparse
import sys
import time

from lmdocs.ngram.discounts import DiscountError
from lmdocs.ngram.kenlm_text import decode_utf8, read_text, text_lines
from lmdocs.ngram.model import SMOOTHINGS, NGramModel

CLI_ADVICE = ("rerun with --discount_fallback (as lmplz: D1, D2, D3+ = 0.5 1 1.5), or choose them: "
              "--discount_fallback 0.5 1 1.5")


def read_lines(path: str | None) -> list[str]:
    """The sentences of a file (or of stdin for None or "-"), warning about a last line without "\\n"."""
    if path is None or path == "-":
        path, text = "standard input", decode_utf8(sys.stdin.buffer.read(), "standard input")
    else:
        text = read_text(path)
    if text and not text.endswith("\n"):
        print(f"warning: the last line of {path} does not end with a newline; it is read as a sentence "
              "(lmplz would leave out its </s>, query its score)", file=sys.stderr)
    return text_lines(text)


def train(args: argparse.Namespace) -> None:
    start = time.perf_counter()
    model = NGramModel(order=args.order, smoothing=args.smoothing, k=args.k,
                       discount_fallback=fallback_argument(args.discount_fallback))
    try:
        model.fit(read_lines(args.text))
    except DiscountError as error:
        raise error.advising(CLI_ADVICE) from None
    text = model.to_arpa()
    if args.arpa in (None, "-"):
        sys.stdout.write(text)
    else:
        with open(args.arpa, "w", encoding="utf-8") as file:
            file.write(text)
    sizes = " ".join(f"{k}:{len(model.counts[k])}" for k in range(1, args.order + 1))
    print(f"n-grams {sizes}; discounts {model.fitted_discounts}; "
          f"{time.perf_counter() - start:.2f} s", file=sys.stderr)


def fallback_argument(values: list[float] | None) -> bool | list[float]:
    """``--discount_fallback`` as NGramModel takes it: absent False, bare True, else its 1-3 values."""
    if values is None:
        return False
    if len(values) > 3:
        raise ValueError(f"--discount_fallback takes at most three discounts (D1 D2 D3+), got {len(values)}")
    return values or True


def query(args: argparse.Namespace) -> None:
    model = NGramModel.load_arpa(args.arpa)
    report = model.evaluate(read_lines(args.text))
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
    fit.add_argument("--discount_fallback", "--discount-fallback", type=float, nargs="*", metavar="D",
                     help="where discounts cannot be estimated, use D1 D2 D3+ (default 0.5 1 1.5; "
                          "fewer values repeat the last), as lmplz")
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
