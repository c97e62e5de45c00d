# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # آموزش یک GPT روی دیوان حافظ
#
# این صفحه گام‌به‌گام اسکریپت‌های آموزش این پروژه، `lmdocs.recipes`، را نشان می‌دهد: نسخه‌ای جمع‌وجور با
# PyTorch از nanoGPT کارپاتی. غزل‌های حافظ را به توکن تبدیل می‌کنیم، یک دسته (batch) را از نزدیک
# می‌بینیم، یک GPT بسیار کوچک را روی CPU آموزش می‌دهیم، از آن نمونه می‌گیریم، آن را با یک LSTM و یک
# minGRU که به همان روش آموزش دیده‌اند مقایسه می‌کنیم، و در پایان فرمان‌های اجرا روی یک GPU و چند GPU
# را می‌آوریم.
#
# این صفحه در عین حال یک فایل پایتون است (`docs/recipes/train-gpt.py`، در قالب percent ابزار
# jupytext): از ریشهٔ مخزن با `python docs/recipes/train-gpt.py` اجرایش کنید یا در Jupyter آن را
# به شکل دفترچه باز کنید. سایت آن را بی‌آنکه اجرا کند نشان می‌دهد. با متغیر محیطی `MAX_ITERS` تعداد
# گام‌های آموزش را از پیش‌فرض ۳۰۰ (چند دقیقه روی CPU یک لپ‌تاپ) کم یا زیاد کنید.
#
# ## نصب
#
# در نسخه‌ای از مخزن، بسته را با وابستگی‌های آموزش (PyTorch، NumPy، tqdm و matplotlib) نصب کنید:
#
# ```bash
# pip install -e ".[train]"
# ```

# %%
import json
import os

import torch

print("torch", torch.__version__, "| CUDA GPU:", torch.cuda.is_available())
MAX_ITERS = int(os.environ.get("MAX_ITERS", "300"))  # training steps for each model on this page

# %% [markdown]
# ## آماده‌سازی داده
#
# `prepare` متن را می‌خواند و تقسیم می‌کند (برای حافظ: ۴۴۵ غزل نخست برای آموزش و ۵۰ غزل آخر برای
# آزمون، تا هیچ غزلِ آزمون در آموزش دیده نشود)، توکن‌ساز را روی آن می‌سازد و شناسه‌های توکن را یک بار
# در `data-cache/` می‌نویسد. اجراهای بعدی به‌جای خواندن دوبارهٔ متن، همین فایل‌ها را به حافظه نگاشت
# (memory-map) می‌کنند. این‌جا هر توکن یک حرف است؛ `"byte"` بایت‌های UTF-8 را می‌دهد (هر حرف فارسی دو
# بایت) و `"bpe"` یک توکن‌ساز BPE در سطح بایت که از متن آموزش یاد گرفته می‌شود.

# %%
from lmdocs.recipes.data import prepare

data = prepare("hafez", "char")
tokenizer = data.tokenizer
print(data.meta["vocab_size"], "characters;", len(data.train), "training and", len(data.val), "validation tokens")
print(tokenizer.decode(data.train[:75].tolist()))

# %% [markdown]
# ## یک دسته
#
# هر دسته چند پنجره به طول `block_size` توکن است که از جاهای تصادفی متن برداشته می‌شوند. هدف‌ها همان
# پنجره‌ها هستند با یک توکن جابه‌جایی: مدل در هر جایگاه یاد می‌گیرد حرف بعدی را پیش‌بینی کند.

# %%
from lmdocs.recipes.data import BatchSampler, get_batch

offsets = BatchSampler(seed=0).offsets(2, high=len(data.train) - 32)  # two random windows
x, y = get_batch(data.train, offsets, block_size=32)
print(tuple(x.shape), tuple(y.shape))  # (batch, time)
print(repr(tokenizer.decode(x[0].tolist())))
print(repr(tokenizer.decode(y[0].tolist())))

