#!/usr/bin/env bash
# GPT-2 small (124 M parameters) bf16 training speed and MFU on one H100 / H200, in under 6 minutes.
#
#   bash benchmarks/gpu_check.sh                 # from the repository root, on a machine with one GPU
#   MIN_MFU=0.45 bash benchmarks/gpu_check.sh    # another threshold (default 0.50: the goal of issue 17)
#   DEVICE=cpu bash benchmarks/gpu_check.sh      # the same steps on the tiny config, CPU, no threshold
#
# Each step is bounded by `timeout`; one torch.compile per step at most, and no checkpoint in the
# speed runs (a GPT-2-small checkpoint with its optimiser is 1.5 GB):
#   1. the environment: GPU name, torch and CUDA versions, bf16 support;      (~10 s)
#   2. the MFU run: the trainer alone, compiled, with the levers of issue 17: a fused (chunked) output
#      layer + cross-entropy that never forms the 16k x 50k float32 logits (--loss_chunk), so a
#      micro-batch of 32 fits (32 x 2 = the preset's 16 x 4 sequences per step); tokens/s and MFU,
#      and the run FAILS when MFU < MIN_MFU;                                  (150 s limit)
#   3. the trainer's overhead: trainer and bare peer loop, eager, the preset's micro-batch;  (120 s)
#   4. the command line end to end, eager: 20 steps with an evaluation and a 1.5 GB checkpoint,
#      then 5 more with --resume.                                            (120 s + 90 s)
# Measured so far: nothing (no GPU was lent to the session that wrote this); expected on an H100
# SXM: 35-45% MFU for the preset alone, the levers aiming at 50%.
# Results: benchmarks/results/train.json (the last measurement) and the printed lines.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
DEVICE=${DEVICE:-cuda}
MIN_MFU=${MIN_MFU:-0.50}
CACHE=${DATA_CACHE:-data-cache}

if [ "$DEVICE" = cpu ]; then  # the CPU rehearsal: every step, tiny sizes, no threshold (MFU is n/a)
    BASE="--config=tiny --device=cpu --block_size=32 --n_embd=32 --data_cache=$CACHE"
    LEVERS="--loss_chunk=64 --batch_size=8 --grad_accum=2"
    STEPS=6; EVAL=2000
else
    BASE="--config=gpt2-small --device=cuda --data_cache=$CACHE"
    LEVERS="--loss_chunk=4096 --batch_size=32 --grad_accum=2"
    STEPS=40; EVAL=16384
fi

echo "== environment =="
DEVICE=$DEVICE $PY - <<'PYEOF'
import os, torch
if os.environ["DEVICE"] == "cpu":
    print("cpu | torch", torch.__version__)
else:
    assert torch.cuda.is_available(), "no CUDA GPU visible: this check needs one (DEVICE=cpu rehearses it)"
    print("gpu:", torch.cuda.get_device_name(0), "| torch", torch.__version__, "| cuda", torch.version.cuda,
          "| bf16:", torch.cuda.is_bf16_supported())
PYEOF

echo "== MFU: the trainer, compiled, fused loss, micro-batch 32 (threshold $MIN_MFU) =="
timeout 150 $PY benchmarks/train.py $BASE $LEVERS --steps=$STEPS --no-peer --min_mfu="$MIN_MFU"

echo "== overhead: trainer and bare peer, eager, the preset's micro-batch =="
timeout 120 $PY benchmarks/train.py $BASE --steps=$((STEPS / 2)) --compile=false

echo "== the command line: evaluation, a checkpoint, --resume =="
RUN=$(mktemp -d)
trap 'rm -rf "$RUN"' EXIT
timeout 120 $PY -m lmdocs.recipes.train $BASE --max_iters=20 --log_interval=10 --eval_interval=20 \
    --eval_tokens=$EVAL --ckpt_interval=20 --out_dir="$RUN" --progress=false --compile=false
timeout 90 $PY -m lmdocs.recipes.train $BASE --max_iters=25 --out_dir="$RUN" --resume --progress=false
tail -n 2 "$RUN/metrics.jsonl"
