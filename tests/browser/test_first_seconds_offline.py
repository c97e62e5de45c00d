"""Offline and installable (issue 16.3), in Chromium with the network cut, both languages.

After one visit in which the reader ran Python, the service worker (overrides/sw.js, written into
the site by hooks/assets.py) holds every page, Pyodide and the wheel: another page, never visited,
opens with the network off, and its cells run. A new build (another hash) replaces the old cache
only when no tab of the old build is open, so no tab mixes two builds.
"""
from __future__ import annotations

import functools
import importlib.util
import shutil
import threading

import pytest

from support.browser import FIRST_RUN_MS, collect_page_errors, run_cell, run_code, wait_mounted
from support.paths import ROOT
from support.site import _QuietHandler, bind_server, url_of

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VISITED = {"fa": "contributing/live-code/", "en": "en/contributing/live-code/"}
NEVER_VISITED = {"fa": "series/1-ingredients/", "en": "en/series/1-ingredients/"}
CONTROLLED = "() => navigator.serviceWorker.controller !== null"


def _assets_hook():
    spec = importlib.util.spec_from_file_location("lmdocs_assets_hook_offline", ROOT / "hooks" / "assets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def own_site(site_dir, tmp_path):
    """A copy of the built site on a server of its own (a service worker's scope is per origin and
    port: each test starts with no worker and no cache)."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server = bind_server(copy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield copy, url_of(server)
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_after_one_visit_with_python_the_site_and_its_cells_work_offline(browser, own_site, lang):
    _, url = own_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(FIRST_RUN_MS)
    errors = collect_page_errors(page)
    page.goto(url + VISITED[lang])
    wait_mounted(page)
    page.wait_for_function(CONTROLLED)
    assert run_code(page, 0, "print(sum(range(10)))\n") == "ok"
    kept = page.evaluate("window.lmdocsOffline")                # the reader started Python: keep everything
    assert kept["failed"] == 0 and len(kept["build"]) == 16, kept
    context.set_offline(True)
    other = context.new_page()
    other.set_default_timeout(FIRST_RUN_MS)
    other_errors = collect_page_errors(other)
    other.goto(url + NEVER_VISITED[lang])                    # a page never opened, network off
    wait_mounted(other)
    assert other.evaluate("document.documentElement.lang") == lang
    assert run_cell(other, 0) == "ok", other.locator("div.pyrun").first.inner_text()
    assert other.evaluate("crossOriginIsolated") is True     # the worker's headers, also offline
    # a page no one asked for before: still there (Persian home, English home)
    other.goto(url + ("en/" if lang == "en" else ""))
    assert other.locator("h1").count() > 0
    assert not errors and not other_errors, errors + other_errors
    context.close()


def test_the_site_is_installable(browser, own_site):
    _, url = own_site
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(CONTROLLED)
    manifest = page.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then((r) => r.json())")
    assert manifest["start_url"] == "./" and manifest["display"] == "standalone" and manifest["lang"] == "fa"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert page.request.get(url + icon["src"]).ok, icon
    cdp = context.new_cdp_session(page)
    problems = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito-like, which Chromium names as the one reason not to install.
    assert [p["errorId"] for p in problems if p["errorId"] != "in-incognito"] == []
    context.close()


def test_a_new_build_replaces_the_old_cache_without_mixing_builds(browser, own_site):
    site, url = own_site
    hook = _assets_hook()
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_function(CONTROLLED)
    old_hash = hook.site_inventory(site)[0]
    assert tab.evaluate("caches.keys()") == [f"lmdocs-{old_hash}"]
    # A new build: the home page changes, and so do the hash and sw.js.
    home = site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</h1>", " NEW-BUILD</h1>", 1), encoding="utf-8")
    new_hash = hook.write_service_worker(site, ROOT / "overrides" / "sw.js")
    assert new_hash != old_hash
    tab.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    tab.wait_for_function("navigator.serviceWorker.getRegistration().then((r) => r.waiting !== null)")
    tab.reload()                                           # a tab of the old build keeps the old build
    assert "NEW-BUILD" not in tab.locator("h1").first.inner_text()
    tab.close()                                            # no tab of the old build is left
    fresh = context.new_page()
    fresh.goto(url)
    fresh.wait_for_function("(hash) => caches.keys().then((k) => k.length === 1 && k[0] === 'lmdocs-' + hash)",
                            arg=new_hash, timeout=30_000)
    fresh.reload()
    assert "NEW-BUILD" in fresh.locator("h1").first.inner_text()
    context.close()
