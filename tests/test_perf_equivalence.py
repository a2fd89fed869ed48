"""The speed work must not change a pixel: optimized PNGs, ICO entries and parallel builds
decode to exactly the bitmaps the renderer drew."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import PIL
import pytest
from logos import DEMO_LOGO
from PIL import Image

from mkdocs_favicons import iconset, render
from mkdocs_favicons.options import Options
from mkdocs_favicons.presets import Purpose, icons_for
from mkdocs_favicons.source import load

REPO = Path(__file__).resolve().parent.parent
# Pillow 13 passes reducing_gap on when it resizes RGBA premultiplied; older versions drop it.
PILLOW_RESIZES_RGBA_WITH_REDUCING_GAP = int(PIL.__version__.split(".")[0]) >= 13


def pixels(image: Image.Image, mode: str) -> bytes:
    return image.convert(mode).tobytes()


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def gradient(mode: str, size: int) -> Image.Image:
    """More than 256 colours and partial alpha, so no palette reduction applies."""
    image = Image.new(mode, (size, size))
    image.putdata(
        [
            (x * 255 // size, y * 255 // size, (x * y) % 256, (x + y) % 256)[: len(mode)]
            for y in range(size)
            for x in range(size)
        ]
    )
    return image


def flat_with_transparent_colours() -> Image.Image:
    """Few colours, and fully transparent pixels whose RGB must survive too."""
    image = Image.new("RGBA", (64, 64), (10, 20, 30, 0))
    image.paste((200, 40, 40, 255), (8, 8, 56, 56))
    image.paste((255, 255, 255, 128), (20, 20, 44, 44))
    return image


@pytest.mark.parametrize(
    "image",
    [
        gradient("RGBA", 300),  # large: NoOp filter only
        gradient("RGBA", 40),  # small: NoOp and MinSum
        gradient("RGB", 180),
        flat_with_transparent_colours(),
        Image.new("L", (32, 32), 77),  # other modes are widened, not rejected
    ],
    ids=["rgba-large", "rgba-small", "rgb", "flat", "grey"],
)
def test_png_bytes_is_lossless(image: Image.Image) -> None:
    data = iconset.png_bytes(image)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    decoded = decode(data)
    mode = "RGBA" if image.mode in ("RGBA", "L") else image.mode
    assert decoded.size == image.size
    assert pixels(decoded, mode) == pixels(image, mode)


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_stored_png_is_a_plain_valid_png(mode: str) -> None:
    image = gradient(mode, 37).crop((0, 0, 37, 23))  # odd sizes: rows are not aligned
    data = iconset.stored_png(image)
    decoded = decode(data)
    assert decoded.mode == mode and decoded.size == (37, 23)
    assert decoded.tobytes() == image.tobytes()
    assert not decoded.info  # no metadata chunks


def test_rendered_svg_matches_a_plain_resvg_decode() -> None:
    import resvg_py

    source = load(DEMO_LOGO)
    drawing = render.Renderer(source)
    for size in (16, 96, 512):
        reference = decode(
            bytes(
                resvg_py.svg_to_bytes(
                    svg_string=source.svg.markup, width=size, height=size, skip_system_fonts=True
                )
            )
        )
        assert pixels(drawing.artwork(size), "RGBA") == pixels(reference, "RGBA")


def resize_as_pillow_13(image: Image.Image, size: int) -> Image.Image:
    """Image.resize(LANCZOS, reducing_gap=3.0) as Pillow 13 does it, on any Pillow version."""
    if image.size == (size, size):
        return image.copy()
    if image.mode != "RGBA":
        return image.resize((size, size), Image.Resampling.LANCZOS, reducing_gap=3.0)
    premultiplied = image.convert("RGBa")
    return premultiplied.resize((size, size), Image.Resampling.LANCZOS, reducing_gap=3.0).convert(
        "RGBA"
    )


@pytest.mark.parametrize("master", [1024, 512, 300])
def test_resized_raster_matches_pillow_resize(master: int, tmp_path: Path) -> None:
    """The premultiplied master is shared between sizes; the pixels are a per-size resize's."""
    path = tmp_path / "logo.png"
    gradient("RGBA", master).save(path)  # partial alpha everywhere: premultiplying matters
    source = load(path)
    assert source.raster is not None
    drawing = render.Renderer(source)
    for size in (16, 48, 192, 300, 512, 600):
        expected = resize_as_pillow_13(source.raster, size)
        if PILLOW_RESIZES_RGBA_WITH_REDUCING_GAP:
            resized = source.raster.resize((size, size), Image.Resampling.LANCZOS, reducing_gap=3.0)
            assert pixels(resized, "RGBA") == pixels(expected, "RGBA"), size
        assert pixels(drawing.artwork(size), "RGBA") == pixels(expected, "RGBA"), size


