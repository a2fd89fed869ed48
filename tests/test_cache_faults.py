"""The cache can be corrupt, missing, unwritable or shared, and the output never changes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import Site, assert_clean_error, site_with_source, tree_digest
from logos import png

from mkdocs_favicons.presets import icons_for

ICON_NAMES = [icon.name for icon in icons_for("minimal", False)] + ["site.webmanifest"]


def outputs(site: Site) -> dict[str, str]:
    """The hashes of every generated file and of the page that links them."""
    tree = tree_digest(site.site_dir)
    result = {name: tree[name] for name in ICON_NAMES}
    for page in ("index.html", "404.html"):  # all but MkDocs' build-time comment
        html = (site.site_dir / page).read_text(encoding="utf-8")
        result[page] = re.sub(r"Build Date UTC : .*", "", html)
    return result


def cached_site(root: Path, source: bytes, cache_dir: str) -> Site:
    return site_with_source(root, source, "logo.png", {"cache_dir": cache_dir}, cache=True)


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.zip"))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def flip_a_pixel_byte(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("web-app-manifest-512x512.png")
    data = bytearray(path.read_bytes())
    data[member.header_offset + 30 + len(member.filename) + member.file_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def garbage(path: Path) -> None:
    path.write_bytes(b"not a zip at all\n" * 10)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def foreign_entry(path: Path) -> None:
    """A valid zip, but written for another key (as after a hash-prefix collision)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("favicon.ico", b"stale")
        archive.writestr("__meta__.json", '{"key": "another", "svg_source": false}')


def drop_a_member(path: Path) -> None:
    """Every CRC right, the key right, but one icon gone."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    del members["favicon.ico"]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.parametrize(
    "corrupt", [truncate, flip_a_pixel_byte, garbage, empty, foreign_entry, drop_a_member]
)
def test_corrupt_entry_is_regenerated_with_a_warning(tmp_path: Path, corrupt) -> None:  # type: ignore[no-untyped-def]
    site = cached_site(tmp_path, png(512), ".cache/favicons")
    first = site.build(strict=True, check=False, in_process=False)
    assert first.returncode == 0 and "generated" in first.output, first.output
    expected = outputs(site)
    (entry,) = entries(site.root / ".cache/favicons")

    corrupt(entry)
    second = site.build(check=False, in_process=False)
    assert second.returncode == 0, second.output
    warnings = [line for line in second.output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "cache entry" in warnings[0] and entry.name in warnings[0]
    assert "generating the icons again" in warnings[0] and "Traceback" not in second.output
    assert outputs(site) == expected

    third = site.build(strict=True, check=False, in_process=False)  # the entry was rewritten whole
    assert third.returncode == 0 and "from cache" in third.output, third.output
    assert outputs(site) == expected


@pytest.mark.parametrize("cache_dir", ["blocker/cache", "blocker"])
def test_cache_dir_that_cannot_be_created_builds_without_cache(
    tmp_path: Path, cache_dir: str
) -> None:
    site = cached_site(tmp_path, png(512), cache_dir)
    blocker = site.root / "blocker"
    blocker.write_bytes(b"a regular file where the cache folder would go\n")
    for _ in range(2):
        build = site.build(strict=True, check=False, in_process=False)
        assert build.returncode == 0, build.output
        assert "Traceback" not in build.output and "generated" in build.output
        assert all((site.site_dir / name).is_file() for name in ICON_NAMES)
    assert blocker.read_bytes() == b"a regular file where the cache folder would go\n"


def test_changed_source_or_option_never_serves_stale_icons(tmp_path: Path) -> None:
    # Flat squares, so both sources compress to the same size (not --strict: they are
    # invisible icons, which the visibility rule reports).
    site = cached_site(tmp_path, png(512, (200, 0, 0, 255), mark=False), ".cache/favicons")
    source = site.root / "logo.png"
    assert site.build(check=False).returncode == 0
    red = outputs(site)
    assert site.image("favicon-96x96.png").getpixel((8, 48)) == (200, 0, 0, 255)

    # Same name, same size, same modification time: only the content differs.
    stat = source.stat()
    source.write_bytes(png(512, (0, 0, 200, 255), mark=False))
    assert source.stat().st_size == stat.st_size
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    build = site.build(check=False)
    assert build.returncode == 0 and "generated" in build.output, build.output
    assert site.image("favicon-96x96.png").getpixel((8, 48)) == (0, 0, 200, 255)

    # An option that changes the pixels: the touch icon's background.
    config = site.config()
    config["plugins"][0]["favicons"]["background_color"] = "#00ff00"
    site.write_config(config)
    build = site.build(check=False)
    assert build.returncode == 0 and "generated" in build.output, build.output
    assert site.image("apple-touch-icon.png").getpixel((2, 2)) == (0, 255, 0, 255)

    # Back to the first source and options: the first entry again, byte for byte.
    source.write_bytes(png(512, (200, 0, 0, 255), mark=False))
    del config["plugins"][0]["favicons"]["background_color"]
    site.write_config(config)
    build = site.build(check=False)
    assert build.returncode == 0 and "from cache" in build.output, build.output
    assert outputs(site) == red
    assert len(entries(site.root / ".cache/favicons")) == 3


def test_four_concurrent_builds_share_one_cache(tmp_path: Path) -> None:
    cache = tmp_path / "shared-cache"
    sites = [cached_site(tmp_path / f"site{i}", png(512), str(cache)) for i in range(4)]
    for round_ in ("cold", "warm"):
        before = [tree_digest(site.docs_dir) for site in sites]
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site.site_dir)],
                cwd=site.root,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for site in sites
        ]
        results = [(process.wait(timeout=300), process.stdout.read()) for process in processes]  # type: ignore[union-attr]
        for code, output in results:
            assert code == 0 and "Traceback" not in output, (round_, output)
        if round_ == "warm":
            assert all("from cache" in output for _, output in results)
        assert [tree_digest(site.docs_dir) for site in sites] == before
        first = outputs(sites[0])
        assert all(outputs(site) == first for site in sites[1:]), round_
        assert len(entries(cache)) == 1
        # No temp files left; the one icon set materialized once, as real files other plugins open;
        # and one check memo per mkdocs.yml.
        assert len(list(cache.glob("build-*.json"))) == len(sites)
        others = sorted(p.name for p in cache.iterdir() if p.suffix not in (".zip", ".json"))
        assert len(others) == 1 and others[0].startswith("files-"), others
        assert sorted(f.name for f in (cache / others[0]).iterdir()) == sorted(ICON_NAMES)


@pytest.mark.parametrize("cache_dir", ["docs/.cache", "docs", "./docs/../docs/icons"])
def test_cache_dir_inside_docs_dir_is_refused(tmp_path: Path, cache_dir: str) -> None:
    site = cached_site(tmp_path, png(512), cache_dir)
    build = site.build(
        check=False, in_process=False
    )  # also asserts docs_dir is byte-identical afterwards
    assert_clean_error(build, "cache_dir", cache_dir, "inside docs_dir")
