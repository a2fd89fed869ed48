"""Checking a built site's favicons, whatever generator made it: `check_site` and `Finding`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from pathlib import Path

from . import rules, visibility, webapp
from .findings import Context, Finding
from .site import Site

# Every rule, in the order it runs.
RULES: tuple[Callable[[Context], Iterator[Finding]], ...] = (
    rules.consistency,
    rules.duplicates,
    rules.resolving,
    rules.relative_404,
    rules.root_ico,
    rules.formats,
    rules.ico,
    rules.svg,
    rules.touch_icon,
    visibility.visibility,
    webapp.manifest,
    rules.theme_color,
    webapp.browserconfig,
    webapp.legacy_sizes,  # last: only files no declaration covered
)

__all__ = ["Finding", "check_site"]


def check_site(
    site: str | Path, base_url: str = "/", skip_pages: Collection[str] = ()
) -> list[Finding]:
    """Every finding for a site folder or `http://` root URL, errors first.

    `base_url` is the URL path the folder is served at (site_url's path), such as `/sub/`.
    `skip_pages` are HTML files that are not pages of the site (such as HTML copied verbatim).
    The same finding on many pages is reported once, naming the first page and the count.
    """
    loaded = Site(site, base_url)
    pages = [page for page in loaded.pages() if page.path not in skip_pages]
    context = Context(loaded, pages)
    findings = [finding for rule in RULES for finding in rule(context)]
    return _merge(findings)


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per distinct problem: `index.html (+41 more)` rather than 42 lines."""
    groups: dict[tuple[str, str, str, str], list[Finding]] = {}
    for finding in findings:
        key = (finding.severity, finding.rule, finding.message, finding.fix)
        groups.setdefault(key, []).append(finding)
    merged = []
    for group in groups.values():
        first = group[0]
        pages = len({finding.page for finding in group})
        page = first.page if pages == 1 else f"{first.page} (+{pages - 1} more)"
        merged.append(Finding(first.severity, page, first.rule, first.message, first.fix))
    return sorted(merged, key=lambda finding: finding.severity != "error")
