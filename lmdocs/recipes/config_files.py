"""Config files for the recipes: TOML, or a Python file of plain assignments read without running it.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my_run.py"
>>> _ = path.write_text("'A longer Hafez run.'\\nconfig = 'hafez-char'\\nmax_iters = 2000  # steps\\ndropout = 0.1\\n")
>>> read_config_file(path)
{'config': ('hafez-char', 2), 'max_iters': (2000, 3), 'dropout': (0.1, 4)}
>>> _ = path.write_text("import os\\nmax_iters = os.cpu_count()\\n"); read_config_file(path)
Traceback (most recent call last):
...
lmdocs.recipes.config.RecipeError: .../my_run.py line 1: only plain assignments of values (name = 3, name = 'text', name = True) are read; nothing in the file is run
>>> import shutil; shutil.rmtree(path.parent)

A value is ``{key: (value, line)}``; TOML gives no line numbers (0). The keys and values are
checked against ``TrainConfig`` by ``config.make_config``, as the command line's are. A ``.py``
file is parsed with ``ast`` and each right-hand side read with ``ast.literal_eval``: nanoGPT's
config files (``exec``-ed there) read the same when they hold only literals; anything computed is
refused with its line number.
"""
from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from lmdocs.recipes.config import RecipeError


def read_config_file(path: Path) -> dict[str, tuple[object, int]]:
    """``{key: (value, line)}`` from a TOML file or a Python file of plain assignments (line 0: unknown)."""
    if not path.is_file():
        raise RecipeError(f"config file {path} does not exist; give a preset name or the path of a .toml or .py file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RecipeError(f"cannot read config file {path}: {error}") from None
    if path.suffix == ".toml":
        try:
            table = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise RecipeError(f"{path} is not valid TOML: {error}") from None
        nested = [key for key, value in table.items() if isinstance(value, (dict, list))]
        if nested:
            raise RecipeError(f"{path}: {nested[0]} is a table or list; a config file holds plain key = value lines")
        return {key: (value, 0) for key, value in table.items()}
    return _python_assignments(path, text)


def _python_assignments(path: Path, text: str) -> dict[str, tuple[object, int]]:
    """``name = literal`` lines of a Python file, read with ast (never executed)."""
    try:
        tree = ast.parse(text, filename=str(path))
    except SyntaxError as error:
        raise RecipeError(f"{path} line {error.lineno}: not valid Python ({error.msg})") from None
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # a docstring
        plain = isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        try:
            if not plain:
                raise ValueError
            values[node.targets[0].id] = (ast.literal_eval(node.value), node.lineno)
        except ValueError:
            raise RecipeError(f"{path} line {node.lineno}: only plain assignments of values (name = 3, "
                              "name = 'text', name = True) are read; nothing in the file is run") from None
    return values
