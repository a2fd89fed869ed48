"""The allowlist sanitizer against public payloads, targeted probes and real logos (issue 12).

What comes out must be inert, judged here by rules written independently of the sanitizer's
code, and in Chromium: no request other than the file itself, no dialog, no navigation. Real
logos must come out drawing the same pixels.
"""

from __future__ import annotations

import io
import json
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import resvg_py
from cdp import Tab
from helpers import site_with_source
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageStat
from serving import QuietHandler, serving

from mkdocs_favicons import svg, svg_sanitize
from mkdocs_favicons.errors import FaviconError

DATA = Path(__file__).parent / "data"
LOGOS = sorted((DATA / "logos").glob("*.svg"))
SVG_NS = svg_sanitize.SVG_NS
ROOT = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 64 64">'
)
DRAWING = '<rect id="r" width="64" height="64" fill="#3b5bdb"/>'


def corpus_documents() -> dict[str, str]:
    """Every SVG of the public corpora: each payload as a browser parses it, the payload as
    raw XML, and PayloadsAllTheThings' SVG files."""
    documents = {}
    for corpus in ("dompurify", "payloadsallthethings"):
        cases = json.loads((DATA / corpus / "svg-cases.json").read_text("utf-8"))["cases"]
        for number, case in enumerate(cases):
            for index, document in enumerate(case["svg"]):
                documents[f"{corpus}-{number}-{index}"] = document
            documents[f"{corpus}-{number}-raw"] = ROOT + case["payload"] + "</svg>"
    for path in sorted((DATA / "payloadsallthethings").glob("*.svg")):
        documents[path.stem] = path.read_text("utf-8")
    return documents


# Issue 12's three routes, their variants, and what else reaches a URL in SVG. `{base}` is the
# loopback server in the browser test; the static tests use an unroutable stand-in.
PROBES = {
    "style text after a child": '<style><g/>@import url("{base}/1.css");</style>',
    "style text after two children": "<style>rect{fill:red}<g/><g/>@import '{base}/2.css';</style>",
    "style in CDATA": "<style><![CDATA[@import url({base}/3.css);]]></style>",
    "style with an escaped url": r"<style>rect{fill:\75 rl({base}/4.svg)}</style>",
    "style with @font-face": "<style>@font-face{font-family:x;src:url({base}/5.woff)}"
    "text{font-family:x}</style><text y='9'>hi</text>",
    "style with a nested rule": "<style>svg{rect{fill:url({base}/6.svg#p)}}</style>",
    "style in another @media": "<style>@media all{rect{fill:url({base}/7.svg#p)}}</style>",
    "style in the dark @media": "<style>@media (prefers-color-scheme: dark){rect{"
    "fill:url({base}/8.svg#p)}}</style>",
    "style with a background": "<style>svg{background:url({base}/9.png)}</style>",
    "image-set with parentheses in a comment": '<rect id="a" width="9" height="9" '
    "style=\"background-image:image-set(/*(((*/'{base}/10.png' 1x)\"/>",
    "image-set with parentheses in the URL": '<rect width="9" height="9" '
    "style=\"mask-image:-webkit-image-set('{base}/11().png' 1x)\"/>",
    "comment between a function name and its parenthesis": '<rect width="9" height="9" '
    'fill="url/**/({base}/35.svg#p)" style="mask-image:image-set/**/(\'{base}/36.png\' 1x)"/>',
    "cursor in style": '<rect width="9" height="9" style="cursor:url({base}/12.cur),auto"/>',
    "cursor attribute": '<rect width="9" height="9" cursor="url({base}/13.cur)"/>',
    "em space before use": '<use href="\u2003data:image/png;/../../14.svg#x"/>',
    "no-break space before image": '<image href="\u00a0{base}/15.png" width="9" height="9"/>',
    "ideographic space before feImage": '<filter id="f"><feImage href="\u3000{base}/16.png"/>'
    '</filter><rect width="9" height="9" filter="url(#f)"/>',
    "character reference before a link": '<a href="&#x2003;{base}/17.html"><rect width="9" '
    'height="9"/></a>',
    "space before fill url": '<rect width="9" height="9" fill="url(\u2003{base}/18.svg#p)"/>',
    "tab inside a quoted filter url": '<rect width="9" height="9" '
    "style=\"filter:url(' \t{base}/19.svg#f')\"/>",
    "clip-path and mask urls": '<rect width="9" height="9" clip-path="url({base}/20.svg#c)" '
    'mask="url({base}/21.svg#m)"/>',
    "marker url": '<path d="M0 0L9 9" marker-end="url({base}/22.svg#m)"/>',
    "xlink use": '<use xlink:href="{base}/23.svg#x"/>',
    "use of a missing id": '<use href="#missing"/>',
    "use with text after the id": '<use href="#r x"/>',
    "xml:base": '<g xml:base="{base}/24/"><use href="#r"/></g>',
    "mpath": '<rect width="9" height="9"><animateMotion dur="1s"><mpath href="{base}/25.svg#p"/>'
    "</animateMotion></rect>",
    "set of href with a space": '<a><set attributeName=" href" to="{base}/26.html"/></a>',
    "animate of HREF": '<use href="#r"><animate attributeName="HREF" values="{base}/27.svg"/></use>',
    "animate of fill to a url": '<rect width="9" height="9"><animate attributeName="fill" '
    'values="red;url({base}/28.svg#p)" dur="1s"/></rect>',
    "set of filter to a url": '<rect width="9" height="9"><set attributeName="filter" '
    'to="url({base}/29.svg#f)"/></rect>',
    "empty-namespace group": '<g xmlns=""><image href="{base}/30.png" width="9" height="9"/></g>',
    "data: raster": '<image href="data:image/png;base64,iVBORw0KGgo=" width="9" height="9"/>',
    "script and handlers": '<script>fetch("{base}/31")</script><rect width="9" height="9" '
    "onload=\"fetch('{base}/32')\"/>",
    "script inside style": "<style>rect{fill:red}<script>fetch('{base}/34')</script></style>",
    "foreignObject": '<foreignObject width="9" height="9"><img xmlns="http://www.w3.org/1999/'
    'xhtml" src="{base}/33.png"/></foreignObject>',
}
STATIC_BASE = "http://192.0.2.1"  # TEST-NET-1: never routed


