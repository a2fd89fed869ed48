"""The checker's rules: one small function each, judging what a site declares and holds.

Rules read the pages' declarations and the files they point at. Files come from
`Context.asset`, which reads and decodes each one once, and `Context.once` keeps a file that
many pages declare from being judged more than once.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from .. import svg as svg_module
from ..errors import FaviconError
from ..options import check_color
from ..presets import ICONS, Purpose
from .images import (
    MIME_FORMATS,
    Asset,
    extension_format,
    is_opaque,
    outside_safe_zone,
    parse_sizes,
)
from .site import Declaration, Page, Site

ERROR, WARNING = "error", "warning"
T = TypeVar("T")
TOUCH_SIZE = (180, 180)
MANIFEST_SIZES = ((192, 192), (512, 512))
INSTALLABLE_DISPLAYS = {"fullscreen", "standalone", "minimal-ui"}
_TILE_SIZE = re.compile(r"(\d+)x(\d+)")
_TABLE_SIZES = {icon.name: (icon.width, icon.height) for icon in ICONS if icon.width}
_TILES = {icon.name for icon in ICONS if icon.purpose is Purpose.TILE}


@dataclass
class Finding:
    severity: str  # "error" or "warning"
    page: str  # the page or file where the problem is, as a site path
    rule: str
    message: str
    fix: str


class Context:
    """The pages of one site and its files, each read and decoded at most once."""

    def __init__(self, site: Site, pages: list[Page]) -> None:
        self.site = site
        self.pages = pages
        self._assets: dict[str, Asset | None] = {}
        self._seen: set[object] = set()
        self.checked: set[str] = set()  # paths whose size a declaration already judged
        self._distinct: list[Declaration] | None = None

    def asset(self, path: str) -> Asset | None:
        if path not in self._assets:
            data = self.site.read(path)
            self._assets[path] = None if data is None else Asset(path, data)
        return self._assets[path]

    def once(self, key: object) -> bool:
        """True the first time `key` is seen: a file is judged once, not once per page."""
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def declarations(self) -> Iterator[tuple[Page, Declaration]]:
        for page in self.pages:
            for declaration in page.declarations:
                yield page, declaration

    def distinct(self) -> list[Declaration]:
        """Each declaration once, however many pages repeat it, in first-seen order."""
        if self._distinct is None:
            self._distinct = list(dict.fromkeys(d for _, d in self.declarations()))
        return self._distinct


def _is_link(declaration: Declaration, *rels: str) -> bool:
    return declaration.element == "link" and bool(declaration.rel & set(rels))


def _is_icon(declaration: Declaration) -> bool:
    return _is_link(declaration, "icon", "mask-icon") or _is_touch(declaration)


def _is_touch(declaration: Declaration) -> bool:
    return declaration.element == "link" and any(
        rel.startswith("apple-touch-icon") for rel in declaration.rel
    )


def _memoized(function: Callable[[Declaration], T]) -> Callable[[Declaration], T]:
    """Per-run memo: a site shares one Declaration object among all pages that mean the same."""
    cache: dict[Declaration, T] = {}

    def get(declaration: Declaration) -> T:
        if declaration not in cache:
            cache[declaration] = function(declaration)
        return cache[declaration]

    return get


# ---- consistency ------------------------------------------------------------------------------
def _signature(declaration: Declaration) -> str:
    """What a declaration means, independent of the page's depth."""
    content = "" if declaration.url else declaration.get("content")
    where = declaration.target or declaration.url
    return " ".join(filter(None, (declaration.describe(), content, where and f"-> {where}")))


def consistency(ctx: Context) -> Iterator[Finding]:
    """Every page declares the same icon set; a page without tags lost them."""
    signature = _memoized(_signature)
    sets = {page.path: frozenset(map(signature, page.declarations)) for page in ctx.pages}
    if len(set(sets.values())) < 2:
        return
    usual, count = Counter(sets.values()).most_common(1)[0]
    for page in ctx.pages:
        own = sets[page.path]
        if own == usual:
            continue
        if not own:
            yield Finding(
                ERROR,
                page.path,
                "consistency",
                f"declares no favicon tags, while {count} other pages declare {len(usual)}",
                "keep the theme's head block in this page's template and rebuild",
            )
            continue
        missing, extra = sorted(usual - own), sorted(own - usual)
        parts = ([f"lacks {', '.join(missing)}"] if missing else []) + (
            [f"adds {', '.join(extra)}"] if extra else []
        )
        yield Finding(
            ERROR,
            page.path,
            "consistency",
            f"declares a different icon set from the other {count} pages: {'; '.join(parts)}",
            "declare the same tags on every page (let the plugin inject them) and rebuild",
        )


