"""Realistic logos for the visibility tests, drawn here as SVG text (and rendered to 1024 px PNGs).

Real logos are not single rectangles: these have strokes without fill, round line caps, a shape
coloured from a stylesheet class, a non-square viewBox and anti-aliased edges, in the colours
that break icons on real sites (issue 9): white and light grey vanish on a light tab, black and
dark navy on a dark one, and a white logo is a flat square on a white touch background.
"""

from __future__ import annotations

import io

import resvg_py
from PIL import Image

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
    buffer = io.BytesIO()
    image.convert("RGBA").save(buffer, "PNG")
    return buffer.getvalue()
