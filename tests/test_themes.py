"""The three themes: the theme's favicon tag goes, ours appear once, every other byte stays."""

from __future__ import annotations

import re

import pytest
from helpers import (
    MINIMAL_SVG_TAGS,
    Site,
    SiteFactory,
    check_page_links,
    head_tags,
    links,
    plugin_entry,
    tag_kinds,
)
from logos import raster_bytes, svg_logo

THEMES = {
    "mkdocs": "img/favicon.ico",
    "readthedocs": "img/favicon.ico",
    "material": "assets/images/favicon.png",
}
_ICON_LINE = re.compile(
    r"^.*<(?:link|meta)\b[^>]*(?:icon|manifest|theme-color|apple-mobile-web-app-title"
    r"|msapplication)[^>]*>.*\n",
    re.M | re.I,
)
_BUILD_DATE = re.compile(r"Build Date UTC : [^\n]*")


def without_icon_lines(html: str) -> str:
    return _BUILD_DATE.sub("", _ICON_LINE.sub("", html))


@pytest.fixture(scope="module", params=sorted(THEMES))
def themed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The same site built with the plugin and with it disabled."""
    theme = request.param
    root = tmp_path_factory.mktemp(theme)
    sites = []
    for enabled in (True, False):
        site = Site(root / ("on" if enabled else "off")).write(
            {
                "theme": {"name": theme},
                "site_url": "https://example.com/sub/",
                "plugins": [plugin_entry(source="logo.svg", enabled=enabled)],
            },
            files={"logo.svg": svg_logo()},
        )
        site.build(strict=True)
        sites.append(site)
    return theme, sites[0], sites[1]


def pages(site: Site) -> list[str]:
    names = [p.relative_to(site.site_dir).as_posix() for p in site.page_files()]
    assert {"index.html", "about/index.html", "nested/deep/page/index.html", "404.html"} <= set(
        names
    )
    return names


def test_the_theme_emits_its_own_favicon_without_the_plugin(themed: tuple[str, Site, Site]) -> None:
    theme, _, plain = themed
    hrefs = [tag["href"] for tag in links(plain.read("index.html"))]
    assert len(hrefs) == 1 and hrefs[0].endswith(THEMES[theme]), hrefs


def test_exactly_one_set_of_our_tags_on_every_page(themed: tuple[str, Site, Site]) -> None:
    theme, site, _ = themed
    for page in pages(site):
        html = site.read(page)
        tags = head_tags(html)
        kinds = tag_kinds(html)
        assert kinds == MINIMAL_SVG_TAGS, f"{theme} {page}: {kinds}"
        assert not any(THEMES[theme] in tag.get("href", "") for tag in tags), "theme tag kept"
        assert html.count("site.webmanifest") == 1
        root = "/sub/" if page == "404.html" else "/"
        check_page_links(site.site_dir, site.site_dir / page, root)


def test_every_other_byte_is_unchanged(themed: tuple[str, Site, Site]) -> None:
    theme, site, plain = themed
    for page in pages(site):
        ours, theirs = site.read(page), plain.read(page)
        assert without_icon_lines(ours) == without_icon_lines(theirs), f"{theme} {page}"
        # The block sits at the end of the head.
        head = ours[: ours.index("</head>")]
        # Material declares a header colour (its default primary, indigo): that is the theme
        # colour; the other themes declare none, so it comes from the logo.
        colour = "#4051b5" if theme == "material" else "#3b5bdb"
        assert head.rstrip().endswith(f'<meta name="theme-color" content="{colour}">'), page


def test_material_theme_favicon_is_the_zero_config_source(make_site: SiteFactory) -> None:
    site = make_site(
        {"theme": {"name": "material", "favicon": "images/brand.png"}, "plugins": ["favicons"]},
        docs={"images/brand.png": raster_bytes("PNG")},
    )
    result = site.build(strict=True)
    assert any("source docs/images/brand.png (" in line for line in result.lines("favicons"))
    html = site.read("index.html")
    assert "images/brand.png" not in html, "material's favicon tag is replaced"
    check_page_links(site.site_dir, site.site_dir / "index.html")
