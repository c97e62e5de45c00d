# Where a GPT's parameters live: embedding, attention, MLP, layer norms (unembedding is tied to wte).
from lmdocs.i18n import tr
from lmdocs.transformer.config import GPTConfig, parameter_shapes

PARTS = {  # how each group is printed: (English, Persian)
    "wte": ("embedding (wte)", "تعبیه (wte)"),
    "wpe": ("positions (wpe)", "جایگاه‌ها (wpe)"),
    "attn": ("attention", "توجه"),
    "mlp": ("MLP", "MLP"),
    "ln": ("layer norms", "نرمال‌سازی‌ها"),
}


def count(config: GPTConfig) -> dict[str, int]:
    parts = dict.fromkeys(PARTS, 0)
    for name, shape in parameter_shapes(config).items():
        size = 1
        for dim in shape:
            size *= dim
        part = ("wte" if ".wte." in name else "wpe" if ".wpe." in name
                else "attn" if ".attn." in name else "mlp" if ".mlp." in name else "ln")
        parts[part] += size
    return parts


models = [
    (("Hafez toy", "مدل اسباب‌بازی حافظ"),
     GPTConfig(block_size=64, vocab_size=38, n_layer=2, n_head=4, n_embd=64)),
    (("GPT-2 small", "GPT-2 کوچک"),
     GPTConfig(block_size=1024, vocab_size=50257, n_layer=12, n_head=12, n_embd=768)),
]
for (title_en, title_fa), config in models:
    parts = count(config)
    total = sum(parts.values())
    print(tr("{title}: {total:,} parameters", "{title}: {total:,} پارامتر",
             title=tr(title_en, title_fa), total=total))
    for part, size in parts.items():
        print(tr("  {label:16} {size:>12,}  {share:6.1%}", "  {label:16} {size:>12,}  {share:6.1%}",
                 label=tr(*PARTS[part]), size=size, share=size / total))
    print(tr("  forward pass: about {two} x {total:,} = {flops:,} FLOPs per token",
             "  گذر رو به جلو: حدود {two} × {total:,} = {flops:,} FLOP برای هر توکن",
             two=2, total=total, flops=2 * total))

# GPT-2's vocabulary rounded up to a multiple of 64, as nanoGPT trains it: a few unused rows
vocab = 50257
padded = -(-vocab // 64) * 64                  # the smallest multiple of 64 that is at least vocab
print(tr("vocabulary rounded up to a multiple of 64: {v:,} -> {p:,} rows, {extra} rows and {params:,} parameters more",
         "واژگان گرد شده به مضرب ۶۴: از {v:,} به {p:,} سطر، یعنی {extra} سطر و {params:,} پارامتر بیشتر",
         v=vocab, p=padded, extra=padded - vocab, params=(padded - vocab) * 768))

# Expected output (en):
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
# vocabulary rounded up to a multiple of 64: 50,257 -> 50,304 rows, 47 rows and 36,096 parameters more
# Expected output (fa):
# مدل اسباب‌بازی حافظ: ۱۰۶٬۶۲۴ پارامتر
#   تعبیه (wte)             ۲٬۴۳۲    ۲٫۳٪
#   جایگاه‌ها (wpe)         ۴٬۰۹۶    ۳٫۸٪
#   توجه                   ۳۳٬۲۸۰   ۳۱٫۲٪
#   MLP                    ۶۶٬۱۷۶   ۶۲٫۱٪
#   نرمال‌سازی‌ها             ۶۴۰    ۰٫۶٪
#   گذر رو به جلو: حدود ۲ × ۱۰۶٬۶۲۴ = ۲۱۳٬۲۴۸ FLOP برای هر توکن
# GPT-2 کوچک: ۱۲۴٬۴۳۹٬۸۰۸ پارامتر
#   تعبیه (wte)        ۳۸٬۵۹۷٬۳۷۶   ۳۱٫۰٪
#   جایگاه‌ها (wpe)       ۷۸۶٬۴۳۲    ۰٫۶٪
#   توجه               ۲۸٬۳۴۸٬۴۱۶   ۲۲٫۸٪
#   MLP                ۵۶٬۶۶۹٬۱۸۴   ۴۵٫۵٪
#   نرمال‌سازی‌ها          ۳۸٬۴۰۰    ۰٫۰٪
#   گذر رو به جلو: حدود ۲ × ۱۲۴٬۴۳۹٬۸۰۸ = ۲۴۸٬۸۷۹٬۶۱۶ FLOP برای هر توکن
# واژگان گرد شده به مضرب ۶۴: از ۵۰٬۲۵۷ به ۵۰٬۳۰۴ سطر، یعنی ۴۷ سطر و ۳۶٬۰۹۶ پارامتر بیشتر
