"""The injector on odd HTML: the result is correct, or the page is untouched with a warning.

"Correct" is judged by spec-compliant parsers (`html_oracle`): their head holds exactly our
tags, the rest of their tree is unchanged, and every byte outside the reported edits is the
original's.
"""

from __future__ import annotations

import pytest
from html_oracle import assert_only_head_edits, judge, our_block

from mkdocs_favicons.inject import inject

BLOCK = our_block()


def assert_correct(html: str) -> str:
    """Inject, check the result against the oracle, and return it."""
    result = inject(html, BLOCK)
    assert result.changed and not result.warning, result.warning
    assert_only_head_edits(html, result.html, result.removed, result.at, BLOCK)
    assert judge(html, result.html, BLOCK) == []
    assert result.html.count(BLOCK) == 1
    assert inject(result.html, BLOCK).html == result.html  # idempotent
    return result.html


def assert_untouched(html: str, reason: str) -> None:
    result = inject(html, BLOCK)
    assert result.html == html and not result.changed
    assert reason in result.warning, result.warning


OLD_ICONS = """<link rel="icon" href="img/favicon.ico">
<link rel="shortcut icon" href="img/favicon.ico">
<meta name="theme-color" content="#000">
"""


def page(head: str, doctype: str = "<!DOCTYPE html>\n", head_tag: str = "<head>") -> str:
    return (
        f'{doctype}<html lang="en">\n{head_tag}\n<meta charset="utf-8">\n<title>T</title>\n'
        f'{head}</head>\n<body>\n<p>Body <link rel="icon" href="body.ico"></p>\n'
        "</body>\n</html>\n"
    )


def test_plain_page() -> None:
    html = assert_correct(page(OLD_ICONS))
    assert "img/favicon.ico" not in html and "#000" not in html
    assert '<link rel="icon" href="body.ico">' in html  # the body is not ours to edit


def test_uppercase_head_and_tags() -> None:
    html = page('<LINK REL="ICON" HREF="old.ico">\n<META NAME="Theme-Color" CONTENT="#000">\n')
    html = html.replace("<head>", "<HEAD>").replace("</head>", "</HEAD>")
    result = assert_correct(html)
    assert "old.ico" not in result and "#000" not in result
    assert result.index(BLOCK) < result.index("</HEAD>")


@pytest.mark.parametrize(
    "head_tag",
    [
        '<head profile="http://gmpg.org/xfn/11">',
        "<head data-note='a > b' class=x>",
        '<head\n  data-x="</head>"\n>',
    ],
)
def test_head_with_attributes(head_tag: str) -> None:
    result = assert_correct(page(OLD_ICONS, head_tag=head_tag))
    assert head_tag in result


@pytest.mark.parametrize(
    "trap",
    [
        "<!-- an old template ended here: </head><body> -->\n",
        '<script>document.write("</head><body>");</script>\n',
        '<script>var s = \'<link rel="icon" href="js.ico"></head>\';</script>\n',
        "<style>/* </head> */ body { color: red }</style>\n",
        "<noscript><style></head></style></noscript>\n",
        "<template><link rel=icon href=template.ico></head></template>\n",
    ],
)
def test_end_of_head_inside_comment_or_raw_text(trap: str) -> None:
    html = page(trap + OLD_ICONS)
    result = assert_correct(html)
    assert trap in result  # left exactly as written
    assert result.index(BLOCK) > result.index(trap)


def test_fragments_are_left_untouched() -> None:
    """Files with no page structure and nothing for a head (verification files, partials)."""
    assert_untouched("<p>a fragment</p>", "fragment")
    assert_untouched("", "fragment")
    assert_untouched("google-site-verification: google0123.html", "fragment")


@pytest.mark.parametrize(
    "html",
    [
        "<!DOCTYPE html><html><body><p>Hi</p></body></html>",
        "<html><title>x</title></head><body></body></html>",
        "<!DOCTYPE html>\n<title>x</title>\n<link rel=icon href=a.ico>\n<p>body",
    ],
)
def test_implied_heads_are_edited(html: str) -> None:
    result = assert_correct(html)
    assert "a.ico" not in result


