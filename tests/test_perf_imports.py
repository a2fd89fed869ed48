"""Startup cost is part of every run: the command line must not pull in MkDocs or
BeautifulSoup, and the injector edits pages with its own head reader, never BeautifulSoup."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from logos import DEMO_LOGO

HEAVY = {"mkdocs", "bs4", "yaml", "jinja2", "markdown", "xml.sax", "urllib.request"}


def loaded_after(code: str, tmp_path: Path) -> set[str]:
    script = (
        "import sys\n"
        f"{code}\n"
        "heavy = [m for m in sys.modules\n"
        f"         if m.split('.')[0] in {HEAVY!r} or '.'.join(m.split('.')[:2]) in {HEAVY!r}]\n"
        "print('MODULES', *heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("MODULES"))
    return set(line.split()[1:])


def test_generate_command_imports_no_mkdocs_or_bs4(tmp_path: Path) -> None:
    code = (
        "from mkdocs_favicons.cli import main\n"
        f"assert main(['generate', {str(DEMO_LOGO)!r}, '--out', 'out', '--no-cache']) == 0"
    )
    assert loaded_after(code, tmp_path) == set()
    assert (tmp_path / "out" / "favicon.ico").is_file()


def test_bs4_is_never_imported_by_the_injector(tmp_path: Path) -> None:
    plain = (
        "from mkdocs_favicons.inject import inject\n"
        'page = \'<html><head><link rel="stylesheet" href="a.css"></head><body></body>\'\n'
        'result = inject(page, \'<link rel="icon" href="favicon.svg">\\n\')\n'
        "assert 'a.css' in result.html and 'favicon.svg' in result.html"
    )
    assert loaded_after(plain, tmp_path) == set()
    themed = plain.replace("stylesheet", "shortcut icon").replace("'a.css' in", "'a.css' not in")
    assert loaded_after(themed, tmp_path) == set()


def test_warm_build_imports_no_checker_or_image_library(tmp_path: Path) -> None:
    """The second build of a site takes its icons and its check result from the cache.

    So it imports neither Pillow nor the checker nor the drawing code (nor BeautifulSoup, ever),
    and still writes the same tags and files.
    """
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "about.md").write_text("# About\n")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Warm\nsite_url: https://example.org/sub/\nplugins:\n"
        f"  - favicons:\n      source: {DEMO_LOGO}\n"
    )
    watched = (
        "bs4",
        "PIL",
        "mkdocs_favicons.check",
        "mkdocs_favicons.svg",
        "mkdocs_favicons.render",
        "mkdocs_favicons.svg_sanitize",
        "tinycss2",
        "mkdocs_favicons.visibility",
    )
    code = (
        "import sys\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "build(load_config('mkdocs.yml', strict=True))\n"
        f"print('LOADED', *[m for m in sys.modules if m.split('.')[0] in {watched!r}\n"
        f"                   or '.'.join(m.split('.')[:2]) in {watched!r}])\n"
    )

    def loaded() -> set[str]:
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
        )
        line = next(line for line in result.stdout.splitlines() if line.startswith("LOADED"))
        return set(line.split()[1:])

    cold = loaded()
    assert {"PIL", "mkdocs_favicons.check", "mkdocs_favicons.svg"} <= cold
    assert "bs4" not in cold
    first = built_files(tmp_path / "site")
    assert loaded() == set()
    second = built_files(tmp_path / "site")
    assert second == first
    assert b'href="../favicon.svg"' in second["about/index.html"]
    assert b'href="/sub/favicon.svg"' in second["404.html"]


def built_files(site: Path) -> dict[str, bytes]:
    """A built site's files, without what changes with the clock (gzip headers, build dates)."""
    return {
        path.relative_to(site).as_posix(): re.sub(
            rb"Build Date UTC : [^\n]*", b"", path.read_bytes()
        )
        for path in site.rglob("*")
        if path.is_file() and path.suffix != ".gz"
    }
