#!/usr/bin/env bash
# GPT-2 small (124 M parameters) bf16 training speed and MFU on one H100 / H200, in about 5 minutes.
#
#   bash benchmarks/gpu_check.sh              # from the repository root, on a machine with one GPU
#
# What it runs (each step is bounded by `timeout`, so the whole script stays under ~5 minutes):
#   1. the environment: GPU name, torch and CUDA versions;
#   2. a 60-step GPT-2-small run through the real trainer and a bare peer loop, torch.compile on
#      (benchmarks/train.py): tokens/s and MFU of both, and their ratio (the trainer's overhead);
#   3. the same without torch.compile, 20 steps: what compilation buys;
#   4. the trainer's command line end to end (eager, to save compile time) for 30 steps with a
#      checkpoint, then 10 more with --resume.
# Expected on an H100/H200 SXM: an MFU of roughly 0.3-0.5 with compile for a model of this size
# and batch; below 0.25 suggests something is wrong (no flash attention, float32, a CPU bottleneck).
# Results: benchmarks/results/train.json (the last measurement) and the printed lines.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

$PY - <<'PYEOF'
import torch
assert torch.cuda.is_available(), "no CUDA GPU visible: this check needs one"
print("gpu:", torch.cuda.get_device_name(0), "| torch", torch.__version__, "| cuda", torch.version.cuda,
      "| bf16:", torch.cuda.is_bf16_supported())
PYEOF

GPT2="--config=gpt2-small --batch_size=16 --grad_accum=4 --data_cache=data-cache"
echo "== compiled: trainer and peer =="
timeout 150 $PY benchmarks/train.py $GPT2 --steps=60
echo "== eager (compile off) =="
timeout 75 $PY benchmarks/train.py $GPT2 --steps=20 --compile=false
echo "== CLI with checkpoint and resume =="
RUN=$(mktemp -d)
timeout 90 $PY -m lmdocs.recipes.train $GPT2 --max_iters=30 --log_interval=10 --eval_interval=30 \
    --eval_tokens=16384 --ckpt_interval=30 --out_dir="$RUN" --progress=false --compile=false
timeout 60 $PY -m lmdocs.recipes.train --config=gpt2-small --max_iters=40 --out_dir="$RUN" --resume \
    --progress=false
tail -n 3 "$RUN/metrics.jsonl"
rm -rf "$RUN"
