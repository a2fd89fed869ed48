"""A page's head, read as the HTML standard reads it, up to where the head ends.

This follows the WHATWG tokenizer (data, tag, comment, bogus comment, RCDATA, RAWTEXT and the
script data states, escaped and double-escaped included) and the "before head", "in head" and
"after head" insertion modes, which decide where the head starts (a `<head>` tag, or an implied
head), where it really ends (`</head>`, or the first token "in head" does not accept) and which
later tags the parser moves into it. It never builds a tree: compiled regexes jump from token to
token, and reading stops where the body starts, so a page costs a few dozen regex matches.

Attributes of `<link>`, `<meta>` and `<base>` are parsed exactly as the tokenizer does: names
ASCII-lowercased, the first of two duplicates wins, character references decoded with the
attribute-value rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache
from html import unescape
from html.entities import html5 as NAMED_REFERENCES
from typing import NamedTuple

WHITESPACE = "\t\n\f\r "  # ASCII whitespace: the only separators the standard knows
_NAME = r"[^\t\n\f\r />][^\t\n\f\r />=]*"
# A quoted value may run to the end of the input (then the tag never closes).
_VALUE = r"""(?:"[^"]*(?:"|\Z)|'[^']*(?:'|\Z)|(?!["'])[^\t\n\f\r >]*)"""
_ATTRIBUTES = rf"(?:[\t\n\f\r /]|{_NAME}(?:[\t\n\f\r ]*=[\t\n\f\r ]*{_VALUE})?)*"
# One token at the current position. The attribute run sits in a lookahead and is consumed by a
# back-reference: an atomic group, so a tag that never closes costs one pass, not backtracking.
_TOKEN = re.compile(
    r"(?P<space>[\t\n\f\r ]+)"
    r"|(?P<text>[^<\t\n\f\r ][^<]*)"
    rf"|(?P<tag><(?P<slash>/?)(?P<name>[a-zA-Z][^\t\n\f\r />]*)"
    rf"(?=(?P<attributes>{_ATTRIBUTES}))(?P=attributes)(?P<close>>)?)"
    r"|(?P<comment><!--(?:-?>|.*?--!?>|(?P<unclosed>.*)\Z))"
    r"|(?P<ignored></>)"
    r"|(?P<bogus><(?:!|\?|/(?!\Z))[^>]*>?)"
    r"|(?P<less><)",
    re.DOTALL,
)
# The common case first: leading whitespace, then a tag whose attributes are whitespace-separated,
# names plain, values quoted or quote-free right after "=". Such a tag ends where the standard's
# does (a ">" can only hide in a quoted value), and anything else falls to `_TOKEN`.
_PLAIN_ATTRIBUTES = (
    r"(?:[\t\n\f\r ]+[a-zA-Z_:-][^\t\n\f\r />=\"'<]*"
    r"(?:=(?:\"[^\"]*\"|'[^']*'|[^\t\n\f\r >\"']+))?)*[\t\n\f\r ]*/?"
)
_PLAIN_TAG = re.compile(
    r"[\t\n\f\r ]*(?P<tag><(?P<slash>/?)(?P<name>[a-zA-Z][^\t\n\f\r />]*)"
    rf"(?P<attributes>{_PLAIN_ATTRIBUTES})(?P<close>>))"
)
# A run of plain <link>, <meta> and <base> tags: in the head, read in one match, and split into
# elements only when someone asks (most pages' heads are mostly such runs).
_RECORDED_TAG = rf"<(link|meta|base)(?=[\t\n\f\r />]){_PLAIN_ATTRIBUTES}>"
_RUN = re.compile(rf"(?:[\t\n\f\r ]*{_RECORDED_TAG})+", re.I | re.A)
_RUN_TAG = re.compile(_RECORDED_TAG, re.I | re.A)
_ATTRIBUTE = re.compile(
    rf"({_NAME})(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:\"([^\"]*)\"?|'([^']*)'?|([^\t\n\f\r >]*)))?"
)
_CHARACTER_REFERENCE = re.compile(r"&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([a-zA-Z0-9]+;?))")
_SCRIPT_DATA = re.compile(r"<(?:/(script)[\t\n\f\r />]|!--)", re.I | re.A)
_SCRIPT_ESCAPED = re.compile(r"-->|<(/?)script[\t\n\f\r />]", re.I | re.A)
_RAW_TEXT = ("style", "xmp", "iframe", "noembed", "noframes", "noscript")  # scripting enabled
_RCDATA = ("title", "textarea")
_RAW_END = {
    name: re.compile(rf"</{name}(?=[\t\n\f\r />])", re.I | re.A) for name in (*_RAW_TEXT, *_RCDATA)
}
_RAW_ELEMENTS = frozenset((*_RAW_END, "script"))
_VOID_IN_HEAD = frozenset(("base", "basefont", "bgsound", "link", "meta"))
_RECORDED = frozenset(("base", "link", "meta"))
# Start tags "after head" moves into the head (noscript is not among them).
_MOVED_INTO_HEAD = frozenset((*_VOID_IN_HEAD, "noframes", "script", "style", "template", "title"))
_HEAD_RAW = frozenset(("title", "style", "noframes", "noscript", "script"))
_ENDS_BEFORE_HEAD = frozenset(("head", "body", "html", "br"))  # other end tags are ignored
# Inside <template>, these change how everything after them is parsed in ways not followed here.
_UNFOLLOWED_IN_TEMPLATE = frozenset(("svg", "math", "select", "plaintext"))
_PAGE_MARKERS = frozenset(("html", "head", "body", "frameset"))
_WINDOWS_1252 = {n: bytes([n]).decode("cp1252", "ignore") or chr(n) for n in range(0x80, 0xA0)}
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Refusal(Enum):
    """Why the block cannot be inserted in place; the value is the sentence for the warning."""

    FRAGMENT = (
        "it is a fragment, not a page: no <!DOCTYPE>, <html>, <head> or <body>, and nothing "
        "that belongs in a head"
    )
    UNCLOSED = "the file ends inside a comment that opens before its head; close the comment"
    TEMPLATE = (
        "a <template> in its head holds <svg>, <math>, <select> or <plaintext>, which "
        "the head reader does not follow; move that template into the body"
    )


class Element(NamedTuple):
    """A `<link>`, `<meta>` or `<base>` start tag the standard puts in the head."""

    name: str  # "link", "meta" or "base"
    start: int
    end: int
    source: str  # the tag as written

    @property
    def attributes(self) -> Mapping[str, str]:
        """The attributes as the tokenizer sees them (read-only, shared between equal tags)."""
        return parse_tag(self.source)[1]


@dataclass
class Head:
    """Where a page's head lies in its text, and the elements the standard puts in it."""

    html: str = field(repr=False)
    start: int = -1  # where its content starts: after `<head ...>`, or where an implied head opens
    end: int = -1  # where its content ends: at `</head>`, at the token that ends it, or at EOF
    explicit: bool = False  # a `<head>` tag opened it (else the parser implied it)
    refusal: Refusal | None = None  # why the block cannot be inserted at `end`
    reached_eof: bool = False  # the input ended before the body began (read more, if any)
    runs: list[tuple[int, int]] = field(default_factory=list)  # spans of recorded tags only
    singles: list[Element] = field(default_factory=list)  # recorded one at a time

    @cached_property
    def elements(self) -> list[Element]:
        """The head's `<link>`, `<meta>` and `<base>` elements, moved-in ones included, in order."""
        return self.elements_matching(None)

    def elements_matching(self, keep: Callable[[str], bool] | None) -> list[Element]:
        """The elements whose tag text `keep` accepts (all when None), in source order.

        `keep` must accept any text that contains a tag it accepts (a word test, say): a whole
        run of tags is tested first, and split only when it passes.
        """
        html, found = self.html, []
        for start, end in self.runs:
            if keep is not None and not keep(html[start:end]):
                continue
            for match in _RUN_TAG.finditer(html, start, end):
                source = match[0]
                if keep is None or keep(source):
                    found.append(Element(match[1].lower(), *match.span(), source))
        found += (e for e in self.singles if keep is None or keep(e.source))
        if self.runs and self.singles:
            found.sort(key=lambda element: element.start)
        return found


class _Mode(Enum):
    BEFORE_HEAD = 1  # "initial", "before html" and "before head" act alike for the head
    IN_HEAD = 2
    AFTER_HEAD = 3


def ascii_lower(text: str) -> str:
    """Lowercase A-Z only, as the standard does for names (`str.lower` maps more)."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


def read_head(html: str) -> Head:
    """The head of a whole document, as the HTML standard's parser finds it."""
    return _Reader(html).read()


class _Reader:
    def __init__(self, html: str) -> None:
        self.html = html
        self.mode = _Mode.BEFORE_HEAD
        self.head = Head(html)
        self.page_marked = False  # a doctype, <html>, <head>, <body> or head content was seen
        self.templates = 0  # open <template> elements
        self.template_mode = _Mode.IN_HEAD  # where a closing template returns
        self.template_start = -1  # where the outermost open template starts

    def read(self) -> Head:
        html = self.html
        position = 1 if html.startswith("\ufeff") else 0
        length = len(html)
        plain, token, run, runs = _PLAIN_TAG.match, _TOKEN.match, _RUN.match, self.head.runs
        while position < length:
            in_head = self.mode is _Mode.IN_HEAD and not self.templates
            if in_head:
                # The hot path: runs of <link>, <meta> and <base>, then <script>, <style>, <title>.
                found = run(html, position)
                if found is not None:
                    runs.append(found.span())
                    position = found.end()
                    continue
            match = plain(html, position)
            if match is not None and in_head:
                slash, name = match.group("slash", "name")
                if not slash:
                    name = name.lower() if name.isascii() else ascii_lower(name)
                    if name in _HEAD_RAW:
                        self.page_marked = True
                        position = self._skip_raw(name, match.end())
                        if position < 0:
                            return self._unclosed(match.start("tag"))
                        continue
            match = match or token(html, position)
            assert match is not None  # `<` alone always matches
            kind = match.lastgroup
            if kind == "space" or kind == "ignored":
                position = match.end()
            elif kind == "text" or kind == "less":
                text = match.group()
                if self.templates or not unescape(text).strip(WHITESPACE):
                    position = match.end()  # template content, or references to whitespace
                elif self._ends_head(match.start()):
                    return self._finish()
                else:
                    position = match.end()
            elif kind == "comment" or kind == "bogus":
                if match.group("unclosed") is not None or not match.group().endswith(">"):
                    return self._unclosed(match.start(), tag=False)
                if match.group()[2:9].lower() == "doctype":
                    self.page_marked = True
                position = match.end()
            else:
                if match.group("close") is None:
                    return self._unclosed(match.start("tag"))  # the tag runs to the end
                name = ascii_lower(match.group("name"))
                if match.group("slash"):
                    next_position = self._end_tag(name, match)
                else:
                    next_position = self._start_tag(name, match)
                if next_position is None:
                    return self._finish()
                if next_position < 0:
                    return self._unclosed(match.start("tag"))  # its raw text runs to the end
                position = next_position
        return self._at_eof()

    # ---- tokens ---------------------------------------------------------------------------
    def _start_tag(self, name: str, match: re.Match[str]) -> int | None:
        """Where reading goes on after a start tag; None when the head's reach ends here."""
        end = match.end()
        if self.templates:
            if name in _UNFOLLOWED_IN_TEMPLATE:
                self.head.refusal = Refusal.TEMPLATE
                return None
            if name == "template":
                self.templates += 1
            return self._skip_raw(name, end) if name in _RAW_ELEMENTS else end
        if name in _PAGE_MARKERS:
            self.page_marked = True
        if self.mode is _Mode.BEFORE_HEAD:
            if name == "html":
                return end
            if name == "head":
                self.head.start, self.head.explicit = end, True
                self.mode = _Mode.IN_HEAD
                return end
            self.head.start = match.start("tag")  # an implied head opens here
            self.mode = _Mode.IN_HEAD
        if self.mode is _Mode.IN_HEAD:
            if name in ("head", "html"):
                return end  # ignored
            if name in _VOID_IN_HEAD or name in _HEAD_RAW or name == "template":
                self.page_marked = True
                return self._in_head(name, match)
            self.head.end = match.start("tag")
            return None
        # after head
        if name in ("head", "html"):
            return end
        if name in _MOVED_INTO_HEAD:
            return self._in_head(name, match)
        return None  # <body>, <frameset> or body content: the body begins

    def _in_head(self, name: str, match: re.Match[str]) -> int:
        end = match.end()
        if name in _RECORDED:
            self.head.singles.append(Element(name, match.start("tag"), end, match.group("tag")))
            return end
        if name == "template":
            self.templates, self.template_mode = 1, self.mode
            self.template_start = match.start("tag")
            return end
        return self._skip_raw(name, end) if name in _RAW_ELEMENTS else end

    def _end_tag(self, name: str, match: re.Match[str]) -> int | None:
        end = match.end()
        if self.templates:
            if name == "template":
                self.templates -= 1
                if not self.templates:
                    self.mode = self.template_mode
            return end
        if self.mode is _Mode.BEFORE_HEAD:
            if name not in _ENDS_BEFORE_HEAD:
                return end
            self.head.start = match.start("tag")  # an empty implied head
            self.mode = _Mode.IN_HEAD
        if self.mode is _Mode.IN_HEAD:
            if name == "head":
                self.head.end = match.start("tag")
                self.mode = _Mode.AFTER_HEAD
                return end
            if name in ("body", "html", "br"):
                self.head.end = match.start("tag")
                return None
            return end
        return None if name in ("body", "html", "br") else end

    def _skip_raw(self, name: str, start: int) -> int:
        """The end of a raw-text element's end tag, or -1 when it runs to the end of input."""
        html = self.html
        closing = _script_end(html, start) if name == "script" else _raw_end(html, name, start)
        if closing is None:
            return -1
        match = _TOKEN.match(html, closing)
        assert match is not None
        return match.end() if match.group("close") else -1

    # ---- endings --------------------------------------------------------------------------
    def _ends_head(self, at: int) -> bool:
        """Non-whitespace text: it ends the head, or (after head) starts the body."""
        if self.mode is _Mode.BEFORE_HEAD:
            self.head.start = at
        if self.mode is not _Mode.AFTER_HEAD:
            self.head.end = at
        return True

    def _finish(self) -> Head:
        head = self.head
        if head.runs or head.singles or head.start < head.end:
            self.page_marked = True  # the head holds something: this is a page
        if head.end < 0:  # refused inside a template before the head ended
            head.start, head.end = max(head.start, 0), len(self.html)
        if not (self.page_marked or head.explicit) and head.refusal is None:
            head.refusal = Refusal.FRAGMENT
        return head

    def _at_eof(self) -> Head:
        head = self.head
        head.reached_eof = True
        length = len(self.html)
        if self.templates:
            return self._unclosed(self.template_start)
        if self.mode is _Mode.BEFORE_HEAD:
            head.start = length
        if self.mode is not _Mode.AFTER_HEAD:
            head.end = length
        return self._finish()

    def _unclosed(self, start: int, tag: bool = True) -> Head:
        """The input ended inside the construct (tag, raw text, comment) starting at `start`.

        The head ends at the end of the input, inside that construct, so the block goes just
        before it: still in the head, unless a comment precedes the head (a comment there
        belongs to the document, and would move into the head after the block).
        """
        head = self.head
        head.reached_eof = True
        if self.templates:
            start, tag = self.template_start, True
        if self.mode is _Mode.IN_HEAD or self.mode is _Mode.BEFORE_HEAD and tag:
            if self.mode is _Mode.BEFORE_HEAD:
                head.start = start
            head.end = start
        elif self.mode is _Mode.BEFORE_HEAD:
            head.start = head.end = len(self.html)
            head.refusal = Refusal.UNCLOSED
        return self._finish()


def _raw_end(html: str, name: str, start: int) -> int | None:
    match = _RAW_END[name].search(html, start)
    return match.start() if match else None


def _script_end(html: str, position: int) -> int | None:
    """Where a script's `</script` end tag starts, through the escaped states; None at EOF."""
    escaped = double = False
    while True:
        if not escaped:
            match = _SCRIPT_DATA.search(html, position)
            if match is None:
                return None
            if match.group(1):
                return match.start()
            escaped, position = True, match.end() - 2  # `<!--` ends in "escaped dash dash"
            continue
        match = _SCRIPT_ESCAPED.search(html, position)
        if match is None:
            return None
        position = match.end()
        if match.group() == "-->":
            escaped = double = False
        elif match.group(1):  # `</script`
            if not double:
                return match.start()
            double = False
        else:  # `<script`
            double = True


# ---- attributes -------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def parse_tag(tag: str) -> tuple[str, Mapping[str, str]]:
    """The name and attributes of one start tag as the tokenizer sees them; `("", {})` if none.

    Names are ASCII-lowercased, the first of duplicate attributes wins, values have their
    character references decoded. Memoized: a site repeats the same few tags on every page.
    """
    match = _TOKEN.match(tag)
    if match is None or match.lastgroup != "tag" or match.group("slash"):
        return "", {}
    attributes: dict[str, str] = {}
    for attribute in _ATTRIBUTE.finditer(match.group("attributes")):
        name = ascii_lower(attribute.group(1)).replace("\0", "\ufffd")
        if name in attributes:
            continue  # the standard drops later duplicates
        value = next((v for v in attribute.group(2, 3, 4) if v is not None), "")
        attributes[name] = decode_attribute(value)
    return ascii_lower(match.group("name")), attributes


def decode_attribute(value: str) -> str:
    """An attribute value as the tokenizer stores it: newlines normalized, references decoded."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in value:
        value = value.replace("\0", "\ufffd")
    return _CHARACTER_REFERENCE.sub(_reference, value) if "&" in value else value


def _reference(match: re.Match[str]) -> str:
    hexadecimal, decimal, named = match.groups()
    if named is None:
        number = int(hexadecimal, 16) if hexadecimal is not None else int(decimal)
        if number == 0 or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
            return "\ufffd"
        return _WINDOWS_1252.get(number) or chr(number)
    if named.endswith(";") and named in NAMED_REFERENCES:
        return NAMED_REFERENCES[named]
    # The longest known name without its semicolon. In an attribute, such a reference followed
    # by "=" or an alphanumeric stays as written (`?a=1&copy=2` keeps `&copy`).
    for length in range(len(named.rstrip(";")), 1, -1):
        prefix = named[:length]
        if prefix in NAMED_REFERENCES:
            following = named[length : length + 1] or match.string[match.end() : match.end() + 1]
            if following == "=" or following.isascii() and following.isalnum():
                return match.group()
            return NAMED_REFERENCES[prefix] + named[length:]
    return match.group()


def rel_tokens(value: str) -> frozenset[str]:
    """A `rel` value's tokens: split on ASCII whitespace only, ASCII-lowercased."""
    return frozenset(ascii_lower(value).translate(_SPLIT_WHITESPACE).split(" ")) - {""}


_SPLIT_WHITESPACE = str.maketrans("\t\n\f\r", "    ")
