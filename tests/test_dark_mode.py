"""Dark mode: one favicon.svg that switches with prefers-color-scheme, rendered in Chromium with
emulated media; the derived `invert` variant; the dark theme-color meta; the cache key."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import resvg_py
from cdp import Tab
from helpers import Site, cli
from PIL import Image

from mkdocs_favicons import svg
from mkdocs_favicons.iconset import generate
from mkdocs_favicons.options import Options

# Both artworks reuse the same gradient id and class name, as two exports of one tool do.
LIGHT = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<style>.c{fill:#ff0000}</style>
<defs><linearGradient id="g"><stop offset="0" stop-color="#1e3a8a"/>
<stop offset="1" stop-color="#1e3a8a"/></linearGradient></defs>
<rect width="100" height="50" fill="url(#g)"/><circle class="c" cx="50" cy="75" r="20"/></svg>"""
DARK = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">
<style>.c{fill:#00ff00}</style>
<defs><linearGradient id="g"><stop offset="0" stop-color="#fbbf24"/>
<stop offset="1" stop-color="#fbbf24"/></linearGradient></defs>
<rect width="200" height="100" fill="url(#g)"/><circle class="c" cx="100" cy="150" r="40"/></svg>"""
MONOCHROME = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
<path d="M0 0h10v5H0z"/><path d="M0 5h10v5H0z" fill="#2a6df4"/></svg>"""

SIZE = 100
TOP, BOTTOM = (50, 25), (50, 75)  # the rectangle, the circle


def close(pixel: tuple[int, ...], expected: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], expected, strict=True))


def in_chromium(tab: Tab, path: Path, scheme: str) -> Image.Image:
    tab.open(path.as_uri(), SIZE, SIZE, scheme)
    return tab.screenshot()


def favicon_svg(tmp_path: Path, light: str, dark: str | None, **options: str) -> Path:
    (tmp_path / "light.svg").write_text(light)
    dark_source = ""
    if dark is not None:
        (tmp_path / "dark.svg").write_text(dark)
        dark_source = str(tmp_path / "dark.svg")
    result = generate(tmp_path / "light.svg", Options(dark_source=dark_source, **options), None)
    out = tmp_path / "favicon.svg"
    out.write_bytes(result.iconset.files["favicon.svg"])
    return out


def test_dark_source_switches_with_the_colour_scheme(tmp_path: Path, tab: Tab) -> None:
    path = favicon_svg(tmp_path, LIGHT, DARK)
    light, dark = in_chromium(tab, path, "light"), in_chromium(tab, path, "dark")
    assert close(light.getpixel(TOP), (0x1E, 0x3A, 0x8A))
    assert close(light.getpixel(BOTTOM), (255, 0, 0))
    # The dark artwork with its own gradient and class, not the light one's of the same name.
    assert close(dark.getpixel(TOP), (0xFB, 0xBF, 0x24))
    assert close(dark.getpixel(BOTTOM), (0, 255, 0))


def test_renderers_without_media_queries_see_the_light_artwork(tmp_path: Path) -> None:
    markup = favicon_svg(tmp_path, LIGHT, DARK).read_text()
    data = bytes(resvg_py.svg_to_bytes(svg_string=markup, width=SIZE, height=SIZE))
    png = Image.open(io.BytesIO(data)).convert("RGBA")
    assert close(png.getpixel(TOP), (0x1E, 0x3A, 0x8A))
    assert close(png.getpixel(BOTTOM), (255, 0, 0))


def test_merged_svg_stays_sanitized(tmp_path: Path) -> None:
    hostile = DARK.replace("<defs>", '<script>alert(1)</script><defs onload="alert(2)">')
    markup = favicon_svg(tmp_path, LIGHT, hostile).read_text()
    assert "<script" not in markup and "onload" not in markup and "alert" not in markup
    # Sanitizing the merged file again removes nothing: it holds only drawing and one stylesheet.
    again = svg.load(markup, "favicon.svg")
    assert again.markup == markup
    assert len(re.findall(r'id="', markup)) == 2
    assert 'id="l-g"' in markup and 'id="d-g"' in markup
    assert "url(#l-g)" in markup and "url(#d-g)" in markup


def test_invert_derives_a_dark_variant(tmp_path: Path, tab: Tab) -> None:
    path = favicon_svg(tmp_path, MONOCHROME, None, dark_mode="invert")
    light, dark = in_chromium(tab, path, "light"), in_chromium(tab, path, "dark")
    assert close(light.getpixel(TOP), (0, 0, 0))
    assert close(dark.getpixel(TOP), (255, 255, 255))
    # A colour keeps its hue family: the blue stays blue, only lighter.
    r, g, b, _ = dark.getpixel(BOTTOM)
    assert b > r and b > 150, (r, g, b)


def test_no_dark_option_leaves_the_svg_as_it_was(tmp_path: Path) -> None:
    markup = favicon_svg(tmp_path, LIGHT, None).read_text()
    assert svg.DARK_MEDIA not in markup and "favicons-" not in markup


