"""Names that read well (issue 9): short names never end on a dangling word, and `inject` takes
the app name from og:site_name or the part the pages' titles share, never a whole page title."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import cli, head_tags, plugin_entry
from logos import svg_logo

from mkdocs_favicons.names import shorten


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Material for MkDocs", "Material"),  # not "Material for"
        ("Guide to the Galaxy", "Guide"),  # not "Guide to the"
        ("Tips and Tricks Book", "Tips"),
        ("My Project — Docs", "My Project"),
        ("httpx", "httpx"),
        ("mkdocs-static-i18n", "mkdocs-static-i18n"),  # one word: the OS truncates it
        ("The Documentation Project", "The Documentation Project"),  # no good cut: keep it
        ("Typer Documentation", "Typer"),
    ],
)
def test_short_names_do_not_dangle(name: str, short: str) -> None:
    assert shorten(name) == short


def test_plugin_home_screen_name(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site(
        {"site_name": "Material for MkDocs", "plugins": [plugin_entry(source="logo.svg")]},
        files={"logo.svg": svg_logo()},
    )
    site.build(strict=True)
    assert json.loads(site.read("site.webmanifest"))["short_name"] == "Material"
    title = [
        t
        for t in head_tags(site.read("index.html"))
        if t.get("name") == "apple-mobile-web-app-title"
    ]
    assert [t["content"] for t in title] == ["Material"]


def write_pages(site: Path, titles: dict[str, str], extra_head: str = "") -> None:
    for path, title in titles.items():
        page = site / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"<!doctype html><html><head><title>{title}</title>{extra_head}</head>"
            "<body>text</body></html>"
        )


def injected_name(tmp_path: Path, site: Path) -> str:
    (tmp_path / "logo.svg").write_text(svg_logo())
    result = cli("inject", site, "--source", "logo.svg", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return str(json.loads((site / "site.webmanifest").read_text())["name"])


def test_inject_name_on_a_multilingual_site_is_the_shared_part(tmp_path: Path) -> None:
    site = tmp_path / "public"
    write_pages(
        site,
        {
            "index.html": "X - X documentation (en)",
            "usage/index.html": "Usage - X documentation (en)",
            "api/index.html": "API - X documentation (en)",
            "fr/index.html": "X - X documentation (fr)",
            "fr/usage/index.html": "Utilisation - X documentation (fr)",
        },
    )
    assert injected_name(tmp_path, site) == "X documentation (en)"


def test_inject_name_from_mkdocs_titles(tmp_path: Path) -> None:
    site = tmp_path / "public"
    write_pages(
        site,
        {"index.html": "Acme", "guide/index.html": "Guide - Acme", "404.html": "Acme"},
    )
    assert injected_name(tmp_path, site) == "Acme"


def test_inject_name_prefers_og_site_name(tmp_path: Path) -> None:
    site = tmp_path / "public"
    write_pages(
        site,
        {"index.html": "Welcome - Home", "about.html": "About us"},
        '<meta property="og:site_name" content="Acme &amp; Co">',
    )
    assert injected_name(tmp_path, site) == "Acme & Co"


def test_shared_title_units() -> None:
    from mkdocs_favicons.names import shared_title

    assert shared_title(["Usage - Acme", "API - Acme"], "Acme") == "Acme"
    assert shared_title(["Guide", "Guide"], "Acme Widgets") == "Acme Widgets"  # hand-written
    # No home page: the part most titles share, or their common leading words.
    assert shared_title(["A | Docs", "B | Docs", "C | Docs"]) == "Docs"
    assert shared_title(["Acme docs (en)", "Acme docs (fr)"]) == "Acme docs"
    assert shared_title(["Home", "Usage", "API"]) == ""
