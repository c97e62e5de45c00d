"""Sample text from a checkpoint: the model and tokenizer are rebuilt from what it stored.

    python -m lmdocs.recipes.sample --ckpt runs/tiny/ckpt.pt --prompt "الا یا" \\
        --temperature 0.8 --top-k 10 --num-tokens 200 --num-samples 2 --seed 0

Temperature divides the logits before the softmax (below 1: safer, above 1: wilder); top-k
keeps only the k most likely next tokens. Options take ``--key value`` or ``--key=value``.
Not handled: beam search, repetition penalties, stop strings.
"""
from __future__ import annotations

import argparse
import sys

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
           temperature: float = 1.0, top_k: int | None = None, seed: int = 0, device: str = "cpu") -> str:
    """``prompt`` followed by ``num_tokens`` sampled tokens, decoded to text."""
    if num_tokens < 0:
        raise RecipeError(f"--num-tokens must be 0 or more, got {num_tokens}")
    if temperature <= 0:
        raise RecipeError(f"--temperature must be > 0, got {temperature}; try 0.01 for near-greedy")
    if top_k is not None and top_k < 1:
        raise RecipeError(f"--top-k must be at least 1, got {top_k}")
    try:
        ids = tokenizer.encode(prompt) or tokenizer.encode("\n")  # an empty prompt starts at a new line
    except ValueError as error:  # a character the model never saw
        raise RecipeError(f"--prompt: {error}") from None
    generator = torch.Generator(device=device).manual_seed(seed)
    idx = torch.tensor([ids], dtype=torch.long, device=device)
    out = model.generate(idx, num_tokens, temperature=temperature, top_k=top_k, generator=generator)
    text = tokenizer.decode(out[0].tolist())
    return text if prompt else text[len(tokenizer.decode(ids)):]


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m lmdocs.recipes.sample", description=__doc__.splitlines()[0])
    p.add_argument("--ckpt", required=True, help="checkpoint file, e.g. runs/tiny/ckpt.pt")
    p.add_argument("--prompt", default="", help="text to continue (default: start of a line)")
    p.add_argument("--num-tokens", type=int, default=200, help="tokens to generate")
    p.add_argument("--temperature", type=float, default=0.8)
    p.add_argument("--top-k", type=int, default=None, help="sample among the k most likely tokens")
    p.add_argument("--num-samples", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default="cpu", help="cpu, cuda, cuda:N or auto")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        device = resolve_device(args.device)
        model, tokenizer = load_model(args.ckpt, device)
        for i in range(args.num_samples):
            if i:
                print("-" * 40)
            print(sample(model, tokenizer, args.prompt, args.num_tokens, args.temperature, args.top_k,
                         args.seed + i, device))
    except RecipeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
