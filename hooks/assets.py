"""Build hook: serve every front-end asset from the site itself, and ship the lmdocs wheel.

After each build it copies the files the pages need out of ``node_modules`` (installed from the exact
pins in package.json / package-lock.json) into ``site/assets/vendor/``, and builds a
``py3-none-any`` wheel of ``lmdocs`` from the working tree into ``site/assets/wheels/``. Nothing is
committed and nothing is fetched from a CDN, so the built site works offline.
"""
from __future__ import annotations

import hashlib
import json
import logging
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


# Theme files MkDocs does not copy by itself (it skips *.py in a theme folder).
THEME_PYTHON = ["assets/javascripts/runner/glue.py"]


def on_post_build(config, **_kwargs) -> None:
    site = Path(config["site_dir"])
    vendor_assets(site / "assets" / "vendor")
    ship_wheel(site / "assets" / "wheels")
    for name in THEME_PYTHON:
        _copy(ROOT / "overrides" / name, site / name)


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


def source_digest() -> str:
    """A hash of everything that goes into the wheel, so unchanged sources reuse the last build."""
    digest = hashlib.sha256()
    for path in sorted([ROOT / "pyproject.toml", *(ROOT / "lmdocs").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_wheel() -> Path:
    """Build lmdocs' py3-none-any wheel with pip from a clean copy of the working tree."""
    out = WHEEL_CACHE / source_digest()
    cached = sorted(out.glob("lmdocs-*-py3-none-any.whl"))
    if cached:
        return cached[0]
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "src"
        shutil.copytree(ROOT / "lmdocs", tree / "lmdocs", ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, tree / name)
        command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                   "--wheel-dir", str(out), str(tree)]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"Building the lmdocs wheel failed:\n{result.stderr.strip()}")
    wheels = sorted(out.glob("lmdocs-*-py3-none-any.whl"))
    if not wheels:
        raise PluginError(f"pip built no py3-none-any wheel into {out}: is lmdocs still pure Python?")
    log.info("built %s", wheels[0].name)
    return wheels[0]
