"""No silent passes: every page is judged or listed as skipped, and what browsers need is there.

Each test builds or copies a real site, changes one thing, and checks the exact findings.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import build_site
from logos import encoded
from PIL import Image

from mkdocs_favicons.check import RULES, RuleId, Severity, check_site, report
from mkdocs_favicons.check.findings import Finding


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("completeness"))


@pytest.fixture
def site(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built, copy)
    return copy


def kinds(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.severity, f.page, f.rule) for f in findings]


def test_a_page_with_an_implied_head_is_checked(site: Path) -> None:
    """Legal HTML without a <head> tag: its broken icon is an error, not a silent pass."""
    (site / "implied.html").write_text(
        "<!doctype html><html><link rel=icon href=/missing.png><body>x</body></html>"
    )
    findings = check_site(site)
    assert ("error", "implied.html", "resolve") in kinds(findings)
    assert any("missing.png" in f.message for f in findings if f.page == "implied.html")


def test_a_link_the_parser_moves_into_the_head_is_checked(site: Path) -> None:
    (site / "moved.html").write_text(
        "<!doctype html><html><head><title>x</title></head>"
        "<link rel=icon href=/gone.ico><body></body></html>"
    )
    assert ("error", "moved.html", "resolve") in kinds(check_site(site))


def test_body_content_in_the_head_ends_it(site: Path) -> None:
    """The standard's head ends at <img>; an icon after it is body content, not a declaration."""
    index = (site / "index.html").read_text()
    (site / "index.html").write_text(
        index.replace("<head>", '<head>\n<img src="x.png">', 1), encoding="utf-8"
    )
    findings = check_site(site)
    assert ("error", "index.html", "consistency") in kinds(findings)


def test_every_skipped_page_is_listed_with_its_reason(site: Path) -> None:
    (site / "google0123.html").write_text("google-site-verification: google0123.html")
    (site / "partial.htm").write_text("<div>a partial</div>")
    (site / "old").mkdir()
    (site / "old/index.html").write_text(
        '<!doctype html><html><head><meta http-equiv="Refresh" content="0; url=/">'
        "</head><body></body></html>"
    )
    findings = check_site(site)
    notes = sorted((f.page, f.message) for f in findings if f.severity is Severity.NOTE)
    assert [page for page, _ in notes] == ["google0123.html", "old/index.html", "partial.htm"]
    assert "fragment" in notes[0][1] and "redirect" in notes[1][1]
    assert all(f.rule is RuleId.SKIPPED for f in findings if f.severity is Severity.NOTE)
    assert [f for f in findings if f.severity is not Severity.NOTE] == []
    text = report.text(findings)
    assert "note: google0123.html: [skipped] not checked: a fragment" in text
    assert text.endswith("favicon check passed: 0 errors, 0 warnings, 3 pages skipped\n")


def test_no_touch_icon_and_no_manifest_are_warnings(site: Path) -> None:
    (site / "apple-touch-icon.png").unlink()
    for page in site.rglob("*.html"):
        html = page.read_text()
        html = re.sub(r'<link rel="(apple-touch-icon|manifest)"[^>]*>\n', "", html)
        page.write_text(html)
    findings = check_site(site)
    assert sorted((f.severity, f.rule) for f in findings) == [
        ("warning", "manifest"),
        ("warning", "touch-icon"),
    ]


def test_a_touch_icon_of_another_size_is_a_warning(site: Path) -> None:
    (site / "apple-touch-icon.png").write_bytes(
        encoded(Image.new("RGBA", (152, 152), (59, 91, 219, 255)))
    )
    findings = [f for f in check_site(site) if f.rule is RuleId.TOUCH_ICON]
    assert [(f.severity, f.page) for f in findings] == [("warning", "apple-touch-icon.png")]
    assert "scales" in findings[0].message


def test_the_rule_registry_describes_every_rule() -> None:
    """The docs' table comes from RULES: ids unique, one-line summaries, declared severities."""
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(isinstance(rule.id, RuleId) and "\n" not in rule.summary for rule in RULES)
    assert all(
        rule.severities and all(isinstance(s, Severity) for s in rule.severities) for rule in RULES
    )


def test_findings_carry_only_declared_severities(site: Path) -> None:
    """Each rule reports only the severities the registry says it can (ids it owns)."""
    (site / "apple-touch-icon.png").write_bytes(b"not a png")
    (site / "stub.html").write_text("<p>x")
    declared = {rule.id: set(rule.severities) for rule in RULES}
    for finding in check_site(site):
        if finding.rule in declared:
            assert finding.severity in declared[finding.rule], finding


def test_rules_do_not_depend_on_their_order(tmp_path: Path) -> None:
    """No hidden "must run last": every rule reads the site, not what other rules did."""
    from mkdocs_favicons.check.findings import Context
    from mkdocs_favicons.check.site import FolderSite

    site = build_site(tmp_path, preset="full")
    black = encoded(Image.new("RGBA", (100, 100), (0, 0, 0, 255)))
    for name in ("mstile-310x150.png", "favicon-196x196.png", "apple-touch-icon-57x57.png"):
        (site / name).write_bytes(black)

    def run(rules: tuple[object, ...]) -> list[tuple[str, str, str, str]]:
        loaded = FolderSite(site)
        context = Context(loaded, *loaded.pages())
        found = [f for rule in rules for f in rule.run(context)]  # type: ignore[attr-defined]
        return sorted((f.severity, f.page, f.rule, f.message) for f in found)

    forward = run(RULES)
    assert {rule for _, _, rule, _ in forward} >= {"mstile", "sizes"}
    assert run(tuple(reversed(RULES))) == forward


def test_inject_and_check_agree_on_what_a_page_is(site: Path) -> None:
    """.htm pages count, hidden folders (a gh-pages checkout's .git) and symlinks do not."""
    from mkdocs_favicons.check.site import FolderSite
    from mkdocs_favicons.pages import html_pages

    (site / "legacy.HTM").write_text("<!doctype html><html><head></head><body></body></html>")
    (site / ".git").mkdir()
    (site / ".git/description.html").write_text("<!doctype html><title>x</title>")
    (site / "alias.html").symlink_to(site / "index.html")
    walked = [path.relative_to(site).as_posix() for path in html_pages(site)]
    assert FolderSite(site).page_paths() == walked
    assert "legacy.HTM" in walked
    assert not any(p.startswith(".git/") or p == "alias.html" for p in walked)
    assert ("error", "legacy.HTM", "consistency") in kinds(check_site(site))
