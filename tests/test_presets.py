"""Each preset, from an SVG and from a PNG: exactly the table's files, tags, sizes and manifest."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from helpers import (
    Site,
    check_page_links,
    declared_sizes,
    head_tags,
    ico_sizes,
    icotool_errors,
    links,
    pixel_size,
    plugin_entry,
)
from logos import raster_bytes, svg_logo
from PIL import Image

from mkdocs_favicons.presets import ICONS, file_names, icons_for

GENERATED = {icon.name for icon in ICONS} | {"site.webmanifest", "browserconfig.xml"}
CASES = [(preset, kind) for preset in ("minimal", "full", "single") for kind in ("svg", "png")]


@pytest.fixture(scope="module", params=CASES, ids=[f"{p}-{k}" for p, k in CASES])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    preset, kind = request.param
    source = svg_logo() if kind == "svg" else raster_bytes("PNG", 600, 600)
    site = Site(tmp_path_factory.mktemp(f"{preset}-{kind}")).write(
        {"plugins": [plugin_entry(source=f"logo.{kind}", preset=preset)]},
        files={f"logo.{kind}": source},
    )
    site.build(strict=True)
    return site, preset, kind == "svg"


def test_exactly_the_table_files_are_written(built: tuple[Site, str, bool]) -> None:
    site, preset, svg = built
    written = {p.name for p in site.site_dir.iterdir() if p.name in GENERATED}
    assert written == set(file_names(preset, svg))
    if preset == "minimal":
        expected = {"favicon.ico", "favicon-96x96.png", "apple-touch-icon.png", "site.webmanifest"}
        expected |= {f"web-app-manifest-{s}x{s}.png" for s in (192, 512)}
        expected |= {"web-app-manifest-maskable-512x512.png"} | ({"favicon.svg"} if svg else set())
        assert written == expected
    if preset == "single":
        assert written == {"favicon.ico"}


def test_every_png_has_the_pixel_size_its_name_and_table_give(
    built: tuple[Site, str, bool],
) -> None:
    site, preset, svg = built
    for icon in icons_for(preset, svg):
        path = site.site_dir / icon.name
        if icon.name.endswith(".png"):
            assert pixel_size(path) == (icon.width, icon.height), icon.name
            with Image.open(path) as image:
                assert image.format == "PNG"


def test_ico_entries(built: tuple[Site, str, bool]) -> None:
    site, preset, _ = built
    path = site.site_dir / "favicon.ico"
    expected = [256, 128, 64, 48, 32, 16] if preset == "single" else [48, 32, 16]
    assert ico_sizes(path) == expected  # parsed by hand, largest first, PNG payloads
    assert icotool_errors(path) == ""
    with Image.open(path) as image:  # Pillow reads it as an ICO too
        assert image.format == "ICO"
        assert {size[0] for size in image.info["sizes"]} == set(expected)


def test_tags_on_every_page_resolve_to_files_of_the_declared_size(
    built: tuple[Site, str, bool],
) -> None:
    site, preset, svg = built
    pages = site.page_files()
    assert {p.relative_to(site.site_dir).as_posix() for p in pages} >= {
        "index.html",
        "about/index.html",
        "nested/deep/page/index.html",
        "404.html",
    }
    for page in pages:
        targets = check_page_links(site.site_dir, page)
        assert {t.name for t in targets} == {i.name for i in icons_for(preset, svg) if i.rel} | (
            {"site.webmanifest"} if preset != "single" else set()
        )


def test_tag_set(built: tuple[Site, str, bool]) -> None:
    site, preset, svg = built
    tags = head_tags(site.read("index.html"))
    rels = Counter(tag.get("rel") or tag["name"] for tag in tags)
    if preset == "single":
        assert tags == [
            {
                "tag": "link",
                "rel": "icon",
                "type": "image/x-icon",
                "sizes": "16x16 32x32 48x48 64x64 128x128 256x256",
                "href": "favicon.ico",
            }
        ]
        return
    expected = Counter(
        {
            "icon": 1 + svg,
            "shortcut icon": 1,
            "apple-touch-icon": 1,
            "apple-mobile-web-app-title": 1,
            "manifest": 1,
            "theme-color": 1,
        }
    )
    if preset == "full":
        expected["icon"] += 4
        expected["apple-touch-icon"] += 8
        expected.update(
            ["msapplication-TileColor", "msapplication-TileImage", "msapplication-config"]
        )
        expected["mask-icon"] = int(svg)
    assert rels == +expected
    # Every declared size is distinct within a rel: no duplicated tag.
    for rel in ("icon", "apple-touch-icon"):
        sizes = [tag.get("sizes", tag["href"]) for tag in tags if tag.get("rel") == rel]
        assert len(sizes) == len(set(sizes)), sizes


def test_manifest(built: tuple[Site, str, bool]) -> None:
    site, preset, _ = built
    if preset == "single":
        assert not (site.site_dir / "site.webmanifest").exists()
        return
    data = json.loads((site.site_dir / "site.webmanifest").read_text())
    assert data["name"] == "Favicon Test Site"
    assert data["short_name"] == "Favicon Test"  # whole words within 12 characters
    assert data["display"] == "standalone"
    assert data["start_url"] == data["scope"] == "./"  # no site_url: relative to the manifest
    assert data["background_color"] == "#ffffff"
    assert data["theme_color"] == "#3b5bdb"  # the logo's field colour
    icons = {(icon["sizes"], icon["purpose"]): icon for icon in data["icons"]}
    assert set(icons) == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in data["icons"]:
        assert "/" not in icon["src"], "src is relative to the manifest at the site root"
        target = site.site_dir / icon["src"]
        assert declared_sizes(target) == {icon["sizes"]}
        assert icon["type"] == "image/png"
    tags = head_tags(site.read("index.html"))
    theme = next(tag for tag in tags if tag.get("name") == "theme-color")
    assert theme["content"] == data["theme_color"]
    title = next(tag for tag in tags if tag.get("name") == "apple-mobile-web-app-title")
    assert title["content"] == data["short_name"]


def test_full_preset_tiles_and_mask_icon(built: tuple[Site, str, bool]) -> None:
    site, preset, svg = built
    if preset != "full":
        return
    assert pixel_size(site.site_dir / "mstile-310x150.png") == (310, 150)
    root = ET.fromstring((site.site_dir / "browserconfig.xml").read_text())
    tile = root.find("msapplication/tile")
    assert tile is not None
    sources = {child.tag: child.get("src") for child in tile if child.get("src")}
    assert set(sources) == {
        "square70x70logo",
        "square150x150logo",
        "wide310x150logo",
        "square310x310logo",
    }
    for tag, src in sources.items():
        assert src is not None and (site.site_dir / src).is_file(), tag
    assert tile.findtext("TileColor") == "#3b5bdb"
    tags = {tag.get("name"): tag for tag in head_tags(site.read("about/index.html"))}
    assert tags["msapplication-config"]["content"] == "../browserconfig.xml"
    assert tags["msapplication-TileImage"]["content"] == "../mstile-144x144.png"
    mask = [tag for tag in links(site.read("index.html")) if tag["rel"] == "mask-icon"]
    if svg:
        assert mask[0]["color"] == "#3b5bdb"
        silhouette = (site.site_dir / "safari-pinned-tab.svg").read_text()
        assert "#fab005" not in silhouette and "#3b5bdb" not in silhouette
    else:
        assert mask == []
