"""Building every file of a preset: icons in parallel, PNGs optimized, ICOs packed."""

from __future__ import annotations

import hashlib
import io
import struct
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, manifest, render, svg
from .cache import Cache
from .errors import FaviconError, log
from .options import Options
from .presets import BROWSERCONFIG_NAME, MANIFEST_NAME, Icon, Purpose, icons_for
from .source import Source, load, read_bytes

if TYPE_CHECKING:
    from PIL.Image import Image

OXIPNG_LEVEL = 2  # the level that pays for itself (benchmarks/generate.py)
WORKERS = 4


@dataclass
class IconSet:
    """The generated files by name, and what the tags need to declare them."""

    options: Options
    svg_source: bool
    theme_color: str
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def icons(self) -> tuple[Icon, ...]:
        return icons_for(self.options.preset, self.svg_source)

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
class Result:
    iconset: IconSet
    source: Path
    cached: bool
    seconds: float


def generate(path: Path, options: Options, cache_dir: Path | None) -> Result:
    """The icon set for a source image: from the cache when it holds it, else built and stored."""
    started = time.perf_counter()
    data = read_bytes(path)
    dark_path = Path(options.dark_source) if options.dark_source else None
    dark_data = read_bytes(dark_path, "dark_source") if dark_path else b""
    key = hashlib.sha256(
        b"\0".join((data, dark_data, options.key().encode(), __version__.encode()))
    ).hexdigest()
    cache = Cache(cache_dir) if cache_dir else None
    stored = cache.get(key) if cache else None
    if stored is not None:
        files, meta = stored
        iconset = IconSet(options, bool(meta["svg_source"]), str(meta["theme_color"]), files)
        notes = [str(note) for note in meta.get("notes", [])]  # type: ignore[attr-defined]
    else:
        source = load(path)
        dark = load(dark_path, "dark_source") if dark_path else None
        iconset, notes = build(source, options, dark), source.notes
        if cache:
            meta = {"svg_source": iconset.svg_source, "theme_color": iconset.theme_color}
            cache.put(key, iconset.files, {**meta, "notes": notes})
    for note in notes:  # repeated on cache hits, so `--strict` fails every time
        log.warning(note)
    return Result(iconset, path, stored is not None, time.perf_counter() - started)


def build(source: Source, options: Options, dark: Source | None = None) -> IconSet:
    """Render, optimize and pack every file the preset lists."""
    dark_svg = _dark_svg(source, dark)
    theme_color = options.theme_color or render.dominant_color(source)
    iconset = IconSet(options, source.is_svg, theme_color)
    icons = iconset.icons
    with ThreadPoolExecutor(WORKERS) as pool:
        blobs = pool.map(lambda icon: _make(source, icon, options, dark_svg), icons)
        iconset.files = {icon.name: blob for icon, blob in zip(icons, blobs)}
    href = iconset.href
    if any(icon.manifest for icon in icons):
        iconset.files[MANIFEST_NAME] = manifest.webmanifest(icons, options, theme_color, href)
    if any(icon.tile for icon in icons):
        iconset.files[BROWSERCONFIG_NAME] = manifest.browserconfig(icons, options, theme_color, href)
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


def _make(source: Source, icon: Icon, options: Options, dark: svg.Svg | None) -> bytes:
    if icon.purpose is Purpose.SVG:
        assert source.svg is not None
        return svg.with_dark_mode(source.svg, dark, options.dark_mode).encode("utf-8")
    if icon.purpose is Purpose.MASK:
        assert source.svg is not None
        return svg.silhouette(source.svg).encode("utf-8")
    if icon.purpose is Purpose.ICO:
        return pack_ico([png_bytes(render.artwork(source, size)) for size in icon.ico_sizes])
    return png_bytes(render.render(source, icon, options.background_color))


def png_bytes(image: Image) -> bytes:
    """A small lossless PNG: fast zlib from Pillow, then oxipng."""
    import oxipng

    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return bytes(
        oxipng.optimize_from_memory(
            buffer.getvalue(), level=OXIPNG_LEVEL, strip=oxipng.StripChunks.safe()
        )
    )


def pack_ico(pngs: list[bytes]) -> bytes:
    """An ICO whose entries are PNG-compressed, in the order given (largest first)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, payload = [], []
    for png in pngs:
        width, height = struct.unpack(">II", png[16:24])
        entries.append(
            struct.pack(
                "<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), offset
            )
        )
        payload.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(payload)
