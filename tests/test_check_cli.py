"""`mkdocs-favicons check` from the command line, over http://, as JSON, and after every build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import build_site, checker_site, cli
from logos import BADGE_SVG
from serving import serve

from mkdocs_favicons.check import check_site
from mkdocs_favicons.cli import main

BREAK_ICO_HOOK = """
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(100)  # before the favicons plugin's own check
def on_post_build(config):
    site = Path(config.site_dir)
    (site / "favicon.ico").write_bytes((site / "favicon-96x96.png").read_bytes())
"""


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("good"))


@pytest.fixture(scope="module")
def good_sub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("sub"), site_url="http://127.0.0.1/sub/")


@pytest.fixture
def broken(good: Path, tmp_path: Path) -> Path:
    """The good site with favicon.ico replaced by a PNG and one page missing the manifest."""
    site = tmp_path / "site"
    shutil.copytree(good, site)
    (site / "favicon.ico").write_bytes((site / "favicon-96x96.png").read_bytes())
    page = site / "about/index.html"
    page.write_text(
        page.read_text().replace('<link rel="manifest" href="../site.webmanifest">\n', "")
    )
    return site


def test_text_output_one_line_per_finding_then_summary(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(broken)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "error: about/index.html: [consistency] declares a different icon set from the other 3 "
        'pages: lacks <link rel="manifest"> -> site.webmanifest. Fix: declare the same tags on '
        "every page (let the plugin inject them) and rebuild.",
        "error: favicon.ico: [format] a PNG renamed to .ico. Fix: convert it to a real ICO (or "
        "rename it .png).",
        "favicon check FAILED: 2 errors, 0 warnings",
    ]


def test_json_output_is_the_same_findings_as_data(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(broken), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 2 and data["warnings"] == 0
    assert [(f["severity"], f["page"], f["rule"]) for f in data["findings"]] == [
        ("error", "about/index.html", "consistency"),
        ("error", "favicon.ico", "format"),
    ]
    assert {key for f in data["findings"] for key in f} == {
        "severity",
        "page",
        "rule",
        "message",
        "fix",
    }
    assert [f["message"] for f in data["findings"]] == [f.message for f in check_site(broken)]


def test_good_site_json(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(good), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"errors": 0, "warnings": 0, "findings": []}


def test_warnings_alone_exit_zero(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(good, site)
    manifest = json.loads((site / "site.webmanifest").read_text())
    del manifest["background_color"]
    (site / "site.webmanifest").write_text(json.dumps(manifest))
    assert main(["check", str(site)]) == 0
    out = capsys.readouterr().out
    assert 'warning: site.webmanifest: [manifest] no "background_color"' in out
    assert out.endswith("favicon check passed: 0 errors, 1 warning\n")


def test_missing_folder_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "nope")]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_console_script_runs(broken: Path) -> None:
    result = cli("check", broken)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "favicon check FAILED: 2 errors, 0 warnings"


def test_http_site_passes(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with serve(good) as url:
        assert check_site(url) == []
        assert main(["check", url]) == 0
    assert capsys.readouterr().out == "favicon check passed: 0 errors, 0 warnings\n"


def test_http_sub_path_site_passes(good_sub: Path) -> None:
    with serve(good_sub, "/sub/") as url:
        assert url.endswith("/sub/")
        assert check_site(url) == []
    assert check_site(good_sub, "/sub/") == []


def test_http_finds_the_same_problems_as_the_folder(broken: Path) -> None:
    with serve(broken) as url:
        over_http = check_site(url)
    assert [(f.page, f.rule) for f in over_http] == [(f.page, f.rule) for f in check_site(broken)]
    assert {f.rule for f in over_http} == {"consistency", "format"}


def test_unreachable_url_is_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(Path("/nonexistent")) as url:
        pass  # the port is closed again
    assert main(["check", url]) == 1
    assert capsys.readouterr().err == f"error: {url}: no page answers there; serve the site first\n"


def test_folder_checked_with_wrong_base_url_fails(good_sub: Path) -> None:
    """404.html links from /sub/; checked as if served at / those links leave the site."""
    assert "resolve" in {f.rule for f in check_site(good_sub, "/")}


def test_plugin_check_fails_strict_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "break_ico.py").write_text(BREAK_ICO_HOOK)
    strict = checker_site(tmp_path, hooks=["break_ico.py"]).build(strict=True, check=False)
    assert strict.returncode == 1 and "Aborted with 1 warnings in strict mode!" in strict.output
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert [r.getMessage() for r in warnings] == [
        "favicons: check: favicon.ico: [format] a PNG renamed to .ico. Fix: convert it to a real "
        "ICO (or rename it .png)."
    ]
    assert warnings[0].name == "mkdocs.plugins.favicons"


def test_plugin_check_can_be_turned_off(tmp_path: Path) -> None:
    (tmp_path / "break_ico.py").write_text(BREAK_ICO_HOOK)
    site = build_site(tmp_path, hooks=["break_ico.py"], check=False)  # strict, yet no warning
    assert "format" in {f.rule for f in check_site(site)}


def test_plugin_checks_with_site_url_path(good_sub: Path) -> None:
    """build_site is strict, so the sub-path build already passed the plugin's own check."""
    assert (good_sub / "404.html").read_text().count('href="/sub/') >= 4


