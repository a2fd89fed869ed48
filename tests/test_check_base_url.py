"""`check` on a sub-path site without `--base-url`: it guesses from the site's own files and says
so, and when a wrong base path is the likely cause of a finding, it names the one to pass.
Also: the CLI keeps its cache in the user's cache folder, and long findings wrap."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import Site, cli
from logos import raster_bytes, svg_logo

from mkdocs_favicons.basepath import base_path, infer_base_path

SUB = "https://example.org/python/"


@pytest.fixture
def sub_site(tmp_path: Path) -> Path:
    """A built site whose site_url is a sub-path; returns the project folder."""
    site = Site(tmp_path / "project").write({"site_url": SUB, "plugins": ["favicons"]})
    (site.docs_dir / "logo.svg").write_text(svg_logo())
    site.build(strict=True)
    return site.root


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ""),
        ("/", "/"),
        ("https://example.org", ""),
        ("https://example.org/", "/"),
        ("https://example.org/python", "/python/"),
        ("sub", "/sub/"),
        ("/a//b/", "/a/b/"),
        ("./", ""),
    ],
)
def test_one_normaliser(value: str, expected: str) -> None:
    assert base_path(value) == expected


def test_guessed_from_the_sitemap(sub_site: Path, tmp_path: Path) -> None:
    result = cli("check", sub_site / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "base URL /python/ (guessed from 3 of the sitemap.xml <loc> URLs)" in result.stderr
    assert "0 errors, 0 warnings" in result.stdout


def test_guessed_from_404_then_from_mkdocs_yml(sub_site: Path, tmp_path: Path) -> None:
    site = sub_site / "site"
    (site / "sitemap.xml").unlink()
    result = cli("check", site, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "base URL /python/ (guessed from the icon URL /python/" in result.stderr
    (site / "404.html").unlink()
    inferred = infer_base_path(site)
    assert inferred is not None and inferred.path == "/python/"
    assert inferred.evidence == "site_url in mkdocs.yml"


def test_nothing_to_guess_from_is_the_root(sub_site: Path, tmp_path: Path) -> None:
    alone = tmp_path / "copied"
    shutil.copytree(sub_site / "site", alone)
    (alone / "sitemap.xml").unlink()
    (alone / "404.html").unlink()
    assert infer_base_path(alone) is None
    result = cli("check", alone, cwd=tmp_path)
    assert result.returncode == 0 and "guessed" not in result.stderr


def test_a_wrong_base_url_names_the_right_one(sub_site: Path, tmp_path: Path) -> None:
    """The issue's case: five 'does not exist' errors and no hint. Now each says what to pass."""
    result = cli("check", sub_site / "site", "--base-url", "/", cwd=tmp_path)
    assert result.returncode == 1
    # Five unresolved icons and the 404 page's different set: every one names the fix.
    findings = result.stdout.replace("\n    ", " ").splitlines()
    errors = [line for line in findings if line.startswith("error:")]
    assert len(errors) == 6, result.stdout
    assert all("check again with --base-url /python/" in line for line in errors), errors
    elsewhere = cli("check", sub_site / "site", "--base-url", "/other/", cwd=tmp_path)
    assert "--base-url /python/" in elsewhere.stdout


def test_long_findings_wrap(sub_site: Path, tmp_path: Path) -> None:
    """A page that lost every tag but one: the consistency finding lists them all, wrapped."""
    about = sub_site / "site" / "about" / "index.html"
    html = about.read_text()
    start, end = html.index('<link rel="icon" type="image/svg+xml"'), html.index("</head>")
    about.write_text(html[:start] + html[end:])
    result = cli("check", sub_site / "site", "--base-url", "/python/", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 100, lines
    findings = [line for line in lines if not line.startswith("    ")]
    assert any("[consistency]" in line for line in findings)
    assert len(lines) > len(findings)  # continuation lines, indented


# ---------------------------------------------------------------------------------------------
# Where the CLI writes


def test_inject_leaves_nothing_in_the_current_folder(
    sub_site: Path, tmp_path: Path, user_cache: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "logo.svg").write_text(svg_logo())
    site = sub_site / "site"
    result = cli(
        "inject", site, "--source", tmp_path / "logo.svg", "--base-url", "/python/", cwd=work
    )
    assert result.returncode == 0, result.stderr
    assert list(work.iterdir()) == []
    assert list(user_cache.glob("*.zip"))
    asked = tmp_path / "near-site-cache"
    again = cli("inject", site, "--source", tmp_path / "logo.svg", "--cache-dir", asked, cwd=work)
    assert again.returncode == 0 and list(asked.glob("*.zip"))
    assert list(work.iterdir()) == []


def test_without_xdg_cache_home_the_cache_is_in_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs_favicons.cli import user_cache_dir

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert user_cache_dir() == tmp_path / ".cache" / "mkdocs-favicons"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert user_cache_dir() == tmp_path / ".cache" / "mkdocs-favicons"


def test_build_messages_name_paths_from_the_project(tmp_path: Path) -> None:
    """Run from another folder, warnings and INFO lines still say docs/..., not /tmp/..."""
    site = Site(tmp_path / "project").write({"plugins": [{"favicons": {"source": "art/s.png"}}]})
    (site.root / "art").mkdir()
    (site.root / "art" / "s.png").write_bytes(raster_bytes("PNG", 100, 100))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = site.build(cwd=elsewhere)
    lines = result.lines("favicons")
    assert any("WARNING" in line and "favicons: art/s.png is only 100 px" in line for line in lines)
    assert any("source art/s.png," in line for line in lines)
    assert str(tmp_path) not in "\n".join(lines)
