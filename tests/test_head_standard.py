"""The head reader and the injector against spec-compliant parsers (html5lib and lexbor).

Every edit is judged by the parsers (`html_oracle.judge`): the block's declarations are
children of `<head>`, nothing else in the tree changes but the removed declarations, and a
second run changes nothing. Documents come from the issue's cases, hypothesis strategies that
mix the tokenizer's tricky forms, real generated pages, and html5lib-tests' tree-construction
documents.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import build_site, checker_site
from html_oracle import body_declarations, head_declarations, judge, judges
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mkdocs_favicons.head import Refusal, parse_tag, read_head, rel_tokens
from mkdocs_favicons.inject import edit, inject

DATA = Path(__file__).parent / "data"
BLOCK = (
    '<link rel="icon" type="image/svg+xml" href="/favicon.svg">\n'
    '<link rel="shortcut icon" sizes="32x32" href="/favicon.ico">\n'
    '<meta name="theme-color" content="#3b5bdb">\n'
)


def assert_edited(html: str) -> str:
    """Inject, have the parsers judge the result, and return it."""
    result = inject(html, BLOCK)
    assert result.refusal is None, result.warning
    assert judges(html), "no parser can judge this document"
    assert judge(html, result.html, BLOCK) == []
    assert inject(result.html, BLOCK).html == result.html  # a second run changes nothing
    return result.html


# ---- the issue's cases ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "html",
    [
        "<head><img></head>",
        "<head>x</head>",
        '<head><link rel="icon" href="/old.ico"><img></head>',
        "<!DOCTYPE html><head><!--> <link rel=icon href=/a.ico> --></head>",
        "<!DOCTYPE html><head><!---><link rel=icon href=/a.ico></head>",
        "<!DOCTYPE html><head><!-- x --!><link rel=icon href=/a.ico></head>",
        "<!DOCTYPE html><head><? </head> ><link rel=icon href=/a.ico></head><body>",
        "<!DOCTYPE html><head></ </head> ><link rel=icon href=/a.ico></head><body>",
        '<!DOCTYPE html><head></title x=">"><link rel=icon href=/a.ico></head>',
        "<!DOCTYPE html><head><script><!--<script></script></head>--></script>"
        "<link rel=icon href=/a.ico></head>",
        "<!DOCTYPE html><head><script><!--</script><link rel=icon href=/a.ico></head>",
        "<!DOCTYPE html><head><template><template></template><link rel=icon href=/t.ico>"
        "</template><link rel=icon href=/a.ico></head>",
        "<!DOCTYPE html><head><noframes></head><link rel=icon></noframes>"
        "<link rel=icon href=/a.ico></head>",
        "<!DOCTYPE html><head><title></head></title><link rel=icon href=/a.ico></head>",
        '<head></head><link rel=icon href="/old.ico"><body>',
        '<html><link rel=icon href="/missing.png"><body>',
    ],
)
def test_the_issues_cases_follow_the_standard(html: str) -> None:
    assert_edited(html)


def test_body_content_ends_the_head_and_the_old_icon_goes() -> None:
    html = '<head><link rel="icon" href="/old.ico"><img></head><body>'
    result = assert_edited(html)
    assert "/old.ico" not in result
    assert result.index(BLOCK) < result.index("<img>")


def test_duplicate_attributes_first_wins() -> None:
    stylesheet = '<link rel="stylesheet" href="/a.css" rel="icon">'
    result = assert_edited(f"<!DOCTYPE html><head>{stylesheet}</head><body>")
    assert stylesheet in result  # a stylesheet, kept
    assert parse_tag(stylesheet)[1] == {"rel": "stylesheet", "href": "/a.css"}


@pytest.mark.parametrize(
    ("tag", "declares"),
    [
        ('<link rel="&#105;con" href="/x.ico">', True),
        ('<link rel="&#x69;con" href="/x.ico">', True),
        ('<link rel="ic&#111;n" href="/x.ico">', True),
        ('<link rel="icon\u00a0x" href="/x.ico">', False),  # NBSP does not separate tokens
        ('<link rel="icon&nbsp;x" href="/x.ico">', False),
        ('<link rel="x\ficon" href="/x.ico">', True),  # form feed does
        ('<LINK REL="ICON" HREF="/x.ico">', True),
        ('<meta name="Theme-Color" content="#fff">', True),
        ('<meta name="theme-color" name="description" content="#fff">', True),
        ('<meta name="description" name="theme-color" content="#fff">', False),
    ],
)
def test_attributes_as_the_tokenizer_sees_them(tag: str, declares: bool) -> None:
    html = f"<!DOCTYPE html><head>{tag}</head><body>"
    result = assert_edited(html)
    assert (tag not in result) is declares


def test_character_references_in_attribute_values() -> None:
    _, attributes = parse_tag('<link href="a?b=1&amp;c=2&copy=3&copy;&lt&#0;&#x110000;">')
    assert attributes["href"] == "a?b=1&c=2&copy=3\u00a9<\ufffd\ufffd"
    assert rel_tokens(" Icon\tSHORTCUT\u00a0x ") == {"icon", "shortcut\u00a0x"}


@pytest.mark.parametrize(
    ("html", "refusal"),
    [
        ("<p>a fragment</p>", Refusal.FRAGMENT),
        ("google-site-verification: google0123.html", Refusal.FRAGMENT),
        ("", Refusal.FRAGMENT),
        ("<!DOCTYPE html><!-- never closed <head><link rel=icon href=a>", Refusal.UNCLOSED),
        ("<!DOCTYPE html><head><template><svg><template></template>", Refusal.TEMPLATE),
    ],
)
def test_refusals_leave_the_page_as_it_is(html: str, refusal: Refusal) -> None:
    result = inject(html, BLOCK)
    assert (result.html, result.changed, result.refusal) == (html, False, refusal)
    assert result.warning == refusal.value


def test_fragments_are_refused_by_policy_but_read_right() -> None:
    """A file with no page structure is not edited, yet its (implied) head is the standard's."""
    html = "<p>a fragment <link rel=icon href=/x.ico></p>"
    head = read_head(html)
    assert head.refusal is Refusal.FRAGMENT
    result = edit(html, head, BLOCK)
    assert judge(html, result.html, BLOCK) == []


