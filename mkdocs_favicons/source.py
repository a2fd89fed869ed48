"""Finding and loading the one source image: raster or SVG, validated and decoded once.

Decoding is defensive: the pixel count is checked from the header before any pixels are
allocated, JPEGs decode at reduced scale (`draft`), large rasters are `reduce`d right after
decoding, and only one full-size copy ever exists.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FaviconError, log

if TYPE_CHECKING:
    from PIL.Image import Image

    from . import svg as svg_module

# Where a zero-config site keeps its logo, relative to docs_dir and to theme.custom_dir. Every
# match is a candidate; `discover` ranks them (vector, then pixels, then name), not this order.
SEARCH_PATTERNS = (
    "favicon.*",
    "logo.*",
    "img/favicon.*",  # MkDocs documents docs/img/favicon.ico
    "img/logo.*",
    "assets/favicon.*",
    "assets/logo.*",
    "assets/images/favicon.*",
    "assets/images/logo.*",
)
RASTER_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "GIF": "GIF", "ICO": "ICO"}
# Phone cameras write JPEGs with extra pictures appended (MPO); Pillow names them so.
JPEG_FORMATS = ("JPEG", "MPO")
IMAGE_SUFFIXES = (".svg", ".svgz", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico")
MAX_PIXELS = 10_000 * 10_000  # ~400 MB as RGBA; larger is refused from the header alone
MASTER_SIZE = 1024  # rasters are kept at most this large: twice the largest icon
# A bitmap is drawn at most this many times its own pixels: a 144 px logo makes sharp-enough
# 192 and 288 px artwork; a 512 px icon shows it at 288 px, centred, rather than a blur.
MAX_UPSCALE = 2
RECOMMENDED_SIZE = 512
ICO_MAX_SIZE = 256
MAX_SVG_BYTES = 10 * 1024 * 1024


@dataclass
class Source:
    """A validated source image: a sanitized square SVG, or a square RGBA master bitmap.

    A value: drawing it is `render.Renderer`'s job, which keeps its own cache."""

    path: Path
    data: bytes
    svg: svg_module.Svg | None = None
    raster: Image | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def is_svg(self) -> bool:
        return self.svg is not None


@dataclass(frozen=True)
class Discovered:
    """The image zero-config chose, and why, for the build's INFO line."""

    path: Path
    reason: str


@dataclass(frozen=True)
class _Candidate:
    path: Path
    pixels: int  # the longer side; 0 for SVG (vector: any size)
    order: int  # where it was found, for a stable tie-break

    @property
    def is_vector(self) -> bool:
        return self.path.suffix.lower() in (".svg", ".svgz")

    @property
    def says_icon(self) -> bool:
        return "icon" in self.path.stem.lower()  # favicon, icon, touch-icon

    def rank(self) -> tuple[bool, int, bool, int]:
        return (not self.is_vector, -self.pixels, not self.says_icon, self.order)


def material_logo_icon(theme_name: str | None, icons: object, theme_dirs: list[str]) -> Path | None:
    """The SVG of Material's `theme.icon.logo` (`material/library`), found as Material finds
    it: `.icons/NAME.svg` in the theme's folders, custom_dir first; None when not set."""
    name = icons.get("logo") if theme_name == "material" and isinstance(icons, dict) else None
    if not isinstance(name, str) or not name or ".." in name:
        return None
    paths = (Path(folder, ".icons", f"{name}.svg") for folder in theme_dirs)
    return next((path for path in paths if path.is_file()), None)


