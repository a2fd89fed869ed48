"""Shared test helpers: the one fixture-site builder, real MkDocs builds, and readers for what
they built.

A `Site` is a MkDocs project in a folder: `write` lays out mkdocs.yml, pages and files, and
`build` runs MkDocs on it, in this process (`mkdocs.commands.build.build(load_config(...))`, as
`mkdocs build` does) or, where a test needs a separate process or asserts on what a user sees in
the terminal, as `python -m mkdocs build`. Either way the result is a `Build`: the exit code and
the log lines as the terminal shows them. The logos the sites use live in tests/logos.py.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import shutil
import struct
import subprocess
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup
from logos import BADGE_SVG, disc_png
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException
from PIL import Image

if TYPE_CHECKING:
    from bs4 import Tag

# ---------------------------------------------------------------------------------------------
# Fixture sites and builds

REPO = Path(__file__).resolve().parent.parent

PAGES = {
    "index.md": "# Home\n\nWelcome.\n",
    "about.md": "# About\n\nAbout this site.\n",
    "nested/deep/page.md": "# Deep\n\nA nested page.\n",
}


@dataclass
class Build:
    """How a build ended and what it printed, as a user's terminal shows it."""

    returncode: int
    output: str  # stdout and stderr together, in order

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def lines(self, word: str) -> list[str]:
        return [line for line in self.output.splitlines() if word in line]