@pytest.mark.parametrize(
    "second",
    ["<head><title>again</title></head>", "<!-- x --><HEAD><link rel=icon href=two.ico></HEAD>"],
)
def test_a_second_head_tag_is_ignored_as_the_standard_says(second: str) -> None:
    for html in (
        page(OLD_ICONS).replace("</head>", f"</head>\n{second}", 1),
        page(OLD_ICONS).replace("<title>", f"{second}<title>", 1),
    ):
        assert "two.ico" not in assert_correct(html)


def test_head_that_runs_to_the_end_of_the_file() -> None:
    html = "<html><head><title>x</title><link rel=icon href=a.ico>"
    assert assert_correct(html).endswith(BLOCK)
    unclosed = "<html><head><title>x</title><script>var a = 1;"
    assert assert_correct(unclosed).index(BLOCK) < unclosed.index("<script>") + len(BLOCK) + 1


def test_head_closed_by_body_start() -> None:
    html = '<!DOCTYPE html><html><head><title>x</title><link rel=icon href=a.ico><body class="b">x'
    result = inject(html, BLOCK)
    assert not result.warning
    assert_only_head_edits(html, result.html, result.removed, result.at, BLOCK)
    assert result.html.index(BLOCK) < result.html.index("<body")
    assert "a.ico" not in result.html


def test_byte_order_mark_is_kept() -> None:
    result = assert_correct("\ufeff" + page(OLD_ICONS))
    assert result.startswith("\ufeff<!DOCTYPE html>")


@pytest.mark.parametrize(
    "doctype",
    [
        "",
        "<!doctype html>",
        '<!DOCTYPE html SYSTEM "about:legacy-compat">',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"\n'
        '  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">',
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>',
        "<!-- generated --><!DOCTYPE html>",
    ],
)
def test_unusual_doctypes(doctype: str) -> None:
    result = assert_correct(page(OLD_ICONS, doctype=doctype + "\n" if doctype else ""))
    assert result.startswith(doctype)


@pytest.mark.parametrize(
    "tag",
    [
        "<link rel=icon href=/old.ico>",
        "<link rel='shortcut icon' href='/old.ico'>",
        "<link href=/old.png rel=apple-touch-icon-precomposed sizes=57x57>",
        "<LINK REL='Icon' HREF=\"/old.ico\" />",
        "<link rel=\"icon\" href='/a>b.ico'>",
        "<meta name=theme-color content=#fff>",
        "<meta content='#fff' name='msapplication-TileColor'>",
        '<link\n  rel="mask-icon"\n  href="/old.svg"\n  color="#000">',
        "<link rel=manifest href=/old.webmanifest>",
    ],
)
def test_attribute_styles(tag: str) -> None:
    html = page(f"<link rel=stylesheet href=site.css>\n{tag}\n<meta name=description content=d>\n")
    result = assert_correct(html)
    assert tag not in result
    assert "<link rel=stylesheet href=site.css>\n" in result
    assert "<meta name=description content=d>\n" in result


def test_unrelated_tags_and_lookalikes_are_kept() -> None:
    keep = (
        '<link rel="preload" as="image" href="favicon.ico">\n'
        '<link rel="stylesheet" href="icon.css">\n'
        '<meta name="description" content="theme-color and icons">\n'
        '<meta property="og:image" content="icon.png">\n'
        '<!-- <link rel="icon" href="commented.ico"> -->\n'
    )
    result = assert_correct(page(keep + OLD_ICONS))
    assert keep in result


def test_windows_line_endings() -> None:
    html = page(OLD_ICONS).replace("\n", "\r\n")
    result = inject(html, BLOCK)
    assert not result.warning
    assert_only_head_edits(html, result.html, result.removed, result.at, BLOCK)
    assert "img/favicon.ico" not in result.html
    assert "\n\n" not in result.html.replace("\r\n", "\n")


def test_icon_link_in_body_only() -> None:
    html = '<html><head><title>x</title></head><body><link rel="icon" href="b.ico"></body></html>'
    result = assert_correct(html)
    assert '<body><link rel="icon" href="b.ico"></body>' in result


def test_header_element_is_not_a_head() -> None:
    html = "<html><head><title>x</title></head><body><header>h</header><head-x></head-x></body>"
    result = assert_correct(html)
    assert result.index(BLOCK) < result.index("</head>")
