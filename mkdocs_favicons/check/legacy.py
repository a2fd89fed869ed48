"""Rules for the legacy set: browserconfig.xml and its Windows tiles, and files named after a size.

Files such as `mstile-310x150.png` or `apple-touch-icon-57x57.png` promise a size in their name;
the icon table supplies it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from ..presets import ICONS, Purpose
from .findings import ERROR, Context, Finding, RuleId, valid_color
from .rules import check_file

_TILE_SIZE = re.compile(r"(\d+)x(\d+)")
_TABLE_SIZES = {icon.name: (icon.width, icon.height) for icon in ICONS if icon.width}
_TILES = {icon.name for icon in ICONS if icon.purpose is Purpose.TILE}


def legacy_sizes(ctx: Context) -> Iterator[Finding]:
    """Files named in the icon table (mstile-310x150.png, ...) are the size the name promises."""
    sized = _sized_by_declarations(ctx)
    for name, expected in _TABLE_SIZES.items():
        asset = None if name in sized else ctx.asset(name)
        if asset is None or not asset.size or asset.size == expected:
            continue
        if ctx.once(("legacy", name)):
            rule = RuleId.MSTILE if name in _TILES else RuleId.SIZES
            yield Finding(
                ERROR,
                name,
                rule,
                f"{name} is {asset.size[0]}x{asset.size[1]}, not {expected[0]}x{expected[1]}",
                f"resize it to {expected[0]}x{expected[1]}",
            )


def _sized_by_declarations(ctx: Context) -> set[str]:
    """Files a declaration gives a size to (a tag's sizes, a manifest icon, a tile element).

    Other rules judge those against the declared size, so the size a file's name promises is
    not judged a second time. Computed here from the site, not from what other rules did.
    """
    sized = {d.target for d in ctx.distinct() if d.target and d.get("sizes")}
    sized |= {icon.target for icon in ctx.manifest_icons() if icon.target and icon.get("sizes")}
    for path in _browserconfig_paths(ctx):
        asset = ctx.asset(path)
        try:
            root = ET.fromstring(asset.data) if asset is not None else None
        except ET.ParseError:
            continue
        for element in root.iter() if root is not None else ():
            src = element.get("src")
            if src is not None and _TILE_SIZE.search(str(element.tag)):
                target = ctx.site.resolve(src, path)
                sized |= {target} if target else set()
    return sized


def _browserconfig_paths(ctx: Context) -> list[str]:
    paths = {d.target for d in ctx.distinct() if d.name == "msapplication-config" and d.target}
    if ctx.site.read("browserconfig.xml") is not None:
        paths.add("browserconfig.xml")
    return sorted(paths)


def browserconfig(ctx: Context) -> Iterator[Finding]:
    """browserconfig.xml parses, and its tiles exist at the sizes their elements name."""
    for path in _browserconfig_paths(ctx):
        asset = ctx.asset(path)
        if asset is None:
            continue  # reported by resolving
        try:
            root = ET.fromstring(asset.data)
        except ET.ParseError as error:
            yield Finding(
                ERROR, path, RuleId.BROWSERCONFIG, f"not well-formed XML ({error})", "fix the XML"
            )
            continue
        for element in root.iter():
            yield from _tile(ctx, path, element)


def _tile(ctx: Context, path: str, element: ET.Element) -> Iterator[Finding]:
    if element.tag == "TileColor" and not valid_color((element.text or "").strip()):
        yield Finding(
            ERROR,
            path,
            RuleId.BROWSERCONFIG,
            f"TileColor {element.text!r} is not a colour",
            "use a hex value",
        )
    src = element.get("src")
    if src is None:
        return
    target = ctx.site.resolve(src, path)
    asset = ctx.asset(target) if target else None
    if asset is None:
        yield Finding(
            ERROR,
            path,
            RuleId.BROWSERCONFIG,
            f"<{element.tag} src={src!r}> does not resolve to a file",
            "write the tile image, or fix src",
        )
        return
    size = _TILE_SIZE.search(str(element.tag))
    sizes = f"{size.group(1)}x{size.group(2)}" if size else ""
    yield from check_file(ctx, asset, "", sizes, f"<{element.tag}> in {path}", RuleId.MSTILE)
