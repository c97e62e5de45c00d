"""Build hook: serve every front-end asset from the site itself, and ship the browser's lmdocs wheel.

After each build it copies the files the pages need out of ``node_modules`` (installed from the exact
pins in package.json / package-lock.json) into ``site/assets/vendor/``, and builds a
``py3-none-any`` wheel of ``lmdocs`` from the working tree into ``site/assets/wheels/``. Nothing is
committed and nothing is fetched from a CDN, so the built site works offline. Last, it writes the
web manifest and the service worker (``sw.js``, from ``overrides/sw.js``) with the build's hash and
file list, so a reader's browser keeps the site (and Pyodide) offline and replaces it at the next build.

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
from mkdocs.plugins import event_priority

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


@event_priority(-1000)   # after every other post-build step (i18n's English build, the search index):
def on_post_build(config, **_kwargs) -> None:     # the service worker hashes the finished site
    site = Path(config["site_dir"])
    vendor_assets(site / "assets" / "vendor")
    ship_wheel(site / "assets" / "wheels")
    copy_theme_python(Path(config["theme"].custom_dir), site)
    write_manifest(site, config)
    write_service_worker(site, Path(config["theme"].custom_dir) / SERVICE_WORKER)


# ---------------------------------------------------------------- offline: service worker, manifest
SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
# Not worth a reader's storage offline: notebooks' downloads, source maps, compressed sitemaps.
NOT_CACHED = (".ipynb", ".map", ".gz")
_BUILD_LINE = 'const BUILD = { hash: "dev", pages: [], files: [] };'


def site_inventory(site: Path) -> tuple[str, list[str], list[str]]:
    """The build's hash (of every file's path and bytes, but the service worker's), its pages (as
    the URLs readers use: ``series/2-ngram/``, ``./`` for the home) and its other files."""
    digest = hashlib.sha256()
    pages, files = [], []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if relative == SERVICE_WORKER:
            continue
        digest.update(relative.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
        if relative.endswith(NOT_CACHED):
            continue
        if path.name == "index.html":
            pages.append(relative.removesuffix("index.html") or "./")
        else:
            files.append(relative)
    return digest.hexdigest()[:16], pages, files


def write_service_worker(site: Path, template: Path) -> str:
    """Write ``site/sw.js`` from the theme's template with this build's hash and file list; returns the hash."""
    source = template.read_text(encoding="utf-8")
    if _BUILD_LINE not in source:
        raise PluginError(f"{template} lost its line `{_BUILD_LINE}`: the build fills it in; put it back.")
    build, pages, files = site_inventory(site)
    filled = "const BUILD = " + json.dumps({"hash": build, "pages": pages, "files": files}, separators=(",", ":")) + ";"
    _write_atomically(site / SERVICE_WORKER, source.replace(_BUILD_LINE, filled))
    return build


def write_manifest(site: Path, config) -> None:
    """The web app manifest that makes the site installable (Persian first: the site's default)."""
    manifest = {
        "name": config["site_name"], "short_name": "lmdocs", "description": config.get("site_description", ""),
        "lang": "fa", "dir": "rtl", "start_url": "./", "scope": "./", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#3f51b5",
        "icons": [{"src": "assets/images/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
                  {"src": "assets/images/icon-192.png", "sizes": "192x192", "type": "image/png"},
                  {"src": "assets/images/icon-512.png", "sizes": "512x512", "type": "image/png"}],
    }
    _write_atomically(site / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))


def _write_atomically(dest: Path, text: str) -> None:
    staged = dest.with_name(dest.name + f".{os.getpid()}.tmp")
    staged.write_text(text, encoding="utf-8")
    staged.replace(dest)


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
    """Copy the wheel into ``dest`` with ``manifest.json``: its name and SHA-256 (the worker keys
    its saved Python snapshot by them: a changed wheel means a new snapshot)."""
    wheel = build_wheel()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel, dest / wheel.name)
    manifest = {"wheel": wheel.name, "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest()}
    _write_atomically(dest / "manifest.json", json.dumps(manifest))


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
