"""Zero-config on layouts real sites use: where the image is found, which one wins and why, and
a small image that keeps a green `--strict` build green without being blown up into a blur."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import Site, plugin_entry
from logos import raster_bytes, svg_logo
from PIL import Image

from mkdocs_favicons.check import check_site


def _source_line(output: str) -> str:
    (line,) = [line for line in output.splitlines() if "favicons:" in line and " source " in line]
    return line


def test_custom_dir_svg_beats_a_docs_img_bitmap(tmp_path: Path) -> None:
    """jrnl's layout: favicon.svg in the theme's custom_dir, a bitmap logo in docs/img/."""
    config = {"theme": {"name": "mkdocs", "custom_dir": "docs_theme"}, "plugins": ["favicons"]}
    site = Site(tmp_path / "site").write(
        config,
        docs={"img/logo.jpg": raster_bytes("JPEG", 800, 800)},
        files={"docs_theme/img/favicon.svg": svg_logo()},
    )
    result = site.build(strict=True)
    line = _source_line(result.output)
    assert "source docs_theme/img/favicon.svg (an SVG, vector beats bitmaps, of 2 images" in line
    assert (site.site_dir / "favicon.svg").read_text().count("<svg") == 1
    assert check_site(site.site_dir) == []


@pytest.mark.parametrize("logo", ["brand/mark.svg", "/brand/mark.svg"])
@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_theme_logo_in_custom_dir(tmp_path: Path, theme: str, logo: str) -> None:
    config = {
        "theme": {"name": theme, "custom_dir": "overrides", "logo": logo},
        "plugins": ["favicons"],
    }
    site = Site(tmp_path / "site").write(config, files={"overrides/brand/mark.svg": svg_logo()})
    result = site.build(strict=True)
    assert "source overrides/brand/mark.svg (the only image found)" in _source_line(result.output)


def test_an_unreadable_candidate_does_not_stop_the_build(tmp_path: Path) -> None:
    site = Site(tmp_path / "site").write(
        docs={"logo.png": b"not a png at all", "img/favicon.png": raster_bytes("PNG", 600, 600)},
    )
    result = site.build(strict=True)
    assert "source docs/img/favicon.png (the only image found)" in _source_line(result.output)


# ---------------------------------------------------------------------------------------------
# Small sources


def test_a_small_discovered_logo_keeps_strict_green(tmp_path: Path) -> None:
    """httpx keeps only docs/img/logo.jpg; a small image the plugin found must not fail --strict."""
    site = Site(tmp_path / "site").write(docs={"img/logo.jpg": raster_bytes("JPEG", 144, 144)})
    result = site.build(strict=True)
    assert result.lines("WARNING") == []
    (note,) = [line for line in result.lines("INFO") if "only 144 px" in line]
    assert "docs/img/logo.jpg is only 144 px" in note and "512×512" in note
    assert check_site(site.site_dir) == []
    # Rebuilt from the cache, the same: INFO, green.
    again = site.build(strict=True)
    assert "from cache" in _source_line(again.output) and again.lines("WARNING") == []


def test_an_explicit_small_source_still_warns(tmp_path: Path) -> None:
    site = Site(tmp_path / "site").write(
        {"plugins": [plugin_entry(source="docs/img/logo.png")]},
        docs={"img/logo.png": raster_bytes("PNG", 144, 144)},
    )
    result = site.build(strict=True, check=False)
    assert not result.ok
    (warning,) = result.lines("WARNING")
    assert "favicons: docs/img/logo.png is only 144 px" in warning


def _alpha_box(path: Path) -> tuple[int, int, int, int] | None:
    with Image.open(path) as image:
        return image.convert("RGBA").getchannel("A").getbbox()


def test_a_tiny_bitmap_is_drawn_at_most_twice_its_size(tmp_path: Path) -> None:
    """A 100 px logo: icons up to 200 px fill their square; larger ones show it at 200 px,
    centred, sharp, instead of a 5x blur. Every file still has the size it declares."""
    site = Site(tmp_path / "site").write(docs={"logo.png": raster_bytes("PNG", 100, 100)})
    site.build(strict=True)
    out = site.site_dir
    assert _alpha_box(out / "web-app-manifest-192x192.png") == (0, 0, 192, 192)
    with Image.open(out / "web-app-manifest-512x512.png") as large:
        assert large.size == (512, 512)
    assert _alpha_box(out / "web-app-manifest-512x512.png") == (156, 156, 356, 356)
    # The centre is the 200 px drawing itself, not a crop of a 512 px enlargement.
    with Image.open(io.BytesIO(raster_bytes("PNG", 100, 100))) as source:
        expected = source.convert("RGBA").resize((200, 200), Image.Resampling.LANCZOS)
    with Image.open(out / "web-app-manifest-512x512.png") as large:
        centre = large.convert("RGBA").crop((156, 156, 356, 356))
    assert centre.tobytes() == expected.tobytes()
    # The 180 px touch icon's artwork is 144 px: drawn from the image, not capped.
    with Image.open(out / "apple-touch-icon.png") as touch:
        assert touch.size == (180, 180)
    assert check_site(out) == []