def probe_document(name: str, base: str) -> str:
    return ROOT + DRAWING + PROBES[name].replace("{base}", base) + "</svg>"


def sanitized(document: str) -> str | None:
    """favicon.svg for `document`, or None when it is refused (with a FaviconError)."""
    try:
        return svg.load(document, "probe.svg").markup
    except FaviconError as error:
        assert str(error).startswith("probe.svg: ") and "\n" not in str(error), error
        return None


# ---- an independent judge of inertness ----------------------------------------------------
_URL = re.compile(r"url\(([^)]*)\)", re.I)
_REFERENCE = re.compile(r"#([\w.:-]+)")
_MEDIA = re.compile(r"@media \(prefers-color-scheme: (dark|light)\)")
ANIMATED_ELSEWHERE = {"transform", "gradientTransform", "patternTransform"}


def assert_inert(markup: str) -> None:
    """The output loads nothing and runs nothing, judged from its text and tree alone."""
    for construct in ("<!--", "<?", "<!DOCTYPE", "<!ENTITY", "data:", "javascript", "\\", "/*"):
        assert construct not in markup, (construct, markup)
    root = ET.fromstring(markup)
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    for element in root.iter():
        assert element.tag.startswith(f"{{{SVG_NS}}}"), element.tag
        name = element.tag.rsplit("}", 1)[-1]
        assert name not in ("script", "foreignObject", "image", "a", "iframe"), name
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            assert svg_sanitize.namespace(attribute) in ("", svg_sanitize.XLINK_NS), attribute
            assert not local.lower().startswith("on"), attribute
            if local == "href":
                assert value.startswith("#") and value[1:] in ids, value
            assert_urls_local(value, ids)
        if name in ("animate", "set"):
            target = element.get("attributeName", "")
            assert target in svg_sanitize.CSS_PROPERTIES - {"cursor"}, target
        if name == "animateTransform":
            assert element.get("attributeName", "") in ANIMATED_ELSEWHERE
        if name == "style":
            css = element.text or ""
            assert_urls_local(css, ids)
            assert not list(element)
            assert "@" not in _MEDIA.sub("", css), css
            for word in ("import", "image", "src", "font-face", "cursor", "background"):
                assert word not in css.lower(), (word, css)
        elif element.text and name not in ("text", "tspan", "textPath"):
            assert not element.text.strip(), element.text


