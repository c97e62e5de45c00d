"""A GPT trained by lmdocs.transformer goes to the recipe's torch model and back, through the export file.

The page's trainer writes the same file as ``lmdocs.recipes.export`` (``save.py``); the recipe's
torch model loads its tensors by name and computes the same logits; exporting that torch model
again gives back the very same weights, and training can go on from either file.
"""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from lmdocs.recipes.export import export_model  # noqa: E402
from lmdocs.recipes.model import GPT as TorchGPT  # noqa: E402
from lmdocs.recipes.model import GPTConfig as TorchConfig  # noqa: E402
from lmdocs.transformer.config import GPTConfig  # noqa: E402
from lmdocs.transformer.init import random_gpt  # noqa: E402
from lmdocs.transformer.model import GPT  # noqa: E402
from lmdocs.transformer.save import gpt_document, save_gpt  # noqa: E402
from lmdocs.tokenizers import CharTokenizer  # noqa: E402
from lmdocs.transformer.train import TrainConfig, Trainer  # noqa: E402

CHARS = list("\n abcdefgh")
CONFIG = GPTConfig(block_size=8, vocab_size=len(CHARS), n_layer=2, n_head=2, n_embd=8)
TEXT = "abc defg\nhab cdef gha\n" * 8


def trained(tmp_path, steps: int = 3) -> Trainer:
    tokenizer = CharTokenizer(CHARS)
    trainer = Trainer(random_gpt(CONFIG, tokenizer, seed=0), tokenizer.encode(TEXT),
                      config=TrainConfig(batch_size=2, seq_len=8, learning_rate=0.02), kernel="python")
    trainer.train(steps)
    return trainer


def torch_model_from(model: GPT) -> TorchGPT:
    twin = TorchGPT(TorchConfig(**model.config.to_dict(), dropout=0.0)).double()
    state = {name: torch.tensor(value, dtype=torch.float64) for name, value in model.weights.items()}
    state["lm_head.weight"] = state["transformer.wte.weight"]
    twin.load_state_dict(state)
    return twin.eval()


def test_page_to_recipe_and_back_keeps_every_bit(tmp_path):
    trainer = trained(tmp_path)
    save_gpt(trainer.model, tmp_path / "page.json", metadata={"steps": trainer.steps})
    loaded = GPT.from_file(tmp_path / "page.json")
    assert loaded.weights == trainer.model.weights and loaded.metadata["steps"] == 3
    assert loaded.tokenizer.encode("abc") == trainer.model.encode("abc")
    twin = torch_model_from(loaded)
    ids = trainer.model.encode("hab cdef")
    with torch.no_grad():
        logits = twin(torch.tensor([ids]))[0][0]
    assert torch.allclose(logits, torch.tensor(trainer.model.logits(ids), dtype=torch.float64), rtol=0, atol=1e-12)
    export_model(twin, loaded.tokenizer, tmp_path / "back.json", dtype="float64")
    back = GPT.from_file(tmp_path / "back.json")
    assert back.weights == trainer.model.weights


def test_training_goes_on_from_the_file_as_if_never_saved(tmp_path):
    trainer = trained(tmp_path, steps=3)
    save_gpt(trainer.model, tmp_path / "page.json")
    resumed = Trainer(GPT.from_file(tmp_path / "page.json"), trainer.train_ids, config=trainer.config, kernel="python")
    resumed.optimizer.load_state_dict(trainer.optimizer.state_dict())  # the file holds the model, not AdamW
    resumed.rng.setstate(trainer.rng.getstate())
    resumed.steps = trainer.steps
    assert resumed.train(2) == trainer.train(2)
    assert resumed.model.weights == trainer.model.weights


def test_a_float32_recipe_export_trains_in_the_page(tmp_path):
    torch.manual_seed(0)
    twin = TorchGPT(TorchConfig(**CONFIG.to_dict(), dropout=0.0))
    export_model(twin, CharTokenizer(CHARS), tmp_path / "recipe.json")  # float32, the exporter's default
    model = GPT.from_file(tmp_path / "recipe.json")
    trainer = Trainer(model, model.encode(TEXT), config=TrainConfig(batch_size=2, seq_len=8), kernel="python")
    assert len(trainer.train(2)) == 2


def test_a_model_without_tokenizer_is_refused():
    model = random_gpt(CONFIG, seed=0)
    with pytest.raises(ValueError, match="no tokenizer"):
        gpt_document(model)
