"""hooks/assets.py's offline files: the service worker gets the build's hash and file list; a change
anywhere in the site changes the hash (so readers' browsers replace their cache); the manifest."""
from __future__ import annotations

import importlib.util
import json
import re

import pytest
from mkdocs.exceptions import PluginError

from support.paths import ROOT

TEMPLATE = ROOT / "overrides" / "sw.js"


@pytest.fixture(scope="module")
def hook():
    spec = importlib.util.spec_from_file_location("lmdocs_assets_hook_offline_docs", ROOT / "hooks" / "assets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tiny_site(tmp_path):
    site = tmp_path / "site"
    for path, text in {"index.html": "<h1>خانه</h1>", "en/index.html": "<h1>Home</h1>",
                       "en/series/x/index.html": "<h1>x</h1>", "404.html": "404",
                       "assets/a.js": "let a;", "recipes/n.ipynb": "{}", "assets/a.js.map": "{}"}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    return site


def built(site):
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"^const BUILD = (\{.*?\});", text, re.M).group(1))


def test_the_worker_lists_pages_as_urls_and_files_but_not_downloads(hook, tiny_site):
    hook.write_service_worker(tiny_site, TEMPLATE)
    build = built(tiny_site)
    assert sorted(build["pages"]) == ["./", "en/", "en/series/x/"]
    assert sorted(build["files"]) == ["404.html", "assets/a.js"]          # no notebook, no source map
    assert re.fullmatch(r"[0-9a-f]{16}", build["hash"])
    assert not list(tiny_site.glob("*.tmp"))


def test_any_change_in_the_site_changes_the_hash_and_rewriting_is_stable(hook, tiny_site):
    first = hook.write_service_worker(tiny_site, TEMPLATE)
    assert hook.write_service_worker(tiny_site, TEMPLATE) == first          # sw.js itself is not hashed
    (tiny_site / "assets" / "a.js").write_text("let b;", encoding="utf-8")
    second = hook.write_service_worker(tiny_site, TEMPLATE)
    (tiny_site / "recipes" / "n.ipynb").write_text("{ }", encoding="utf-8")  # not cached, still part of the build
    third = hook.write_service_worker(tiny_site, TEMPLATE)
    assert len({first, second, third}) == 3
    assert built(tiny_site)["hash"] == third


def test_a_template_without_its_build_line_is_an_error(hook, tiny_site, tmp_path):
    broken = tmp_path / "sw.js"
    broken.write_text("const BUILD = {};\n", encoding="utf-8")
    with pytest.raises(PluginError, match="const BUILD"):
        hook.write_service_worker(tiny_site, broken)


def test_the_built_site_has_the_worker_the_manifest_and_its_icons(site_dir, hook):
    build = built(site_dir)
    assert build["hash"] == hook.site_inventory(site_dir)[0]      # written last: nothing changed after it
    assert "./" in build["pages"] and "en/" in build["pages"]
    assert any(f.startswith("assets/vendor/pyodide/") for f in build["files"])
    assert any(f.startswith("assets/wheels/lmdocs-") for f in build["files"])
    manifest = json.loads((site_dir / "manifest.webmanifest").read_text(encoding="utf-8"))
    for icon in manifest["icons"]:
        assert (site_dir / icon["src"]).is_file()
    assert 'rel="manifest"' in (site_dir / "index.html").read_text(encoding="utf-8")


def test_the_wheel_manifest_names_the_wheel_and_its_sha256(hook, tmp_path):
    """The worker keys its saved Python snapshot by this (runner/snapshot.js): name and content."""
    import hashlib

    hook.ship_wheel(tmp_path / "wheels")
    manifest = json.loads((tmp_path / "wheels" / "manifest.json").read_text(encoding="utf-8"))
    wheel = tmp_path / "wheels" / manifest["wheel"]
    assert wheel.name.startswith("lmdocs-") and wheel.name.endswith("-py3-none-any.whl")
    assert manifest["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert sorted(p.name for p in (tmp_path / "wheels").iterdir()) == sorted(["manifest.json", wheel.name])
