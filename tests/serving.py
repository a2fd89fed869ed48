"""Loopback HTTP servers for the tests: a built site served as GitHub Pages serves it, or any
handler a test writes.

`serve` puts the site under a path prefix, serves a folder's index.html, and answers any unknown
path with 404.html and status 404.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


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
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run `handler` on a loopback port for the `with` block; yields http://127.0.0.1:PORT."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def serve(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve the folder `root` at http://127.0.0.1:PORT{prefix}; yields that URL."""
    with serving(_handler(root, prefix)) as origin:
        yield origin + prefix
