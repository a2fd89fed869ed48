"""The web app manifest rules: what makes the site installable, and its maskable icon."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from .findings import ERROR, WARNING, Context, Finding, RuleId, Severity, is_link, valid_color
from .images import Asset, is_opaque, outside_safe_zone, parse_sizes
from .rules import check_file

MANIFEST_SIZES = ((192, 192), (512, 512))
INSTALLABLE_DISPLAYS = {"fullscreen", "standalone", "minimal-ui"}


def manifest(ctx: Context) -> Iterator[Finding]:
    """A web app manifest is declared, parses, and holds what Chromium and Android need."""
    if ctx.pages and not any(is_link(d, "manifest") for d in ctx.distinct()):
        yield Finding(
            WARNING,
            ctx.pages[0].path,
            RuleId.MANIFEST,
            "no page declares a web app manifest, so the site cannot be installed and Android "
            "has no icons for it",
            'add a site.webmanifest with 192x192 and 512x512 icons and <link rel="manifest">',
        )
    for declaration in ctx.distinct():
        if is_link(declaration, "manifest") and declaration.target:
            asset = ctx.asset(declaration.target)
            if asset is not None and ctx.once(("manifest", asset.path)):
                yield from _manifest_findings(ctx, asset)


def _manifest_findings(ctx: Context, asset: Asset) -> Iterator[Finding]:
    path = asset.path

    def finding(severity: Severity, message: str, fix: str) -> Finding:
        return Finding(severity, path, RuleId.MANIFEST, message, fix)

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
        elif not valid_color(data[key]):
            yield finding(
                ERROR,
                f'"{key}" {data[key]!r} is not a CSS colour',
                "use a hex value such as #3b5bdb",
            )
    yield from _manifest_icons(ctx, data, path, finding)


def _text(data: dict[str, object], key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


FindingMaker = Callable[[Severity, str, str], Finding]


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
            RuleId.MASKABLE,
            "a maskable icon with transparent pixels",
            "give it an opaque background colour",
        )
    if outside_safe_zone(image):
        yield Finding(
            ERROR,
            asset.path,
            RuleId.MASKABLE,
            "artwork outside the maskable safe zone (the central circle of radius "
            "0.4 x size), which Android crops",
            "scale the artwork down into the circle",
        )
