"""Every source kind through a real build: sizes, opacity, safe zone, legibility, aspect ratio."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest
from helpers import (
    Site,
    check_page_links,
    ico_entries,
    icotool_errors,
    opaque,
    pixel_size,
    plugin_entry,
)
from logos import ACCENT_COLOR, LOGO_COLOR, encoded, raster_bytes, raster_logo, svg_logo
from PIL import Image, ImageChops, ImageOps

from mkdocs_favicons.presets import icons_for


def exif_rotated_jpeg() -> bytes:
    """A JPEG stored on its side with EXIF orientation 6: displayed, amber is on top."""
    shown = Image.new("RGB", (600, 600), LOGO_COLOR)
    shown.paste(ACCENT_COLOR, (0, 0, 600, 300))
    stored = shown.transpose(Image.Transpose.ROTATE_90)  # EXIF 6 turns it back clockwise
    exif = Image.Exif()
    exif[0x0112] = 6
    data = encoded(stored, "JPEG", exif=exif, quality=95)
    assert ImageOps.exif_transpose(Image.open(io.BytesIO(data))).getpixel((300, 50))[2] < 100
    return data


def cmyk_jpeg() -> bytes:
    return encoded(raster_logo().convert("RGB").convert("CMYK"), "JPEG", quality=95)


SOURCES = {
    "svg": ("logo.svg", lambda: svg_logo()),
    "png": ("logo.png", lambda: raster_bytes("PNG")),
    "jpeg": ("logo.jpg", lambda: raster_bytes("JPEG")),
    "jpeg-exif": ("photo.jpg", exif_rotated_jpeg),
    "jpeg-cmyk": ("print.jpg", cmyk_jpeg),
    "webp": ("logo.webp", lambda: raster_bytes("WEBP")),
    "gif": ("logo.gif", lambda: raster_bytes("GIF")),
    "ico": ("logo.ico", lambda: raster_bytes("ICO")),
    "big-png": ("big.png", lambda: raster_bytes("PNG", 2400, 2400)),  # reduced on decode
    "wide-png": ("wide.png", lambda: raster_bytes("PNG", 800, 400)),
    "wide-svg": ("wide.svg", lambda: svg_logo(200, 100)),
}
WIDE = {"wide-png", "wide-svg"}


@pytest.fixture(scope="module", params=sorted(SOURCES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    kind = request.param
    name, make = SOURCES[kind]
    site = Site(tmp_path_factory.mktemp(kind)).write(
        {"plugins": [plugin_entry(source=name)]},
        files={name: make()},
    )
    site.build(strict=True)  # a 256 px ICO is full size for its format: no warning
    return site, kind


def image(site: Site, name: str) -> Image.Image:
    with Image.open(site.site_dir / name) as opened:
        return opened.convert("RGBA")


def rgba_pixels(picture: Image.Image) -> list[tuple[int, int, int, int]]:
    raw = picture.convert("RGBA").tobytes()
    return [(raw[i], raw[i + 1], raw[i + 2], raw[i + 3]) for i in range(0, len(raw), 4)]


def artwork_box(
    picture: Image.Image, background: tuple[int, int, int]
) -> tuple[int, int, int, int]:
    """The bounding box of pixels that differ from an opaque background."""
    plain = Image.new("RGB", picture.size, background)
    difference = ImageChops.difference(picture.convert("RGB"), plain).convert("L")
    box = difference.point(lambda v: 255 if v > 24 else 0).getbbox()
    assert box is not None, "no artwork at all"
    return box


def test_all_files_have_their_sizes_and_resolve(built: tuple[Site, str]) -> None:
    site, kind = built
    svg = kind.endswith("svg")
    for icon in icons_for("minimal", svg):
        if icon.name.endswith(".png"):
            assert pixel_size(site.site_dir / icon.name) == (icon.width, icon.height)
    check_page_links(site.site_dir, site.site_dir / "index.html")
    assert (site.site_dir / "favicon.svg").exists() == svg
    assert icotool_errors(site.site_dir / "favicon.ico") == ""


def test_touch_and_maskable_icons_are_opaque_and_inset(built: tuple[Site, str]) -> None:
    site, kind = built
    wide = kind in WIDE
    for name, size in (
        ("apple-touch-icon.png", 180),
        ("web-app-manifest-maskable-512x512.png", 512),
    ):
        with Image.open(site.site_dir / name) as opened:
            assert opened.mode in ("RGB", "RGBA", "P", "L")
            assert opaque(opened.convert("RGBA")), f"{name} has transparent pixels"
        picture = image(site, name)
        assert picture.getpixel((0, 0))[:3] == (255, 255, 255)  # background_color at the corner
        left, top, right, bottom = artwork_box(picture, (255, 255, 255))
        assert left > 0 and top > 0 and right < size and bottom < size, f"{name} not inset"
        if name.startswith("apple"):
            assert abs((right - left) - 144) <= 2, "touch artwork is 80% of the side"
            if wide:
                assert abs((bottom - top) - 72) <= 2, "aspect kept"


def test_maskable_artwork_stays_inside_the_safe_zone(built: tuple[Site, str]) -> None:
    site, _ = built
    picture = image(site, "web-app-manifest-maskable-512x512.png").convert("RGB")
    size = picture.width
    limit = 0.4 * size
    raw = picture.tobytes()
    outside = 0
    for y in range(size):
        for x in range(size):
            i = 3 * (y * size + x)
            if max(abs(255 - raw[i]), abs(255 - raw[i + 1]), abs(255 - raw[i + 2])) > 8:
                # the pixel's nearest point to the centre must be within the circle
                dx = max(abs(x + 0.5 - size / 2) - 0.5, 0)
                dy = max(abs(y + 0.5 - size / 2) - 0.5, 0)
                outside += math.hypot(dx, dy) > limit
    assert outside == 0, f"{outside} artwork pixels outside the radius-{limit} circle"
    box = artwork_box(picture, (255, 255, 255))
    assert box[2] - box[0] >= 0.5 * size, "artwork should still use most of the safe zone"


def test_small_ico_entries_are_legible(built: tuple[Site, str]) -> None:
    site, kind = built
    for width, _, payload in ico_entries((site.site_dir / "favicon.ico").read_bytes()):
        if width not in (16, 32):
            continue
        with Image.open(io.BytesIO(payload)) as opened:
            entry = opened.convert("RGBA")
        pixels = rgba_pixels(entry)
        covered = sum(1 for p in pixels if p[3] > 128) / (width * width)
        assert covered >= (0.4 if kind in WIDE else 0.8), f"{width}px entry nearly empty"
        light = [0.299 * r + 0.587 * g + 0.114 * b for r, g, b, a in pixels if a > 128]
        assert max(light) - min(light) >= 60, f"{width}px entry has no contrast (smeared)"


def test_any_icons_keep_the_artwork_and_its_aspect(built: tuple[Site, str]) -> None:
    site, kind = built
    picture = image(site, "favicon-96x96.png")
    alpha_box = picture.getchannel("A").point(lambda a: 255 if a > 128 else 0).getbbox()
    if kind in WIDE:
        # Centred on a transparent square, aspect kept: 96 wide, 48 tall.
        assert alpha_box is not None
        left, top, right, bottom = alpha_box
        assert (left, right) == (0, 96)
        assert abs(top - 24) <= 1 and abs(bottom - 72) <= 1
        assert picture.getpixel((48, 2))[3] == 0 and picture.getpixel((48, 93))[3] == 0
    else:
        assert alpha_box == (0, 0, 96, 96)
    if kind == "jpeg-exif":
        assert picture.getpixel((48, 10))[:3] == pytest.approx(ACCENT_COLOR, abs=24)
        assert picture.getpixel((48, 85))[:3] == pytest.approx(LOGO_COLOR, abs=24)
    elif kind != "wide-png" and kind != "wide-svg":
        # The logo's blue field in the corner, the amber disc around the centre (an animated
        # GIF's red second frame would fail this: only the first frame is used).
        assert picture.getpixel((2, 2))[:3] == pytest.approx(LOGO_COLOR, abs=24)
        assert picture.getpixel((30, 48))[:3] == pytest.approx(ACCENT_COLOR, abs=24)


def test_an_ico_source_below_its_format_maximum_warns(tmp_path: Path) -> None:
    small = encoded(raster_logo(600, 600), "ICO", sizes=[(128, 128), (32, 32)])
    site = Site(tmp_path).write(
        {"plugins": [plugin_entry(source="small.ico")]}, files={"small.ico": small}
    )
    result = site.build(strict=True, check=False)
    assert not result.ok
    assert "small.ico is only 128 px" in result.output