def _duplicate_key(declaration: Declaration) -> tuple[str, ...]:
    media = declaration.get("media")
    if declaration.element == "meta":
        return (declaration.name, media)
    if _is_link(declaration, "manifest"):
        return ("manifest",)
    if _is_link(declaration, "mask-icon"):
        return ("mask-icon", media)
    kind = MIME_FORMATS.get(declaration.get("type").lower()) or extension_format(
        declaration.target or declaration.url
    )
    if _is_touch(declaration):
        return ("apple-touch-icon", declaration.get("sizes") or "180x180", media)
    sizes = "" if kind == "svg" else declaration.get("sizes").lower()
    return ("icon", kind, sizes, media)


def duplicates(ctx: Context) -> Iterator[Finding]:
    """One declaration of each kind per page: two SVG icons or two manifests confuse browsers."""
    key_of = _memoized(_duplicate_key)
    for page in ctx.pages:
        counts = Counter(map(key_of, page.declarations))
        if max(counts.values(), default=0) < 2:
            continue
        reported = set()
        for declaration in page.declarations:
            key = key_of(declaration)
            if counts[key] > 1 and key not in reported:
                reported.add(key)
                yield Finding(
                    ERROR,
                    page.path,
                    "duplicate",
                    f"declares {declaration.describe()} {counts[key]} times",
                    "keep one (remove the theme's or template's own tag) and rebuild",
                )


# ---- resolving --------------------------------------------------------------------------------
def resolving(ctx: Context) -> Iterator[Finding]:
    """Every URL a page declares resolves from that page to an existing file of the site."""
    for page, declaration in ctx.declarations():
        if declaration.element == "link" and not declaration.url:
            yield Finding(
                ERROR,
                page.path,
                "resolve",
                f"{declaration.describe()} has no href",
                "add the href, or remove the tag",
            )
        elif declaration.url and declaration.target is None:
            external = ctx.site.url_path(declaration.url, page.path) is None
            yield Finding(
                WARNING if external else ERROR,
                page.path,
                "resolve",
                f"{declaration.describe()} points at {declaration.url}, "
                + (
                    "on another site, which is not checked"
                    if external
                    else f"outside the site root {ctx.site.base}"
                ),
                "serve the icons from this site"
                if external
                else "fix the URL, or pass the site's real root with --base-url",
            )
        elif declaration.target and ctx.asset(declaration.target) is None:
            yield Finding(
                ERROR,
                page.path,
                "resolve",
                f"{declaration.describe()} points at {declaration.target}, which does not exist",
                "write that file into the site, or fix the URL, and rebuild",
            )


def relative_404(ctx: Context) -> Iterator[Finding]:
    """404.html is served at any missing path, so page-relative URLs break below the root."""
    for page in (page for page in ctx.pages if page.is_404):
        for declaration in page.declarations:
            yield from _relative_404(ctx, page, declaration)


def _relative_404(ctx: Context, page: Page, declaration: Declaration) -> Iterator[Finding]:
    url = declaration.url
    if url and not url.startswith("/") and "://" not in url:
        yield Finding(
            ERROR,
            page.path,
            "404-relative",
            f"{declaration.describe()} uses the page-relative URL {url}, which breaks when "
            "404.html is served at a nested missing path",
            f"use a path from the site root such as {ctx.site.base}{url.lstrip('./')} "
            "(in MkDocs, set site_url)",
        )


