"""Spec-compliant parsers as the judges of edits: html5lib, and lexbor (through selectolax).

html5lib is a pure-Python implementation of the HTML standard's parser, but 1.1 has no
`<template>` support (it parses one as an ordinary body element), so documents that contain one
are judged by lexbor, a C implementation of the current standard. Lexbor parses with scripting
off (`<noscript>` content as markup), browsers with it on, so documents with a `<noscript>` are
judged by html5lib (scripting on). Both judge the rest; `judges` says which apply.

An edit is right when, in each judge's tree of the result:
- the block's declarations are children of `<head>`, and no other icon declaration is;
- everything else equals the original's tree minus its removed declarations (inter-element
  whitespace directly in `<html>` and `<head>` aside: it is not rendered, and lines move);
- a second run changes nothing.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import html5lib
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from selectolax.lexbor import LexborHTMLParser, LexborNode

if TYPE_CHECKING:
    from bs4 import Tag

WHITESPACE = "\t\n\f\r "
Node = Any  # html5lib's etree elements


def parse(html: str) -> Node:
    # Browsers run with scripting on: <noscript> in the head is raw text for them.
    # A browser decodes bytes and drops a byte order mark; html5lib takes text as it is.
    html = html.removeprefix("\ufeff")
    return html5lib.HTMLParser(namespaceHTMLElements=False).parse(html, scripting=True)


def _name(node: Node) -> str:
    tag = getattr(node, "tag", "")
    return tag if isinstance(tag, str) else "#comment"


def is_declaration(node: Node) -> bool:
    """The icon-declaration policy, on the parser's own attributes."""
    tag = _name(node)
    if tag == "link":
        rel = node.get("rel", "")
        for space in "\t\n\f\r":
            rel = rel.replace(space, " ")
        tokens = {token.lower() for token in rel.split(" ") if token}
        return bool(
            tokens & {"icon", "mask-icon", "manifest"}
            or any(token.startswith("apple-touch-icon") for token in tokens)
        )
    if tag == "meta":
        name = node.get("name", "").strip(WHITESPACE).lower()
        return name in ("theme-color", "apple-mobile-web-app-title") or name.startswith(
            "msapplication-"
        )
    return False


def find(root: Node, tag: str) -> Node | None:
    for node in root.iter():
        if _name(node) == tag:
            return node
    return None


