"""What people see (issue 9): real logos in the colours that break icons, through the engine, the
CLI and the plugin, with the contrast of every touch, maskable and tab icon measured from the
files; favicon.svg rendered by Chromium in both colour schemes; the checker catching invisible
icons. Contrast is measured here with its own WCAG formula, not the package's."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from cdp import Tab
from helpers import cli, head_tags, plugin_entry
from logos import LOGOS, encoded, png_bytes
from PIL import Image

from mkdocs_favicons import svg
from mkdocs_favicons.iconset import generate
from mkdocs_favicons.options import Options

LIGHT_TAB, DARK_TAB = (255, 255, 255), (0x35, 0x36, 0x3A)
TABS = {"light": LIGHT_TAB, "dark": DARK_TAB}
NEEDED = 3.0
SHARE = 0.1  # the part of the artwork that must reach NEEDED (a tenth, as the docs say)
KINDS = ("svg", "png")
# Logos that show on both tabs as drawn: nothing may be added to them.
VISIBLE_AS_DRAWN = ("coloured", "on-plate")


def luminance(colour: tuple[int, ...]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour[:3]
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def ratio(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def shown_contrast(picture: Image.Image, background: tuple[int, int, int]) -> float:
    """The contrast that SHARE of the pixels unlike `background` reach against it, once the
    picture is drawn on that background; 1.0 when every pixel looks like the background."""
    canvas = Image.new("RGBA", picture.size, (*background, 255))
    canvas.alpha_composite(picture.convert("RGBA"))
    pixels = [
        (ratio(colour, background), count)
        for count, colour in canvas.convert("RGB").getcolors(1 << 20) or []
        if max(abs(a - b) for a, b in zip(colour, background, strict=True)) > 10
    ]
    total = sum(count for _, count in pixels)
    reached = 0
    for value, count in sorted(pixels, reverse=True):
        reached += count
        if reached >= SHARE * total:
            return value
    return 1.0


def opaque_contrast(picture: Image.Image) -> float:
    """An opaque icon's artwork against its own background (its corner colour)."""
    rgb = picture.convert("RGB")
    corner = rgb.getpixel((0, 0))
    assert isinstance(corner, tuple)
    assert picture.convert("RGBA").getchannel("A").getextrema() == (255, 255), "not opaque"
    return shown_contrast(rgb.convert("RGBA"), (corner[0], corner[1], corner[2]))


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def ico_images(data: bytes) -> list[Image.Image]:
    from PIL import IcoImagePlugin

    ico = IcoImagePlugin.IcoFile(io.BytesIO(data))
    return [ico.getimage(size).convert("RGBA") for size in sorted(ico.sizes())]


def write_logo(folder: Path, name: str, kind: str) -> Path:
    path = folder / f"{name}.{kind}"
    if kind == "svg":
        path.write_text(LOGOS[name])
    else:
        path.write_bytes(png_bytes(name))
    return path


# ---- generation ------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(LOGOS))
def test_every_logo_gives_visible_icons(tmp_path: Path, name: str, kind: str) -> None:
    files = generate(write_logo(tmp_path, name, kind), Options(), None).iconset.files
    for touch in ("apple-touch-icon.png", "web-app-manifest-maskable-512x512.png"):
        reached = opaque_contrast(decode(files[touch]))
        assert reached >= NEEDED, f"{name}.{kind}: {touch} at {reached:.2f}:1"
    tab_icons = [decode(files["favicon-96x96.png"]), *ico_images(files["favicon.ico"])]
    for picture in tab_icons:
        for scheme, colour in TABS.items():
            reached = shown_contrast(picture, colour)
            assert reached >= NEEDED, f"{name}.{kind}: {picture.size} on {scheme} {reached:.2f}"


@pytest.mark.parametrize("name", VISIBLE_AS_DRAWN)
def test_a_logo_visible_on_both_tabs_is_left_as_drawn(tmp_path: Path, name: str) -> None:
    on = generate(write_logo(tmp_path, name, "svg"), Options(), None).iconset.files
    off = generate(write_logo(tmp_path, name, "svg"), Options(auto_dark=False), None).iconset
    assert on == off.files  # no variant, no halo, white touch background
    assert svg.DARK_MEDIA not in on["favicon.svg"].decode()
    assert off.background_color == "#ffffff"


