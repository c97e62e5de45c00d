# The bridge to neural models: a one-hot vector times a matrix picks one row of the matrix.
import math

from lmdocs.i18n import tr
from lmdocs.ngram import NGramModel, count_ngrams

sentence = "من کتابم را به دوستم علی دادم و به او گفتم"
bigrams = count_ngrams([sentence], order=2)[2]
words = list(dict.fromkeys(["<s>", *sentence.split()]))            # rows: the previous word
nexts = list(dict.fromkeys([*sentence.split(), "</s>", "<unk>"]))  # columns: the next word
N = [[bigrams[(a, b)] for b in nexts] for a in words]              # the count table

x = [1 if w == "به" else 0 for w in words]                         # به as a one-hot vector
row = [sum(x[i] * N[i][j] for i in range(len(words))) for j in range(len(nexts))]   # x × N
assert row == N[words.index("به")]                                # exactly the row of به
seen = [w for w, count in zip(nexts, row) if count]
print(tr("x × N = the row of به, with 1 under {a} and {b} and 0 under the other {z} words",
         "حاصل x × N همان سطر «به» است: ۱ زیر {a} و {b}، ۰ زیر {z} کلمهٔ دیگر",
         a=tr(seen[0], f"«{seen[0]}»"), b=tr(seen[1], f"«{seen[1]}»"), z=len(nexts) - len(seen)))

W = [[math.log(count + 1) for count in counts] for counts in N]    # weights: log(count + 1)
logits = [sum(x[i] * W[i][j] for i in range(len(words))) for j in range(len(nexts))]
total = sum(math.exp(z) for z in logits)
softmax = {w: math.exp(z) / total for w, z in zip(nexts, logits)}
laplace = NGramModel(order=2, smoothing="laplace").fit([sentence])
for w in ("دوستم", "کتابم"):
    print(tr("for {w} after به: softmax {p:.4f}, add-one model {q:.4f}",
             "«{w}» پس از «به»: سافت‌مکس {p:.4f}، مدل جمع با یک {q:.4f}", w=w, p=softmax[w], q=laplace.prob(w, ["به"])))

# Expected output (en):
# x × N = the row of به, with 1 under دوستم and او and 0 under the other 10 words
# for دوستم after به: softmax 0.1429, add-one model 0.1429
# for کتابم after به: softmax 0.0714, add-one model 0.0714
# Expected output (fa):
# حاصل x × N همان سطر «به» است: ۱ زیر «دوستم» و «او»، ۰ زیر ۱۰ کلمهٔ دیگر
# «دوستم» پس از «به»: سافت‌مکس ۰٫۱۴۲۹، مدل جمع با یک ۰٫۱۴۲۹
# «کتابم» پس از «به»: سافت‌مکس ۰٫۰۷۱۴، مدل جمع با یک ۰٫۰۷۱۴
