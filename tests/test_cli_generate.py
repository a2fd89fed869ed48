"""`mkdocs-favicons generate` and `python -m mkdocs_favicons generate`: files and the snippet."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from helpers import (
    Build,
    SiteFactory,
    declared_sizes,
    head_tags,
    ico_sizes,
    plugin_entry,
    resolve,
    run,
)
from logos import raster_bytes, svg_logo

from mkdocs_favicons.presets import file_names

CONSOLE_SCRIPT = str(Path(sys.executable).parent / "mkdocs-favicons")


def generate(cwd: Path, *args: str, module: bool = False) -> Build:
    """Run the CLI as its installed console script, or as `python -m mkdocs_favicons`."""
    if module:
        return run(["-m", "mkdocs_favicons", "generate", *args], cwd)
    return run(["generate", *args], cwd, program=CONSOLE_SCRIPT)


def snippet_tags(output: str) -> list[dict[str, str]]:
    tag_lines = [line for line in output.splitlines() if line.startswith(("<link", "<meta"))]
    return head_tags(f"<html><head>{''.join(tag_lines)}</head></html>")


def test_console_script_writes_files_and_prints_the_snippet_with_the_base_url(
    tmp_path: Path, user_cache: Path
) -> None:
    (tmp_path / "logo.svg").write_text(svg_logo())
    result = generate(tmp_path, "logo.svg", "--out", "out", "--base-url", "/sub/")
    assert result.ok, result.output
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(file_names("minimal", True))
    tags = snippet_tags(result.output)
    assert len(tags) == 7
    for tag in tags:
        if "href" not in tag:
            continue
        assert tag["href"].startswith("/sub/"), tag
        target = resolve(out, out / "index.html", tag["href"], "/sub/")
        assert target.is_file()
        if "sizes" in tag:
            assert set(tag["sizes"].split()) <= declared_sizes(target)
    manifest = json.loads((out / "site.webmanifest").read_text())
    assert manifest["start_url"] == manifest["scope"] == "/sub/"
    assert manifest["name"] == "Logo"  # from the file name when --app-name is not given
    assert "generated" in result.output
    # The default cache is the user's ($XDG_CACHE_HOME), never the working folder; a second
    # run is served from it.
    assert list(user_cache.glob("*.zip"))
    assert not (tmp_path / ".cache").exists()
    again = generate(tmp_path, "logo.svg", "--out", "out", "--base-url", "/sub/")
    assert again.ok and "from cache" in again.output


def test_python_dash_m_single_preset_without_cache(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(raster_bytes("PNG", 800, 800))
    result = generate(
        tmp_path, "logo.png", "--out", "icons", "--preset", "single", "--no-cache", module=True
    )
    assert result.ok, result.output
    assert [p.name for p in (tmp_path / "icons").iterdir()] == ["favicon.ico"]
    assert ico_sizes(tmp_path / "icons" / "favicon.ico") == [256, 128, 64, 48, 32, 16]
    assert snippet_tags(result.output) == [
        {
            "tag": "link",
            "rel": "icon",
            "type": "image/x-icon",
            "sizes": "16x16 32x32 48x48 64x64 128x128 256x256",
            "href": "/favicon.ico",
        }
    ]
    assert not (tmp_path / ".cache").exists()


def test_cli_snippet_is_what_the_plugin_injects(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(
        {"site_url": "https://example.com/docs/", "plugins": [plugin_entry(source="logo.svg")]},
        files={"logo.svg": svg_logo()},
    )
    site.build(strict=True)
    result = generate(
        site.root,
        "logo.svg",
        "--out",
        str(tmp_path / "cli"),
        "--base-url",
        "/docs/",
        "--app-name",
        "Favicon Test Site",
        "--no-cache",
        module=True,
    )
    assert result.ok, result.output
    assert snippet_tags(result.output) == head_tags(site.read("404.html"))
    for name in file_names("minimal", True):
        assert (tmp_path / "cli" / name).read_bytes() == (site.site_dir / name).read_bytes(), name


def test_cli_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    missing = generate(tmp_path, "nope.svg", "--out", "out", module=True)
    assert missing.returncode == 1
    assert missing.output.strip().count("\n") == 0 and "nope.svg" in missing.output
    assert "does not exist" in missing.output
    (tmp_path / "logo.svg").write_text(svg_logo())
    colour = generate(
        tmp_path, "logo.svg", "--out", "out", "--theme-color", "nocolour", module=True
    )
    assert colour.returncode == 1 and "--theme-color" in colour.output
    assert "Traceback" not in missing.output + colour.output
    assert not (tmp_path / "out").exists()
