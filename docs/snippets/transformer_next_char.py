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
# ␣  0.655
# ⏎  0.205
# ی  0.076
# ه  0.027
# ش  0.014
