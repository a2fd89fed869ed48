"""The checker's rules on pages and icon files: one small function each.

Rules read the pages' declarations and the files they point at. Files come from
`Context.asset`, which reads and decodes each one once, and `Context.once` keeps a file that
many pages declare from being judged more than once. The manifest rules are in
`web_manifest.py`, the browserconfig and named-size rules in `legacy.py`; the package's `RULES`
lists them all in the order they run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .. import svg_sanitize
from ..basepath import base_for_file
from ..errors import FaviconError
from ..svg import view_box
from .findings import (
    ERROR,
    NOTE,
    WARNING,
    Context,
    Finding,
    RuleId,
    is_icon,
    is_link,
    is_touch,
    memoized,
    valid_color,
)
from .images import MIME_FORMATS, Asset, extension_format, is_opaque, parse_sizes
from .site import Declaration, Page

TOUCH_SIZE = (180, 180)


# ---- consistency ------------------------------------------------------------------------------
def _signature(declaration: Declaration) -> str:
    """What a declaration means, independent of the page's depth."""
    content = "" if declaration.url else declaration.get("content")
    where = declaration.target or declaration.url
    return " ".join(filter(None, (declaration.describe(), content, where and f"-> {where}")))


def consistency(ctx: Context) -> Iterator[Finding]:
    """Every page declares the same icon set; a page without tags lost them."""
    signature = memoized(_signature)
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
                RuleId.CONSISTENCY,
                f"declares no favicon tags, while {count} other pages declare {len(usual)}",
                "keep the theme's head block in this page's template and rebuild",
            )
            continue
        missing, extra = sorted(usual - own), sorted(own - usual)
        parts = ([f"lacks {', '.join(missing)}"] if missing else []) + (
            [f"adds {', '.join(extra)}"] if extra else []
        )
        hints = (_base_hint(ctx, declaration, page) for declaration in page.declarations)
        yield Finding(
            ERROR,
            page.path,
            RuleId.CONSISTENCY,
            f"declares a different icon set from the other {count} pages: {'; '.join(parts)}",
            next(filter(None, hints), "")
            or "declare the same tags on every page (let the plugin inject them) and rebuild",
        )


def _duplicate_key(declaration: Declaration) -> tuple[str, ...]:
    media = declaration.get("media")
    if declaration.element == "meta":
        return (declaration.name, media)
    if is_link(declaration, "manifest"):
        return ("manifest",)
    if is_link(declaration, "mask-icon"):
        return ("mask-icon", media)
    kind = MIME_FORMATS.get(declaration.get("type").lower()) or extension_format(
        declaration.target or declaration.url
    )
    if is_touch(declaration):
        return ("apple-touch-icon", declaration.get("sizes") or "180x180", media)
    sizes = "" if kind == "svg" else declaration.get("sizes").lower()
    return ("icon", kind, sizes, media)


def duplicates(ctx: Context) -> Iterator[Finding]:
    """One declaration of each kind per page: two SVG icons or two manifests confuse browsers."""
    key_of = memoized(_duplicate_key)
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
                    RuleId.DUPLICATE,
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
                RuleId.RESOLVE,
                f"{declaration.describe()} has no href",
                "add the href, or remove the tag",
            )
        elif declaration.url and declaration.target is None:
            external = ctx.site.url_path(declaration.url, page.path) is None
            yield Finding(
                WARNING if external else ERROR,
                page.path,
                RuleId.RESOLVE,
                f"{declaration.describe()} points at {declaration.url}, "
                + (
                    "on another site, which is not checked"
                    if external
                    else f"outside the site root {ctx.site.base}"
                ),
                "serve the icons from this site"
                if external
                else _base_hint(ctx, declaration, page)
                or "fix the URL, or pass the site's real root with --base-url",
            )
        elif declaration.target and ctx.asset(declaration.target) is None:
            yield Finding(
                ERROR,
                page.path,
                RuleId.RESOLVE,
                f"{declaration.describe()} points at {declaration.target}, which does not exist",
                _base_hint(ctx, declaration, page)
                or "write that file into the site, or fix the URL, and rebuild",
            )


def _base_hint(ctx: Context, declaration: Declaration, page: Page) -> str:
    """When a URL would reach a file of the folder if the site were served elsewhere, the
    likely cause is a wrong base path: name the `--base-url` that fits."""
    folder = getattr(ctx.site, "folder", None)
    url_path = ctx.site.url_path(declaration.url, page.path)
    if folder is None or url_path is None or not url_path.startswith("/"):
        return ""
    base = base_for_file(folder, url_path)
    if base is None or base == ctx.site.base:
        return ""
    return f"the site is likely served at {base}: check again with --base-url {base}"


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
            RuleId.NOT_FOUND_RELATIVE,
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
            RuleId.ROOT_ICO,
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
    sizes_rule: RuleId = RuleId.SIZES,
) -> Iterator[Finding]:
    """The real format matches the declared type and the extension; sizes match the pixels.

    `by` names the declaration for messages, such as `the manifest`.
    """
    if not ctx.once(("file", asset.path, declared_type.lower(), declared_sizes.lower())):
        return
    real, by_name = asset.format, extension_format(asset.path)
    by_type = MIME_FORMATS.get(declared_type.lower(), "") if declared_type else ""
    where = f" by {by}" if by else ""
    if not real:
        yield Finding(
            ERROR,
            asset.path,
            RuleId.FORMAT,
            "not an image file",
            "write a real PNG, ICO or SVG there",
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
            RuleId.FORMAT,
            message,
            f"convert it to a real {by_name.upper()} (or rename it .{real})",
        )
        return  # the wrong file: its sizes would only repeat the problem
    if declared_type and by_type != real:
        yield Finding(
            ERROR,
            asset.path,
            RuleId.FORMAT,
            f"declared as {declared_type}{where} but holds {real.upper()} data",
            f"declare the type that matches the file ({_mime(real)})",
        )
    yield from _check_sizes(asset, declared_sizes, where, sizes_rule)


