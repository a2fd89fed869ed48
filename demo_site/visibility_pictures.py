"""Draw the before/after pictures of the visibility docs with the project itself.

    .venv/bin/python demo_site/visibility_pictures.py          # the pictures
    .venv/bin/python demo_site/visibility_pictures.py --table  # the contrast table, as Markdown

"Before" is what a logo gave without the visibility work (white touch background, no
automatic variant or halo: `background_color: "#ffffff"`, `auto_dark: false`); "after" is the
default. Tabs show favicon.svg in each colour scheme (as resvg draws it with that scheme's
rules applied) and favicon.ico's 32 px entry; the home screen shows apple-touch-icon.png.
Writes demo_site/docs/assets/visibility-before-after.png (the README's picture) and
demo_site/docs/assets/visibility/*.png.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from PIL import IcoImagePlugin, Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from logos import LOGOS, png_bytes  # noqa: E402

from mkdocs_favicons import visibility  # noqa: E402
from mkdocs_favicons.iconset import generate  # noqa: E402
from mkdocs_favicons.options import Options  # noqa: E402

BEFORE = Options(background_color="#ffffff", auto_dark=False)
AFTER = Options()
LABEL_WIDTH, CELL, ROW, ICON = 150, 118, 84, 32
FONT = ImageFont.load_default(size=13)
SMALL = ImageFont.load_default(size=11)
INK, MUTED = (31, 35, 40), (89, 99, 110)


def _files(name: str, kind: str, options: Options) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"logo.{kind}"
        if kind == "svg":
            path.write_text(LOGOS[name])
        else:
            path.write_bytes(png_bytes(name))
        return generate(path, options, None).iconset.files


def _tab(icon: Image.Image, scheme: visibility.Scheme) -> Image.Image:
    """A browser tab strip in the scheme's colours with the icon at 32 px."""
    strip = Image.new("RGB", (CELL - 8, 46), "#dee1e6" if scheme.value == "light" else "#202124")
    draw = ImageDraw.Draw(strip)
    draw.rounded_rectangle((6, 6, CELL, 52), 8, fill=visibility.TAB_COLOURS[scheme])
    text = (31, 31, 31) if scheme.value == "light" else (232, 234, 237)
    tab = strip.convert("RGBA")
    tab.alpha_composite(icon.resize((ICON, ICON), Image.Resampling.LANCZOS), (14, 11))
    ImageDraw.Draw(tab).rectangle((54, 24, 96, 28), fill=text)  # the page title, as a bar
    return tab.convert("RGB")


def _home(touch: Image.Image) -> Image.Image:
    """The touch icon at 60 px with iOS' rounded corners, on a wallpaper."""
    cell = Image.new("RGB", (CELL - 8, ROW - 8), "#3a4f8f")
    icon = touch.convert("RGB").resize((60, 60), Image.Resampling.LANCZOS)
    mask = Image.new("L", (60, 60), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, 59, 59), 13, fill=255)
    cell.paste(icon, ((cell.width - 60) // 2, (cell.height - 60) // 2), mask)
    return cell


def _row(files: dict[str, bytes], label: str, note: str) -> Image.Image:
    row = Image.new("RGB", (LABEL_WIDTH + 5 * CELL, ROW), "white")
    draw = ImageDraw.Draw(row)
    draw.text((8, 26), label, font=FONT, fill=INK)
    draw.text((8, 46), note, font=SMALL, fill=MUTED)
    svg = files.get("favicon.svg")
    ico = IcoImagePlugin.IcoFile(io.BytesIO(files["favicon.ico"])).getimage((32, 32))
    x = LABEL_WIDTH
    for scheme in visibility.Scheme:
        if svg is not None:
            icon = visibility.render_svg(svg.decode(), 64, scheme)
        else:
            icon = ico.convert("RGBA")
        row.paste(_tab(icon, scheme), (x, 19))
        x += CELL
    for scheme in visibility.Scheme:
        row.paste(_tab(ico.convert("RGBA"), scheme), (x, 19))
        x += CELL
    row.paste(_home(Image.open(io.BytesIO(files["apple-touch-icon.png"]))), (x, 4))
    return row


def _header() -> Image.Image:
    header = Image.new("RGB", (LABEL_WIDTH + 5 * CELL, 22), "white")
    draw = ImageDraw.Draw(header)
    titles = ("favicon.svg light", "favicon.svg dark", "favicon.ico light", "favicon.ico dark")
    for index, title in enumerate((*titles, "home screen")):
        draw.text((LABEL_WIDTH + index * CELL + 4, 4), title, font=SMALL, fill=MUTED)
    return header


def picture(names: list[str]) -> Image.Image:
    rows = [_header()]
    for name in names:
        for options, when in ((BEFORE, "before"), (AFTER, "after")):
            files = _files(name, "svg", options)
            background = "white background" if options is BEFORE else "default options"
            rows.append(_row(files, f"{name} logo, {when}", background))
    width = LABEL_WIDTH + 5 * CELL
    sheet = Image.new("RGB", (width, sum(row.height for row in rows)), "white")
    y = 0
    for row in rows:
        sheet.paste(row, (0, y))
        y += row.height
    return sheet


def _contrasts(files: dict[str, bytes]) -> list[float | None]:
    """Touch, maskable, favicon.svg light/dark, favicon.ico 16 and 32 px light/dark."""
    measured: list[float | None] = [
        visibility.flat_contrast(Image.open(io.BytesIO(files[name])))[1] or 1.0  # flat: 1:1
        for name in ("apple-touch-icon.png", "web-app-manifest-maskable-512x512.png")
    ]
    svg = files.get("favicon.svg")
    for scheme in visibility.Scheme:
        tab = visibility.rgb(visibility.TAB_COLOURS[scheme])
        drawn = visibility.render_svg(svg.decode(), 64, scheme) if svg else None
        measured.append(visibility.artwork_contrast(drawn, tab) if drawn else None)
    ico = IcoImagePlugin.IcoFile(io.BytesIO(files["favicon.ico"]))
    for size in (16, 32):
        entry = ico.getimage((size, size)).convert("RGBA")
        for scheme in visibility.Scheme:
            tab = visibility.rgb(visibility.TAB_COLOURS[scheme])
            measured.append(visibility.artwork_contrast(entry, tab))
    return measured


def table() -> str:
    """Before → after contrast of every logo, source kind, icon and tab colour."""

    def cell(value: float | None) -> str:
        if value is None:
            return "–"
        return f"**{value:.1f}**" if value < visibility.MIN_CONTRAST else f"{value:.1f}"

    lines = [
        "| logo | source | touch | maskable | svg light | svg dark | ico 16 light | ico 16 dark "
        "| ico 32 light | ico 32 dark |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in LOGOS:
        for kind in ("svg", "png"):
            before, after = (
                _contrasts(_files(name, kind, BEFORE)),
                _contrasts(_files(name, kind, AFTER)),
            )
            cells = [
                "–" if old is None else f"{cell(old)} → {cell(new)}"
                for old, new in zip(before, after, strict=True)
            ]
            lines.append(f"| {name} | {kind} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main() -> None:
    if "--table" in sys.argv:
        print(table())
        return
    assets = ROOT / "demo_site" / "docs" / "assets"
    picture(["white", "black"]).save(assets / "visibility-before-after.png", optimize=True)
    assets = assets / "visibility"
    assets.mkdir(parents=True, exist_ok=True)
    for name in ("white", "black", "light-grey", "dark-navy", "dark-coloured", "coloured"):
        picture([name]).save(assets / f"{name}.png", optimize=True)


if __name__ == "__main__":
    main()
