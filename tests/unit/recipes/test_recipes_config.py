"""Configs: presets, --key=value overrides converted by field type, and clear errors."""
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
])
def test_bad_options_name_the_problem(argv, message):
    with pytest.raises(RecipeError) as error:
        parse_args(argv)
    assert message in str(error.value)


def test_split_args_keeps_only_what_was_given():
    assert split_args(["--config=hafez-char", "--seed=3"]) == ("hafez-char", {"seed": "3"})
    assert TrainConfig().compile is None  # None: on for CUDA, off for CPU


def test_help_lists_presets_and_fields(capsys):
    from lmdocs.recipes import train

    assert train.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "configs: tiny, hafez-char" in out and "--max_iters=300" in out


def test_recipes_and_config_import_without_torch():
    # lmdocs must stay importable where torch is absent (the browser); only the modules that train import it.
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, lmdocs.recipes, lmdocs.recipes.config; assert 'torch' not in sys.modules, 'torch was imported'"
    root = ROOT
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=root).returncode == 0
