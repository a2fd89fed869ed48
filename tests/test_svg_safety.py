"""Hostile and odd SVG sources: the built site gets a clean favicon.svg or a clear error.

favicon.svg is served from the site's own origin, so anything active in it is stored XSS, and
anything it references could leak local files or make the build fetch from the network.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import Site, assert_clean_error, site_with_source, tree_digest
from logos import SQUARE_SVG, png
from serving import QuietHandler, serving

SVG = "http://www.w3.org/2000/svg"


class _Recorder(QuietHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        self.requests.append(self.path)
        self.reply(200, "image/png", png(64, (255, 0, 0, 255)))


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that serves a red PNG for any path and records every request."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    with serving(handler) as origin:
        yield origin, requests


def build_svg(tmp_path: Path, markup: str) -> tuple[Site, str]:
    # The sanitizer's own output: without the automatic colour-scheme variant a dark logo gets
    # (its safety is tested in test_visibility.py).
    site = site_with_source(tmp_path, markup.encode("utf-8"), "logo.svg", {"auto_dark": False})
    build = site.build(check=False)
    return site, build.output if build.returncode else ""


def built_svg(site: Site) -> ET.Element:
    return ET.fromstring(site.read_bytes("favicon.svg"))


def no_red(site: Site) -> bool:
    """No icon shows the red image an external or file: reference points at."""
    icon = site.image("web-app-manifest-512x512.png")
    raw = icon.tobytes()
    pixels = (raw[i : i + 4] for i in range(0, len(raw), 4))
    return not any(r > 200 and g < 60 and b < 60 and a > 0 for r, g, b, a in pixels)


# --- invalid or odd sources ---------------------------------------------------------------


@pytest.mark.parametrize(
    "markup, reason",
    [
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect></svg>', "well-formed"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>', "viewBox"),
        ('<svg viewBox="0 0 10 10"><rect width="5" height="5"/></svg>', "xmlns"),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ten 10"/>', "four numbers"),
    ],
    ids=["invalid XML", "no size at all", "no SVG namespace", "bad viewBox"],
)
def test_unusable_svg_is_one_clear_error(tmp_path: Path, markup: str, reason: str) -> None:
    site = site_with_source(tmp_path, markup.encode(), "logo.svg")
    assert_clean_error(site.build(check=False, in_process=False), "logo.svg", reason)
    assert not (site.site_dir / "favicon.svg").exists()


@pytest.mark.parametrize(
    "root",
    [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">',
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">',
        '<svg xmlns="http://www.w3.org/2000/svg" width="200px" height="100px" '
        'preserveAspectRatio="none">',
    ],
    ids=["wide viewBox", "no viewBox", "stretching preserveAspectRatio"],
)
def test_non_square_svg_keeps_its_aspect(tmp_path: Path, root: str) -> None:
    site, error = build_svg(tmp_path, f'{root}<rect width="200" height="100" fill="#000"/></svg>')
    assert not error, error
    view_box = [float(v) for v in built_svg(site).get("viewBox", "").split()]
    assert view_box[2] == view_box[3] == 200  # squared by padding, not scaling
    icon = site.image("web-app-manifest-512x512.png")
    # A 2:1 rectangle centred on a square: opaque rows 128..383 only, full width.
    assert icon.getpixel((256, 100))[3] == 0 and icon.getpixel((256, 412))[3] == 0
    assert icon.getpixel((256, 140))[3] == 255 and icon.getpixel((256, 372))[3] == 255
    assert icon.getpixel((4, 256))[3] == 255 and icon.getpixel((508, 256))[3] == 255


def nested(n: int) -> str:
    return "<g>" * n + '<rect width="5" height="5"/>' + "</g>" * n


def chain(n: int, element: str, link: str) -> str:
    """n `element`s, each drawing through the one before it: `link` is how it refers."""
    first = f'<{element} id="e0"><rect width="1" height="1"/></{element}>'
    rest = "".join(
        f'<{element} id="e{i}"><path d="M0 0L1 1" {link.format(i - 1)}/></{element}>'
        for i in range(1, n)
    )
    return f'<defs>{first}{rest}</defs><path d="M0 0L5 5" {link.format(n - 1)}/>'


DEEP = {
    "nested groups": nested(3000),  # deeper than Python's recursion limit
    "nested a little less": nested(400),  # deep enough to overflow resvg's native stack
    "use chain": "<defs><g id='e0'><rect width='5' height='5'/></g>"
    + "".join(f'<g id="e{i}"><use href="#e{i - 1}"/></g>' for i in range(1, 300))
    + '</defs><use href="#e299"/>',
    "pattern chain": chain(300, "pattern", 'fill="url(#e{})"'),
    "marker chain": chain(300, "marker", 'marker-start="url(#e{})"'),
    "mask chain": chain(300, "mask", 'mask="url(#e{})"'),
    "pattern chain through <style>": chain(300, "pattern", 'class="c{}"')
    + "<style>"
    + "".join(f".c{i} {{ fill: url(#e{i}) }}" for i in range(300))
    + "</style>",
}


@pytest.mark.parametrize("case", DEEP)
def test_deep_nesting_and_reference_chains_are_refused(tmp_path: Path, case: str) -> None:
    # Without the limit these crash the build: a RecursionError traceback, or a segfault in
    # the native renderer that kills `mkdocs build` with no message at all.
    markup = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{DEEP[case]}</svg>'
    site = site_with_source(tmp_path, markup.encode(), "logo.svg")
    assert_clean_error(site.build(check=False, in_process=False), "logo.svg", "levels deep")


def test_ordinary_depth_and_references_build(tmp_path: Path) -> None:
    markup = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        + chain(12, "pattern", 'fill="url(#e{})"')
        + "<style>.a { fill: url(#e3) }</style>"
        + nested(30).replace("<rect", '<rect class="a"')
        + "</svg>"
    )
    site, error = build_svg(tmp_path, markup)
    assert not error, error


@pytest.mark.parametrize("box", ["0 0 nan nan", "0 0 inf inf", "0 0 -5 5"])
def test_unusable_viewbox_numbers_are_refused(tmp_path: Path, box: str) -> None:
    markup = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}"><rect/></svg>'
    site = site_with_source(tmp_path, markup.encode(), "logo.svg")
    assert_clean_error(site.build(check=False, in_process=False), "logo.svg", "no usable size")


# --- active content -----------------------------------------------------------------------

ACTIVE = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:html="http://www.w3.org/1999/xhtml" viewBox="0 0 64 64" onload="alert('root')">
  <script>alert('script')</script>
  <script type="text/ecmascript"><![CDATA[ alert('cdata') ]]></script>
  <html:script>alert('xhtml')</html:script>
  <foreignObject width="64" height="64"><div xmlns="http://www.w3.org/1999/xhtml"
      onclick="alert('foreign')">x</div></foreignObject>
  <rect width="64" height="64" fill="#3b5bdb" onclick="alert('click')" ONMOUSEOVER="alert(1)"/>
  <a href="javascript:alert('link')" xlink:href="javascript:alert('xlink')">
    <circle cx="32" cy="32" r="8" fill="#fff" onfocusin="alert('focus')"/>
  </a>
  <set attributeName="href" to="javascript:alert('set')"/>
  <animate attributeName="onclick" to="alert('animate')"/>
  <iframe src="javascript:alert('iframe')"/>
  <handler type="application/ecmascript">alert('handler')</handler>
</svg>"""


