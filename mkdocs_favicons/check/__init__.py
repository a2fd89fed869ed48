"""Checking a built site's favicons, whatever generator made it: `check_site` and `RULES`."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from ..pages import PageIcons
from . import legacy, rules, visibility, web_manifest
from .findings import ERROR, NOTE, WARNING, Context, Finding, Rule, RuleId, Severity
from .site import FolderSite, Site, Skipped, SkipReason, open_site

# The registry, in the order the rules run. Each rule reads only the site, never another rule's
# results, so the order only decides the order of the report.
RULES: tuple[Rule, ...] = (
    Rule(
        RuleId.SKIPPED,
        "every page the checker could not judge (redirect stubs, fragments, ...), with why",
        (NOTE,),
        rules.skipped,
    ),
    Rule(
        RuleId.CONSISTENCY,
        "every page declares the same icon set; a page without tags lost them",
        (ERROR,),
        rules.consistency,
    ),
    Rule(
        RuleId.DUPLICATE,
        "one declaration of each kind per page (two SVG icons or manifests confuse browsers)",
        (ERROR,),
        rules.duplicates,
    ),
    Rule(
        RuleId.RESOLVE,
        "every declared URL resolves (WHATWG URL rules) to an existing file of the site",
        (ERROR, WARNING),
        rules.resolving,
    ),
    Rule(
        RuleId.NOT_FOUND_RELATIVE,
        "404.html uses root paths: it is served at any missing path",
        (ERROR,),
        rules.relative_404,
    ),
    Rule(
        RuleId.ROOT_ICO,
        "a favicon.ico at the site root, which browsers request without a tag",
        (ERROR,),
        rules.root_ico,
    ),
    Rule(
        RuleId.FORMAT,
        "each declared icon's real format matches its type and extension (sizes: rule sizes)",
        (ERROR,),
        rules.formats,
    ),
    Rule(
        RuleId.ICO,
        "every ICO entry decodes at the size its directory claims; 16 and 32 px present",
        (ERROR, WARNING),
        rules.ico,
    ),
    Rule(
        RuleId.SVG,
        "SVG icons are well-formed, square and hold no active content",
        (ERROR,),
        rules.svg,
    ),
    Rule(
        RuleId.TOUCH_ICON,
        "an apple-touch-icon exists, is opaque, and one is 180x180",
        (ERROR, WARNING),
        rules.touch_icon,
    ),
    Rule(
        RuleId.VISIBILITY,
        "touch, maskable and manifest icons stand out from their background (WCAG 3:1); "
        "tab icons stay visible on light and dark tabs",
        (ERROR, WARNING),
        visibility.visibility,
    ),
    Rule(
        RuleId.MANIFEST,
        "a web app manifest is declared and meets Chrome's installability criteria "
        "(icons: rules sizes, maskable)",
        (ERROR, WARNING),
        web_manifest.manifest,
    ),
    Rule(
        RuleId.THEME_COLOR,
        "theme-color and msapplication-TileColor hold valid CSS colours",
        (ERROR,),
        rules.theme_color,
    ),
    Rule(
        RuleId.BROWSERCONFIG,
        "browserconfig.xml parses and its tiles exist (tile sizes: rule mstile)",
        (ERROR,),
        legacy.browserconfig,
    ),
    Rule(
        RuleId.SIZES,
        "declared sizes match the pixels; files named after a size (mstile-310x150.png) are it",
        (ERROR,),
        legacy.legacy_sizes,
    ),
)

__all__ = [
    "RULES",
    "FolderSite",
    "Finding",
    "Rule",
    "RuleId",
    "Severity",
    "Site",
    "check_loaded",
    "check_site",
]


def check_site(
    site: str | Path,
    base_url: str = "/",
    skip_pages: Collection[str] = (),
    known: Mapping[str, PageIcons] | None = None,
) -> list[Finding]:
    """Every finding for a site folder or `http://` root URL: errors, warnings, then notes.

    `base_url` is the URL path the folder is served at (site_url's path), such as `/sub/`.
    `skip_pages` are HTML files that are not pages of the site (such as HTML copied verbatim).
    `known` gives some pages' heads as the build wrote them, so they are not read again.
    The same finding on many pages is reported once, naming the first page and the count.
    """
    return check_loaded(open_site(site, base_url), skip_pages, known)


def check_loaded(
    loaded: Site,
    skip_pages: Collection[str] = (),
    known: Mapping[str, PageIcons] | None = None,
) -> list[Finding]:
    """`check_site` on a `Site` the caller keeps, to learn which files the findings rest on."""
    pages, skipped = loaded.pages(known)
    skipped += [
        Skipped(page.path, SkipReason.NOT_A_PAGE) for page in pages if page.path in skip_pages
    ]
    pages = [page for page in pages if page.path not in skip_pages]
    context = Context(loaded, pages, skipped)
    findings = [finding for rule in RULES for finding in rule.run(context)]
    return _merge(findings)


_ORDER = {ERROR: 0, WARNING: 1, NOTE: 2}


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per distinct problem: `index.html (+41 more)` rather than 42 lines.

    Notes are never merged: each skipped page is named.
    """
    groups: dict[tuple[object, ...], list[Finding]] = {}
    for finding in findings:
        key: tuple[object, ...] = (finding.severity, finding.rule, finding.message, finding.fix)
        if finding.severity is NOTE:
            key += (finding.page,)
        groups.setdefault(key, []).append(finding)
    merged = []
    for group in groups.values():
        first = group[0]
        pages = len({finding.page for finding in group})
        page = first.page if pages == 1 else f"{first.page} (+{pages - 1} more)"
        merged.append(Finding(first.severity, page, first.rule, first.message, first.fix))
    return sorted(merged, key=lambda finding: _ORDER[finding.severity])
