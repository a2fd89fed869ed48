"""Startup cost is part of every run: the command line must not pull in MkDocs or
BeautifulSoup, and the injector edits pages with its own head reader, never BeautifulSoup."""

from __future__ import annotations

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
