"""What one build learned that the next can reuse: the in-build check's result, in one small
JSON file written atomically in the cache folder, and (for `mkdocs serve` only) each page's last
edit, in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from . import __version__
from .errors import log
from .pages import PageIcons

FORMAT = 2
LogLevel = Literal["warning", "debug"]  # findings are warnings; notes (skipped pages) debug
LOG_LEVELS: tuple[LogLevel, ...] = ("warning", "debug")


@dataclass
class CheckResult:
    """The in-build check's log lines for one input, and the files it read to get them."""

    key: str  # digest of the pages' declarations, the base URL and the options that filter
    files: dict[str, str | None]  # site path -> SHA-256 of its bytes, None when it was absent
    lines: list[tuple[LogLevel, str]]


@dataclass
class BuildMemo:
    """The last check's result, loaded from `path` (None: kept in memory only)."""

    path: Path | None
    check: CheckResult | None = None

    @classmethod
    def load(cls, path: Path | None) -> BuildMemo:
        """The memo stored at `path`, or an empty one when it is absent, stale or unreadable."""
        memo = cls(path)
        if path is None:
            return memo
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("stamp") != code_stamp():
                return memo
            check = data["check"]
            lines = [(_level(level), str(line)) for level, line in check["lines"]]
            files = {str(name): None if d is None else str(d) for name, d in check["files"].items()}
            memo.check = CheckResult(str(check["key"]), files, lines)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path)  # a missing or damaged memo only costs the work it would save
        return memo

    def remember(self, result: CheckResult | None) -> None:
        """Keep `result` (None forgets the last one), written at once when it changed."""
        if result == self.check:
            return
        self.check = result
        if self.path is None:
            return
        data = {"format": FORMAT, "stamp": code_stamp(), "check": result and vars(result)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        except OSError as error:
            log.info(f"cache folder {self.path.parent} is not writable ({error}); not caching")
            return
        try:  # written beside it and renamed over it: a reader never sees half a file
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream)
            os.replace(temporary, self.path)
        except OSError as error:
            log.info(f"could not write {self.path} ({error}); not caching")
            Path(temporary).unlink(missing_ok=True)


def _level(value: object) -> LogLevel:
    for level in LOG_LEVELS:
        if value == level:
            return level
    raise ValueError(f"unknown log level {value!r}")


def memo_path(cache_dir: Path, config_file: str) -> Path:
    """One memo per mkdocs.yml, so sites sharing a cache folder do not evict each other."""
    digest = hashlib.sha256(str(Path(config_file).resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"build-{digest}.json"


@cache  # once per process: the code does not change under a running build
def code_stamp() -> str:
    """What a stored result depends on besides its inputs: this package's code."""
    package = Path(__file__).parent
    parts = [__version__]
    for folder in (package, package / "check"):
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    parts.append(f"{entry.name}:{stat.st_mtime_ns}:{stat.st_size}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


@dataclass
class PageEdit:
    """One page's edit in the last build: the HTML in, the block, and what came out."""

    html: str
    block: str
    output: str
    warning: str
    icons: PageIcons  # what the page's head declares after the edit


class PageEdits:
    """Each page's last edit, for `mkdocs serve`: a rebuild renders every page again, but only
    the edited ones differ. An unchanged page (the same HTML, compared in full, and the same
    block) gets the same output without reading its head again.

    Kept in memory only, up to MAX_CHARS of HTML in and out, so a huge site is memoized in part.
    """

    MAX_CHARS = 64 * 1024 * 1024

    def __init__(self) -> None:
        self.edits: dict[str, PageEdit] = {}
        self.chars = 0

    def get(self, path: str, html: str, block: str) -> PageEdit | None:
        """The last edit of `path` if it was given exactly this HTML and block."""
        edit = self.edits.get(path)
        if edit is not None and edit.block == block and edit.html == html:
            return edit
        return None

    def put(self, path: str, edit: PageEdit) -> None:
        """Remember `edit` as the last of `path`, while the memory bound allows."""
        old = self.edits.pop(path, None)
        if old is not None:
            self.chars -= len(old.html) + len(old.output)
        size = len(edit.html) + len(edit.output)
        if self.chars + size <= self.MAX_CHARS:
            self.edits[path] = edit
            self.chars += size