def assert_urls_local(text: str, ids: set[str | None]) -> None:
    for lowered in ("image-set", "src(", "@import", "cursor"):
        assert lowered not in text.lower(), text
    for target in _URL.findall(text):
        match = _REFERENCE.fullmatch(target)
        assert match and match.group(1) in ids, (target, text)


# ---- the corpus and the probes, statically ------------------------------------------------
@pytest.mark.parametrize("name, document", list(corpus_documents().items()))
def test_public_payloads_come_out_inert_or_refused(name: str, document: str) -> None:
    markup = sanitized(document)
    if markup is not None:
        assert_inert(markup)
        assert svg_sanitize.hazards(ET.fromstring(markup)) == []


def test_most_public_payloads_reach_the_sanitizer() -> None:
    """The corpus tests the allowlist, not only the XML parser's refusals."""
    outcomes = [sanitized(document) for document in corpus_documents().values()]
    assert sum(markup is not None for markup in outcomes) >= 120, len(outcomes)


@pytest.mark.parametrize("name", PROBES)
def test_probes_come_out_inert(name: str) -> None:
    markup = sanitized(probe_document(name, STATIC_BASE))
    assert markup is not None
    assert_inert(markup)
    assert "192.0.2.1" not in markup
    assert 'id="r"' in markup  # the drawing itself survives


def test_the_checker_flags_every_probe_and_nothing_in_the_output() -> None:
    for name in PROBES:
        source = ET.fromstring(probe_document(name, STATIC_BASE))
        dangers = [r for r in svg_sanitize.hazards(source) if r.hazard != svg_sanitize.Hazard.INERT]
        # These load nothing as written: a dead or local reference, an inline raster, and
        # elements in no namespace, which are not SVG (so nothing renders or loads).
        inert = ("use of a missing id", "data: raster", "xml:base", "empty-namespace group")
        assert dangers or name in inert, name
        markup = sanitized(probe_document(name, STATIC_BASE))
        assert markup is not None and svg_sanitize.hazards(ET.fromstring(markup)) == []


def test_what_a_logo_needs_survives() -> None:
    document = (
        ROOT + '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient>'
        '<clipPath id="c"><circle cx="32" cy="32" r="30"/></clipPath>'
        '<filter id="f"><feGaussianBlur stdDeviation="1"/></filter></defs>'
        "<style>/* brand */ .b { fill: url( '#g' ) } @media (prefers-color-scheme: dark) "
        "{ .b, svg > #r { fill: #fff; stroke: currentColor } }</style>"
        '<a href="https://example.com/"><rect id="r" class="b" width="64" height="64" '
        'clip-path="url(#c)" style="filter:url(#f);opacity:.9;-inkscape-x:1"/></a>'
        '<text x="2" y="40" style="font-family:\'Open Sans\', sans-serif">Hi <tspan>there</tspan>'
        '</text><use href=" #r\t" transform="rotate(45 32 32)">'
        '<animate attributeName="opacity" values="1;.5" dur="2s" fill="freeze"/></use>'
        '<rect width="9" height="9"><set attributeName="fill" to="url(#g)"/></rect></svg>'
    )
    markup = sanitized(document)
    assert markup is not None
    assert_inert(markup)
    assert ".b{fill:url(#g)}" in markup
    assert (
        "@media (prefers-color-scheme: dark){.b, svg &gt; #r{fill:#fff;stroke:currentColor}}"
        in (markup)
    )
    assert 'style="filter:url(#f);opacity:.9"' in markup and 'clip-path="url(#c)"' in markup
    assert "font-family:&quot;Open Sans&quot;, sans-serif" in markup
    assert ">Hi <tspan>there</tspan></text>" in markup and 'href="#r"' in markup
    assert '<g><rect id="r"' in markup  # the link is gone, its drawing kept
    assert '<animate attributeName="opacity" values="1;.5" dur="2s" fill="freeze" />' in markup
    assert '<set attributeName="fill" to="url(#g)" />' in markup