@dataclass
class Site:
    """A fixture MkDocs project in `root`: mkdocs.yml, docs/ and (after a build) site/."""

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

    def write(
        self,
        config: dict[str, Any] | None = None,
        *,
        docs: dict[str, str | bytes] | None = None,
        files: dict[str, str | bytes] | None = None,
        pages: dict[str, str] | None = None,
    ) -> Site:
        """Lay out the project: mkdocs.yml from `config`, pages, extra docs files, other files.

        `config` defaults to one plugin entry with no options; `site_name` is filled in. `pages`
        default to three (one nested two deep). `docs` paths are relative to docs/, `files` paths
        to the project root (for sources outside docs_dir).
        """
        config = dict(config or {"plugins": [plugin_entry()]})
        config.setdefault("site_name", "Favicon Test Site")
        self.docs_dir.mkdir(parents=True, exist_ok=True)
        for relative, content in {**(PAGES if pages is None else pages), **(docs or {})}.items():
            write_file(self.docs_dir / relative, content)
        for relative, content in (files or {}).items():
            write_file(self.root / relative, content)
        self.write_config(config)
        return self

    def build(
        self,
        *,
        strict: bool = False,
        check: bool = True,
        in_process: bool = True,
        cwd: Path | None = None,
    ) -> Build:
        """`mkdocs build` (`--strict` with `strict`) in `cwd`, the project folder unless given.

        In this process unless `in_process` is false, then as `python -m mkdocs build`. With
        `check`, a failed build fails the test. Either way docs_dir must come out byte-identical.
        """
        before = tree_digest(self.docs_dir)
        if in_process:
            with working_directory(cwd or self.root):
                result = build_in_process(self.config_file, strict=strict)
        else:
            args = ["-m", "mkdocs", "build", "-f", str(self.config_file)]
            result = run([*args, "--strict"] if strict else args, cwd or self.root)
        assert tree_digest(self.docs_dir) == before, "the build changed docs_dir"
        if check:
            assert result.ok, f"mkdocs build failed ({result.returncode}):\n{result.output}"
        return result

    def peak_build(self, *, strict: bool = False) -> tuple[Build, int]:
        """Build in a fresh wrapper process and return the build's peak RSS in bytes.

        RUSAGE_CHILDREN is the largest child the caller ever waited for, so a new wrapper whose
        only child is the build gives that build's own peak.
        """
        wrapper = (
            "import resource, subprocess, sys\n"
            "code = subprocess.run(sys.argv[1:]).returncode\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(code)\n"
        )
        before = tree_digest(self.docs_dir)
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(self.config_file)]
        completed = subprocess.run(
            [sys.executable, "-c", wrapper, *command, *(["--strict"] if strict else [])],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert tree_digest(self.docs_dir) == before, "the build changed docs_dir"
        *lines, peak = completed.stderr.rstrip("\n").split("\n")
        output = completed.stdout + "\n".join(lines)
        return Build(completed.returncode, output), int(peak) * 1024

    def page_files(self) -> list[Path]:
        """Every built page and static HTML template (404.html), as paths in site_dir."""
        return sorted(self.site_dir.rglob("*.html"))

    def read(self, relative: str) -> str:
        return (self.site_dir / relative).read_text(encoding="utf-8")

    def read_bytes(self, relative: str) -> bytes:
        return (self.site_dir / relative).read_bytes()

    def head(self, page: str = "index.html") -> Tag:
        """A built page's <head>, parsed."""
        head = BeautifulSoup(self.read(page), "html.parser").head
        assert head is not None, f"{page} has no <head>"
        return head

    def image(self, relative: str) -> Image.Image:
        """A generated bitmap from the built site, as RGBA."""
        with Image.open(self.site_dir / relative) as image:
            return image.convert("RGBA")


SiteFactory = Callable[..., Site]


def write_file(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def plugin_entry(**options: Any) -> Any:
    """The `plugins:` item: `favicons` alone, or `{favicons: {...}}` with options."""
    return {"favicons": options} if options else "favicons"


def site_with_source(
    root: Path,
    source: bytes | None,
    source_name: str = "logo.svg",
    options: dict[str, Any] | None = None,
    *,
    docs: dict[str, str | bytes] | None = None,
    theme: str = "mkdocs",
    cache: bool = False,
) -> Site:
    """A one-page site whose plugin reads `source_name` from the project root (none when the
    name is empty), with `options` for the plugin and, unless `cache`, no cache."""
    plugin: dict[str, Any] = {"source": source_name} if source_name else {}
    plugin.update({} if cache else {"cache": False})
    config = {
        "site_name": "Robust",
        "theme": {"name": theme},
        "plugins": [plugin_entry(**plugin, **(options or {}))],
    }
    files: dict[str, str | bytes] = {source_name: source} if source is not None else {}
    return Site(root.resolve()).write(
        config, pages={"index.md": "# Home\n\nHello.\n"}, docs=docs, files=files
    )


def checker_site(
    root: Path,
    *,
    preset: str = "minimal",
    source: str = "svg",
    site_url: str | None = None,
    cache_dir: Path | None = None,
    hooks: list[str] | None = None,
    mkdocs: dict[str, object] | None = None,
    **options: object,
) -> Site:
    """A three-page project in `root` (one page nested) with a badge logo: SVG, or a PNG disc
    with `source="png"`. `options` go to the favicons plugin, `mkdocs` to mkdocs.yml itself."""
    logo, content = ("logo.svg", BADGE_SVG) if source == "svg" else ("logo.png", disc_png())
    plugin: dict[str, object] = {"source": logo, "preset": preset, **options}
    if cache_dir is not None:
        plugin["cache_dir"] = str(cache_dir)
    config: dict[str, object] = {
        "site_name": "Checker Fixture",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "mkdocs"},
        "plugins": [{"favicons": plugin}],
    }
    if site_url:
        config["site_url"] = site_url
    if hooks:
        config["hooks"] = hooks
    config.update(mkdocs or {})
    pages = {
        "index.md": "# Home\n\n[Page](guide/page.md)\n",
        "guide/page.md": "# A nested page\n",
        "about.md": "# About\n",
    }
    return Site(root).write(config, pages=pages, files={logo: content})


def build_site(root: Path, *, strict: bool = True, **settings: Any) -> Path:
    """`checker_site(root, **settings)` built in this process (strict unless told); a failed
    build fails the test. Returns site_dir."""
    site = checker_site(root, **settings)
    site.build(strict=strict)
    return site.site_dir


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


class _TerminalLines(logging.Handler):
    """MkDocs' log records as its command line prints them (`WARNING -  message`)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def build_in_process(config_file: Path, *, strict: bool) -> Build:
    """What `mkdocs build [--strict]` does, in this process: load the config, start the plugins,
    build, shut them down. Its log lines and exit code come back as a `Build`; an exception the
    command line would print as a traceback comes back as one."""
    logger = logging.getLogger("mkdocs")
    capture = _TerminalLines()
    level = logger.level
    logger.addHandler(capture)
    logger.setLevel(logging.INFO)
    returncode = 0
    try:
        config = load_config(str(config_file), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as abort:
        capture.lines.append("\n" + abort.format_message())
        returncode = abort.code
    except MkDocsException as error:
        capture.lines.append(f"Error: {error.format_message()}")
        returncode = error.exit_code
    except Exception:
        capture.lines.append(traceback.format_exc())
        returncode = 1
    finally:
        logger.removeHandler(capture)
        logger.setLevel(level)
    return Build(returncode, "\n".join(capture.lines) + "\n")


@contextmanager
def working_directory(folder: Path) -> Iterator[None]:
    """Run the block in `folder`, as a command started there would, and come back."""
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def run(args: list[str], cwd: Path, *, program: str = sys.executable) -> Build:
    """Run `program` (this Python unless told) with `args`; stdout and stderr together."""
    process = subprocess.run(
        [program, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    return Build(process.returncode, process.stdout)


def cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m mkdocs_favicons ARGS` in `cwd` (this folder unless given), stdout and stderr
    kept apart; the caller checks."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_favicons", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def assert_clean_error(build: Build, *names: str) -> None:
    """A failed build whose error is short, names what it should, and has no traceback."""
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    error_lines = [line for line in build.output.splitlines() if line.startswith("ERROR")]
    assert error_lines, build.output
    message = "\n".join(
        line for line in build.output.splitlines() if not line.startswith(("INFO", "DEBUG"))
    )
    for name in names:
        assert name in message, message
    # One or two lines of explanation (MkDocs adds an "Aborted with a BuildError!" line).
    explanation = [line for line in message.splitlines() if line.strip() and "Aborted" not in line]
    assert len(explanation) <= 2, message


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


def tag_kinds(html: str) -> Counter[str]:
    """How many icon tags of each kind (`rel`, or a meta's `name`) a page's head holds."""
    return Counter(tag.get("rel") or tag["name"] for tag in head_tags(html))


# One tag of each kind for an SVG source, minimal preset.
MINIMAL_SVG_TAGS = Counter(
    {
        "icon": 2,
        "shortcut icon": 1,
        "apple-touch-icon": 1,
        "apple-mobile-web-app-title": 1,
        "manifest": 1,
        "theme-color": 1,
    }
)


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
