"""The allowlist sanitizer for `favicon.svg`: only what a favicon needs to draw survives.

`favicon.svg` is served from the site's own origin, so anything active in it is stored XSS, and
anything it references is a request on every page view. Instead of removing what is known to be
dangerous, this module keeps only the entries of three tables (`ELEMENTS`, `ATTRIBUTES`,
`CSS_PROPERTIES`), checks every value that CSS parses, and writes the result from the parsed
tree. A reference survives only as exactly `#id` (after the same stripping a URL parser does)
naming an element that is still there, so the output can fetch nothing, not even `data:` URIs.

The checker's `svg` rule runs the same code (`hazards`) on any site's SVG, so the two cannot
disagree about what is safe.
"""

from __future__ import annotations

import enum
import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import FaviconError

if TYPE_CHECKING:  # tinycss2 is imported on first need: most logos have no CSS to parse
    from tinycss2.ast import Node

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Namespaces whose elements a browser makes active (scripts, frames, links, forms).
ACTIVE_NAMESPACES = ("http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML")
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# resvg follows nesting, <use>, patterns, masks and markers recursively in native code and
# crashes the whole process past about 240 levels; real icons stay far below this.
MAX_DEPTH = 100


def _names(text: str) -> frozenset[str]:
    """A table written as words: easier to read and diff than a list of quoted strings."""
    return frozenset(text.split())


_FILTER_PRIMITIVES = _names(
    "feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting "
    "feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR "
    "feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight "
    "feSpecularLighting feSpotLight feTile feTurbulence"
)
# The drawing elements: shapes, structure, paint servers, clipping, masking, filters, text and
# animation. Everything else (script, foreignObject, image, a, view, cursor, font, ...) is dropped
# with its content; `<a>` alone is kept as the `<g>` it draws as.
ELEMENTS = (
    _names(
        """svg g defs symbol use switch path rect circle ellipse line polyline polygon
    text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker filter
    style animate animateTransform animateMotion mpath set"""
    )
    | _FILTER_PRIMITIVES
)
RENAMED = {"a": "g"}  # a link draws its content as a group would; the link itself goes
TEXT_ELEMENTS = frozenset({"text", "tspan", "textPath"})
# Elements whose href may name another element of the same document.
REFERENCING = _names("use textPath linearGradient radialGradient pattern filter feImage mpath")
ANIMATIONS = frozenset({"animate", "animateTransform", "animateMotion", "set"})
TRANSFORMS = frozenset({"transform", "gradientTransform", "patternTransform"})
# Dropped without complaint from the checker: they hold text for people, not behaviour.
INERT_ELEMENTS = frozenset({"metadata", "title", "desc"})

# CSS properties, usable as presentation attributes, in `style=""` and in `<style>`.
CSS_PROPERTIES = _names(
    """fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap
    stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset opacity color display
    visibility overflow stop-color stop-opacity flood-color flood-opacity lighting-color
    transform transform-origin transform-box filter clip-path clip-rule mask mask-type marker
    marker-start marker-mid marker-end paint-order vector-effect shape-rendering
    color-interpolation color-interpolation-filters image-rendering text-rendering
    mix-blend-mode isolation font font-family font-size font-weight font-style font-variant
    font-stretch letter-spacing word-spacing text-anchor dominant-baseline alignment-baseline
    baseline-shift text-decoration writing-mode direction unicode-bidi white-space"""
)
# Geometry and structure attributes; their values are never URLs, so they are kept as written.
ATTRIBUTES = _names(
    """id class style viewBox preserveAspectRatio x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width
    height d points pathLength offset gradientUnits gradientTransform spreadMethod patternUnits
    patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits filterUnits
    primitiveUnits markerUnits markerWidth markerHeight refX refY orient in in2 result
    stdDeviation edgeMode mode operator k1 k2 k3 k4 values type tableValues slope intercept
    amplitude exponent dx dy radius order kernelMatrix divisor bias targetX targetY
    preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent
    kernelUnitLength azimuth elevation pointsAtX pointsAtY pointsAtZ limitingConeAngle scale
    xChannelSelector yChannelSelector baseFrequency numOctaves seed stitchTiles textLength
    lengthAdjust rotate startOffset method spacing side version baseProfile role aria-label
    aria-hidden attributeName attributeType begin dur end min max restart repeatCount repeatDur
    calcMode keyTimes keySplines keyPoints from to by additive accumulate path"""
)
HREF_ATTRIBUTES = frozenset({"href", f"{{{XLINK_NS}}}href"})
XML_ATTRIBUTES = frozenset({f"{{{XML_NS}}}space", f"{{{XML_NS}}}lang"})
# Attribute values an animation sets: checked as values of the animated property.
ANIMATION_VALUES = ("from", "to", "by", "values")