# ---- hypothesis: spellings of a reference -------------------------------------------------
WHITESPACE = st.sampled_from(
    [" ", "\t", "\n", "\r", "\u00a0", "\u2003", "\u3000", "\ufeff", "\u200b", "\u2028"]
)
TARGETS = st.sampled_from(
    [
        f"{STATIC_BASE}/h.svg#r",
        "data:image/png;/../../x.svg#r",
        "//192.0.2.1/p.svg#r",
        "javascript:alert(1)",
        "file:///etc/passwd#r",
        "r.svg#r",
        "#r",
    ]
)
COMMENTS = st.sampled_from(["", "/**/", "/*(((*/", "/*)*/", "/*'*/"])


@st.composite
def css_urls(draw: st.DrawFn) -> str:
    """A CSS function that may load `target`, spelled in one of the ways browsers accept."""
    target = draw(st.text(WHITESPACE, max_size=3)) + draw(TARGETS)
    target += draw(st.text(WHITESPACE, max_size=2))
    quote = draw(st.sampled_from(["", "'", '"']))
    comment = draw(COMMENTS)
    name = draw(st.sampled_from(["url", "URL", r"u\72l", r"\75 rl", r"\000075RL", "url/**/"]))
    plain = f"{name}({quote}{target}{quote})"
    q = quote or "'"  # image-set() takes strings
    return draw(
        st.sampled_from(
            [
                plain,
                f"image-set({comment}{q}{target}{q} 1x)",
                f"-webkit-image-set({comment}{plain} 1x)",
                f"calc(1px + ({plain}))",
                f"rotate{comment}({plain})",
                f"image-set(({comment}(({q}{target}{q}))))",
                f"{plain}{comment}",
            ]
        )
    )


@st.composite
def documents(draw: st.DrawFn) -> str:
    value = draw(css_urls())
    single = value.replace('"', "'")  # inside a double-quoted attribute
    reference = draw(st.text(WHITESPACE, max_size=3)) + draw(TARGETS)
    prop = draw(st.sampled_from(["fill", "filter", "mask", "clip-path", "cursor", "mask-image"]))
    place = draw(st.integers(0, 5))
    body = [
        f'<rect width="9" height="9" {prop}="{single}"/>',
        f'<rect width="9" height="9" style="{prop}:{single}"/>',
        f"<style>rect{{{prop}:{value}}}</style>",
        f"<style><g/>rect{{{prop}:{value}}}</style>",
        f'<use href="{reference}"/><image href="{reference}"/><textPath href="{reference}"/>',
        f'<rect width="9" height="9"><set attributeName="{prop}" to="{single}"/></rect>',
    ][place]
    return ROOT + DRAWING + body.replace("&", "&amp;").replace("<<", "<") + "</svg>"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_no_spelling_of_a_reference_survives_unless_it_is_a_live_id(document: str) -> None:
    markup = sanitized(document)
    assert markup is not None
    assert_inert(markup)


# ---- real logos -----------------------------------------------------------------------------
def rendered(markup: str) -> Image.Image:
    png = resvg_py.svg_to_bytes(svg_string=markup, width=128, height=128)
    return Image.open(io.BytesIO(bytes(png))).convert("RGBA")


@pytest.mark.parametrize("logo", LOGOS, ids=[logo.stem for logo in LOGOS])
def test_real_logos_are_accepted_and_draw_the_same(logo: Path) -> None:
    original = logo.read_text("utf-8")
    root = svg_sanitize.parse(original, logo.name)
    svg_sanitize.check_depth(root, logo.name)
    clean = ET.tostring(svg_sanitize.sanitize(root).root, encoding="unicode")
    assert_inert(clean)
    difference = ImageChops.difference(rendered(original), rendered(clean))
    mean = sum(ImageStat.Stat(difference).mean) / 4
    assert mean < 0.1, mean
    assert svg.load(original, logo.name).embedded_rasters == 0
    # Nothing a real logo holds is reported as a danger by the checker.
    found = svg_sanitize.hazards(svg_sanitize.parse(original, logo.name))
    assert [r for r in found if r.hazard != svg_sanitize.Hazard.INERT] == []


