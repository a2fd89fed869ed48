"""Splicing the tag block into a page's head without touching any other byte.

The page is never re-serialized. `head.read_head` finds the head as the HTML standard does
(where it really ends, implied heads, tags the parser moves into it); the edit is two kinds of
splice on the original string: remove the old declarations, insert the new block where the
head ends. Where that cannot be done safely in place the page is left as it is, with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .head import (
    WHITESPACE,
    Element,
    Head,
    Refusal,
    ascii_lower,
    parse_tag,
    read_head,
    rel_tokens,
)


# Cheap filter before parsing a tag: every icon declaration contains one of these words (a
# character reference can spell one, so "&" lets a tag through too). Substring tests on the
# lowercased tag: several times faster than a case-insensitive regex alternation.
def maybe_icon(tag: str) -> bool:
    """Whether a tag's text could be an icon declaration (a quick filter before parsing)."""
    lowered = tag.lower()
    return (
        "icon" in lowered
        or "manifest" in lowered
        or "theme-color" in lowered
        or "apple-mobile-web-app-title" in lowered
        or "msapplication" in lowered
        or "&" in lowered
    )


ICON_RELS = frozenset(("icon", "mask-icon", "manifest"))
ICON_META_NAMES = frozenset(("theme-color", "apple-mobile-web-app-title"))

__all__ = ["Head", "Injection", "Refusal", "find_head", "inject", "is_icon_declaration"]


@dataclass
class Injection:
    """The result of one edit. `removed` spans and `at` index refer to the original string."""

    html: str
    changed: bool
    removed: list[tuple[int, int]] = field(default_factory=list)
    at: int = -1
    refusal: Refusal | None = None  # why the page was left as it is
    # The icon declarations the original head held (all removed), and those it holds now.
    found: tuple[Element, ...] = ()
    declarations: tuple[Element, ...] = ()

    @property
    def warning(self) -> str:
        """The refusal as a sentence, empty when the page was edited or needed no edit."""
        return self.refusal.value if self.refusal else ""


def find_head(html: str) -> Head:
    """The head as the HTML standard's parser finds it (see `head.read_head`)."""
    return read_head(html)


def is_declaration(element: str, attributes: Mapping[str, str]) -> bool:
    """Whether a parsed `<link>`/`<meta>` declares an icon, manifest or icon-related meta."""
    if element == "link":
        tokens = rel_tokens(attributes.get("rel", ""))
        return bool(
            tokens & ICON_RELS or any(token.startswith("apple-touch-icon") for token in tokens)
        )
    if element == "meta":
        meta = ascii_lower(attributes.get("name", "").strip(WHITESPACE))
        return meta in ICON_META_NAMES or meta.startswith("msapplication-")
    return False


@lru_cache(maxsize=4096)
def is_icon_declaration(tag: str) -> bool:
    """Whether one `<link>`/`<meta>` tag, as written, declares an icon (see `is_declaration`)."""
    if not maybe_icon(tag):
        return False
    return is_declaration(*parse_tag(tag))


def icon_declarations(head: Head) -> list[Element]:
    """The head's icon declarations, in source order (moved-in ones included)."""
    candidates = head.elements_matching(maybe_icon)
    return [e for e in candidates if e.name != "base" and is_icon_declaration(e.source)]


def _whole_line(html: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """Widen a span to its whole line when nothing else stands on that line."""
    line_start = html.rfind("\n", floor, start) + 1 or floor
    line_end = html.find("\n", end)
    line_end = len(html) if line_end == -1 else line_end
    if html[line_start:start].strip() or html[end:line_end].strip():
        return start, end
    return line_start, min(line_end + 1, len(html))


@lru_cache(maxsize=64)
def block_declarations(block: str) -> tuple[Element, ...]:
    """The declarations a tag block adds, with positions within the block."""
    opening = "<head>"
    found = icon_declarations(read_head(opening + block))
    return tuple(e._replace(start=e.start - len(opening), end=e.end - len(opening)) for e in found)


def inject(html: str, block: str) -> Injection:
    """Replace every icon declaration in the head with `block`, where the head ends."""
    head = read_head(html)
    if head.refusal is not None:
        return Injection(html, False, refusal=head.refusal)
    return edit(html, head, block)


def edit(html: str, head: Head, block: str) -> Injection:
    """The splice for a head `read_head` found in `html` (`inject` checks its refusal first)."""
    found = icon_declarations(head)
    floor = head.start
    removed = [_whole_line(html, e.start, e.end, floor) for e in found]
    if not head.explicit and found and found[0].start == head.start:
        # The removed tag opened an implied head: the block opens it at the same point, so
        # comments and whitespace after it stay inside the head.
        at = removed[0][0]
    else:
        # Before the indentation of the line that ends the head: the block gets lines of its own.
        line_start = html.rfind("\n", floor, head.end) + 1 or floor
        at = head.end if html[line_start : head.end].strip() else line_start
        for start, end in removed:
            if start < at < end:
                at = end  # a removed line may end where the block goes
    added = block_declarations(block)  # positions within the block as the caller gave it
    if at > 0 and html[at - 1] != "\n" and block:
        block = "\n" + block
    result = _splice(html, removed, at, block)
    return Injection(
        result,
        result != html,
        removed,
        at,
        found=tuple(found),
        declarations=added,
    )


def _splice(html: str, removed: list[tuple[int, int]], at: int, block: str) -> str:
    edits = sorted([(start, end, "") for start, end in removed] + [(at, at, block)])
    pieces, cursor = [], 0
    for start, end, text in edits:
        pieces.append(html[cursor:start])
        pieces.append(text)
        cursor = max(cursor, end)
    pieces.append(html[cursor:])
    return "".join(pieces)
