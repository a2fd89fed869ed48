"""`mkdocs-favicons inject`: a hand-written site with the 2018 boilerplate, quirky HTML, nested
pages and a 404 page, run through the real CLI twice."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from cdp import Tab
from helpers import Site, cli
from logos import DEMO_LOGO
from serving import serve

from mkdocs_favicons.inject import find_head

# What RealFaviconGenerator pasted into sites in 2018: about 1.5 KB of tags, CRLF line ends.
BOILERPLATE_2018 = """\
<link rel="apple-touch-icon-precomposed" sizes="57x57" href="/apple-touch-icon-57x57.png" />\r
<link rel="apple-touch-icon-precomposed" sizes="114x114" href="/apple-touch-icon-114x114.png" />\r
<link rel="apple-touch-icon-precomposed" sizes="72x72" href="/apple-touch-icon-72x72.png" />\r
<link rel="apple-touch-icon-precomposed" sizes="144x144" href="/apple-touch-icon-144x144.png" />\r
<link rel="apple-touch-icon-precomposed" sizes="60x60" href="/apple-touch-icon-60x60.png" />\r
<link rel="apple-touch-icon-precomposed" sizes="120x120" href="/apple-touch-icon-120x120.png" />\r
<link rel="apple-touch-icon-precomposed" sizes="76x76" href="/apple-touch-icon-76x76.png" />\r
<link rel="apple-touch-icon-precomposed" sizes="152x152" href="/apple-touch-icon-152x152.png" />\r
<link rel="icon" type="image/png" href="/favicon-196x196.png" sizes="196x196" />\r
<link rel="icon" type="image/png" href="/favicon-96x96.png" sizes="96x96" />\r
<link rel="icon" type="image/png" href="/favicon-32x32.png" sizes="32x32" />\r
<link rel="icon" type="image/png" href="/favicon-16x16.png" sizes="16x16" />\r
<link rel="icon" type="image/png" href="/favicon-128.png" sizes="128x128" />\r
<link rel="manifest" href="/site.webmanifest">\r
<link rel="mask-icon" href="/safari-pinned-tab.svg" color="#5bbad5">\r
<meta name="application-name" content="&nbsp;"/>\r
<meta name="msapplication-TileColor" content="#FFFFFF" />\r
<meta name="msapplication-TileImage" content="/mstile-144x144.png" />\r
<meta name="msapplication-square70x70logo" content="/mstile-70x70.png" />\r
<meta name="msapplication-square150x150logo" content="/mstile-150x150.png" />\r
<meta name="msapplication-wide310x150logo" content="/mstile-310x150.png" />\r
<meta name="msapplication-square310x310logo" content="/mstile-310x310.png" />\r
<meta name="theme-color" content="#ffffff">\r
"""

# Uppercase tags, unquoted attributes, a </head> inside a script and a comment, no </body>.
HOME = (
    "<!DOCTYPE html>\r\n<HTML LANG=en>\r\n<HEAD>\r\n<META CHARSET=utf-8>\r\n"
    "<TITLE>Acme Widgets</TITLE>\r\n"
    "<!-- old icons: <link rel=icon href=/x.ico> -->\r\n"
    + BOILERPLATE_2018
    + "<LINK REL=stylesheet HREF=style.css>\r\n"
    "<SCRIPT>var end = '</head>';</SCRIPT>\r\n"
    "</HEAD>\r\n<BODY>\r\n<P>Caf\xe9 <IMG SRC=favicon-32x32.png ALT=icon>\r\n</BODY>\r\n</HTML>\r\n"
)
NESTED = (
    "<!doctype html>\n<html>\n<head>\n  <meta charset=utf-8>\n  <title>Guide</title>\n"
    "  <LINK REL='SHORTCUT ICON' HREF=/favicon.ico>\n"
    "  <link rel=apple-touch-icon href=/apple-touch-icon.png>\n"
    "</head>\n<body><p>deep</p></body>\n</html>\n"
)
NOT_FOUND = (
    "<html><head><title>Not found</title><link rel=icon href=/favicon.ico></head>"
    "<body>404</body></html>"
)
BASE_HREF = (
    "<html><head><base href=/><title>Based</title></head><body><a href=docs/>docs</a></body></html>"
)
NO_HEAD = "<p>A fragment with no head at all.</p>\n"

PAGES = {
    "index.html": HOME.encode("utf-8"),
    "docs/index.html": NESTED.encode("utf-8"),
    "docs/guide/install.htm": NESTED.encode("utf-8"),
    "blog/2018/post.html": NESTED.replace("deep", "Caf\xe9").encode("latin-1"),  # not UTF-8
    "404.html": NOT_FOUND.encode("utf-8"),
    "blog/based.html": BASE_HREF.encode("utf-8"),
    "fragments/part.html": NO_HEAD.encode("utf-8"),
}
OLD_ICON = b"\x89PNG old icon the user had"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "public"
    for name, data in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "apple-touch-icon.png").write_bytes(OLD_ICON)  # the user's old icon, our name
    (root / "style.css").write_text("p { color: red }")
    return root


def head_of(data: bytes) -> str:
    text = data.decode("utf-8", "surrogateescape")
    head = find_head(text)
    assert head.refusal is None, head.refusal
    return text[head.start : head.end]


def declared_urls(data: bytes) -> list[str]:
    return re.findall(
        r'<(?:link|meta)[^>]*(?:href|content)="([^"]+\.(?:png|ico|svg|webmanifest|xml))"',
        head_of(data),
    )


def test_inject_site_end_to_end(site: Path, tmp_path: Path) -> None:
    first = cli(
        "inject", site, "--source", DEMO_LOGO, "--preset", "full", "--no-cache", cwd=tmp_path
    )
    assert first.returncode == 0, first.stderr
    files = sorted(p.name for p in site.iterdir() if p.is_file() and p.suffix != ".html")
    assert "favicon.ico" in files and "browserconfig.xml" in files and "site.webmanifest" in files

    # The summary: pages changed, the page without a head skipped, files written, one replaced.
    out = first.stdout
    assert "6 pages changed, 0 already up to date, 1 skipped" in out
    assert "replaced the site's own apple-touch-icon.png" in out
    assert "skipped fragments/part.html: it is a fragment, not a page" in out
    written = int(re.search(r"(\d+) icon files written", out).group(1))  # type: ignore[union-attr]
    assert written == len(files) - 1  # everything but style.css
    assert (site / "apple-touch-icon.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The app name comes from the home page's <title>.
    assert json.loads((site / "site.webmanifest").read_text())["name"] == "Acme Widgets"

    home = (site / "index.html").read_bytes()
    # Old tags gone: every 2018 declaration, the uppercase and unquoted ones too.
    assert b"precomposed" not in home and b"#5bbad5" not in home and b"#FFFFFF" not in home
    assert b"msapplication-square70x70logo" not in home
    assert b'<meta name="application-name" content="&nbsp;"/>' in home  # not an icon: kept
    assert b"<!-- old icons: <link rel=icon href=/x.ico> -->" in home  # comments untouched
    assert b"<IMG SRC=favicon-32x32.png ALT=icon>" in home  # the body untouched

    # Every other byte unchanged: removing the new block and the old tag lines gives back the
    # original with the old lines removed, CRLF kept.
    original = PAGES["index.html"].decode()
    new_block = re.search(r"(?:<(?:link|meta)[^\r\n]*\r\n)+(?=</HEAD>)", home.decode()).group(0)  # type: ignore[union-attr]
    assert "\n" not in new_block.replace("\r\n", "")
    kept = "".join(
        line for line in BOILERPLATE_2018.splitlines(keepends=True) if "application-name" in line
    )
    assert home.decode().replace(new_block, "") == original.replace(BOILERPLATE_2018, kept)

    # Relative URLs resolve to the files just written, from every depth.
    for page in ("index.html", "docs/index.html", "docs/guide/install.htm", "blog/2018/post.html"):
        data = (site / page).read_bytes()
        urls = declared_urls(data)
        assert len(urls) >= 20, page
        for url in urls:
            assert not url.startswith("/"), (page, url)
            target = urlsplit(urljoin(f"http://x/{page}", url)).path.lstrip("/")
            assert (site / target).is_file(), (page, url)
    # The latin-1 page keeps its bytes outside the head.
    assert "Caf\xe9".encode("latin-1") in (site / "blog/2018/post.html").read_bytes()
    # 404.html, and a page whose <base href> redirects relative URLs, link from the site root.
    for page in ("404.html", "blog/based.html"):
        urls = declared_urls((site / page).read_bytes())
        assert urls and all(url.startswith("/") for url in urls), page
    assert (site / "404.html").read_bytes().endswith(b"<body>404</body></html>")
    # The page without a head is left alone.
    assert (site / "fragments/part.html").read_bytes() == PAGES["fragments/part.html"]

    # Idempotent: a second run changes no byte of any file.
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = cli(
        "inject", site, "--source", DEMO_LOGO, "--preset", "full", "--no-cache", cwd=tmp_path
    )
    assert second.returncode == 0, second.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert "0 pages changed, 6 already up to date, 1 skipped" in second.stdout
    assert f"0 icon files written, {written} already up to date" in second.stdout
    assert "replaced" not in second.stdout


def test_inject_base_url_and_errors(site: Path, tmp_path: Path) -> None:
    result = cli(
        "inject", site, "--source", DEMO_LOGO, "--base-url", "/docs", "--no-cache", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    urls = declared_urls((site / "404.html").read_bytes())
    assert urls and all(url.startswith("/docs/") for url in urls)
    manifest = json.loads((site / "site.webmanifest").read_text())
    assert manifest["start_url"] == "/docs/"

    missing = cli("inject", tmp_path / "nope", "--source", DEMO_LOGO, cwd=tmp_path)
    assert missing.returncode == 1
    assert "is not a folder" in missing.stderr and "Traceback" not in missing.stderr


def test_injected_mkdocs_site_in_chromium(tmp_path: Path, tab: Tab) -> None:
    """A site built without the plugin (as Zensical builds), injected, then opened in Chromium:
    the tab icon and the manifest load from the site root, from a nested page and a deep 404."""
    project = tmp_path / "project"
    (project / "docs" / "guide").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "docs" / "guide" / "install.md").write_text("# Install\n")
    (project / "mkdocs.yml").write_text("site_name: Plain Docs\ntheme: mkdocs\n")
    Site(project).build(strict=True)
    site = project / "site"
    result = cli(
        "inject", site, "--source", DEMO_LOGO, "--base-url", "/", "--no-cache", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "img/favicon.ico" not in (site / "guide" / "install" / "index.html").read_text()

    # Served as GitHub Pages does: unknown paths get 404.html with status 404.
    with serve(site) as root:
        origin = root.rstrip("/")
        for path in ("/guide/install/", "/no/such/page/"):
            tab.open("about:blank", 800, 600)  # no icon: the next one is this page's
            assert tab.favicon_url(timeout=0.5) == ""
            tab.open(origin + path, 800, 600)
            # Which of the two Chromium takes depends on the tag order the core emits.
            assert tab.favicon_url() in (f"{origin}/favicon.svg", f"{origin}/favicon.ico"), path
            manifest = tab.send("Page.getAppManifest")
            assert manifest["url"] == f"{origin}/site.webmanifest", path
            assert manifest["data"] and not manifest["errors"], (path, manifest["errors"])
            assert json.loads(manifest["data"])["name"] == "Plain Docs"
