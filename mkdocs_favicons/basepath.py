"""The URL path a site is served at (`/sub/`): normalised once, and guessed for a built folder.

The plugin, the CLI and the checker all normalise through `base_path`. `infer_base_path` is the
checker's guess when no `--base-url` is given: a folder says where it is served in its
`sitemap.xml`, in the absolute icon URLs of its `404.html`, or in the `site_url` of a
`mkdocs.yml` beside it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITEMAP_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>", re.I)  # a sitemap.xml page URL
_ICON_HREF = re.compile(
    r"""<link\b[^>]*\brel\s*=\s*["']?[^"'>]*icon[^>]*\bhref\s*=\s*["']?([^"'\s>]+)""", re.I
)
_SITE_URL = re.compile(r"^site_url\s*:\s*['\"]?([^'\"#\s]+)", re.M)
_HEAD_BYTES = 64 * 1024


def base_path(value: str) -> str:
    """`/sub/` from a URL or path (`https://x.org/sub`, `sub/`, `/sub`); `/` for the root;
    empty when `value` names no path (empty, a bare domain, `.`)."""
    path = urlsplit(value.strip()).path
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if not parts:
        return "/" if path.startswith("/") else ""
    return "/" + "/".join(parts) + "/"


@dataclass(frozen=True)
class Inferred:
    """A guessed base path and the evidence, for the line `check` prints."""

    path: str
    evidence: str


def infer_base_path(folder: Path) -> Inferred | None:
    """Where a built site folder is served, from its own files; None when nothing says."""
    return _from_sitemap(folder) or _from_404(folder) or _from_mkdocs_yml(folder)


def _from_sitemap(folder: Path) -> Inferred | None:
    text = _read(folder / "sitemap.xml")
    votes: Counter[str] = Counter()
    for loc in SITEMAP_LOC.findall(text):
        base = base_for_file(folder, unquote(urlsplit(loc).path) or "/")
        if base:
            votes[base] += 1
    if not votes:
        return None
    base, count = votes.most_common(1)[0]
    return Inferred(base, f"{count} of the sitemap.xml <loc> URLs")


def base_for_file(folder: Path, url_path: str) -> str | None:
    """The shortest prefix of `url_path` after which the rest names a file of `folder`: where
    the folder must be served for that URL to reach one of its files; None when none fits."""
    cuts = [index for index, char in enumerate(url_path) if char == "/"]
    for cut in cuts:
        base, rest = url_path[: cut + 1], url_path[cut + 1 :]
        target = folder / rest
        if (rest and target.is_file()) or (target / "index.html").is_file():
            return base
    return None


def _from_404(folder: Path) -> Inferred | None:
    text = _read(folder / "404.html")
    for href in _ICON_HREF.findall(text):
        path = unquote(urlsplit(href).path)
        base = base_for_file(folder, path) if path.startswith("/") else None
        if base:
            return Inferred(base, f"the icon URL {href} in 404.html")
    return None


def _from_mkdocs_yml(folder: Path) -> Inferred | None:
    for config in (folder.parent / "mkdocs.yml", folder.parent / "properdocs.yml"):
        match = _SITE_URL.search(_read(config))
        if match:
            return Inferred(base_path(match.group(1)) or "/", f"site_url in {config.name}")
    return None


def _read(path: Path) -> str:
    try:
        with open(path, "rb") as file:
            return file.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""
