"""The preview page: built from the CLI and the plugin, loaded in headless Chromium, every image
decoded, the dark tab showing the dark artwork, findings listed."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from cdp import Tab
from helpers import Site, cli
from logos import DEMO_LOGO
from PIL import Image

from mkdocs_favicons import preview
from mkdocs_favicons.iconset import generate
from mkdocs_favicons.options import Options

LIGHT = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><path d="M0 0h8v8H0z"/></svg>'
DARK = LIGHT.replace("<path", '<path fill="#ffffff"')
IMAGES = "[...document.images].map(i => [i.alt, i.naturalWidth, i.complete])"


def load(tab: Tab, page: Path, width: int = 1000) -> list[list[object]]:
    """Open the page, screenshot it whole, and return every image's [alt, naturalWidth, done]."""
    tab.open(page.as_uri(), width, 800)
    height = int(tab.evaluate("document.documentElement.scrollHeight"))
    tab.open(page.as_uri(), width, height)
    shot = tab.screenshot()
    assert shot.size == (width, height)
    assert len(shot.getcolors(1 << 20) or ()) > 50  # something was drawn
    return list(tab.evaluate(IMAGES))


def test_preview_from_source_full_preset(tmp_path: Path, tab: Tab) -> None:
    result = cli(
        "preview",
        "--source",
        DEMO_LOGO,
        "--preset",
        "full",
        "--out",
        "p/preview.html",
        "--no-cache",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    page = tmp_path / "p" / "preview.html"
    html = page.read_text()
    assert 'src="data:' in html and 'src="favicon' not in html  # self-contained
    assert "the checker did not run" in html  # no site to check
    images = load(tab, page)
    # 4 tabs from favicon.svg, 4 from favicon.ico, the home screen, 3 masks, 5 tiles.
    assert len(images) == 17
    assert all(width > 0 and done for _, width, done in images), images
    alts = {alt for alt, _, _ in images}
    assert {"tab icon 16 px dark", "maskable squircle", "mstile-310x150.png"} <= alts


def icon_centre(tab: Tab, alt: str) -> tuple[int, int, int, int]:
    box = tab.evaluate(
        f"(() => {{ const r = document.querySelector('img[alt=\"{alt}\"]')"
        ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    return tab.screenshot().getpixel((int(box[0]), int(box[1])))  # type: ignore[return-value]


def test_tabs_pin_the_colour_scheme(tmp_path: Path, tab: Tab) -> None:
    (tmp_path / "light.svg").write_text(LIGHT)
    (tmp_path / "dark.svg").write_text(DARK)
    options = Options(app_name="Pinned", dark_source=str(tmp_path / "dark.svg"))
    iconset = generate(tmp_path / "light.svg", options, None).iconset
    page = preview.write(tmp_path / "preview.html", iconset, [])
    tab.open(page.as_uri(), 1000, 900, scheme="light")  # the viewer's own scheme is light
    for size in (16, 32):
        assert icon_centre(tab, f"tab icon {size} px light")[:3] == (0, 0, 0)
        assert icon_centre(tab, f"tab icon {size} px dark")[:3] == (255, 255, 255)


def test_findings_are_listed_and_escaped(tmp_path: Path, tab: Tab) -> None:
    iconset = generate(DEMO_LOGO, Options(preset="single"), None).iconset
    findings = [
        SimpleNamespace(
            severity="error",
            page="index.html",
            rule="ico-sizes",
            message="favicon.ico lacks <48>",
            fix="regenerate it",
        ),
        SimpleNamespace(
            severity="warning",
            page="404.html",
            rule="absolute-urls",
            message="relative href",
            fix="use site_url",
        ),
    ]
    page = preview.write(tmp_path / "preview.html", iconset, findings)
    html = page.read_text()
    assert "lacks &lt;48&gt;" in html and "<48>" not in html
    images = load(tab, page)
    assert len(images) == 4 and all(width > 0 for _, width, _ in images)  # single: tabs only
    rows = tab.evaluate("[...document.querySelectorAll('tr')].map(r => r.innerText)")
    assert any("ico-sizes" in row and "regenerate it" in row for row in rows)
    assert "Checker: 2 findings" in tab.evaluate("document.body.innerText")


def test_preview_of_an_injected_site(tmp_path: Path, tab: Tab) -> None:
    site = tmp_path / "public"
    site.mkdir()
    (site / "index.html").write_text("<html><head><title>Hugo Site</title></head><body></html>")
    assert cli("inject", site, "--source", DEMO_LOGO, "--no-cache", cwd=tmp_path).returncode == 0
    result = cli("preview", site, "--out", "preview.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "preview.html").read_text()
    assert "<h1>Hugo Site</h1>" in html and "#3b5bdb" in html
    images = load(tab, tmp_path / "preview.html")
    assert len(images) == 12 and all(width > 0 for _, width, _ in images)  # SVG + ICO tabs

    # A site's own old ICO with BMP entries still shows.
    old = tmp_path / "old"
    old.mkdir()
    Image.new("RGBA", (32, 32), "#e8590c").save(
        old / "favicon.ico", bitmap_format="bmp", sizes=[(16, 16), (32, 32)]
    )
    assert cli("preview", old, "--out", "old.html", cwd=tmp_path).returncode == 0
    images = load(tab, tmp_path / "old.html")
    assert len(images) == 4 and all(width > 0 for _, width, _ in images)

    empty = tmp_path / "empty"
    empty.mkdir()
    missing = cli("preview", empty, "--out", "x.html", cwd=tmp_path)
    assert missing.returncode == 1 and "no favicon.ico" in missing.stderr


def test_plugin_preview_option(tmp_path: Path, tab: Tab) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "logo.svg").write_bytes(DEMO_LOGO.read_bytes())
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Previewed\nsite_url: https://example.org/\ntheme: mkdocs\n"
        "plugins:\n  - favicons:\n      preview: true\n      cache: false\n"
    )
    Site(tmp_path).build(strict=True)
    site = tmp_path / "site"
    page = site / preview.PREVIEW_NAME
    html = page.read_text()
    assert '<link rel="icon" type="image/svg+xml" href="favicon.svg">' in html  # real tags
    # Not in the nav, the sitemap or any page.
    assert preview.PREVIEW_NAME not in (site / "sitemap.xml").read_text()
    assert preview.PREVIEW_NAME not in (site / "index.html").read_text()
    images = load(tab, page)
    assert len(images) == 12 and all(width > 0 for _, width, _ in images)  # SVG + ICO tabs
