"""The test logo set, drawn here as SVG text or with Pillow: nothing binary is committed.

Simple logos for the plugin's mechanics (a disc-and-bar mark, a badge, a flat square, plain PNGs)
and realistic ones for visibility (issue 9): real logos are not single rectangles, so these have
strokes without fill, round line caps, a shape coloured from a stylesheet class, a non-square
viewBox and anti-aliased edges, in the colours that break icons on real sites: white and light
grey vanish on a light tab, black and dark navy on a dark one, and a white logo is a flat square
on a white touch background.
"""

from __future__ import annotations

import io
from pathlib import Path

import resvg_py
from PIL import Image, ImageDraw

# The documentation site's own logo, which several tests build from.
DEMO_LOGO = Path(__file__).resolve().parent.parent / "demo_site" / "docs" / "assets" / "logo.svg"

# ---------------------------------------------------------------------------------------------
# Simple logos

LOGO_COLOR = (59, 91, 219)  # #3b5bdb
ACCENT_COLOR = (250, 176, 5)

# A blue rounded square with a white disc: a badge on a transparent margin.
BADGE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
    '<rect x="10" y="10" width="80" height="80" rx="16" fill="#3b5bdb"/>'
    '<circle cx="50" cy="50" r="22" fill="#ffffff"/></svg>'
)

# One blue rounded square and nothing else.
SQUARE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<rect x="8" y="8" width="48" height="48" rx="8" fill="#3b5bdb"/></svg>'
)


def svg_logo(width: int = 100, height: int = 100, color: str = "#3b5bdb") -> str:
    """A logo with a filled disc and a contrasting bar, `width`×`height` user units."""
    radius = min(width, height) / 2
    cx, cy = width / 2, height / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="{color}"/>'
        f'<circle cx="{cx}" cy="{cy}" r="{radius * 0.6}" fill="#fab005"/>'
        f'<rect x="{cx - radius * 0.15}" y="{cy - radius * 0.5}" width="{radius * 0.3}" '
        f'height="{radius}" fill="#ffffff"/>'
        "</svg>"
    )


def raster_logo(width: int = 600, height: int = 600, mode: str = "RGBA") -> Image.Image:
    """A raster logo that fills its canvas: a blue field, an amber disc and a white bar."""
    image = Image.new("RGBA", (width, height), (*LOGO_COLOR, 255))
    draw = ImageDraw.Draw(image)
    side = min(width, height)
    cx, cy, r = width / 2, height / 2, side * 0.3
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*ACCENT_COLOR, 255))
    draw.rectangle(
        (cx - side * 0.07, cy - side * 0.25, cx + side * 0.07, cy + side * 0.25), fill="white"
    )
    return image if mode == "RGBA" else image.convert(mode)


def encoded(image: Image.Image, fmt: str = "PNG", **params: object) -> bytes:
    """An image encoded in `fmt` (PNG unless told), with Pillow's save `params`."""
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def raster_bytes(fmt: str, width: int = 600, height: int = 600) -> bytes:
    """The raster logo encoded as PNG, JPEG, WEBP, GIF or ICO."""
    image = raster_logo(width, height)
    if fmt == "JPEG":
        return encoded(image.convert("RGB"), "JPEG", quality=92)
    if fmt == "GIF":
        second = Image.new("RGB", image.size, (255, 0, 0))  # animated: only frame one may be used
        return encoded(image.convert("RGB"), "GIF", save_all=True, append_images=[second])
    if fmt == "ICO":
        return encoded(image, "ICO", sizes=[(256, 256), (64, 64), (32, 32)])
    return encoded(image, fmt)


def png(
    size: int | tuple[int, int] = 512,
    color: tuple[int, ...] = (59, 91, 219, 255),
    mark: bool = True,
) -> bytes:
    """A PNG of one colour with, unless `mark` is false, a white disc in the middle: the least a
    logo is (one flat square gives invisible manifest icons, which the visibility rule reports)."""
    dimensions = (size, size) if isinstance(size, int) else size
    image = Image.new("RGBA", dimensions, color)
    radius = min(dimensions) / 4 if mark else 0
    centre_x, centre_y = dimensions[0] / 2, dimensions[1] / 2
    if mark:
        ImageDraw.Draw(image).ellipse(
            (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
            fill="white",
        )
    return encoded(image)


def disc_png(size: int = 512) -> bytes:
    """A red disc on a transparent square, as PNG."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse(
        (size // 16, size // 16, size - size // 16, size - size // 16), fill=(220, 60, 40, 255)
    )
    return encoded(image)


# ---------------------------------------------------------------------------------------------
# Realistic logos

# A page with text lines and a round badge: strokes, a fill, and a class from <style>.
_DOCUMENT = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 240">
<style>.badge{{fill:{colour}}}</style>
<rect x="14" y="14" width="150" height="212" rx="24" fill="none" stroke="{colour}" stroke-width="20"/>
<path d="M50 70h80M50 110h80M50 150h40" fill="none" stroke="{colour}" stroke-width="18" stroke-linecap="round"/>
<circle class="badge" cx="156" cy="186" r="40"/>
</svg>"""

# Two colours, like most brand marks: a ring and a bolt across it.
_TWO_COLOURS = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240">
<circle cx="120" cy="120" r="92" fill="none" stroke="{ring}" stroke-width="30"/>
<path d="M132 24 L70 132 H116 L100 216 L172 100 H124 Z" fill="{bolt}"/>
</svg>"""

# A logo on its own plate: a violet rounded square with the document drawn in white.
_ON_PLATE = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256">
<rect width="256" height="256" rx="56" fill="#5f3dc4"/>
<g transform="translate(48 32) scale(0.8)">
<rect x="14" y="14" width="150" height="212" rx="24" fill="none" stroke="#ffffff" stroke-width="20"/>
<path d="M50 70h80M50 110h80M50 150h40" stroke="#ffffff" stroke-width="18" stroke-linecap="round"/>
<circle cx="156" cy="186" r="40" fill="#ffffff"/>
</g></svg>"""

LOGOS: dict[str, str] = {
    "white": _DOCUMENT.format(colour="#ffffff"),
    "black": _DOCUMENT.format(colour="#000000"),
    "light-grey": _DOCUMENT.format(colour="#d9d9d9"),
    "dark-navy": _DOCUMENT.format(colour="#1b2a4a"),
    "coloured": _TWO_COLOURS.format(ring="#1971c2", bolt="#f59f00"),
    "dark-coloured": _TWO_COLOURS.format(ring="#1b2a4a", bolt="#862e2e"),
    "on-plate": _ON_PLATE,
}


def svg_text(name: str) -> str:
    return LOGOS[name]


def png_bytes(name: str, size: int = 1024) -> bytes:
    """The logo as a `size` px transparent PNG, as a designer would export it."""
    data = bytes(resvg_py.svg_to_bytes(svg_string=LOGOS[name], width=size, height=size))
    image = Image.open(io.BytesIO(data))
    image.load()
    return encoded(image.convert("RGBA"))
