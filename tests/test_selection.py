"""One answer to what a set holds: `IconSelection`, asked by the generator, the tags and inject."""

from __future__ import annotations

from pathlib import Path

import pytest
from logos import png_bytes, svg_text

from mkdocs_favicons.iconset import generate
from mkdocs_favicons.options import Options
from mkdocs_favicons.presets import PRESETS, IconSelection, selection_in
from mkdocs_favicons.site_inject import load_iconset
from mkdocs_favicons.tags import TagBuilder

CASES = [(preset, kind) for preset in PRESETS for kind in ("svg", "png")]


def logo(folder: Path, kind: str) -> Path:
    path = folder / f"logo.{kind}"
    if kind == "svg":
        path.write_text(svg_text("coloured"))
    else:
        path.write_bytes(png_bytes("coloured", 512))
    return path


@pytest.mark.parametrize(("preset", "kind"), CASES)
def test_a_generated_set_is_what_its_selection_says(tmp_path: Path, preset: str, kind: str) -> None:
    iconset = generate(logo(tmp_path, kind), Options(preset=preset, app_name="Acme"), None).iconset
    selection = iconset.selection
    assert selection == IconSelection(preset, kind == "svg")
    assert list(iconset.files) == selection.file_names
    assert ("site.webmanifest" in iconset.files) == selection.has_manifest
    assert ("browserconfig.xml" in iconset.files) == selection.has_browserconfig
    block = TagBuilder(iconset).block("")
    assert ('rel="manifest"' in block) == selection.has_manifest
    assert ('name="msapplication-config"' in block) == selection.has_browserconfig


@pytest.mark.parametrize(("preset", "kind"), CASES)
def test_a_written_set_is_read_back_as_the_same_selection(
    tmp_path: Path, preset: str, kind: str
) -> None:
    """`inject`'s preview reads a site's set back; it must declare what the generator did."""
    options = Options(preset=preset, app_name="Acme Docs", short_name="Acme")
    made = generate(logo(tmp_path, kind), options, None).iconset
    site = tmp_path / "site"
    made.write(site)
    found = selection_in(lambda name: (site / name).is_file())
    assert (found.preset, found.file_names) == (preset, made.selection.file_names)
    loaded = load_iconset(site)
    assert loaded.files == made.files
    assert TagBuilder(loaded).block("/") == TagBuilder(made).block("/")


def test_what_each_preset_holds() -> None:
    """BRIEF §1: the manifest in minimal and full, browserconfig.xml only in full."""
    held = {
        preset: (
            IconSelection(preset, True).has_manifest,
            IconSelection(preset, True).has_browserconfig,
        )
        for preset in PRESETS
    }
    assert held == {"minimal": (True, False), "full": (True, True), "single": (False, False)}
    assert "favicon.svg" in IconSelection("minimal", True).file_names
    assert "favicon.svg" not in IconSelection("minimal", False).file_names
    with pytest.raises(ValueError, match="unknown preset 'huge'"):
        IconSelection("huge", True)
