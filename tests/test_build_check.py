"""The in-build check judges what the injector recorded, and remembers its result by content.

Pinned against the slow path: the standalone checker reading the built site from disk must
find exactly what the build logged, on sites with real problems, and every page's recorded
declarations must be what a disk read of that page finds.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import build_site, checker_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_favicons.buildcheck import log_lines, wanted
from mkdocs_favicons.check import FolderSite, check_site
from mkdocs_favicons.check.site import Page
from mkdocs_favicons.memo import BuildMemo, memo_path

# Run before the plugin's check (priority 100): damage icon files the way a bad deploy step
# or another plugin could, so both checks have real findings to agree on.
TAMPER_HOOK = """
import json
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(100)
def on_post_build(config):
    site = Path(config.site_dir)
    (site / "favicon.ico").write_bytes((site / "favicon-96x96.png").read_bytes())
    (site / "apple-touch-icon.png").unlink()
    manifest = json.loads((site / "site.webmanifest").read_text())
    del manifest["background_color"]
    manifest["icons"][0]["sizes"] = "64x64"
    (site / "site.webmanifest").write_text(json.dumps(manifest))
    # HTML written outside the page events, which the plugin never sees: the check reads it.
    (site / "fragment.html").write_text("<p>Included by a script</p>")
    (site / "moved.html").write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0; url=about/">'
        "</head><body></body></html>"
    )
    (site / "extra").mkdir(exist_ok=True)
    (site / "extra" / "index.html").write_text(
        "<!DOCTYPE html><html><head><title>Extra</title></head><body>Late page</body></html>"
    )
"""

# Only the favicon.ico changes: every page declares the same, so only the file's hash tells.
ICO_HOOK = """
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(100)
def on_post_build(config):
    site = Path(config.site_dir)
    (site / "favicon.ico").write_bytes((site / "favicon-96x96.png").read_bytes())
"""

VARIANTS = {
    "plain": {},
    "sub-path": {"site_url": "https://example.org/sub/"},
    "full preset": {"preset": "full"},
    "no directory urls": {"mkdocs": {"use_directory_urls": False}},
    "png source, busting": {"source": "png", "cache_busting": True},
    "material": {"mkdocs": {"theme": {"name": "material"}}},
    "readthedocs, dark": {"mkdocs": {"theme": {"name": "readthedocs"}}, "dark_mode": "invert"},
}


TIMING = re.compile(r"check: \d+ findings in \d+ ms")


def logged_checks(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    """The check's lines a build logged, with their level (notes are debug, findings warnings)."""
    return [
        (record.levelname.lower(), record.getMessage().removeprefix("favicons: "))
        for record in caplog.records
        if record.getMessage().startswith("favicons: check: ")
        and not TIMING.fullmatch(record.getMessage().removeprefix("favicons: "))
    ]


