"""The worked examples in the recipes' docstrings run and print what they say."""
import doctest
import importlib

import pytest

MODULES = ["config", "config_files", "data", "model", "baselines", "factory", "evaluate", "checkpoint", "metrics",
           "run", "files", "loss", "outputs", "conversations"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"lmdocs.recipes.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
