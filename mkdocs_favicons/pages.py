"""What counts as a page of a built site: one answer for the injector and the checker."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .head import WHITESPACE, Element, Head, Refusal, ascii_lower
from .inject import icon_declarations

HTML_SUFFIXES = (".html", ".htm")


def is_page_name(name: str) -> bool:
    """Whether a file or URL path names an HTML page (`.html` or `.htm`, any case)."""
    return name.lower().endswith(HTML_SUFFIXES)


def html_pages(site: Path) -> Iterator[Path]:
    """Every HTML file below `site`, sorted; hidden folders (`.git`, ...) and symlinks skipped.

    A symlinked page is another file's content: editing or judging it twice helps nobody.
    """
    for name in page_names(site):
        yield site / name


def page_names(site: Path) -> list[str]:
    """`html_pages` as site paths (`guide/index.html`), in the same order: each folder's pages,
    then its subfolders. One `scandir` per folder, so the plugin can list a 1000-page site on
    every build (its entries know their type without another system call)."""
    names: list[str] = []
    folders = [("", str(site))]
    while folders:
        prefix, folder = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=_entry_name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            if entry.is_dir():  # follows symlinks, as os.walk lists them; never entered
                if not entry.name.startswith(".") and not entry.is_symlink():
                    subfolders.append((f"{prefix}{entry.name}/", entry.path))
            elif is_page_name(entry.name) and not entry.is_symlink():
                names.append(prefix + entry.name)
        folders += reversed(subfolders)  # popped in name order: depth first, as os.walk goes
    return names


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


@dataclass(frozen=True)
class PageIcons:
    """What a page's head tells the checker: its icon declarations, or why nobody judges them.

    The checker gets this from a read of the page; the plugin gets it from its own edit (after
    which the declarations are exactly the block's), so the in-build check need not read pages.
    """

    declarations: tuple[Element, ...] = ()
    refusal: Refusal | None = None  # the head reader could not place the head safely
    redirect: bool = False  # a redirect stub (meta refresh): nobody sees its icons


def page_icons(head: Head) -> PageIcons:
    """A page's `PageIcons` from its head, as `head.read_head` found it."""
    if head.refusal is not None:
        return PageIcons(refusal=head.refusal)
    if is_redirect(head):
        return PageIcons(redirect=True)
    return PageIcons(tuple(icon_declarations(head)))


def is_redirect(head: Head) -> bool:
    """Whether the head holds a `<meta http-equiv="refresh">`: the page only sends its visitors
    elsewhere (mkdocs-redirects' stubs)."""
    return any(_is_refresh(element) for element in head.elements_matching(_mentions_refresh))


def _mentions_refresh(text: str) -> bool:
    return "refresh" in text.lower()


def _is_refresh(element: Element) -> bool:
    return (
        element.name == "meta"
        and ascii_lower(element.attributes.get("http-equiv", "").strip(WHITESPACE)) == "refresh"
    )