def root_ico(ctx: Context) -> Iterator[Finding]:
    """Browsers and crawlers request /favicon.ico without any tag."""
    asset = ctx.asset("favicon.ico")
    if asset is None:
        yield Finding(
            ERROR,
            "favicon.ico",
            "root-ico",
            f"there is no favicon.ico at the site root ({ctx.site.base}favicon.ico), which "
            "browsers and crawlers request without a tag",
            "put a favicon.ico with 16, 32 and 48 px entries at the site root",
        )
    else:
        yield from check_file(ctx, asset, "", "")


# ---- formats and sizes ------------------------------------------------------------------------
def check_file(
    ctx: Context,
    asset: Asset,
    declared_type: str,
    declared_sizes: str,
    by: str = "",
    sizes_rule: str = "sizes",
) -> Iterator[Finding]:
    """The real format matches the declared type and the extension; sizes match the pixels.

    `by` names the declaration for messages, such as `the manifest`.
    """
    if declared_sizes:
        ctx.checked.add(asset.path)
    if not ctx.once(("file", asset.path, declared_type.lower(), declared_sizes.lower())):
        return
    real, by_name = asset.format, extension_format(asset.path)
    by_type = MIME_FORMATS.get(declared_type.lower(), "") if declared_type else ""
    where = f" by {by}" if by else ""
    if not real:
        yield Finding(
            ERROR, asset.path, "format", "not an image file", "write a real PNG, ICO or SVG there"
        )
        return
    if by_name and real != by_name:
        message = (
            "a PNG renamed to .ico"
            if (real, by_name) == ("png", "ico")
            else f"{real.upper()} data in a .{asset.path.rsplit('.', 1)[-1]} file"
        )
        yield Finding(
            ERROR,
            asset.path,
            "format",
            message,
            f"convert it to a real {by_name.upper()} (or rename it .{real})",
        )
        return  # the wrong file: its sizes would only repeat the problem
    if declared_type and by_type != real:
        yield Finding(
            ERROR,
            asset.path,
            "format",
            f"declared as {declared_type}{where} but holds {real.upper()} data",
            f"declare the type that matches the file ({_mime(real)})",
        )
    yield from _check_sizes(asset, declared_sizes, where, sizes_rule)


def _mime(fmt: str) -> str:
    return next((mime for mime, value in MIME_FORMATS.items() if value == fmt), fmt)


def _check_sizes(asset: Asset, declared: str, where: str, rule: str) -> Iterator[Finding]:
    pairs, has_any, bad = parse_sizes(declared)
    if bad:
        yield Finding(
            ERROR,
            asset.path,
            rule,
            f"declared with sizes={declared!r}{where}, not WxH",
            "write sizes as WIDTHxHEIGHT, such as 32x32",
        )
    if asset.format == "svg" or has_any and not pairs:
        return
    real = asset.sizes
    if not real:
        yield Finding(
            ERROR, asset.path, "format", "does not decode as an image", "export the file again"
        )
        return
    wrong = sorted(pairs - real)
    if wrong:
        shown = " ".join(f"{w}x{h}" for w, h in sorted(real))
        yield Finding(
            ERROR,
            asset.path,
            rule,
            f"declared as {declared}{where} but is {shown}",
            f"resize it to {declared}"
            if rule == "mstile"
            else f'declare sizes="{shown}", or resize the file',
        )


def formats(ctx: Context) -> Iterator[Finding]:
    """Each declared icon file: real format, declared type, extension and sizes agree."""
    for declaration in ctx.distinct():
        if not (_is_icon(declaration) or declaration.name == "msapplication-tileimage"):
            continue
        asset = ctx.asset(declaration.target) if declaration.target else None
        if asset is not None:
            yield from check_file(ctx, asset, declaration.get("type"), declaration.get("sizes"))


