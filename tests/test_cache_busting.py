"""Cache busting end to end.

Every icon URL in the tags, the manifest and browserconfig.xml carries ?v=<hash of the file it
names>; a changed icon changes its URL, an unchanged one keeps it.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from helpers import Site, cli
from logos import DEMO_LOGO

MKDOCS_YML = """site_name: Busted
site_url: https://example.org/sub/
theme: mkdocs
nav: [index.md, guide/page.md]
plugins:
  - favicons:
      source: logo.svg
      preset: full
      cache_busting: true
      background_color: "{background}"
"""
ICON_URL = re.compile(r'(?:href|content)="([^"]+\.(?:png|ico|svg|webmanifest|xml)(?:\?[^"]*)?)"')


def build(project: Path, background: str = "#ffffff") -> None:
    (project / "mkdocs.yml").write_text(MKDOCS_YML.format(background=background))
    Site(project).build(strict=True)


def check_version(site: Path, url: str, base: str) -> str:
    """Assert `url` carries ?v= with the first 8 hex of the sha256 of the file it names."""
    parts = urlsplit(urljoin(base, url))
    assert re.fullmatch(r"v=[0-9a-f]{8}", parts.query), url
    path = site / parts.path.removeprefix("/sub/")
    assert path.is_file(), url
    assert parts.query == f"v={hashlib.sha256(path.read_bytes()).hexdigest()[:8]}", url
    return parts.path.rsplit("/", 1)[-1]


def icon_urls(site: Path) -> dict[str, str]:
    """Every icon URL the site declares, by file name, checked against the files."""
    urls: dict[str, str] = {}
    for page, base in (
        ("index.html", "https://example.org/sub/"),
        ("guide/page/index.html", "https://example.org/sub/guide/page/"),
        ("404.html", "https://example.org/sub/missing/deep/"),
    ):
        head = (site / page).read_text().split("</head>")[0]
        found = ICON_URL.findall(head)
        assert len(found) >= 20, page
        for url in found:
            name = check_version(site, url, base)
            assert urls.setdefault(name, url.rsplit("/", 1)[-1]) == url.rsplit("/", 1)[-1]
    manifest = json.loads((site / "site.webmanifest").read_text())
    for icon in manifest["icons"]:
        name = check_version(site, icon["src"], "https://example.org/sub/site.webmanifest")
        urls[f"manifest:{name}"] = icon["src"]
    tiles = re.findall(r'src="([^"]+)"', (site / "browserconfig.xml").read_text())
    assert len(tiles) == 4
    for src in tiles:
        name = check_version(site, src, "https://example.org/sub/browserconfig.xml")
        urls[f"browserconfig:{name}"] = src
    return urls


def test_cache_busting_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "guide" / "page.md").write_text("# Page\n")
    (tmp_path / "logo.svg").write_text(DEMO_LOGO.read_text())
    site = tmp_path / "site"

    build(tmp_path)
    first = icon_urls(site)
    assert "site.webmanifest" in first and "browserconfig.xml" in first
    assert "manifest:web-app-manifest-maskable-512x512.png" in first

    build(tmp_path)  # the same input: every URL kept
    assert icon_urls(site) == first

    # A new touch background changes the opaque icons only: their URLs change, the rest stay.
    build(tmp_path, background="#000000")
    second = icon_urls(site)
    changed = {name for name in first if first[name] != second[name]}
    touched = {name.split(":")[-1] for name in changed}
    assert "apple-touch-icon.png" in touched
    assert "web-app-manifest-maskable-512x512.png" in touched
    assert "site.webmanifest" in touched  # it lists the maskable icon's new URL
    assert {"favicon.ico", "favicon.svg", "favicon-96x96.png", "mstile-150x150.png"}.isdisjoint(
        touched
    )
    assert "browserconfig.xml" not in touched  # the tiles are transparent: no background

    # A recoloured source changes every icon's URL but the one-colour Safari silhouette's.
    (tmp_path / "logo.svg").write_text(DEMO_LOGO.read_text().replace("#3b5bdb", "#e8590c"))
    build(tmp_path, background="#000000")
    third = icon_urls(site)
    kept = {name for name in second if third[name] == second[name]}
    assert kept == {"safari-pinned-tab.svg"}


def test_cli_cache_busting_flag(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(DEMO_LOGO.read_text())
    result = cli(
        "generate",
        "logo.svg",
        "--out",
        "out",
        "--preset",
        "full",
        "--cache-busting",
        "--no-cache",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    urls = ICON_URL.findall(result.stdout)
    assert len(urls) >= 20
    for url in urls:
        name, _, query = url.partition("?")
        data = (tmp_path / "out" / name.removeprefix("/")).read_bytes()
        assert query == f"v={hashlib.sha256(data).hexdigest()[:8]}", url