def _mime(fmt: str) -> str:
    return next((mime for mime, value in MIME_FORMATS.items() if value == fmt), fmt)


def _check_sizes(asset: Asset, declared: str, where: str, rule: RuleId) -> Iterator[Finding]:
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
            ERROR, asset.path, RuleId.FORMAT, "does not decode as an image", "export the file again"
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
            if rule is RuleId.MSTILE
            else f'declare sizes="{shown}", or resize the file',
        )


def formats(ctx: Context) -> Iterator[Finding]:
    """Each declared icon file: real format, declared type, extension and sizes agree."""
    for declaration in ctx.distinct():
        if not (is_icon(declaration) or declaration.name == "msapplication-tileimage"):
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
                RuleId.ICO,
                "; ".join(broken[:3]) + more,
                "pack the ICO again from PNGs (mkdocs-favicons generate does)",
            )
        missing = [s for s in (16, 32) if (s, s) not in asset.sizes]
        if path == "favicon.ico" and missing:
            yield Finding(
                WARNING,
                path,
                RuleId.ICO,
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
        root = svg_sanitize.parse(asset.data.decode("utf-8-sig"), path)
        _x, _y, width, height = view_box(root, path)
    except FaviconError as error:
        yield Finding(ERROR, path, RuleId.SVG, error.problem, error.fix)
        return
    except UnicodeDecodeError as error:
        yield Finding(ERROR, path, RuleId.SVG, f"not UTF-8 text ({error})", "save it as UTF-8")
        return
    if abs(width - height) > 1e-6 * max(width, height):
        yield Finding(
            ERROR,
            path,
            RuleId.SVG,
            f"a {width:g}x{height:g} viewBox, not square",
            "make the viewBox square (mkdocs-favicons pads it for you)",
        )
    if svg_sanitize.depth(root) > svg_sanitize.MAX_DEPTH:
        yield Finding(
            ERROR,
            path,
            RuleId.SVG,
            f"nests elements or references more than {svg_sanitize.MAX_DEPTH} levels deep",
            "flatten it (for example with svgo)",
        )
        return
    seen: set[str] = set()
    for removal in svg_sanitize.hazards(root):
        if removal.hazard in _SVG_DANGERS and removal.what not in seen:
            seen.add(removal.what)
            yield Finding(
                ERROR,
                path,
                RuleId.SVG,
                f"{removal.what} ({removal.hazard.value})",
                "remove it: the SVG is served from the site's own origin, so anything active "
                "in it is stored XSS and any reference is a request on every page view "
                "(mkdocs-favicons keeps only its drawing allowlist)",
            )


# What the checker reports of the sanitizer's removals; the rest is inert (metadata, editors').
_SVG_DANGERS = (svg_sanitize.Hazard.SCRIPT, svg_sanitize.Hazard.FETCH, svg_sanitize.Hazard.UNLISTED)


# ---- touch icon -------------------------------------------------------------------------------
def touch_icon(ctx: Context) -> Iterator[Finding]:
    """Apple touch icons exist, are opaque (iOS paints transparency black), and one is 180×180."""
    paths = ctx.touch_icon_paths()
    if not paths and ctx.pages:
        yield Finding(
            WARNING,
            "apple-touch-icon.png",
            RuleId.TOUCH_ICON,
            "no apple-touch-icon, declared or at the site root, so iOS puts a screenshot of "
            "the page on the home screen",
            'add a 180x180 apple-touch-icon.png at the site root, declared with sizes="180x180"',
        )
    assets = [asset for asset in map(ctx.asset, paths) if asset and asset.image]
    for asset in assets:
        if asset.image is not None and not is_opaque(asset.image):
            yield Finding(
                ERROR,
                asset.path,
                RuleId.TOUCH_ICON,
                "transparent pixels, which iOS paints black",
                "flatten it on an opaque background colour, artwork inset",
            )
    if assets and all(asset.size != TOUCH_SIZE for asset in assets):
        main = next((a for a in assets if a.path == "apple-touch-icon.png"), assets[0])
        yield Finding(
            WARNING,  # iOS scales another size: blurrier, not broken
            main.path,
            RuleId.TOUCH_ICON,
            "no apple-touch-icon is really 180x180, the size current iPhones and iPads use, "
            "so iOS scales it",
            'add a 180x180 apple-touch-icon.png with sizes="180x180"',
        )


def skipped(ctx: Context) -> Iterator[Finding]:
    """Every page the checker could not judge, named, with the reason: nothing passes unseen."""
    for page in ctx.skipped:
        yield Finding(NOTE, page.path, RuleId.SKIPPED, f"not checked: {page.reason.value}", "")


# ---- meta -------------------------------------------------------------------------------------
def theme_color(ctx: Context) -> Iterator[Finding]:
    """`theme-color` and `msapplication-TileColor` hold valid CSS colours."""
    for page, declaration in ctx.declarations():
        if declaration.name in ("theme-color", "msapplication-tilecolor"):
            value = declaration.get("content")
            if not valid_color(value):
                yield Finding(
                    ERROR,
                    page.path,
                    RuleId.THEME_COLOR,
                    f'<meta name="{declaration.get("name")}"> has {value!r}, not a CSS colour',
                    "use a hex value such as #3b5bdb",
                )