def test_the_sample_of_logos_is_real_and_varied() -> None:
    assert len(LOGOS) >= 50
    names = {e.tag.rsplit("}", 1)[-1] for logo in LOGOS for e in ET.parse(logo).iter()}
    assert {"filter", "mask", "clipPath", "use", "radialGradient", "style"} <= names


# ---- in Chromium ----------------------------------------------------------------------------
class _Files(QuietHandler):
    files: dict[str, tuple[bytes, str]] = {}
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        self.requests.append(self.path)
        body, kind = self.files.get(self.path, (b"", "text/plain"))
        self.reply(200 if body else 404, kind, body)


@pytest.fixture
def loopback() -> Iterator[tuple[str, dict[str, tuple[bytes, str]], list[str]]]:
    """A loopback server for the files put in its dict; every request path is recorded."""
    files: dict[str, tuple[bytes, str]] = {}
    requests: list[str] = []
    handler = type("Handler", (_Files,), {"files": files, "requests": requests})
    with serving(handler) as origin:
        yield origin, files, requests


def misbehaviour(tab: Tab, root: str, files: dict[str, tuple[bytes, str]]) -> list[str]:
    """Open every SVG top-level and all of them in <object> and <iframe> on one page; list
    each request for anything but a served file, each dialog and each navigation."""
    svgs = [path for path, (_body, kind) in files.items() if kind == "image/svg+xml"]
    embeds = "".join(
        f'<object data="{path}" type="image/svg+xml" width="64" height="64"></object>'
        f'<iframe src="{path}" width="64" height="64"></iframe>'
        for path in svgs
    )
    files["/embed.html"] = (f"<!doctype html><body>{embeds}</body>".encode(), "text/html")
    tab.send("Network.enable")
    found: list[str] = []
    # The browser asks for /favicon.ico itself for every top-level page: not the SVG's doing.
    expected = {root + path for path in files} | {root + "/favicon.ico"}
    for url in [root + path for path in svgs] + [root + "/embed.html"]:
        tab.navigate(url)
        time.sleep(0.1)  # time for anything an animation or a late style would load
        tab.send("Runtime.evaluate", expression="1")  # collects the events that came meanwhile
        for event in tab.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                requested = params["request"]["url"]
                if requested not in expected:
                    found.append(f"{url} requested {requested}")
            elif method == "Page.javascriptDialogOpening":
                found.append(f"{url} opened a dialog: {params.get('message')}")
                tab.send("Page.handleJavaScriptDialog", accept=True)
            elif method == "Page.frameNavigated" and params["frame"]["url"] not in expected:
                found.append(f"{url} navigated to {params['frame']['url']}")
    return found


# Every kind of same-document reference the allowlist keeps, and a colour-scheme stylesheet.
EVERY_REFERENCE = (
    ROOT + '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient>'
    '<radialGradient id="g2" href="#g"/><pattern id="p" width="4" height="4" '
    'patternUnits="userSpaceOnUse"><rect width="2" height="2" fill="url(#g)"/></pattern>'
    '<clipPath id="c"><circle cx="32" cy="32" r="30"/></clipPath><mask id="m"><rect '
    'width="64" height="64" fill="#fff"/></mask><marker id="k"><circle r="1"/></marker>'
    '<filter id="f"><feImage href="#c"/><feGaussianBlur stdDeviation="1"/></filter>'
    '<path id="t" d="M0 32H64"/><symbol id="s"><rect width="9" height="9"/></symbol></defs>'
    "<style>.a{fill:url(#g2);mask:url(#m)}@media (prefers-color-scheme: dark){.a{"
    "fill:url(#p);filter:url(#f)}}</style>"
    '<rect class="a" width="64" height="64" clip-path="url(#c)" style="stroke:url(#g)"/>'
    '<path d="M0 0L64 64" marker-end="url(#k)" stroke="#000"/><use href="#s"/>'
    '<use xlink:href="#s" x="20"/><text><textPath href="#t">hi</textPath></text>'
    '<circle r="3"><animateMotion dur="1s"><mpath href="#t"/></animateMotion>'
    '<set attributeName="fill" to="url(#g)"/></circle></svg>'
)


