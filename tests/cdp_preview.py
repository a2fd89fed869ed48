"""A minimal Chrome DevTools Protocol client for the dark-mode and preview tests.

One headless Debian Chromium per test session (started on first use, stopped at exit), one tab,
driven over a websocket: navigate, emulate the colour scheme, screenshot, evaluate.
"""

from __future__ import annotations

import atexit
import base64
import io
import itertools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket
from PIL import Image

CHROMIUM = "/usr/lib/chromium/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
)
STARTUP_TIMEOUT = 30.0
COMMAND_TIMEOUT = 30.0


class Browser:
    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="favicons-cdp-")
        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not (port_file.is_file() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not start (no DevToolsActivePort)")
            time.sleep(0.05)
        self.port = port = int(port_file.read_text().split()[0])
        new_tab = f"http://127.0.0.1:{port}/json/new?about:blank"
        request = urllib.request.Request(new_tab, method="PUT")
        with urllib.request.urlopen(request, timeout=10) as response:
            target = json.load(response)
        self.target_id = target["id"]
        self.socket = websocket.create_connection(
            target["webSocketDebuggerUrl"], timeout=COMMAND_TIMEOUT, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self.ids)
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
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
        self.events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

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
        """The icon the tab chose (`faviconUrl` in /json/list); it appears within a second."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list") as response:
                for target in json.load(response):
                    if target["id"] == self.target_id and target.get("faviconUrl"):
                        return str(target["faviconUrl"])
            time.sleep(0.1)
        return ""

    def close(self) -> None:
        if getattr(self, "socket", None) is not None:
            self.socket.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


_browser: Browser | None = None


def browser() -> Browser:
    """The session's browser, started on first use and stopped when the tests exit."""
    global _browser
    if _browser is None:
        _browser = Browser()
        atexit.register(_browser.close)
    return _browser
