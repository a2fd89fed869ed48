"""The engine's settings, shared by the MkDocs plugin and the CLI."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

from .errors import FaviconError
from .names import SHORT_NAME_LENGTH, shorten

__all__ = ["DARK_MODES", "SHORT_NAME_LENGTH", "WHITE", "Options", "check_color", "shorten"]

DARK_MODES = ("invert",)  # how svg.py may derive a dark favicon.svg without a dark_source
WHITE = "#ffffff"  # the default background: here so a cached build needs no drawing code


@dataclass(frozen=True)
class Options:
    """Everything that changes the generated files (and so the cache key)."""

    preset: str = "minimal"
    app_name: str = "Site"
    short_name: str = ""
    theme_color: str = ""  # empty: derived from the artwork
    background_color: str = ""  # empty: white, or what the artwork contrasts with
    root_path: str = ""  # the site root's URL path, such as "/sub/"; empty when unknown
    cache_busting: bool = False  # append ?v=<content hash> to every icon URL
    dark_source: str = ""  # an SVG for dark browser themes; its bytes, not its path, key the cache
    dark_mode: str = ""  # "invert": derive the dark favicon.svg when there is no dark_source
    dark_theme_color: str = ""  # a second theme-color meta for dark browser themes
    auto_dark: bool = True  # a scheme variant or halo for tab icons that would vanish

    @property
    def resolved_short_name(self) -> str:
        return self.short_name or shorten(self.app_name)

    def key(self) -> str:
        fields = asdict(self)
        fields["dark_source"] = bool(self.dark_source)  # a moved checkout still hits the cache
        return json.dumps(fields, sort_keys=True, ensure_ascii=False)


_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_FUNCTION = re.compile(
    r"^(?:rgb|rgba|hsl|hsla)\(\s*-?[0-9.]+%?(?:\s*[, ]\s*-?[0-9.]+%?){2}(?:\s*[,/]\s*[0-9.]+%?)?\s*\)$",
    re.I,
)


def check_color(value: str, option: str) -> str:
    """Return a valid CSS colour unchanged, or raise naming the option."""
    text = value.strip() if isinstance(value, str) else ""
    if _HEX.match(text):
        return text  # Pillow reads every hex form too; importing it costs 14 ms per build
    from PIL import ImageColor

    valid = bool(_FUNCTION.match(text) or text.isalpha())
    try:
        # Painted into the touch and maskable icons, so Pillow must read it too (it knows the
        # CSS names, but not `rgb(1 2 3)`, fractions or alpha in rgba()/hsla()).
        ImageColor.getrgb(text)
    except ValueError:
        valid = False
    if not valid:
        raise FaviconError(
            f"{option}: {value!r} is not a CSS colour; use a hex value such as '#3b5bdb'"
        )
    return text
