"""One self-contained page to look at the icons instead of guessing.

Every image is inlined as a data: URI, so the page works from any folder or as a mail
attachment. It shows the icons where they appear, at the size they appear: a browser tab at 16
and 32 px on light and dark, the iOS home screen, Android's masks with the safe zone, the
Windows tiles, and the checker's findings.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from . import visibility
from .ico import IcoProblem, IcoRecord, read_directory
from .iconset import IconSet
from .presets import Icon, Purpose
from .render import SAFE_ZONE

PREVIEW_NAME = "favicons-preview.html"
HOME_ICON = 60  # an iPhone home-screen icon is 60 pt: the 180 px file at 3x
MASK_SIZE = 108  # Android adaptive icons are 108 dp with a 72 dp visible part; shown at 1x
TILE_COLOR_FALLBACK = "#2b5797"

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 10px}
.row{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
.note{color:#59636e;font-size:12px;margin-top:6px}
.bar{display:flex;align-items:flex-end;padding:8px 8px 0;width:200px;border-radius:8px 8px 0 0}
.tab{display:flex;align-items:center;gap:8px;padding:0 12px;border-radius:8px 8px 0 0;
  white-space:nowrap;overflow:hidden;max-width:180px}
.light .bar{background:#dee1e6}.light .tab{background:#fff;color:#1f1f1f}
.dark .bar{background:#202124}.dark .tab{background:#35363a;color:#e8eaed}
.s16 .tab{height:34px;font-size:12px}.s32 .tab{height:52px;font-size:20px;gap:12px}
.home{background:linear-gradient(160deg,#4b6cb7,#182848);padding:20px 28px;border-radius:16px;
  color:#fff;text-align:center;font-size:11px}
.home img{display:block;border-radius:22.37%;margin:0 auto 5px}
.mask{position:relative;width:108px;height:108px;background:#e9ecef;border-radius:4px}
.mask img{display:block}
.zone{position:absolute;border:1px dashed #e03131;border-radius:50%;box-sizing:border-box}
.tile{display:flex;align-items:center;justify-content:center}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left}
.error{color:#cf222e}.warning{color:#9a6700}.ok{color:#1a7f37}
code{font-size:12px}
.files{columns:3 260px;padding-left:18px;margin:0}
"""


def build_page(iconset: IconSet, findings: Sequence[Any] | None, head: str = "") -> str:
    """The preview page. `findings`: objects with severity, page, rule, message and fix; None
    when the checker did not run. `head` goes into the page's head (the real icon tags)."""
    options = iconset.options
    sections = [
        _tabs(iconset),
        _home_screen(iconset),
        _masks(iconset),
        _tiles(iconset),
        _findings(findings),
        _files(iconset),
    ]
    colours = [iconset.theme_color, options.dark_theme_color]
    swatches = " ".join(
        f'<span style="display:inline-block;width:12px;height:12px;background:{escape(c)};'
        f'border:1px solid #888;vertical-align:middle"></span> <code>{escape(c)}</code>'
        for c in colours
        if c
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Favicons preview: {escape(options.app_name)}</title>\n"
        f"<style>{_STYLE}</style>\n{head}</head>\n<body>\n"
        f"<h1>{escape(options.app_name)}</h1>\n"
        f'<div class="note">preset <code>{escape(options.preset)}</code>, theme colour '
        f"{swatches}. Every icon is shown at the size a device shows it.</div>\n"
        + "".join(section for section in sections if section)
        + "</body>\n</html>\n"
    )


def _data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _img(data: bytes, mime: str, width: int, height: int = 0, alt: str = "") -> str:
    return (
        f'<img src="{_data_uri(data, mime)}" width="{width}" height="{height or width}" '
        f'alt="{escape(alt)}">'
    )


def ico_entries(data: bytes) -> dict[int, IcoRecord]:
    """The entries of an ICO by width, each read at its own offset."""
    records = read_directory(data)
    return {} if isinstance(records, IcoProblem) else {r.width: r for r in records}


def tab_icon(iconset: IconSet, size: int, scheme: str) -> tuple[bytes, str]:
    """What a browser tab shows: the SVG (in the given colour scheme), else the ICO entry."""
    svg = iconset.files.get("favicon.svg")
    if svg is not None:
        # Pin the scheme: an <img> would follow the colour scheme of whoever views the page.
        pinned = visibility.for_scheme(svg.decode("utf-8"), visibility.Scheme(scheme))
        return pinned.encode("utf-8"), "image/svg+xml"
    return _ico_icon(iconset, size)


