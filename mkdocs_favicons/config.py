"""The plugin's options in mkdocs.yml, one documented attribute each."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .errors import FaviconError
from .options import DARK_MODES, check_color
from .presets import PRESETS


class _Color(c.OptionallyRequired[str]):
    """A CSS colour: hex (`#3b5bdb`), `rgb()`/`hsl()` or a named colour."""

    def run_validation(self, value: object) -> str:
        try:
            return check_color(str(value), "colour")
        except FaviconError:
            raise ValidationError(
                f"{value!r} is not a CSS colour; use a hex value such as '#3b5bdb'"
            ) from None


class _Preset(c.Choice[str]):
    def run_validation(self, value: object) -> str:
        if value not in PRESETS:
            raise ValidationError(f"unknown preset {value!r}; use one of: {', '.join(PRESETS)}")
        return str(value)


class FaviconsConfig(base.Config):  # type: ignore[no-untyped-call, unused-ignore]
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it, for example `enabled: !ENV [FAVICONS, true]`."""

    source = c.Optional(c.Type(str))
    """The source image, relative to mkdocs.yml: an SVG, or a PNG/JPEG/WebP/GIF/ICO of 512 px or
    more. When unset, the plugin looks in docs_dir and theme.custom_dir for favicon.*, logo.*,
    img/favicon.*, img/logo.*, assets/favicon.*, assets/logo.*, assets/images/favicon.*,
    assets/images/logo.*, theme.logo and theme.favicon, and takes an SVG over a bitmap, then the
    larger bitmap, then a favicon/icon name over logo. A found image under 512 px is reported at
    INFO (an explicit one warns)."""

    preset = _Preset(PRESETS, default="minimal")
    """Which files to make: `minimal` (the modern set), `full` (plus the legacy Apple, PNG and
    Windows tile set) or `single` (one multi-size favicon.ico)."""

    app_name = c.Optional(c.Type(str))
    """The name in the web app manifest. Defaults to site_name."""

    short_name = c.Optional(c.Type(str))
    """The home-screen label (manifest short_name and apple-mobile-web-app-title). Defaults to
    app_name, cut to whole words that fit in 12 characters and never ending on a dangling word
    ("Material for MkDocs" gives "Material"); the full name when no such cut exists."""

    theme_color = c.Optional(_Color())
    """The browser UI colour (`theme-color` meta, manifest, tile colour). Defaults to the theme's
    own: Material's `theme.palette.primary` (its hex value read from the installed Material);
    else the most common clear colour of the image. The build's INFO line says which."""

    background_color = c.Optional(_Color())
    """The opaque background of the apple-touch and maskable icons, and the splash screen.
    Defaults to white, or, when the artwork would not reach a 3:1 contrast on white (a white
    logo), to the theme colour or a dark neutral it does reach 3:1 on. A colour you set is kept;
    when the artwork is low contrast on it, the build warns."""

    cache = c.Type(bool, default=True)
    """Keep generated icons between builds, keyed by the source bytes, options and version."""

    cache_dir = c.Type(str, default=".cache/plugin/favicons")
    """Where the cache lives, relative to mkdocs.yml."""

    cache_busting = c.Type(bool, default=False)
    """Append `?v=<content hash>` to every icon URL, so a changed icon reaches returning visitors
    and an unchanged one keeps its URL."""

    dark_source = c.Optional(c.Type(str))
    """An SVG for dark browser themes, relative to mkdocs.yml. favicon.svg then holds both
    artworks and switches with `@media (prefers-color-scheme: dark)`; the PNG and ICO icons keep
    the light one. Needs an SVG `source`."""

    dark_mode = c.Optional(c.Choice(DARK_MODES))
    """`invert`: without a `dark_source`, derive the dark favicon.svg by inverting the artwork's
    lightness (a CSS filter that keeps hues). Meant for monochrome logos: black becomes white."""

    auto_dark = c.Type(bool, default=True)
    """Keep the tab icons visible on light (`#ffffff`) and dark (`#35363a`) browser tabs. When
    the artwork would vanish on one of them, favicon.svg gets a variant for that
    `prefers-color-scheme` (a monochrome logo turned light or dark, a multi-colour one on a
    contrasting plate) and the PNG and ICO tab icons, which cannot switch, a thin contrasting
    halo. `dark_source` and `dark_mode` win over the variant. `false` keeps the artwork exactly
    as drawn."""

    dark_theme_color = c.Optional(_Color())
    """A second `theme-color` meta for dark browser themes. Both metas then carry a
    `media="(prefers-color-scheme: …)"` attribute; the manifest keeps `theme_color`. Defaults to
    the primary colour of Material's dark palette, when `theme.palette` lists one (by `media`)
    whose colour differs from the light one."""

    preview = c.Type(bool, default=False)
    """Write `favicons-preview.html` into the site (not linked from the nav): every icon at its
    real size in a browser tab, on a home screen and in Android's masks, with the checker's
    findings."""

    check = c.Type(bool, default=True)
    """After each build, check the built site's favicons with `mkdocs-favicons check`'s rules and
    log each finding as a warning, so `mkdocs build --strict` fails on a broken favicon. It judges
    the tags the plugin wrote into each page, reads each icon file once and any page the plugin
    did not edit; an unchanged build reuses the last result (see the performance page)."""
