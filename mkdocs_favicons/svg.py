"""SVG handling: sanitizing for `favicon.svg`, squaring, and the one-colour Safari mask icon.

`favicon.svg` is served from the site's own origin, so anything active in it is stored XSS. Only
drawing survives: no scripts, event handlers, foreignObject, external or `file:` references, and
no DOCTYPE or entities (which are refused rather than expanded).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .errors import FaviconError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

_ACTIVE_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
_DROPPED_ELEMENTS = _ACTIVE_ELEMENTS | {"metadata", "title", "desc"}
_ANIMATIONS = {"set", "animate", "animateTransform", "animateMotion", "animateColor"}
_DOCTYPE = re.compile(r"<!DOCTYPE\b(?:[^\[>]|\[[^\]]*\])*>", re.I)
_URL_FUNCTION = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_IMPORT = re.compile(r"@import\b[^;]*;?", re.I)
# Other CSS functions that take a URL (in strings): a browser opening favicon.svg fetches them.
_URL_STRING_FUNCTION = re.compile(
    r"\b((?:-webkit-)?image-set|src)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", re.I
)
# Escapes such as `u\72l(` or `@\69mport` spell a URL function or @import the regexes miss.
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|([^\n0-9a-fA-F]))")
_UNCLOSED_URL = re.compile(r"url\([^)]*\Z", re.I)
_CSS_RISK = re.compile(r"url\(|@import|image-set\s*\(|\bsrc\s*\(|\\", re.I)
_LOCAL_REFERENCE = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)", re.I)
# resvg follows nesting, <use>, patterns, masks and markers recursively in native code and
# crashes the whole process past about 240 levels; real icons stay far below this.
MAX_DEPTH = 100
_SAFE_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);", re.I)
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


@dataclass(frozen=True)
class Svg:
    """A sanitized SVG whose viewBox is square, artwork centred, aspect kept."""

    markup: str
    width: float  # the artwork's own viewBox size, before squaring
    height: float
    has_text: bool


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _safe_reference(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or bool(_SAFE_DATA_IMAGE.match(value))


def _clean_css(text: str) -> str:
    """Drop @import and any url() that is not a same-document reference or an inline raster."""
    text = _CSS_ESCAPE.sub(_unescape_css, text)
    text = _IMPORT.sub("", text)
    text = _URL_STRING_FUNCTION.sub("none", text)
    text = _URL_FUNCTION.sub(lambda m: m.group(0) if _safe_reference(m.group(2)) else "none", text)
    return _UNCLOSED_URL.sub("none", text)  # CSS closes a url( left open at the end


def _unescape_css(match: re.Match[str]) -> str:
    """Spell an escaped letter or digit out, so the checks see the real word; drop the rest."""
    if match.group(1):
        code = int(match.group(1), 16)
        character = chr(code) if 0 < code < 0x110000 else ""
    else:
        character = match.group(2)
    return character if character.isascii() and character.isalnum() else ""


def _sanitize_element(element: ET.Element) -> None:
    for child in list(element):
        tag = child.tag if isinstance(child.tag, str) else ""
        name = _local(tag)
        foreign = _namespace(tag) not in ("", SVG_NS)
        animates_link = name in _ANIMATIONS and (
            child.get("attributeName", "").split(":")[-1] == "href"
            or child.get("attributeName", "").lower().startswith("on")
        )
        if not tag or foreign or name in _DROPPED_ELEMENTS or animates_link:
            element.remove(child)
            continue
        _sanitize_element(child)
    for attribute in list(element.attrib):
        local = _local(attribute)
        value = element.attrib[attribute]
        namespace = _namespace(attribute)
        if (
            namespace not in ("", XLINK_NS)
            or local.lower().startswith("on")
            or local == "href"
            and not _safe_reference(value)
        ):
            del element.attrib[attribute]
        elif _CSS_RISK.search(value):
            element.attrib[attribute] = _clean_css(value)
    if _local(element.tag) == "style" and element.text:
        element.text = _clean_css(element.text)


def _parse(text: str, path: str) -> ET.Element:
    doctype = _DOCTYPE.search(text)
    if doctype and "<!ENTITY" in doctype.group(0).upper():
        raise FaviconError(
            f"{path}: the SVG declares XML entities in its DOCTYPE, which favicons refuses to "
            "expand; remove the DOCTYPE and write the values out"
        )
    text = _DOCTYPE.sub("", text, count=1)
    if "<!ENTITY" in text.upper():
        raise FaviconError(f"{path}: the SVG declares XML entities; remove them")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise FaviconError(
            f"{path}: not well-formed XML ({error}); fix the file or export it again"
        ) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise FaviconError(
            f'{path}: the root element is not <svg xmlns="{SVG_NS}">; export it as plain SVG'
        )
    return root


def _number(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) if match else None


def _view_box(root: ET.Element, path: str) -> tuple[float, float, float, float]:
    box = root.get("viewBox")
    if box:
        try:
            x, y, w, h = (float(part) for part in re.split(r"[\s,]+", box.strip()))
        except ValueError:
            raise FaviconError(f'{path}: viewBox="{box}" is not four numbers; fix it') from None
    else:
        x = y = 0.0
        w, h = _number(root.get("width")) or 0.0, _number(root.get("height")) or 0.0
    if not (0 < w < math.inf and 0 < h < math.inf):  # also refuses nan
        raise FaviconError(
            f'{path}: the SVG has no usable size; add a viewBox such as viewBox="0 0 512 512"'
        )
    return x, y, w, h


def _depth(root: ET.Element) -> int:
    """How deep rendering goes: nesting plus the elements that references pull in.

    Stops counting past MAX_DEPTH, so neither this nor anything after it recurses too far.
    """
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    # A <style> reference may apply to any element.
    styled = [
        ids[name]
        for style in root.iter(f"{{{SVG_NS}}}style")
        for name in _LOCAL_REFERENCE.findall(style.text or "")
        if name in ids
    ]
    heights: dict[int, int] = {}

    def height(element: ET.Element, level: int) -> int:
        if level > MAX_DEPTH:
            return level
        if id(element) in heights:
            return heights[id(element)]
        heights[id(element)] = 0  # a loop back to an element being measured adds nothing
        below = [*element, *styled]
        for value in element.attrib.values():
            names = _LOCAL_REFERENCE.findall(value) if "#" in value else ()
            href = value.strip()[1:] if value.strip().startswith("#") else None
            below += [ids[name] for name in (*names, href) if name in ids]
        deepest = 0
        for child in below:
            deepest = max(deepest, height(child, level + 1))
            if level + deepest > MAX_DEPTH:
                break
        heights[id(element)] = 1 + deepest
        return 1 + deepest

    return height(root, 0)


def load(text: str, path: str) -> Svg:
    """Parse, sanitize and square an SVG source. Raises FaviconError on anything unusable."""
    root = _parse(text, path)
    if _depth(root) > MAX_DEPTH:
        raise FaviconError(
            f"{path}: the SVG nests elements or references more than {MAX_DEPTH} levels deep; "
            "flatten it (for example with svgo) or export a PNG"
        )
    _sanitize_element(root)
    x, y, w, h = _view_box(root, path)
    side = max(w, h)
    root.set(
        "viewBox", " ".join(_fmt(v) for v in (x - (side - w) / 2, y - (side - h) / 2, side, side))
    )
    for attribute in ("width", "height", "preserveAspectRatio", "x", "y"):
        root.attrib.pop(attribute, None)
    markup = ET.tostring(root, encoding="unicode")
    has_text = any(_local(e.tag) in ("text", "textPath", "tspan") for e in root.iter())
    return Svg(markup, w, h, has_text)


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
        if _local(element.tag) == "style" and element.text:
            element.text = re.sub(r"(fill|stroke)\s*:\s*(?!none)[^;}]+", r"\1:#000", element.text)
    return ET.tostring(root, encoding="unicode")


# Dark mode: one favicon.svg that switches with the browser's colour scheme.
DARK_MEDIA = "@media (prefers-color-scheme: dark)"
DARK_MODES = ("invert",)
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
        if _local(element.tag) == "style" and element.text:
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
