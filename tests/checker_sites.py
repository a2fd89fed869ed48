"""Fixture sites for the checker and browser tests: real MkDocs builds, and a loopback server.

The server behaves like GitHub Pages: the site lives under a path prefix, folders serve their
index.html, and any unknown path gets 404.html with status 404.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from logos import BADGE_SVG, disc_png
from mkdocs.commands.build import build
from mkdocs.config import load_config


def build_site(
    root: Path,
    *,
    preset: str = "minimal",
    source: str = "svg",
    site_url: str | None = None,
    cache_dir: Path | None = None,
    strict: bool = True,
    hooks: list[str] | None = None,
    mkdocs: dict[str, object] | None = None,
    **options: object,
) -> Path:
    """Write a three-page MkDocs project into `root`, build it with the plugin, return site_dir.

    `options` go to the favicons plugin, `mkdocs` to mkdocs.yml itself.
    """
    docs = root / "docs"
    (docs / "guide").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n\n[Page](guide/page.md)\n")
    (docs / "guide" / "page.md").write_text("# A nested page\n")
    (docs / "about.md").write_text("# About\n")
    if source == "svg":
        (root / "logo.svg").write_text(BADGE_SVG)
        logo = "logo.svg"
    else:
        (root / "logo.png").write_bytes(disc_png())
        logo = "logo.png"
    plugin = {"source": logo, "preset": preset, **options}
    if cache_dir is not None:
        plugin["cache_dir"] = str(cache_dir)
    config: dict[str, object] = {
        "site_name": "Checker Fixture",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "mkdocs"},
        "plugins": [{"favicons": plugin}],
    }
    if site_url:
        config["site_url"] = site_url
    if hooks:
        config["hooks"] = hooks
    config.update(mkdocs or {})
    (root / "mkdocs.yml").write_text(json.dumps(config))  # JSON is YAML
    build(load_config(str(root / "mkdocs.yml"), strict=strict))
    return root / "site"


def _handler(root: Path, prefix: str) -> type[BaseHTTPRequestHandler]:
    types = {
        ".html": "text/html; charset=utf-8",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".ico": "image/x-icon",
        ".webmanifest": "application/manifest+json",
        ".xml": "application/xml",
        ".css": "text/css",
        ".js": "text/javascript",
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._respond(body=True)

        def do_HEAD(self) -> None:
            self._respond(body=False)

        def _respond(self, body: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            file = None
            if path.startswith(prefix) and ".." not in path.split("/"):
                candidate = root / path[len(prefix) :]
                if candidate.is_dir() and not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return
                candidate = candidate / "index.html" if candidate.is_dir() else candidate
                file = candidate if candidate.is_file() else None
            status = 200 if file else 404
            file = file or root / "404.html"
            data = file.read_bytes() if file.is_file() else b"not found"
            self.send_response(status)
            self.send_header("Content-Type", types.get(file.suffix, "application/octet-stream"))
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    return Handler


@contextmanager
def serve(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `root` at http://127.0.0.1:PORT{prefix}; yields that URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(root, prefix))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