def test_every_kept_reference_survives_as_a_live_id() -> None:
    markup = sanitized(EVERY_REFERENCE)
    assert markup is not None
    assert_inert(markup)
    for kept in ('href="#g"', 'href="#c"', 'href="#s"', 'href="#t"', "url(#m)", "url(#k)"):
        assert kept in markup, kept


def test_chromium_loads_nothing_from_sanitized_outputs(
    tab: Tab, loopback: tuple[str, dict[str, tuple[bytes, str]], list[str]]
) -> None:
    root, files, requests = loopback
    outputs = [sanitized(probe_document(name, root)) for name in PROBES]
    outputs += [sanitized(document) for document in corpus_documents().values()]
    outputs.append(sanitized(EVERY_REFERENCE))  # what survives must not fetch either
    distinct = dict.fromkeys(m for m in outputs if m is not None)  # many come out the same
    for number, markup in enumerate(distinct):
        files[f"/out/{number}.svg"] = (markup.encode("utf-8"), "image/svg+xml")
    assert len(files) > 40
    assert misbehaviour(tab, root, files) == []
    # The server saw only the files (and the browser's own /favicon.ico for top-level pages).
    assert {path for path in requests if path != "/favicon.ico"} <= set(files)


def test_the_browser_harness_sees_what_the_old_sanitizer_let_through(
    tab: Tab, loopback: tuple[str, dict[str, tuple[bytes, str]], list[str]]
) -> None:
    """A control: the three routes, unsanitized, do make Chromium fetch (so the test above
    can fail)."""
    root, files, requests = loopback
    routes = (
        "style text after a child",
        "image-set with parentheses in a comment",
        "em space before use",
    )
    for name in routes:
        files[f"/raw/{len(files)}.svg"] = (
            probe_document(name, root).encode("utf-8"),
            "image/svg+xml",
        )
    found = misbehaviour(tab, root, files)
    assert any("/1.css" in problem for problem in found), found
    assert any("/10.png" in problem for problem in found), found
    assert any("/14.svg" in problem for problem in found), found
    assert "/1.css" in requests


# ---- the documentation ----------------------------------------------------------------------
def test_the_safety_page_lists_exactly_the_allowlist() -> None:
    page = (Path(__file__).parent.parent / "demo_site" / "docs" / "safety.md").read_text("utf-8")
    listed = page.split("<!-- allowlist:start -->\n", 1)[1].split("\n<!-- allowlist:end -->")[0]
    assert listed == svg_sanitize.allowlist_markdown()
    assert f"more than\n  {svg_sanitize.MAX_DEPTH} levels deep" in page


