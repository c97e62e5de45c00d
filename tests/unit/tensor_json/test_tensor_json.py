"""lmdocs.tensor_json: the bytes are numpy's little-endian IEEE floats, and damaged blobs are clear errors."""
from __future__ import annotations

import base64
import doctest
import json
import random
from importlib import resources

import numpy as np
import pytest

import lmdocs.tensor_json as tensor_json

NUMPY = {"float64": "<f8", "float32": "<f4", "float16": "<f2"}


def test_docstring_examples():
    result = doctest.testmod(tensor_json)
    assert result.failed == 0 and result.attempted >= 3


@pytest.mark.parametrize("dtype", list(tensor_json.DTYPES))
@pytest.mark.parametrize("shape", [(0,), (5,), (3, 4), (2, 3, 2)])
def test_bytes_and_values_are_numpys(dtype, shape):
    rng = random.Random(0)
    array = np.array([rng.uniform(-100, 100) for _ in range(int(np.prod(shape)))]).reshape(shape)
    blob = tensor_json.encode(array.tolist(), dtype)
    assert blob["shape"] == list(shape)
    assert base64.b64decode(blob["data"]) == array.astype(NUMPY[dtype]).tobytes()
    assert tensor_json.decode(json.loads(json.dumps(blob)), dtype) == array.astype(NUMPY[dtype]).astype(float).tolist()


def test_the_shipped_rnn_checkpoints_encode_back_to_the_same_text():
    for cell in ("rnn", "lstm", "gru", "mingru"):
        document = json.loads(resources.files("lmdocs.data").joinpath(f"rnn_hafez_{cell}.json").read_text("utf-8"))
        assert document["precision"] == "float16"
        for blob in document["params"].values():
            assert tensor_json.encode(tensor_json.decode(blob, "float16"), "float16") == blob


@pytest.mark.parametrize("action, message", [
    (lambda: tensor_json.encode([1e6], "float16"), "too large to store as float16"),
    (lambda: tensor_json.encode([1.0], "int8"), "dtype must be one of float64, float32, float16"),
    (lambda: tensor_json.decode({"shape": [3], "data": "AAAAAA=="}, "float32", "parameter Wx"),
     "parameter Wx holds 1 float32 numbers where its shape needs 3; the file is damaged or truncated"),
    (lambda: tensor_json.decode({"shape": [1], "data": "!!"}, "float32", "tensor w"), "tensor w: .*not valid base64"),
])
def test_damage_is_a_clear_error(action, message):
    with pytest.raises(ValueError, match=message):
        action()
