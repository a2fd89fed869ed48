"""Tags as data: the rendered block says exactly what `TagBuilder.tags` holds, for every preset."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from logos import svg_text

from mkdocs_favicons.iconset import IconSet, generate
from mkdocs_favicons.options import Options
from mkdocs_favicons.tags import Tag, TagBuilder, render, tag

PREFIXES = ("", "../../", "/sub/")
# Quotes, ampersands and angle brackets in the one user text the block carries.
AWKWARD_NAME = 'Tom & "Jerry" <docs>'
URL_METAS = ("msapplication-TileImage", "msapplication-config")


def parsed(block: str) -> list[tuple[str, dict[str, str]]]:
    """The block's elements as a browser's parser reads them (html5lib, the spec's algorithm)."""
    document = html5lib.parse(
        f"<!doctype html><html><head>{block}</head></html>",
        treebuilder="etree",
        namespaceHTMLElements=False,
    )
    head = document.find("head")
    assert head is not None
    return [(element.tag, dict(element.attrib)) for element in head]


@pytest.fixture(scope="module")
def logo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tags") / "logo.svg"
    path.write_text(svg_text("coloured"))
    return path


@pytest.mark.parametrize(
    "options",
    [
        Options(preset="minimal", app_name=AWKWARD_NAME),
        Options(preset="full", app_name=AWKWARD_NAME, dark_theme_color="#101018"),
        Options(preset="single", cache_busting=True),
        Options(preset="minimal", cache_busting=True, dark_theme_color="#101018"),
    ],
    ids=["minimal", "full-dark", "single-busting", "minimal-busting-dark"],
)
def test_the_rendered_block_holds_exactly_the_tags_data(logo: Path, options: Options) -> None:
    iconset = generate(logo, options, None).iconset
    builder = TagBuilder(iconset)
    for prefix in PREFIXES:
        tags = builder.tags(prefix)
        block = builder.block(prefix)
        assert block == render(tags)
        assert block.count("\n") == len(tags)
        assert parsed(block) == [(t.element, dict(t.attrs)) for t in tags]
        assert all(value for t in tags for _, value in t.attrs)  # empty values are left out
        urls = [t.get("href") for t in tags if t.element == "link"] + [
            t.get("content") for t in tags if t.get("name") in URL_METAS
        ]
        assert urls and all(url.startswith(prefix) for url in urls), urls


def test_the_data_answers_what_the_page_declares(logo: Path) -> None:
    iconset: IconSet = generate(logo, Options(preset="full", app_name="Acme"), None).iconset
    tags = TagBuilder(iconset).tags("/")
    by_rel = {t.get("rel"): t for t in tags if t.element == "link"}
    assert by_rel["manifest"].get("href") == "/site.webmanifest"
    assert by_rel["shortcut icon"].get("sizes") == "32x32"  # the ICO's declared, not its pixels
    assert by_rel["mask-icon"].get("color") == iconset.theme_color
    names = [t.get("name") for t in tags if t.element == "meta"]
    assert names.count("theme-color") == 1 and "msapplication-config" in names
    assert tags[-1] == tag("meta", name="theme-color", content=iconset.theme_color)


def test_a_tag_keeps_its_attributes_in_order_and_drops_empty_ones() -> None:
    made = tag("link", rel="icon", type="", sizes="16x16", href="a?b=1&c=2")
    assert made == Tag("link", (("rel", "icon"), ("sizes", "16x16"), ("href", "a?b=1&c=2")))
    assert made.get("type") == "" and made.get("href") == "a?b=1&c=2"
    assert render([made]) == '<link rel="icon" sizes="16x16" href="a?b=1&amp;c=2">\n'
    assert tag("meta", http_equiv="x").attrs == (("http-equiv", "x"),)
