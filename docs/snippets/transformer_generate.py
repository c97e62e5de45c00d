# Let the small Hafez GPT write: greedy (always the likeliest letter), then sampled with a seed.
# Both stay inside the 64-character window, where each new letter costs one token of work.
from lmdocs.transformer import generate, load_hafez_gpt

model = load_hafez_gpt()
prompt = model.encode("الا یا ایها")
print(model.decode(generate(model, prompt, 38, temperature=0)))
print("---")
print(model.decode(generate(model, prompt, 50, temperature=0.8, seed=7)))  # 11 + 50 < 64: no recompute

# Expected output:
# الا یا ایهات به در این دارد
# به از این در این در ا
# ---
# الا یا ایهات
# ما حافظ از نبخشی دیده با پرست فراغ
# دل را ندیده ح
