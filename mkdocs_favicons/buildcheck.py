"""The check the plugin runs after each build, fed by what the build itself did.

The injector knows each page's icon declarations: after its edit they are exactly the block's
(`Injection.declarations`). So the plugin records a `PageIcons` for every page it edits, and the
check judges those and reads from the built site only the icon files, plus any page the plugin
did not see (HTML another plugin wrote, pages a `--dirty` build did not render). It reports what
`mkdocs-favicons check` reports on the same folder, which stays the independent proof.

The result is remembered (`memo.py`) with the content hash of every file the check read. A build
whose pages declare the same and whose files hash the same (a warm build, a `mkdocs serve`
rebuild after editing a page's text) reuses it without importing the checker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from .head import read_head
from .inject import edit
from .memo import BuildMemo, CheckResult, LogLevel, PageEdit
from .pages import PageIcons, is_redirect, page_icons, page_names

if TYPE_CHECKING:
    from .check import Finding


class BuiltPages:
    """Each page's icon declarations as the build wrote them, by site path (`guide/index.html`)."""

    def __init__(self) -> None:
        self.icons: dict[str, PageIcons] = {}

    def add(self, path: str, icons: PageIcons) -> None:
        """Record what the head of `path` declares after the plugin's edit (or why not)."""
        self.icons[path] = icons


def not_written(site_dir: Path, built: BuiltPages, names: list[str]) -> set[str]:
    """Pages of `site_dir` this build did not edit and whose head declares no icons.

    Such HTML was copied from docs_dir as it is, or written after the pages by another plugin
    (mkdocs-coverage's report): it is not a page that lost its tags, and judging it would turn
    a green `--strict` build red. A page from an earlier build that does declare icons (one a
    `--dirty` build did not render) is still judged, from disk.
    """
    from .head import read_head

    skipped = set()
    for path in names:  # the site's pages, listed once by the caller
        if path in built.icons:
            continue
        try:
            html = (site_dir / path).read_bytes().decode("utf-8", "surrogateescape")
        except OSError:
            continue
        icons = page_icons(read_head(html))
        if icons.refusal is None and not icons.redirect and not icons.declarations:
            skipped.add(path)
    return skipped


def wanted(findings: list[Finding], preset: str) -> list[Finding]:
    """The findings the build reports: preset `single` chose to have no touch icon or manifest."""
    from .check import RuleId, Severity

    if preset != "single":
        return findings
    unwanted = (RuleId.TOUCH_ICON, RuleId.MANIFEST)
    return [f for f in findings if not (f.severity is Severity.WARNING and f.rule in unwanted)]


def findings(
    site_dir: Path, base_url: str, built: BuiltPages, skip_pages: Collection[str], preset: str
) -> list[Finding]:
    """The build's findings, reading only the files the pages point at and unrecorded pages."""
    from .check import check_site

    return wanted(check_site(site_dir, base_url, skip_pages, built.icons), preset)


def log_lines(found: list[Finding]) -> list[tuple[LogLevel, str]]:
    """Each finding as the build logs it: notes (skipped pages) at debug, the rest as warnings."""
    from .check import Severity

    return [
        ("debug" if f.severity is Severity.NOTE else "warning", f"check: {f.describe()}")
        for f in found
    ]


def check_lines(
    site_dir: Path,
    base_url: str,
    built: BuiltPages,
    skip_pages: Collection[str],
    preset: str,
    memo: BuildMemo,
    names: list[str] | None = None,
) -> list[tuple[LogLevel, str]]:
    """The log lines of `findings`, reused from `memo` when nothing they rest on changed."""
    if names is None:
        names = page_names(site_dir)
    key = _digest(site_dir, base_url, built, skip_pages, preset, names)
    previous = memo.check
    if previous is not None and previous.key == key and _unchanged(site_dir, previous.files):
        return previous.lines
    from .check import FolderSite, RuleId, check_loaded

    site = FolderSite(site_dir, base_url)
    found = wanted(check_loaded(site, skip_pages, built.icons), preset)
    lines = log_lines(found)
    # A missing file's or an inconsistent page's base-URL hint looks through the whole folder,
    # which the stored file hashes do not cover: not remembered.
    if any(f.rule in (RuleId.RESOLVE, RuleId.CONSISTENCY) for f in found):
        memo.remember(None)
    else:
        files = {path: _hash(data) for path, data in site.files_read().items()}
        memo.remember(CheckResult(key, files, lines))
    return lines


def _digest(
    site_dir: Path,
    base_url: str,
    built: BuiltPages,
    skip_pages: Collection[str],
    preset: str,
    names: list[str],
) -> str:
    """A key for everything the check reads besides icon files: the pages on disk and what each
    declares, the base URL, the pages to skip and the preset."""
    hasher = hashlib.sha256(f"{base_url}\0{sorted(skip_pages)}\0{preset}".encode())
    groups: dict[PageIcons, int] = {}  # most pages share one of a few blocks
    entries = []
    for path in names:  # the pages the checker judges
        icons = built.icons.get(path)
        if icons is None:  # a page the plugin did not edit: its content is the input
            try:
                entries.append(f"{path}\1{_hash((site_dir / path).read_bytes())}")
            except OSError:
                entries.append(f"{path}\1gone")
        else:
            entries.append(f"{path}\2{groups.setdefault(icons, len(groups))}")
    for icons in groups:
        tags = "\0".join(element.source for element in icons.declarations)
        hasher.update(f"\3{icons.refusal}\0{icons.redirect}\0{tags}".encode())
    hasher.update(("\4" + "\0".join(entries)).encode())
    return hasher.hexdigest()


def _unchanged(site_dir: Path, files: dict[str, str | None]) -> bool:
    """Whether every file the last check read still has the same bytes (or is still absent)."""
    for path, digest in files.items():
        file = site_dir / path
        try:
            data = file.read_bytes() if file.is_file() else None
        except OSError:
            data = None
        if _hash(data) != digest:
            return False
    return True


def _hash(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def edit_page(html: str, block: str) -> PageEdit:
    """The injector's edit of one page, with what its head declares afterwards."""
    head = read_head(html)
    if head.refusal is not None:
        return PageEdit(html, block, html, head.refusal.value, PageIcons(refusal=head.refusal))
    result = edit(html, head, block)
    # The edit moves no other tag: a redirect stub stays one, and is skipped by the check.
    icons = PageIcons(redirect=True) if is_redirect(head) else PageIcons(result.declarations)
    return PageEdit(html, block, result.html, result.warning, icons)