def test_dark_source_bytes_key_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "light.svg").write_text(LIGHT)
    dark = tmp_path / "dark.svg"
    dark.write_text(DARK)
    options = Options(dark_source=str(dark))
    first = generate(tmp_path / "light.svg", options, cache)
    again = generate(tmp_path / "light.svg", options, cache)
    assert not first.cached and again.cached
    dark.write_text(DARK.replace("#fbbf24", "#fb7185"))
    changed = generate(tmp_path / "light.svg", options, cache)
    assert not changed.cached
    assert b"#fb7185" in changed.iconset.files["favicon.svg"]
    # Only favicon.svg depends on the dark artwork.
    for name, data in first.iconset.files.items():
        if name != "favicon.svg":
            assert changed.iconset.files[name] == data, name
    # The same bytes at another path hit the cache: the path is not part of the key.
    moved = tmp_path / "moved.svg"
    moved.write_bytes(dark.read_bytes())
    assert generate(tmp_path / "light.svg", Options(dark_source=str(moved)), cache).cached


def test_cli_dark_flags(tmp_path: Path) -> None:
    (tmp_path / "light.svg").write_text(LIGHT)
    (tmp_path / "dark.svg").write_text(DARK)
    result = cli(
        "generate",
        "light.svg",
        "--out",
        "out",
        "--dark-source",
        "dark.svg",
        "--dark-theme-color",
        "#0d1117",
        "--theme-color",
        "#1e3a8a",
        "--no-cache",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert svg.DARK_MEDIA in (tmp_path / "out" / "favicon.svg").read_text()
    metas = re.findall(r'<meta name="theme-color"[^>]*>', result.stdout)
    assert metas == [
        '<meta name="theme-color" content="#1e3a8a" media="(prefers-color-scheme: light)">',
        '<meta name="theme-color" content="#0d1117" media="(prefers-color-scheme: dark)">',
    ]
    # A dark bitmap, or a bitmap source with a dark SVG, is refused with the fix.
    Image.new("RGBA", (512, 512), "#000").save(tmp_path / "dark.png")
    refused = (
        ("light.svg", ("--dark-source", "dark.png", "--no-cache"), "is not an SVG"),
        ("dark.png", ("--dark-source", "dark.svg", "--no-cache"), "needs an SVG source"),
        ("light.svg", ("--dark-theme-color", "nope"), "--dark-theme-color"),
    )
    for number, (source, flags, error) in enumerate(refused, start=2):
        bad = cli("generate", source, "--out", f"o{number}", *flags, cwd=tmp_path)
        assert bad.returncode == 1 and error in bad.stderr, (source, flags)


MKDOCS_YML = """site_name: Dark Site
site_url: https://example.org/sub/
theme: mkdocs
plugins:
  - favicons:
      source: light.svg
      dark_source: dark.svg
      dark_theme_color: "#0d1117"
      cache: false
"""


@pytest.mark.parametrize("dark_option", ["dark_source: dark.svg", "dark_mode: invert"])
def test_plugin_dark_options(tmp_path: Path, dark_option: str) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "light.svg").write_text(LIGHT)
    (tmp_path / "dark.svg").write_text(DARK)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.replace("dark_source: dark.svg", dark_option))
    Site(tmp_path).build(strict=True)
    favicon = (tmp_path / "site" / "favicon.svg").read_text()
    assert svg.DARK_MEDIA in favicon
    assert (svg.DARK_CLASS in favicon) == ("dark_source" in dark_option)
    for page in ("index.html", "404.html"):
        html = (tmp_path / "site" / page).read_text()
        assert 'content="#0d1117" media="(prefers-color-scheme: dark)"' in html, page
        assert html.count('name="theme-color"') == 2, page


def test_plugin_rejects_unknown_dark_mode(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "light.svg").write_text(LIGHT)
    (tmp_path / "mkdocs.yml").write_text(
        MKDOCS_YML.replace("dark_source: dark.svg", "dark_mode: negative")
    )
    result = Site(tmp_path).build(strict=True, check=False)
    assert result.returncode != 0
    assert "dark_mode" in result.output and "invert" in result.output


def test_scoping_renames_selectors_and_references_not_colours() -> None:
    light = svg.load(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 10 10"><style>.a, path#b{fill:#fff;stroke:url(#g)}'
        "@media (prefers-color-scheme: light){.a{fill:#abc}}</style>"
        '<linearGradient id="g"/><path id="b" class="a x" d="M0 0h5v5z"/><use xlink:href="#b" href="#b"/>'
        '<rect style="fill:url(#g)" width="1" height="1"/></svg>',
        "light.svg",
    )
    markup = svg.with_dark_mode(light, None, "invert")
    assert ".l-a, path#l-b{fill:#fff;stroke:url(#l-g)}" in markup
    assert "@media (prefers-color-scheme: light){.l-a{fill:#abc}}" in markup
    assert 'id="l-b"' in markup and 'class="l-a l-x"' in markup
    assert 'xlink:href="#l-b"' in markup and 'href="#l-b"' in markup
    assert 'style="fill:url(#l-g)"' in markup
