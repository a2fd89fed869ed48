"""Fixtures shared by the test modules; the helpers themselves live in tests/helpers.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import Site, write_site

SiteFactory = Callable[..., Site]


@pytest.fixture
def make_site(tmp_path: Path) -> SiteFactory:
    """`make_site(config, docs=..., files=..., name=...)`: a fixture site in tmp_path."""

    def factory(config: dict[str, Any] | None = None, *, name: str = "site", **kw: Any) -> Site:
        return write_site(tmp_path / name, config, **kw)

    return factory
