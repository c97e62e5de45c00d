"""Configs: presets, config files, --key=value overrides converted by field type, and clear errors."""
from dataclasses import fields

import pytest

from support.paths import ROOT

from lmdocs.recipes.config import CONFIGS, RecipeError, TrainConfig, make_config, parse_args, split_args


def test_overrides_are_converted_with_the_field_types():
    cfg = parse_args(["--config", "tiny", "--max_iters=7", "--learning_rate=1e-3", "--bias=false",
                      "--vocab_size=none", "--compile=on", "--data=poems.txt", "--resume"])
    assert (cfg.max_iters, cfg.learning_rate, cfg.bias) == (7, 1e-3, False)
    assert (cfg.vocab_size, cfg.compile, cfg.data, cfg.resume) == (None, True, "poems.txt", True)
    assert cfg.run_dir == "runs/tiny"


def test_presets_build_and_validate():
    for name in CONFIGS:
        assert make_config(name).name == name
    assert make_config("gpt2-small").n_embd == 768  # GPT-2 small: 12 layers, 12 heads, 768 wide


@pytest.mark.parametrize("argv, message", [
    (["--max_iter=5"], "unknown option --max_iter; did you mean --max_iters?"),
    (["--max_iters=5.5"], "--max_iters=5.5 is not a valid int"),
    (["--bias=maybe"], "--bias=maybe is not a valid bool"),
    (["--max_iters"], "--max_iters needs a value"),
    (["--config=huge"], "unknown config 'huge'"),
    (["tiny"], "unexpected argument 'tiny'"),
    (["--model=transformer"], "--model=transformer is not one of gpt, lstm, mingru"),
    (["--n_embd=30", "--n_head=4"], "--n_embd=30 must be a multiple of --n_head=4"),
    (["--block_size=0"], "--block_size must be a positive integer"),
    (["--dropout=1.5"], "--dropout must be in [0, 1)"),
    (["--compile_mode=fast"], "--compile_mode=fast is not one of default, max-autotune-no-cudagraphs"),
    (["--dtype=float8"], "--dtype=float8 is not one of auto, bfloat16, float16, float32"),
    (["--ckpt_interval=-2"], "--ckpt_interval must be a step count, 0 (only at the end) or -1 (never)"),
    (["--keep_last=-1"], "--keep_last must be 0 or more"),
])
def test_bad_options_name_the_problem(argv, message):
    with pytest.raises(RecipeError) as error:
        parse_args(argv)
    assert message in str(error.value)


def test_split_args_keeps_only_what_was_given():
    assert split_args(["--config=hafez-char", "--seed=3"]) == ("hafez-char", {"seed": "3"})
    assert TrainConfig().compile is None  # None: on for CUDA, off for CPU


def test_help_lists_presets_and_fields_with_their_comments(capsys):
    from lmdocs.recipes import train

    assert train.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "configs: tiny, hafez-char" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("  --")}
    assert lines["--max_iters=300"].endswith(" optimiser steps in total")
    assert lines["--block_size=64"].endswith(" context length in tokens")
    assert lines["--beta1=0.9"].endswith(" AdamW's first-moment decay")
    assert len(lines) == len(fields(TrainConfig))  # every field, each with its comment from the source
    assert all(len(line.split(None, 1)) == 2 for line in lines.values())


def test_config_files_toml_and_python(tmp_path):
    toml = tmp_path / "long-hafez.toml"
    toml.write_text('config = "hafez-char"\nmax_iters = 2000\ndropout = 0.1\nout_dir = "runs/x"\n'
                    'vocab_size = "none"\nbias = false\n', encoding="utf-8")
    cfg = parse_args([f"--config={toml}", "--max_iters=50"])  # the command line overrides the file
    assert (cfg.name, cfg.n_layer, cfg.max_iters, cfg.dropout, cfg.run_dir) == ("long-hafez", 6, 50, 0.1, "runs/x")
    assert (cfg.vocab_size, cfg.bias) == (None, False)
    nano = tmp_path / "nano.py"  # nanoGPT's config style: plain assignments, comments, a docstring
    nano.write_text('"""Hafez, a little wider."""\n# width\nn_embd = 128\nn_head = 4  # heads\nlearning_rate = 1e-3\n'
                    'name = "wide"\ncompile = None\n', encoding="utf-8")
    cfg = parse_args(["--config", str(nano)])
    assert (cfg.name, cfg.n_embd, cfg.n_head, cfg.learning_rate, cfg.compile, cfg.n_layer) == \
        ("wide", 128, 4, 1e-3, None, 2)


@pytest.mark.parametrize("name, text, message", [
    ("a.py", "import os\nmax_iters = os.cpu_count()\n", "a.py line 1: only plain assignments of values"),
    ("b.py", "max_iters = 10\nmax_iters += 1\n", "b.py line 2: only plain assignments"),
    ("c.py", "n_embd = 2 ** 7\n", "c.py line 1: only plain assignments"),  # computed, not a literal
    ("d.py", "max_iter = 10\n", "d.py line 1: unknown option --max_iter; did you mean --max_iters?"),
    ("e.py", "max_iters = '10x'\n", "e.py line 1: --max_iters=10x is not a valid int"),
    ("f.py", "max_iters = (\n", "f.py line 1: not valid Python"),
    ("g.toml", "max_iters = 1.5\n", "g.toml: --max_iters must be int, got 1.5"),
    ("h.toml", "[model]\nn_layer = 2\n", "h.toml: model is a table or list"),
    ("i.toml", "max_iters = \n", "i.toml is not valid TOML"),
    ("j.toml", 'config = "huge"\n', "j.toml: config = 'huge' is not a preset"),
    ("k.toml", "n_embd = 30\nn_head = 4\n", "--n_embd=30 must be a multiple of --n_head=4"),
])
def test_bad_config_files_name_the_file_and_line(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(RecipeError) as error:
        parse_args([f"--config={tmp_path / name}"])
    assert message in str(error.value) and "\n" not in str(error.value)
    with pytest.raises(RecipeError, match="config file .*missing.toml does not exist"):
        parse_args([f"--config={tmp_path / 'missing.toml'}"])


def test_recipes_and_config_import_without_torch():
    # lmdocs must stay importable where torch is absent (the browser); only the modules that train import it.
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, lmdocs.recipes, lmdocs.recipes.config; assert 'torch' not in sys.modules, 'torch was imported'"
    root = ROOT
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=root).returncode == 0