def _ico_icon(iconset: IconSet, size: int) -> tuple[bytes, str]:
    """The ICO entry a tab of `size` px shows."""
    ico = iconset.files["favicon.ico"]
    entries = ico_entries(ico)
    best = min((s for s in entries if s >= size), default=max(entries, default=0))
    record = entries.get(best)
    if record is None or not record.is_png:
        return ico, "image/x-icon"  # a site's own BMP-entry ICO: let the browser pick
    return record.payload, "image/png"


def _figure(reached: float | None) -> str:
    """A measured contrast, green when it reaches 3:1 and red when it does not."""
    if reached is None:
        return '<span class="error">nothing painted</span>'
    ok = reached >= visibility.MIN_CONTRAST
    return f'<span class="{"ok" if ok else "error"}">contrast {reached:.1f}:1</span>'


def _bitmap(iconset: IconSet, data: bytes, mime: str, size: int, scheme: visibility.Scheme) -> Any:
    """A tab icon as the browser draws it, for measuring: favicon.svg in the given scheme."""
    if mime == "image/svg+xml":
        markup = iconset.files.get("favicon.svg", data).decode("utf-8")
        return visibility.render_svg(markup, size, scheme)
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGBA").resize((size, size))


def _tab_row(iconset: IconSet, pick: Any, label: str, alt: str = "tab icon") -> str:
    title = escape(iconset.options.app_name)
    tabs = []
    for scheme in visibility.Scheme:
        tab = visibility.rgb(visibility.TAB_COLOURS[scheme])
        for size in (16, 32):
            data, mime = pick(size, scheme.value)
            try:
                reached = visibility.artwork_contrast(
                    _bitmap(iconset, data, mime, visibility.MEASURE_SIZE, scheme), tab
                )
                figure = _figure(reached)
            except Exception:  # a site's own file the renderer cannot read: show it unmeasured
                figure = "not measured"
            tabs.append(
                f'<div class="{scheme.value} s{size}"><div class="bar"><div class="tab">'
                f"{_img(data, mime, size, alt=f'{alt} {size} px {scheme.value}')}"
                f'<span>{title}</span></div></div><div class="note">{scheme.value}, {size} px, '
                f"{figure}</div></div>"
            )
    return f'<div class="row">{"".join(tabs)}</div>\n<div class="note">{label}</div>\n'


def _tabs(iconset: IconSet) -> str:
    if "favicon.ico" not in iconset.files:
        return ""
    rows = []
    if "favicon.svg" in iconset.files:
        rows.append(
            _tab_row(
                iconset,
                lambda size, scheme: tab_icon(iconset, size, scheme),
                "favicon.svg, which Chromium and Firefox show, in each colour scheme; 32 px is "
                "the 16 px tab on a 2× screen",
            )
        )
    rows.append(
        _tab_row(
            iconset,
            lambda size, scheme: _ico_icon(iconset, size),
            "favicon.ico, which browsers without SVG icons show: it cannot switch with the "
            "colour scheme",
            "favicon.ico tab icon" if rows else "tab icon",
        )
    )
    return (
        "<h2>Browser tab</h2>\n"
        + "".join(rows)
        + '<div class="note">contrast: WCAG ratio of the artwork against the tab (#ffffff, '
        "#35363a); 3:1 is needed to see it</div>\n"
    )


def _home_screen(iconset: IconSet) -> str:
    data = iconset.files.get("apple-touch-icon.png")
    if data is None:
        return ""
    label = escape(iconset.options.resolved_short_name)
    return (
        '<h2>iOS home screen</h2>\n<div class="row"><div class="home">'
        f"{_img(data, 'image/png', HOME_ICON, alt='apple-touch-icon')}{label}</div></div>\n"
        '<div class="note">apple-touch-icon.png (180 px) at 60 pt; iOS rounds the corners '
        "itself and paints transparency black, so the file is opaque. Artwork on its "
        f"background {_on_background(data)}</div>\n"
    )


