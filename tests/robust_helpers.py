"""Fixture sites for the robustness tests: write a tiny MkDocs project, build it in a real
`mkdocs build` subprocess, and prove docs_dir is byte-identical afterwards."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from helpers import tree_digest as hash_tree

if TYPE_CHECKING:
    from bs4 import Tag
    from PIL.Image import Image

LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<rect x="8" y="8" width="48" height="48" rx="8" fill="#3b5bdb"/></svg>'
)


def png(
    size: int | tuple[int, int] = 512,
    color: tuple[int, ...] = (59, 91, 219, 255),
    mark: bool = True,
) -> bytes:
    """A PNG of one colour with, unless `mark` is false, a white disc in the middle: the least a
    logo is (one flat square gives invisible manifest icons, which the visibility rule reports)."""
    from PIL import Image, ImageDraw

    dimensions = (size, size) if isinstance(size, int) else size
    image = Image.new("RGBA", dimensions, color)
    radius = min(dimensions) / 4 if mark else 0
    centre_x, centre_y = dimensions[0] / 2, dimensions[1] / 2
    if mark:
        ImageDraw.Draw(image).ellipse(
            (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
            fill="white",
        )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@dataclass
class Site:
    """A fixture MkDocs project in `root`: mkdocs.yml, docs/ and (after a build) site/."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def out(self) -> Path:
        return self.root / "site"

    def build(self, *args: str, cache: bool = False) -> Build:
        """Run a real `mkdocs build` and assert docs_dir is unchanged byte for byte."""
        before = hash_tree(self.docs)
        completed = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-d", str(self.out), *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert hash_tree(self.docs) == before, "the build changed docs_dir"
        return Build(completed.returncode, completed.stdout, completed.stderr)

    def peak_build(self, *args: str) -> tuple[Build, int]:
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
        before = hash_tree(self.docs)
        command = [sys.executable, "-m", "mkdocs", "build", "-d", str(self.out), *args]
        completed = subprocess.run(
            [sys.executable, "-c", wrapper, *command],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert hash_tree(self.docs) == before, "the build changed docs_dir"
        *lines, peak = completed.stderr.rstrip("\n").split("\n")
        stderr = "\n".join(lines)
        return Build(completed.returncode, completed.stdout, stderr), int(peak) * 1024

    def head(self, page: str = "index.html") -> Tag:
        """The built page's <head>, parsed."""
        html = (self.out / page).read_text(encoding="utf-8")
        head = BeautifulSoup(html, "html.parser").head
        assert head is not None
        return head

    def image(self, name: str) -> Image:
        """A generated bitmap from the built site, as RGBA."""
        from PIL import Image as PILImage

        image = PILImage.open(self.out / name)
        image.load()
        return image.convert("RGBA")

    def read(self, name: str) -> bytes:
        return (self.out / name).read_bytes()


def make_site(
    root: Path,
    source: bytes | None = None,
    source_name: str = "logo.svg",
    options: str = "",
    files: dict[str, bytes | str] | None = None,
    theme: str = "mkdocs",
    cache: bool = False,
) -> Site:
    """Write a project whose favicons plugin reads `source_name` (from the project root).

    `options` is extra YAML for the plugin, indented by the caller's eight spaces; `files` are
    extra files under docs/.
    """
    root = root.resolve()
    root.mkdir(parents=True, exist_ok=True)
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    for name, content in (files or {}).items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    if source is not None:
        (root / source_name).write_bytes(source)
    source_line = f"        source: {source_name}\n" if source_name else ""
    cache_line = "" if cache else "        cache: false\n"
    (root / "mkdocs.yml").write_text(
        "site_name: Robust\n"
        f"theme:\n  name: {theme}\n"
        "plugins:\n"
        "  - favicons:\n"
        f"{source_line}{cache_line}{options}",
        encoding="utf-8",
    )
    return Site(root)


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


# --- the injector's oracle: independent of mkdocs_favicons.inject ---------------------------


def our_block(prefix: str = "") -> str:
    """The real tag block the plugin injects, for an SVG source of the minimal preset."""
    from mkdocs_favicons.iconset import IconSet
    from mkdocs_favicons.options import Options
    from mkdocs_favicons.presets import MANIFEST_NAME, icons_for
    from mkdocs_favicons.tags import TagBuilder

    names = [icon.name for icon in icons_for("minimal", True)] + [MANIFEST_NAME]
    iconset = IconSet(Options(app_name="Robust"), True, "#3b5bdb", dict.fromkeys(names, b""))
    return TagBuilder(iconset).block(prefix)


def declares_icon(tag: Tag) -> bool:
    """Whether a parsed <link>/<meta> is an icon declaration, by the HTML and PWA specs."""
    if tag.name == "link":
        rel = tag.get("rel") or []
        tokens = {t.lower() for t in (rel.split() if isinstance(rel, str) else rel)}
        return bool(tokens & {"icon", "mask-icon", "manifest"}) or any(
            t.startswith("apple-touch-icon") for t in tokens
        )
    if tag.name == "meta":
        name = str(tag.get("name") or "").lower()
        return name in ("theme-color", "apple-mobile-web-app-title") or name.startswith(
            "msapplication-"
        )
    return False


def icon_declarations(html: str) -> list[str]:
    """Icon declarations in markup (comments, script/style text and templates are not)."""
    with warnings.catch_warnings():  # an XML prolog before the doctype is fine here
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "html.parser")
    for template in soup.find_all("template"):  # inert content, not part of the document
        template.decompose()
    return [str(tag) for tag in soup.find_all(["link", "meta"]) if declares_icon(tag)]


def without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        pieces.append(text[cursor:start])
        cursor = end
    return "".join(pieces) + text[cursor:]


def assert_only_head_edits(
    original: str, result: str, removed: list[tuple[int, int]], at: int, block: str
) -> None:
    """The result is the original with the removed spans cut and the block inserted at `at`,
    and every removed span holds nothing but one icon declaration and whitespace."""
    for start, end in removed:
        span = original[start:end]
        assert span.strip().startswith("<") and span.strip().endswith(">"), span
        declarations = icon_declarations(span)
        assert len(declarations) == 1 and span.count("<") == 1, span
    kept = sorted([(start, end, "") for start, end in removed])
    expected = []
    for inserted in (block, "\n" + block):
        pieces, cursor = [], 0
        for start, end, _ in sorted([*kept, (at, at, inserted)], key=lambda e: (e[0], e[1])):
            pieces.append(original[cursor:start])
            pieces.append(inserted if start == end == at else "")
            cursor = max(cursor, end)
        expected.append("".join(pieces) + original[cursor:])
    assert result in expected, (original, result)
