"""End to end in a real browser: Debian Chromium, headless, over CDP.

For the demo site, a sub-path site and a raster-source site, on the home page, a nested page and
a missing nested URL (served 404.html, as GitHub Pages does): the manifest loads without errors,
the site is installable, and the tab icon Chromium picks is ours.
"""

from __future__ import annotations

from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from cdp import Tab
from helpers import build_site, copy_docs_site
from mkdocs.commands.build import build
from mkdocs.config import load_config
from serving import serve

from mkdocs_favicons.check import check_site

PAGES = {"home": "", "nested": "guide/page/", "missing": "guide/no/such/page/"}
DEMO_PAGES = {**PAGES, "nested": "guide/configuration/"}


def _demo(root: Path) -> Path:
    site = copy_docs_site(root)
    config = str(site.config_file)
    build(load_config(config, site_dir=str(site.site_dir), strict=True))
    return site.site_dir


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str, dict[str, str]]]:
    """name: (site folder, URL prefix it is served at, the pages to visit)."""
    make = tmp_path_factory.mktemp
    return {
        "demo": (_demo(make("demo")), "/", DEMO_PAGES),
        "sub-path": (build_site(make("sub"), site_url="http://127.0.0.1/sub/"), "/sub/", PAGES),
        "raster": (
            build_site(make("raster"), source="png", site_url="http://127.0.0.1/"),
            "/",
            PAGES,
        ),
    }


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("name", ["demo", "sub-path", "raster"])
def test_chromium_sees_our_manifest_and_icon(
    name: str,
    page: str,
    sites: dict[str, tuple[Path, str, dict[str, str]]],
    tab: Tab,
) -> None:
    site, prefix, pages = sites[name]
    assert check_site(site, prefix) == []
    with serve(site, prefix) as root:
        if page == "missing":  # served 404.html with status 404, as GitHub Pages does
            with pytest.raises(HTTPError) as missing:
                urlopen(root + pages[page])
            assert missing.value.code == 404
        tab.navigate(root + pages[page])
        manifest = tab.send("Page.getAppManifest")
        installability = tab.send("Page.getInstallabilityErrors")
        favicon = tab.favicon_url()
    assert manifest["url"] == root + "site.webmanifest"
    assert manifest["data"]
    assert manifest["errors"] == []
    assert installability["installabilityErrors"] == []
    if name == "raster":
        assert favicon in (root + "favicon.ico", root + "favicon-96x96.png")
    else:
        assert favicon == root + "favicon.svg"