def test_scripts_handlers_and_foreign_objects_are_stripped(tmp_path: Path) -> None:
    site, error = build_svg(tmp_path, ACTIVE)
    assert not error, error
    text = site.read_bytes("favicon.svg").decode()
    assert "alert" not in text and "javascript" not in text.lower(), text
    root = built_svg(site)
    names = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert not names & {"script", "foreignObject", "iframe", "handler", "set", "animate"}, names
    for element in root.iter():
        assert not [a for a in element.attrib if a.rsplit("}", 1)[-1].lower().startswith("on")]
        assert element.tag.startswith(f"{{{SVG}}}"), element.tag
    # The drawing itself survives.
    assert {"rect", "circle"} <= names
    assert site.image("favicon-96x96.png").getpixel((4, 4))[3] == 255


# --- external and file: references ---------------------------------------------------------


def references(base: str, local: Path) -> str:
    return rf"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 64 64" xml:base="{base}/base/">
  <style>@import url("{base}/import.css"); rect {{ fill: url({base}/paint.svg#p) }}
    .b {{ background-image: url('file://{local}') }}</style>
  <rect width="64" height="64" fill="#3b5bdb" style="filter: url({base}/filter.svg#f)"/>
  <image href="file:///etc/passwd" width="64" height="64"/>
  <image href="file://{local}" width="64" height="64"/>
  <image xlink:href="{local}" width="64" height="64"/>
  <image href="{base}/x.png" width="64" height="64"/>
  <image href="http://127.0.0.1:1/x.png" width="64" height="64"/>
  <use href="{base}/sprite.svg#icon"/>
  <style>@\69mport "{base}/escaped-import.css"; circle {{ fill: u\72l({base}/escaped.svg) }}
    ellipse {{ fill: U\000052L("{base}/escaped2.svg") }}
    line {{ background: image-set("{base}/set.png" 1x);
      mask: -webkit-image-set("{base}/w.png" 1x) }}
    path {{ fill: src("{base}/src.svg") }} polygon {{ fill: url({base}/unclosed.svg</style>
  <circle r="4" fill="u\72l({base}/attribute.svg)" style="stroke: \75rl({base}/style.svg)"/>
  <feImage href="{base}/fe.png"/>
</svg>"""


def test_external_and_file_references_are_never_fetched_nor_copied(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    base, requests = server
    local = tmp_path / "secret.png"
    local.write_bytes(png(64, (255, 0, 0, 255)))
    site, error = build_svg(tmp_path / "site", references(base, local))
    assert not error, error
    assert requests == []  # nothing was fetched while building
    text = site.read_bytes("favicon.svg").decode()
    for leak in ("127.0.0.1", "file:", "/etc/passwd", str(local), "@import", "base"):
        assert leak not in text, (leak, text)
    assert no_red(site)  # neither the local nor the remote red image was drawn
    leaked = [name for name, digest in tree_digest(site.site_dir).items() if "secret" in name]
    assert leaked == []
    for path in site.site_dir.rglob("*"):
        assert not path.is_file() or b"root:x:0:0" not in path.read_bytes(), path


def test_inline_raster_is_drawn_into_the_pngs_but_left_out_of_favicon_svg(tmp_path: Path) -> None:
    import base64

    inline = (
        "data:image/png;base64," + base64.b64encode(png(8, (0, 200, 0, 255), mark=False)).decode()
    )
    markup = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#00c800"/></linearGradient></defs>
  <rect width="64" height="32" fill="url(#g)"/>
  <image href="{inline}" y="32" width="64" height="32" preserveAspectRatio="none"/>
</svg>"""
    site, error = build_svg(tmp_path, markup)
    assert not error, error
    text = site.read_bytes("favicon.svg").decode()
    assert "url(#g)" in text and "data:" not in text and "<image" not in text
    icon = site.image("web-app-manifest-512x512.png")
    assert icon.getpixel((256, 128))[:3] == (0, 200, 0)
    assert icon.getpixel((256, 384))[:3] == (0, 200, 0)  # the raster, in the PNG only
    strict = site.build(strict=True, check=False)
    assert strict.returncode == 1 and "embeds 1 raster image" in strict.output, strict.output


# --- DOCTYPE and entities ------------------------------------------------------------------

XXE = {
    "external entity": """<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><text>&xxe;</text></svg>""",
    "billion laughs": """<!DOCTYPE svg [
  <!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><text>&d;</text></svg>""",
    "parameter entity": """<!DOCTYPE svg [<!ENTITY % remote SYSTEM "{base}/evil.dtd"> %remote;]>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"/>""",
    "entity after the DOCTYPE": """<!DOCTYPE svg>
<!ENTITY x "y"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"/>""",
}


@pytest.mark.parametrize("case", XXE)
def test_entities_are_refused_never_expanded(
    tmp_path: Path, server: tuple[str, list[str]], case: str
) -> None:
    base, requests = server
    site = site_with_source(tmp_path, XXE[case].replace("{base}", base).encode(), "logo.svg")
    build = site.build(check=False, in_process=False)
    assert_clean_error(build, "logo.svg", "entities")
    assert requests == []
    assert "root:x:0:0" not in build.output
    assert not (site.site_dir / "favicon.svg").exists()


def test_plain_doctype_is_dropped_and_its_dtd_never_fetched(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    base, requests = server
    markup = f"""<?xml version="1.0" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "{base}/svg11.dtd">
<?xml-stylesheet href="{base}/style.css" type="text/css"?>
{SQUARE_SVG}"""
    site, error = build_svg(tmp_path, markup)
    assert not error, error
    assert requests == []
    text = site.read_bytes("favicon.svg").decode()
    assert "DOCTYPE" not in text and "xml-stylesheet" not in text and base not in text
