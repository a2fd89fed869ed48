"""The icon sets as one table of data.

Every other module reads this table: the generator makes exactly these files, the tag builder
writes their tags, the manifest lists them and the checker knows what to expect. A new size or
platform is one row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

PRESETS = ("minimal", "full", "single")


class Purpose(str, Enum):
    """How an icon is drawn."""

    ANY = "any"  # artwork edge to edge on transparency
    TOUCH = "touch"  # opaque background, artwork inset (iOS paints transparency black)
    MASKABLE = "maskable"  # opaque, artwork inside the central safe-zone circle
    TILE = "tile"  # Windows tile: transparent, artwork inset, TileColor behind it
    ICO = "ico"  # several sizes packed into one .ico
    SVG = "svg"  # the sanitized vector source
    MASK = "mask"  # Safari pinned-tab silhouette


@dataclass(frozen=True)
class Icon:
    """One generated icon file and everywhere it is declared."""

    name: str
    width: int = 0
    height: int = 0
    purpose: Purpose = Purpose.ANY
    presets: frozenset[str] = frozenset({"minimal", "full"})
    rel: str = ""  # the <link rel> that declares it in every page's head; empty: none
    manifest: bool = False  # listed in site.webmanifest
    tile: str = ""  # element name in browserconfig.xml
    ico_sizes: tuple[int, ...] = ()  # entries of an .ico, largest first
    declared_override: str = ""  # the tag's `sizes` when it must differ from the file's own
    svg_only: bool = False  # only made from an SVG source

    @property
    def declared_sizes(self) -> str:
        """The `sizes` attribute of its tag; none for vector icons."""
        if self.purpose in (Purpose.SVG, Purpose.MASK):
            return ""
        return self.declared_override or self.pixel_sizes

    @property
    def pixel_sizes(self) -> str:
        """The sizes the file holds, as `sizes` spells them: `16x16 32x32` for an ICO, `WxH`
        otherwise, empty for vectors. The manifest lists these."""
        if self.ico_sizes:
            return " ".join(f"{s}x{s}" for s in sorted(self.ico_sizes))
        return f"{self.width}x{self.height}" if self.width else ""

    @property
    def mime(self) -> str:
        if self.name.endswith(".svg"):
            return "image/svg+xml"
        if self.name.endswith(".ico"):
            return "image/x-icon"
        return "image/png"


def _square_icon(name: str, size: int, purpose: Purpose = Purpose.ANY, **kw: object) -> Icon:
    return Icon(name, size, size, purpose, **kw)  # type: ignore[arg-type]


_MODERN = frozenset({"minimal", "full"})
_FULL = frozenset({"full"})
_SINGLE = frozenset({"single"})

ICONS: tuple[Icon, ...] = (
    # The modern set (BRIEF §1), in the order the tags appear.
    _square_icon("favicon-96x96.png", 96, rel="icon"),
    Icon("favicon.svg", purpose=Purpose.SVG, rel="icon", svg_only=True),
    # Chromium takes an ICO declared without sizes (or with all three) for the tab over the
    # SVG; one declared size keeps the SVG first (Chromium 156, tests/test_browser.py).
    Icon(
        "favicon.ico",
        purpose=Purpose.ICO,
        rel="shortcut icon",
        ico_sizes=(48, 32, 16),
        declared_override="32x32",
    ),
    _square_icon("apple-touch-icon.png", 180, Purpose.TOUCH, rel="apple-touch-icon"),
    _square_icon("web-app-manifest-192x192.png", 192, manifest=True),
    _square_icon("web-app-manifest-512x512.png", 512, manifest=True),
    _square_icon("web-app-manifest-maskable-512x512.png", 512, Purpose.MASKABLE, manifest=True),
    # The legacy set a 2018 generator emitted.
    *(
        _square_icon(
            f"apple-touch-icon-{s}x{s}.png", s, Purpose.TOUCH, presets=_FULL, rel="apple-touch-icon"
        )
        for s in (57, 60, 72, 76, 114, 120, 144, 152)
    ),
    *(
        _square_icon(f"favicon-{s}x{s}.png", s, presets=_FULL, rel="icon")
        for s in (16, 32, 128, 196)
    ),
    _square_icon("mstile-70x70.png", 70, Purpose.TILE, presets=_FULL, tile="square70x70logo"),
    _square_icon("mstile-144x144.png", 144, Purpose.TILE, presets=_FULL),
    _square_icon("mstile-150x150.png", 150, Purpose.TILE, presets=_FULL, tile="square150x150logo"),
    Icon("mstile-310x150.png", 310, 150, Purpose.TILE, presets=_FULL, tile="wide310x150logo"),
    _square_icon("mstile-310x310.png", 310, Purpose.TILE, presets=_FULL, tile="square310x310logo"),
    Icon(
        "safari-pinned-tab.svg", purpose=Purpose.MASK, presets=_FULL, rel="mask-icon", svg_only=True
    ),
    # The old favicon.ico, modernized: one file, every size.
    Icon(
        "favicon.ico",
        purpose=Purpose.ICO,
        presets=_SINGLE,
        rel="icon",
        ico_sizes=(256, 128, 64, 48, 32, 16),
    ),
)

MANIFEST_NAME = "site.webmanifest"
BROWSERCONFIG_NAME = "browserconfig.xml"
TILE_IMAGE = "mstile-144x144.png"  # the msapplication-TileImage meta


@dataclass(frozen=True)
class IconSelection:
    """A preset's rows of the table for one kind of source: the one answer to what a set holds.

    Whether it has a manifest or a browserconfig.xml follows from its icons (a row listed in
    the manifest, a tile), so the generator, the tags, the preview and `inject` cannot disagree.
    """

    preset: str
    svg_source: bool

    def __post_init__(self) -> None:
        if self.preset not in PRESETS:
            raise ValueError(f"unknown preset {self.preset!r}; use one of {', '.join(PRESETS)}")

    @property
    def icons(self) -> tuple[Icon, ...]:
        """The icon files, in the order their tags appear."""
        return tuple(
            icon
            for icon in ICONS
            if self.preset in icon.presets and (self.svg_source or not icon.svg_only)
        )

    @property
    def has_manifest(self) -> bool:
        """Some icon is listed in site.webmanifest, so the set writes and declares one."""
        return any(icon.manifest for icon in self.icons)

    @property
    def has_browserconfig(self) -> bool:
        """Some icon is a Windows tile, so the set writes and declares browserconfig.xml."""
        return any(icon.tile for icon in self.icons)

    @property
    def data_files(self) -> list[str]:
        """The files that are not icons: the manifest and browserconfig.xml, when it has them."""
        return [MANIFEST_NAME] * self.has_manifest + [BROWSERCONFIG_NAME] * self.has_browserconfig

    @property
    def file_names(self) -> list[str]:
        """Every file the set writes: the icons, then its data files."""
        return [icon.name for icon in self.icons] + self.data_files


def icons_for(preset: str, svg_source: bool) -> tuple[Icon, ...]:
    """The icons a preset makes from a source of the given kind (shorthand for `IconSelection.icons`)."""
    return IconSelection(preset, svg_source).icons


def file_names(preset: str, svg_source: bool) -> list[str]:
    """Every file a preset writes (shorthand for `IconSelection.file_names`)."""
    return IconSelection(preset, svg_source).file_names


def selection_in(present: Callable[[str], bool]) -> IconSelection:
    """The selection a folder holds, from which of its files are `present`: the largest preset
    whose data files are all there (`single` has none), from an SVG source when one of the
    preset's SVG-only icons is there."""
    by_data_files = sorted(PRESETS, key=lambda preset: -len(IconSelection(preset, True).data_files))
    for preset in by_data_files:
        vector_icons = [icon.name for icon in IconSelection(preset, True).icons if icon.svg_only]
        selection = IconSelection(preset, any(present(name) for name in vector_icons))
        if all(present(name) for name in selection.data_files):
            return selection
    raise AssertionError("single has no data files, so it always matches")
