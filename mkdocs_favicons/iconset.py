"""Building every file of a preset: icons in parallel, PNGs optimized, ICOs packed."""

from __future__ import annotations

import hashlib
import os
import struct
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import FaviconError, log
from .options import WHITE, Options
from .presets import BROWSERCONFIG_NAME, MANIFEST_NAME, Icon, IconSelection, Purpose
from .source import Source, load, read_bytes

# `svg_sanitize.POLICY`, written out so a warm build need not import the sanitizer (~5 ms);
# tests/test_svg_allowlist.py keeps the two equal. Part of the cache key: a favicon.svg cached
# under another policy is never reused.
POLICY = "allowlist-1:3b62d00a60b5fdff"

if TYPE_CHECKING:
    from PIL.Image import Image

    from . import render, svg, visibility

OXIPNG_LEVEL = 1  # reductions only; filters and deflate are chosen explicitly in png_bytes
DEFLATE_LEVEL = 9  # libdeflate 10-12 triple the time for 1-3% fewer bytes
SMALL_PIXELS = 200 * 200  # icons up to this size also try the MinSum filter
WORKERS = min(4, os.cpu_count() or 2)  # 2 here; measured in benchmarks/generate.py


@dataclass
class IconSet:
    """The generated files by name, and what the tags need to declare them."""

    options: Options
    svg_source: bool
    theme_color: str
    files: dict[str, bytes] = field(default_factory=dict)
    # The touch and maskable icons' background: the option, or the one chosen for contrast.
    background_color: str = WHITE
    # Warnings about an option the user set (a low-contrast background_color): unlike notes on
    # a discovered source, always warnings, since the user chose the value.
    option_notes: list[str] = field(default_factory=list)

    @property
    def selection(self) -> IconSelection:
        """What the set holds: its icons, and whether it has a manifest and browserconfig.xml."""
        return IconSelection(self.options.preset, self.svg_source)

    @property
    def icons(self) -> tuple[Icon, ...]:
        return self.selection.icons

    def href(self, name: str) -> str:
        """The URL of one file relative to the site root, with ?v=<content hash> when busting."""
        if not self.options.cache_busting:
            return name
        return f"{name}?v={hashlib.sha256(self.files[name]).hexdigest()[:8]}"

    def write(self, directory: Path, skip: frozenset[str] = frozenset()) -> list[Path]:
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for name, data in self.files.items():
            if name not in skip:
                (directory / name).write_bytes(data)
                written.append(directory / name)
        return written


@dataclass
class Generated:
    """What `generate` returns: the set, its source, whether it came from the cache, and how long."""

    iconset: IconSet
    source: Path
    cached: bool
    seconds: float


def generate(
    path: Path, options: Options, cache_dir: Path | None, *, discovered: bool = False
) -> Generated:
    """The icon set for a source image: from the cache when it holds it, else built and stored.

    Notes on the source (too small) are warnings, or INFO for a source the plugin `discovered`
    by itself: zero-config never turns a green `--strict` build red.
    """
    started = time.perf_counter()
    data = read_bytes(path)
    dark_path = Path(options.dark_source) if options.dark_source else None
    dark_data = read_bytes(dark_path, "dark_source") if dark_path else b""
    key = hashlib.sha256(
        b"\0".join((data, dark_data, options.key().encode(), __version__.encode(), POLICY.encode()))
    ).hexdigest()
    cache = None
    if cache_dir:
        from .cache import Cache  # zipfile and tempfile: 5 ms that --no-cache runs skip

        cache = Cache(cache_dir)
    stored = cache.get(key) if cache else None
    if stored is not None:
        files, meta = stored
        iconset = IconSet(
            options,
            bool(meta["svg_source"]),
            str(meta["theme_color"]),
            files,
            str(meta.get("background_color") or options.background_color or WHITE),
            [str(note) for note in meta.get("option_notes", [])],  # type: ignore[attr-defined]
        )
        notes = [str(note) for note in meta.get("notes", [])]  # type: ignore[attr-defined]
    else:
        source = load(path)
        dark = load(dark_path, "dark_source") if dark_path else None
        iconset, notes = build(source, options, dark), source.notes
        if cache:
            meta = {
                "svg_source": iconset.svg_source,
                "theme_color": iconset.theme_color,
                "background_color": iconset.background_color,
                "option_notes": iconset.option_notes,
            }
            cache.put(key, iconset.files, {**meta, "notes": notes})
    for note in notes:  # repeated on cache hits, so `--strict` fails every time
        if discovered:
            log.info(note)
        else:
            log.warning(note)
    for note in iconset.option_notes:
        log.warning(note)
    return Generated(iconset, path, stored is not None, time.perf_counter() - started)


