"""Command line: train a BPE tokenizer, encode text to ids, decode ids to text.

    python -m lmdocs.bpe train --vocab-size 1024 --text hafez.txt --out hafez-bpe.json
    python -m lmdocs.bpe encode --model hafez-bpe.json < poem.txt      # prints ids
    python -m lmdocs.bpe decode --model hafez-bpe.json < ids.txt       # prints text

Training prints its progress to stderr; Ctrl-C stops it and saves what was learned so far
(a second Ctrl-C aborts without saving).
Bad input (a missing or empty file, text that is not UTF-8, an unknown id) exits with status 2
and a one-line message.
"""
from __future__ import annotations

import argparse
import signal
import sys
import time

from lmdocs.bpe.model_file import load, save
from lmdocs.bpe.trainer import Merge, train


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (ValueError, TypeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lmdocs.bpe", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    p = commands.add_parser("train", help="learn merges from a UTF-8 text file")
    p.add_argument("--vocab-size", type=int, required=True, help="ids in total, at least 256")
    p.add_argument("--text", required=True, help="UTF-8 text file to learn from")
    p.add_argument("--out", required=True, help="where to write the model (JSON)")
    p.add_argument("--special", action="append", default=[], help="a special token (repeatable)")
    p.add_argument("--min-frequency", type=int, default=2, help="stop when no pair is this frequent")
    p.set_defaults(run=_train)
    p = commands.add_parser("encode", help="print the token ids of the text on stdin")
    p.add_argument("--model", required=True)
    p.add_argument("--allow-special", action="store_true", help="encode special-token text as its id")
    p.set_defaults(run=_encode)
    p = commands.add_parser("decode", help="print the text of the ids on stdin")
    p.add_argument("--model", required=True)
    p.set_defaults(run=_decode)
    return parser


def _train(args: argparse.Namespace) -> int:
    with open(args.text, "rb") as file:
        text = _utf8(file.read(), args.text)
    if not text:
        raise ValueError(f"{args.text} is empty: BPE learns its merges from a text, so give it one.")
    started = time.perf_counter()

    def report(merge: Merge) -> None:
        if merge.rank % 100 == 0:
            print(f"merge {merge.rank}: {merge.pair} -> {merge.id} "
                  f"{merge.token.decode('utf-8', 'backslashreplace')!r} "
                  f"x{merge.count} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)

    interrupted = []

    def stop(*_) -> None:  # the first Ctrl-C ends training after this merge; a second one aborts
        interrupted.append(True)
        signal.signal(signal.SIGINT, previous)

    previous = signal.signal(signal.SIGINT, stop)
    try:
        tokenizer = train(text, args.vocab_size, special_tokens=args.special, min_frequency=args.min_frequency,
                          on_merge=lambda merge: report(merge) if not interrupted else False)
    finally:
        signal.signal(signal.SIGINT, previous)
    if interrupted:
        print(f"interrupted: saving the {len(tokenizer.merges)} merges learned so far", file=sys.stderr)
    save(tokenizer, args.out)
    print(f"saved {tokenizer} to {args.out} in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0


def _encode(args: argparse.Namespace) -> int:
    tokenizer = load(args.model)
    text = _utf8(sys.stdin.buffer.read(), "standard input")
    ids = tokenizer.encode(text, allowed_special="all" if args.allow_special else "none")
    print(" ".join(map(str, ids)))
    return 0


def _decode(args: argparse.Namespace) -> int:
    tokenizer = load(args.model)
    words = sys.stdin.read().split()
    if not all(word.isascii() and word.isdigit() for word in words):
        raise ValueError("decode reads token ids: whole numbers separated by spaces.")
    sys.stdout.write(tokenizer.decode(int(word) for word in words))
    return 0


def _utf8(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValueError(f"{source} is not UTF-8 text (byte {data[error.start]:#04x} at offset {error.start}) "
                         f"on line {line}; convert it, e.g. with iconv.") from None


if __name__ == "__main__":
    sys.exit(main())