# CSS functions a kept value may call: colours, transforms, filters and arithmetic.
CSS_FUNCTIONS = _names(
    """rgb rgba hsl hsla hwb lab lch oklab oklch color color-mix calc min max clamp matrix
    matrix3d translate translatex translatey translate3d scale scalex scaley scale3d rotate
    rotate3d skew skewx skewy perspective blur brightness contrast drop-shadow grayscale
    hue-rotate invert opacity saturate sepia"""
)
_MATH_FUNCTIONS = frozenset({"calc", "min", "max", "clamp"})
# Functions that load something. Only used to name the danger; anything unlisted goes anyway.
_FETCHING_FUNCTIONS = _names(
    "url src image image-set -webkit-image-set cross-fade -webkit-cross-fade element -moz-element"
)
_FETCHING_AT_RULES = frozenset({"import", "font-face"})
# Unlisted presentation attributes that take a URL: the checker names them as a danger.
_FETCHING_ATTRIBUTES = frozenset({"cursor", "src"})
COLOR_SCHEMES = ("dark", "light")
# Part of the icon cache's key, so a favicon.svg cached under another policy is never reused:
# the tables' digest changes with them; bump the number when the code's rules change.
POLICY = (
    "allowlist-1:"
    + hashlib.sha256(
        " ".join(sorted(ELEMENTS | ATTRIBUTES | CSS_PROPERTIES | CSS_FUNCTIONS)).encode()
    ).hexdigest()[:16]
)
_MEDIA = re.compile(r"\(\s*prefers-color-scheme\s*:\s*(dark|light)\s*\)")
# The URL parser strips C0 controls and space from both ends, and nothing else.
_URL_STRIP = "".join(chr(c) for c in range(0x21))
_ID = re.compile(r"[\w.:-]+")
# A value CSS cannot read as a function, URL, string or escape: kept without parsing.
_PLAIN_VALUE = re.compile(r"[#\w\s.,%+-]*", re.ASCII)
_RASTER_DATA = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.I)


class Hazard(enum.Enum):
    """Why something was left out of the sanitized SVG."""

    SCRIPT = "could run script"
    FETCH = "could load a file"
    UNLISTED = "not on the allowlist"
    INERT = "harmless, but not needed to draw"


@dataclass(frozen=True)
class Removal:
    """One thing the sanitizer left out, and why."""

    hazard: Hazard
    what: str


@dataclass(frozen=True)
class Sanitized:
    """The sanitized tree, and the embedded rasters it left out (kept only for drawing)."""

    root: ET.Element
    embedded_rasters: int


def local_name(tag: str) -> str:
    """`rect` for `{http://www.w3.org/2000/svg}rect`."""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    """`http://www.w3.org/2000/svg` for `{http://www.w3.org/2000/svg}rect`; "" for no namespace."""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


# ---- parsing --------------------------------------------------------------------------------
_DOCTYPE = re.compile(r"<!DOCTYPE\b(?:[^\[>]|\[[^\]]*\])*>", re.I)


