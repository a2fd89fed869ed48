"""Property-based tests for the injector, over generated documents.

For every document: outside the reported edits (the `removed` spans and the insertion at `at`)
the bytes are the original's; spec-compliant parsers find exactly our icon set in the head and
the rest of the tree unchanged; and injecting twice gives the same bytes as injecting once.
"""

from __future__ import annotations

from html_oracle import assert_only_head_edits, body_declarations, judge, our_block
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_favicons.inject import inject

BLOCK = our_block("../")

ICON_TAGS = [
    '<link rel="icon" href="old.ico">',
    "<link rel=icon href=a.png>",
    "<LINK REL='shortcut icon' HREF='x.ico'>",
    '<link rel="apple-touch-icon" sizes="180x180" href="t.png" />',
    '<link href="p.png" rel="apple-touch-icon-precomposed">',
    "<meta name=theme-color content=#fff>",
    '<meta name="theme-color" media="(prefers-color-scheme: dark)" content="#000">',
    '<meta name="msapplication-TileColor" content="#000"/>',
    '<link rel="manifest" href="m.json">',
    '<link rel="mask-icon" href="s.svg" color="#000">',
    '<meta name="apple-mobile-web-app-title" content="Old">',
    '<link rel="icon" href="a>b.ico">',
    "<link\n  rel='icon'\n  href='multi.ico'>",
]
OTHER_HEAD_TAGS = [
    '<meta charset="utf-8">',
    "<title>A &amp; B</title>",
    '<link rel="stylesheet" href="icon.css">',
    '<link rel="preload" as="image" href="favicon.ico">',
    '<meta name="description" content="icons and theme-color">',
    '<meta property="og:image" content="icon.png">',
    '<script src="x.js"></script>',
    '<script>var s = "</head><body><link rel=icon href=js.ico>";</script>',
    "<style>/* </head> */ .icon { color: red }</style>",
    '<!-- <link rel="icon" href="commented.ico"> </head> -->',
    "<!---->",
    "<noscript><style>.x{}</style></noscript>",
    '<base href="/">',
]
BODY_ITEMS = [
    "<p>text</p>",
    '<link rel="icon" href="body.ico">',
    "<header>h</header>",
    "<!-- </body> -->",
    '<script>document.write("<head></head>")</script>',
    "<div class='x'>&lt;head&gt;</div>",
]
TEXT = st.text(alphabet=" \n\tabc&;é🚀\u200f", max_size=6)
SPACE = st.sampled_from(["", "\n", "  ", "\r\n", "\n    "])


@st.composite
def items(draw: st.DrawFn, choices: list[str]) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(choices), TEXT), max_size=8))
    return "".join(draw(SPACE) + part for part in parts)


@st.composite
def documents(draw: st.DrawFn) -> str:
    bom = draw(st.sampled_from(["", "\ufeff"]))
    doctype = draw(
        st.sampled_from(
            [
                "",
                "<!DOCTYPE html>",
                "<!doctype HTML>",
                '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">',
                '<?xml version="1.0"?><!DOCTYPE html>',
            ]
        )
    )
    html_open = draw(st.sampled_from(["", "<html>", '<html lang="en">', "<HTML dir=rtl>"]))
    head_open = draw(
        st.sampled_from(["<head>", "<HEAD>", '<head profile="x">', "<head data-a='>'>", "<Head\n>"])
    )
    head = draw(items(ICON_TAGS + OTHER_HEAD_TAGS))
    head_close = draw(st.sampled_from(["</head>", "</HEAD>", "</head >", ""]))
    body_open = draw(st.sampled_from(["<body>", '<BODY class="b">']))
    body = draw(items(BODY_ITEMS))
    tail = draw(st.sampled_from(["</body></html>", "</body>\n</html>\n", ""]))
    return (
        f"{bom}{doctype}{draw(SPACE)}{html_open}{draw(SPACE)}{head_open}{head}{draw(SPACE)}"
        f"{head_close}{draw(SPACE)}{body_open}{body}{tail}"
    )


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_only_the_head_edits_change_bytes(html: str) -> None:
    result = inject(html, BLOCK)
    assert not result.warning, result.warning
    assert_only_head_edits(html, result.html, result.removed, result.at, BLOCK)


@SETTINGS
@given(documents())
def test_exactly_one_icon_set_results(html: str) -> None:
    result = inject(html, BLOCK).html
    assert judge(html, result, BLOCK) == []
    assert result.count(BLOCK) == 1
    # The body's own declarations are not the head's business.
    assert body_declarations(result) == body_declarations(html)


@SETTINGS
@given(documents())
def test_injecting_twice_is_injecting_once(html: str) -> None:
    once = inject(html, BLOCK).html
    assert inject(once, BLOCK).html == once


@st.composite
def unusual_documents(draw: st.DrawFn) -> str:
    """No head tag, two heads, or a head that runs to the end of the file."""
    head = draw(items(ICON_TAGS + OTHER_HEAD_TAGS))
    shape = draw(st.sampled_from(["none", "two", "unended"]))
    if shape == "none":
        return f"<!DOCTYPE html><html>{head}<body>{draw(items(BODY_ITEMS))}</body></html>"
    if shape == "two":
        second = draw(st.sampled_from(["<head></head>", "<HEAD><title>x</title></HEAD>"]))
        return f"<html><head>{head}</head>{draw(SPACE)}{second}<body></body></html>"
    return f"<html><head>{head}"


@SETTINGS
@given(unusual_documents())
def test_unusual_heads_are_edited_as_the_standard_reads_them(html: str) -> None:
    result = inject(html, BLOCK)
    assert not result.warning, result.warning
    assert judge(html, result.html, BLOCK) == []
    assert inject(result.html, BLOCK).html == result.html
