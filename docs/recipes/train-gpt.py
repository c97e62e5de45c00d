# The code of the recipe page "Train a GPT on Hafez", written once for both languages.
#
# The page is three files:
#   train-gpt.py     this file: the code cells; each `# %% NAME` line starts the cell called NAME
#   train-gpt.md     the Persian page: prose, with a line `<!-- cell: NAME -->` where each cell goes
#   train-gpt.en.md  the English page: the same, in English
# At build time hooks/notebooks.py runs these cells once, on the CPU, in a Jupyter kernel (cached in
# .cache/notebooks/ until this file or the lmdocs package changes), then builds one notebook per page
# (its prose + these cells and their outputs), which mkdocs-jupyter renders.
#
# Run it yourself from the repository root: `python docs/recipes/train-gpt.py` (the plot cell needs
# IPython), cell by cell in an editor that knows `# %%` cells, or download the executed notebook from
# the page. It writes runs/ and data-cache/ in the current directory.

# %% setup
import json
import math
from pathlib import Path

import torch

print("torch", torch.__version__, "| CUDA GPU:", torch.cuda.is_available())
MAX_ITERS = 300  # training steps for each model on this page

# %% prepare
from lmdocs.recipes.data import prepare

data = prepare("hafez", "char")
tokenizer = data.tokenizer
print(data.meta["vocab_size"], "characters;", len(data.train), "training and", len(data.val), "validation tokens")
print(tokenizer.decode(data.train[:75].tolist()))

# %% batch
from lmdocs.recipes.data import BatchSampler, get_batch

offsets = BatchSampler(seed=0).offsets(2, high=len(data.train) - 32)  # two random windows
x, y = get_batch(data.train, offsets, block_size=32)
print(tuple(x.shape), tuple(y.shape))  # (batch, time)
print("x:", tokenizer.decode(x[0].tolist()).replace("\n", " / "))  # " / " marks a new line
print("y:", tokenizer.decode(y[0].tolist()).replace("\n", " / "))

# %% model
from lmdocs.recipes.model import GPT, GPTConfig

torch.manual_seed(0)  # the same initial weights on every run
config = GPTConfig(block_size=64, vocab_size=data.meta["vocab_size"], n_layer=2, n_head=2, n_embd=64)
model = GPT(config)
print(f"{model.num_params():,} parameters")
logits, loss = model(x[:, :16], y[:, :16])
uniform = math.log(config.vocab_size)  # a model that knows nothing: every character equally likely
print(tuple(logits.shape), f"loss before training {loss.item():.3f} nats (uniform: ln {config.vocab_size} = {uniform:.3f})")

# %% train
from lmdocs.recipes import train

assert train.main(["--config=tiny", f"--max_iters={MAX_ITERS}", "--overwrite"]) == 0
print(sorted(path.name for path in Path("runs/tiny").iterdir()))

# %% metrics
records = [json.loads(line) for line in open("runs/tiny/metrics.jsonl", encoding="utf-8")]
evals = [r for r in records if r["kind"] == "eval"]
for r in evals:
    print(f"step {r['step']:4d}: {r['bpc']:.3f} bits per character")

# %% plot
from IPython.display import Image  # a notebook shows the image; a script can open the file instead

Image("runs/tiny/loss.png")

# %% sample
from lmdocs.recipes.sample import load_model, sample

model, tokenizer = load_model("runs/tiny/best.pt")  # the checkpoint with the lowest validation loss
print(sample(model, tokenizer, prompt="الا یا", num_tokens=200, temperature=0.8, top_k=10))

# %% baselines
scores = {"tiny": evals[-1]["bpc"]}
for name in ("lstm-tiny", "mingru-tiny"):
    argv = [f"--config={name}", f"--max_iters={MAX_ITERS}", "--overwrite", "--progress=false", "--log_interval=100"]
    assert train.main(argv) == 0
    lines = open(f"runs/{name}/metrics.jsonl", encoding="utf-8").read().splitlines()
    scores[name] = [json.loads(line) for line in lines if '"eval"' in line][-1]["bpc"]
for name, bpc in scores.items():
    print(f"{name:12s} {bpc:.3f} bits per character")

# %% resume
assert train.main(["--config=tiny", f"--max_iters={2 * MAX_ITERS}", "--resume"]) == 0

# %% own-text
from lmdocs.corpora import english_sample
from lmdocs.recipes.data import main as prepare_data

Path("my_text.txt").write_text(english_sample(), encoding="utf-8")  # your own text here
Path("my_run.toml").write_text("""\
config = "tiny"    # the preset to start from; the keys are the trainer's options
data = "my_text.txt"
out_dir = "runs/my_text"
dropout = 0.2      # a short text is easy to learn by heart
max_iters = 400
log_interval = 50
eval_interval = 100
ckpt_interval = 100
keep_last = 2      # also ckpt-000300.pt and ckpt-000400.pt
""", encoding="utf-8")
assert prepare_data(["--config=my_run.toml"]) == 0

# %% own-train
assert train.main(["--config=my_run.toml", "--overwrite", "--progress=false"]) == 0

# %% own-sample
from lmdocs.recipes.sample import main as sample_command

Path("opening.txt").write_text("Every spring my grandmother", encoding="utf-8")
assert sample_command(["--ckpt=runs/my_text/best.pt", "--prompt_file=opening.txt", "--num_tokens=150",
                       "--temperature=0.8", "--top_k=10"]) == 0

# %% own-export
from lmdocs.recipes.export import main as export_command

assert export_command(["--ckpt=runs/my_text/best.pt", "--out=my_gpt.json"]) == 0

# %% own-load
from lmdocs.transformer import GPT as PagesGPT
from lmdocs.transformer import generate

plain = PagesGPT.from_file("my_gpt.json")  # pure Python: the code that runs in your browser
ids = plain.encode("Every spring my grandmother")
print(plain.decode(generate(plain, ids, 150, temperature=0.8, top_k=10, seed=0)))
torch_model, _ = load_model("runs/my_text/best.pt")
with torch.no_grad():
    reference = torch_model(torch.tensor([ids]))[0][0].double()
gap = (torch.tensor(plain.logits(ids), dtype=torch.float64) - reference).abs().max().item()
print(f"largest difference from PyTorch's logits: {gap:.1e}")