def ico(ctx: Context) -> Iterator[Finding]:
    """Every entry of every ICO decodes at the size its directory claims."""
    paths = {"favicon.ico"} | {d.target for d in ctx.distinct() if d.target}
    for path in sorted(paths):
        asset = ctx.asset(path)
        if asset is None or asset.format != "ico":
            continue
        broken = [
            f"entry {number} ({entry.width}x{entry.height}): {entry.error}"
            for number, entry in enumerate(asset.ico_entries, 1)
            if entry.error
        ]
        if broken:
            more = f"; and {len(broken) - 3} more" if len(broken) > 3 else ""
            yield Finding(
                ERROR,
                path,
                "ico",
                "; ".join(broken[:3]) + more,
                "pack the ICO again from PNGs (mkdocs-favicons generate does)",
            )
        missing = [s for s in (16, 32) if (s, s) not in asset.sizes]
        if path == "favicon.ico" and missing:
            yield Finding(
                WARNING,
                path,
                "ico",
                f"no {' or '.join(f'{s}x{s}' for s in missing)} entry",
                "include 16, 32 and 48 px entries, the sizes tabs and taskbars use",
            )


# ---- SVG --------------------------------------------------------------------------------------
def svg(ctx: Context) -> Iterator[Finding]:
    """Declared SVG icons are well-formed, square and inert (they run on the site's origin)."""
    for declaration in ctx.distinct():
        asset = ctx.asset(declaration.target) if declaration.target else None
        if asset is None or asset.format != "svg" or not ctx.once(("svg", asset.path)):
            continue
        yield from _svg_findings(asset)


def _svg_findings(asset: Asset) -> Iterator[Finding]:
    path = asset.path
    try:
        root = svg_module._parse(asset.data.decode("utf-8-sig"), path)
        _x, _y, width, height = svg_module._view_box(root, path)
    except (FaviconError, UnicodeDecodeError) as error:
        message, _, fix = str(error).removeprefix(f"{path}: ").rpartition("; ")
        yield Finding(ERROR, path, "svg", message or str(error), fix or "save it as UTF-8")
        return
    if abs(width - height) > 1e-6 * max(width, height):
        yield Finding(
            ERROR,
            path,
            "svg",
            f"a {width:g}x{height:g} viewBox, not square",
            "make the viewBox square (mkdocs-favicons pads it for you)",
        )
    for problem in _active_content(root):
        yield Finding(
            ERROR,
            path,
            "svg",
            problem,
            "remove it: the SVG is served from the site's own origin, so active "
            "content in it is stored XSS (mkdocs-favicons sanitizes its SVGs)",
        )


def _active_content(root: ET.Element) -> Iterator[str]:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = svg_module._local(element.tag)
        if name in svg_module._ACTIVE_ELEMENTS:
            yield f"contains <{name}>"
        for attribute, value in element.attrib.items():
            local = svg_module._local(attribute)
            if local.lower().startswith("on"):
                yield f"has an event handler {local}= on <{name}>"
            elif local == "href" and not svg_module._safe_reference(value):
                yield f"references {value[:60]} from <{name}>"
        text = element.get("style", "") + (" " + (element.text or "") if name == "style" else "")
        for match in svg_module._URL_FUNCTION.finditer(text):
            if not svg_module._safe_reference(match.group(2)):
                yield f"loads {match.group(2)[:60]} from CSS"
        if svg_module._IMPORT.search(text):
            yield "imports CSS with @import"


# ---- touch icon -------------------------------------------------------------------------------
def touch_icon(ctx: Context) -> Iterator[Finding]:
    """Apple touch icons are opaque (iOS paints transparency black), and one is 180×180."""
    paths = {d.target for d in ctx.distinct() if _is_touch(d) and d.target}
    if ctx.site.read("apple-touch-icon.png") is not None:
        paths.add("apple-touch-icon.png")  # iOS requests it without a tag
    assets = [asset for asset in map(ctx.asset, sorted(paths)) if asset and asset.image]
    for asset in assets:
        if asset.image is not None and not is_opaque(asset.image):
            yield Finding(
                ERROR,
                asset.path,
                "touch-icon",
                "transparent pixels, which iOS paints black",
                "flatten it on an opaque background colour, artwork inset",
            )
    if assets and all(asset.size != TOUCH_SIZE for asset in assets):
        main = next((a for a in assets if a.path == "apple-touch-icon.png"), assets[0])
        yield Finding(
            ERROR,
            main.path,
            "touch-icon",
            "no apple-touch-icon is really 180x180, the size current iPhones and iPads use",
            'add a 180x180 apple-touch-icon.png with sizes="180x180"',
        )


