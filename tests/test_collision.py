"""A user's own file with a generated name wins, byte for byte, and a warning names it."""

from __future__ import annotations

from pathlib import Path

from helpers import site_with_source
from logos import SQUARE_SVG, png

USER_FILES: dict[str, bytes] = {
    "favicon.ico": b"\x00\x00\x01\x00 the user's own hand-made icon \xff\xfe",
    "apple-touch-icon.png": png(180, (1, 2, 3, 255)),
    "site.webmanifest": b'{"name": "mine"}\n',
    "favicon.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><!-- mine --></svg>',
}


def test_users_files_are_kept_byte_for_byte_with_a_warning(tmp_path: Path) -> None:
    site = site_with_source(tmp_path, SQUARE_SVG.encode(), "logo.svg", docs=dict(USER_FILES))
    build = site.build(check=False, in_process=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    warnings = [line for line in build.output.splitlines() if line.startswith("WARNING")]
    for name, data in USER_FILES.items():
        assert site.read_bytes(name) == data, name
        assert [line for line in warnings if name in line], (name, warnings)
    # One collision warning per file (the post-build check adds its own findings on the junk).
    assert len([line for line in warnings if "keeping your own" in line]) == len(USER_FILES)
    # The files it did not collide with are still generated.
    assert (site.site_dir / "favicon-96x96.png").is_file()
    assert (site.site_dir / "web-app-manifest-512x512.png").is_file()


def test_a_collision_fails_strict_builds(tmp_path: Path) -> None:
    site = site_with_source(
        tmp_path, SQUARE_SVG.encode(), "logo.svg", docs={"favicon.ico": b"mine"}
    )
    build = site.build(strict=True, check=False, in_process=False)
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert "favicon.ico" in build.output


def test_a_themes_file_of_the_same_name_is_replaced_silently(tmp_path: Path) -> None:
    # A theme's (or custom_dir's) favicon.ico is not the user's docs: ours replaces it.
    site = site_with_source(tmp_path, SQUARE_SVG.encode(), "logo.svg")
    overrides = site.root / "overrides"
    overrides.mkdir()
    (overrides / "favicon.ico").write_bytes(b"theme icon")
    config = site.config()
    config["theme"]["custom_dir"] = "overrides"
    site.write_config(config)
    build = site.build(strict=True, check=False)
    assert build.returncode == 0, build.output
    assert site.read_bytes("favicon.ico")[:4] == b"\x00\x00\x01\x00"
    assert (overrides / "favicon.ico").read_bytes() == b"theme icon"


def test_the_source_at_a_generated_name_is_replaced_by_the_sanitized_icon(tmp_path: Path) -> None:
    # Zero-config: docs/favicon.svg is found as the source. Copied as-is it would serve the
    # unsanitized SVG from the site's origin, and warn on every default build.
    hostile = SQUARE_SVG.replace("<rect", "<script>alert(1)</script><rect")
    site = site_with_source(tmp_path, None, source_name="", docs={"favicon.svg": hostile})
    build = site.build(strict=True, check=False)
    assert build.returncode == 0, build.output
    assert "keeping your own" not in build.output
    served = site.read_bytes("favicon.svg")
    assert b"<script" not in served and b"<rect" in served
    assert (site.docs_dir / "favicon.svg").read_text() == hostile
