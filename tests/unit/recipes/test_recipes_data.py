"""Preparing token files (Hafez, files, folders) and drawing batches from the memory map."""
import numpy as np
import pytest
import torch

from lmdocs.corpora import hafez_split
from lmdocs.recipes.config import RecipeError
from lmdocs.recipes.data import BatchSampler, check_long_enough, get_batch, prepare, read_corpus
from lmdocs.tokenizers import ByteTokenizer, CharTokenizer, tokenizer_from_dict


def test_hafez_char_tokens_decode_to_the_split(tmp_path):
    data = prepare("hafez", "char", cache_dir=tmp_path)
    train_lines, val_lines = hafez_split()
    tok = data.tokenizer
    assert tok.decode(data.train.tolist()) == "".join(line + "\n" for line in train_lines)
    assert tok.decode(data.val.tolist()) == "".join(line + "\n" for line in val_lines)
    assert isinstance(data.train, np.memmap) and data.meta["val_chars"] == len(data.val)


def test_prepare_writes_once_and_reads_the_cache(tmp_path):
    first = prepare("hafez", "byte", cache_dir=tmp_path)
    stamp = (first.directory / "train.bin").stat().st_mtime_ns
    second = prepare("hafez", "byte", cache_dir=tmp_path)
    assert second.directory == first.directory
    assert (second.directory / "train.bin").stat().st_mtime_ns == stamp
    assert prepare("hafez", "char", cache_dir=tmp_path).directory != first.directory
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_folder_of_text_files(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("درود بر تو 🌹\n" * 30, encoding="utf-8")
    (tmp_path / "corpus" / "b.txt").write_text("hello\n" * 30, encoding="utf-8")
    train, val = read_corpus(str(tmp_path / "corpus"), val_fraction=0.1)
    text = "درود بر تو 🌹\n" * 30 + "\n" + "hello\n" * 30
    assert train + val == text and len(val) == int(len(text) * 0.1)
    data = prepare(str(tmp_path / "corpus"), "byte", cache_dir=tmp_path / "cache")
    assert bytes(data.train.tolist()) + bytes(data.val.tolist()) == text.encode("utf-8")


def test_bpe_tokens_round_trip(tmp_path):
    pytest.importorskip("lmdocs.bpe")
    (tmp_path / "poem.txt").write_text("الا یا ایها الساقی ادر کاسا و ناولها\n" * 40, encoding="utf-8")
    data = prepare(str(tmp_path / "poem.txt"), "bpe", cache_dir=tmp_path / "cache", bpe_vocab_size=300)
    tok = tokenizer_from_dict(data.meta["tokenizer"])
    assert tok.vocab_size <= 300 and len(data.train) < len("الا یا ایها الساقی ادر کاسا و ناولها\n" * 36)
    assert tok.decode(data.train.tolist() + data.val.tolist()) == "الا یا ایها الساقی ادر کاسا و ناولها\n" * 40


def test_tokenizers_round_trip_persian_with_emoji():
    text = "شب تار و بیم موج 🌊 and English"
    char = CharTokenizer.from_text(text)
    assert char.decode(char.encode(text)) == text
    assert tokenizer_from_dict(char.to_dict()).encode(text) == char.encode(text)
    assert ByteTokenizer().decode(ByteTokenizer().encode(text)) == text
    with pytest.raises(ValueError, match="never saw these characters: 'z'"):
        char.encode("z")


@pytest.mark.parametrize("content, message", [
    (None, "does not exist"),
    (b"\xff\xfe\x00bad", "is not UTF-8 text"),
    (b"   \n", "is empty"),
    ("ااااا".encode("utf-8"), "holds only the character 'ا'; a model needs at least two different symbols"),
])
def test_bad_data_files(tmp_path, content, message):
    path = tmp_path / "data.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(RecipeError, match=message):
        prepare(str(path), "char", cache_dir=tmp_path / "cache")


def test_text_shorter_than_the_block_size(tmp_path):
    (tmp_path / "short.txt").write_text("کوتاه", encoding="utf-8")
    data = prepare(str(tmp_path / "short.txt"), "char", cache_dir=tmp_path / "cache", val_fraction=0.0)
    with pytest.raises(RecipeError, match="fewer than block_size"):
        check_long_enough(data, block_size=16)


def test_batches_are_shifted_windows_and_the_sampler_resumes():
    tokens = np.arange(100, dtype=np.uint16)
    sampler = BatchSampler(seed=5)
    offsets = sampler.offsets(4, high=100 - 8)
    x, y = get_batch(tokens, offsets, block_size=8)
    assert x.shape == (4, 8) and x.dtype == torch.int64
    assert torch.equal(y, x + 1) and int(x.max()) + 1 <= 99
    state, following = sampler.state_dict(), sampler.offsets(4, high=92)
    resumed = BatchSampler(seed=0)
    resumed.load_state_dict(state)
    assert torch.equal(resumed.offsets(4, high=92), following)
