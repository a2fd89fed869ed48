"""Fixtures shared by the test modules; the helpers themselves live in tests/helpers.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cdp import Browser, Tab
from helpers import Site, SiteFactory


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI's cache folder ($XDG_CACHE_HOME), per test: never the real ~/.cache."""
    folder = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))  # subprocesses inherit it
    return folder / "mkdocs-favicons"


@pytest.fixture
def make_site(tmp_path: Path) -> SiteFactory:
    """`make_site(config, docs=..., files=..., name=...)`: a fixture site in tmp_path."""

    def factory(config: dict[str, Any] | None = None, *, name: str = "site", **kw: Any) -> Site:
        return Site(tmp_path / name).write(config, **kw)

    return factory


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """The session's one headless Chromium; a missing chromium fails the tests that use it."""
    chromium = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    """A fresh tab per test, so one page's favicon never stands in for another's."""
    page = browser.new_tab()
    yield page
    page.close()
