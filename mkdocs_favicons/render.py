"""One bitmap for one icon: rendering or resizing, padding, background and safe zone."""

from __future__ import annotations

import io
import math
import threading
from typing import TYPE_CHECKING

from .presets import Icon, Purpose
from .source import MAX_UPSCALE, Source

if TYPE_CHECKING:
    from PIL.Image import Image

TOUCH_SCALE = 0.8  # the apple-touch artwork keeps a 10% margin inside iOS' rounded mask
TILE_SCALE = 0.6  # Windows draws tiles with their own padding around the logo
SAFE_ZONE = 0.4  # maskable: the artwork stays inside a circle of radius 0.4 × size
MASKABLE_MARGIN = 0.95  # stay a little inside that circle, for rounding
RADIUS_SIZE = 128  # the drawing the artwork's reach is measured on


class Renderer:
    """Draws one source's bitmaps, each once: the render cache a build owns, kept outside the
    `Source` value.

    The full preset asks for 16, 32 and 128 twice, and the theme colour, the visibility plan and
    the safe-zone measure reuse what the icons draw. Worker threads share one renderer: a lock
    per size makes a second request wait for the first drawing instead of drawing it again.
    Callers must not modify the images it returns.
    """

    def __init__(self, source: Source) -> None:
        self.source = source
        self._lock = threading.Lock()  # guards the dictionaries below, never held while drawing
        self._size_locks: dict[int, threading.Lock] = {}
        self._artworks: dict[int, Image] = {}
        self._premultiplied: Image | None = None
        self._premultiply_lock = threading.Lock()
        self._radius: float | None = None
        self._radius_lock = threading.Lock()

    def artwork(self, size: int) -> Image:
        """The source as a transparent `size`×`size` square, edge to edge."""
        with self._lock:
            drawn = self._artworks.get(size)
            size_lock = self._size_locks.setdefault(size, threading.Lock())
        if drawn is not None:
            return drawn
        with size_lock:
            with self._lock:
                drawn = self._artworks.get(size)
            if drawn is None:
                drawn = self._draw(size)
                with self._lock:
                    self._artworks[size] = drawn
        return drawn

    def _draw(self, size: int) -> Image:
        from PIL import Image as PILImage

        source = self.source
        if source.svg is not None:
            import resvg_py

            png = resvg_py.svg_to_bytes(
                svg_string=source.svg.drawing,
                width=size,
                height=size,
                skip_system_fonts=not source.svg.has_text,
            )
            image = _decode_png(bytes(png))
            return image if image.mode == "RGBA" else image.convert("RGBA")
        raster = source.raster
        assert raster is not None
        if size > raster.width * MAX_UPSCALE:  # a small bitmap: centred, not blown up into a blur
            largest = raster.width * MAX_UPSCALE
            canvas = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
            canvas.alpha_composite(self.artwork(largest), ((size - largest) // 2,) * 2)
            return canvas
        if raster.size == (size, size) or raster.mode != "RGBA":
            return raster.resize((size, size), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        # Exactly what Image.resize does for RGBA (resample premultiplied, then convert back),
        # but the full-size master is premultiplied once per source instead of once per size.
        resized = self._premultiplied_master(raster).resize(
            (size, size), PILImage.Resampling.LANCZOS, reducing_gap=3.0
        )
        return resized.convert("RGBA")

    def _premultiplied_master(self, raster: Image) -> Image:
        with self._premultiply_lock:
            if self._premultiplied is None:
                self._premultiplied = raster.convert("RGBa")
            return self._premultiplied

    def render(self, icon: Icon, background: str) -> Image:
        """The bitmap for one table entry (not ICO or SVG entries; see iconset)."""
        if icon.purpose is Purpose.TOUCH:
            return self._on_canvas(icon, round(icon.width * TOUCH_SCALE), background)
        if icon.purpose is Purpose.MASKABLE:
            scale = min(TOUCH_SCALE, SAFE_ZONE * MASKABLE_MARGIN / self.artwork_radius())
            return self._on_canvas(icon, math.floor(icon.width * scale), background)
        if icon.purpose is Purpose.TILE:
            return self._on_canvas(icon, round(min(icon.width, icon.height) * TILE_SCALE), None)
        return self.artwork(icon.width)

    def _on_canvas(self, icon: Icon, art_size: int, background: str | None) -> Image:
        """Centre the artwork on a canvas: opaque `background`, or transparent when None."""
        from PIL import Image as PILImage
        from PIL import ImageColor

        fill = ImageColor.getrgb(background) if background else (0, 0, 0, 0)
        alpha = 255 if background else 0
        canvas = PILImage.new("RGBA", (icon.width, icon.height), (*fill[:3], alpha))
        art = self.artwork(art_size)
        canvas.alpha_composite(art, ((icon.width - art_size) // 2, (icon.height - art_size) // 2))
        return canvas.convert("RGB") if background else canvas

    def artwork_radius(self) -> float:
        """How far the visible artwork reaches from the centre, as a fraction of the side."""
        with self._radius_lock:
            if self._radius is None:
                self._radius = _measure_radius(self.artwork(RADIUS_SIZE))
            return self._radius

    def dominant_color(self) -> str:
        """A theme colour from the artwork (`dominant_color` of its 64 px drawing)."""
        return dominant_color(self.artwork(64))


def _decode_png(data: bytes) -> Image:
    # The PNG decoder directly: Image.open would first import five other format plugins (5 ms).
    from PIL import PngImagePlugin

    image = PngImagePlugin.PngImageFile(io.BytesIO(data))
    image.load()
    return image


def _measure_radius(art: Image) -> float:
    from PIL import Image as PILImage
    from PIL import ImageChops, ImageDraw

    size = art.width
    alpha = art.getchannel("A").point(lambda a: 255 if a > 16 else 0)
    if alpha.getbbox() is None:
        return 0.5
    low, high = 0.0, math.sqrt(0.5)
    for _ in range(10):  # binary search for the smallest circle holding every visible pixel
        middle = (low + high) / 2
        outside = PILImage.new("L", (size, size), 255)
        radius = middle * size
        ImageDraw.Draw(outside).ellipse(
            (size / 2 - radius, size / 2 - radius, size / 2 + radius, size / 2 + radius), fill=0
        )
        if ImageChops.multiply(alpha, outside).getbbox() is None:
            high = middle
        else:
            low = middle
    return max(high, 1 / size)


def dominant_color(art: Image) -> str:
    """A theme colour from an artwork: its most common clearly coloured pixel, as #rrggbb.

    Opaque enough pixels (alpha >= 200) fall into buckets of 16 levels per channel; the fullest
    bucket whose channels differ by more than 32 wins (the fullest of all when none does, the
    first seen on ties), and its real pixels are averaged so a flat logo gets its exact colour.
    """
    raw = art.tobytes()
    buckets: dict[tuple[int, int, int], list[int]] = {}  # pixel count and channel sums
    for r, g, b, a in zip(raw[0::4], raw[1::4], raw[2::4], raw[3::4], strict=True):
        if a >= 200:
            totals = buckets.get((r >> 4, g >> 4, b >> 4))
            if totals is None:
                buckets[r >> 4, g >> 4, b >> 4] = [1, r, g, b]
            else:
                totals[0] += 1
                totals[1] += r
                totals[2] += g
                totals[3] += b
    if not buckets:
        return "#ffffff"
    colourful = [totals for key, totals in buckets.items() if max(key) - min(key) > 2]
    count, *sums = max(colourful or buckets.values(), key=lambda totals: totals[0])
    r, g, b = (round(total / count) for total in sums)
    return f"#{r:02x}{g:02x}{b:02x}"
