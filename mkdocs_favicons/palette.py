"""The theme colour a site's theme declares: Material for MkDocs' `theme.palette.primary`.

Material names its primary colours (`indigo`, `deep purple`, …); their hex values are the
`--md-primary-fg-color` of each `[data-md-color-primary=NAME]` rule in the installed package's
palette stylesheet, so they are read from there rather than copied. `custom` is Material's
documented way to bring your own: `--md-primary-fg-color` set in the site's `extra_css`. No
MkDocs imports: the plugin passes the theme's name, palette and stylesheets.
"""

from __future__ import annotations

import colorsys
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_PRIMARY = "indigo"  # what Material draws without a palette
_RULE = re.compile(
    r"\[data-md-color-primary=([a-z-]+)\]\{[^}]*?--md-primary-fg-color:\s*([^;}]+)", re.I
)
_HSLA = re.compile(r"hsla?\(\s*([^,]+),\s*([0-9.]+)%\s*,\s*([0-9.]+)%", re.I)
_HUE = re.compile(r"--md-hue:\s*([0-9.]+)")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")  # innermost rules: inside @media too
_PRIMARY = re.compile(r"--md-primary-fg-color\s*:\s*([^;}]+)", re.I)


@dataclass(frozen=True)
class ThemeColours:
    """The light and (when the palette has one) dark theme colour, and where they came from."""

    light: str
    dark: str  # "" when the site has one palette, or both palettes share the colour
    origin: str  # for the build's INFO line, such as "theme.palette.primary (indigo)"


def theme_colours(
    theme_name: str | None, palette: object, stylesheets: Sequence[Path] = ()
) -> ThemeColours | None:
    """The colours the theme declares; None when it declares none we can read.

    `stylesheets` are the site's own (`extra_css`), where a `custom` primary is defined.
    """
    if theme_name != "material":
        return None
    entries = [p for p in palette if isinstance(p, dict)] if isinstance(palette, list) else []
    if isinstance(palette, dict):
        entries = [palette]
    if not entries:
        entries = [{}]
    light = next((p for p in entries if _scheme(p) == "light"), entries[0])
    dark = next((p for p in entries if _scheme(p) == "dark"), None)
    custom: dict[str, str] = {}
    where = ""
    if any(_primary(entry)[0] == "custom" for entry in (light, dark) if entry is not None):
        custom, where = custom_primaries(stylesheets)
    light_name, light_hex = _primary(light, custom.get("light", ""))
    if not light_hex:
        return None  # `custom` without the CSS, or a name the installed Material does not know
    dark_name, dark_hex = (
        _primary(dark, custom.get("dark", custom.get("light", "")))
        if dark is not None
        else ("", "")
    )
    if dark_hex == light_hex:
        dark_hex = ""
    names = light_name + (f", dark: {dark_name}" if dark_hex else "")
    names += f": --md-primary-fg-color in {where}" if "custom" in names else ""
    return ThemeColours(light_hex, dark_hex, f"theme.palette.primary ({names})")


def custom_primaries(stylesheets: Sequence[Path]) -> tuple[dict[str, str], str]:
    """The `custom` primary colour per scheme (`light`, and `dark` from a rule naming `slate`)
    as the first `--md-primary-fg-color` the stylesheets set, and the file that set it.

    Material's documented form is `:root > * { --md-primary-fg-color: #ee0f0f; }`, which
    applies to both schemes unless a `[data-md-color-scheme="slate"]` rule overrides it.
    """
    found: dict[str, str] = {}
    where = ""
    for path in stylesheets:
        try:
            css = _CSS_COMMENT.sub("", path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # a missing or unreadable stylesheet is MkDocs' to report, not ours
        for selector, body in _CSS_RULE.findall(css):
            match = _PRIMARY.search(body)
            colour = _hex(match.group(1)) if match else ""
            scheme = "dark" if "slate" in selector.lower() else "light"
            if colour and scheme not in found:
                found[scheme] = colour
                where = where or str(path)
    return found, where


def _scheme(entry: dict[str, object]) -> str:
    """`light` or `dark` from an entry's media query, else from its Material scheme."""
    media = str(entry.get("media") or "").lower()
    if "dark" in media:
        return "dark"
    if "light" in media:
        return "light"
    if media:
        return ""  # `(prefers-color-scheme)`: the automatic entry of a three-way toggle
    return "dark" if str(entry.get("scheme") or "") == "slate" else "light"


def _primary(entry: dict[str, object], custom: str = "") -> tuple[str, str]:
    """An entry's primary colour name and hex value (`custom`: the site's own, if any)."""
    name = str(entry.get("primary") or DEFAULT_PRIMARY).strip().lower()
    if name == "custom":
        return name, custom
    return name, material_primaries().get(name.replace(" ", "-"), "")


@lru_cache(maxsize=1)
def material_primaries() -> dict[str, str]:
    """Material's primary colour names and their hex values, from the installed package."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return {}
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates/assets/stylesheets"
    css = "".join(path.read_text("utf-8") for path in sorted(folder.glob("*.css")))
    hue_match = _HUE.search(css)
    hue = float(hue_match.group(1)) if hue_match else 225.0
    return {
        name.lower(): colour
        for name, value in _RULE.findall(css)
        if (colour := _hex(value.replace("var(--md-hue)", f"{hue:g}")))
    }


def _hex(value: str) -> str:
    """A palette value as #rrggbb: hex as is, hsl()/hsla() converted; "" for anything else."""
    value = value.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{6}", value):
        return value
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        return "#" + "".join(2 * digit for digit in value[1:])
    match = _HSLA.match(value)
    if not match:
        return ""
    try:
        hue = float(match.group(1).removesuffix("deg")) / 360
    except ValueError:
        return ""
    saturation, lightness = float(match.group(2)) / 100, float(match.group(3)) / 100
    r, g, b = colorsys.hls_to_rgb(hue % 1, lightness, saturation)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
