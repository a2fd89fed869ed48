"""`site.webmanifest` and `browserconfig.xml`, written from the icon table."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape  # not xml.sax.saxutils: it imports urllib.request, 25 ms at startup

from .options import Options
from .presets import TILE_IMAGE, Icon, Purpose

# Maps a file name to the URL written for it (adds ?v=hash when cache busting).
Href = Callable[[str], str]


def webmanifest(
    icons: tuple[Icon, ...], options: Options, theme_color: str, background_color: str, href: Href
) -> bytes:
    """The web app manifest. Icon `src` is relative to the manifest, which lives at the root."""
    root = options.root_path or "./"
    data = {
        "name": options.app_name,
        "short_name": options.resolved_short_name,
        "icons": [
            {
                "src": href(icon.name),
                "sizes": icon.pixel_sizes,
                "type": icon.mime,
                "purpose": "maskable" if icon.purpose is Purpose.MASKABLE else "any",
            }
            for icon in icons
            if icon.manifest
        ],
        "start_url": root,
        "scope": root,
        "display": "standalone",
        "theme_color": theme_color,
        "background_color": background_color,
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def browserconfig(icons: tuple[Icon, ...], options: Options, theme_color: str, href: Href) -> bytes:
    """Windows tiles. Paths start at the site root when it is known, else are relative."""
    tiles = "".join(
        f'<{icon.tile} src="{escape(options.root_path + href(icon.name))}"/>'
        for icon in icons
        if icon.tile
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<browserconfig><msapplication><tile>{tiles}"
        f"<TileColor>{escape(theme_color, quote=False)}</TileColor>"
        "</tile></msapplication></browserconfig>\n"
    )
    return xml.encode("utf-8")


def tile_image(icons: tuple[Icon, ...]) -> Icon | None:
    return next((icon for icon in icons if icon.name == TILE_IMAGE), None)