def head_declarations(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """The icon declarations that are children of the parser's `<head>`, in order."""
    head = find(parse(html), "head")
    assert head is not None  # the parser always makes one
    return [
        (_name(child), tuple(sorted(child.attrib.items())))
        for child in head
        if is_declaration(child)
    ]


def body_declarations(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """Icon declarations anywhere but as children of `<head>` (the body's are not ours)."""
    root = parse(html)
    head = find(root, "head")
    in_head = {id(child) for child in head} if head is not None else set()
    return [
        (_name(node), tuple(sorted(node.attrib.items())))
        for node in root.iter()
        if is_declaration(node) and id(node) not in in_head
    ]


def canonical(html: str) -> tuple[object, ...]:
    """The tree minus the head's icon declarations and unrendered whitespace around them."""
    return _canonical(parse(html), "")


def _canonical(node: Node, parent: str) -> tuple[object, ...]:
    name = _name(node)
    children: list[object] = []

    def text(value: str | None) -> None:
        if not value:
            return
        if children and isinstance(children[-1], str):
            children[-1] += value
        else:
            children.append(value)

    if name == "#comment":
        return ("#comment", node.text or "")
    text(node.text)
    for child in node:
        if not (name == "head" and is_declaration(child)):
            children.append(_canonical(child, name))
        text(child.tail)
    if name in ("html", "head"):
        children = [c for c in children if not (isinstance(c, str) and not c.strip(WHITESPACE))]
    return (name, tuple(sorted(node.attrib.items())), tuple(children))


# ---- lexbor -----------------------------------------------------------------------------------
Declaration = tuple[str, tuple[tuple[str, str], ...]]


def _lexbor_attributes(node: LexborNode) -> dict[str, str]:
    return {name: value or "" for name, value in node.attributes.items()}


def _is_lexbor_declaration(node: LexborNode) -> bool:
    class View(dict):  # type: ignore[type-arg]
        tag = node.tag

    return is_declaration(View(_lexbor_attributes(node)))


def lexbor_head_declarations(html: str) -> list[Declaration]:
    head = LexborHTMLParser(html).head
    assert head is not None
    return [
        (node.tag, tuple(sorted(_lexbor_attributes(node).items())))
        for node in head.iter()
        if _is_lexbor_declaration(node)
    ]


def lexbor_canonical(html: str) -> tuple[object, ...]:
    root = LexborHTMLParser(html).root
    assert root is not None
    return _lexbor_canonical(root)


def _lexbor_canonical(node: LexborNode) -> tuple[object, ...]:
    name = node.tag
    if name == "template" or name == "-comment":
        return (name, node.html)  # template contents live in their own fragment
    children: list[object] = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            value = child.text_content or ""
            if children and isinstance(children[-1], str):
                children[-1] += value
            else:
                children.append(value)
        elif not (name == "head" and _is_lexbor_declaration(child)):
            children.append(_lexbor_canonical(child))
    if name in ("html", "head"):
        children = [c for c in children if not (isinstance(c, str) and not c.strip(WHITESPACE))]
    return (name, tuple(sorted(_lexbor_attributes(node).items())), tuple(children))


_JUDGES = {
    "lexbor": (lexbor_head_declarations, lexbor_canonical),
    "html5lib": (head_declarations, canonical),
}


def judges(html: str) -> list[str]:
    """The parsers that read `html` as a browser does (see the module docstring)."""
    lowered = html.lower()
    found = []
    if "noscript" not in lowered:
        found.append("lexbor")
    if "template" not in lowered:
        found.append("html5lib")
    return found


def judge(original: str, result: str, block: str) -> list[str]:
    """What is wrong with `result` as an edit of `original` that adds `block`; empty if right."""
    # A browser decodes bytes and drops a byte order mark; these parsers take text as it is.
    original, result = original.removeprefix("\ufeff"), result.removeprefix("\ufeff")
    problems = []
    for name in judges(original):
        declarations, tree = _JUDGES[name]
        try:
            tree(original)
        except UnicodeDecodeError:
            # selectolax (seen with 0.4.11) hands back half a character where lexbor drops
            # text in a frameset (`<frameset>&nbsp;`): that parser cannot judge this document.
            continue
        if declarations(result) != declarations("<head>" + block):
            problems.append(f"{name}: the head's declarations are not the block's")
        if tree(result) != tree(original):
            problems.append(f"{name}: the rest of the tree changed")
    return problems


# ---- the edit itself, span by span: independent of mkdocs_favicons.inject -------------------


def our_block(prefix: str = "") -> str:
    """The real tag block the plugin injects, for an SVG source of the minimal preset."""
    from mkdocs_favicons.iconset import IconSet
    from mkdocs_favicons.options import Options
    from mkdocs_favicons.presets import MANIFEST_NAME, icons_for
    from mkdocs_favicons.tags import TagBuilder

    names = [icon.name for icon in icons_for("minimal", True)] + [MANIFEST_NAME]
    iconset = IconSet(Options(app_name="Robust"), True, "#3b5bdb", dict.fromkeys(names, b""))
    return TagBuilder(iconset).block(prefix)


def declares_icon(tag: Tag) -> bool:
    """Whether a parsed <link>/<meta> is an icon declaration, by the HTML and PWA specs."""
    if tag.name == "link":
        rel = tag.get("rel") or []
        tokens = {t.lower() for t in (rel.split() if isinstance(rel, str) else rel)}
        return bool(tokens & {"icon", "mask-icon", "manifest"}) or any(
            t.startswith("apple-touch-icon") for t in tokens
        )
    if tag.name == "meta":
        name = str(tag.get("name") or "").lower()
        return name in ("theme-color", "apple-mobile-web-app-title") or name.startswith(
            "msapplication-"
        )
    return False


def icon_declarations(html: str) -> list[str]:
    """Icon declarations in markup (comments, script/style text and templates are not)."""
    with warnings.catch_warnings():  # an XML prolog before the doctype is fine here
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "html.parser")
    for template in soup.find_all("template"):  # inert content, not part of the document
        template.decompose()
    return [str(tag) for tag in soup.find_all(["link", "meta"]) if declares_icon(tag)]


def without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        pieces.append(text[cursor:start])
        cursor = end
    return "".join(pieces) + text[cursor:]


def assert_only_head_edits(
    original: str, result: str, removed: list[tuple[int, int]], at: int, block: str
) -> None:
    """The result is the original with the removed spans cut and the block inserted at `at`,
    and every removed span holds nothing but one icon declaration and whitespace."""
    for start, end in removed:
        span = original[start:end]
        assert span.strip().startswith("<") and span.strip().endswith(">"), span
        declarations = icon_declarations(span)
        assert len(declarations) == 1 and span.count("<") == 1, span
    kept = sorted([(start, end, "") for start, end in removed])
    expected = []
    for inserted in (block, "\n" + block):
        pieces, cursor = [], 0
        for start, end, _ in sorted([*kept, (at, at, inserted)], key=lambda e: (e[0], e[1])):
            pieces.append(original[cursor:start])
            pieces.append(inserted if start == end == at else "")
            cursor = max(cursor, end)
        expected.append("".join(pieces) + original[cursor:])
    assert result in expected, (original, result)
