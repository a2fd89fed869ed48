"""The plugin under ProperDocs, the maintained MkDocs 1.x fork, in real `properdocs build` runs.

ProperDocs shares this venv with MkDocs: its modules are `properdocs.*` and its command is
`properdocs`; only inside its own process does it alias `mkdocs.*` to itself, and it loads the
`mkdocs.plugins` entry points, so the plugin needs no change. It ships no theme of its own here:
`properdocs-theme-mkdocs` (in the test extra) or Material.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cdp import Tab
from helpers import Site, copy_docs_site, run
from logos import raster_bytes, svg_logo
from real_sites import assert_site_passes

from mkdocs_favicons.check import check_site
from mkdocs_favicons.presets import file_names

PROPERDOCS = str(Path(sys.executable).parent / "properdocs")


def test_the_demo_builds_the_same_icons_under_both(tmp_path: Path) -> None:
    ours_site, theirs_site = (copy_docs_site(tmp_path / name) for name in ("mkdocs", "properdocs"))
    Site(ours_site.root).build(strict=True)
    result = run(["build", "--strict"], theirs_site.root, program=PROPERDOCS)
    assert result.ok, result.output
    assert "favicons: " in result.output
    ours, theirs = ours_site.site_dir, theirs_site.site_dir
    for name in file_names("minimal", True):
        assert (theirs / name).read_bytes() == (ours / name).read_bytes(), name
    assert check_site(theirs) == []


def test_a_properdocs_yml_sub_path_site_passes_every_checker(tmp_path: Path, tab: Tab) -> None:
    config = {
        "site_url": "https://example.org/handbook/",
        "theme": {"name": "mkdocs"},
        "plugins": ["favicons"],
    }
    site = Site(tmp_path / "site").write(config, docs={"logo.svg": svg_logo()})
    site.config_file.rename(site.root / "properdocs.yml")
    result = run(["build", "--strict"], site.root, program=PROPERDOCS)
    assert result.ok, result.output
    assert not (site.root / "mkdocs.yml").exists()
    pages = ["", "about/", "nested/deep/page/", "no/such/page/"]
    assert_site_passes(site.site_dir, "/handbook/", pages, tab)


def test_properdocs_strict_counts_our_warnings(tmp_path: Path) -> None:
    """An explicit too-small source warns; ProperDocs' --strict fails on it as MkDocs' does."""
    config = {"theme": {"name": "mkdocs"}, "plugins": [{"favicons": {"source": "docs/s.png"}}]}
    site = Site(tmp_path / "site").write(config, docs={"s.png": raster_bytes("PNG", 100, 100)})
    site.config_file.rename(site.root / "properdocs.yml")
    result = run(["build", "--strict"], site.root, program=PROPERDOCS)
    assert not result.ok
    (warning,) = result.lines("WARNING")
    assert "favicons: docs/s.png is only 100 px" in warning


def test_no_migration_nag_of_our_own(tmp_path: Path) -> None:
    """Neither tool hears about the other from us (ProperDocs itself asks to rename mkdocs.yml)."""
    site = Site(tmp_path / "site").write({"theme": "mkdocs", "plugins": ["favicons"]})
    (site.docs_dir / "logo.svg").write_text(svg_logo())
    under_mkdocs = run(["-m", "mkdocs", "build", "--strict"], site.root)
    assert under_mkdocs.ok, under_mkdocs.output
    assert "ProperDocs" not in under_mkdocs.output and "MkDocs 2" not in under_mkdocs.output
    under_properdocs = run(["build", "--strict"], site.root, program=PROPERDOCS)
    assert under_properdocs.ok, under_properdocs.output
    ours = "\n".join(under_properdocs.lines("favicons"))
    assert ours and "MkDocs" not in ours and "ProperDocs" not in ours