def test_site_not_made_by_mkdocs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Hand-written HTML with the files and tags `mkdocs-favicons generate` prints."""
    (tmp_path / "logo.svg").write_text(BADGE_SVG)
    site = tmp_path / "public"
    assert main(["generate", str(tmp_path / "logo.svg"), "--out", str(site), "--no-cache"]) == 0
    tags = capsys.readouterr().out
    for page in ("index.html", "docs/intro.html", "blog/2024/post/index.html", "404.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text(
            f"<!doctype html><html><head><title>x</title>\n{tags}</head><body></body></html>"
        )
    assert check_site(site) == []
    (site / "docs/intro.html").write_text("<!doctype html><html><head></head><body></body></html>")
    assert [(f.page, f.rule) for f in check_site(site)] == [("docs/intro.html", "consistency")]


def test_bare_ico_only_site(tmp_path: Path) -> None:
    """A site of one favicon.ico and one tag: no errors; a browser needs nothing more, but iOS
    and installation go without, which are warnings."""
    from PIL import Image

    from mkdocs_favicons.ico import pack_pngs
    from mkdocs_favicons.iconset import png_bytes

    (tmp_path / "favicon.ico").write_bytes(
        # Orange: it reaches 3:1 on both the light and the dark tab (the visibility rule).
        pack_pngs([png_bytes(Image.new("RGBA", (s, s), (232, 89, 12, 255))) for s in (48, 32, 16)])
    )
    (tmp_path / "index.html").write_text(
        '<html><head><link rel="icon" href="/favicon.ico"></head><body></body></html>'
    )
    assert [(f.severity, f.rule) for f in check_site(tmp_path)] == [
        ("warning", "touch-icon"),
        ("warning", "manifest"),
    ]


@pytest.mark.parametrize("name", ["demo.html", "demo.htm"])
def test_plugin_leaves_html_copied_from_docs_alone(tmp_path: Path, name: str) -> None:
    """A hand-written HTML file in docs_dir is copied as is: not a page that lost its tags.

    `.htm` too: the plugin and the checker share one rule of what a page is (pages.py)."""
    (tmp_path / "docs/embed").mkdir(parents=True)
    (tmp_path / "docs/embed" / name).write_text(
        "<!doctype html><html><head><title>demo</title></head><body>demo</body></html>"
    )
    site = build_site(tmp_path)  # strict: the plugin's check must not warn
    assert [(f.page, f.rule) for f in check_site(site)] == [(f"embed/{name}", "consistency")]
