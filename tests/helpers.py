"""Shared test helpers: fixture sites, real `mkdocs build` runs, and readers for what they built.

Builds run `python -m mkdocs build` in a subprocess, so `--strict`, exit codes and log output are
exactly what a user sees. Source images are drawn here (Pillow or SVG text); nothing binary is
committed.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw

# ---------------------------------------------------------------------------------------------
# Source images

LOGO_COLOR = (59, 91, 219)  # #3b5bdb
ACCENT_COLOR = (250, 176, 5)


def svg_logo(width: int = 100, height: int = 100, color: str = "#3b5bdb") -> str:
    """A logo with a filled disc and a contrasting bar, `width`×`height` user units."""
    radius = min(width, height) / 2
    cx, cy = width / 2, height / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="{color}"/>'
        f'<circle cx="{cx}" cy="{cy}" r="{radius * 0.6}" fill="#fab005"/>'
        f'<rect x="{cx - radius * 0.15}" y="{cy - radius * 0.5}" width="{radius * 0.3}" '
        f'height="{radius}" fill="#ffffff"/>'
        "</svg>"
    )


def raster_logo(width: int = 600, height: int = 600, mode: str = "RGBA") -> Image.Image:
    """A raster logo that fills its canvas: a blue field, an amber disc and a white bar."""
    image = Image.new("RGBA", (width, height), (*LOGO_COLOR, 255))
    draw = ImageDraw.Draw(image)
    side = min(width, height)
    cx, cy, r = width / 2, height / 2, side * 0.3
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*ACCENT_COLOR, 255))
    draw.rectangle(
        (cx - side * 0.07, cy - side * 0.25, cx + side * 0.07, cy + side * 0.25), fill="white"
    )
    return image if mode == "RGBA" else image.convert(mode)


def raster_bytes(fmt: str, width: int = 600, height: int = 600) -> bytes:
    """The raster logo encoded as PNG, JPEG, WEBP, GIF or ICO."""
    image = raster_logo(width, height)
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=92)
    elif fmt == "GIF":
        second = Image.new("RGB", image.size, (255, 0, 0))  # animated: only frame one may be used
        image.convert("RGB").save(buffer, "GIF", save_all=True, append_images=[second])
    elif fmt == "ICO":
        image.save(buffer, "ICO", sizes=[(256, 256), (64, 64), (32, 32)])
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Fixture sites and builds

PAGES = {
    "index.md": "# Home\n\nWelcome.\n",
    "about.md": "# About\n\nAbout this site.\n",
    "nested/deep/page.md": "# Deep\n\nA nested page.\n",
}


@dataclass
class Site:
    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache" / "plugin" / "favicons"

    def config(self) -> dict[str, Any]:
        return yaml.safe_load(self.config_file.read_text())

    def write_config(self, config: dict[str, Any]) -> None:
        self.config_file.write_text(yaml.safe_dump(config, sort_keys=False))

    def page_files(self) -> list[Path]:
        """Every built page and static HTML template (404.html), as paths in site_dir."""
        return sorted(self.site_dir.rglob("*.html"))

    def read(self, relative: str) -> str:
        return (self.site_dir / relative).read_text(encoding="utf-8")


REPO = Path(__file__).resolve().parent.parent


def copy_docs_site(destination: Path) -> Site:
    """The documentation site (demo_site/) copied to `destination`, with the CHANGELOG.md its
    changelog page includes next to it, as in the repository; no built site, no cache."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copytree(
        REPO / "demo_site",
        destination / "demo_site",
        ignore=shutil.ignore_patterns("site", ".cache", "__pycache__"),
    )
    shutil.copy2(REPO / "CHANGELOG.md", destination / "CHANGELOG.md")
    return Site(destination / "demo_site")


def plugin_entry(**options: Any) -> Any:
    """The `plugins:` item: `favicons` alone, or `{favicons: {...}}` with options."""
    return {"favicons": options} if options else "favicons"


def write_site(
    root: Path,
    config: dict[str, Any] | None = None,
    docs: dict[str, str | bytes] | None = None,
    files: dict[str, str | bytes] | None = None,
    pages: dict[str, str] | None = None,
) -> Site:
    """A fixture site in `root`: mkdocs.yml from `config`, pages, extra docs files, other files.

    `config` defaults to one plugin entry with no options; `site_name` is filled in. `docs` paths
    are relative to docs/, `files` paths to the site root (for sources outside docs_dir).
    """
    site = Site(root)
    config = dict(config or {"plugins": [plugin_entry()]})
    config.setdefault("site_name", "Favicon Test Site")
    site.docs_dir.mkdir(parents=True, exist_ok=True)
    for relative, content in {**(PAGES if pages is None else pages), **(docs or {})}.items():
        _write(site.docs_dir / relative, content)
    for relative, content in (files or {}).items():
        _write(root / relative, content)
    site.write_config(config)
    return site


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@dataclass
class Build:
    returncode: int
    output: str  # stdout and stderr together, in order

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def lines(self, word: str) -> list[str]:
        return [line for line in self.output.splitlines() if word in line]


