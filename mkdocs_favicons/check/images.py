"""What a file really is, judged from its bytes: format, pixel size, ICO entries, opacity."""

from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..ico import IcoProblem, IcoRecord, read_directory
from ..render import SAFE_ZONE

if TYPE_CHECKING:
    from PIL.Image import Image

MIME_FORMATS = {
    "image/png": "png",
    "image/x-icon": "ico",
    "image/vnd.microsoft.icon": "ico",
    "image/ico": "ico",
    "image/svg+xml": "svg",
    "image/jpeg": "jpeg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/bmp": "bmp",
    "image/avif": "avif",
}
EXTENSION_FORMATS = {
    "png": "png",
    "ico": "ico",
    "svg": "svg",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "gif": "gif",
    "webp": "webp",
    "bmp": "bmp",
    "avif": "avif",
}
SAFE_ZONE_TOLERANCE = 1.0  # pixels beyond the circle allowed for anti-aliasing
COLOUR_TOLERANCE = 32  # channel difference that counts as artwork against the background


def sniff(data: bytes) -> str:
    """The real format from magic bytes, or "" when it is none of the icon formats."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"\x00\x00\x01\x00":
        return "ico"
    if data[:4] == b"\x00\x00\x02\x00":
        return "cur"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:2] == b"BM":
        return "bmp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return "avif"
    text = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<") and b"<svg" in text:
        return "svg"
    return ""


def extension_format(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return EXTENSION_FORMATS.get(name.rsplit(".", 1)[-1].lower(), "") if "." in name else ""


def parse_sizes(value: str) -> tuple[set[tuple[int, int]], bool, list[str]]:
    """`sizes` as pixel pairs, whether it says `any`, and the tokens that are neither."""
    pairs, bad, has_any = set(), [], False
    for token in value.lower().split():
        width, _, height = token.partition("x")
        if token == "any":
            has_any = True
        elif width.isdigit() and height.isdigit():
            pairs.add((int(width), int(height)))
        else:
            bad.append(token)
    return pairs, has_any, bad


@dataclass
class IcoEntry:
    width: int
    height: int
    error: str  # empty when the entry decodes at its declared size


@dataclass
class Asset:
    """One file's bytes and everything the rules ask about them, computed once."""

    path: str
    data: bytes

    @cached_property
    def format(self) -> str:
        return sniff(self.data)

    @cached_property
    def size(self) -> tuple[int, int] | None:
        """Pixel size of a single-image raster; None for SVG, ICO or undecodable data."""
        if self.format == "png" and len(self.data) >= 24:
            width, height = struct.unpack(">II", self.data[16:24])
            return int(width), int(height)
        if self.format in ("", "svg", "ico", "cur"):
            return None
        try:
            from PIL import Image as PILImage

            with PILImage.open(io.BytesIO(self.data)) as image:
                return int(image.width), int(image.height)
        except Exception:
            return None

    @cached_property
    def image(self) -> Image | None:
        """The decoded RGBA bitmap of a raster, None when it does not decode."""
        if self.format in ("", "svg", "ico", "cur"):
            return None
        try:
            from PIL import Image as PILImage

            image = PILImage.open(io.BytesIO(self.data))
            image.load()
            return image.convert("RGBA")
        except Exception:
            return None

    @cached_property
    def ico_entries(self) -> list[IcoEntry]:
        return ico_entries(self.data)

    @property
    def sizes(self) -> set[tuple[int, int]]:
        """Every pixel size the file holds: one for a raster, each entry for an ICO."""
        if self.format == "ico":
            return {(e.width, e.height) for e in self.ico_entries if not e.error}
        return {self.size} if self.size else set()


def ico_entries(data: bytes) -> list[IcoEntry]:
    """Each entry of an ICO, decoded at its own directory offset; a failing one carries why."""
    records = read_directory(data)
    if isinstance(records, IcoProblem):
        return [IcoEntry(0, 0, records.message)]
    entries = []
    for record in records:
        width, height = record.width, record.height
        if not record.payload:
            entries.append(IcoEntry(width, height, "its data lies outside the file"))
            continue
        try:
            real = _decoded_size(record)
        except Exception as error:  # Pillow raises many types for corrupt data
            entries.append(IcoEntry(width, height, f"it does not decode ({error})"))
            continue
        error_text = "" if real == (width, height) else f"it decodes as {real[0]}x{real[1]}"
        entries.append(IcoEntry(width, height, error_text))
    return entries


def _decoded_size(record: IcoRecord) -> tuple[int, int]:
    """The real pixel size of one entry: alone in a one-entry ICO, Pillow decodes exactly it."""
    from PIL import Image as PILImage

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "not the expected size": the caller reports it
        with PILImage.open(io.BytesIO(record.as_single_ico()), formats=["ICO"]) as image:
            image.load()
            return int(image.width), int(image.height)


def is_opaque(image: Image) -> bool:
    alpha = image.getchannel("A").getextrema()
    return bool(alpha[0] == 255)


def outside_safe_zone(image: Image) -> bool:
    """Whether artwork (anything unlike the corner colour) lies outside the r=0.4×size circle."""
    from PIL import Image as PILImage
    from PIL import ImageChops, ImageDraw

    rgb = image.convert("RGB")
    width, height = rgb.size
    background = PILImage.new("RGB", rgb.size, rgb.getpixel((0, 0)))  # type: ignore[arg-type, unused-ignore]
    difference = ImageChops.difference(rgb, background).convert("L")
    differs = difference.point(lambda value: 255 if value > COLOUR_TOLERANCE else 0)
    outside = PILImage.new("L", rgb.size, 255)
    radius = SAFE_ZONE * min(width, height) + SAFE_ZONE_TOLERANCE
    centre_x, centre_y = width / 2, height / 2
    ImageDraw.Draw(outside).ellipse(
        (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius), fill=0
    )
    return ImageChops.multiply(differs, outside).getbbox() is not None