# ---- manifest ---------------------------------------------------------------------------------
def manifest(ctx: Context) -> Iterator[Finding]:
    """The web app manifest parses and holds what Chromium and Android need."""
    for declaration in ctx.distinct():
        if _is_link(declaration, "manifest") and declaration.target:
            asset = ctx.asset(declaration.target)
            if asset is not None and ctx.once(("manifest", asset.path)):
                yield from _manifest_findings(ctx, asset)


def _manifest_findings(ctx: Context, asset: Asset) -> Iterator[Finding]:
    path = asset.path

    def finding(severity: str, message: str, fix: str) -> Finding:
        return Finding(severity, path, "manifest", message, fix)

    try:
        data = json.loads(asset.data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as error:
        yield finding(ERROR, f"not valid JSON ({error})", "fix the JSON syntax")
        return
    if not isinstance(data, dict):
        yield finding(ERROR, "not a JSON object", "write the manifest as one JSON object")
        return
    if not (_text(data, "name") or _text(data, "short_name")):
        yield finding(ERROR, "no name or short_name", 'add "name" and "short_name"')
    display = data.get("display")
    if display == "browser":
        yield finding(
            WARNING, '"display": "browser" makes the site not installable', 'use "standalone"'
        )
    elif display not in INSTALLABLE_DISPLAYS:
        what = f'"display" is {display!r}' if "display" in data else 'no "display"'
        yield finding(ERROR, what, 'set "display": "standalone"')
    yield from _manifest_urls(ctx, data, path, finding)
    for key in ("theme_color", "background_color"):
        if key not in data:
            yield finding(WARNING, f'no "{key}"', f'add "{key}" as a CSS colour')
        elif not _valid_color(data[key]):
            yield finding(
                ERROR,
                f'"{key}" {data[key]!r} is not a CSS colour',
                "use a hex value such as #3b5bdb",
            )
    yield from _manifest_icons(ctx, data, path, finding)


def _text(data: dict[str, object], key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _valid_color(value: object) -> bool:
    try:
        check_color(str(value) if isinstance(value, str) else "", "colour")
    except FaviconError:
        return False
    return True


FindingMaker = Callable[[str, str, str], Finding]


def _manifest_urls(
    ctx: Context, data: dict[str, object], path: str, finding: FindingMaker
) -> Iterator[Finding]:
    """start_url and scope lie inside the site, and start_url inside scope."""
    resolved = {}
    for key in ("start_url", "scope"):
        value = data.get(key)
        if value is None:
            yield finding(WARNING, f'no "{key}"', f'add "{key}": "{ctx.site.base}"')
            continue
        url = ctx.site.url_path(value, path) if isinstance(value, str) else None
        if url is None or not (url + "/").startswith(ctx.site.base):
            yield finding(
                ERROR,
                f'"{key}" {value!r} is outside the site {ctx.site.base}',
                f'set "{key}" to the site root, such as "{ctx.site.base}" or "./"',
            )
            continue
        resolved[key] = url
    start, scope = resolved.get("start_url"), resolved.get("scope")
    if start and scope and not start.startswith(scope):
        yield finding(
            ERROR,
            f'"start_url" {start} is outside "scope" {scope}',
            "make the scope contain the start URL",
        )


def _manifest_icons(
    ctx: Context, data: dict[str, object], path: str, finding: FindingMaker
) -> Iterator[Finding]:
    icons = data.get("icons")
    if not isinstance(icons, list) or not icons:
        yield finding(ERROR, 'no "icons"', 'list icons of 192x192 and 512x512 under "icons"')
        return
    present: set[tuple[int, int]] = set()
    for icon in icons:
        src = icon.get("src") if isinstance(icon, dict) else None
        target = ctx.site.resolve(src, path) if isinstance(src, str) and src else None
        asset = ctx.asset(target) if target else None
        if asset is None:
            yield finding(
                ERROR,
                f"icon {src!r} does not resolve to a file of the site",
                "write the file, or fix src (it is relative to the manifest)",
            )
            continue
        assert isinstance(icon, dict)
        sizes, purposes = str(icon.get("sizes", "")), str(icon.get("purpose", "any")).split()
        yield from check_file(ctx, asset, str(icon.get("type", "")), sizes, path)
        if "any" in purposes or not purposes:
            present |= parse_sizes(sizes)[0] & asset.sizes
        if "maskable" in purposes:
            yield from _maskable(ctx, asset)
    for width, height in MANIFEST_SIZES:
        if (width, height) not in present:
            yield finding(
                ERROR,
                f"no {width}x{height} icon (purpose any) that really is that size",
                f"add a {width}x{height} PNG to icons",
            )


def _maskable(ctx: Context, asset: Asset) -> Iterator[Finding]:
    image = asset.image
    if image is None or not ctx.once(("maskable", asset.path)):
        return
    if not is_opaque(image):
        yield Finding(
            ERROR,
            asset.path,
            "maskable",
            "a maskable icon with transparent pixels",
            "give it an opaque background colour",
        )
    if outside_safe_zone(image):
        yield Finding(
            ERROR,
            asset.path,
            "maskable",
            "artwork outside the maskable safe zone (the central circle of radius "
            "0.4 x size), which Android crops",
            "scale the artwork down into the circle",
        )


# ---- meta -------------------------------------------------------------------------------------
def theme_color(ctx: Context) -> Iterator[Finding]:
    """`theme-color` and `msapplication-TileColor` hold valid CSS colours."""
    for page, declaration in ctx.declarations():
        if declaration.name in ("theme-color", "msapplication-tilecolor"):
            value = declaration.get("content")
            if not _valid_color(value):
                yield Finding(
                    ERROR,
                    page.path,
                    "theme-color",
                    f'<meta name="{declaration.get("name")}"> has {value!r}, not a CSS colour',
                    "use a hex value such as #3b5bdb",
                )


# ---- legacy -----------------------------------------------------------------------------------
def legacy_sizes(ctx: Context) -> Iterator[Finding]:
    """Files named in the icon table (mstile-310x150.png, ...) are the size the name promises."""
    for name, expected in _TABLE_SIZES.items():
        asset = None if name in ctx.checked else ctx.asset(name)
        if asset is None or not asset.size or asset.size == expected:
            continue
        if ctx.once(("legacy", name)):
            rule = "mstile" if name in _TILES else "sizes"
            yield Finding(
                ERROR,
                name,
                rule,
                f"{name} is {asset.size[0]}x{asset.size[1]}, not {expected[0]}x{expected[1]}",
                f"resize it to {expected[0]}x{expected[1]}",
            )


def browserconfig(ctx: Context) -> Iterator[Finding]:
    """browserconfig.xml parses, and its tiles exist at the sizes their elements name."""
    paths = {d.target for d in ctx.distinct() if d.name == "msapplication-config" and d.target}
    if ctx.site.read("browserconfig.xml") is not None:
        paths.add("browserconfig.xml")
    for path in sorted(paths):
        asset = ctx.asset(path)
        if asset is None:
            continue  # reported by resolving
        try:
            root = ET.fromstring(asset.data)
        except ET.ParseError as error:
            yield Finding(
                ERROR, path, "browserconfig", f"not well-formed XML ({error})", "fix the XML"
            )
            continue
        for element in root.iter():
            yield from _tile(ctx, path, element)


def _tile(ctx: Context, path: str, element: ET.Element) -> Iterator[Finding]:
    if element.tag == "TileColor" and not _valid_color((element.text or "").strip()):
        yield Finding(
            ERROR,
            path,
            "browserconfig",
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
            "browserconfig",
            f"<{element.tag} src={src!r}> does not resolve to a file",
            "write the tile image, or fix src",
        )
        return
    size = _TILE_SIZE.search(str(element.tag))
    sizes = f"{size.group(1)}x{size.group(2)}" if size else ""
    yield from check_file(ctx, asset, "", sizes, f"<{element.tag}> in {path}", "mstile")


RULES: tuple[Callable[[Context], Iterator[Finding]], ...] = (
    consistency,
    duplicates,
    resolving,
    relative_404,
    root_ico,
    formats,
    ico,
    svg,
    touch_icon,
    manifest,
    theme_color,
    browserconfig,
    legacy_sizes,  # last: only files no declaration covered
)
