"""The model factory and the tokenizer at the recipes' edges: checkpoints come back as the module
and tokenizer that wrote them, and bad ones are one-line RecipeErrors."""
import pytest
import torch

from lmdocs.recipes import sample
from lmdocs.recipes.checkpoint import load_checkpoint, save_checkpoint
from lmdocs.recipes.config import CONFIGS, MODELS, RecipeError, make_config
from lmdocs.recipes.export import export_checkpoint
from lmdocs.recipes.factory import MODEL_CLASSES, build_model, model_args_for, model_from_checkpoint
from lmdocs.tokenizers import BPETokenizer, CharTokenizer
from lmdocs.transformer import GPT as PlainGPT


def write_checkpoint(path, kind, model_args, tokenizer_dict):
    torch.manual_seed(0)
    model = build_model(kind, model_args)
    save_checkpoint(path, {"model_type": kind, "model_args": model_args, "model": model.state_dict(), "config": {},
                           "step": 0, "tokenizer": tokenizer_dict})
    return model


def test_the_factory_builds_every_model_the_config_accepts():
    assert tuple(MODEL_CLASSES) == MODELS
    for preset in CONFIGS:  # every preset's model, at a small width (gpt2-small would take seconds to build)
        cfg = make_config(preset, {"n_layer": 1, "n_head": 2, "n_embd": 8, "block_size": 8})
        model = build_model(cfg.model, model_args_for(cfg, vocab_size=40))
        assert isinstance(model, MODEL_CLASSES[cfg.model][0])
        assert model.config.n_embd == 8 and model.config.vocab_size == 40 and model.config.dropout == cfg.dropout
    with pytest.raises(RecipeError, match="unknown model 'rnn'; choose one of gpt, lstm, mingru"):
        build_model("rnn", {})


@pytest.mark.parametrize("kind", MODELS)
def test_a_checkpoint_comes_back_as_the_model_that_wrote_it(tmp_path, kind):
    args = model_args_for(make_config("tiny", {"model": kind, "n_embd": 8, "n_layer": 1}), vocab_size=7)
    model = write_checkpoint(tmp_path / "ckpt.pt", kind, args, CharTokenizer("abcdefg").to_dict())
    back = model_from_checkpoint(load_checkpoint(tmp_path / "ckpt.pt"), tmp_path / "ckpt.pt")
    assert type(back) is type(model)
    assert all(torch.equal(back.state_dict()[k], v) for k, v in model.state_dict().items())


def test_a_checkpoint_that_contradicts_its_arguments_is_refused(tmp_path):
    args = model_args_for(make_config("tiny", {"n_embd": 8, "n_layer": 1, "n_head": 2}), vocab_size=7)
    write_checkpoint(tmp_path / "ckpt.pt", "gpt", args, CharTokenizer("abcdefg").to_dict())
    saved = load_checkpoint(tmp_path / "ckpt.pt")
    saved["model_args"] = {**args, "n_embd": 16}
    with pytest.raises(RecipeError, match="does not match its own model arguments"):
        model_from_checkpoint(saved, tmp_path / "ckpt.pt")


def test_a_prompt_with_unseen_characters_is_one_line(tmp_path, capsys):
    args = model_args_for(make_config("tiny", {"n_embd": 8, "n_layer": 1, "n_head": 2}), vocab_size=3)
    write_checkpoint(tmp_path / "ckpt.pt", "gpt", args, CharTokenizer("\nab").to_dict())
    assert sample.main(["--ckpt", str(tmp_path / "ckpt.pt"), "--prompt", "abz", "--num-tokens", "3"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --prompt: the model never saw these characters: 'z'") and err.count("\n") == 1
    assert sample.main(["--ckpt", str(tmp_path / "ckpt.pt"), "--prompt", "ab", "--num-tokens", "3"]) == 0
    assert set(capsys.readouterr().out.strip()) <= set("\nab")


def test_a_checkpoint_with_a_foreign_tokenizer_is_one_line(tmp_path, capsys):
    args = model_args_for(make_config("tiny", {"n_embd": 8, "n_layer": 1, "n_head": 2}), vocab_size=3)
    write_checkpoint(tmp_path / "ckpt.pt", "gpt", args, {"kind": "sentencepiece"})
    assert sample.main(["--ckpt", str(tmp_path / "ckpt.pt")]) == 2
    assert "unknown tokenizer 'sentencepiece'" in capsys.readouterr().err


def test_a_bpe_checkpoint_exports_with_its_tokenizer(tmp_path):
    tokenizer = BPETokenizer.train("دل می‌رود ز دستم صاحب دلان خدا را\n" * 4, vocab_size=264)
    args = model_args_for(make_config("tiny", {"n_embd": 8, "n_layer": 1, "n_head": 2}), tokenizer.vocab_size)
    model = write_checkpoint(tmp_path / "ckpt.pt", "gpt", args, tokenizer.to_dict())
    export_checkpoint(tmp_path / "ckpt.pt", tmp_path / "m.json")
    plain = PlainGPT.from_file(tmp_path / "m.json")
    ids = plain.encode("صاحب دلان")
    assert plain.tokenizer == tokenizer and ids == tokenizer.encode("صاحب دلان")
    with torch.no_grad():
        reference = model.eval()(torch.tensor([ids]))[0][0].double()
    assert (torch.tensor(plain.logits(ids), dtype=torch.float64) - reference).abs().max() < 1e-5