def test_tinycss2_is_not_imported_with_the_plugin(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, mkdocs_favicons.plugin, mkdocs_favicons.cli; print('tinycss2' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stdout.strip() == "False", result.stderr


def test_real_logos_draw_the_same_in_chromium(
    tab: Tab, loopback: tuple[str, dict[str, tuple[bytes, str]], list[str]]
) -> None:
    """Two pages with the same grid of <img>: the logos, then their sanitized copies. (Same
    positions, since Chromium's antialiasing of masks can vary with where a tile falls.)"""
    root, files, _requests = loopback
    side, per_row = 64, 16
    for number, logo in enumerate(LOGOS):
        original = logo.read_bytes()
        clean = svg_sanitize.sanitize(svg_sanitize.parse(original.decode(), logo.name)).root
        files[f"/original/{number}.svg"] = (original, "image/svg+xml")
        files[f"/sanitized/{number}.svg"] = (ET.tostring(clean), "image/svg+xml")
    rows = -(-len(LOGOS) // per_row)
    shots = []
    for kind in ("original", "sanitized"):
        images = "".join(
            f'<img src="/{kind}/{n}.svg" width="{side}" height="{side}">' for n in range(len(LOGOS))
        )
        style = f"body{{margin:0;line-height:0;width:{side * per_row}px}}"
        files[f"/{kind}.html"] = (
            f"<!doctype html><style>{style}</style>{images}".encode(),
            "text/html",
        )
        tab.open(f"{root}/{kind}.html", side * per_row, side * rows)
        shots.append(tab.screenshot())
    for number, logo in enumerate(LOGOS):
        x, y = (number % per_row) * side, (number // per_row) * side
        original, clean = (shot.crop((x, y, x + side, y + side)) for shot in shots)
        assert original.convert("L").getextrema() != (255, 255), logo.name  # drawn, not blank
        mean = sum(ImageStat.Stat(ImageChops.difference(original, clean)).mean) / 4
        assert mean < 0.1, (logo.name, mean)


def test_the_dark_mode_merges_stay_inert() -> None:
    light = svg.load(LOGOS[0].read_text("utf-8"), LOGOS[0].name)
    dark = svg.load(LOGOS[1].read_text("utf-8"), LOGOS[1].name)
    for markup in (svg.with_dark_mode(light, dark), svg.with_dark_mode(light, None, "invert")):
        assert_inert(markup)
        assert svg_sanitize.hazards(ET.fromstring(markup)) == []


def test_a_real_build_with_every_probe_writes_an_inert_favicon_and_passes_check(
    tmp_path: Path,
) -> None:
    from mkdocs_favicons.check import check_site

    hostile = ROOT + DRAWING + "".join(PROBES.values()).replace("{base}", STATIC_BASE) + "</svg>"
    site = site_with_source(tmp_path, hostile.encode("utf-8"), options={"dark_source": "dark.svg"})
    (site.root / "dark.svg").write_text(hostile.replace("#3b5bdb", "#ffffff"), "utf-8")
    build = site.build(check=False)
    assert build.returncode == 0, build.output
    favicon = site.read("favicon.svg")
    assert_inert(favicon)
    assert "192.0.2.1" not in favicon and "favicons-dark" in favicon
    assert [f for f in check_site(site.site_dir) if f.rule == "svg"] == []
    # The PNG icons are drawn from the same tree: the square, painted by the kept `rect{fill:red}`.
    assert site.image("favicon-96x96.png").getpixel((48, 48)) == (255, 0, 0, 255)


def test_text_keeps_its_order_when_children_are_dropped() -> None:
    markup = sanitized(
        ROOT + "<text>A<title>t</title>B<tspan>C<desc>d</desc>D</tspan>E<script>x</script>F"
        '<set attributeName="HREF" to="x"/>G</text></svg>'
    )
    assert markup is not None and "<text>AB<tspan>CD</tspan>EFG</text>" in markup


def test_an_icon_set_cached_under_another_sanitizer_policy_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache filled before the allowlist must not serve its old favicon.svg."""
    from mkdocs_favicons import iconset
    from mkdocs_favicons.options import Options

    (tmp_path / "logo.svg").write_text(ROOT + DRAWING + "</svg>")
    cache = tmp_path / "cache"
    assert not iconset.generate(tmp_path / "logo.svg", Options(), cache).cached
    assert iconset.generate(tmp_path / "logo.svg", Options(), cache).cached
    monkeypatch.setattr(iconset, "POLICY", "an older policy")
    assert not iconset.generate(tmp_path / "logo.svg", Options(), cache).cached


def test_elements_in_no_namespace_are_dropped_not_turned_into_svg() -> None:
    markup = sanitized(ROOT + '<g xmlns=""><rect width="64" height="64"/></g></svg>')
    assert markup is not None and "rect" not in markup and "<g" not in markup, markup


def test_the_cache_key_names_the_sanitizers_current_policy() -> None:
    """iconset writes the policy out (a warm build imports no sanitizer): it must be current."""
    from mkdocs_favicons import iconset, svg_sanitize

    assert iconset.POLICY == svg_sanitize.POLICY