def parse(text: str, path: str) -> ET.Element:
    """The SVG's element tree; entity declarations, bad XML and a non-SVG root are refused.

    Comments and processing instructions are not kept by the parser, and the DOCTYPE (whose DTD
    is never fetched) is removed before parsing.
    """
    doctype = _DOCTYPE.search(text)
    if doctype and "<!ENTITY" in doctype.group(0).upper():
        raise FaviconError(
            "the SVG declares XML entities in its DOCTYPE, which favicons refuses to expand",
            path=path,
            fix="remove the DOCTYPE and write the values out",
        )
    text = _DOCTYPE.sub("", text, count=1)
    if "<!ENTITY" in text.upper():
        raise FaviconError("the SVG declares XML entities", path=path, fix="remove them")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise FaviconError(
            f"not well-formed XML ({error})", path=path, fix="fix the file or export it again"
        ) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise FaviconError(
            f'the root element is not <svg xmlns="{SVG_NS}">',
            path=path,
            fix="export it as plain SVG",
        )
    return root


_LOCAL_REFERENCE = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)", re.I)


def depth(root: ET.Element) -> int:
    """How deep rendering goes: nesting plus the elements that references pull in.

    Stops counting past MAX_DEPTH, so neither this nor anything after it recurses too far.
    """
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    # A <style> reference may apply to any element.
    styled = [
        ids[name]
        for style in root.iter(f"{{{SVG_NS}}}style")
        for name in _LOCAL_REFERENCE.findall("".join(style.itertext()))
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


def check_depth(root: ET.Element, path: str) -> None:
    """Refuse an SVG that nests or references deeper than MAX_DEPTH."""
    if depth(root) > MAX_DEPTH:
        raise FaviconError(
            f"the SVG nests elements or references more than {MAX_DEPTH} levels deep",
            path=path,
            fix="flatten it (for example with svgo) or export a PNG",
        )


# ---- the sanitizer --------------------------------------------------------------------------
Report = Callable[[Hazard, str], None]


def sanitize(root: ET.Element, keep_rasters: bool = False) -> Sanitized:
    """Sanitize `root` in place: keep only the allowlist, with every reference a live `#id`.

    With `keep_rasters`, `<image>` elements holding an inline PNG, JPEG, GIF or WebP stay: that
    tree is for the renderer only (resvg draws them into the PNG icons, and fetches nothing);
    `favicon.svg` is always written without them.
    """
    return _Sanitizer(None, keep_rasters).run(root)


def hazards(root: ET.Element) -> list[Removal]:
    """Everything the sanitizer would leave out of a copy of `root`, and why."""
    found: list[Removal] = []
    _Sanitizer(lambda hazard, what: found.append(Removal(hazard, what)), False).run(_copy(root))
    return found


def _copy(element: ET.Element) -> ET.Element:
    clone = ET.Element(element.tag, dict(element.attrib))
    clone.text, clone.tail = element.text, element.tail
    clone.extend(_copy(child) for child in element)
    return clone


class _Sanitizer:
    """One pass over one tree: prune elements, learn the ids that remain, then clean every
    attribute and stylesheet against them. `report` (for the checker) hears every removal."""

    def __init__(self, report: Report | None, keep_rasters: bool) -> None:
        self.report = report
        self.keep_rasters = keep_rasters
        self.rasters = 0
        self.ids: set[str] = set()

    def note(self, hazard: Hazard, what: str) -> None:
        if self.report is not None:
            self.report(hazard, what)

    def run(self, root: ET.Element) -> Sanitized:
        self.prune(root, inside_text=False)
        self.ids = {value for e in root.iter() if (value := e.get("id")) and _ID.fullmatch(value)}
        for parent in root.iter():  # animation values may name ids: checked once ids are known
            for child in list(parent):
                if local_name(child.tag) in ANIMATIONS and not self.animation_values_allowed(child):
                    _remove(parent, child)
        for element in root.iter():
            self.clean_attributes(element)
            if local_name(element.tag) == "style":
                element.text = self.stylesheet(element.text or "") or None
        return Sanitized(root, self.rasters)

    # -- elements
    def element_verdict(self, element: ET.Element) -> tuple[str | None, Hazard, str]:
        """The kept local name (None to drop), and if dropped why."""
        tag = element.tag if isinstance(element.tag, str) else ""
        name, space = local_name(tag), namespace(tag)
        if not tag:
            return None, Hazard.INERT, "a comment or processing instruction"
        if space in ACTIVE_NAMESPACES:
            return None, Hazard.SCRIPT, f"<{name}> from {space}"
        if space != SVG_NS:
            return None, Hazard.INERT, f"<{name}> from {space or 'no namespace'}"
        if name in ELEMENTS:
            return name, Hazard.INERT, ""
        if name in RENAMED:
            return RENAMED[name], Hazard.INERT, ""
        if name == "image" and self.keep_rasters and self.raster_image(element):
            return name, Hazard.INERT, ""
        if name == "image" and self.raster_image(element):
            self.rasters += 1
            return None, Hazard.INERT, "<image> with an embedded raster"
        if name in INERT_ELEMENTS:
            return None, Hazard.INERT, f"<{name}>"
        if name in ("script", "handler", "listener", "foreignObject", "iframe"):
            return None, Hazard.SCRIPT, f"<{name}>"
        return None, Hazard.UNLISTED, f"<{name}>"

    @staticmethod
    def raster_image(element: ET.Element) -> bool:
        href = next((element.get(a) for a in HREF_ATTRIBUTES if element.get(a)), "")
        return bool(_RASTER_DATA.match((href or "").strip(_URL_STRIP)))

    def prune(self, element: ET.Element, inside_text: bool) -> None:
        name = local_name(element.tag)
        if name == "style":
            # The browser's stylesheet is all the direct text, around child elements too.
            element.text = "".join([element.text or "", *(child.tail or "" for child in element)])
            for child in list(element):
                kept, hazard, what = self.element_verdict(child)
                self.note(hazard, f"contains {what or f'<{kept}>'} inside <style>")
                child.tail = None
                element.remove(child)
                self.audit_dropped(child)
        elif name not in TEXT_ELEMENTS:
            element.text = None
        for child in list(element):
            kept, hazard, what = self.element_verdict(child)
            if kept is None or not self.animation_target_allowed(child):
                if kept is None:
                    self.note(hazard, f"contains {what}")
                _remove(element, child, keep_tail=inside_text or name in TEXT_ELEMENTS)
                self.audit_dropped(child)
                continue
            child.tag = f"{{{SVG_NS}}}{kept}"
            if not (inside_text or name in TEXT_ELEMENTS):
                child.tail = None
            self.prune(child, inside_text or name in TEXT_ELEMENTS)

    def audit_dropped(self, element: ET.Element) -> None:
        """For the checker: what a dropped subtree holds still counts (a script is a script)."""
        if self.report is not None:
            self.prune(element, inside_text=False)

    def animation_target_allowed(self, element: ET.Element) -> bool:
        """An animation stays only if it animates an allowed property (its values come later)."""
        name = local_name(element.tag) if isinstance(element.tag, str) else ""
        if name not in ANIMATIONS or name == "animateMotion":
            return True
        target = element.get("attributeName", "")
        if target in CSS_PROPERTIES or name == "animateTransform" and target in TRANSFORMS:
            return True
        bare = target.strip().split(":")[-1].lower()
        hazard = Hazard.FETCH if bare == "href" else Hazard.INERT
        hazard = Hazard.SCRIPT if bare.startswith("on") else hazard
        self.note(hazard, f'contains <{name} attributeName="{target}">')
        return False

    def animation_values_allowed(self, element: ET.Element) -> bool:
        """The values an animation sets pass the same check as the property's own values, and
        are written back as re-serialized."""
        name, target = local_name(element.tag), element.get("attributeName", "")
        for attribute in ANIMATION_VALUES:
            value = element.get(attribute)
            if value is None:
                continue
            parts = value.split(";") if attribute == "values" else [value]
            kept = [self.css_value(part, target) for part in parts]
            if None in kept:
                self.note(Hazard.FETCH, f"<{name}> sets {target} to {value[:60]!r}")
                return False
            element.set(attribute, ";".join(part or "" for part in kept))
        return True

    # -- attributes
    def clean_attributes(self, element: ET.Element) -> None:
        name = local_name(element.tag)
        for attribute, value in list(element.attrib.items()):
            kept = self.attribute_value(name, attribute, value)
            if kept is None:
                del element.attrib[attribute]
            elif kept != value:
                element.set(attribute, kept)

    def attribute_value(self, element: str, attribute: str, value: str) -> str | None:
        """The value to write, or None to drop the attribute (noting why)."""
        local = local_name(attribute)
        if attribute in HREF_ATTRIBUTES:
            if element == "image" and _RASTER_DATA.match(value.strip(_URL_STRIP)):
                return value.strip(_URL_STRIP)  # only in the renderer's tree (keep_rasters)
            if element in REFERENCING and (reference := self.reference(value)):
                return reference
            hazard = Hazard.INERT if _RASTER_DATA.match(value.strip(_URL_STRIP)) else Hazard.FETCH
            self.note(hazard, f"<{element}> references {value[:60]!r}")
            return None
        if local.lower().startswith("on"):
            self.note(Hazard.SCRIPT, f"has an event handler {local}= on <{element}>")
            return None
        if namespace(attribute) == "" and attribute == "style":
            return self.declarations(value, f"style= on <{element}>")
        if namespace(attribute) == "" and attribute in CSS_PROPERTIES:
            if element in ANIMATIONS and attribute == "fill":  # `fill="freeze"`, not paint
                return value if value.strip() in ("freeze", "remove") else None
            kept = self.css_value(value, attribute)
            if kept is None:
                self.note(Hazard.FETCH, f"{attribute}={value[:60]!r} on <{element}>")
            return kept
        if (namespace(attribute) == "" and attribute in ATTRIBUTES) or attribute in XML_ATTRIBUTES:
            return value
        hazard = Hazard.FETCH if local in _FETCHING_ATTRIBUTES else Hazard.INERT
        self.note(hazard, f"has {local}= on <{element}>")
        return None

    def reference(self, value: str) -> str | None:
        """`#id` if `value` is exactly a reference to a kept element, after URL stripping."""
        stripped = value.strip(_URL_STRIP)
        if stripped.startswith("#") and stripped[1:] in self.ids:
            return stripped
        return None

    # -- CSS
    def css_value(self, value: str, property_name: str = "") -> str | None:
        """The value re-serialized from allowed tokens, or None if any token is not allowed."""
        if _PLAIN_VALUE.fullmatch(value):
            return value
        import tinycss2

        tokens = tinycss2.parse_component_value_list(value, skip_comments=False)
        kept = self.tokens(tokens, property_name)
        return None if kept is None else tinycss2.serialize(kept).strip()

    def tokens(
        self, tokens: Iterable[Node], property_name: str, math: bool = False
    ) -> list[Node] | None:
        """The tokens of a value if every one is allowed, else None. `math`: inside calc()."""
        from tinycss2 import ast

        kept: list[Node] = []
        for token in tokens:
            if isinstance(token, ast.Comment):  # separates tokens, like a space
                kept.append(ast.WhitespaceToken(token.source_line, token.source_column, " "))
            elif isinstance(token, (ast.URLToken, ast.FunctionBlock)) and _is_url(token):
                reference = self.reference(_url_text(token))
                if reference is None:
                    return None
                kept.append(
                    ast.URLToken(
                        token.source_line, token.source_column, reference, f"url({reference})"
                    )
                )
            elif isinstance(token, ast.FunctionBlock):
                inner_math = token.lower_name in _MATH_FUNCTIONS
                arguments = self.tokens(token.arguments, property_name, inner_math)
                if token.lower_name not in CSS_FUNCTIONS or arguments is None:
                    return None
                kept.append(
                    ast.FunctionBlock(token.source_line, token.source_column, token.name, arguments)
                )
            elif _plain_token(token, property_name):
                kept.append(token)
            elif isinstance(token, ast.ParenthesesBlock) and math:  # calc((1 + 2) * 3)
                inner = self.tokens(token.content, property_name, math)
                if inner is None:
                    return None
                kept.append(ast.ParenthesesBlock(token.source_line, token.source_column, inner))
            else:
                return None
        return kept

    def declarations(self, css: str, where: str) -> str | None:
        """`style=""` or a rule's body: only allowed properties with allowed values."""
        import tinycss2

        nodes = tinycss2.parse_blocks_contents(css, skip_comments=False, skip_whitespace=True)
        kept = self.kept_declarations(nodes, where)
        return ";".join(kept) or None

    def kept_declarations(self, nodes: Iterable[Node], where: str) -> list[str]:
        from tinycss2 import ast

        kept: list[str] = []
        for node in nodes:
            if isinstance(node, ast.Comment):
                continue
            if not isinstance(node, ast.Declaration):
                self.note(_css_hazard(node), f"a nested rule or error in {where}")
                continue
            name = node.lower_name
            value = self.tokens(node.value, name) if name in CSS_PROPERTIES else None
            if value is None:
                self.note(_css_hazard(node), f"{name}: in {where}")
                continue
            import tinycss2

            text = tinycss2.serialize(value).strip()
            if text:
                kept.append(f"{name}:{text}{'!important' if node.important else ''}")
        return kept

    def stylesheet(self, css: str) -> str:
        """A `<style>` sheet rebuilt from its allowed rules, and colour-scheme media blocks."""
        import tinycss2

        rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True)
        return "".join(self.rules(rules, nested=False))

    def rules(self, rules: Iterable[Node], nested: bool) -> Iterator[str]:
        import tinycss2
        from tinycss2 import ast

        for rule in rules:
            if isinstance(rule, ast.Comment):
                continue
            if isinstance(rule, ast.AtRule) and rule.lower_at_keyword == "media" and not nested:
                query = tinycss2.serialize(rule.prelude).strip().lower()
                inner = tinycss2.parse_rule_list(rule.content or [], False, True)
                body = "".join(self.rules(inner, nested=True))
                scheme = _MEDIA.fullmatch(query)
                if scheme:
                    if body:
                        yield f"@media (prefers-color-scheme: {scheme.group(1)}){{{body}}}"
                    continue
            if not isinstance(rule, ast.QualifiedRule):
                at_rule = f"@{rule.lower_at_keyword}" if isinstance(rule, ast.AtRule) else ""
                self.note(_css_hazard(rule), f"{at_rule or 'a CSS parse error'} in <style>")
                continue
            selector = _selector(rule.prelude)
            if selector is None:
                selector_text = tinycss2.serialize(rule.prelude).strip()[:60]
                self.note(_css_hazard(rule), f"the selector {selector_text!r} in <style>")
                continue
            nodes = tinycss2.parse_blocks_contents(rule.content, False, True)
            body = ";".join(self.kept_declarations(nodes, f"<style> {selector}"))
            if body:
                yield f"{selector}{{{body}}}"


