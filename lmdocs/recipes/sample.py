"""Sample text from a checkpoint: the model and tokenizer are rebuilt from what it stored.

    python -m lmdocs.recipes.sample --ckpt runs/tiny/ckpt.pt --prompt "الا یا" \\
        --temperature 0.8 --top_k 10 --top_p 0.9 --num_tokens 200 --num_samples 2 --seed 0
    python -m lmdocs.recipes.sample --ckpt runs/tiny/best.pt --prompt_file opening.txt --device cuda

Temperature divides the logits before the softmax (below 1: safer, above 1: wilder); top-k
keeps only the k most likely next tokens; top-p (nucleus sampling) then keeps the smallest set of
likeliest tokens whose probabilities add up to p (as lmdocs.transformer.generate does). Options take ``--key value`` or ``--key=value``, with
``_`` or ``-`` (``--top_k`` or ``--top-k``, as nanoGPT and the trainer spell them). On a GPU the
model runs under bfloat16 autocast (``--dtype``; float16 where bfloat16 is missing).
Not handled: beam search, repetition penalties, stop strings.
"""
from __future__ import annotations

import argparse
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import torch

from lmdocs.recipes.checkpoint import load_checkpoint
from lmdocs.recipes.config import RecipeError
from lmdocs.recipes.distributed import resolve_device
from lmdocs.recipes.factory import model_from_checkpoint
from lmdocs.tokenizers import Tokenizer, tokenizer_from_dict


def load_model(path: str, device: str = "cpu") -> tuple[torch.nn.Module, Tokenizer]:
    """(model in eval mode, tokenizer) from a checkpoint written by lmdocs.recipes.train."""
    saved = load_checkpoint(path)
    try:
        tokenizer = tokenizer_from_dict(saved["tokenizer"])
    except ValueError as error:
        raise RecipeError(f"checkpoint {path}: {error}") from None
    return model_from_checkpoint(saved, path).to(device).eval(), tokenizer


def sample(model: torch.nn.Module, tokenizer: Tokenizer, prompt: str = "", num_tokens: int = 200,
           temperature: float = 1.0, top_k: int | None = None, seed: int = 0, device: str = "cpu",
           autocast: AbstractContextManager | None = None, top_p: float | None = None) -> str:
    """``prompt`` followed by ``num_tokens`` sampled tokens, decoded to text (under ``autocast`` if given)."""
    if num_tokens < 0:
        raise RecipeError(f"--num-tokens must be 0 or more, got {num_tokens}")
    if temperature <= 0:
        raise RecipeError(f"--temperature must be > 0, got {temperature}; try 0.01 for near-greedy")
    if top_k is not None and top_k < 1:
        raise RecipeError(f"--top-k must be at least 1, got {top_k}")
    if top_p is not None and not 0 < top_p <= 1:
        raise RecipeError(f"--top-p must be in (0, 1], got {top_p}; 1 keeps every token, 0.9 a usual choice")
    try:
        ids = tokenizer.encode(prompt) or tokenizer.encode("\n")  # an empty prompt starts at a new line
    except ValueError as error:  # a character the model never saw
        raise RecipeError(f"--prompt: {error}") from None
    generator = torch.Generator(device=device).manual_seed(seed)
    idx = torch.tensor([ids], dtype=torch.long, device=device)
    with autocast or nullcontext():
        out = model.generate(idx, num_tokens, temperature=temperature, top_k=top_k, generator=generator,
                             top_p=top_p)
    text = tokenizer.decode(out[0].tolist())
    return text if prompt else text[len(tokenizer.decode(ids)):]


def sampling_autocast(dtype: str, device: str) -> AbstractContextManager:
    """"auto": bfloat16 on a GPU that has it (float16 on one that does not), float32 elsewhere."""
    if dtype == "auto":
        if not device.startswith("cuda"):
            return nullcontext()
        dtype = "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    if dtype == "float32":
        return nullcontext()
    return torch.autocast(device_type=device.split(":")[0], dtype=getattr(torch, dtype))


def read_prompt(path: str) -> str:
    """The text of a prompt file (UTF-8); one trailing newline is dropped, as an editor adds it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RecipeError(f"--prompt_file {path} does not exist") from None
    except UnicodeDecodeError as error:
        raise RecipeError(f"--prompt_file {path} is not UTF-8 text ({error.reason}); convert it first") from None
    except OSError as error:
        raise RecipeError(f"cannot read --prompt_file {path}: {error.strerror}") from None
    return text[:-1] if text.endswith("\n") else text


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m lmdocs.recipes.sample", description=__doc__.splitlines()[0])

    def option(name: str, **kwargs) -> None:  # --top_k and --top-k alike
        p.add_argument(f"--{name}", *([f"--{name.replace('_', '-')}"] if "_" in name else []), **kwargs)

    option("ckpt", required=True, help="checkpoint file, e.g. runs/tiny/ckpt.pt or runs/tiny/best.pt")
    prompt = p.add_mutually_exclusive_group()
    prompt.add_argument("--prompt", default="", help="text to continue (default: start of a line)")
    prompt.add_argument("--prompt_file", "--prompt-file", default=None, help="a UTF-8 file whose text to continue")
    option("num_tokens", type=int, default=200, help="tokens to generate")
    option("temperature", type=float, default=0.8, help="below 1: safer, above 1: wilder")
    option("top_k", type=int, default=None, help="sample among the k most likely tokens")
    option("top_p", type=float, default=None,
           help="nucleus sampling: among the likeliest tokens whose probabilities add up to p (0 < p <= 1)")
    option("num_samples", type=int, default=1, help="samples to print, each with the next seed")
    option("seed", type=int, default=0)
    option("device", default="cpu", help="cpu, cuda, cuda:N or auto")
    option("dtype", default="auto", choices=("auto", "bfloat16", "float16", "float32"),
           help="auto: bfloat16 autocast on a GPU (float16 where it lacks bfloat16), float32 on a CPU")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        device = resolve_device(args.device)
        prompt = read_prompt(args.prompt_file) if args.prompt_file is not None else args.prompt
        model, tokenizer = load_model(args.ckpt, device)
        autocast = sampling_autocast(args.dtype, device)
        for i in range(args.num_samples):
            if i:
                print("-" * 40)
            print(sample(model, tokenizer, prompt, args.num_tokens, args.temperature, args.top_k,
                         args.seed + i, device, autocast, args.top_p))
    except RecipeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
