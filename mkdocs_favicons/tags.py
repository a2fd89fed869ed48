"""The block of head tags for one URL prefix, built once per prefix."""

from __future__ import annotations

from html import escape

from .iconset import IconSet
from .manifest import tile_image
from .presets import BROWSERCONFIG_NAME, MANIFEST_NAME, Purpose

LIGHT_SCHEME = "(prefers-color-scheme: light)"
DARK_SCHEME = "(prefers-color-scheme: dark)"


def _attrs(**attributes: str) -> str:
    return "".join(
        f' {name.replace("_", "-")}="{escape(value, quote=True)}"'
        for name, value in attributes.items()
        if value
    )


def relative_prefix(page: str) -> str:
    """The relative URL prefix from a page's output path (`guide/index.html`) to the site root."""
    return "../" * page.count("/")


class TagBuilder:
    """Builds the tag block for a prefix (`""`, `"../"`, `"/sub/"`) and remembers it."""

    def __init__(self, iconset: IconSet) -> None:
        self.iconset = iconset
        self._blocks: dict[str, str] = {}

    def block(self, prefix: str) -> str:
        if prefix not in self._blocks:
            self._blocks[prefix] = "".join(f"{tag}\n" for tag in self.tags(prefix))
        return self._blocks[prefix]

    def tags(self, prefix: str) -> list[str]:
        iconset, options = self.iconset, self.iconset.options

        def url(name: str) -> str:
            return prefix + iconset.href(name)

        tags = []
        for icon in iconset.icons:
            if not icon.rel:
                continue
            tags.append(
                "<link"
                + _attrs(
                    rel=icon.rel,
                    type=icon.mime if icon.rel == "icon" else "",
                    sizes=icon.declared_sizes,
                    href=url(icon.name),
                    color=iconset.theme_color if icon.purpose is Purpose.MASK else "",
                )
                + ">"
            )
        selection = iconset.selection
        if selection.has_manifest:
            tags.append(
                f"<meta{_attrs(name='apple-mobile-web-app-title', content=options.resolved_short_name)}>"
            )
            tags.append(f"<link{_attrs(rel='manifest', href=url(MANIFEST_NAME))}>")
        if selection.has_browserconfig:
            tile = tile_image(iconset.icons)
            tags.append(
                f"<meta{_attrs(name='msapplication-TileColor', content=iconset.theme_color)}>"
            )
            if tile:
                tags.append(
                    f"<meta{_attrs(name='msapplication-TileImage', content=url(tile.name))}>"
                )
            tags.append(
                f"<meta{_attrs(name='msapplication-config', content=url(BROWSERCONFIG_NAME))}>"
            )
        if selection.has_manifest:
            tags.extend(theme_color_metas(iconset.theme_color, options.dark_theme_color))
        return tags


def theme_color_metas(light: str, dark: str) -> list[str]:
    """One theme-color meta, or a light and a dark one when a dark colour is set.

    The light one carries its media query too: browsers take the first matching meta, and one
    without media would match in dark themes as well. Browsers that ignore `media` take the
    first, the light one.
    """
    if not dark:
        return [f"<meta{_attrs(name='theme-color', content=light)}>"]
    return [
        f"<meta{_attrs(name='theme-color', content=light, media=LIGHT_SCHEME)}>",
        f"<meta{_attrs(name='theme-color', content=dark, media=DARK_SCHEME)}>",
    ]