_PLAIN_TOKENS = {
    "WhitespaceToken", "IdentToken", "NumberToken", "PercentageToken", "DimensionToken", "HashToken",
}  # fmt: skip


def _plain_token(token: Any, property_name: str) -> bool:
    """Tokens that cannot load anything: words, numbers, colours, separators, font names."""
    kind = type(token).__name__
    if kind == "StringToken":
        return property_name in ("font-family", "font")
    if kind == "LiteralToken":
        return token.value in (",", "/", "-", "+", "*")
    return kind in _PLAIN_TOKENS


def _remove(parent: ET.Element, child: ET.Element, keep_tail: bool | None = None) -> None:
    """Remove `child`; inside text, its tail text stays where it was (after the previous
    sibling, or at the start of the parent's text)."""
    if keep_tail is None:
        keep_tail = local_name(parent.tag) in TEXT_ELEMENTS
    index = list(parent).index(child)
    parent.remove(child)
    if keep_tail and child.tail:
        if index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail


def _is_url(token: Any) -> bool:
    return type(token).__name__ == "URLToken" or token.lower_name == "url"


def _url_text(token: Any) -> str:
    """The URL a `url(...)` holds, quoted or not; "" if it is not one plain string."""
    if type(token).__name__ == "URLToken":
        return str(token.value)
    strings = [t for t in token.arguments if type(t).__name__ not in ("WhitespaceToken", "Comment")]
    return (
        strings[0].value if len(strings) == 1 and type(strings[0]).__name__ == "StringToken" else ""
    )