def squircle_path(size: float, exponent: float = 4.0, steps: int = 64) -> str:
    """A superellipse |x|^n + |y|^n = r^n as an SVG path, for CSS clip-path."""
    r = size / 2
    points = []
    for step in range(steps):
        angle = 2 * math.pi * step / steps
        c, s = math.cos(angle), math.sin(angle)
        x = r + r * math.copysign(abs(c) ** (2 / exponent), c)
        y = r + r * math.copysign(abs(s) ** (2 / exponent), s)
        points.append(f"{x:.1f} {y:.1f}")
    return "M" + " L".join(points) + " Z"


def _masks(iconset: IconSet) -> str:
    maskable = next((icon for icon in iconset.icons if icon.purpose is Purpose.MASKABLE), None)
    if maskable is None:
        return ""
    data = iconset.files[maskable.name]
    zone = SAFE_ZONE * 2 * MASK_SIZE
    offset = (MASK_SIZE - zone) / 2
    shapes = {
        "circle": "border-radius:50%",
        "squircle": f"clip-path:path('{squircle_path(MASK_SIZE)}')",
        "rounded square": "border-radius:18%",
    }
    cells = "".join(
        f'<div><div class="mask">'
        f'<div style="{style};overflow:hidden;width:{MASK_SIZE}px;height:{MASK_SIZE}px">'
        f"{_img(data, 'image/png', MASK_SIZE, alt=f'maskable {name}')}</div>"
        f'<div class="zone" style="left:{offset:.1f}px;top:{offset:.1f}px;width:{zone:.1f}px;'
        f'height:{zone:.1f}px"></div></div><div class="note">{name}</div></div>'
        for name, style in shapes.items()
    )
    return (
        f'<h2>Android (maskable)</h2>\n<div class="row">{cells}</div>\n'
        f'<div class="note">{escape(maskable.name)} at 108 dp; the dashed circle is the safe '
        "zone (radius 40%): launchers may cut anything outside it. Artwork on its background "
        f"{_on_background(data)}</div>\n"
    )


def _on_background(png: bytes) -> str:
    """An opaque icon's background colour and its artwork's measured contrast on it."""
    from PIL import Image

    background, reached = visibility.flat_contrast(Image.open(io.BytesIO(png)))
    return f"{visibility.hex_colour(background)}: {_figure(reached)}"


def _tiles(iconset: IconSet) -> str:
    tiles: list[Icon] = [icon for icon in iconset.icons if icon.purpose is Purpose.TILE]
    if not tiles:
        return ""
    colour = escape(iconset.theme_color or TILE_COLOR_FALLBACK)
    cells = "".join(
        f'<div><div class="tile" style="background:{colour};width:{icon.width}px;'
        f'height:{icon.height}px">'
        f"{_img(iconset.files[icon.name], 'image/png', icon.width, icon.height, icon.name)}"
        f'</div><div class="note">{escape(icon.name)}</div></div>'
        for icon in tiles
    )
    return f'<h2>Windows tiles</h2>\n<div class="row">{cells}</div>\n'


def _findings(findings: Sequence[Any] | None) -> str:
    if findings is None:
        return '<h2>Checker</h2>\n<div class="note">the checker did not run</div>\n'
    if not findings:
        return '<h2>Checker</h2>\n<p class="ok">no findings</p>\n'
    rows = "".join(
        f'<tr><td class="{escape(str(f.severity))}">{escape(str(f.severity))}</td>'
        f"<td>{escape(str(f.page))}</td><td><code>{escape(str(f.rule))}</code></td>"
        f"<td>{escape(str(f.message))}</td><td>{escape(str(f.fix))}</td></tr>"
        for f in findings
    )
    return (
        f"<h2>Checker: {len(findings)} findings</h2>\n<table><tr><th>severity</th><th>page</th>"
        f"<th>rule</th><th>message</th><th>fix</th></tr>{rows}</table>\n"
    )


def _files(iconset: IconSet) -> str:
    items = "".join(
        f"<li><code>{escape(name)}</code> {len(data):,} B</li>"
        for name, data in iconset.files.items()
    )
    total = sum(len(data) for data in iconset.files.values())
    manifest = "" if iconset.selection.has_manifest else " (no manifest)"
    return (
        f"<h2>Files: {len(iconset.files)}, {total:,} bytes{manifest}</h2>\n"
        f'<ul class="files">{items}</ul>\n'
    )


def write(path: Path, iconset: IconSet, findings: Sequence[Any] | None, head: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_page(iconset, findings, head), encoding="utf-8")
    return path