# %% [markdown]
# ## مدل
#
# `lmdocs/recipes/model.py` همان GPT ِ nanoGPT است با همان نام پارامترها: بردارهای تعبیهٔ توکن و
# جایگاه، بلوک‌هایی از خودتوجهی علّی و یک MLP که هر کدام پشت یک LayerNorm و یک اتصال باقی‌مانده
# (residual) نشسته‌اند، و لایهٔ خروجی‌ای که وزن‌هایش را با تعبیهٔ توکن شریک است. پیکربندی `tiny` دو
# بلوک، دو سر توجه و پهنای ۶۴ دارد.

# %%
from lmdocs.recipes.model import GPT, GPTConfig

config = GPTConfig(block_size=64, vocab_size=data.meta["vocab_size"], n_layer=2, n_head=2, n_embd=64)
model = GPT(config)
print(f"{model.num_params():,} parameters")
logits, loss = model(x[:, :16], y[:, :16])
print(tuple(logits.shape), f"loss before training {loss.item():.3f} nats (uniform: ln 37 = 3.611)")

# %% [markdown]
# ## آموزش پیکربندی کوچک روی CPU
#
# آموزش‌دهنده یک فرمان است، `python -m lmdocs.recipes.train --config=tiny`؛ از درون پایتون،
# `train.main` همان آرگومان‌ها را می‌گیرد. هر فیلد پیکربندی با `--key=value` عوض می‌شود؛ کلید ناشناخته
# یا مقداری از نوع نادرست با پیامی یک‌خطی متوقف می‌شود. همهٔ خروجی‌ها در `runs/tiny/` نوشته می‌شوند:
# `ckpt.pt` (که به‌صورت اتمی جایگزین می‌شود، پس یک خرابی هیچ‌گاه نیمی از فایل را به‌جا نمی‌گذارد)،
# `metrics.jsonl` و `loss.png`. گزینهٔ `--overwrite` می‌گذارد این صفحه در اجرای دوباره از صفر شروع کند.

# %%
from lmdocs.recipes import train

assert train.main(["--config=tiny", f"--max_iters={MAX_ITERS}", "--overwrite"]) == 0

# %% [markdown]
# امتیاز اعتبارسنجی به **بیت بر حرف** است: کل زیان روی متن کنارگذاشته به بیت، تقسیم بر تعداد
# حرف‌های آن. زیان به ازای هر توکن، مدل حرفی را با مدل BPE که هر توکنش چند حرف است مقایسه‌پذیر
# نمی‌کند؛ بیت بر حرف می‌کند. حدس یکنواخت میان ۳۷ حرف $\log_2 37 \approx 5.2$ بیت هزینه دارد.

# %%
records = [json.loads(line) for line in open("runs/tiny/metrics.jsonl", encoding="utf-8")]
evals = [r for r in records if r["kind"] == "eval"]
for r in evals:
    print(f"step {r['step']:4d}: {r['bpc']:.3f} bits per character")

# %% [markdown]
# ## نمونه‌برداری
#
# `sample.py` مدل و توکن‌ساز را از آنچه در نقطهٔ وارسی (checkpoint) ذخیره شده دوباره می‌سازد. دما
# لوجیت‌ها را پیش از سافت‌مکس تقسیم می‌کند (کمتر: محتاط‌تر، بیشتر: آزادتر)؛ top-k فقط k حرف
# محتمل‌تر بعدی را نگه می‌دارد. در خط فرمان:
# `python -m lmdocs.recipes.sample --ckpt runs/tiny/ckpt.pt --prompt "الا یا" --temperature 0.8 --top-k 10`

# %%
from lmdocs.recipes.sample import load_model, sample

model, tokenizer = load_model("runs/tiny/ckpt.pt")
print(sample(model, tokenizer, prompt="الا یا", num_tokens=200, temperature=0.8, top_k=10))

# %% [markdown]
# ## همان آموزش‌دهنده، دو مدل پایهٔ بازگشتی
#
# `--model=lstm` و `--model=mingru` به‌جای GPT یک LSTM یا یک minGRU می‌گذارند (شبکه‌ای بازگشتی که
# دروازه‌هایش به حالت قبلی وابسته نیستند، پس کل دنباله با یک پویش موازی (parallel scan) حساب می‌شود).
# داده، زمان‌بندی نرخ یادگیری، ارزیابی و نقطه‌های وارسی یکی است، پس بیت بر حرف‌ها مستقیم مقایسه می‌شوند.

