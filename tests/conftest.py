"""Fixtures shared by the tiers: one strict site build per session, a server for it, and Chromium.

Tiers: unit/<package>/ (pure CPython in this process, `make check`), integration/ (real processes:
command lines, scripts, torchrun/DDP, SIGKILL), docs/ (the pages, snippets and hooks), pyodide/ (the
package inside Pyodide), browser/ (the built site in headless Chromium).
Helpers live in support/.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.paths import ARTIFACTS
from support.site import CHROMIUM, CHROMIUM_ARGS, SiteBuild, bind_server, build_site, start_server, url_of


@pytest.fixture(scope="session")
def _site_server():
    """The test server's socket, bound before the build so its port is known and stays ours."""
    server = bind_server()
    yield server
    server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory, _site_server) -> SiteBuild:
    """The whole site, built once per session with --strict.

    Its site_url is the address the test server uses: Material's instant navigation only takes
    over links that its sitemap lists, and the sitemap holds absolute URLs.
    """
    return build_site(tmp_path_factory.mktemp("site") / "site", site_url=url_of(_site_server))


@pytest.fixture(scope="session")
def site_dir(site) -> Path:
    return site.path


@pytest.fixture(scope="session")
def server_url(site, _site_server) -> Iterator[str]:
    """Base URL (with trailing slash) of a local server for the built site."""
    yield start_server(_site_server, site.path)
    _site_server.shutdown()  # only a server that serves can be shut down (shutdown() waits for its loop)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does it as root).", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """pytest-playwright's `context`/`page` without the site's service worker (Playwright's routes do
    not see what a service worker answers); tests/browser/test_first_seconds*.py test it."""
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# pytest-playwright's sync fixtures keep an asyncio event loop running for the rest of the session
# once a test has used them; tests that start their own Playwright or asyncio loop must run before.
PLAYWRIGHT_FIXTURES = {"page", "context", "browser", "offline_page", "new_context"}


def pytest_collection_modifyitems(items) -> None:
    items.sort(key=lambda item: bool(PLAYWRIGHT_FIXTURES & set(getattr(item, "fixturenames", ()))))