def discover(
    folders: tuple[Path, ...],
    theme_images: tuple[str | None, ...] = (),
    logo_icon: Path | None = None,
) -> Discovered:
    """The best source image in `folders` (docs_dir, then theme.custom_dir), or fail naming
    where we looked.

    Candidates are the `SEARCH_PATTERNS` matches and the theme's `logo`/`favicon` files. Vector
    beats raster, then more pixels, then a name that says favicon/icon over logo. `logo_icon`
    (the SVG of Material's `theme.icon.logo`, the header's logo when no image is set) serves
    only when no image is found.
    """
    paths: list[Path] = []
    for folder in folders:
        for pattern in SEARCH_PATTERNS:
            paths += sorted(folder.glob(pattern))
        for image in theme_images:  # a URL or an icon name is not a file here
            if image and "://" not in image:
                paths.append(folder / image.lstrip("/"))  # `/img/logo.png`: from the site root
    candidates: list[_Candidate] = []
    seen: set[Path] = set()
    for order, path in enumerate(paths):
        if path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file() or path in seen:
            continue
        seen.add(path)
        pixels = 0 if path.suffix.lower() in (".svg", ".svgz") else _pixels(path)
        if pixels >= 0:  # -1: not a readable image; a broken extra file must not stop a build
            candidates.append(_Candidate(path, pixels, order))
    if not candidates and logo_icon is not None:
        return Discovered(logo_icon, "theme.icon.logo, the site's only logo")
    if not candidates:
        searched = ", ".join(SEARCH_PATTERNS)
        where = " and ".join(str(folder) for folder in folders)
        raise FaviconError(
            f"no source image found in {where} (searched {searched}, theme.logo and "
            "theme.favicon); add an SVG or a 512 px+ PNG there, or set the plugin's source "
            "option in mkdocs.yml (such as source: docs/assets/logo.svg)"
        )
    ranked = sorted(candidates, key=_Candidate.rank)
    best, others = ranked[0], ranked[1:]
    return Discovered(best.path, _reason(best, others))


def _reason(best: _Candidate, others: list[_Candidate]) -> str:
    if not others:
        return "the only image found"
    runner_up = others[0]
    what = "an SVG" if best.is_vector else f"{best.pixels} px"
    if best.is_vector != runner_up.is_vector:
        why = "vector beats bitmaps"
    elif best.pixels != runner_up.pixels:
        why = "the largest bitmap"
    elif best.says_icon != runner_up.says_icon:
        why = "its name says icon"
    else:
        why = "found first"
    return f"{what}, {why}, of {len(others) + 1} images found"


def _pixels(path: Path) -> int:
    """The longer side of a bitmap from its header, or -1 when it is not a readable image."""
    from PIL import Image as PILImage

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as image:
                return int(max(image.size))
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError):
        return -1


def read_bytes(path: Path, what: str = "source") -> bytes:
    if not path.exists():
        raise FaviconError(f"{what} image {path} does not exist; check the path")
    if not path.is_file():
        raise FaviconError(f"{what} image {path} is a directory; point it at an image file")
    data = path.read_bytes()
    if not data:
        raise FaviconError(f"{what} image {path} is empty; export the image again")
    return data


def load(path: Path, what: str = "source") -> Source:
    """Read and validate a source image. Raises FaviconError with a one-line fix."""
    data = read_bytes(path, what)
    if _looks_like_svg(path, data):
        from . import svg as svg_module  # a cached build reads no source: imported on use

        svg = svg_module.load(_svg_text(path, data), str(path))
        notes = []
        if svg.embedded_rasters:
            notes.append(
                f"{path} embeds {svg.embedded_rasters} raster image(s): they are drawn into the "
                "PNG icons but left out of favicon.svg, which loads nothing; to get the same "
                "picture everywhere, draw them as vectors or use a PNG source"
            )
        return Source(path, data, svg=svg, notes=notes)
    source = Source(path, data)
    source.raster = _load_raster(path, data, source.notes)
    return source


def _looks_like_svg(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in (".svg", ".svgz"):
        return True
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:4096])


def _svg_text(path: Path, data: bytes) -> str:
    if data[:2] == b"\x1f\x8b":
        import gzip  # .svgz only: 2 ms a cached build need not pay

        try:
            with gzip.GzipFile(fileobj=BytesIO(data)) as stream:
                data = stream.read(MAX_SVG_BYTES + 1)
        except OSError:
            raise FaviconError(f"{path}: corrupt gzip data; export the SVG again") from None
    if len(data) > MAX_SVG_BYTES:
        raise FaviconError(f"{path}: SVG larger than 10 MB; simplify it or export a PNG")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FaviconError(f"{path}: the SVG is not UTF-8 text; save it as UTF-8") from None