def test_injection_reports_the_declarations() -> None:
    html = '<!DOCTYPE html><head><link rel="icon" href="/old.ico"></head><body>'
    result = inject(html, BLOCK)
    assert [dict(e.attributes) for e in result.found] == [{"rel": "icon", "href": "/old.ico"}]
    assert all(BLOCK[e.start : e.end] == e.source for e in result.declarations)
    assert [e.attributes.get("rel") or e.attributes.get("name") for e in result.declarations] == [
        "icon",
        "shortcut icon",
        "theme-color",
    ]


# ---- hypothesis: heads built from the tokenizer's tricky forms --------------------------------
DECLARATIONS = [
    '<link rel="icon" href="old.ico">',
    "<link rel=icon href=a.png>",
    "<LINK REL='shortcut icon' HREF='x.ico'>",
    '<link rel="&#105;con" href="ref.ico">',
    '<link rel="apple-touch-icon" sizes="180x180" href="t.png" />',
    "<meta name=theme-color content=#fff>",
    '<meta name="msapplication-TileColor" content="#000"/>',
    '<link rel="manifest" href="m.json">',
    '<link rel="stylesheet" href="a.css" rel="icon">',
    '<link rel="icon" rel="stylesheet" href="b.ico">',
    '<link rel="icon\u00a0x" href="nbsp.ico">',
    "<link\n  rel='icon'\n  href='multi.ico'>",
]
HEAD_ITEMS = [
    '<meta charset="utf-8">',
    "<title>A &amp; B </head></title>",
    '<link rel="stylesheet" href="icon.css">',
    '<script>var s = "</head><body><link rel=icon href=js.ico>";</script>',
    "<script><!--<script>--></script>",
    "<script><!--<script></script></head><link rel=icon href=dbl.ico></script>",
    "<script><!--</script>",
    "<script></script x=y>",
    "<style>/* </head> */ .icon { color: red }</style>",
    "<style></STYLE\t>",
    "<!-- <link rel=icon href=c.ico> </head> -->",
    "<!---->",
    "<!-->",
    "<!--->",
    "<!-- a --!>",
    "<!-- <!-- nested -->",
    "<?php echo '</head>'; ?>",
    "</ </head> >",
    "</link rel=icon href=end.ico>",
    "</>",
    "</p>",
    "<noscript><link rel=icon href=ns.ico></noscript>",
    "<noframes></head><link rel=icon href=nf.ico></noframes>",
    "<template><link rel=icon href=t1.ico><template></template></template>",
    "<template><script></template></script></template>",
    "<template><p>x</p></template>",
    '<base href="/">',
    "<head>",
    "<html lang=en>",
    "<!DOCTYPE html>",
    "&#32;",
    "&#x09;",
]
BODY_STARTERS = [
    "<body>",
    '<BODY class="b">',
    "<img src=x>",
    "<p>text",
    "x",
    "&nbsp;",
    "&amp;",
    "<",
    "</br>",
    "</body>",
    "<frameset>",
    "<div>",
    "<svg><title>t</title></svg>",
]
SPACE = st.sampled_from(["", "\n", "  ", "\r\n", "\n    ", "\t", "\f"])


@st.composite
def items(draw: st.DrawFn, choices: list[str], most: int = 8) -> str:
    parts = draw(st.lists(st.sampled_from(choices), max_size=most))
    return "".join(draw(SPACE) + part for part in parts)


