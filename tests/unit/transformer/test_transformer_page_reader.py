"""The reader's model, shared by the demos of parts 4-6: saved in the export format, read back bit for bit,
and trained on from where it was (page_trainer(start_from=...)); anything else is refused in one line."""
import pytest

from lmdocs.tokenizers import CharTokenizer
from lmdocs.transformer.config import GPTConfig
from lmdocs.transformer.init import random_gpt
from lmdocs.transformer.page_training import load_reader_gpt, page_trainer, reader_gpt_path, save_reader_gpt


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def test_no_saved_model_means_none(home):
    assert load_reader_gpt() is None


def test_a_saved_model_comes_back_bit_for_bit_and_trains_on(home):
    trainer = page_trainer(seed=3, kernel="python")
    path = save_reader_gpt(trainer.model, {"characters": 512})
    assert path == reader_gpt_path() and path.startswith(str(home))
    loaded = load_reader_gpt()
    assert loaded.weights == trainer.model.weights and loaded.metadata["characters"] == 512
    again = page_trainer(seed=0, kernel="python", start_from=loaded)
    assert again.model is loaded


def test_a_damaged_file_is_no_model(home):
    (home / "lmdocs_my_gpt.json").write_text("{not json", encoding="utf-8")
    assert load_reader_gpt() is None


def test_a_model_of_another_shape_is_refused():
    other = random_gpt(GPTConfig(block_size=8, vocab_size=3, n_layer=1, n_head=1, n_embd=4), CharTokenizer("abc"))
    with pytest.raises(ValueError, match="start_from is not a page model"):
        page_trainer(start_from=other, kernel="python")
