"""The site built for a sub-path (how GitHub Pages serves a project site: /<repository>/), in
Chromium, both languages (issue 16.10): the service worker's scope is the sub-path, pages are
isolated, cells run, and after Python has started every file of the build is cached (none missing
under the sub-path), so another page works with the network cut."""
from __future__ import annotations

import pytest

from support.browser import FIRST_RUN_MS, run_cell, run_code, wait_mounted
from support.site import bind_server, build_site, start_server, url_of

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SUB = "lmdocs/"
PAGES = {"fa": ("contributing/live-code/", "series/1-ingredients/"),
         "en": ("en/contributing/live-code/", "en/series/1-ingredients/")}


@pytest.fixture(scope="module")
def subpath_url(tmp_path_factory):
    server = bind_server()
    root = tmp_path_factory.mktemp("subpath")
    build_site(root / SUB.rstrip("/"), site_url=url_of(server) + SUB)
    yield start_server(server, root) + SUB
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_under_a_sub_path_the_worker_cells_and_offline_work(browser, subpath_url, lang):
    first, second = PAGES[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(FIRST_RUN_MS)
    page.goto(subpath_url + first)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.scope)")
    assert scope == subpath_url
    page.reload()
    wait_mounted(page)
    assert page.evaluate("crossOriginIsolated") is True
    assert run_code(page, 0, "print(6 * 7)\n") == "ok"
    assert "42" in page.locator("div.pyrun").first.locator(".pyrun-text").inner_text()
    kept = page.evaluate("window.lmdocsOffline")
    assert kept["failed"] == 0, kept
    context.set_offline(True)
    page.goto(subpath_url + second)
    wait_mounted(page)
    assert page.evaluate("document.documentElement.lang") == lang
    assert run_cell(page, 0) == "ok"
    context.close()