def test_white_logo_touch_background_is_the_theme_colour_when_it_contrasts(
    tmp_path: Path,
) -> None:
    source = write_logo(tmp_path, "white", "png")
    iconset = generate(source, Options(theme_color="#3b5bdb"), None).iconset
    assert iconset.background_color == "#3b5bdb"
    touch = decode(iconset.files["apple-touch-icon.png"]).convert("RGB")
    assert touch.getpixel((0, 0)) == (0x3B, 0x5B, 0xDB)
    manifest = json.loads(iconset.files["site.webmanifest"])
    assert manifest["background_color"] == "#3b5bdb"  # the splash screen matches the icon
    # Without a usable theme colour (the white logo's own is white): a dark neutral.
    dark = generate(source, Options(), None).iconset
    corner = decode(dark.files["apple-touch-icon.png"]).convert("RGB").getpixel((0, 0))
    assert isinstance(corner, tuple) and luminance(corner) < 0.05


def test_a_chosen_low_contrast_background_is_kept_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = write_logo(tmp_path, "light-grey", "svg")
    iconset = generate(source, Options(background_color="#ffffff"), tmp_path / "cache").iconset
    assert decode(iconset.files["apple-touch-icon.png"]).convert("RGB").getpixel((0, 0)) == (
        255,
        255,
        255,
    )
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("background_color #ffffff" in w and "1.4:1" in w for w in warnings), warnings
    caplog.clear()
    again = generate(source, Options(background_color="#ffffff"), tmp_path / "cache")
    assert again.cached  # and the warning comes again, so --strict fails every build
    assert any("background_color" in r.getMessage() for r in caplog.records)


