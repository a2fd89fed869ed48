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


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that answers in one call and keeps test output clean."""

    def reply(
        self,
        status: int,
        content_type: str,
        body: bytes,
        *,
        send_body: bool = True,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Send `body` with its type and length (and `headers`); only the headers to HEAD."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


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

    class Handler(QuietHandler):
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
            kind = types.get(file.suffix, "application/octet-stream")
            self.reply(status, kind, data, send_body=body, headers={"Cache-Control": "no-store"})

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
