"""The one Chrome DevTools Protocol driver for Debian's headless Chromium (BRIEF §4).

One browser process per test session (the `browser` fixture in conftest.py); each test opens a
fresh tab (the `tab` fixture) so one page's favicon never stands in for another's.
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket
from PIL import Image

CHROMIUM = Path("/usr/lib/chromium/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",  # screenshots show the page, not a scrollbar
    "--remote-debugging-port=0",
)
STARTUP_SECONDS = 30  # an upper bound to wait for, not a measured expectation
REPLY_SECONDS = 30


class Browser:
    def __init__(self, user_data_dir: Path) -> None:
        if not CHROMIUM.exists():
            raise RuntimeError(
                f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), "
                "as .ci/run does"
            )
        self.process = subprocess.Popen(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={user_data_dir}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = user_data_dir / "DevToolsActivePort"
        deadline = time.monotonic() + STARTUP_SECONDS
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"chromium did not start (exit code {self.process.returncode})")
            time.sleep(0.05)
        self.port = int(port_file.read_text().splitlines()[0])

    def _http(self, path: str, method: str = "GET") -> bytes:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method)
        with urllib.request.urlopen(request, timeout=REPLY_SECONDS) as response:
            return bytes(response.read())

    def _json(self, path: str, method: str = "GET") -> Any:
        return json.loads(self._http(path, method))

    def targets(self) -> list[dict[str, Any]]:
        return list(self._json("/json/list"))

    def new_tab(self) -> Tab:
        target = self._json("/json/new?about:blank", method="PUT")
        return Tab(self, target["id"], target["webSocketDebuggerUrl"])

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Tab:
    def __init__(self, browser: Browser, target_id: str, ws_url: str) -> None:
        self.browser = browser
        self.id = target_id
        self.socket = websocket.create_connection(
            ws_url, timeout=REPLY_SECONDS, suppress_origin=True
        )
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        self.socket.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            self.events.append(message)

    def wait_for(self, event: str) -> dict[str, Any]:
        while True:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    return dict(self.events.pop(index))
            self.events.append(json.loads(self.socket.recv()))

    def navigate(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def open(self, url: str, width: int, height: int, scheme: str = "light") -> None:
        """Load `url` in a `width`×`height` viewport with the given prefers-color-scheme."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send(
            "Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": scheme}],
        )
        self.navigate(url)

    def screenshot(self, full_page: bool = False) -> Image.Image:
        result = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)
        image = Image.open(io.BytesIO(base64.b64decode(result["data"])))
        image.load()
        return image.convert("RGBA")

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def favicon_url(self, timeout: float = 10.0) -> str:
        """The tab icon Chromium chose (`faviconUrl` in /json/list); it appears after load."""
        deadline = time.monotonic() + timeout
        while True:
            target = next(t for t in self.browser.targets() if t["id"] == self.id)
            if target.get("faviconUrl") or time.monotonic() > deadline:
                return str(target.get("faviconUrl", ""))
            time.sleep(0.05)

    def close(self) -> None:
        self.socket.close()
        self.browser._http(f"/json/close/{self.id}")  # answers "Target is closing"
