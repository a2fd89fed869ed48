"""The plugin in real `mkdocs build` runs: URLs, 404, strict mode, cache, discovery and errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import (
    MINIMAL_SVG_TAGS,
    Site,
    SiteFactory,
    check_page_links,
    copy_docs_site,
    head_tags,
    links,
    plugin_entry,
    tag_kinds,
    tree_digest,
)
from logos import raster_bytes, svg_logo

# ---------------------------------------------------------------------------------------------
# URLs: use_directory_urls on and off, site_url with a sub-path and none; the 404 page

URL_CASES = [
    (directory_urls, site_url)
    for directory_urls in (True, False)
    for site_url in (None, "https://example.com/sub/")
]


@pytest.fixture(
    scope="module",
    params=URL_CASES,
    ids=[f"dirurls={d}-site_url={'sub' if s else 'none'}" for d, s in URL_CASES],
)
def url_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    directory_urls, site_url = request.param
    config = {
        "use_directory_urls": directory_urls,
        "plugins": [plugin_entry(source="docs/assets/logo.svg")],
    }
    if site_url:
        config["site_url"] = site_url
    site = Site(tmp_path_factory.mktemp("urls")).write(config, docs={"assets/logo.svg": svg_logo()})
    before = tree_digest(site.docs_dir)
    site.build(strict=True)
    assert tree_digest(site.docs_dir) == before, "the build wrote into docs_dir"
    return site, directory_urls, "/sub/" if site_url else "/"


def test_nested_pages_link_relatively_to_existing_files(url_site: tuple[Site, bool, str]) -> None:
    site, directory_urls, root = url_site
    deep = "nested/deep/page/index.html" if directory_urls else "nested/deep/page.html"
    about = "about/index.html" if directory_urls else "about.html"
    expected_prefix = {
        "index.html": "",
        about: "../" if directory_urls else "",
        deep: "../" * (3 if directory_urls else 2),
    }
    for page, prefix in expected_prefix.items():
        html = site.read(page)
        hrefs = [tag["href"] for tag in links(html)]
        assert hrefs and all(href == prefix + href.split("/")[-1] for href in hrefs), hrefs
        assert tag_kinds(html) == MINIMAL_SVG_TAGS
    for page in site.page_files():
        if page.name != "404.html":
            check_page_links(site.site_dir, page, root)


def test_404_page_links_absolutely_from_the_site_url_path(url_site: tuple[Site, bool, str]) -> None:
    site, _, root = url_site
    html = site.read("404.html")
    assert tag_kinds(html) == MINIMAL_SVG_TAGS, "exactly one set of tags, theme's removed"
    hrefs = {tag["href"] for tag in links(html)}
    assert f"{root}favicon.ico" in hrefs
    assert all(href.startswith(root) for href in hrefs), hrefs
    # Served at any missing path, e.g. /sub/a/b/c: absolute hrefs still resolve.
    check_page_links(site.site_dir, site.site_dir / "404.html", root)


def test_manifest_start_url_and_scope_follow_site_url(url_site: tuple[Site, bool, str]) -> None:
    site, _, root = url_site
    data = json.loads((site.site_dir / "site.webmanifest").read_text())
    expected = root if root != "/" else "./"
    assert data["start_url"] == data["scope"] == expected
    assert all("/" not in icon["src"] for icon in data["icons"])


def test_non_html_templates_are_untouched(url_site: tuple[Site, bool, str]) -> None:
    site, _, _ = url_site
    assert "favicon" not in (site.site_dir / "sitemap.xml").read_text()


# ---------------------------------------------------------------------------------------------
# Strict mode and warnings


def test_small_raster_warns_naming_the_file_and_fails_strict(make_site: SiteFactory) -> None:
    site = make_site(
        {"plugins": [plugin_entry(source="tiny.png")]},
        files={"tiny.png": raster_bytes("PNG", 48, 48)},
    )
    lenient = site.build()
    warnings = lenient.lines("WARNING")
    assert any("tiny.png" in line and "48 px" in line for line in warnings), lenient.output
    strict = site.build(strict=True, check=False)
    assert strict.returncode != 0
    assert "tiny.png" in strict.output and "strict" in strict.output
    # A cache hit repeats the warning, so strict fails on every build, not just the first.
    assert "from cache" in strict.output


def test_users_own_favicon_ico_is_kept_byte_for_byte_with_a_warning(
    make_site: SiteFactory,
) -> None:
    own = raster_bytes("ICO")
    site = make_site(
        {"plugins": [plugin_entry(source="logo.svg")]},
        files={"logo.svg": svg_logo()},
        docs={"favicon.ico": own},
    )
    before = tree_digest(site.docs_dir)
    result = site.build()
    assert (site.site_dir / "favicon.ico").read_bytes() == own
    assert any("favicon.ico" in line for line in result.lines("WARNING")), result.output
    assert tree_digest(site.docs_dir) == before
    # The tag still points at the file, which exists.
    check_page_links(site.site_dir, site.site_dir / "index.html")
    assert site.build(strict=True, check=False).returncode != 0


def test_theme_image_with_a_generated_name_is_replaced(make_site: SiteFactory) -> None:
    # The mkdocs theme ships img/favicon.ico; ours lives at the root and is not confused with it.
    site = make_site({"plugins": [plugin_entry(source="logo.svg")]}, files={"logo.svg": svg_logo()})
    site.build(strict=True)
    assert (site.site_dir / "img" / "favicon.ico").exists()
    assert "img/favicon.ico" not in site.read("index.html")


# ---------------------------------------------------------------------------------------------
# Cache and rebuilds


def test_second_build_is_served_from_the_cache(make_site: SiteFactory) -> None:
    site = make_site({"plugins": [plugin_entry(source="logo.svg")]}, files={"logo.svg": svg_logo()})
    first = site.build(strict=True)
    # One INFO line per build: the count, generated or cached, the source and the time.
    (line,) = first.lines("favicons")
    assert re.search(
        r"INFO .* favicons: 8 files generated, source logo.svg, theme colour #[0-9a-f]{6} from "
        r"the image, in \d+ ms$",
        line,
    ), line
    entries = sorted(site.cache_dir.glob("*.zip"))
    assert len(entries) == 1
    assert not list(site.cache_dir.glob("*.tmp")), "atomic writes leave no temporary files"
    icons = {name for name in tree_digest(site.site_dir) if "/" not in name and "fav" in name}
    built_first = {k: v for k, v in tree_digest(site.site_dir).items() if k in icons}
    second = site.build(strict=True)
    assert any("from cache" in line for line in second.lines("favicons")), second.output
    again = {k: v for k, v in tree_digest(site.site_dir).items() if k in icons}
    assert again == built_first, "cached files are byte-identical"
    assert sorted(site.cache_dir.glob("*.zip")) == entries
    # A changed option is a different entry, generated afresh.
    config = site.config()
    config["plugins"] = [plugin_entry(source="logo.svg", background_color="#000000")]
    site.write_config(config)
    third = site.build(strict=True)
    assert any("generated, source" in line for line in third.lines("favicons")), third.output
    assert len(list(site.cache_dir.glob("*.zip"))) == 2


def test_cache_can_be_turned_off(make_site: SiteFactory) -> None:
    site = make_site(
        {"plugins": [plugin_entry(source="logo.svg", cache=False)]}, files={"logo.svg": svg_logo()}
    )
    site.build()
    second = site.build()
    assert "from cache" not in second.output
    assert not site.cache_dir.exists()


def test_an_edited_source_gives_new_icons_not_stale_cached_ones(make_site: SiteFactory) -> None:
    # What `mkdocs serve` does on a change: build again with the edited source.
    site = make_site(
        {"plugins": [plugin_entry(source="brand/logo.svg")]},
        files={"brand/logo.svg": svg_logo(color="#3b5bdb")},
    )
    site.build()
    old = {name: (site.site_dir / name).read_bytes() for name in ("favicon.ico", "favicon.svg")}
    (site.root / "brand" / "logo.svg").write_text(svg_logo(color="#e03131"))
    second = site.build()
    assert "from cache" not in second.output
    for name, data in old.items():
        assert (site.site_dir / name).read_bytes() != data, f"{name} is stale"
    assert "#e03131" in (site.site_dir / "favicon.svg").read_text()
    manifest = json.loads((site.site_dir / "site.webmanifest").read_text())
    assert manifest["theme_color"] == "#e03131"


# ---------------------------------------------------------------------------------------------
# Zero-config discovery and the missing-source error


@pytest.mark.parametrize(
    ("docs", "theme", "found"),
    [
        ({"logo.svg": svg_logo()}, None, "docs/logo.svg"),
        ({"assets/images/logo.png": raster_bytes("PNG")}, None, "docs/assets/images/logo.png"),
        (
            {"img/brand.png": raster_bytes("PNG")},
            {"name": "mkdocs", "logo": "img/brand.png"},
            "docs/img/brand.png",
        ),
        # Vector beats bitmap wherever each is (httpx-like: a small favicon.png, an SVG logo).
        (
            {"logo.svg": svg_logo(), "assets/favicon.png": raster_bytes("PNG", 144, 144)},
            None,
            "docs/logo.svg",
        ),
        # Then the larger bitmap, then a name that says icon.
        (
            {"img/logo.jpg": raster_bytes("JPEG", 800, 800), "favicon.png": raster_bytes("PNG")},
            None,
            "docs/img/logo.jpg",
        ),
        (
            {"img/favicon.png": raster_bytes("PNG"), "logo.png": raster_bytes("PNG")},
            None,
            "docs/img/favicon.png",
        ),
        (
            {"assets/logo.png": raster_bytes("PNG"), "assets/logo.svg": svg_logo()},
            None,
            "docs/assets/logo.svg",
        ),
        # The most natural zero-config file: it is also a generated name.
        ({"favicon.svg": svg_logo(200, 100)}, None, "docs/favicon.svg"),
    ],
    ids=[
        "logo.svg",
        "assets-images-logo.png",
        "theme.logo",
        "vector-first",
        "larger-first",
        "icon-name-first",
        "svg-first",
        "favicon.svg",
    ],
)
def test_zero_config_discovery(
    make_site: SiteFactory, docs: dict[str, bytes | str], theme: dict | None, found: str
) -> None:
    config: dict = {"plugins": ["favicons"]}
    if theme:
        config["theme"] = theme
    site = make_site(config, docs=docs)
    before = tree_digest(site.docs_dir)
    result = site.build(strict=True)
    assert any(f"source {found} (" in line for line in result.lines("favicons")), result.output
    assert tree_digest(site.docs_dir) == before
    for page in site.page_files():
        check_page_links(site.site_dir, page)


def test_zero_config_favicon_svg_is_published_sanitized_and_square(
    make_site: SiteFactory,
) -> None:
    site = make_site(
        {"plugins": ["favicons"]},
        docs={"favicon.svg": svg_logo(200, 100).replace("<rect", '<rect onclick="alert(1)"', 1)},
    )
    site.build(strict=True)
    published = (site.site_dir / "favicon.svg").read_text()
    assert "onclick" not in published
    assert 'viewBox="0 -50 200 200"' in published


def test_missing_source_is_one_clear_error(make_site: SiteFactory) -> None:
    site = make_site()
    result = site.build(check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    errors = result.lines("ERROR")
    assert len(errors) == 1, result.output
    error = errors[0]
    for searched in ("favicon.*", "logo.*", "img/favicon.*", "assets/images/logo.*", "theme.logo"):
        assert searched in error
    assert "source: docs/assets/logo.svg" in error
    assert not site.site_dir.exists() or not (site.site_dir / "favicon.ico").exists()


def test_a_missing_configured_source_names_the_path(make_site: SiteFactory) -> None:
    site = make_site({"plugins": [plugin_entry(source="art/nope.svg")]})
    result = site.build(check=False)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert any(
        "art/nope.svg" in line and "does not exist" in line for line in result.lines("ERROR")
    )


@pytest.mark.parametrize(
    ("option", "value"),
    [("preset", "huge"), ("theme_color", "notacolor"), ("background_color", "#12345")],
)
def test_invalid_option_is_a_config_error_naming_it(
    make_site: SiteFactory, option: str, value: str
) -> None:
    site = make_site(
        {"plugins": [plugin_entry(source="logo.svg", **{option: value})]},
        files={"logo.svg": svg_logo()},
    )
    result = site.build(check=False)
    assert result.returncode != 0 and "Traceback" not in result.output
    error = " ".join(result.lines("ERROR"))
    assert f"option '{option}'" in error and value in error, result.output
    assert "configuration error" in result.output


def test_disabled_plugin_changes_nothing(make_site: SiteFactory) -> None:
    site = make_site({"plugins": [plugin_entry(enabled=False)]})  # no source needed either
    site.build(strict=True)
    assert not (site.site_dir / "site.webmanifest").exists()
    assert "img/favicon.ico" in site.read("index.html")


def test_source_outside_docs_dir_is_never_copied_into_it(tmp_path: Path) -> None:
    site = Site(tmp_path).write(
        {"plugins": [plugin_entry(source="logo.svg", preset="full")]},
        files={"logo.svg": svg_logo()},
    )
    before = tree_digest(site.docs_dir)
    site.build(strict=True)
    assert tree_digest(site.docs_dir) == before
    assert sorted(p.name for p in site.root.iterdir()) == [
        ".cache",
        "docs",
        "logo.svg",
        "mkdocs.yml",
        "site",
    ]


# ---------------------------------------------------------------------------------------------
# `mkdocs serve`: a source outside docs_dir is watched, and an edit rebuilds with new icons


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> bytes | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bytes(response.read())
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(condition, seconds: float = 20.0):  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    return None


def test_serve_watches_a_source_outside_docs_dir(make_site: SiteFactory) -> None:
    import subprocess
    import sys

    site = make_site(
        {"plugins": [plugin_entry(source="brand/logo.svg")]},
        files={"brand/logo.svg": svg_logo(color="#3b5bdb")},
    )
    port = _free_port()
    log_path = site.root / "serve.log"
    with log_path.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=site.root,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/favicon.svg"
        first = _wait_for(lambda: _fetch(url))
        assert first is not None and b"#3b5bdb" in first, log_path.read_text()
        (site.root / "brand" / "logo.svg").write_text(svg_logo(color="#e03131"))
        second = _wait_for(lambda: (data := _fetch(url)) and b"#e03131" in data and data)
        assert second is not None, f"no rebuild with the new icon:\n{log_path.read_text()}"
        page = _fetch(f"http://127.0.0.1:{port}/")
        assert page is not None and b'content="#e03131"' in page  # theme-color follows
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert log_path.read_text().count("favicons:") >= 2


# ---------------------------------------------------------------------------------------------
# Options flow into the files and tags


def test_names_and_colours_reach_the_manifest_tags_and_pixels(make_site: SiteFactory) -> None:
    from PIL import Image

    site = make_site(
        {
            "plugins": [
                plugin_entry(
                    source="logo.svg",
                    app_name="Acme Widgets — Reference Documentation",
                    theme_color="rgb(255, 0, 0)",
                    background_color="#000000",
                )
            ]
        },
        files={"logo.svg": svg_logo()},
    )
    site.build(strict=True)
    data = json.loads((site.site_dir / "site.webmanifest").read_text())
    assert data["name"] == "Acme Widgets — Reference Documentation"
    assert data["short_name"] == "Acme Widgets"
    assert data["theme_color"] == "rgb(255, 0, 0)" and data["background_color"] == "#000000"
    tags = {tag.get("name"): tag for tag in head_tags(site.read("about/index.html"))}
    assert tags["theme-color"]["content"] == "rgb(255, 0, 0)"
    assert tags["apple-mobile-web-app-title"]["content"] == "Acme Widgets"
    for name in ("apple-touch-icon.png", "web-app-manifest-maskable-512x512.png"):
        with Image.open(site.site_dir / name) as image:
            assert image.convert("RGB").getpixel((1, 1)) == (0, 0, 0), name


def test_cache_busting_urls_still_resolve(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "site_url": "https://example.com/sub/",
            "plugins": [plugin_entry(source="logo.svg", cache_busting=True)],
        },
        files={"logo.svg": svg_logo()},
    )
    site.build(strict=True)
    for page in site.page_files():
        tags = links(page.read_text())
        assert all("?v=" in tag["href"] for tag in tags), tags
        check_page_links(site.site_dir, page, "/sub/")
    data = json.loads((site.site_dir / "site.webmanifest").read_text())
    for icon in data["icons"]:
        name, _, version = icon["src"].partition("?v=")
        assert len(version) == 8 and (site.site_dir / name).is_file()


def test_the_demo_site_builds_strict_with_every_link_resolving(tmp_path: Path) -> None:
    site = copy_docs_site(tmp_path)
    before = tree_digest(site.docs_dir)
    site.build(strict=True)
    assert tree_digest(site.docs_dir) == before
    for page in site.page_files():
        assert tag_kinds(page.read_text()) == MINIMAL_SVG_TAGS, page
        check_page_links(site.site_dir, page)


def test_paths_are_relative_to_mkdocs_yml_not_the_working_folder(tmp_path: Path) -> None:
    body = '# Home\n\n<link rel="icon" href="body.png">\n'
    site = Site(tmp_path / "project").write(
        {"plugins": [plugin_entry(source="art/logo.svg")]},
        files={"art/logo.svg": svg_logo()},
        pages={"index.md": body},
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    site.build(strict=True, cwd=elsewhere)
    assert list(site.cache_dir.glob("*.zip")), "cache_dir is relative to mkdocs.yml"
    assert list(elsewhere.iterdir()) == []
    html = site.read("index.html")
    assert '<link rel="icon" href="body.png">' in html, "a tag in the body is not the head's"
    assert tag_kinds(html) == MINIMAL_SVG_TAGS
