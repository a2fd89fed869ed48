"""The `visibility` rule: icons people can see, measured as generation measures them.

Touch and maskable icons must show their artwork on their own opaque background; manifest
icons must not be blank; tab icons should show on a light and on a dark browser tab. The
measures are `mkdocs_favicons.visibility`'s (WCAG contrast, 3:1), so what the generator makes
passes and a site made by anything else is judged the same way.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import svg as svg_module
from .. import visibility as measure
from ..errors import FaviconError
from ..ico import IcoProblem, read_directory
from .findings import ERROR, WARNING, Context, Finding, ManifestIcon, RuleId, is_link, is_touch
from .images import Asset

if TYPE_CHECKING:
    from PIL.Image import Image

RULE = RuleId.VISIBILITY
TAB_ENTRY = 32  # the ICO entry judged: what a 16 px tab shows on a 2x screen
BACKGROUND_FIX = (
    "set background_color to a colour the logo contrasts with (mkdocs-favicons chooses one "
    "when background_color is unset)"
)
SVG_TAB_FIX = (
    "give favicon.svg a variant for that colour scheme: dark_source (your own dark logo), or "
    "dark_mode: invert for a one-colour logo (mkdocs-favicons adds one itself unless "
    "auto_dark is false)"
)
RASTER_TAB_FIX = (
    "use a logo with a contrasting outline or plate, or an SVG source with dark_source or "
    "dark_mode (mkdocs-favicons adds a halo itself unless auto_dark is false)"
)


def visibility(ctx: Context) -> Iterator[Finding]:
    """Touch, maskable and manifest icons show their artwork; tab icons show on both tabs."""
    for path in ctx.touch_icon_paths():
        asset = ctx.asset(path)
        if asset is not None and asset.image is not None and ctx.once((RULE, path)):
            yield from _on_background(asset, asset.image, "touch icon")
    for icon in ctx.manifest_icons():
        yield from _manifest_icon(ctx, icon)
    tab = {
        d.target
        for d in ctx.distinct()
        if d.target and is_link(d, "icon") and not is_touch(d) and "mask-icon" not in d.rel
    }
    if ctx.site.read("favicon.ico") is not None:
        tab.add("favicon.ico")  # browsers request it without a tag
    for path in sorted(tab):
        asset = ctx.asset(path)
        if asset is not None and ctx.once((RULE, path)):
            yield from _tab_icon(asset)


def _on_background(asset: Asset, image: Image, what: str) -> Iterator[Finding]:
    """An opaque icon (touch, maskable): one flat colour, or artwork under 3:1, is an error."""
    background, reached = measure.flat_contrast(image)
    colour = measure.hex_colour(background)
    if reached is None:
        yield Finding(
            ERROR,
            asset.path,
            RULE,
            f"the {what} is one flat colour ({colour}): the logo does not show on it",
            BACKGROUND_FIX,
        )
    elif reached < measure.MIN_CONTRAST:
        yield Finding(
            ERROR,
            asset.path,
            RULE,
            f"the {what}'s artwork reaches only {reached:.1f}:1 against its background "
            f"{colour} ({measure.MIN_CONTRAST:g}:1 needed to see it)",
            BACKGROUND_FIX,
        )


def _manifest_icon(ctx: Context, icon: ManifestIcon) -> Iterator[Finding]:
    image_asset = ctx.asset(icon.target) if icon.target else None
    if image_asset is None or image_asset.image is None:
        return  # the manifest rule reports what does not resolve or decode
    if not ctx.once((RULE, image_asset.path)):
        return
    image = image_asset.image
    purposes = icon.get("purpose", "any").split()
    if measure.is_fully_transparent(image):
        yield Finding(
            ERROR,
            image_asset.path,
            RULE,
            "a manifest icon that is fully transparent",
            "export the icon again with the logo on it",
        )
    elif measure.is_one_colour(image):
        yield Finding(
            ERROR,
            image_asset.path,
            RULE,
            "a manifest icon that is one flat colour: the logo does not show",
            "export the icon again with the logo on it, on a background it contrasts with",
        )
    elif "maskable" in purposes and image.getchannel("A").getextrema()[0] == 255:
        yield from _on_background(image_asset, image, "maskable icon")


def _tab_icon(asset: Asset) -> Iterator[Finding]:
    """A warning for each tab colour (and, for an SVG, each colour scheme) it vanishes on."""
    if asset.format == "svg":
        try:
            artwork = svg_module.load(asset.data.decode("utf-8-sig"), asset.path)
        except (FaviconError, UnicodeDecodeError):
            return  # the svg rule reports it
        for scheme in measure.Scheme:
            image = measure.render_svg(artwork.markup, measure.MEASURE_SIZE, scheme)
            yield from _on_tab(asset, image, scheme, f" in its {scheme.value} colour scheme")
        return
    raster = _ico_entry(asset.data) if asset.format == "ico" else asset.image
    if raster is None:
        return
    for scheme in measure.Scheme:
        yield from _on_tab(asset, raster, scheme, "")


def _on_tab(asset: Asset, image: Image, scheme: measure.Scheme, where: str) -> Iterator[Finding]:
    tab_colour = measure.TAB_COLOURS[scheme]
    reached = measure.artwork_contrast(image, measure.rgb(tab_colour))
    if reached is not None and reached < measure.MIN_CONTRAST:
        yield Finding(
            WARNING,
            asset.path,
            RULE,
            f"vanishes on a {scheme.value} browser tab ({tab_colour}){where}: the artwork "
            f"reaches only {reached:.1f}:1 ({measure.MIN_CONTRAST:g}:1 needed)",
            SVG_TAB_FIX if asset.format == "svg" else RASTER_TAB_FIX,
        )


def _ico_entry(data: bytes) -> Image | None:
    """The ICO entry a tab shows: 32 px when there is one, else the one nearest to it."""
    from PIL import Image

    records = read_directory(data)
    if isinstance(records, IcoProblem) or not records:
        return None
    nearest = min(records, key=lambda record: (abs(record.width - TAB_ENTRY), record.width))
    # The entry alone, read at its own offset (ico.py), whatever the directory's order. A PNG
    # entry opens as the PNG it is, which keeps a palette image's transparency.
    entry = nearest.payload if nearest.is_png else nearest.as_single_ico()
    try:
        image = Image.open(io.BytesIO(entry))
        image.load()
        return image.convert("RGBA")
    except Exception:  # Pillow raises many types for corrupt data; the ico rule names them
        return None
