"""What people see: contrast measures, and the choices that keep every icon visible.

Contrast is WCAG's: relative luminance of sRGB colours, ratio (L1 + 0.05) / (L2 + 0.05), 3:1 for
graphics. An icon's artwork "reaches" a contrast when at least `ARTWORK_SHARE` of its painted
area does, so a white logo with a thick dark outline is visible on white while a pale logo with
a few dark specks is not. The same measure serves generation (choosing backgrounds, variants and
halos) and the checker (judging any site's files), so the two cannot disagree.

Pillow is imported inside the functions: the plugin imports this module at startup.
"""

from __future__ import annotations

import colorsys
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from . import svg as svg_module
from .options import WHITE
from .svg_sanitize import SVG_NS

if TYPE_CHECKING:
    from PIL.Image import Image

RGB = tuple[int, int, int]

MIN_CONTRAST = 3.0  # WCAG 2.x, non-text contrast (SC 1.4.11)
ARTWORK_SHARE = 0.1  # the part of the painted area that must reach MIN_CONTRAST
ALPHA_PAINTED = 8  # alpha at or below this is not artwork
FLAT_TOLERANCE = 10  # channel difference from the background that counts as artwork
MEASURE_SIZE = 64  # artwork is judged at this size: tab icons are 16-32 px, 64 keeps detail
DARK_NEUTRAL = "#202124"  # the touch background of last resort, and the dark halo and plate
LIGHT_PLATE = "#f1f3f4"  # the light plate behind a dark multi-colour SVG in dark tabs
PLATE_INSET = 0.1  # the artwork's margin on a plate, per side
PLATE_RADIUS = 0.22  # the plate's corner radius, as a fraction of its side
HALO_DIVISOR = 32  # the halo is size / 32 px wide: 1 px at 16 and 32 px, 2 at 48, 3 at 96
MONOCHROME_SPREAD = 24  # channel range of painted pixels that still counts as one colour
LIGHTNESS_STEP = 0.05  # how far a turned-over colour moves per try (HLS lightness)


class Scheme(str, Enum):
    """A browser colour scheme, as `prefers-color-scheme` names it."""

    LIGHT = "light"
    DARK = "dark"


# Chromium's active tab: white in light mode, dark grey in dark mode (BRIEF §7).
TAB_COLOURS: dict[Scheme, str] = {Scheme.LIGHT: "#ffffff", Scheme.DARK: "#35363a"}


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


_LINEAR = [_linear(channel) for channel in range(256)]


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    r, g, b = rgb
    return 0.2126 * _LINEAR[r] + 0.7152 * _LINEAR[g] + 0.0722 * _LINEAR[b]


def ratio(first: float, second: float) -> float:
    """WCAG contrast ratio of two luminances, 1 to 21."""
    light, dark = max(first, second), min(first, second)
    return (light + 0.05) / (dark + 0.05)


def contrast(first: RGB, second: RGB) -> float:
    """WCAG contrast ratio of two sRGB colours, 1 to 21."""
    return ratio(luminance(first), luminance(second))


def rgb(colour: str) -> RGB:
    """A CSS colour as (r, g, b); alpha is ignored."""
    text = colour.strip()
    if re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)
    from PIL import ImageColor

    value = ImageColor.getrgb(text)
    return value[0], value[1], value[2]


def hex_colour(value: RGB) -> str:
    """(r, g, b) as `#rrggbb`."""
    return "#{:02x}{:02x}{:02x}".format(*value)


def _quantile(weighted: list[tuple[float, float]]) -> float | None:
    """The contrast that the most contrasting ARTWORK_SHARE of the weight reaches."""
    total = sum(weight for _, weight in weighted)
    if total <= 0:
        return None
    ordered = sorted(weighted, reverse=True)
    reached = 0.0
    for value, weight in ordered:
        reached += weight
        if reached >= ARTWORK_SHARE * total:
            return value
    return ordered[-1][0]  # the lowest, when rounding kept the sum just short


def colours(image: Image, mode: str = "RGBA") -> list[tuple[int, tuple[int, ...]]]:
    """Each distinct colour of an image in `mode`, with its pixel count."""
    converted = image if image.mode == mode else image.convert(mode)
    found = converted.getcolors(converted.width * converted.height) or []
    return [(count, tuple(colour)) for count, colour in found]  # type: ignore[arg-type]


