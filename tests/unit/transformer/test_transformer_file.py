"""The export file: round trip, the exporter's refusals, and clear errors for damaged files."""
from __future__ import annotations

import copy
import json
import struct
from dataclasses import asdict

import pytest

torch = pytest.importorskip("torch")

from lmdocs.recipes.export import export_model, export_state_dict  # noqa: E402
from lmdocs.recipes.model import GPT as TorchGPT  # noqa: E402
from lmdocs.recipes.model import GPTConfig as TorchConfig  # noqa: E402
from lmdocs.tokenizers import BPETokenizer, ByteTokenizer, CharTokenizer  # noqa: E402
from lmdocs.transformer import GPT  # noqa: E402
from lmdocs.transformer.file_format import decode_tensor, encode_tensor  # noqa: E402


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    torch.manual_seed(0)
    config = TorchConfig(block_size=8, vocab_size=5, n_layer=1, n_head=2, n_embd=4)
    model = TorchGPT(config)
    path = tmp_path_factory.mktemp("export") / "m.json"
    export_model(model, CharTokenizer(["\n", " ", "ا", "ب", "پ"]), path, metadata={"note": "test"})
    return model, config, json.loads(path.read_text(encoding="utf-8"))


def test_weights_round_trip_bit_for_bit(exported):
    model, _, document = exported
    plain = GPT.from_dict(document)
    for name, tensor in model.state_dict().items():
        if name != "lm_head.weight":
            assert torch.equal(torch.tensor(plain.weights[name], dtype=torch.float32), tensor), name
    assert "lm_head.weight" not in document["tensors"]  # tied to wte
    assert plain.metadata == {"note": "test"}
    assert plain.decode(plain.encode("با پا")) == "با پا"


def test_tensor_encoding_is_little_endian_float32():
    blob = encode_tensor([1.0, -0.1], (2,))
    assert blob["data"] == "AACAP83MzL0="  # struct.pack('<2f', 1.0, -0.1) in base64
    assert decode_tensor(blob, "x") == list(struct.unpack("<2f", struct.pack("<2f", 1.0, -0.1)))
    assert decode_tensor(encode_tensor([0.1], (1,), "float64"), "x") == [0.1]


def damaged(document, change):
    document = copy.deepcopy(document)
    change(document)
    return document


def flip_one_character(document):
    blob = document["tensors"]["transformer.h.0.attn.c_attn.weight"]
    blob["data"] = ("B" if blob["data"][5] != "B" else "C").join([blob["data"][:5], blob["data"][6:]])


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format="something-else"), "not an exported lmdocs GPT"),
    (lambda d: d.update(version=3), "version 3 is not supported"),
    (lambda d: d["config"].update(n_head=3), "multiple of n_head"),
    (lambda d: d["config"].update(n_layers=1), "unknown GPT config"),
    (lambda d: d["config"].pop("vocab_size"), "missing"),
    (lambda d: d.update(tokenizer={"kind": "words"}), "unknown tokenizer"),
    (lambda d: d.update(tokenizer={"kind": "bpe"}), "needs its 'merges'"),
    (lambda d: d.update(tokenizer={"kind": "char", "chars": ["a", "a"]}), "twice"),
    (lambda d: d["tokenizer"]["chars"].extend(["x", "y"]), "inconsistent"),
    (lambda d: d["tensors"].pop("transformer.ln_f.bias"), "missing"),
    (lambda d: d["tensors"]["transformer.ln_f.bias"].update(shape=[5]), "shape"),
    (lambda d: d["tensors"]["transformer.wpe.weight"].update(data="AAAA"), "truncated"),
    (lambda d: d["tensors"]["transformer.wpe.weight"].update(data="!!not base64!!"), "base64"),
    (lambda d: d["tensors"]["transformer.wpe.weight"].update(dtype="int8"), "dtype"),
    (flip_one_character, "checksum"),
])
def test_damaged_files_are_refused_with_a_reason(exported, change, message):
    with pytest.raises(ValueError, match=message):
        GPT.from_dict(damaged(exported[2], change))