def run(args: list[str], cwd: Path, *, program: str = sys.executable) -> Build:
    """Run `program` (this Python unless told) with `args`; stdout and stderr together."""
    process = subprocess.run(
        [program, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
    )
    return Build(process.returncode, process.stdout)


def build(
    site: Site, *, strict: bool = False, check: bool = True, cwd: Path | None = None
) -> Build:
    """`python -m mkdocs build -f <site>/mkdocs.yml`, run in the site folder unless `cwd` is given.

    With `check`, a failed build fails the test.
    """
    args = ["-m", "mkdocs", "build", "-f", str(site.config_file)]
    if strict:
        args.append("--strict")
    result = run(args, cwd or site.root)
    if check:
        assert result.ok, f"mkdocs build failed ({result.returncode}):\n{result.output}"
    return result


def build_project(project: Path, *, check: bool = True) -> Build:
    """`python -m mkdocs build --strict` in `project` (its mkdocs.yml, its site/ folder).

    With `check`, a failed build fails the test.
    """
    result = run(["-m", "mkdocs", "build", "--strict"], project)
    if check:
        assert result.ok, f"mkdocs build failed ({result.returncode}):\n{result.output}"
    return result


def cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m mkdocs_favicons ARGS`, stdout and stderr kept apart; the caller checks."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_favicons", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


# ---------------------------------------------------------------------------------------------
# Reading what was built

ICON_RELS = ("icon", "shortcut icon", "apple-touch-icon", "mask-icon", "manifest")
ICON_METAS = ("theme-color", "apple-mobile-web-app-title")


def head_tags(html: str) -> list[dict[str, str]]:
    """Every icon-related `<link>`/`<meta>` in the head, as attribute dicts (rel joined)."""
    head = BeautifulSoup(html, "html.parser").head
    assert head is not None, "page has no <head>"
    tags = []
    for element in head.find_all(["link", "meta"]):
        attrs = {
            key: " ".join(value) if isinstance(value, list) else str(value)
            for key, value in element.attrs.items()
        }
        rel = attrs.get("rel", "").lower()
        name = attrs.get("name", "").lower()
        if (
            rel in ICON_RELS
            or rel.startswith("apple-touch-icon")
            or name in ICON_METAS
            or name.startswith("msapplication-")
        ):
            tags.append({"tag": element.name, **attrs})
    return tags


def links(html: str) -> list[dict[str, str]]:
    return [tag for tag in head_tags(html) if tag["tag"] == "link"]


def resolve(site_dir: Path, page: Path, href: str, root_path: str = "/") -> Path:
    """The file an href points to from a page in site_dir, as a browser would resolve it.

    Absolute paths are taken from `root_path` (the site_url path, such as `/sub/`).
    """
    path = unquote(urlsplit(href).path)
    assert not urlsplit(href).scheme, f"unexpected absolute URL {href}"
    if path.startswith("/"):
        assert path.startswith(root_path), f"{href} is outside the site root {root_path}"
        return site_dir / path[len(root_path) :]
    base = PurePosixPath(page.relative_to(site_dir).as_posix()).parent
    parts: list[str] = [] if str(base) == "." else list(base.parts)
    for part in PurePosixPath(path).parts:
        if part == "..":
            assert parts, f"{href} climbs above the site root from {page}"
            parts.pop()
        elif part != ".":
            parts.append(part)
    return site_dir.joinpath(*parts)


def pixel_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def ico_entries(data: bytes) -> list[tuple[int, int, bytes]]:
    """Parse an ICO directory by hand: (width, height, payload) per entry, in file order."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1), "not an ICO header"
    entries = []
    for index in range(count):
        w, h, _colors, _zero, _planes, _bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert offset + length <= len(data), "ICO entry runs past the end of the file"
        payload = data[offset : offset + length]
        entries.append((w or 256, h or 256, payload))
    return entries


def ico_sizes(path: Path) -> list[int]:
    """The entry sizes, checking that each PNG payload really has the size its entry declares."""
    sizes = []
    for width, height, payload in ico_entries(path.read_bytes()):
        assert payload.startswith(b"\x89PNG"), "ICO entry is not PNG-compressed"
        with Image.open(io.BytesIO(payload)) as image:
            assert image.size == (width, height), (
                f"ICO entry declares {width}x{height}, is {image.size}"
            )
        assert width == height
        sizes.append(width)
    return sizes


def declared_sizes(path: Path) -> set[str]:
    """What a file really is, in `sizes` syntax: `16x16 32x32` for ICO, `WxH` for PNG, `any` SVG."""
    if path.suffix == ".svg":
        return {"any"}
    if path.suffix == ".ico":
        return {f"{s}x{s}" for s in ico_sizes(path)}
    width, height = pixel_size(path)
    return {f"{width}x{height}"}


def check_page_links(site_dir: Path, page: Path, root_path: str = "/") -> list[Path]:
    """Every icon link of a page resolves to an existing file whose real size matches `sizes`."""
    targets = []
    for tag in links(page.read_text(encoding="utf-8")):
        target = resolve(site_dir, page, tag["href"], root_path)
        assert target.is_file(), f"{page.name}: {tag['href']} -> {target} does not exist"
        # An ICO may declare some of its entries (Icon.declared_override in presets.py).
        if "sizes" in tag:
            assert set(tag["sizes"].split()) <= declared_sizes(target), (
                f"{page.name}: {tag['href']} declares {tag['sizes']}, is {declared_sizes(target)}"
            )
        targets.append(target)
    return targets


def tree_digest(directory: Path) -> dict[str, str]:
    """Every file below a folder with its SHA-256, and every folder as "/", to prove nothing was
    written there."""
    return {
        path.relative_to(directory).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "/"
        )
        for path in sorted(directory.rglob("*"))
    }


def opaque(image: Image.Image) -> bool:
    return image.mode == "RGB" or image.convert("RGBA").getchannel("A").getextrema() == (255, 255)


def icotool_errors(path: Path) -> str:
    """icotool always exits 0, so a malformed ICO only shows on stderr."""
    process = subprocess.run(["icotool", "-l", str(path)], capture_output=True, text=True)
    return process.stderr