def artwork_contrast(image: Image, background: RGB) -> float | None:
    """The contrast a transparent artwork reaches once drawn on `background`.

    Each pixel counts by its coverage (alpha) and is judged in the colour it takes on the
    background. None when nothing is painted.
    """
    back = luminance(background)
    weighted = []
    for count, (r, g, b, a) in colours(image):
        if a <= ALPHA_PAINTED:
            continue
        mixed: RGB = (
            round((r * a + background[0] * (255 - a)) / 255),
            round((g * a + background[1] * (255 - a)) / 255),
            round((b * a + background[2] * (255 - a)) / 255),
        )
        weighted.append((ratio(luminance(mixed), back), count * a / 255))
    return _quantile(weighted)


def border_colour(image: Image) -> RGB:
    """The most common colour of the outermost pixel ring: an opaque icon's background."""
    rgb_image = image.convert("RGB")
    width, height = rgb_image.size
    counts: dict[RGB, int] = {}
    edges = ((0, 0, width, 1), (0, height - 1, width, height), (0, 0, 1, height))
    for box in (*edges, (width - 1, 0, width, height)):  # corners count twice: no matter
        for count, (r, g, b) in colours(rgb_image.crop(box), "RGB"):
            counts[r, g, b] = counts.get((r, g, b), 0) + count
    return max(counts, key=lambda key: counts[key])


def flat_contrast(image: Image) -> tuple[RGB, float | None]:
    """An opaque icon's background and the contrast its artwork reaches on it.

    The artwork is every pixel that differs from the border colour; None when none does (the
    icon is one flat colour).
    """
    background = border_colour(image)
    back = luminance(background)
    weighted = [
        (ratio(luminance((r, g, b)), back), float(count))
        for count, (r, g, b) in colours(image, "RGB")
        if max(abs(r - background[0]), abs(g - background[1]), abs(b - background[2]))
        > FLAT_TOLERANCE
    ]
    return background, _quantile(weighted)


def is_fully_transparent(image: Image) -> bool:
    """Every pixel has alpha 0: an icon that shows nothing."""
    return image.mode == "RGBA" and image.getchannel("A").getextrema()[1] == 0


def is_one_colour(image: Image) -> bool:
    """Every pixel the same colour (transparent pixels count as their own colour)."""
    return len(image.convert("RGBA").getcolors(2) or [None, None]) == 1


def tab_contrasts(image: Image) -> dict[Scheme, float | None]:
    """The contrast a transparent tab icon reaches on the light and on the dark tab."""
    return {scheme: artwork_contrast(image, rgb(colour)) for scheme, colour in TAB_COLOURS.items()}


def vanishing(contrasts: dict[Scheme, float | None]) -> Scheme | None:
    """The scheme in which the artwork falls furthest under MIN_CONTRAST; None: visible in both.

    Nothing painted at all is not a scheme problem, so it is not reported here.
    """
    low = {s: c for s, c in contrasts.items() if c is not None and c < MIN_CONTRAST}
    return min(low, key=lambda scheme: low[scheme]) if low else None


# ---- touch and maskable background -----------------------------------------------------------
@dataclass(frozen=True)
class Background:
    """The opaque background of the touch and maskable icons, and what it gives the artwork."""

    colour: str
    contrast: float
    note: str = ""  # a warning to log when the user's own colour is low contrast


def touch_background(art: Image, chosen: str, theme_color: Callable[[], str]) -> Background:
    """The user's `background_color` (`chosen`), or the first of white, the theme colour and a
    dark neutral on which the artwork reaches MIN_CONTRAST (the best of them when none does).

    `theme_color` is called only when white is not enough (deriving it costs a little).
    """
    if chosen:
        reached = artwork_contrast(art, rgb(chosen)) or 1.0
        note = ""
        if reached < MIN_CONTRAST:
            note = (
                f"background_color {chosen}: the artwork reaches only {reached:.1f}:1 on it in "
                f"the touch and maskable icons (at least {MIN_CONTRAST:g}:1 needed to see it); "
                "choose a colour that contrasts with the logo, or remove the option to let "
                "favicons choose"
            )
        return Background(chosen, reached, note)
    measured = []
    candidates: tuple[Callable[[], str], ...] = (lambda: WHITE, theme_color, lambda: DARK_NEUTRAL)
    for candidate in candidates:
        colour = candidate()
        reached = artwork_contrast(art, rgb(colour)) or 1.0
        if reached >= MIN_CONTRAST:
            return Background(colour, reached)
        measured.append((colour, reached))
    colour, reached = max(measured, key=lambda pair: pair[1])
    return Background(colour, reached)


# ---- raster tab icons: a halo only when needed -----------------------------------------------
def halo_colour(contrasts: dict[Scheme, float | None]) -> str:
    """The halo that makes a raster tab icon visible where it vanishes; "" when none is needed."""
    scheme = vanishing(contrasts)
    if scheme is None:
        return ""
    return WHITE if scheme is Scheme.DARK else DARK_NEUTRAL