def test_not_json_and_truncated_files(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "lmdocs-gpt", "version": 1, "conf', encoding="utf-8")
    with pytest.raises(ValueError, match="not a JSON file"):
        GPT.from_file(path)
    path.write_bytes(b"\x80\x81 binary")
    with pytest.raises(ValueError, match="not a JSON file"):
        GPT.from_file(path)


def test_exporter_refuses_what_the_plain_model_cannot_run(tmp_path):
    config = TorchConfig(block_size=8, vocab_size=5, n_layer=1, n_head=2, n_embd=4)
    model = TorchGPT(config)
    with pytest.raises(ValueError, match="tokenizer has 256 tokens but the model only 5"):
        export_model(model, ByteTokenizer(), tmp_path / "a.json")
    with pytest.raises(ValueError, match="dtype"):
        export_model(model, CharTokenizer("abcde"), tmp_path / "a.json", dtype="float16")
    state = model.state_dict()
    state["lm_head.weight"] = state["lm_head.weight"].clone() + 1.0  # untie
    with pytest.raises(ValueError, match="tied"):
        export_state_dict(state, asdict(config), CharTokenizer("abcde"), tmp_path / "a.json")
    other = TorchConfig(block_size=8, vocab_size=5, n_layer=2, n_head=2, n_embd=4)
    with pytest.raises(ValueError, match="no transformer.h.1"):
        export_state_dict(model.state_dict(), asdict(other), CharTokenizer("abcde"), tmp_path / "a.json")
    assert not list(tmp_path.iterdir())  # nothing written, not even a temporary file


def test_version_1_files_with_the_old_tokenizer_spelling_still_load(exported):
    _, _, document = exported
    old = damaged(document, lambda d: d.update(version=1, tokenizer={"kind": "chars", "vocab": d["tokenizer"]["chars"]}))
    assert GPT.from_dict(old).tokenizer == GPT.from_dict(document).tokenizer == CharTokenizer("\n ابپ")
    old_bytes = damaged(document, lambda d: d.update(version=1, tokenizer={"kind": "bytes"}))
    with pytest.raises(ValueError, match="256 tokens"):  # read as bytes, then refused: the model has 5 ids
        GPT.from_dict(old_bytes)


def test_byte_model_round_trip(tmp_path):
    config = TorchConfig(block_size=8, vocab_size=256, n_layer=1, n_head=1, n_embd=4, bias=False)
    export_model(TorchGPT(config), ByteTokenizer(), tmp_path / "b.json")
    plain = GPT.from_file(tmp_path / "b.json")
    ids = plain.encode("سلام")
    assert len(ids) == 8 and plain.decode(ids) == "سلام"
    assert len(plain.logits(ids)) == 8


def test_bpe_model_round_trip_gives_torchs_logits(tmp_path):
    text = "دل می‌رود ز دستم صاحب دلان خدا را\n" * 8
    tokenizer = BPETokenizer.train(text, vocab_size=300)
    torch.manual_seed(1)
    model = TorchGPT(TorchConfig(block_size=32, vocab_size=tokenizer.vocab_size, n_layer=1, n_head=2, n_embd=8))
    export_model(model, tokenizer, tmp_path / "bpe.json")
    plain = GPT.from_file(tmp_path / "bpe.json")
    ids = plain.encode("دلان خدا را دل می‌رود")
    assert plain.tokenizer == tokenizer and ids == tokenizer.encode("دلان خدا را دل می‌رود") and len(ids) < 16
    assert plain.decode(ids) == "دلان خدا را دل می‌رود"
    with torch.no_grad():
        reference, _ = model.eval()(torch.tensor([ids]))
    assert (torch.tensor(plain.logits(ids), dtype=torch.float64) - reference[0].double()).abs().max() < 1e-5