def original_dominant_color(image: Image.Image) -> str:
    """The first implementation, kept as the reference for the faster one."""
    raw = image.tobytes()
    found = [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 4) if raw[i + 3] >= 200]
    if not found:
        return "#ffffff"

    def bucket(p: tuple[int, int, int]) -> tuple[int, int, int]:
        return (p[0] // 16 * 16 + 8, p[1] // 16 * 16 + 8, p[2] // 16 * 16 + 8)

    counts: dict[tuple[int, int, int], int] = {}
    for pixel in found:
        counts[bucket(pixel)] = counts.get(bucket(pixel), 0) + 1
    colourful = {k: v for k, v in counts.items() if max(k) - min(k) > 32}
    best = max(colourful or counts, key=lambda k: (colourful or counts)[k])
    members = [p for p in found if bucket(p) == best]
    r, g, b = (round(sum(c[i] for c in members) / len(members)) for i in range(3))
    return f"#{r:02x}{g:02x}{b:02x}"


def tie() -> Image.Image:
    """Two colourful buckets of exactly the same size: the first seen must win."""
    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (0, 0, 64, 8))
    image.paste((30, 30, 200, 255), (0, 8, 64, 16))
    return image


@pytest.mark.parametrize(
    "image",
    [
        gradient("RGBA", 64),
        flat_with_transparent_colours(),
        tie(),
        Image.new("RGBA", (64, 64), (120, 120, 120, 255)),  # grey only: no colourful bucket
        Image.new("RGBA", (64, 64), (200, 0, 0, 199)),  # nothing opaque enough
    ],
    ids=["gradient", "flat", "tie", "grey", "translucent"],
)
def test_theme_colour_matches_the_original(image: Image.Image, tmp_path: Path) -> None:
    path = tmp_path / "art.png"
    image.resize((512, 512), Image.Resampling.NEAREST).save(path)
    source = load(path)
    drawing = render.Renderer(source)
    assert drawing.dominant_color() == original_dominant_color(drawing.artwork(64))


def test_each_size_is_drawn_once_per_renderer() -> None:
    drawing = render.Renderer(load(DEMO_LOGO))
    assert drawing.artwork(32) is drawing.artwork(32)
    assert render.Renderer(load(DEMO_LOGO)).artwork(32) is not drawing.artwork(32)


def test_workers_sharing_a_renderer_draw_each_size_once() -> None:
    """The build's workers share one render cache: a size asked for at once is drawn once."""
    from concurrent.futures import ThreadPoolExecutor

    drawing = render.Renderer(load(DEMO_LOGO))
    sizes = [48, 512, 96] * 8
    with ThreadPoolExecutor(8) as pool:
        drawn = list(pool.map(drawing.artwork, sizes))
    for size in set(sizes):
        same_size = [image for image, s in zip(drawn, sizes, strict=True) if s == size]
        assert len({id(image) for image in same_size}) == 1, size


def ico_entries(data: bytes) -> list[bytes]:
    _, kind, count = struct.unpack("<HHH", data[:6])
    assert kind == 1
    entries = []
    for index in range(count):
        *_, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * index : 22 + 16 * index])
        entries.append(data[offset : offset + length])
    return entries


@pytest.mark.parametrize("preset", ["minimal", "full", "single"])
@pytest.mark.parametrize("kind", ["svg", "png"])
def test_parallel_build_matches_serial_rendering(preset: str, kind: str, tmp_path: Path) -> None:
    path = DEMO_LOGO
    if kind == "png":
        import resvg_py

        path = tmp_path / "logo.png"
        path.write_bytes(
            bytes(resvg_py.svg_to_bytes(svg_string=DEMO_LOGO.read_text(), width=1024, height=1024))
        )
    options = Options(preset=preset)
    built = iconset.build(load(path), options)
    reference = render.Renderer(load(path))  # nothing shared with the parallel build
    for icon in icons_for(preset, kind == "svg"):
        data = built.files[icon.name]
        if icon.purpose is Purpose.ICO:
            entries = ico_entries(data)
            assert [decode(e).size for e in entries] == [(s, s) for s in icon.ico_sizes]
            for entry, size in zip(entries, icon.ico_sizes, strict=True):
                expected = reference.artwork(size)
                assert pixels(decode(entry), "RGBA") == pixels(expected, "RGBA")
        elif icon.purpose not in (Purpose.SVG, Purpose.MASK):
            expected = reference.render(icon, built.background_color)
            assert decode(data).size == (icon.width, icon.height)
            assert pixels(decode(data), expected.mode) == pixels(expected, expected.mode)
