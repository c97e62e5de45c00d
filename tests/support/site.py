"""Build the site once, serve it on a bound port, and launch Debian's Chromium.

The browser is Debian's /usr/bin/chromium driven by Playwright (``playwright install`` downloads
browsers from outside the package registries and is not used here).
"""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from .paths import ROOT

CHROMIUM = os.environ.get("LMDOCS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass(frozen=True)
class SiteBuild:
    path: Path
    log: str

    def html_pages(self) -> list[Path]:
        return sorted(p for p in self.path.rglob("*.html") if p.name != "404.html")


def build_site(dest: Path, config: Path = ROOT / "mkdocs.yml", site_url: str | None = None) -> SiteBuild:
    """``mkdocs build --strict`` into ``dest``; a failed build fails the test with the log's tail."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["LMDOCS_SITE_URL"] = site_url
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(dest)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        import pytest

        pytest.fail(f"mkdocs build --strict failed:\n{log[-6000:]}", pytrace=False)
    return SiteBuild(dest, log)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
        ".json": "application/json", ".whl": "application/zip", ".woff2": "font/woff2",
    }

    def log_message(self, *_args) -> None:
        pass


def bind_server(directory: Path | None = None) -> http.server.ThreadingHTTPServer:
    """A server bound to a free port now (no probe-then-bind race); serve it with ``start_server``."""
    handler = functools.partial(_QuietHandler, directory=str(directory) if directory else None)
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)


def start_server(server: http.server.ThreadingHTTPServer, directory: Path) -> str:
    """Point the bound server at ``directory``, serve it in a thread; return its base URL."""
    server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return url_of(server)


def url_of(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


def serve_directory(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = bind_server(directory)
    return server, start_server(server, directory)
