# Follow the text "الا یا" (6 characters) through the small Hafez GPT and print every tensor's shape.
from lmdocs.transformer import load_hafez_gpt

model = load_hafez_gpt()
print(model.config)
ids = model.encode("الا یا")
print("ids:", ids)
for step in model.forward(ids, trace=True).steps:
    if not step.name.startswith("h.1"):   # block 1 repeats block 0's shapes
        print(f"{step.name:18} {step.shape}")

# Expected output:
# GPTConfig(block_size=64, vocab_size=38, n_layer=2, n_head=4, n_embd=64, bias=True)
# ids: [5, 26, 5, 1, 36, 5]
# wte                (6, 64)
# wpe                (6, 64)
# embed              (6, 64)
# h.0.ln_1           (6, 64)
# h.0.attn.c_attn    (6, 192)
# h.0.attn.q         (4, 6, 16)
# h.0.attn.k         (4, 6, 16)
# h.0.attn.v         (4, 6, 16)
# h.0.attn.weights   (4, 6, 6)
# h.0.attn.heads     (6, 64)
# h.0.attn.c_proj    (6, 64)
# h.0.attn_residual  (6, 64)
# h.0.ln_2           (6, 64)
# h.0.mlp.c_fc       (6, 256)
# h.0.mlp.gelu       (6, 256)
# h.0.mlp.c_proj     (6, 64)
# h.0                (6, 64)
# ln_f               (6, 64)
# lm_head            (6, 38)
# probs              (6, 38)