def with_halo(art: Image, size: int, colour: str) -> Image:
    """`art` (drawn at size - 2 × halo width) centred, with a `colour` outline around it."""
    from PIL import Image as PILImage
    from PIL import ImageFilter

    width = max(1, round(size / HALO_DIVISOR))
    canvas = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    canvas.alpha_composite(art, (width, width))
    grown = canvas.getchannel("A").filter(ImageFilter.MaxFilter(2 * width + 1))
    halo = PILImage.new("RGBA", (size, size), (*rgb(colour), 0))
    halo.putalpha(grown)
    halo.alpha_composite(canvas)
    return halo


def halo_art_size(size: int) -> int:
    """The artwork's size inside a haloed icon of `size` px."""
    return size - 2 * max(1, round(size / HALO_DIVISOR))


# ---- favicon.svg: an automatic variant for the scheme it vanishes in -------------------------
def monochrome_colour(art: Image) -> RGB | None:
    """The one colour of an artwork's clearly painted pixels; None when it has several."""
    painted = [(r, g, b) for _, (r, g, b, a) in colours(art) if a >= 128]
    if not painted:
        return None
    channels = list(zip(*painted, strict=True))
    if max(max(channel) - min(channel) for channel in channels) > MONOCHROME_SPREAD:
        return None
    r, g, b = (round(sum(channel) / len(channel)) for channel in channels)
    return r, g, b


def inverted(colour: RGB, scheme: Scheme) -> str:
    """The colour with its lightness turned over, hue and saturation kept, so it shows on
    `scheme`'s tab: black becomes white, dark navy a light blue. A mid-light colour, which turning
    over barely changes, is moved further (lighter for dark tabs, darker for light ones) until it
    reaches MIN_CONTRAST; white or the dark neutral when no lightness of its hue does."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*(channel / 255 for channel in colour))
    tab = rgb(TAB_COLOURS[scheme])
    step = LIGHTNESS_STEP if scheme is Scheme.DARK else -LIGHTNESS_STEP
    candidate = 1 - lightness
    while 0 <= candidate <= 1:
        turned = colorsys.hls_to_rgb(hue, candidate, saturation)
        result: RGB = (round(turned[0] * 255), round(turned[1] * 255), round(turned[2] * 255))
        if contrast(result, tab) >= MIN_CONTRAST:
            return hex_colour(result)
        candidate += step
    return WHITE if scheme is Scheme.DARK else DARK_NEUTRAL


_PAINT = re.compile(r"((?:^|[;{\s])(?:fill|stroke|stop-color|color)\s*:\s*)(?!none\b)([^;}!]+)")


def recoloured(artwork: svg_module.Svg, colour: str) -> svg_module.Svg:
    """Every painted fill and stroke of a sanitized SVG in one `colour`; unpainted stays so."""
    root = ET.fromstring(artwork.markup)
    root.set("fill", colour)  # what elements without their own fill inherit (black otherwise)
    root.set("color", colour)  # currentColor
    for element in root.iter():
        for paint in ("fill", "stroke", "stop-color", "color"):
            if element is not root and element.get(paint) not in (None, "none", "transparent"):
                element.set(paint, colour)
        style = element.get("style")
        if style:
            element.set("style", _PAINT.sub(rf"\g<1>{colour}", style))
        if element.tag == f"{{{SVG_NS}}}style" and element.text:
            element.text = _PAINT.sub(rf"\g<1>{colour}", element.text)
    return svg_module.Svg(
        ET.tostring(root, encoding="unicode"), artwork.width, artwork.height, artwork.has_text
    )


def on_plate(artwork: svg_module.Svg, colour: str) -> svg_module.Svg:
    """The artwork inset on a rounded square plate of `colour`."""
    root = ET.fromstring(artwork.markup)
    x, y, side, _ = (
        float(part) for part in root.get("viewBox", "0 0 1 1").replace(",", " ").split()
    )
    inset = side * PLATE_INSET
    plate = ET.Element(f"{{{SVG_NS}}}svg", {"viewBox": root.get("viewBox", "")})
    ET.SubElement(
        plate,
        f"{{{SVG_NS}}}rect",
        {
            "x": f"{x:g}",
            "y": f"{y:g}",
            "width": f"{side:g}",
            "height": f"{side:g}",
            "rx": f"{side * PLATE_RADIUS:g}",
            "fill": colour,
        },
    )
    root.set("x", f"{x + inset:g}")
    root.set("y", f"{y + inset:g}")
    root.set("width", f"{side - 2 * inset:g}")
    root.set("height", f"{side - 2 * inset:g}")
    plate.append(root)
    return svg_module.Svg(
        ET.tostring(plate, encoding="unicode"), artwork.width, artwork.height, artwork.has_text
    )


def render_svg(markup: str, size: int, scheme: Scheme | None = None) -> Image:
    """An SVG drawn by resvg; with `scheme`, its `prefers-color-scheme` rules applied first."""
    import resvg_py
    from PIL import Image as PILImage

    if scheme is not None:
        markup = for_scheme(markup, scheme)
    png = resvg_py.svg_to_bytes(
        svg_string=markup,
        width=size,
        height=size,
        skip_system_fonts="<text" not in markup and ":text" not in markup,  # fonts: ~100 ms
    )
    image = PILImage.open(io.BytesIO(bytes(png)))
    image.load()
    return image.convert("RGBA")


_MEDIA = re.compile(r"@media\s*([^{;]*)\{", re.I)
_SCHEME_QUERY = re.compile(r"prefers-color-scheme\s*:\s*(light|dark)", re.I)


def for_scheme(markup: str, scheme: Scheme) -> str:
    """The SVG as a browser in `scheme` applies it, for renderers without media queries.

    Each `@media (prefers-color-scheme: …)` block is unwrapped when it matches and dropped when
    it does not; other at-rules stay as they are.
    """
    pieces, position = [], 0
    for match in _MEDIA.finditer(markup):
        if match.start() < position:
            continue  # inside a block already handled
        query = _SCHEME_QUERY.search(match.group(1))
        if query is None:
            continue
        end = _block_end(markup, match.end())
        inner = markup[match.end() : end - 1]
        negated = re.search(r"\bnot\b", match.group(1), re.I) is not None
        applies = (query.group(1).lower() == scheme.value) != negated
        pieces.append(markup[position : match.start()])
        pieces.append(inner if applies else "")
        position = end
    pieces.append(markup[position:])
    return "".join(pieces)


def _block_end(text: str, start: int) -> int:
    """The index after the `}` that closes the block opened just before `start`."""
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


@dataclass(frozen=True)
class SchemeVariant:
    """favicon.svg's two artworks: `default` (no media query matches), `dark` in dark themes."""

    default: svg_module.Svg
    dark: svg_module.Svg
    how: str  # "inverted" or "plate", for messages and the docs


