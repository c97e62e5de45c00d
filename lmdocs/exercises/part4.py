"""Exercises of part 4 (the transformer, part by part); the page is docs/series/4-transformer.md.

The reference answers are computed with lmdocs where the package does the same thing: the parameter
shapes of lmdocs.transformer.config for a block's size, the compute estimate of lmdocs.compute for
the training cost.

    >>> block_params()
    7087872
    >>> gpt2_shapes()
    [[12, 1024, 1024], [1024, 50257]]
    >>> padded_vocab()
    [48064, 39168]
"""
from __future__ import annotations

from lmdocs.exercises.registry import exercise

GPT2_SMALL = dict(block_size=1024, vocab_size=50257, n_layer=12, n_head=12, n_embd=768)
PERSIAN_VOCAB = 48_013          # the made-up Persian BPE vocabulary of the padding exercise
TOKENS = 10e9                   # the training run of the compute exercise: 10 billion tokens …
UTILIZATION = 0.4               # … on one H100 at 40% of its dense BF16 peak


def _gpt2_small():
    from lmdocs.transformer.config import GPTConfig
    return GPTConfig(**GPT2_SMALL)


def shapes(config, T: int) -> list[list[int]]:
    """The shapes of one block's attention weights (heads, T, T) and of the logits (T, V) for T tokens."""
    return [[config.n_head, T, T], [T, config.vocab_size]]


@exercise("part4.block-params",
          hint_en="attention: a C×3C and a C×C matrix with their biases; MLP: C×4C and 4C×C with biases; "
                  "two layer norms with a gain and a bias of C numbers each.",
          hint_fa="توجه: یک ماتریس C×3C و یک ماتریس C×C با بایاس‌هایشان؛ MLP: ماتریس‌های C×4C و 4C×C با "
                  "بایاس‌ها؛ دو نرمال‌سازی لایه، هر کدام با C ضریب و C بایاس.")
def block_params() -> int:
    """Weights of one GPT-2 small block (C = 768), from the shapes lmdocs.transformer.config gives it."""
    from lmdocs.transformer.config import parameter_shapes

    total = 0
    for name, shape in parameter_shapes(_gpt2_small()).items():
        if name.startswith("transformer.h.0."):
            size = 1
            for dim in shape:
                size *= dim
            total += size
    return total


@exercise("part4.gpt2-shapes",
          hint_en="every head compares each of the T positions with each of the T positions; "
                  "the logits give each position a score for every token of the vocabulary.",
          hint_fa="هر سر هر یک از T جایگاه را با هر یک از T جایگاه مقایسه می‌کند؛ لوجیت‌ها به هر جایگاه برای "
                  "هر توکن واژگان یک امتیاز می‌دهند.")
def gpt2_shapes() -> list[list[int]]:
    """GPT-2 small on a full context of 1,024 tokens."""
    config = _gpt2_small()
    return shapes(config, config.block_size)


@exercise("part4.padded-vocab",
          hint_en="round up: the smallest multiple of 64 that is not below the vocabulary; each extra row "
                  "of the embedding table holds C = 768 numbers.",
          hint_fa="به بالا گرد کنید: کوچک‌ترین مضرب ۶۴ که از اندازهٔ واژگان کمتر نیست؛ هر سطر اضافهٔ جدول "
                  "تعبیه C = 768 عدد دارد.")
def padded_vocab() -> list[int]:
    """[rows after padding to a multiple of 64, parameters the extra rows add at C = 768]."""
    rows = -(-PERSIAN_VOCAB // 64) * 64
    return [rows, (rows - PERSIAN_VOCAB) * GPT2_SMALL["n_embd"]]


@exercise("part4.gpu-hours", rel_tol=0.02,
          hint_en="training costs about 6 × parameters × tokens FLOPs; divide by 0.4 × 989 × 10^12 "
                  "FLOPs per second, then by 3600.",
          hint_fa="آموزش حدود ۶ × پارامترها × توکن‌ها FLOP خرج دارد؛ بر ۰٫۴ × ۹۸۹ × ۱۰ به توان ۱۲ FLOP در "
                  "ثانیه و بعد بر ۳۶۰۰ تقسیم کنید.")
def gpu_hours() -> float:
    """Hours for one H100 at 40% of its dense BF16 peak to train GPT-2 small on 10 billion tokens."""
    from lmdocs.compute import PEAK_FLOPS, gpu_seconds, training_flops

    flops = training_flops(_gpt2_small().n_params(), TOKENS)
    return gpu_seconds(flops, PEAK_FLOPS["H100"]["bfloat16"], UTILIZATION) / 3600