def disk_checks(
    site: Path, variant: dict[str, object], skip_pages: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    """What `mkdocs-favicons check` finds reading the built folder, as the build logs it."""
    preset = str(variant.get("preset", "minimal"))
    return list(log_lines(wanted(check_site(site, base_url(variant), skip_pages), preset)))


def logged_build(root: Path, **variant: object) -> Path:
    """The project built in this process as `mkdocs build` does, its log captured down to DEBUG
    (the check's notes on skipped pages are debug lines). Returns site_dir."""
    site = checker_site(root, **variant)  # type: ignore[arg-type]
    config = load_config(str(site.config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site.site_dir


def warnings(lines: list[tuple[str, str]]) -> list[str]:
    return [line for level, line in lines if level == "warning"]


def base_url(variant: dict[str, object]) -> str:
    return "/sub/" if "site_url" in variant else "/"


@pytest.mark.parametrize("name", VARIANTS)
def test_build_check_finds_what_the_disk_check_finds(
    name: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    variant = VARIANTS[name]
    (tmp_path / "tamper.py").write_text(TAMPER_HOOK)
    caplog.set_level(logging.DEBUG)
    site = logged_build(tmp_path, hooks=["tamper.py"], **variant)
    from_disk = disk_checks(site, variant)
    # The ICO, the touch icon, two manifest problems and the late page without icons...
    assert len(warnings(from_disk)) >= 5
    assert any("extra/index.html: [consistency]" in line for line in warnings(from_disk))
    # ...and, at debug level, the redirect stub and the fragment the checker skipped.
    notes = [line for level, line in from_disk if level == "debug"]
    assert any(line.startswith("check: moved.html: [skipped]") for line in notes), notes
    assert any(line.startswith("check: fragment.html: [skipped]") for line in notes), notes
    # The build does not judge HTML it did not write that declares no icons (another plugin's
    # output): the same findings, with that page skipped instead of losing its tags.
    as_built = disk_checks(site, variant, skip_pages=("extra/index.html",))
    assert [line for line in warnings(as_built) if "extra/index.html" in line] == []
    assert logged_checks(caplog) == as_built
    # A second, warm build takes the remembered result: the same lines again.
    caplog.clear()
    logged_build(tmp_path, hooks=["tamper.py"], **variant)
    assert logged_checks(caplog) == as_built


@pytest.mark.parametrize("name", VARIANTS)
def test_recorded_declarations_are_what_the_pages_hold(name: str, tmp_path: Path) -> None:
    variant = VARIANTS[name]
    build_site(tmp_path, **variant)  # type: ignore[arg-type]
    config = load_config(str(tmp_path / "mkdocs.yml"))
    build(config)
    recorded = config.plugins["favicons"].built.icons  # type: ignore[attr-defined]
    site = FolderSite(tmp_path / "site", base_url(variant))
    on_disk = site.page_paths()
    assert sorted(recorded) == sorted(on_disk)  # every page and 404.html, nothing else
    assert "404.html" in recorded
    for path in on_disk:
        page = site.page(path)
        fed = site.judged(path, recorded[path])
        assert isinstance(page, Page) and isinstance(fed, Page), path
        # Declarations are interned per (tag, target): the very same objects.
        assert fed.declarations == page.declarations, path
        assert len(fed.declarations) >= 5


def test_a_changed_icon_file_is_checked_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    build_site(tmp_path)  # strict: no finding, and the result is remembered
    memo = BuildMemo.load(
        memo_path(tmp_path / ".cache/plugin/favicons", str(tmp_path / "mkdocs.yml"))
    )
    assert memo.check is not None and memo.check.lines == []
    assert "favicon.ico" in memo.check.files
    (tmp_path / "tamper.py").write_text(ICO_HOOK)
    build_site(tmp_path, hooks=["tamper.py"], strict=False)
    assert any("[format] a PNG renamed to .ico" in line for _, line in logged_checks(caplog))
    caplog.clear()
    build_site(tmp_path)  # strict again: the good files are back, and so is the clean result
    assert logged_checks(caplog) == []


def mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in its own process, as a user runs it."""
    command = [sys.executable, "-m", "mkdocs", "build", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)


def test_a_damaged_memo_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "tamper.py").write_text(ICO_HOOK)
    build_site(tmp_path, hooks=["tamper.py"], strict=False)
    memo_file = memo_path(tmp_path / ".cache/plugin/favicons", str(tmp_path / "mkdocs.yml"))
    memo_file.write_text('{"format": 1, "stamp": ')
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [
        line.split("favicons: ", 1)[1] for line in result.stderr.splitlines() if "check: " in line
    ]
    assert len(lines) == 1 and "[format] a PNG renamed to .ico" in lines[0]
    stored = json.loads(memo_file.read_text())["check"]["lines"]
    assert [line for level, line in stored if level == "warning"] == lines


def test_a_memo_from_other_code_is_ignored(tmp_path: Path) -> None:
    build_site(tmp_path)
    memo_file = memo_path(tmp_path / ".cache/plugin/favicons", str(tmp_path / "mkdocs.yml"))
    data = json.loads(memo_file.read_text())
    assert BuildMemo.load(memo_file).check is not None  # the build stored its result
    data["stamp"] = "another version"
    memo_file.write_text(json.dumps(data))
    assert BuildMemo.load(memo_file).check is None


def test_dirty_build_reads_the_site_from_disk(tmp_path: Path) -> None:
    """`--dirty` re-renders only changed pages, so the check cannot rely on the record."""
    site = build_site(tmp_path)
    page = site / "about/index.html"
    page.write_text(
        page.read_text().replace('<link rel="manifest" href="../site.webmanifest">', "")
    )
    result = mkdocs_build(tmp_path, "--dirty")
    assert result.returncode == 0, result.stderr
    assert "about/index.html: [consistency]" in result.stderr
    # A full build rewrites the page and passes.
    full = mkdocs_build(tmp_path, "--strict")
    assert full.returncode == 0, full.stderr


def serve_build(root: Path, config_file: Path, site_dir: Path) -> object:
    """One build as `mkdocs serve` runs each rebuild: a fresh config, the same plugins."""
    config = load_config(str(config_file), site_dir=str(site_dir))
    build(config, serve_url="http://127.0.0.1:8000/", dirty=False)
    return config.plugins["favicons"]


def test_serve_rebuilds_reuse_unchanged_page_edits_byte_for_byte(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Under serve, a page whose HTML is unchanged gets its last edit again: the same bytes
    a fresh edit gives, while an edited page is edited anew."""
    build_site(tmp_path, strict=False)
    config_file = tmp_path / "mkdocs.yml"
    serve_dir = tmp_path / "served"
    first = load_config(str(config_file), site_dir=str(serve_dir))
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        plugin = serve_build(tmp_path, config_file, serve_dir)
        edits = plugin.page_edits  # type: ignore[attr-defined]
        assert edits is not None and "about/index.html" in edits.edits
        remembered = edits.edits["about/index.html"]
        (tmp_path / "docs" / "guide" / "page.md").write_text("# A nested page\n\nNew text.\n")
        serve_build(tmp_path, config_file, serve_dir)
        # Unchanged page: the very same edit object was reused, not recomputed.
        assert edits.edits["about/index.html"] is remembered
        assert "New text." in edits.edits["guide/page/index.html"].output
        served = html_files(serve_dir)
    finally:
        first.plugins.on_startup(command="build", dirty=False)  # leave the shared plugin as built
    # The same project built plainly (no memo, same serve URL) writes the same pages.
    plain_dir = tmp_path / "plain"
    plain = load_config(str(config_file), site_dir=str(plain_dir))
    build(plain, serve_url="http://127.0.0.1:8000/", dirty=False)
    assert plain.plugins["favicons"].page_edits is None  # type: ignore[attr-defined]
    assert served == html_files(plain_dir)
    assert (
        b'<link rel="manifest" href="../../site.webmanifest">'
        in served[Path("guide/page/index.html")]
    )


def html_files(site: Path) -> dict[Path, bytes]:
    """A site's pages, without the build date the `mkdocs` theme stamps into each."""
    return {
        path.relative_to(site): re.sub(rb"Build Date UTC : [^\n]*", b"", path.read_bytes())
        for path in site.rglob("*.html")
    }
