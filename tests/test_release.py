"""Release-ready: the documentation site, its generated reference pages, and the built wheel.

The documentation site (demo_site/) is built with the plugin like any user's site, then read back:
the generated pages must hold what the code holds. The wheel is built from this checkout and
installed alone into a fresh venv, which then builds and checks a site.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from email.parser import Parser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import REPO, Site, cli, copy_docs_site, tree_digest
from logos import svg_logo

from mkdocs_favicons.check import RULES
from mkdocs_favicons.cli import build_parser
from mkdocs_favicons.plugin import FaviconsPlugin


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The documentation site, built strict with `python -m mkdocs build --strict`."""
    site = copy_docs_site(tmp_path_factory.mktemp("docs"))
    before = tree_digest(site.docs_dir)
    Site(site.root).build(strict=True)
    assert tree_digest(site.docs_dir) == before, "the build wrote into docs_dir"
    return site


def soup(site: Site, page: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(page), "html.parser")


def table_rows(site: Site, page: str, after_heading: str) -> list[list[str]]:
    """The text of each body row of the first table after the heading with that id."""
    heading = soup(site, page).find(id=after_heading)
    assert heading is not None, f"{page} has no heading #{after_heading}"
    table = heading.find_next("table")
    assert table is not None
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    ]


def test_the_docs_site_passes_the_checker_from_the_command_line(docs: Site) -> None:
    result = cli("check", docs.site_dir, cwd=docs.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout


def test_the_docs_link_to_the_sites_own_preview_page(docs: Site) -> None:
    preview = docs.site_dir / "favicons-preview.html"
    assert preview.is_file()
    linking = []
    for page in sorted(docs.site_dir.rglob("index.html")):
        for anchor in BeautifulSoup(page.read_text(), "html.parser").find_all("a", href=True):
            if anchor["href"].endswith("favicons-preview.html"):
                assert (page.parent / anchor["href"]).resolve() == preview.resolve(), page
                linking.append(page)
    assert docs.site_dir / "index.html" in linking
    # The preview shows the site's own icons, inlined.
    html = preview.read_text()
    for name in ("apple-touch-icon.png", "web-app-manifest-maskable-512x512.png"):
        encoded = base64.b64encode((docs.site_dir / name).read_bytes()).decode()
        assert encoded in html, name


def test_the_options_page_lists_every_option_with_its_real_default(docs: Site) -> None:
    rows = table_rows(docs, "guide/configuration/index.html", "reference")
    by_name = {row[0]: row for row in rows}
    schema = dict(FaviconsPlugin.config_scheme)
    assert list(by_name) == list(schema)  # every option, in the declaration's order
    for name, option in schema.items():
        default = option.default
        shown = by_name[name][2]
        if default is None:
            assert shown == "none", name
        else:
            assert shown == (str(default).lower() if isinstance(default, bool) else default), name
        assert len(by_name[name][3]) > 20, f"{name} has no description"
    assert "*" in by_name["source"][3], "a docstring's `*` is literal text, not emphasis"


def test_the_presets_page_has_a_row_per_icon_table_entry(docs: Site) -> None:
    from mkdocs_favicons import presets

    rows = table_rows(docs, "guide/presets/index.html", "every-file")
    names = [row[0] for row in rows]
    assert names[: len(presets.ICONS)] == [icon.name for icon in presets.ICONS]
    for preset in presets.PRESETS:
        made = {row[0] for row in rows if preset in row[3].split(", ")}
        assert set(presets.file_names(preset, svg_source=True)) == made, preset


def test_the_checker_page_has_a_row_per_registered_rule(docs: Site) -> None:
    rows = table_rows(docs, "guide/check/index.html", "the-rules")
    assert len(rows) == len(RULES)
    ids = {rule_id.strip() for row in rows for rule_id in row[0].split(",")}
    # Ids the checker really reports, found by breaking a copy of the built site.
    broken = docs.root.parent / "broken"
    subprocess.run(["cp", "-r", str(docs.site_dir), str(broken)], check=True)
    (broken / "favicon.ico").write_bytes((broken / "favicon-96x96.png").read_bytes())
    (broken / "404.html").write_text(
        (broken / "404.html").read_text().replace('href="/favicon.svg"', 'href="favicon.svg"')
    )
    result = cli("check", broken, "--format", "json", cwd=docs.root)
    reported = set(re.findall(r'"rule": "([^"]+)"', result.stdout))
    assert {"format", "404-relative"} <= reported, result.stdout
    assert reported <= ids, reported - ids


def test_the_cli_page_shows_each_commands_own_usage(docs: Site) -> None:
    text = soup(docs, "guide/cli/index.html").get_text()
    commands = re.search(r"\{([a-z,]+)\}", build_parser().format_usage())
    assert commands is not None
    for command in commands.group(1).split(","):
        help_text = cli(command, "--help", cwd=docs.root).stdout
        for flag in re.findall(r"(--[a-z-]+)", help_text):
            assert flag in text, (command, flag)
        assert f"usage: mkdocs-favicons {command}" in text


def _matches(template: str, message: str) -> bool:
    """A message as printed matches a template whose `{...}` fields stand for any text."""
    literal = re.split(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}", template)
    return re.fullmatch(".*".join(map(re.escape, literal)), message) is not None


@pytest.mark.parametrize(
    "args",
    [
        ("generate", "missing.svg", "--out", "out"),
        ("generate", "empty.svg", "--out", "out"),
        ("generate", "logo.svg", "--out", "out", "--theme-color", "not-a-colour"),
        ("preview", "--out", "p.html"),
    ],
    ids=["missing", "empty", "colour", "preview"],
)
def test_the_troubleshooting_page_lists_the_errors_users_see(
    docs: Site, args: tuple[str, ...], tmp_path: Path
) -> None:
    (tmp_path / "empty.svg").write_text("")
    (tmp_path / "logo.svg").write_text(svg_logo())
    result = cli(*args, "--no-cache", cwd=tmp_path)
    assert result.returncode == 1
    message = result.stderr.strip().removeprefix("error: ")
    assert "\n" not in message and message
    templates = [row[1] for row in table_rows_all(docs, "guide/troubleshooting/index.html")]
    assert any(_matches(template, message) for template in templates), message


def table_rows_all(site: Site, page: str) -> list[list[str]]:
    tables = soup(site, page).find_all("table")
    return [
        [cell.get_text("", strip=True) for cell in row.find_all("td")]
        for table in tables
        for row in table.tbody.find_all("tr")
    ]


def test_the_changelog_page_is_the_changelog(docs: Site) -> None:
    versions = re.findall(r"^## \[([^\]]+)\]", (REPO / "CHANGELOG.md").read_text(), re.MULTILINE)
    assert "Unreleased" in versions and len(versions) >= 2
    headings = [
        h.get_text(" ", strip=True) for h in soup(docs, "changelog/index.html").find_all("h2")
    ]
    for version in versions:
        assert any(version in heading for heading in headings), version


def test_every_relative_link_in_the_readme_resolves() -> None:
    readme = (REPO / "README.md").read_text()
    targets = re.findall(r"\]\(([^)\s]+)\)", readme)
    relative = [t for t in targets if not urlsplit(t).scheme and not t.startswith("#")]
    assert relative, "the README links into the docs"
    for target in relative:
        path = REPO / unquote(urlsplit(target).path)
        assert path.exists(), target


# ---- the wheel --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel built from this checkout, a fresh venv with only it and its dependencies)."""
    root = tmp_path_factory.mktemp("wheel")
    # Built from a copy of what the package is made of, so the build leaves nothing in the checkout.
    source = root / "source"
    shutil.copytree(
        REPO / "mkdocs_favicons",
        source / "mkdocs_favicons",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(root),
            str(source),
        ],
        check=True,
        cwd=root,
    )
    (wheel,) = root.glob("mkdocs_favicons-*.whl")
    environment = root / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True, cwd=root)
    return wheel, environment


