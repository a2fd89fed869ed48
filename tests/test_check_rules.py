"""Each checker rule, one broken thing at a time, on real sites built with the plugin."""

from __future__ import annotations

import json
import re
import shutil
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import build_site
from logos import encoded, png
from PIL import Image, ImageDraw

from mkdocs_favicons.check import ERROR, WARNING, Finding, RuleId, Severity, check_site
from mkdocs_favicons.cli import main
from mkdocs_favicons.inject import inject

GOOD = {
    "minimal": {"preset": "minimal"},
    "minimal-png": {"preset": "minimal", "source": "png"},
    "full": {"preset": "full"},
    "full-png": {"preset": "full", "source": "png"},
    "single": {"preset": "single"},
    "sub-path": {"site_url": "https://example.org/sub/"},
    "cache-busting": {"cache_busting": True},
    "material": {"mkdocs": {"theme": {"name": "material"}}},
    "dark": {"dark_mode": "invert", "dark_theme_color": "#101018"},
    "preview": {"preview": True},
    "no-directory-urls": {"mkdocs": {"use_directory_urls": False}},
}


@pytest.fixture(scope="module")
def good_sites(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Each good site is built once per module; tests copy it before breaking it."""
    cache = tmp_path_factory.mktemp("favicon-cache")
    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            built[name] = build_site(tmp_path_factory.mktemp(name), cache_dir=cache, **GOOD[name])
        return built[name]

    return get


def copy_of(good_sites: Callable[[str], Path], name: str, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(good_sites(name), site)
    return site


def base_of(name: str) -> str:
    return "/sub/" if name == "sub-path" else "/"


def run_cli(site: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", str(site), *args])
    return code, capsys.readouterr().out


# ---- breakers: each changes exactly one thing -------------------------------------------------
def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count))


def edit_manifest(site: Path, change: Callable[[dict], None]) -> None:
    data = json.loads((site / "site.webmanifest").read_text())
    change(data)
    (site / "site.webmanifest").write_text(json.dumps(data))


def strip_tags(site: Path) -> None:
    page = site / "guide/page/index.html"
    page.write_text(inject(page.read_text(), "").html)  # removes every icon declaration


def drop_manifest_tag(site: Path) -> None:
    page = site / "guide/page/index.html"
    page.write_text(re.sub(r'<link rel="manifest"[^>]*>\n', "", page.read_text()))


def second_svg_icon(site: Path) -> None:
    edit(
        site / "index.html",
        "</head>",
        '<link rel="icon" type="image/svg+xml" href="logo.svg">\n</head>',
    )


def second_manifest(site: Path) -> None:
    edit(site / "index.html", "</head>", '<link rel="manifest" href="other.webmanifest">\n</head>')


def corrupt_ico_entry(site: Path) -> None:
    data = bytearray((site / "favicon.ico").read_bytes())
    length, offset = struct.unpack("<II", data[6 + 8 : 6 + 16])  # the first entry
    data[offset + 16 : offset + length] = b"\0" * (length - 16)  # keep the PNG signature+IHDR len
    (site / "favicon.ico").write_bytes(bytes(data))


def jpeg_named_png(site: Path) -> None:
    (site / "favicon-96x96.png").write_bytes(
        encoded(Image.new("RGB", (96, 96), (59, 91, 219)), "JPEG")
    )


def svg_with(markup: str) -> Callable[[Path], None]:
    def breaker(site: Path) -> None:
        edit(site / "favicon.svg", "</svg>", f"{markup}</svg>")

    return breaker


def svg_not_square(site: Path) -> None:
    text = (site / "favicon.svg").read_text()
    (site / "favicon.svg").write_text(re.sub(r'viewBox="[^"]*"', 'viewBox="0 0 100 50"', text))


def transparent_touch_icon(site: Path) -> None:
    (site / "apple-touch-icon.png").write_bytes(png((180, 180), (59, 91, 219, 0), mark=False))


def maskable_edge_to_edge(site: Path) -> None:
    image = Image.new("RGB", (512, 512), (255, 255, 255))
    ImageDraw.Draw(image).rectangle((8, 8, 503, 503), fill=(59, 91, 219))
    (site / "web-app-manifest-maskable-512x512.png").write_bytes(encoded(image))


def every_page(site: Path, old: str, new: str) -> None:
    for page in site.rglob("*.html"):
        edit(page, old, new)


def write(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda site: (site / name).write_bytes(data)


def delete(name: str) -> Callable[[Path], None]:
    return lambda site: (site / name).unlink()


BREAKS: list[tuple[str, str, Callable[[Path], None], list[tuple[Severity, RuleId]]]] = [
    # (id, good site, breaker, every (severity, rule) it trips: the rule it targets, and what
    # follows from the break itself, such as a flat breaker image the visibility rule reports)
    ("page-lost-its-tags", "minimal", strip_tags, [(ERROR, RuleId.CONSISTENCY)]),
    ("page-lacks-manifest", "minimal", drop_manifest_tag, [(ERROR, RuleId.CONSISTENCY)]),
    (
        "two-svg-icons",
        "minimal",
        second_svg_icon,
        [(ERROR, RuleId.CONSISTENCY), (ERROR, RuleId.DUPLICATE), (ERROR, RuleId.RESOLVE)],
    ),
    (
        "two-manifests",
        "minimal",
        second_manifest,
        [(ERROR, RuleId.CONSISTENCY), (ERROR, RuleId.DUPLICATE), (ERROR, RuleId.RESOLVE)],
    ),
    ("missing-96-png", "minimal", delete("favicon-96x96.png"), [(ERROR, RuleId.RESOLVE)]),
    (
        "wrong-nested-href",
        "minimal",
        lambda s: edit(
            s / "guide/page/index.html", 'href="../../favicon.svg"', 'href="favicon.svg"'
        ),
        [(ERROR, RuleId.CONSISTENCY), (ERROR, RuleId.RESOLVE)],
    ),
    (
        "404-page-relative",
        "minimal",
        lambda s: edit(s / "404.html", 'href="/favicon.ico"', 'href="favicon.ico"'),
        [(ERROR, RuleId.NOT_FOUND_RELATIVE)],
    ),
    (
        "404-page-relative-sub",
        "sub-path",
        lambda s: edit(s / "404.html", 'href="/sub/site.webmanifest"', 'href="site.webmanifest"'),
        [(ERROR, RuleId.NOT_FOUND_RELATIVE)],
    ),
    (
        "no-root-ico",
        "minimal-png",
        lambda s: (
            every_page(s, "favicon.ico", "icons/favicon.ico")
            or (s / "icons").mkdir()
            or (s / "favicon.ico").rename(s / "icons/favicon.ico")
        ),
        [(ERROR, RuleId.ROOT_ICO)],
    ),
    (
        "png-renamed-ico",
        "minimal",
        write("favicon.ico", png((48, 48), mark=False)),
        [(ERROR, RuleId.FORMAT), (WARNING, RuleId.VISIBILITY)],
    ),
    (
        "jpeg-named-png",
        "minimal",
        jpeg_named_png,
        [(ERROR, RuleId.FORMAT), (WARNING, RuleId.VISIBILITY)],
    ),
    (
        "declared-type-wrong",
        "minimal",
        lambda s: every_page(
            s, 'type="image/png" sizes="96x96"', 'type="image/webp" sizes="96x96"'
        ),
        [(ERROR, RuleId.FORMAT)],
    ),
    (
        "declared-size-wrong",
        "minimal",
        write("favicon-96x96.png", png((64, 64), mark=False)),
        [(ERROR, RuleId.SIZES), (WARNING, RuleId.VISIBILITY)],
    ),
    (
        "single-ico-size-missing",
        "single",
        lambda s: every_page(s, 'sizes="16x16', 'sizes="8x8 16x16'),
        [(ERROR, RuleId.SIZES), (WARNING, RuleId.MANIFEST), (WARNING, RuleId.TOUCH_ICON)],
    ),
    ("ico-entry-corrupt", "minimal", corrupt_ico_entry, [(ERROR, RuleId.ICO)]),
    (
        "svg-not-well-formed",
        "minimal",
        write("favicon.svg", b'<svg xmlns="http://www.w3.org/2000/svg"'),
        [(ERROR, RuleId.SVG)],
    ),
    ("svg-not-square", "minimal", svg_not_square, [(ERROR, RuleId.SVG)]),
    ("svg-script", "minimal", svg_with("<script>alert(1)</script>"), [(ERROR, RuleId.SVG)]),
    (
        "svg-handler",
        "minimal",
        svg_with('<rect width="1" height="1" onclick="steal()"/>'),
        [(ERROR, RuleId.SVG)],
    ),
    (
        "svg-foreign-object",
        "minimal",
        svg_with("<foreignObject><p>x</p></foreignObject>"),
        [(ERROR, RuleId.SVG), (ERROR, RuleId.SVG)],
    ),
    (
        "svg-external-ref",
        "minimal",
        svg_with('<image href="https://evil.example/x.png"/>'),
        [(ERROR, RuleId.SVG)],
    ),
    (
        "svg-css-import",
        "minimal",
        svg_with("<style>@import url(https://evil.example/x.css);</style>"),
        [(ERROR, RuleId.SVG)],
    ),
    (
        "svg-css-escaped-url",
        "minimal",
        svg_with(r"<style>rect{fill:u\72l(https://evil.example/x)}</style>"),
        [(ERROR, RuleId.SVG)],
    ),
    (
        "svg-fill-external",
        "minimal",
        svg_with('<rect width="1" height="1" fill="url(https://evil.example/p.svg#g)"/>'),
        [(ERROR, RuleId.SVG)],
    ),
    (
        "svg-foreign-namespace",
        "minimal",
        svg_with('<x:a xmlns:x="http://www.w3.org/1999/xhtml"/>'),
        [(ERROR, RuleId.SVG)],
    ),
    (
        "svg-animated-href",
        "minimal",
        svg_with('<a><set attributeName="href" to="javascript:alert(1)"/></a>'),
        [(ERROR, RuleId.SVG)],
    ),
    # Issue 12's three routes past the old denylist: the checker shares the new allowlist.
    (
        "svg-style-text-after-child",
        "minimal",
        svg_with('<style><g/>@import url("https://evil.example/a.css");</style>'),
        [(ERROR, RuleId.SVG)],
    ),
    (
        "svg-image-set-nested-parentheses",
        "minimal",
        svg_with(
            '<rect width="1" height="1" '
            "style=\"mask-image:image-set(/*(((*/'https://evil.example/b.png' 1x)\"/>"
        ),
        [(ERROR, RuleId.SVG)],
    ),
    (
        "svg-unicode-space-before-reference",
        "minimal",
        svg_with('<use href="\u2003data:image/png;/../../x.svg#x"/>'),
        [(ERROR, RuleId.SVG)],
    ),
    (
        "svg-cursor",
        "minimal",
        svg_with('<rect width="1" height="1" cursor="url(https://evil.example/c.cur)"/>'),
        [(ERROR, RuleId.SVG)],
    ),
    (
        "touch-icon-transparent",
        "minimal",
        transparent_touch_icon,
        [(ERROR, RuleId.TOUCH_ICON), (ERROR, RuleId.VISIBILITY)],
    ),
    (
        "manifest-not-json",
        "minimal",
        write("site.webmanifest", b"{name: oops"),
        [(ERROR, RuleId.MANIFEST)],
    ),
    (
        "manifest-no-name",
        "minimal",
        lambda s: edit_manifest(s, lambda m: [m.pop("name"), m.pop("short_name")]),
        [(ERROR, RuleId.MANIFEST)],
    ),
    (
        "manifest-no-display",
        "minimal",
        lambda s: edit_manifest(s, lambda m: m.pop("display")),
        [(ERROR, RuleId.MANIFEST)],
    ),
    (
        "manifest-start-url-outside",
        "sub-path",
        lambda s: edit_manifest(s, lambda m: m.update(start_url="/elsewhere/")),
        [(ERROR, RuleId.MANIFEST)],
    ),
    (
        "manifest-scope-outside",
        "minimal",
        lambda s: edit_manifest(s, lambda m: m.update(scope="https://other.example/")),
        [(ERROR, RuleId.MANIFEST)],
    ),
    (
        "manifest-theme-color",
        "minimal",
        lambda s: edit_manifest(s, lambda m: m.update(theme_color="blurple")),
        [(ERROR, RuleId.MANIFEST)],
    ),
    (
        "manifest-background-color",
        "minimal",
        lambda s: edit_manifest(s, lambda m: m.update(background_color="#12345")),
        [(ERROR, RuleId.MANIFEST)],
    ),
    (
        "manifest-icon-missing",
        "minimal",
        delete("web-app-manifest-192x192.png"),
        [(ERROR, RuleId.MANIFEST), (ERROR, RuleId.MANIFEST)],
    ),
    (
        "manifest-icon-size",
        "minimal",
        write("web-app-manifest-512x512.png", png((500, 500), mark=False)),
        [(ERROR, RuleId.MANIFEST), (ERROR, RuleId.SIZES), (ERROR, RuleId.VISIBILITY)],
    ),
    (
        "manifest-no-192",
        "minimal",
        lambda s: edit_manifest(s, lambda m: m.update(icons=m["icons"][1:])),
        [(ERROR, RuleId.MANIFEST)],
    ),
    (
        "manifest-icon-type",
        "minimal",
        lambda s: edit_manifest(s, lambda m: m["icons"][0].update(type="image/svg+xml")),
        [(ERROR, RuleId.FORMAT)],
    ),
    (
        "maskable-transparent",
        "minimal",
        write(
            "web-app-manifest-maskable-512x512.png", png((512, 512), (255, 255, 255, 0), mark=False)
        ),
        [(ERROR, RuleId.MASKABLE), (ERROR, RuleId.VISIBILITY)],
    ),
    ("maskable-outside-safe-zone", "minimal", maskable_edge_to_edge, [(ERROR, RuleId.MASKABLE)]),
    (
        "theme-color-meta",
        "minimal",
        lambda s: every_page(
            s, '<meta name="theme-color" content="#', '<meta name="theme-color" content="#zz'
        ),
        [(ERROR, RuleId.THEME_COLOR)],
    ),
    (
        "mstile-size",
        "full",
        write("mstile-150x150.png", png((144, 144), (0, 0, 0, 0), mark=False)),
        [(ERROR, RuleId.MSTILE)],
    ),
    (
        "tile-image-size",
        "full",
        write("mstile-144x144.png", png((150, 150), (0, 0, 0, 0), mark=False)),
        [(ERROR, RuleId.MSTILE)],
    ),
    (
        "browserconfig-malformed",
        "full",
        write("browserconfig.xml", b"<browserconfig><tile>"),
        [(ERROR, RuleId.BROWSERCONFIG)],
    ),
    (
        "browserconfig-tile-missing",
        "full",
        delete("mstile-310x310.png"),
        [(ERROR, RuleId.BROWSERCONFIG)],
    ),
    (
        "tile-color",
        "full",
        lambda s: every_page(
            s,
            'name="msapplication-TileColor" content="#',
            'name="msapplication-TileColor" content="#q',
        ),
        [(ERROR, RuleId.THEME_COLOR)],
    ),
]


@pytest.mark.parametrize("name", list(GOOD))
def test_unbroken_site_reports_nothing(
    name: str, good_sites: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = good_sites(name)
    findings = check_site(site, base_of(name))
    if name == "single":  # one ICO by choice: iOS and installability go without
        assert [(f.severity, f.rule) for f in findings] == [
            ("warning", "touch-icon"),
            ("warning", "manifest"),
        ]
        return
    assert findings == []
    code, out = run_cli(site, "--base-url", base_of(name), capsys=capsys)
    assert code == 0
    assert out == "favicon check passed: 0 errors, 0 warnings\n"


@pytest.mark.parametrize(
    ("good", "breaker", "expected"), [b[1:] for b in BREAKS], ids=[b[0] for b in BREAKS]
)
def test_each_break_is_caught(
    good: str,
    breaker: Callable[[Path], None],
    expected: list[tuple[Severity, RuleId]],
    good_sites: Callable[[str], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The break trips exactly the findings listed, nothing else, as RealFaviconGenerator's
    check-favicon tests assert (order aside: the report's order is not the rules')."""
    site = copy_of(good_sites, good, tmp_path)
    breaker(site)
    findings = check_site(site, base_of(good))
    assert sorted((f.severity, f.rule) for f in findings) == sorted(expected), findings
    code, out = run_cli(site, "--base-url", base_of(good), capsys=capsys)
    assert code == 1
    for severity, rule in expected:
        assert f"[{rule}]" in out, (severity, rule, out)
    assert out.rstrip().splitlines()[-1].startswith("favicon check FAILED: ")


def test_an_editors_harmless_extras_in_an_svg_are_not_findings(
    good_sites: Callable[[str], Path], tmp_path: Path
) -> None:
    """Only what could run or load is an error: metadata, editor namespaces and an inline
    raster (as RealFaviconGenerator embeds) load nothing."""
    site = copy_of(good_sites, "minimal", tmp_path)
    svg_with(
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'
        '<title>Logo</title><sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/'
        'DTD/sodipodi-0.dtd" pagecolor="#fff"/><g data-name="Layer 1" enable-background="new">'
        '<rect width="1" height="1" style="-webkit-font-smoothing:antialiased;fill:red"/></g>'
        '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'
    )(site)
    assert [f for f in check_site(site) if f.rule == "svg"] == []


@pytest.mark.parametrize(
    ("content", "message", "fix"),
    [
        (
            b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>',
            "the SVG declares XML entities in its DOCTYPE, which favicons refuses to expand",
            "remove the DOCTYPE and write the values out",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 a b"/>',
            'viewBox="0 0 a b" is not four numbers',
            "fix it",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><title>Café</title></svg>'.encode("latin-1"),
            "not UTF-8 text",
            "save it as UTF-8",
        ),
    ],
    ids=["entities", "viewbox", "latin-1"],
)
def test_an_unreadable_svg_gets_its_problem_and_fix_apart(
    good_sites: Callable[[str], Path], tmp_path: Path, content: bytes, message: str, fix: str
) -> None:
    """The engine's error keeps the problem and the fix apart; the finding shows each once."""
    site = copy_of(good_sites, "minimal", tmp_path)
    (site / "favicon.svg").write_bytes(content)
    [finding] = [f for f in check_site(site) if f.rule == "svg"]
    assert (finding.page, finding.fix) == ("favicon.svg", fix)
    assert finding.message.startswith(message) and "favicon.svg" not in finding.message


def test_same_problem_on_many_pages_is_one_finding(
    good_sites: Callable[[str], Path], tmp_path: Path
) -> None:
    site = copy_of(good_sites, "minimal", tmp_path)
    every_page(site, '<meta name="theme-color" content="#', '<meta name="theme-color" content="#zz')
    [finding] = check_site(site)
    pages = len(list(site.rglob("*.html")))
    assert finding == Finding(
        "error", f"404.html (+{pages - 1} more)", "theme-color", finding.message, finding.fix
    )
    assert "not a CSS colour" in finding.message


def test_icons_on_another_site_are_a_warning_only(
    good_sites: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = copy_of(good_sites, "minimal", tmp_path)
    every_page(
        site, 'rel="apple-touch-icon"', 'rel="apple-touch-icon" data-x=""'
    )  # unchanged meaning
    for page in site.rglob("*.html"):
        page.write_text(
            page.read_text().replace(
                "</head>",
                '<link rel="mask-icon" href="https://cdn.example/pin.svg" color="#000">\n</head>',
                1,
            )
        )
    findings = check_site(site)
    assert [(f.severity, f.rule) for f in findings] == [("warning", "resolve")]
    code, _ = run_cli(site, capsys=capsys)
    assert code == 0


def test_whole_site_is_checked_once_per_file(
    good_sites: Callable[[str], Path], tmp_path: Path
) -> None:
    """A thousand pages: heads only, and each icon read once, not once per page."""
    from mkdocs_favicons.check import RULES
    from mkdocs_favicons.check.findings import Context
    from mkdocs_favicons.check.site import FolderSite

    site = copy_of(good_sites, "minimal", tmp_path)
    page = (site / "guide/page/index.html").read_text()
    for number in range(1000):
        (site / "guide" / f"p{number}").mkdir()
        (site / "guide" / f"p{number}" / "index.html").write_text(page)
    loaded = FolderSite(site)
    reads: list[str] = []
    original = loaded._load

    def counting(path: str) -> bytes | None:
        reads.append(path)
        return original(path)

    loaded._load = counting  # type: ignore[method-assign]
    context = Context(loaded, *loaded.pages())
    assert [f for rule in RULES for f in rule.run(context)] == []
    icons = [path for path in reads if not path.endswith(".html")]
    assert icons and len(icons) == len(set(icons))
    assert len(context.pages) == 1000 + len(list(good_sites("minimal").rglob("*.html")))


def test_long_heads_are_read_to_their_end(
    good_sites: Callable[[str], Path], tmp_path: Path
) -> None:
    """Pages are read only up to </head>, in growing chunks: a 100 KB script (which itself
    contains "</head>") before the tags must not hide them."""
    site = copy_of(good_sites, "minimal", tmp_path)
    script = "<script>var s = '</head><body>' + '" + "x" * 100_000 + "';</script>\n"
    edit(site / "guide/page/index.html", "<head>", "<head>\n" + script)
    assert check_site(site) == []
    strip_tags(site)
    assert [f.rule for f in check_site(site)] == ["consistency"]


def test_msapplication_config_none_is_not_a_url(
    good_sites: Callable[[str], Path], tmp_path: Path
) -> None:
    site = copy_of(good_sites, "minimal", tmp_path)
    every_page(site, "</head>", '<meta name="msapplication-config" content="none">\n</head>')
    assert check_site(site) == []


def test_redirect_stubs_are_not_pages(good_sites: Callable[[str], Path], tmp_path: Path) -> None:
    """mkdocs-redirects writes head-only stubs that refresh to the new URL, without icons."""
    site = copy_of(good_sites, "minimal", tmp_path)
    (site / "old-page").mkdir()
    (site / "old-page/index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>Redirecting...</title>'
        '<meta http-equiv="refresh" content="0; url=../about/"></head><body></body></html>'
    )
    findings = check_site(site)
    assert [(f.severity, f.page, f.rule) for f in findings] == [
        ("note", "old-page/index.html", "skipped")
    ]
    assert "redirect" in findings[0].message
