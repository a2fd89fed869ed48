"""Bad, huge and odd raster sources, through real `mkdocs build` runs.

Every failing build must end in one short error naming the file, a non-zero exit and no
traceback; every build leaves docs_dir byte-identical (Site.build checks it).
"""

from __future__ import annotations

import io
import random
import struct
import time
import zlib
from pathlib import Path

import pytest
from helpers import assert_clean_error, cli, site_with_source
from logos import encoded, png
from PIL import Image

from mkdocs_favicons.source import load

RED, GREEN, BLUE = (220, 30, 30), (30, 200, 60), (40, 60, 220)


def noisy_png(size: int = 512) -> bytes:
    """A PNG that does not compress, so cutting it loses image data, not just the end."""
    data = random.Random(0).randbytes(size * size * 3)
    return encoded(Image.frombytes("RGB", (size, size), data))


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def raw_png(width: int, height: int, depth: int, color_type: int, rows: bytes) -> bytes:
    """A PNG written by hand, for header lies and pixel formats Pillow cannot save."""
    header = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def near(pixel: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=False))


# --- the source path ---------------------------------------------------------------------


def tiff() -> bytes:
    return encoded(Image.new("RGB", (512, 512), RED), "TIFF")


SOURCE_PATH_CASES = {
    "missing": (None, "missing.png", "does not exist"),
    "directory": (None, "docs", "is a directory"),
    "empty": (b"", "empty.png", "is empty"),
    "truncated": (noisy_png()[:5000], "truncated.png", "truncated or corrupt"),
    "text named .png": (b"just some text, not pixels\n", "notes.png", "not a readable image"),
    "unsupported format": (tiff(), "logo.tiff", "not supported"),
}


@pytest.mark.parametrize("case", SOURCE_PATH_CASES)
def test_bad_source_path_is_one_clear_error(tmp_path: Path, case: str) -> None:
    data, name, reason = SOURCE_PATH_CASES[case]
    site = site_with_source(tmp_path, data, name)
    build = site.build(check=False, in_process=False)
    assert_clean_error(build, name, reason)


# --- huge sources ------------------------------------------------------------------------


@pytest.mark.parametrize("side", [60000, 12000])
def test_decompression_bomb_is_refused_from_the_header(tmp_path: Path, side: int) -> None:
    # A side×side RGBA header (14 GB decoded at 60000) over a few bytes of pixel data.
    bomb = raw_png(side, side, 8, 6, b"\0" * 64)
    site = site_with_source(tmp_path, bomb, "bomb.png")
    started = time.perf_counter()
    build, peak = site.peak_build()
    seconds = time.perf_counter() - started
    assert_clean_error(build, "bomb.png", "too large", "10000×10000")
    if side * side < 2 * Image.MAX_IMAGE_PIXELS:  # beyond that Pillow refuses before we can
        assert f"{side}×{side}" in build.output, build.output
    # Refused before allocating: the whole build stays at an interpreter's footprint.
    assert peak < 200 * 2**20, peak
    print(f"{side}px bomb refused in {seconds:.2f} s (whole build), peak {peak / 2**20:.0f} MiB")


def test_9000px_source_builds_well_under_a_gigabyte(tmp_path: Path) -> None:
    image = Image.new("RGB", (9000, 9000), BLUE)
    image.paste(RED, (0, 0, 4500, 4500))  # a marker quadrant, to check the result too
    data = encoded(image, "PNG", compress_level=1)
    del image
    site = site_with_source(tmp_path, data, "huge.png")
    build, peak = site.peak_build()
    assert build.returncode == 0, build.output
    icon = site.image("web-app-manifest-512x512.png")
    assert near(icon.getpixel((64, 64)), (*RED, 255))
    assert near(icon.getpixel((448, 448)), (*BLUE, 255))
    # Naive decoding peaks near 1.6 GB (BRIEF §5); one RGB copy of the source is 243 MB.
    assert peak < 600 * 2**20, peak
    print(f"9000×9000 PNG build peak RSS {peak / 2**20:.0f} MiB")


