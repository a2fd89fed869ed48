"""Bad option values are refused by name; odd names reach HTML and JSON exactly, escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import assert_clean_error, site_with_source
from logos import SQUARE_SVG

from mkdocs_favicons.cli import main


@pytest.mark.parametrize(
    "option, value",
    [
        ("theme_color", "nope"),
        ("theme_color", "#12345"),
        ("background_color", "red; background: url(x)"),
        ("background_color", '"><script>alert(1)</script>'),
        ("theme_color", "rgb(1, 2)"),
        # CSS-shaped, but Pillow cannot paint them: once a traceback from the renderer.
        ("background_color", "rgb(1 2 3)"),
        ("background_color", "hsla(120, 50%, 50%, 0.5)"),
        ("background_color", "rgb(1.5, 2, 3)"),
    ],
)
def test_invalid_colour_names_the_option(tmp_path: Path, option: str, value: str) -> None:
    site = site_with_source(tmp_path, SQUARE_SVG.encode(), options={option: value})
    build = site.build(check=False, in_process=False)
    assert_clean_error(build, option, "not a CSS colour", "#3b5bdb")
    assert not site.site_dir.exists() or not (site.site_dir / "index.html").exists()


def test_unknown_preset_lists_the_known_ones(tmp_path: Path) -> None:
    site = site_with_source(tmp_path, SQUARE_SVG.encode(), options={"preset": "everything"})
    assert_clean_error(
        site.build(check=False, in_process=False), "preset", "everything", "minimal, full, single"
    )


def test_cli_refuses_a_bad_colour_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "logo.svg").write_text(SQUARE_SVG)
    code = main(
        [
            "generate",
            str(tmp_path / "logo.svg"),
            "--out",
            str(tmp_path / "out"),
            "--no-cache",
            "--theme-color",
            "blurple",
        ]
    )
    error = capsys.readouterr().err
    assert code == 1
    assert error.strip() == (
        "error: --theme-color: 'blurple' is not a CSS colour; use a hex value such as '#3b5bdb'"
    )
    assert not (tmp_path / "out").exists()


NAMES = {
    "quotes": ("Say \"hi\" & 'bye'", 'He said "no"'),
    "markup": ("A <b>bold</b> & <i>brave</i> site", "<&>"),
    "script end": ('</script><script>alert("x")</script>', "</script>"),
    "attribute break": ('"><img src=x onerror=alert(1)>', "' onmouseover='x"),
    "emoji": ("Docs 🚀✨ for 👩‍💻", "🚀 Docs"),
    "rtl": ("التوثيق الرسمي", "\u202eטקסט\u202c"),
    "entities": ("&amp; &lt; &#x27; &nbsp;", "&copy;"),
}


@pytest.mark.parametrize("case", NAMES)
def test_names_are_escaped_and_round_trip(tmp_path: Path, case: str) -> None:
    app_name, short_name = NAMES[case]
    options = {"app_name": app_name, "short_name": short_name}
    site = site_with_source(tmp_path, SQUARE_SVG.encode(), options=options)
    build = site.build(strict=True, check=False)
    assert build.returncode == 0, build.output

    manifest = json.loads(site.read_bytes("site.webmanifest").decode("utf-8"))
    assert manifest["name"] == app_name
    assert manifest["short_name"] == short_name

    for page in ("index.html", "404.html"):
        head = site.head(page)
        titles = head.find_all("meta", attrs={"name": "apple-mobile-web-app-title"})
        assert [tag["content"] for tag in titles] == [short_name], page
        # Nothing from the name became markup: the head holds only what the theme and we put.
        assert not head.find_all(["img", "b", "i"]), page
        assert all("alert" not in (script.string or "") for script in head.find_all("script"))
        raw = site.read_bytes(page).decode("utf-8")
        assert "<script>alert" not in raw and "<img src=x" not in raw