@st.composite
def documents(draw: st.DrawFn) -> str:
    doctype = draw(
        st.sampled_from(["", "<!DOCTYPE html>", "<!doctype HTML>\n", "\ufeff<!DOCTYPE html>"])
    )
    html_open = draw(st.sampled_from(["", "<html>", '<html lang="en">']))
    head_open = draw(st.sampled_from(["", "<head>", "<HEAD>", "<head data-a='>'>"]))
    # No parser here judges <template> and scripting-on <noscript> at once: one or the other.
    left_out = draw(st.sampled_from(["template", "noscript"]))
    head = draw(items(DECLARATIONS + [item for item in HEAD_ITEMS if left_out not in item]))
    head_close = draw(st.sampled_from(["", "</head>", "</HEAD >", "</head a=b>"]))
    after = draw(items(DECLARATIONS + ["<!-- after -->", "<script>1</script>", "<head>"], 3))
    body = draw(st.sampled_from(BODY_STARTERS)) + draw(items(DECLARATIONS + BODY_STARTERS, 3))
    tail = draw(st.sampled_from(["", "</body></html>\n"]))
    return f"{doctype}{html_open}{draw(SPACE)}{head_open}{head}{head_close}{after}{body}{tail}"


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_generated_documents_are_edited_as_the_standard_reads_them(html: str) -> None:
    result = inject(html, BLOCK)
    if result.refusal is not None:
        assert result.refusal is Refusal.FRAGMENT and result.html == html
        result = edit(html, read_head(html), BLOCK)  # the policy aside, the head is right
    else:
        assert inject(result.html, BLOCK).html == result.html
    assert judges(html)
    assert judge(html, result.html, BLOCK) == []


@SETTINGS
@given(documents())
def test_the_body_is_never_edited(html: str) -> None:
    assume("html5lib" in judges(html))  # html5lib 1.1 parses <template> into the body
    result = inject(html, BLOCK)
    assert body_declarations(result.html) == body_declarations(html)


# ---- real pages -------------------------------------------------------------------------------
REAL_PAGES = sorted((DATA / "real-pages").glob("*.html"))


@pytest.mark.parametrize("page", REAL_PAGES, ids=lambda path: path.stem)
def test_real_generated_pages_are_edited(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    result = assert_edited(html)
    assert head_declarations(result) == head_declarations("<head>" + BLOCK)


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_pages_built_by_mkdocs_are_edited(tmp_path: Path, theme: str) -> None:
    site = build_site(tmp_path, mkdocs={"theme": {"name": theme}}, check=False)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 4  # three pages and 404.html
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert judge(html, inject(html, BLOCK).html, BLOCK) == [], page


# ---- html5lib-tests' tree-construction documents ----------------------------------------------
def test_tree_construction_corpus() -> None:
    """Every whole document of the suite: no wrong edit, and refusals only where no edit in
    place can keep the tree (a comment open to the end of the file before any head) or where
    a template in the head holds foreign content; fragments are refused by policy, and their
    heads are still judged right."""
    documents = json.loads((DATA / "html5lib-tests/tree-construction-documents.json").read_text())
    counts = {"edited": 0, "fragment": 0, "unclosed": 0, "template": 0, "wrong": 0}
    wrong = []
    for document in documents:
        html = document["data"]
        result = inject(html, BLOCK)
        if result.refusal is Refusal.FRAGMENT:
            counts["fragment"] += 1
            result = edit(html, read_head(html), BLOCK)
        elif result.refusal is not None:
            counts[result.refusal.name.lower()] += 1
            assert result.html == html
            continue
        else:
            counts["edited"] += 1
            if inject(result.html, BLOCK).html != result.html:
                wrong.append((html, ["second run changed it"]))
        problems = judge(html, result.html, BLOCK)
        if problems:
            wrong.append((html, problems))
    counts["wrong"] = len(wrong)
    print(f"{len(documents)} documents: {counts}")
    assert wrong == []
    assert len(documents) == 1573
    assert counts["unclosed"] + counts["template"] <= 14
    assert counts["edited"] >= 970


def test_the_plugin_warns_in_one_line_and_keeps_a_refused_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A theme whose pages are fragments: each page is left as the theme wrote it, one warning
    line names it and the reason, and a strict build fails on that warning."""
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text("<p>{{ page.title }}</p>\n")
    with caplog.at_level("WARNING", logger="mkdocs.plugins.favicons"):
        site = build_site(
            tmp_path,
            strict=False,
            check=False,
            mkdocs={"theme": {"name": None, "custom_dir": "theme"}},
        )
    assert (site / "about/index.html").read_text() == "<p>About</p>"
    warnings = [
        r.getMessage() for r in caplog.records if "left without favicon tags" in r.getMessage()
    ]
    assert (
        f"favicons: about/index.html left without favicon tags: {Refusal.FRAGMENT.value}"
        in warnings
    )
    assert all("\n" not in message for message in warnings)
    strict = checker_site(
        tmp_path, check=False, mkdocs={"theme": {"name": None, "custom_dir": "theme"}}
    ).build(strict=True, check=False)
    assert strict.returncode == 1 and "warnings in strict mode!" in strict.output