def test_9000px_jpeg_decodes_at_reduced_scale(tmp_path: Path) -> None:
    image = Image.new("RGB", (9000, 9000), BLUE)
    data = encoded(image, "JPEG", quality=80)
    del image
    site = site_with_source(tmp_path, data, "huge.jpg")
    build, peak = site.peak_build()
    assert build.returncode == 0, build.output
    assert peak < 300 * 2**20, peak  # draft() decodes at 1/8 scale: no full-size copy at all
    print(f"9000×9000 JPEG build peak RSS {peak / 2**20:.0f} MiB")


# --- odd but valid rasters ---------------------------------------------------------------


def upright() -> Image.Image:
    """The picture as a viewer shows it: red top-left, green top-right, blue elsewhere."""
    image = Image.new("RGB", (512, 512), BLUE)
    image.paste(RED, (0, 0, 256, 256))
    image.paste(GREEN, (256, 0, 512, 256))
    return image


# How a camera stores pixels for each EXIF orientation (the inverse of what viewers apply).
STORED = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def rotated_jpeg(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encoded(upright().transpose(STORED[orientation]), "JPEG", quality=95, exif=exif)


def assert_upright(image: Image.Image) -> None:
    width, height = image.size
    assert near(image.getpixel((width // 4, height // 4))[:3], RED)
    assert near(image.getpixel((3 * width // 4, height // 4))[:3], GREEN)
    assert near(image.getpixel((width // 4, 3 * height // 4))[:3], BLUE)
    assert near(image.getpixel((3 * width // 4, 3 * height // 4))[:3], BLUE)


@pytest.mark.parametrize("orientation", sorted(STORED))
def test_every_exif_orientation_is_applied(tmp_path: Path, orientation: int) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(rotated_jpeg(orientation))
    raster = load(path).raster
    assert raster is not None
    assert_upright(raster)


def test_exif_rotated_jpeg_builds_upright_icons(tmp_path: Path) -> None:
    site = site_with_source(tmp_path, rotated_jpeg(6), "photo.jpg")
    build = site.build(check=False)
    assert build.returncode == 0, build.output
    for name in ("favicon-96x96.png", "web-app-manifest-512x512.png"):
        assert_upright(site.image(name))


def cmyk_image(cmyk: tuple[int, int, int, int]) -> Image.Image:
    return Image.new("CMYK", (512, 512), cmyk)


def test_cmyk_jpeg_without_profile_keeps_its_colours(tmp_path: Path) -> None:
    # Pure magenta + yellow ink is red; the JPEG stores Adobe-inverted CMYK.
    site = site_with_source(
        tmp_path, encoded(cmyk_image((0, 255, 255, 0)), "JPEG", quality=95), "p.jpg"
    )
    build = site.build(check=False)
    assert build.returncode == 0, build.output
    assert near(site.image("web-app-manifest-512x512.png").getpixel((256, 256)), (255, 0, 0, 255))


def s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def srgb_to_lab(rgb: list[float]) -> tuple[float, float, float]:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(linear, rgb)
    x = (0.4360747 * r + 0.3850649 * g + 0.1430804 * b) / 0.9642  # sRGB to XYZ (D50)
    y = 0.2225045 * r + 0.7168786 * g + 0.0606169 * b
    z = (0.0139322 * r + 0.0971045 * g + 0.7141733 * b) / 0.8249

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


INKS = [(0, 174, 239), (236, 0, 140), (255, 242, 0), (35, 31, 32)]  # press-like C, M, Y, K


def cmyk_icc_profile() -> bytes:
    """A minimal ICC v2 CMYK printer profile (an A2B0 lut8 to Lab) whose inks are not the
    naive 255 - C ones, so only a colour-managed conversion gets its colours right."""
    clut = b""
    for index in range(16):  # 2×2×2×2 grid, first channel slowest
        rgb = [255.0, 255.0, 255.0]
        for channel, ink in enumerate(INKS):
            if index >> (3 - channel) & 1:
                rgb = [c * i / 255 for c, i in zip(rgb, ink, strict=True)]
        lightness, a, b = srgb_to_lab(rgb)
        opponents = (max(0, min(255, round(v + 128))) for v in (a, b))
        clut += bytes([round(lightness / 100 * 255), *opponents])
    ramp = bytes(range(256))
    identity = b"".join(s15(float(i == j)) for i in range(3) for j in range(3))
    a2b0 = b"mft1" + bytes(4) + bytes([4, 3, 2, 0]) + identity + ramp * 4 + clut + ramp * 3
    name = b"test inks\0"
    desc = b"desc" + bytes(4) + struct.pack(">I", len(name)) + name + bytes(8 + 3 + 67)
    white = s15(0.9642) + s15(1.0) + s15(0.8249)
    tags = [(b"desc", desc), (b"wtpt", b"XYZ " + bytes(4) + white), (b"A2B0", a2b0)]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data + bytes(-len(data) % 4)
    header = (
        struct.pack(">I", offset + len(body))
        + bytes(4)
        + struct.pack(">I", 0x02100000)
        + b"prtrCMYKLab "
        + bytes(12)
        + b"acsp"
        + bytes(28)
        + white
        + bytes(48)
    )
    return header + struct.pack(">I", len(tags)) + table + body


@pytest.mark.parametrize("cmyk", [(255, 0, 0, 0), (0, 255, 0, 0), (128, 0, 0, 64)])
def test_cmyk_jpeg_with_profile_is_colour_managed(tmp_path: Path, cmyk: tuple[int, ...]) -> None:
    from PIL import ImageCms

    profile = cmyk_icc_profile()
    image = cmyk_image(cmyk)  # type: ignore[arg-type]
    expected = ImageCms.profileToProfile(
        image,
        ImageCms.ImageCmsProfile(io.BytesIO(profile)),
        ImageCms.createProfile("sRGB"),
        outputMode="RGB",
    ).getpixel((0, 0))
    naive = image.convert("RGB").getpixel((0, 0))
    assert not near(expected, naive), (expected, naive)  # the profile matters for this colour
    site = site_with_source(
        tmp_path, encoded(image, "JPEG", quality=95, icc_profile=profile), "p.jpg"
    )
    build = site.build(check=False)
    assert build.returncode == 0, build.output
    pixel = site.image("web-app-manifest-512x512.png").getpixel((256, 256))
    assert near(pixel, (*expected, 255), 6), (pixel, expected)


def test_16bit_greyscale_png_keeps_its_tones(tmp_path: Path) -> None:
    # Left half at 25% grey, right half at 75% grey, in 16-bit samples.
    row = struct.pack(">256H", *([0x4000] * 128 + [0xC000] * 128))
    data = raw_png(256, 256, 16, 0, (b"\0" + row) * 256)
    # A 16-bit source: Pillow >= 10.3 opens it as I;16, older versions widen it to I.
    assert Image.open(io.BytesIO(data)).mode in ("I;16", "I;16B", "I")
    site = site_with_source(tmp_path, data, "grey16.png")
    build = site.build(check=False)
    assert build.returncode == 0, build.output
    icon = site.image("web-app-manifest-512x512.png")
    assert near(icon.getpixel((64, 256)), (64, 64, 64, 255), 3)  # not clipped to white
    assert near(icon.getpixel((448, 256)), (191, 191, 191, 255), 3)


def test_48bit_rgb_png_keeps_its_colours(tmp_path: Path) -> None:
    pixel = struct.pack(">3H", 0xFFFF, 0x8000, 0x2000)  # orange, 16 bits per sample
    data = raw_png(512, 512, 16, 2, (b"\0" + pixel * 512) * 512)
    site = site_with_source(tmp_path, data, "rgb48.png")
    build = site.build(check=False)
    assert build.returncode == 0, build.output
    icon = site.image("web-app-manifest-512x512.png")
    assert near(icon.getpixel((256, 256)), (255, 128, 32, 255), 3)


def test_palette_png_keeps_transparency(tmp_path: Path) -> None:
    image = Image.new("P", (512, 512), 0)
    image.putpalette([0, 0, 0, *RED] + [0] * (256 * 3 - 6))
    image.paste(1, (128, 128, 384, 384))
    data = encoded(image, "PNG", transparency=0)
    assert Image.open(io.BytesIO(data)).mode == "P"
    site = site_with_source(tmp_path, data, "palette.png")
    build = site.build(check=False)
    assert build.returncode == 0, build.output
    icon = site.image("web-app-manifest-512x512.png")
    assert icon.getpixel((10, 10))[3] == 0  # the transparent index stays transparent
    assert near(icon.getpixel((256, 256)), (*RED, 255))


def test_animated_gif_uses_the_first_frame_and_says_so(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (512, 512), colour) for colour in (RED, BLUE, GREEN)]
    data = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    assert Image.open(io.BytesIO(data)).n_frames == 3
    site = site_with_source(tmp_path, data, "spinner.gif")
    build = site.build(check=False)
    assert build.returncode == 0, build.output
    assert "spinner.gif is animated; using its first frame" in build.output
    assert near(site.image("web-app-manifest-512x512.png").getpixel((256, 256)), (*RED, 255), 8)


# --- tiny sources -------------------------------------------------------------------------


def test_tiny_source_warns_and_strict_fails_naming_it(tmp_path: Path) -> None:
    site = site_with_source(tmp_path, png(48), "tiny.png")
    build = site.build(check=False, in_process=False)
    assert build.returncode == 0, build.output
    warnings = [line for line in build.output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "tiny.png" in warnings[0] and "48 px" in warnings[0], warnings
    assert (site.site_dir / "favicon.ico").is_file()

    strict = site.build(strict=True, check=False, in_process=False)
    assert strict.returncode != 0, strict.output
    assert "Traceback" not in strict.output
    assert "tiny.png" in strict.output and "strict" in strict.output


def test_no_source_at_all_names_where_it_looked(tmp_path: Path) -> None:
    site = site_with_source(tmp_path, None, source_name="")
    build = site.build(check=False, in_process=False)
    assert_clean_error(build, "no source image found", "docs", "source:")


@pytest.mark.parametrize("case", ["missing", "empty", "truncated", "unsupported format"])
def test_cli_reports_a_bad_source_in_one_line(tmp_path: Path, case: str) -> None:
    data, name, reason = SOURCE_PATH_CASES[case]
    if data is not None:
        (tmp_path / name).write_bytes(data)
    completed = cli("generate", name, "--out", "out", "--no-cache", cwd=tmp_path)
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and name in lines[0], lines
    assert reason in lines[0]
    assert not (tmp_path / "out").exists() and completed.stdout == ""


def test_camera_mpo_jpeg_is_a_jpeg(tmp_path: Path) -> None:
    # Phones append a second picture to the JPEG (MPO); Pillow reports format "MPO".
    pictures = [upright(), Image.new("RGB", (512, 512), BLUE)]
    exif = Image.Exif()
    exif[0x0112] = 6
    data = encoded(
        pictures[0].transpose(STORED[6]),
        "MPO",
        save_all=True,
        append_images=pictures[1:],
        exif=exif,
    )
    assert Image.open(io.BytesIO(data)).format == "MPO"
    site = site_with_source(tmp_path, data, "IMG_0001.jpg")
    build = site.build(strict=True, check=False)
    assert build.returncode == 0, build.output
    assert "animated" not in build.output
    assert_upright(site.image("web-app-manifest-512x512.png"))
