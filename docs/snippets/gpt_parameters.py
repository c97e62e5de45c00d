# Where a GPT's parameters live: embedding, attention, MLP, layer norms (unembedding is tied to wte).
from lmdocs.transformer.config import GPTConfig, parameter_shapes


def count(config: GPTConfig) -> dict[str, int]:
    parts = {"embedding (wte)": 0, "positions (wpe)": 0, "attention": 0, "MLP": 0, "layer norms": 0}
    for name, shape in parameter_shapes(config).items():
        size = 1
        for dim in shape:
            size *= dim
        part = ("embedding (wte)" if ".wte." in name else "positions (wpe)" if ".wpe." in name
                else "attention" if ".attn." in name else "MLP" if ".mlp." in name else "layer norms")
        parts[part] += size
    return parts


models = {
    "Hafez toy": GPTConfig(block_size=64, vocab_size=38, n_layer=2, n_head=4, n_embd=64),
    "GPT-2 small": GPTConfig(block_size=1024, vocab_size=50257, n_layer=12, n_head=12, n_embd=768),
}
for title, config in models.items():
    parts = count(config)
    total = sum(parts.values())
    print(f"{title}: {total:,} parameters")
    for part, size in parts.items():
        print(f"  {part:16s} {size:>12,}  {100 * size / total:5.1f}%")
    print(f"  forward pass: about 2 x {total:,} = {2 * total:,} FLOPs per token")

# Expected output:
# Hafez toy: 106,624 parameters
#   embedding (wte)         2,432    2.3%
#   positions (wpe)         4,096    3.8%
#   attention              33,280   31.2%
#   MLP                    66,176   62.1%
#   layer norms               640    0.6%
#   forward pass: about 2 x 106,624 = 213,248 FLOPs per token
# GPT-2 small: 124,439,808 parameters
#   embedding (wte)    38,597,376   31.0%
#   positions (wpe)       786,432    0.6%
#   attention          28,348,416   22.8%
#   MLP                56,669,184   45.5%
#   layer norms            38,400    0.0%
#   forward pass: about 2 x 124,439,808 = 248,879,616 FLOPs per token
