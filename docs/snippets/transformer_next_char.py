# What does the small Hafez GPT expect after "الا یا ایها الساق"? Its five best guesses.
import math

from lmdocs.transformer import load_hafez_gpt

model = load_hafez_gpt()
ids = model.encode("الا یا ایها الساق")
logits = model.logits(ids)[-1]                 # the last position's scores, one per character
top = max(logits)
exps = [math.exp(v - top) for v in logits]     # softmax, shifted so that no exp overflows
probs = [e / sum(exps) for e in exps]
for i in sorted(range(len(probs)), key=probs.__getitem__, reverse=True)[:5]:
    print(f"{model.token_labels([i])[0]}  {probs[i]:.3f}")

# Expected output:
# ی  0.587
# ␣  0.216
# ا  0.087
# ⏎  0.056
# د  0.009