_SELECTOR_TOKENS = {"IdentToken", "HashToken", "WhitespaceToken"}


def _selector(prelude: list[Any]) -> str | None:
    """Type, class, id and `*` selectors with descendant and child combinators, or None."""
    import tinycss2

    previous = ""
    for token in prelude:
        kind = type(token).__name__
        if kind == "LiteralToken" and token.value in (".", "*", ">", ","):
            previous = token.value
            continue
        if kind not in _SELECTOR_TOKENS or kind == "HashToken" and not token.is_identifier:
            return None
        if previous == "." and kind != "IdentToken":
            return None
        previous = kind
    text = " ".join(tinycss2.serialize(prelude).split())
    return text or None


def _css_hazard(node: Any) -> Hazard:
    """FETCH if anything in `node` could load a file, else UNLISTED/INERT."""
    if type(node).__name__ == "AtRule" and node.lower_at_keyword in _FETCHING_AT_RULES:
        return Hazard.FETCH
    return Hazard.FETCH if any(_fetches(t) for t in _children(node)) else Hazard.INERT


def _children(node: Any) -> Iterator[Any]:
    for attribute in ("prelude", "content", "value", "arguments"):
        value = getattr(node, attribute, None)
        if isinstance(value, list):
            yield from value


def _fetches(token: Any) -> bool:
    kind = type(token).__name__
    if kind == "URLToken" or kind == "FunctionBlock" and token.lower_name in _FETCHING_FUNCTIONS:
        return True
    if kind == "AtRule" and token.lower_at_keyword in _FETCHING_AT_RULES:
        return True
    return any(_fetches(child) for child in _children(token))


