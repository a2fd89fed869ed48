"""The head tags for one URL prefix as data (`Tag`), rendered once per prefix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Literal

from .iconset import IconSet
from .manifest import tile_image
from .presets import BROWSERCONFIG_NAME, MANIFEST_NAME, Purpose

LIGHT_SCHEME = "(prefers-color-scheme: light)"
DARK_SCHEME = "(prefers-color-scheme: dark)"


@dataclass(frozen=True)
class Tag:
    """One head element as data, like the `favicons` package's `{tag, attrs}`: rendered once by
    `render`, read by anything else without parsing HTML again."""

    element: Literal["link", "meta"]
    attrs: tuple[tuple[str, str], ...]  # in the order they are written; none empty

    def get(self, name: str) -> str:
        """The value of attribute `name`, or "" when the tag has none."""
        return dict(self.attrs).get(name, "")


def tag(element: Literal["link", "meta"], **attributes: str) -> Tag:
    """A tag with the given attributes in order; `_` in a keyword is `-`, empty values are left
    out."""
    return Tag(
        element,
        tuple((name.replace("_", "-"), value) for name, value in attributes.items() if value),
    )


def render(tags: Iterable[Tag]) -> str:
    """The tags as HTML, one per line: the only place a tag becomes text."""
    return "".join(
        f"<{t.element}"
        + "".join(f' {name}="{escape(value, quote=True)}"' for name, value in t.attrs)
        + ">\n"
        for t in tags
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
        """The rendered block for pages whose URLs to the site root start with `prefix`."""
        if prefix not in self._blocks:
            self._blocks[prefix] = render(self.tags(prefix))
        return self._blocks[prefix]

    def tags(self, prefix: str) -> list[Tag]:
        """The tags as data, in the order the block writes them."""
        iconset, options = self.iconset, self.iconset.options

        def url(name: str) -> str:
            return prefix + iconset.href(name)

        tags = [
            tag(
                "link",
                rel=icon.rel,
                type=icon.mime if icon.rel == "icon" else "",
                sizes=icon.declared_sizes,
                href=url(icon.name),
                color=iconset.theme_color if icon.purpose is Purpose.MASK else "",
            )
            for icon in iconset.icons
            if icon.rel
        ]
        selection = iconset.selection
        if selection.has_manifest:
            tags.append(
                tag("meta", name="apple-mobile-web-app-title", content=options.resolved_short_name)
            )
            tags.append(tag("link", rel="manifest", href=url(MANIFEST_NAME)))
        if selection.has_browserconfig:
            tile = tile_image(iconset.icons)
            tags.append(tag("meta", name="msapplication-TileColor", content=iconset.theme_color))
            if tile:
                tags.append(tag("meta", name="msapplication-TileImage", content=url(tile.name)))
            tags.append(tag("meta", name="msapplication-config", content=url(BROWSERCONFIG_NAME)))
        if selection.has_manifest:
            tags.extend(theme_color_metas(iconset.theme_color, options.dark_theme_color))
        return tags


def theme_color_metas(light: str, dark: str) -> list[Tag]:
    """One theme-color meta, or a light and a dark one when a dark colour is set.

    The light one carries its media query too: browsers take the first matching meta, and one
    without media would match in dark themes as well. Browsers that ignore `media` take the
    first, the light one.
    """
    if not dark:
        return [tag("meta", name="theme-color", content=light)]
    return [
        tag("meta", name="theme-color", content=light, media=LIGHT_SCHEME),
        tag("meta", name="theme-color", content=dark, media=DARK_SCHEME),
    ]
