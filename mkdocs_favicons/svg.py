"""SVG sources: loading (sanitized by `svg_sanitize`), squaring, the one-colour Safari mask
icon and the dark-mode merge.

`favicon.svg` is served from the site's own origin, so it is written only from the sanitizer's
allowlist; the PNG icons are drawn from the same tree plus any embedded raster images.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .errors import FaviconError
from .options import DARK_MODES
from .svg_sanitize import SVG_NS, XLINK_NS, check_depth, local_name, parse, sanitize

_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


@dataclass(frozen=True)
class Svg:
    """A sanitized SVG whose viewBox is square, artwork centred, aspect kept."""

    markup: str  # favicon.svg: loads nothing
    width: float  # the artwork's own viewBox size, before squaring
    height: float
    has_text: bool
    # What resvg draws for the PNG icons: `markup` plus the embedded rasters it left out.
    drawing: str = ""  # "" means the same as `markup`
    embedded_rasters: int = 0

    def __post_init__(self) -> None:
        if not self.drawing:
            object.__setattr__(self, "drawing", self.markup)


def _number(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) if match else None


def view_box(root: ET.Element, path: str) -> tuple[float, float, float, float]:
    """The root's viewBox (or width and height) as x, y, width, height; refused if unusable."""
    box = root.get("viewBox")
    if box:
        try:
            x, y, w, h = (float(part) for part in re.split(r"[\s,]+", box.strip()))
        except ValueError:
            raise FaviconError(
                f'viewBox="{box}" is not four numbers', path=path, fix="fix it"
            ) from None
    else:
        x = y = 0.0
        w, h = _number(root.get("width")) or 0.0, _number(root.get("height")) or 0.0
    if not (0 < w < math.inf and 0 < h < math.inf):  # also refuses nan
        raise FaviconError(
            "the SVG has no usable size",
            path=path,
            fix='add a viewBox such as viewBox="0 0 512 512"',
        )
    return x, y, w, h


def load(text: str, path: str) -> Svg:
    """Parse, sanitize and square an SVG source. Raises FaviconError on anything unusable."""
    root = parse(text, path)
    check_depth(root, path)
    x, y, w, h = view_box(root, path)
    # Only a source with <image> can differ between favicon.svg and what the PNGs draw.
    images = any(local_name(e.tag) == "image" for e in root.iter() if isinstance(e.tag, str))
    drawing = sanitize(ET.fromstring(ET.tostring(root)), keep_rasters=True) if images else None
    sanitized = sanitize(root)
    markup = _squared(sanitized.root, x, y, w, h)
    has_text = any(local_name(e.tag) in ("text", "textPath", "tspan") for e in root.iter())
    rasters = sanitized.embedded_rasters
    drawn = _squared(drawing.root, x, y, w, h) if drawing and rasters else ""
    return Svg(markup, w, h, has_text, drawn, rasters)


def _squared(root: ET.Element, x: float, y: float, w: float, h: float) -> str:
    """The markup with a square viewBox around the artwork, centred, and no fixed size."""
    side = max(w, h)
    root.set(
        "viewBox", " ".join(_fmt(v) for v in (x - (side - w) / 2, y - (side - h) / 2, side, side))
    )
    for attribute in ("width", "height", "preserveAspectRatio", "x", "y"):
        root.attrib.pop(attribute, None)
    return ET.tostring(root, encoding="unicode")


def _fmt(value: float) -> str:
    return f"{value:.6g}"


def silhouette(svg: Svg) -> str:
    """One-colour version for Safari's pinned tab: every painted shape becomes black."""
    root = ET.fromstring(svg.markup)
    for element in root.iter():
        for paint in ("fill", "stroke"):
            if element.get(paint) not in (None, "none", "transparent"):
                element.set(paint, "#000")
        style = element.get("style")
        if style:
            element.set("style", re.sub(r"(fill|stroke)\s*:\s*(?!none)[^;]+", r"\1:#000", style))
        if local_name(element.tag) == "style" and element.text:
            element.text = re.sub(r"(fill|stroke)\s*:\s*(?!none)[^;}]+", r"\1:#000", element.text)
    return ET.tostring(root, encoding="unicode")


