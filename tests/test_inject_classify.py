"""Which head tags are icon declarations: the injector removes exactly these."""

from __future__ import annotations

import pytest

from mkdocs_favicons.inject import is_icon_declaration, parse_tag

CLASSIFIED = [
    ('<link rel="icon" href="favicon.ico">', True),
    ("<link rel=icon href=x.png>", True),
    ('<LINK REL="Shortcut Icon" HREF="x">', True),
    ('<link rel="apple-touch-icon-precomposed" href="a.png">', True),
    ('<link rel="apple-touch-startup-image" href="a.png">', False),
    ("<link rel='stylesheet' href='icon.css'>", False),
    ('<link rel="preload" href="manifest.json" as="fetch">', False),
    ('<link rel="manifest" href="site.webmanifest"/>', True),
    ('<link rel="mask-icon" href="s.svg" color="#000">', True),
    ('<link rel="alternate icon" href="a.ico">', True),
    ('<link rel="  ICON\t" href="a.ico">', True),
    ("<link rel>", False),
    ('<link rel="stylesheet" rel="icon" href="x">', False),  # the first duplicate wins
    ('<link rel="icon" rel="stylesheet" href="x">', True),
    ('<link href="x" data-rel="icon">', False),
    ('<link rel="&#105;con" href="x">', True),  # references are decoded
    ('<link rel="icon\u00a0x" href="x">', False),  # NBSP is not ASCII whitespace
    ('<link rel="icon&#32;x" href="x">', True),
    ('<meta name="theme-color" content="#fff">', True),
    ('<meta name=" Theme-Color " content="#fff">', True),
    ('<meta name="msapplication-TileColor" content="#fff">', True),
    ('<meta name="msapplication" content="x">', False),
    ('<meta name="apple-mobile-web-app-title" content="App">', True),
    ('<meta name="apple-mobile-web-app-capable" content="yes">', False),
    ('<meta property="og:image" content="icon.png">', False),
    ('<meta content="theme-color">', False),
    ("<meta name>", False),
    ('<meta name="description" content="an icon library">', False),
]


@pytest.mark.parametrize(("tag", "declares_icon"), CLASSIFIED)
def test_icon_declarations_are_recognised(tag: str, declares_icon: bool) -> None:
    assert is_icon_declaration(tag) is declares_icon


@pytest.mark.parametrize(
    ("tag", "parsed"),
    [
        (
            '<link rel=" icon\tshortcut " class="a  b" sizes="16x16  32x32" href="a&amp;b">',
            (
                "link",
                {
                    "rel": " icon\tshortcut ",
                    "class": "a  b",
                    "sizes": "16x16  32x32",
                    "href": "a&b",
                },
            ),
        ),
        (
            '<meta name="x" content="&lt;&quot;&gt;" data-empty>',
            ("meta", {"name": "x", "content": '<">', "data-empty": ""}),
        ),
        ("<LINK REL=Icon HREF=x.png>", ("link", {"rel": "Icon", "href": "x.png"})),
        ("<div class='icon'>", ("div", {"class": "icon"})),
        ("</link rel=icon>", ("", {})),
        ("<link>", ("link", {})),
    ],
)
def test_tags_parse_to_name_and_attributes(tag: str, parsed: tuple[str, dict[str, str]]) -> None:
    assert parse_tag(tag) == parsed
