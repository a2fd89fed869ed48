"""What every rule shares: the Finding type, and the Context that reads each file once."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from ..errors import FaviconError
from ..options import check_color
from .images import Asset
from .site import Declaration, Page, Site, Skipped

T = TypeVar("T")
ROOT_TOUCH_ICON = "apple-touch-icon.png"  # iOS requests it without a tag


class Severity(str, Enum):
    """How much a finding matters: errors fail `check`, warnings fail `--strict` builds."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # information only, such as a page the checker skipped

    def __str__(self) -> str:
        return self.value


class RuleId(str, Enum):
    """The rule a finding comes from, as reports and `--json` spell it."""

    SKIPPED = "skipped"
    CONSISTENCY = "consistency"
    DUPLICATE = "duplicate"
    RESOLVE = "resolve"
    NOT_FOUND_RELATIVE = "404-relative"
    ROOT_ICO = "root-ico"
    FORMAT = "format"
    SIZES = "sizes"
    ICO = "ico"
    SVG = "svg"
    TOUCH_ICON = "touch-icon"
    MANIFEST = "manifest"
    MASKABLE = "maskable"
    THEME_COLOR = "theme-color"
    BROWSERCONFIG = "browserconfig"
    MSTILE = "mstile"
    VISIBILITY = "visibility"

    def __str__(self) -> str:
        return self.value


ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE


@dataclass
class Finding:
    """One problem: where, which rule, what is wrong and how to fix it."""

    severity: Severity
    page: str  # the page or file where the problem is, as a site path
    rule: RuleId
    message: str
    fix: str  # empty for notes

    def describe(self) -> str:
        """The finding as one line, without its severity (the log level or a prefix adds it)."""
        fix = f" Fix: {self.fix}." if self.fix else ""
        return f"{self.page}: [{self.rule}] {self.message}.{fix}"


@dataclass(frozen=True)
class Rule:
    """One entry of the checker's registry: what it checks and what it can report."""

    id: RuleId
    summary: str  # one line, for the docs' table of rules
    severities: tuple[Severity, ...]
    run: Callable[[Context], Iterator[Finding]]


@dataclass(frozen=True)
class ManifestIcon:
    """One entry of a manifest's `icons`: the manifest's path, the entry, where `src` leads."""

    manifest: str
    entry: dict[str, object]
    target: str | None  # the site path; None when src leaves the site

    def get(self, key: str, default: str = "") -> str:
        """The entry's `key` as text (`sizes`, `purpose`, `type`)."""
        return str(self.entry.get(key, default))


class Context:
    """The pages of one site and its files, each read and decoded at most once."""

    def __init__(self, site: Site, pages: list[Page], skipped: list[Skipped] | None = None) -> None:
        self.site = site
        self.pages = pages
        self.skipped = skipped or []
        self._assets: dict[str, Asset | None] = {}
        self._seen: set[object] = set()
        self._distinct: list[Declaration] | None = None
        self._manifests: dict[str, dict[str, object] | None] = {}

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

    def touch_icon_paths(self) -> list[str]:
        """The declared apple-touch-icons, and the root one iOS requests without a tag."""
        paths = {d.target for d in self.distinct() if is_touch(d) and d.target}
        if self.site.read(ROOT_TOUCH_ICON) is not None:
            paths.add(ROOT_TOUCH_ICON)
        return sorted(paths)

    def manifest(self, path: str) -> dict[str, object] | None:
        """A manifest file's JSON object; None when it is missing, does not parse or is not an
        object (the manifest rule reports why)."""
        if path not in self._manifests:
            asset = self.asset(path)
            try:
                data = json.loads(asset.data.decode("utf-8-sig")) if asset else None
            except (ValueError, UnicodeDecodeError):
                data = None
            self._manifests[path] = data if isinstance(data, dict) else None
        return self._manifests[path]

    def manifest_icons(self) -> Iterator[ManifestIcon]:
        """Each icon entry with a `src` in each declared manifest that parses."""
        for declaration in self.distinct():
            if not (is_link(declaration, "manifest") and declaration.target):
                continue
            data = self.manifest(declaration.target)
            icons = data.get("icons") if data else None
            for entry in icons if isinstance(icons, list) else ():
                src = entry.get("src") if isinstance(entry, dict) else None
                if isinstance(src, str) and src:
                    target = self.site.resolve(src, declaration.target)
                    yield ManifestIcon(declaration.target, entry, target)


def is_link(declaration: Declaration, *rels: str) -> bool:
    return declaration.element == "link" and bool(declaration.rel & set(rels))


def is_icon(declaration: Declaration) -> bool:
    return is_link(declaration, "icon", "mask-icon") or is_touch(declaration)


def is_touch(declaration: Declaration) -> bool:
    return declaration.element == "link" and any(
        rel.startswith("apple-touch-icon") for rel in declaration.rel
    )


def memoized(function: Callable[[Declaration], T]) -> Callable[[Declaration], T]:
    """Per-run memo: a site shares one Declaration object among all pages that mean the same."""
    cache: dict[Declaration, T] = {}

    def get(declaration: Declaration) -> T:
        if declaration not in cache:
            cache[declaration] = function(declaration)
        return cache[declaration]

    return get


def valid_color(value: object) -> bool:
    try:
        check_color(str(value) if isinstance(value, str) else "", "colour")
    except FaviconError:
        return False
    return True
