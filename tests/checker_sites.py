"""Fixture sites for the checker and browser tests: real MkDocs builds."""

from __future__ import annotations

import json
from pathlib import Path

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