def allowlist_markdown() -> str:
    """The allowlist as Markdown, for the "Errors and safety" page (a test keeps them equal)."""

    def words(names: Iterable[str]) -> str:
        return ", ".join(f"`{name}`" for name in sorted(names, key=str.lower))

    renamed = ", ".join(f"`{old}` becomes `{new}`" for old, new in RENAMED.items())
    return "\n".join(
        [
            f"- **Elements** ({len(ELEMENTS)}): {words(ELEMENTS)}. Renamed: {renamed}.",
            f"- **Attributes** ({len(ATTRIBUTES)}), kept as written: {words(ATTRIBUTES)}, "
            "`xml:space`, `xml:lang`.",
            f"- **CSS properties** ({len(CSS_PROPERTIES)}), as presentation attributes, in "
            f"`style` and in `<style>`, with their values checked: {words(CSS_PROPERTIES)}.",
            f"- **CSS functions** in values: {words(CSS_FUNCTIONS)}, and `url(#id)`. Strings "
            "only in `font` and `font-family`.",
            "- **`<style>` rules:** selectors of type, class, id and `*`, joined by `,`, "
            "descendant and child (`>`) combinators; the only at-rules are "
            + " and ".join(f"`@media (prefers-color-scheme: {s})`" for s in COLOR_SCHEMES)
            + ", holding such rules.",
            f"- **`href`** (or `xlink:href`) only on {words(REFERENCING)}, and only as `#id`.",
            f"- **Animations** ({words(ANIMATIONS)}) only of an allowed CSS property (or, for "
            f"`animateTransform`, of {words(TRANSFORMS)}), to values that pass the same check.",
        ]
    )
