"""Build hook: serve every front-end asset from the site itself, and ship the browser's lmdocs wheel.

After each build it copies the files the pages need out of ``node_modules`` (installed from the exact
pins in package.json / package-lock.json) into ``site/assets/vendor/``, and builds a
``py3-none-any`` wheel of ``lmdocs`` from the working tree into ``site/assets/wheels/``. Nothing is
committed and nothing is fetched from a CDN, so the built site works offline.

The browser's wheel carries what the browser uses: ``lmdocs/`` without ``LEFT_OUT_OF_THE_BROWSER``
(the torch-only training recipes, command-line entry points). ``build_wheel()`` is also the wheel of
the Pyodide tests (tests/support/pyodide.py), so both run the same files.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.assets")

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
WHEEL_CACHE = ROOT / ".cache" / "wheels"

# package -> [(source inside the npm package, destination under assets/vendor/<package>/)]
VENDORED: dict[str, list[tuple[str, str]]] = {
    "pyodide": [
        (name, name)
        for name in (
            "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
            "pyodide-lock.json", "package.json",
        )
    ],
    "katex": [("dist/katex.min.js", "katex.min.js"), ("dist/katex.min.css", "katex.min.css"),
              ("dist/fonts", "fonts"), ("dist/contrib/auto-render.min.js", "contrib/auto-render.min.js")],
    "vazirmatn": [("fonts/webfonts/Vazirmatn[wght].woff2", "Vazirmatn-wght.woff2"), ("OFL.txt", "OFL.txt")],
    "codemirror": [("lib", "lib"), ("mode/python", "mode/python"), ("addon/edit", "addon/edit"),
                   ("addon/comment", "addon/comment"), ("LICENSE", "LICENSE")],
    "chart.js": [("dist/chart.umd.min.js", "chart.umd.min.js"), ("LICENSE.md", "LICENSE.md")],
}


# What the page never imports: PyTorch recipes (no torch in Pyodide) and `python -m` entry points
# (no command line in a page). Patterns of shutil.ignore_patterns, matched against file and folder names.
LEFT_OUT_OF_THE_BROWSER = ("recipes", "__main__.py", "__pycache__", "*.pyc")


def on_post_build(config, **_kwargs) -> None:
    site = Path(config["site_dir"])
    vendor_assets(site / "assets" / "vendor")
    ship_wheel(site / "assets" / "wheels")
    copy_theme_python(Path(config["theme"].custom_dir), site)


def copy_theme_python(theme: Path, site: Path) -> None:
    """MkDocs copies a theme's static files but skips ``*.py``: copy the runner's Python ones too."""
    for source in sorted((theme / "assets").rglob("*.py")):
        _copy(source, site / source.relative_to(theme))


def vendor_assets(dest_root: Path) -> None:
    if not NODE_MODULES.is_dir():
        raise PluginError(
            "node_modules/ is missing: the site's front-end assets come from npm. Run `make build` "
            "(or `npm ci`) first."
        )
    for package, entries in VENDORED.items():
        for source, dest in entries:
            src = NODE_MODULES / package / source
            if not src.exists():
                raise PluginError(
                    f"{src.relative_to(ROOT)} is missing: run `npm ci` so node_modules matches package-lock.json."
                )
            _copy(src, dest_root / package / dest)


def _copy(src: Path, dst: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    if not dst.exists() or dst.stat().st_mtime < src.stat().st_mtime or dst.stat().st_size != src.stat().st_size:
        shutil.copy2(src, dst)


def ship_wheel(dest: Path) -> None:
    wheel = build_wheel()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel, dest / wheel.name)
    (dest / "manifest.json").write_text(json.dumps({"wheel": wheel.name}), encoding="utf-8")


def browser_tree(dest: Path) -> Path:
    """Copy what goes into the browser's wheel (lmdocs/ less LEFT_OUT_OF_THE_BROWSER) into ``dest``."""
    shutil.copytree(ROOT / "lmdocs", dest / "lmdocs", ignore=shutil.ignore_patterns(*LEFT_OUT_OF_THE_BROWSER))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def source_digest(tree: Path) -> str:
    """A hash of everything that goes into the wheel, so unchanged sources reuse the last build."""
    digest = hashlib.sha256()
    for path in sorted(tree.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(tree).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_wheel() -> Path:
    """The browser's py3-none-any wheel of lmdocs, built with pip from a copy of the working tree
    (cached under .cache/wheels/ by the hash of its sources; written there atomically)."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = browser_tree(Path(tmp) / "src")
        out = WHEEL_CACHE / source_digest(tree)
        cached = sorted(out.glob("lmdocs-*-py3-none-any.whl"))
        if cached:
            return cached[0]
        built = Path(tmp) / "wheel"
        command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                   "--wheel-dir", str(built), str(tree)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise PluginError(f"Building the lmdocs wheel failed:\n{result.stderr.strip()}")
        wheels = sorted(built.glob("lmdocs-*-py3-none-any.whl"))
        if not wheels:
            raise PluginError(f"pip built no py3-none-any wheel into {built}: is lmdocs still pure Python?")
        out.mkdir(parents=True, exist_ok=True)
        staged = out / (wheels[0].name + f".{os.getpid()}.tmp")   # another build may be writing too
        shutil.copy2(wheels[0], staged)
        staged.replace(out / wheels[0].name)
    log.info("built %s", wheels[0].name)
    return out / wheels[0].name