def _load_raster(path: Path, data: bytes, notes: list[str]) -> Image:
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns from ~89 Mpx; MAX_PIXELS below is our limit and names the size.
            # Past twice its limit Pillow raises DecompressionBombError, caught here.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            image = PILImage.open(BytesIO(data))
    except PILImage.DecompressionBombError:
        raise FaviconError(_too_large(path)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise FaviconError(
            f"{path}: not a readable image; use an SVG, PNG, JPEG, WebP, GIF or ICO file"
        ) from None
    if image.format not in RASTER_FORMATS and image.format not in JPEG_FORMATS:
        raise FaviconError(
            f"{path}: {image.format} images are not supported; convert it to SVG or PNG"
        )
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise FaviconError(_too_large(path, width, height))
    if getattr(image, "n_frames", 1) > 1 and image.format not in JPEG_FORMATS:
        log.info(f"{path.name} is animated; using its first frame")
    try:
        return _decode(image, path, notes)
    except (OSError, SyntaxError, ValueError) as error:
        raise FaviconError(
            f"{path}: the image data is truncated or corrupt ({error}); export it again"
        ) from None


def _too_large(path: Path, width: int = 0, height: int = 0) -> str:
    size = f" ({width}×{height})" if width else ""
    return (
        f"{path}: the image is too large{size}; the limit is 10000×10000 pixels, and "
        "icons need no more than 1024 px: scale it down"
    )


def _decode(image: Image, path: Path, notes: list[str]) -> Image:
    from PIL.Image import Transpose

    orientation = image.getexif().get(0x0112, 1) if image.format in (*JPEG_FORMATS, "WEBP") else 1
    icc_profile = image.info.get("icc_profile")
    image_format = image.format
    if image.format in JPEG_FORMATS:
        image.draft(image.mode, (MASTER_SIZE, MASTER_SIZE))  # decode at 1/2, 1/4 or 1/8 scale
    image.load()
    original = max(image.size)
    factor = max(image.size) // MASTER_SIZE
    if factor >= 2:
        image = image.reduce(factor)
    image = _to_rgba(image, icc_profile)
    transpose = {
        2: Transpose.FLIP_LEFT_RIGHT,
        3: Transpose.ROTATE_180,
        4: Transpose.FLIP_TOP_BOTTOM,
        5: Transpose.TRANSPOSE,
        6: Transpose.ROTATE_270,
        7: Transpose.TRANSVERSE,
        8: Transpose.ROTATE_90,
    }.get(orientation)
    if transpose is not None:  # EXIF orientation, applied after reducing so no full-size copy
        image = image.transpose(transpose)
    # 256 px is the largest an ICO can hold, so a full-size ICO is as good as that format gets.
    if original < (ICO_MAX_SIZE if image_format == "ICO" else RECOMMENDED_SIZE):
        largest = original * MAX_UPSCALE
        effect = (
            "the 512 px icons are enlarged from it and look soft"
            if largest >= RECOMMENDED_SIZE
            else f"icons larger than {largest} px show it at {largest} px, centred"
        )
        notes.append(
            f"{path} is only {original} px: {effect}. An SVG or a PNG of at least 512×512 "
            "would make them sharp and full"
        )
    return _pad_to_square(image)


def _to_rgba(image: Image, icc_profile: bytes | None) -> Image:
    from PIL import ImageCms

    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # 16-bit greyscale: scale to 8 bits instead of clipping at 255.
        image = image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if image.mode == "CMYK" and icc_profile:
        try:
            source_profile = ImageCms.ImageCmsProfile(BytesIO(icc_profile))
            converted = ImageCms.profileToProfile(
                image, source_profile, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
            image = converted if converted is not None else image.convert("RGB")
        except (ImageCms.PyCMSError, OSError):
            image = image.convert("RGB")
    if image.mode != "RGBA":
        image = image.convert("RGBA")
    return image


def _pad_to_square(image: Image) -> Image:
    """Centre a non-square image on a transparent square."""
    from PIL import Image as PILImage

    width, height = image.size
    if width == height:
        return image
    side = max(width, height)
    canvas = PILImage.new("RGBA", (side, side), (0, 0, 0, 0))
    canvas.paste(image, ((side - width) // 2, (side - height) // 2))
    return canvas