def test_a_chosen_low_contrast_background_warns_even_for_a_discovered_source(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Notes on an image the plugin found itself are INFO; the option is the user's choice."""
    source = write_logo(tmp_path, "light-grey", "svg")
    for cached in (False, True):
        caplog.clear()
        generated = generate(
            source, Options(background_color="#ffffff"), tmp_path / "cache", discovered=True
        )
        assert generated.cached is cached
        warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        assert any("background_color #ffffff" in w for w in warnings), warnings


def test_dark_source_and_dark_mode_win_over_the_automatic_variant(tmp_path: Path) -> None:
    source = write_logo(tmp_path, "black", "svg")
    dark = tmp_path / "dark.svg"
    dark.write_text(LOGOS["coloured"])
    with_dark = generate(source, Options(dark_source=str(dark)), None).iconset
    markup = with_dark.files["favicon.svg"].decode()
    assert "#f59f00" in markup  # the user's dark artwork
    inverted = generate(source, Options(dark_mode="invert"), None).iconset
    assert svg.INVERT_FILTER in inverted.files["favicon.svg"].decode()
    automatic = generate(source, Options(), None).iconset.files["favicon.svg"].decode()
    assert svg.DARK_MEDIA in automatic and svg.INVERT_FILTER not in automatic
    plain = generate(source, Options(auto_dark=False), None).iconset.files["favicon.svg"]
    assert svg.DARK_MEDIA not in plain.decode()


# ---- favicon.svg in Chromium -----------------------------------------------------------------
@pytest.mark.parametrize("name", list(LOGOS))
def test_favicon_svg_shows_in_both_schemes_in_chromium(tmp_path: Path, tab: Tab, name: str) -> None:
    files = generate(write_logo(tmp_path, name, "svg"), Options(), None).iconset.files
    (tmp_path / "favicon.svg").write_bytes(files["favicon.svg"])
    for scheme, colour in TABS.items():
        page = tmp_path / f"{scheme}.html"
        page.write_text(
            f'<!doctype html><body style="margin:0;background:rgb{colour}">'
            '<img src="favicon.svg" width="64" height="64"></body>'
        )
        tab.open(page.as_uri(), 64, 64, scheme)
        shot = tab.screenshot()
        reached = shown_contrast(shot, colour)
        assert reached >= NEEDED, f"{name}: favicon.svg on the {scheme} tab at {reached:.2f}:1"


def test_the_automatic_variant_really_switches_in_chromium(tmp_path: Path, tab: Tab) -> None:
    """Black logo: black on the light tab, light on the dark one (not a plate, not the same)."""
    files = generate(write_logo(tmp_path, "black", "svg"), Options(), None).iconset.files
    (tmp_path / "favicon.svg").write_bytes(files["favicon.svg"])
    (tmp_path / "page.html").write_text(
        '<!doctype html><body style="margin:0;background:#808080">'
        '<img src="favicon.svg" width="64" height="64"></body>'
    )
    darkest = {}
    for scheme in TABS:
        tab.open((tmp_path / "page.html").as_uri(), 64, 64, scheme)
        colours = tab.screenshot().convert("RGB").getcolors(1 << 16) or []
        darkest[scheme] = min(luminance(c) for _, c in colours)
    assert darkest["light"] < 0.01 and darkest["dark"] > 0.15, darkest


# ---- CLI and plugin --------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "kind"), [("white", "png"), ("black", "svg")])
def test_cli_generate_then_check(tmp_path: Path, name: str, kind: str) -> None:
    source = write_logo(tmp_path, name, kind)
    result = cli("generate", source, "--out", "site", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    (site / "index.html").write_text(
        f"<!doctype html><html><head><title>T</title>\n{result.stdout}</head><body></body></html>"
    )
    assert opaque_contrast(Image.open(site / "apple-touch-icon.png")) >= NEEDED
    checked = cli("check", site, cwd=tmp_path)
    assert checked.returncode == 0 and "visibility" not in checked.stdout, checked.stdout
    # The same logo with the automatic help off and a white background is caught.
    before = tmp_path / "before"
    result = cli(
        "generate",
        source,
        "--out",
        before,
        "--no-cache",
        "--no-auto-dark",
        "--background-color",
        "#ffffff",
        cwd=tmp_path,
    )
    (before / "index.html").write_text(
        f"<!doctype html><html><head><title>T</title>\n{result.stdout}</head><body></body></html>"
    )
    caught = cli("check", before, cwd=tmp_path)
    assert "[visibility]" in caught.stdout, caught.stdout


def site_config(name: str, kind: str, **options: object) -> dict[str, object]:
    return {"plugins": [plugin_entry(source=f"{name}.{kind}", **options)]}


@pytest.mark.parametrize(
    ("name", "kind"),
    [("white", "svg"), ("light-grey", "png"), ("dark-navy", "svg"), ("dark-coloured", "png")],
)
def test_plugin_strict_build_is_visible(make_site, name: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    data = LOGOS[name] if kind == "svg" else png_bytes(name)
    site = make_site(site_config(name, kind), files={f"{name}.{kind}": data})
    site.build(strict=True)  # the in-build check runs the visibility rule
    touch = Image.open(site.site_dir / "apple-touch-icon.png")
    assert opaque_contrast(touch) >= NEEDED
    manifest = json.loads((site.site_dir / "site.webmanifest").read_text())
    corner = touch.convert("RGB").getpixel((0, 0))
    assert manifest["background_color"] == "#{:02x}{:02x}{:02x}".format(*corner)  # type: ignore[misc]
    for scheme, colour in TABS.items():
        reached = shown_contrast(Image.open(site.site_dir / "favicon-96x96.png"), colour)
        assert reached >= NEEDED, (scheme, reached)


def test_strict_build_fails_on_an_invisible_icon(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site(
        site_config("black", "svg", auto_dark=False), files={"black.svg": LOGOS["black"]}
    )
    result = site.build(strict=True, check=False)
    assert not result.ok
    lines = result.lines("[visibility]")
    assert any("favicon.svg" in line and "dark browser tab" in line for line in lines), lines
    assert any("dark_source" in line and "dark_mode" in line for line in lines), lines


# ---- checker ---------------------------------------------------------------------------------
def checked_site(tmp_path: Path, files: dict[str, bytes], head: str) -> str:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    for file_name, data in files.items():
        (site / file_name).write_bytes(data)
    (site / "index.html").write_text(
        f"<!doctype html><html><head>{head}</head><body></body></html>"
    )
    report = cli("check", site, cwd=tmp_path).stdout
    return report.replace("\n    ", " ")  # one finding per line: undo the report's wrapping


def test_checker_catches_a_flat_white_touch_icon(tmp_path: Path) -> None:
    out = checked_site(
        tmp_path,
        {"apple-touch-icon.png": encoded(Image.new("RGB", (180, 180), "white"))},
        '<link rel="apple-touch-icon" sizes="180x180" href="apple-touch-icon.png">',
    )
    (line,) = [line for line in out.splitlines() if "[visibility]" in line]
    assert line.startswith("error: apple-touch-icon.png")
    assert "one flat colour (#ffffff)" in line and "background_color" in line


def test_checker_catches_a_low_contrast_touch_icon(tmp_path: Path) -> None:
    picture = Image.new("RGB", (180, 180), "white")
    picture.paste((0xE0, 0xE0, 0xE0), (40, 40, 140, 140))  # a pale square on white
    out = checked_site(
        tmp_path,
        {"apple-touch-icon.png": encoded(picture)},
        '<link rel="apple-touch-icon" sizes="180x180" href="apple-touch-icon.png">',
    )
    assert re.search(r"error: apple-touch-icon.png: \[visibility\] .* 1\.3:1 against", out), out


def test_checker_catches_a_black_only_favicon_svg(tmp_path: Path) -> None:
    out = checked_site(
        tmp_path,
        {"favicon.svg": LOGOS["black"].encode()},
        '<link rel="icon" type="image/svg+xml" href="favicon.svg">',
    )
    lines = [line for line in out.splitlines() if "[visibility]" in line]
    assert len(lines) == 1, out  # the dark scheme only
    assert lines[0].startswith("warning: favicon.svg")
    assert "dark browser tab (#35363a) in its dark colour scheme" in lines[0]
    assert "1.7:1" in lines[0] and "dark_source" in lines[0] and "dark_mode" in lines[0]


def test_checker_evaluates_each_colour_scheme_of_favicon_svg(tmp_path: Path) -> None:
    # A black logo with its own dark variant passes; a white one without a light variant fails.
    merged = generate(write_logo(tmp_path, "black", "svg"), Options(), None).iconset
    out = checked_site(
        tmp_path,
        {"favicon.svg": merged.files["favicon.svg"]},
        '<link rel="icon" type="image/svg+xml" href="favicon.svg">',
    )
    assert "[visibility]" not in out, out
    white = LOGOS["white"].replace("<style>", "<style>@media (prefers-color-scheme: dark){}")
    out = checked_site(
        tmp_path,
        {"favicon.svg": white.encode()},
        '<link rel="icon" type="image/svg+xml" href="favicon.svg">',
    )
    assert "light browser tab (#ffffff) in its light colour scheme" in out, out


def test_checker_catches_blank_manifest_icons(tmp_path: Path) -> None:
    manifest = {
        "name": "T",
        "display": "standalone",
        "start_url": "./",
        "scope": "./",
        "icons": [
            {"src": "clear.png", "sizes": "192x192", "type": "image/png"},
            {"src": "flat.png", "sizes": "512x512", "type": "image/png"},
        ],
    }
    out = checked_site(
        tmp_path,
        {
            "site.webmanifest": json.dumps(manifest).encode(),
            "clear.png": encoded(Image.new("RGBA", (192, 192), (0, 0, 0, 0))),
            "flat.png": encoded(Image.new("RGBA", (512, 512), "#3b5bdb")),
        },
        '<link rel="manifest" href="site.webmanifest">',
    )
    assert "error: clear.png: [visibility] a manifest icon that is fully transparent" in out, out
    assert "error: flat.png: [visibility] a manifest icon that is one flat colour" in out, out


# ---- theme colour ----------------------------------------------------------------------------
def theme_metas(html: str) -> list[dict[str, str]]:
    return [tag for tag in head_tags(html) if tag.get("name") == "theme-color"]


def test_material_palette_sets_theme_color(make_site) -> None:  # type: ignore[no-untyped-def]
    config = {
        "theme": {"name": "material", "palette": {"primary": "deep purple"}},
        **site_config("coloured", "svg"),
    }
    site = make_site(config, files={"coloured.svg": LOGOS["coloured"]})
    result = site.build(strict=True)
    assert [m["content"] for m in theme_metas(site.read("index.html"))] == ["#7e56c2"]
    assert json.loads(site.read("site.webmanifest"))["theme_color"] == "#7e56c2"
    (info,) = result.lines("files generated")
    assert "theme colour #7e56c2 from theme.palette.primary (deep purple)" in info


def test_material_light_and_dark_palettes_give_two_theme_colors(make_site) -> None:  # type: ignore[no-untyped-def]
    palette = [
        {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "teal"},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "blue grey"},
    ]
    config = {"theme": {"name": "material", "palette": palette}, **site_config("coloured", "svg")}
    site = make_site(config, files={"coloured.svg": LOGOS["coloured"]})
    site.build(strict=True)
    metas = theme_metas(site.read("index.html"))
    assert [(m["content"], m["media"]) for m in metas] == [
        ("#009485", "(prefers-color-scheme: light)"),
        ("#546d78", "(prefers-color-scheme: dark)"),
    ]


# Material's documented custom colours, as Django REST framework's docs define them.
CUSTOM_PRIMARY_CSS = """/* primary */
:root>* {
  --md-primary-fg-color: #2c2c2c;
  --md-primary-fg-color--light: #a8a8a8;
  --md-accent-fg-color: #c50d0d;
}
@media screen {
  [data-md-color-scheme="slate"] { --md-primary-fg-color: #1e2a38; }
}
"""


def test_material_custom_primary_comes_from_the_sites_stylesheet(make_site) -> None:  # type: ignore[no-untyped-def]
    palette = [
        {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "custom"},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "custom"},
    ]
    config = {
        "theme": {"name": "material", "palette": palette},
        "extra_css": ["https://example.org/fonts.css", "stylesheets/extra.css"],
        **site_config("coloured", "svg"),
    }
    site = make_site(
        config,
        files={"coloured.svg": LOGOS["coloured"]},
        docs={"stylesheets/extra.css": CUSTOM_PRIMARY_CSS},
    )
    result = site.build(strict=True)
    metas = theme_metas(site.read("index.html"))
    assert [(m["content"], m["media"]) for m in metas] == [
        ("#2c2c2c", "(prefers-color-scheme: light)"),
        ("#1e2a38", "(prefers-color-scheme: dark)"),
    ]
    assert json.loads(site.read("site.webmanifest"))["theme_color"] == "#2c2c2c"
    (info,) = result.lines("files generated")
    assert (
        "from theme.palette.primary (custom, dark: custom: --md-primary-fg-color in "
        "docs/stylesheets/extra.css)" in info
    ), info
    # One palette, no slate rule: the :root colour serves both schemes, so one meta.
    one_palette = {"name": "material", "palette": {"primary": "custom"}}
    site.write_config({**site.config(), "theme": one_palette})
    (site.docs_dir / "stylesheets/extra.css").write_text(CUSTOM_PRIMARY_CSS.split("@media")[0])
    site.build(strict=True)
    assert [m["content"] for m in theme_metas(site.read("index.html"))] == ["#2c2c2c"]


def test_theme_color_option_beats_the_palette_and_the_image_is_the_fallback(make_site) -> None:  # type: ignore[no-untyped-def]
    config = {
        "theme": {"name": "material", "palette": {"primary": "teal"}},
        **site_config("coloured", "svg", theme_color="#123456"),
    }
    site = make_site(config, files={"coloured.svg": LOGOS["coloured"]})
    result = site.build()
    assert [m["content"] for m in theme_metas(site.read("index.html"))] == ["#123456"]
    assert "from the theme_color option" in result.output
    plain = make_site(
        site_config("coloured", "svg"), files={"coloured.svg": LOGOS["coloured"]}, name="plain"
    )
    result = plain.build()
    assert "theme colour #1971c2 from the image" in result.output


@pytest.mark.parametrize("name", ["black", "white", "dark-coloured"])
def test_the_automatic_variant_is_plain_sanitized_svg(tmp_path: Path, name: str) -> None:
    markup = (
        generate(write_logo(tmp_path, name, "svg"), Options(), None)
        .iconset.files["favicon.svg"]
        .decode()
    )
    assert svg.DARK_MEDIA in markup
    assert svg.load(markup, "favicon.svg").markup == markup  # sanitizing again removes nothing
    elements = {m.lower() for m in re.findall(r"<(?:ns\d+:)?([A-Za-z]+)", markup)}
    assert elements <= {"svg", "style", "g", "rect", "path", "circle"}, elements
    assert "filter" not in markup and "script" not in markup  # explicit colours only


def test_a_mid_blue_logo_keeps_its_hue_in_dark_tabs(tmp_path: Path, tab: Tab) -> None:
    blue = LOGOS["black"].replace("#000000", "#3b5bdb")
    (tmp_path / "blue.svg").write_text(blue)
    files = generate(tmp_path / "blue.svg", Options(), None).iconset.files
    (tmp_path / "favicon.svg").write_bytes(files["favicon.svg"])
    (tmp_path / "page.html").write_text(
        '<!doctype html><body style="margin:0;background:#35363a">'
        '<img src="favicon.svg" width="64" height="64"></body>'
    )
    tab.open((tmp_path / "page.html").as_uri(), 64, 64, "dark")
    shot = tab.screenshot()
    assert shown_contrast(shot, DARK_TAB) >= NEEDED
    painted = [c for _, c in shot.convert("RGB").getcolors(1 << 16) or [] if c != DARK_TAB]
    r, g, b = max(painted, key=luminance)
    assert b > r and b > g, (r, g, b)  # still blue, only lighter


def test_preview_shows_the_measured_contrast(tmp_path: Path) -> None:
    source = write_logo(tmp_path, "black", "svg")
    figures = {}
    for label, extra in (("after", ()), ("before", ("--no-auto-dark",))):
        result = cli(
            "preview",
            "--source",
            source,
            "--out",
            f"{label}.html",
            "--no-cache",
            *extra,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        html = (tmp_path / f"{label}.html").read_text()
        # Eight tabs (favicon.svg and favicon.ico, light and dark, 16 and 32 px), the touch and
        # the maskable icon.
        figures[label] = [float(f) for f in re.findall(r"contrast (\d+\.\d):1</span>", html)]
        assert len(figures[label]) == 10, html
    assert min(figures["after"]) >= NEEDED
    low = sorted(figures["before"])
    assert low[:4] == [1.7] * 4 and low[4] >= NEEDED  # the dark tabs: svg and ico, 16 and 32


# ---- small units -----------------------------------------------------------------------------
def test_for_scheme_applies_only_the_matching_colour_scheme_rules() -> None:
    from mkdocs_favicons.visibility import Scheme, for_scheme

    css = (
        "<style>.a{fill:red}@media (prefers-color-scheme: dark){.a{fill:white}.b{x:y}}"
        "@media (prefers-color-scheme: light){.c{fill:black}}@media print{.d{fill:blue}}"
        "@media not all and (prefers-color-scheme: dark){.e{fill:green}}</style>"
    )
    dark, light = for_scheme(css, Scheme.DARK), for_scheme(css, Scheme.LIGHT)
    assert dark == ("<style>.a{fill:red}.a{fill:white}.b{x:y}@media print{.d{fill:blue}}</style>")
    assert light == (
        "<style>.a{fill:red}.c{fill:black}@media print{.d{fill:blue}}.e{fill:green}</style>"
    )


def test_material_palettes() -> None:
    from mkdocs_favicons.palette import theme_colours

    assert theme_colours("mkdocs", {"primary": "teal"}) is None
    assert theme_colours("material", {"primary": "custom"}) is None  # the user's own CSS
    default = theme_colours("material", None)
    assert default is not None and default.light == "#4051b5" and default.dark == ""
    toggle = theme_colours(
        "material",
        [
            {"media": "(prefers-color-scheme)"},  # the automatic entry of a three-way toggle
            {"media": "(prefers-color-scheme: light)", "primary": "white"},
            {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "black"},
        ],
    )
    assert toggle is not None and toggle.light == "#ffffff"
    assert (
        re.fullmatch(r"#[0-9a-f]{6}", toggle.dark)
        and luminance(tuple(int(toggle.dark[i : i + 2], 16) for i in (1, 3, 5))) < 0.02
    )  # Material's black is an hsla() of its hue variable, converted
    assert toggle.origin == "theme.palette.primary (white, dark: black)"