def build(source: Source, options: Options, dark: Source | None = None) -> IconSet:
    """Render, optimize and pack every file the preset lists."""
    from concurrent.futures import ThreadPoolExecutor

    # Imported here: a cached build needs none of the drawing code.
    from . import ico, manifest, render, visibility

    dark_svg = _dark_svg(source, dark)
    selection = IconSelection(options.preset, source.is_svg)
    icons = selection.icons
    # One job per bitmap (each ICO entry too), largest first, so the workers finish together.
    jobs = sorted(
        ((icon, size) for icon in icons for size in icon.ico_sizes or (0,)),
        key=lambda job: job[1] ** 2 or job[0].width * job[0].height,
        reverse=True,
    )
    drawing = render.Renderer(source)  # this build's render cache, shared by the workers
    with ThreadPoolExecutor(WORKERS) as pool:
        colour = None if options.theme_color else pool.submit(drawing.dominant_color)

        def theme_color() -> str:
            return colour.result() if colour else options.theme_color

        look = visibility.plan(
            drawing.artwork(visibility.MEASURE_SIZE),
            source.svg,
            options.background_color,
            theme_color,
            options.auto_dark,
        )
        bitmaps = pool.map(
            lambda job: _make(drawing, job[0], job[1], options, dark_svg, look), jobs
        )
        made = dict(zip(jobs, bitmaps, strict=True))
    iconset = IconSet(
        options,
        source.is_svg,
        theme_color(),
        background_color=look.background.colour,
        option_notes=[look.background.note] if look.background.note else [],  # cached with it
    )
    for icon in icons:
        iconset.files[icon.name] = (
            ico.pack_pngs([made[icon, size] for size in icon.ico_sizes])
            if icon.ico_sizes
            else made[icon, 0]
        )
    href = iconset.href
    if selection.has_manifest:
        iconset.files[MANIFEST_NAME] = manifest.webmanifest(
            icons, options, iconset.theme_color, iconset.background_color, href
        )
    if selection.has_browserconfig:
        iconset.files[BROWSERCONFIG_NAME] = manifest.browserconfig(
            icons, options, iconset.theme_color, href
        )
    return iconset


def _dark_svg(source: Source, dark: Source | None) -> svg.Svg | None:
    """The dark artwork, which only the SVG favicon can switch to."""
    if dark is None:
        return None
    if dark.svg is None:
        raise FaviconError(f"dark_source {dark.path} is not an SVG; export the dark logo as SVG")
    if source.svg is None:
        raise FaviconError(
            f"dark_source needs an SVG source, but {source.path} is a bitmap; use an SVG source "
            "or remove dark_source"
        )
    return dark.svg


def _make(
    drawing: render.Renderer,
    icon: Icon,
    ico_size: int,
    options: Options,
    dark: svg.Svg | None,
    look: visibility.Look,
) -> bytes:
    """One file, or with `ico_size` one PNG entry of an ICO."""
    from . import svg, visibility

    source = drawing.source
    if icon.purpose is Purpose.SVG:
        assert source.svg is not None
        if dark is None and not options.dark_mode and look.variant is not None:
            variant = look.variant  # dark_source and dark_mode win over the automatic variant
            return svg.with_dark_mode(variant.default, variant.dark).encode("utf-8")
        return svg.with_dark_mode(source.svg, dark, options.dark_mode).encode("utf-8")
    if icon.purpose is Purpose.MASK:
        assert source.svg is not None
        return svg.silhouette(source.svg).encode("utf-8")
    if ico_size or icon.rel == "icon" and icon.purpose is Purpose.ANY:
        size = ico_size or icon.width  # a tab icon: it cannot switch with the colour scheme
        if look.halo:
            art = drawing.artwork(visibility.halo_art_size(size))
            return png_bytes(visibility.with_halo(art, size, look.halo))
        return png_bytes(drawing.artwork(size))
    return png_bytes(drawing.render(icon, look.background.colour))


def png_bytes(image: Image) -> bytes:
    """A small lossless PNG: the pixels stored uncompressed, then compressed once by oxipng.

    Measured on this project's logos (benchmarks/generate.py), oxipng's presets cost 150-360 ms
    for the minimal set at level 2 and hold the GIL; the options below cost 30-50 ms and land
    within 3-5% of level 2's bytes. Palette-reduced icons (most logos) compress best unfiltered;
    small truecolour ones gain from MinSum, which is cheap at their size.
    """
    import oxipng

    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA")
    filters = [oxipng.RowFilter.NoOp]
    if image.width * image.height <= SMALL_PIXELS:
        filters.append(oxipng.RowFilter.MinSum)
    return bytes(
        oxipng.optimize_from_memory(
            stored_png(image),
            level=OXIPNG_LEVEL,
            filter=filters,
            deflate=oxipng.Deflaters.libdeflater(DEFLATE_LEVEL),
        )
    )


def stored_png(image: Image) -> bytes:
    """An RGB/RGBA image as an uncompressed PNG with no metadata: oxipng's fastest way in.

    Its raw-pixel constructor copies byte by byte (10 ms per 512 px) and Pillow's encoder
    filters and deflates even at level 0; this is a few memory copies.
    """
    width, height = image.size
    stride = width * len(image.mode)
    pixels = image.tobytes()
    rows = b"".join(b"\0" + pixels[row : row + stride] for row in range(0, len(pixels), stride))
    header = struct.pack(">IIBBBBB", width, height, 8, 6 if image.mode == "RGBA" else 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        _chunk(kind, data)
        for kind, data in ((b"IHDR", header), (b"IDAT", zlib.compress(rows, 0)), (b"IEND", b""))
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