def test_the_wheel_carries_metadata_an_index_shows(wheel_venv: tuple[Path, Path]) -> None:
    wheel, _ = wheel_venv
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(metadata_name).decode())
    assert "mkdocs_favicons/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert metadata["License-Expression"] == "MIT"
    classifiers = metadata.get_all("Classifier")
    for classifier in (
        "Framework :: MkDocs",
        "Typing :: Typed",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.13",
    ):
        assert classifier in classifiers
    urls = {url.split(",")[0] for url in metadata.get_all("Project-URL")}
    assert {"Documentation", "Changelog", "Issues", "Source"} <= urls
    assert metadata["Keywords"] and metadata["Requires-Python"] == ">=3.10"
    assert "mkdocs-favicons" in metadata.get_payload()  # the README is the long description


def test_the_installed_wheel_alone_builds_and_checks_a_site(
    wheel_venv: tuple[Path, Path], tmp_path: Path
) -> None:
    _, environment = wheel_venv
    bin_dir = environment / "bin"
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "docs" / "logo.svg").write_text(svg_logo())
    (project / "mkdocs.yml").write_text("site_name: Wheel\nplugins:\n  - favicons\n")
    where = subprocess.run(
        [bin_dir / "python", "-c", "import mkdocs_favicons; print(mkdocs_favicons.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=project,
    ).stdout.strip()
    assert Path(where).is_relative_to(environment), where  # not this checkout
    built = subprocess.run(
        [bin_dir / "mkdocs", "build", "--strict"], capture_output=True, text=True, cwd=project
    )
    assert built.returncode == 0, built.stderr
    assert "favicons: 8 files generated" in built.stderr
    checked = subprocess.run(
        [bin_dir / "mkdocs-favicons", "check", "site"], capture_output=True, text=True, cwd=project
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 errors, 0 warnings" in checked.stdout
    assert (project / "site" / "favicon.ico").is_file()
