"""Shared fixtures: one strict site build per test session, a local web server, and Chromium.

The browser is Debian's /usr/bin/chromium driven by Playwright (``playwright install`` downloads
browsers from outside the package registries and is not used here).
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("LMDOCS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass(frozen=True)
class SiteBuild:
    path: Path
    log: str
    port: int = 0

    def html_pages(self) -> list[Path]:
        return sorted(p for p in self.path.rglob("*.html") if p.name != "404.html")


def build_site(dest: Path, config: Path = ROOT / "mkdocs.yml", site_url: str | None = None) -> SiteBuild:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["LMDOCS_SITE_URL"] = site_url
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(dest)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{log[-6000:]}", pytrace=False)
    port = int(site_url.rsplit(":", 1)[1].strip("/")) if site_url else 0
    return SiteBuild(dest, log, port)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> SiteBuild:
    """The whole site, built once per session with --strict.

    Its site_url is the address the test server will use: Material's instant navigation only takes
    over links that its sitemap lists, and the sitemap holds absolute URLs.
    """
    return build_site(tmp_path_factory.mktemp("site") / "site", site_url=f"http://127.0.0.1:{_free_port()}/")


@pytest.fixture(scope="session")
def site_dir(site) -> Path:
    return site.path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
        ".json": "application/json", ".whl": "application/zip", ".woff2": "font/woff2",
    }

    def log_message(self, *_args) -> None:
        pass


def serve_directory(directory: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def server_url(site) -> str:
    """Base URL (with trailing slash) of a local server for the built site."""
    server, url = serve_directory(site.path, site.port)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does it as root).", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def chromium_available() -> bool:
    return shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists()


# pytest-playwright's sync fixtures keep an asyncio event loop running for the rest of the session
# once a test has used them; tests that start their own Playwright or asyncio loop must run before.
PLAYWRIGHT_FIXTURES = {"page", "context", "browser", "offline_page", "new_context"}


def pytest_collection_modifyitems(items) -> None:
    items.sort(key=lambda item: bool(PLAYWRIGHT_FIXTURES & set(getattr(item, "fixturenames", ()))))