# Dark mode: one favicon.svg that switches with the browser's colour scheme.
DARK_MEDIA = "@media (prefers-color-scheme: dark)"
LIGHT_CLASS, DARK_CLASS, INVERT_CLASS = "favicons-light", "favicons-dark", "favicons-invert"
# Inverts lightness and turns the hue back: black becomes white, a blue stays blue-ish.
INVERT_FILTER = "invert(1) hue-rotate(180deg)"
_CANVAS = 512  # the merged file's own viewBox; each artwork keeps its own inside it
_SELECTOR_NAME = re.compile(r"([.#])(-?[_a-zA-Z][\w-]*)")
_LOCAL_URL = re.compile(r"url\(\s*(['\"]?)#([^'\")\s]+)\1\s*\)")


def with_dark_mode(light: Svg, dark: Svg | None, mode: str = "") -> str:
    """The favicon.svg markup: `light`, switched to `dark` (or inverted) in dark browser themes.

    Each artwork is nested as its own <svg> inside a <g>, and its ids and classes are prefixed,
    so the two documents' ids and stylesheets cannot collide. Renderers without media queries
    (resvg, the PNG icons) see only the light artwork. Both inputs are sanitized; the only thing
    added is a constant stylesheet.
    """
    if dark is None and mode not in DARK_MODES:
        return light.markup
    root = ET.Element(f"{{{SVG_NS}}}svg", {"viewBox": f"0 0 {_CANVAS} {_CANVAS}"})
    style = ET.SubElement(root, f"{{{SVG_NS}}}style")
    if dark is not None:
        style.text = (
            f".{DARK_CLASS}{{display:none}}"
            f"{DARK_MEDIA}{{.{LIGHT_CLASS}{{display:none}}.{DARK_CLASS}{{display:inline}}}}"
        )
        root.append(_nested(light, "l-", LIGHT_CLASS))
        root.append(_nested(dark, "d-", DARK_CLASS))
    else:
        style.text = f"{DARK_MEDIA}{{.{INVERT_CLASS}{{filter:{INVERT_FILTER}}}}}"
        root.append(_nested(light, "l-", INVERT_CLASS))
    return ET.tostring(root, encoding="unicode")


def _nested(artwork: Svg, prefix: str, group_class: str) -> ET.Element:
    svg = ET.fromstring(artwork.markup)
    _scope(svg, prefix)
    svg.set("width", str(_CANVAS))
    svg.set("height", str(_CANVAS))
    group = ET.Element(f"{{{SVG_NS}}}g", {"class": group_class})
    group.append(svg)
    return group


def _scope(root: ET.Element, prefix: str) -> None:
    """Prefix every id and class, and the references to them, inside one artwork."""
    href = f"{{{XLINK_NS}}}href"
    for element in root.iter():
        if element.get("id"):
            element.set("id", prefix + element.get("id", ""))
        if element.get("class"):
            element.set("class", " ".join(prefix + c for c in element.get("class", "").split()))
        for attribute in ("href", href):
            value = element.get(attribute, "")
            if value.startswith("#"):
                element.set(attribute, "#" + prefix + value[1:])
        for attribute, value in list(element.attrib.items()):
            if "url(" in value:
                element.set(attribute, _LOCAL_URL.sub(rf"url(\1#{prefix}\2\1)", value))
        if local_name(element.tag) == "style" and element.text:
            element.text = _scope_css(element.text, prefix)


def _scope_css(css: str, prefix: str) -> str:
    """Prefix `.class` and `#id` in selectors only (a `#fff` in a declaration is a colour)."""
    pieces = re.split(r"([{};])", css)
    for index in range(0, len(pieces) - 1, 2):
        prelude = pieces[index]
        if pieces[index + 1] == "{" and not prelude.lstrip().startswith("@"):
            pieces[index] = _SELECTOR_NAME.sub(rf"\1{prefix}\2", prelude)
        else:
            pieces[index] = _LOCAL_URL.sub(rf"url(\1#{prefix}\2\1)", prelude)
    return "".join(pieces)