# %%
scores = {"tiny": evals[-1]["bpc"]}
for name in ("lstm-tiny", "mingru-tiny"):
    argv = [f"--config={name}", f"--max_iters={MAX_ITERS}", "--overwrite", "--progress=false"]
    assert train.main(argv) == 0
    lines = open(f"runs/{name}/metrics.jsonl", encoding="utf-8").read().splitlines()
    scores[name] = [json.loads(line) for line in lines if '"eval"' in line][-1]["bpc"]
for name, bpc in scores.items():
    print(f"{name:12s} {bpc:.3f} bits per character")

# %% [markdown]
# ## ادامهٔ یک اجرا
#
# `--resume` فایل `runs/tiny/ckpt.pt` را بار می‌کند (وزن‌ها، وضعیت بهینه‌ساز، گام، مولدهای عدد تصادفی
# و جایگاه نمونه‌بردار داده) و دقیقاً از همان‌جا ادامه می‌دهد: منحنی زیان همان است که اجرای بی‌وقفه
# می‌کشید. اجرایی که در هر لحظه کشته شود فقط گام‌های پس از آخرین نقطهٔ وارسی (`--ckpt_interval`) را از
# دست می‌دهد. این‌جا اجرای tiny را به همان اندازه گام دیگر ادامه می‌دهیم؛
# پس از پایان اجرای نخست، نرخ یادگیری روی مقدار پایانی‌اش، `min_lr`، می‌ماند.

# %%
assert train.main(["--config=tiny", f"--max_iters={2 * MAX_ITERS}", "--resume"]) == 0

# %% [markdown]
# ## روی GPU
#
# روی CUDA، آموزش‌دهنده از autocast با bfloat16، توجه ادغام‌شده (`scaled_dot_product_attention`)،
# `torch.compile`، هستهٔ ادغام‌شدهٔ AdamW و ضرب ماتریسی TF32 استفاده می‌کند و توکن بر ثانیه و بهره‌وری
# FLOPs مدل (MFU: سهمی از توان محاسباتی بیشینهٔ GPU که FLOPs خود مدل به آن می‌رسد) را گزارش می‌دهد.
# `hafez-char` پیکربندی شکسپیرِ nanoGPT است که روی حافظ اجرا می‌شود (حدود ۱۰ میلیون پارامتر):
#
# ```bash
# python -m lmdocs.recipes.train --config=hafez-char
# python -m lmdocs.recipes.sample --ckpt runs/hafez-char/ckpt.pt --prompt "الا یا ایها الساقی" --num-samples 3
# python -m lmdocs.recipes.train --config=hafez-bpe          # همین، با ۱۰۲۴ توکن BPE
# ```
#
# ## چند GPU و چند رایانه
#
# همان ماژول را با `torchrun` اجرا کنید. هر فرایند برش خودش از هر دسته را برمی‌دارد و DDP گرادیان‌ها
# را میانگین می‌گیرد، پس هشت فرایند با `--batch_size=16` همان منحنی زیانِ یک فرایند با دستهٔ ۱۲۸ را
# دنبال می‌کنند. `gpt2-small` همان شکل GPT-2 با ۱۲۴ میلیون پارامتر است:
#
# ```bash
# torchrun --standalone --nproc_per_node=8 -m lmdocs.recipes.train --config=gpt2-small
# # دو رایانه، هر کدام با ۸ GPU؛ روی هر دو اجرا کنید، با --node_rank=0 و --node_rank=1:
# torchrun --nnodes=2 --node_rank=0 --master_addr=10.0.0.1 --master_port=29500 --nproc_per_node=8 \
#     -m lmdocs.recipes.train --config=gpt2-small --data=path/to/texts
# ```
#
# `--data` یک فایل متنی یا پوشه‌ای از فایل‌های `.txt` می‌گیرد؛ `--help` همهٔ گزینه‌ها را فهرست می‌کند.
