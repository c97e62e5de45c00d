"""Exercises of part 6 (from GPT to a chat model); the page is docs/series/6-gpt-to-chat.md.

The reference answers are computed with the package where it does the same thing: top-p with
lmdocs.transformer's sampler, the loss mask with lmdocs.chat's template, the training compute with
lmdocs.compute's 6ND.

    >>> {c: round(p, 3) for c, p in top_p_by_hand().items()}
    {'ن': 0.588, 'م': 0.235, 'ر': 0.176}
    >>> loss_mask()
    [20, 11]
    >>> round(scaling_tenfold(), 3)
    0.161
"""
from __future__ import annotations

import math

from lmdocs.exercises.registry import exercise

# Exercise 1: a next-character distribution, likeliest first, and the nucleus threshold.
TOP_P_PROBS = {"ن": 0.5, "م": 0.2, "ر": 0.15, "ت": 0.1, "ش": 0.05}
TOP_P = 0.8
# Exercise 3: one question and its answer in lmdocs.chat's template.
CHAT = [{"role": "user", "content": "سلام"}, {"role": "assistant", "content": "درود بر تو"}]
# Exercise 4: (parameters used per token, training tokens) as the papers give them.
LLAMA3_405B = (405e9, 15.6e12)      # Llama Team (2024), dense
DEEPSEEK_V3 = (37e9, 14.8e12)       # DeepSeek-AI (2024), 37B of 671B activated per token
KAPLAN_ALPHA_N = 0.076              # Kaplan et al. (2020), L(N) = (N_c / N) ** alpha_N


@exercise("part6.top-p", rel_tol=1e-2, abs_tol=2e-3,
          hint_en="sort from the likeliest and add up until the sum reaches p; keep those and divide each by their sum.",
          hint_fa="از محتمل‌ترین مرتب کنید و جمع بزنید تا به p برسد؛ همان‌ها را نگه دارید و هر کدام را بر جمعشان تقسیم کنید.")
def top_p_by_hand() -> dict[str, float]:
    """The nucleus at p = 0.8, renormalized, by lmdocs.transformer's sampler (log-probabilities as logits)."""
    from lmdocs.transformer.generate import next_token_distribution

    chars = list(TOP_P_PROBS)
    probs = next_token_distribution([math.log(p) for p in TOP_P_PROBS.values()], top_p=TOP_P)
    return {c: p for c, p in zip(chars, probs) if p > 0}


@exercise("part6.loss-mask",
          hint_en="count the line breaks too; the loss counts the answer and the line break after it, not the '< ' marker.",
          hint_fa="شکست خط‌ها را هم بشمارید؛ زیان، جواب و شکست خطِ بعد از آن را می‌شمارد، نه نشانهٔ '< ' را.")
def loss_mask() -> list[int]:
    """[characters in the rendered conversation, characters the SFT loss counts], by lmdocs.chat."""
    from lmdocs import chat

    text, mask = chat.render(CHAT)
    return [len(text), sum(mask)]


@exercise("part6.compute", rel_tol=2e-2,
          hint_en="6 × parameters × tokens, with the parameters a token uses (37 billion for DeepSeek-V3, not 671).",
          hint_fa="۶ × پارامترها × توکن‌ها، با پارامترهایی که هر توکن به کار می‌گیرد (برای DeepSeek-V3 ۳۷ میلیارد، نه ۶۷۱).")
def compute() -> list[float]:
    """[Llama 3 405B, DeepSeek-V3] training FLOPs by lmdocs.compute.training_flops (6ND)."""
    from lmdocs.compute import training_flops

    return [training_flops(*LLAMA3_405B), training_flops(*DEEPSEEK_V3)]


@exercise("part6.scaling", rel_tol=2e-2,
          hint_en="L(10N) / L(N) = 10 to the power -0.076; the fraction saved is 1 minus that.",
          hint_fa="L(10N) / L(N) برابر ۱۰ به توان منفی ۰٫۰۷۶ است؛ کسری که کم می‌شود یک منهای آن است.")
def scaling_tenfold() -> float:
    """The fraction by which Kaplan's L(N) falls when N grows tenfold: 1 - 10 ** -alpha_N."""
    return 1 - 10 ** -KAPLAN_ALPHA_N