def scheme_variant(
    artwork: svg_module.Svg, art: Image, contrasts: dict[Scheme, float | None]
) -> SchemeVariant | None:
    """The automatic variant for the scheme an SVG artwork vanishes in; None when it shows in
    both. A monochrome logo gets its colour turned over; a multi-colour one a contrasting plate.
    The variant is rendered and measured; the plate is used when turning colours is not enough.

    `art` is the artwork drawn at MEASURE_SIZE and `contrasts` its `tab_contrasts`.
    """
    scheme = vanishing(contrasts)
    if scheme is None:
        return None
    tab = rgb(TAB_COLOURS[scheme])
    colour = monochrome_colour(art)
    variant, how = None, "plate"
    if colour is not None:
        candidate = recoloured(artwork, inverted(colour, scheme))
        reached = artwork_contrast(render_svg(candidate.markup, MEASURE_SIZE), tab) or 1.0
        if reached >= MIN_CONTRAST:
            variant, how = candidate, "inverted"
    if variant is None:
        variant = on_plate(artwork, LIGHT_PLATE if scheme is Scheme.DARK else DARK_NEUTRAL)
    if scheme is Scheme.DARK:
        return SchemeVariant(artwork, variant, how)
    return SchemeVariant(variant, artwork, how)  # the original shows in dark themes


@dataclass(frozen=True)
class Look:
    """The visibility choices for one source and options: made once, before any icon is drawn."""

    background: Background
    tab: dict[Scheme, float | None]  # the bare artwork's contrast on each tab
    halo: str  # the raster tab icons' halo colour; "" for none
    variant: SchemeVariant | None  # favicon.svg's automatic scheme variant


def plan(
    art: Image,
    artwork: svg_module.Svg | None,
    background_color: str,
    theme_color: Callable[[], str],
    automatic: bool,
) -> Look:
    """Choose the touch background, the raster halo and favicon.svg's variant.

    `art` is the source drawn at MEASURE_SIZE, `artwork` the SVG source (None for a bitmap),
    `automatic` the `auto_dark` option (off: tab icons stay exactly as drawn).
    """
    contrasts = tab_contrasts(art)
    background = touch_background(art, background_color, theme_color)
    if not automatic:
        return Look(background, contrasts, "", None)
    variant = scheme_variant(artwork, art, contrasts) if artwork is not None else None
    return Look(background, contrasts, halo_colour(contrasts), variant)
