"""Names that read well: the home-screen short name, and an app name from a site's page titles."""

from __future__ import annotations

import re
from collections import Counter

SHORT_NAME_LENGTH = 12  # what fits under a home-screen icon
# A cut must not end on one of these: "Material for", "Guide to the", "Tips &".
DANGLING_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "&",
        "+",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "via",
        "vs",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "der",
        "die",
        "das",
        "und",
        "von",
        "zu",
        "el",
        "los",
        "y",
    ]
)
# Title separators: "Page - Site", "Site | Docs", "Page — Site", "Page · Site".
_SEPARATOR = re.compile(r"\s[-–—|:·•»]\s")
MAJORITY = 0.8  # a title part shared by this share of the pages is the site's name


def shorten(name: str) -> str:
    """A short name for the home screen: whole words while they fit, never ending on a dangling
    word; the full name (for the OS to truncate) when no such cut exists.

    The text before a separator (`My Project — Docs`, `API | Acme`) is tried first.
    """
    name = " ".join(name.split())
    if len(name) <= SHORT_NAME_LENGTH:
        return name
    head = _SEPARATOR.split(name, maxsplit=1)[0]
    if len(head) <= SHORT_NAME_LENGTH and not _dangles(head):
        return head
    words = head.split(" ")
    cut = [words[0]]
    for word in words[1:]:
        if len(" ".join([*cut, word])) > SHORT_NAME_LENGTH:
            break
        cut.append(word)
    while cut and cut[-1].lower() in DANGLING_WORDS:
        cut.pop()
    return " ".join(cut) if cut else name


def _dangles(text: str) -> bool:
    return text.rsplit(" ", 1)[-1].lower() in DANGLING_WORDS


def shared_title(titles: list[str], home: str = "") -> str:
    """The site's name from its pages' `<title>`s and the home page's (`home`).

    The part of the home title that other pages repeat (`Acme` from `Acme`, `Usage - Acme`,
    `API - Acme`); else a home title without separators as it is; else the part most pages share,
    or, when it differs only at its end (`Acme docs (en)`, `Acme docs (fr)`), its common leading
    words; else the home title's last part. "" when there is nothing to go on.
    """
    cleaned = [" ".join(title.split()) for title in titles if title.strip()]
    split = [[part.strip() for part in _SEPARATOR.split(title)] for title in cleaned]
    home_parts = [part.strip() for part in _SEPARATOR.split(" ".join(home.split()))]
    home_parts = [part for part in home_parts if part]
    if home_parts:
        repeated = Counter(part for parts in split for part in set(parts) if part in home_parts)
        if repeated:
            return max(repeated, key=lambda part: (repeated[part], home_parts.index(part)))
        if len(home_parts) == 1:
            return home_parts[0]
    if split:
        counts = Counter(part for parts in split for part in set(parts) if part)
        part, count = max(counts.items(), key=lambda item: (item[1], _last_share(item[0], split)))
        if count >= MAJORITY * len(split) and count > 1:
            return part
        common = _common_words([parts[-1] for parts in split])
        if common:
            return common
    return home_parts[-1] if home_parts else ""


def _common_words(texts: list[str]) -> str:
    """The leading words all `texts` share, without a dangling last word."""
    common: list[str] = []
    for words in zip(*(text.split(" ") for text in texts), strict=False):
        if len(set(words)) > 1:
            break
        common.append(words[0])
    while common and common[-1].lower() in DANGLING_WORDS:
        common.pop()
    return " ".join(common) if len(texts) > 1 else ""


def _last_share(part: str, split: list[list[str]]) -> int:
    """How many titles end with `part`: breaks ties toward the site-name position."""
    return sum(1 for parts in split if parts[-1] == part)
