"""Favicons for any built static site: the set written into its root, the tags into every page.

For sites MkDocs plugins never see (Zensical, Hugo, Jekyll, Sphinx output, hand-written HTML).
It uses the same injector as the plugin, so a page keeps every byte outside the head edit, and a
second run over the same site finds nothing to change. No MkDocs imports.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FaviconError
from .head import Refusal, read_head
from .iconset import IconSet
from .inject import inject
from .names import shared_title
from .options import Options
from .pages import html_pages
from .presets import MANIFEST_NAME, selection_in
from .tags import TagBuilder, relative_prefix

# Served at any missing path, so its URLs start at the site root instead of the page.
NOT_FOUND_PAGE = "404.html"
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_BASE = re.compile(r"<base\b[^>]*\bhref\s*=", re.I)
_OG_SITE_NAME = re.compile(r"<meta\b[^>]*\bproperty\s*=\s*[\"']?og:site_name\b[^>]*>", re.I)
_CONTENT = re.compile(r"\bcontent\s*=\s*([\"'])(.*?)\1", re.I | re.S)
TITLE_PAGES = 200  # enough pages to see what their titles share
HEAD_BYTES = 65536


@dataclass
class SiteReport:
    """What one run changed. Paths are relative to the site root, with forward slashes."""

    pages_changed: list[str] = field(default_factory=list)
    pages_unchanged: int = 0
    pages_skipped: list[tuple[str, Refusal]] = field(default_factory=list)  # (page, why)
    files_written: list[str] = field(default_factory=list)  # new, or different bytes
    files_replaced: list[str] = field(default_factory=list)  # of those, the site had before
    files_unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{len(self.pages_changed)} pages changed, {self.pages_unchanged} already up to date"
            + (f", {len(self.pages_skipped)} skipped" if self.pages_skipped else ""),
            f"{len(self.files_written)} icon files written, "
            f"{len(self.files_unchanged)} already up to date",
        ]
        if self.files_replaced:
            lines.append(f"replaced the site's own {', '.join(self.files_replaced)}")
        lines.extend(f"skipped {page}: {reason.value}" for page, reason in self.pages_skipped)
        return "\n".join(lines) + "\n"


def prefix_for(page: str, root_path: str, html: str = "") -> str:
    """The URL prefix from a page (relative to the site root) to the root.

    Absolute for 404.html, and for a page whose `<base href>` would redirect relative URLs.
    """
    if page.rsplit("/", 1)[-1] == NOT_FOUND_PAGE or _has_base(html):
        return root_path or "/"
    return relative_prefix(page)


def _has_base(html: str) -> bool:
    if not _BASE.search(html):  # the common case: no <base> at all, no second head scan
        return False
    head = read_head(html)
    return any(e.name == "base" and "href" in e.attributes for e in head.elements)


def write_files(site: Path, iconset: IconSet, report: SiteReport) -> None:
    """Write the icon files into the site root, leaving byte-identical ones untouched."""
    unchanged = set()
    for name, data in iconset.files.items():
        target = site / name
        if target.is_file():
            if target.read_bytes() == data:
                unchanged.add(name)
                continue
            report.files_replaced.append(name)  # the point of inject: the old icons go
        report.files_written.append(name)
    iconset.write(site, skip=frozenset(unchanged))
    report.files_unchanged.extend(sorted(unchanged))


def inject_site(site: Path, iconset: IconSet) -> SiteReport:
    """Generate into `site` and put the tag block into every page below it."""
    report = SiteReport()
    write_files(site, iconset, report)
    builder = TagBuilder(iconset)
    root_path = iconset.options.root_path
    for path in html_pages(site):
        page = path.relative_to(site).as_posix()
        raw = path.read_bytes()
        # surrogateescape round-trips any bytes, so a page in another encoding stays intact.
        text = raw.decode("utf-8", "surrogateescape")
        block = builder.block(prefix_for(page, root_path, text))
        if "\r\n" in text:
            block = block.replace("\n", "\r\n")  # keep a CRLF page's line endings
        result = inject(text, block)
        if result.refusal is not None:
            report.pages_skipped.append((page, result.refusal))
            continue
        updated = result.html.encode("utf-8", "surrogateescape")
        if updated == raw:
            report.pages_unchanged += 1
            continue
        path.write_bytes(updated)
        report.pages_changed.append(page)
    return report


def site_title(site: Path) -> str:
    """A default app name for a built site: `og:site_name`, else the part of the home page's
    `<title>` that other pages repeat (`Acme` from `Usage - Acme`), never a page's whole
    `Page - Site` title (see `names.shared_title`); empty when there is none."""
    index = site / "index.html"
    home = index.read_bytes()[:HEAD_BYTES].decode("utf-8", "replace") if index.is_file() else ""
    heads = []
    for path in html_pages(site):
        if path != index:
            heads.append(path.read_bytes()[:HEAD_BYTES].decode("utf-8", "replace"))
        if len(heads) >= TITLE_PAGES:
            break
    for head in (home, *heads):
        for tag in _OG_SITE_NAME.findall(head):
            content = _CONTENT.search(tag)
            if content and content.group(2).strip():
                return " ".join(html.unescape(content.group(2)).split())
    titles = [html.unescape(match.group(1)) for head in heads if (match := _TITLE.search(head))]
    home_title = _TITLE.search(home)
    return shared_title(titles, html.unescape(home_title.group(1)) if home_title else "")


def load_iconset(site: Path) -> IconSet:
    """The icon set already in a built site's root (for the preview), read back from its files."""
    if not (site / "favicon.ico").is_file():
        raise FaviconError(
            f"{site} has no favicon.ico at its root; run `mkdocs-favicons inject` first, or "
            "pass --source to preview a source image"
        )
    selection = selection_in(lambda name: (site / name).is_file())
    data: dict[str, object] = {}
    if selection.has_manifest:
        try:
            data = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise FaviconError(f"{site / MANIFEST_NAME} does not parse ({error}); fix it") from None
    options = Options(
        preset=selection.preset,
        app_name=str(data.get("name") or site_title(site) or site.name),
        short_name=str(data.get("short_name") or ""),
        background_color=str(data.get("background_color") or "#ffffff"),
    )
    files = {
        name: (site / name).read_bytes() for name in selection.file_names if (site / name).is_file()
    }
    theme_color = str(data.get("theme_color") or "")
    return IconSet(options, selection.svg_source, theme_color, files, options.background_color)
