#!/usr/bin/env bash
# Build KenLM's lmplz and query from the kenlm==0.3.0 source distribution on PyPI.
#
# The binaries are the independent reference for lmdocs.ngram's modified Kneser-Ney: the fixtures
# in tests/fixtures/kenlm/ are written by them (scripts/make_kenlm_fixtures.py). Usage:
#     sudo apt-get install -y libboost-program-options-dev libboost-system-dev \
#         libboost-thread-dev libboost-test-dev zlib1g-dev libbz2-dev liblzma-dev cmake
#     scripts/build_lmplz.sh [BUILD_DIR]        # default: build/kenlm (git-ignored)
# Prints the folder holding lmplz and query. About 40 s on 2 cores.
set -euo pipefail
build_dir="${1:-build/kenlm}"
python="${PYTHON:-.venv/bin/python}"
mkdir -p "$build_dir"
build_dir="$(cd "$build_dir" && pwd)"
if [ ! -x "$build_dir/bin/lmplz" ]; then
    "$python" -m pip download --quiet --no-deps --no-binary kenlm kenlm==0.3.0 -d "$build_dir" >&2
    tar -xzf "$build_dir"/kenlm-0.3.0.tar.gz -C "$build_dir"
    mkdir -p "$build_dir/cmake-build"
    (cd "$build_dir/cmake-build" \
        && cmake -DCMAKE_BUILD_TYPE=Release "$build_dir/kenlm-0.3.0" >&2 \
        && make -j"$(nproc)" lmplz query >&2)
    mkdir -p "$build_dir/bin"
    cp "$build_dir/cmake-build/bin/lmplz" "$build_dir/cmake-build/bin/query" "$build_dir/bin/"
fi
echo "$build_dir/bin"
