"""What counts as a page of a built site: one answer for the injector and the checker."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

HTML_SUFFIXES = (".html", ".htm")


def is_page_name(name: str) -> bool:
    """Whether a file or URL path names an HTML page (`.html` or `.htm`, any case)."""
    return name.lower().endswith(HTML_SUFFIXES)


def html_pages(site: Path) -> Iterator[Path]:
    """Every HTML file below `site`, sorted; hidden folders (`.git`, ...) and symlinks skipped.

    A symlinked page is another file's content: editing or judging it twice helps nobody.
    """
    for folder, folders, names in os.walk(site):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            if is_page_name(name) and not path.is_symlink():
                yield path
