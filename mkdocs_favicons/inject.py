"""Splicing the tag block into a page's head without touching any other byte.

The page is never re-serialized. A scanner that steps over comments and raw-text elements finds
the real `<head>` and its end, then the `<link>` and `<meta>` tags inside it. Only tags that may
be icon declarations are parsed (with BeautifulSoup, one tag at a time, memoized), and the
edit is two kinds of splice on the original string: remove old declarations, insert the new
block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_RAW_TEXT = rf"<(script|style|template|textarea|title|noscript|xmp)\b{_ATTRIBUTES}>.*?</\1\s*>"
_COMMENT = r"<!--.*?-->"
# Up to the end of the head: comments, raw text (which may contain "</head>"), head and body tags.
_DOCUMENT = re.compile(
    rf"{_COMMENT}|{_RAW_TEXT}|<(/?)(head|body)\b({_ATTRIBUTES})>", re.IGNORECASE | re.DOTALL
)
# Inside the head: the same skipping, plus every <link> and <meta>.
_HEAD_ITEMS = re.compile(
    rf"{_COMMENT}|{_RAW_TEXT}|<(?:link|meta)\b{_ATTRIBUTES}>", re.IGNORECASE | re.DOTALL
)
# Cheap filter before parsing a tag: every icon declaration contains one of these words.
_MAYBE_ICON = re.compile(
    r"icon|manifest|theme-color|apple-mobile-web-app-title|msapplication", re.I
)

ICON_RELS = {"icon", "mask-icon", "manifest"}
ICON_META_NAMES = {"theme-color", "apple-mobile-web-app-title"}


@dataclass
class Injection:
    """The result of one edit. `removed` spans and `at` index refer to the original string."""

    html: str
    changed: bool
    removed: list[tuple[int, int]] = field(default_factory=list)
    at: int = -1
    warning: str = ""


@dataclass
class Head:
    content_start: int  # just after <head ...>
    end: int  # at </head>, or at <body> when </head> is omitted


def find_head(html: str) -> Head | str:
    """The real head, or a reason why there is none to edit."""
    opened = None
    for match in _DOCUMENT.finditer(html):
        tag = (match.group(3) or "").lower()
        if not tag:
            continue
        closing = match.group(2) == "/"
        if tag == "head" and not closing:
            if opened is not None:
                return "it has two <head> start tags"
            opened = match.end()
        elif opened is None:
            return "it has no <head>"
        elif tag == "body" or closing:
            if closing and _head_follows(html, match.end()):
                return "it has two <head> start tags"
            return Head(opened, match.start())
    return "it has no <head>" if opened is None else "its <head> never ends"


def _head_follows(html: str, start: int) -> bool:
    """Whether a second <head> comes after `</head>`: browsers move its tags into the first."""
    for match in _DOCUMENT.finditer(html, start):
        if match.group(3):
            return match.group(3).lower() == "head" and match.group(2) != "/"
    return False


@lru_cache(maxsize=4096)
def parse_tag(tag: str) -> tuple[str, dict[str, str]]:
    """The element name and attributes of one `<link>`/`<meta>` tag; `("", {})` for others.

    BeautifulSoup parses only the tags that mention an icon word, one at a time, memoized: a
    site repeats the same few tags on every page, so a build parses a handful. Imported here,
    on first need, because its import alone costs ~80 ms. Treat the dict as read-only.
    """
    from bs4 import BeautifulSoup, SoupStrainer, Tag

    soup = BeautifulSoup(tag, "html.parser", parse_only=SoupStrainer(["link", "meta"]))
    element = soup.find(["link", "meta"])
    if not isinstance(element, Tag):
        return "", {}
    return element.name, {
        name: " ".join(value) if isinstance(value, list) else str(value)
        for name, value in element.attrs.items()
    }


@lru_cache(maxsize=4096)
def is_icon_declaration(tag: str) -> bool:
    """Whether one `<link>`/`<meta>` tag declares an icon, manifest or icon-related meta."""
    if not _MAYBE_ICON.search(tag):
        return False
    name, attributes = parse_tag(tag)
    if name == "link":
        tokens = set(attributes.get("rel", "").lower().split())
        return bool(
            tokens & ICON_RELS or any(token.startswith("apple-touch-icon") for token in tokens)
        )
    if name == "meta":
        meta = attributes.get("name", "").strip().lower()
        return meta in ICON_META_NAMES or meta.startswith("msapplication-")
    return False


def icon_declarations(html: str, head: Head) -> Iterator[re.Match[str]]:
    """Every icon declaration in the head, stepping over comments and raw-text elements."""
    for match in _HEAD_ITEMS.finditer(html, head.content_start, head.end):
        if match.group(1) is None and is_icon_declaration(match.group(0)):
            yield match


def _whole_line(html: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """Widen a span to its whole line when nothing else stands on that line."""
    line_start = html.rfind("\n", floor, start) + 1 or floor
    line_end = html.find("\n", end)
    line_end = len(html) if line_end == -1 else line_end
    if html[line_start:start].strip() or html[end:line_end].strip():
        return start, end
    return line_start, min(line_end + 1, len(html))


def inject(html: str, block: str) -> Injection:
    """Replace every icon declaration in the head with `block`, at the end of the head."""
    head = find_head(html)
    if isinstance(head, str):
        return Injection(html, False, warning=head)
    removed = [
        _whole_line(html, match.start(), match.end(), head.content_start)
        for match in icon_declarations(html, head)
    ]
    # Insert before the indentation of the </head> line, so the block sits on lines of its own.
    line_start = html.rfind("\n", head.content_start, head.end) + 1 or head.content_start
    at = head.end if html[line_start : head.end].strip() else line_start
    if at > 0 and html[at - 1] != "\n":
        block = "\n" + block
    pieces, cursor = [], 0
    for start, end in removed:
        pieces.append(html[cursor:start])
        cursor = end
    at = max(at, cursor)  # a removed line may end where the block goes
    pieces.append(html[cursor:at])
    pieces.append(block)
    pieces.append(html[at:])
    result = "".join(pieces)
    return Injection(result, result != html, removed, at)
