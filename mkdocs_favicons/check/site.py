"""Loading a built site, a folder or an `http://` URL: its pages' icon declarations and files.

Only each page's head is scanned, with the same scanner the injector uses, and every file is
read at most once however many pages point at it.
"""

from __future__ import annotations

import os
import posixpath
import re
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..basepath import base_path
from ..inject import Head, find_head, icon_declarations, parse_tag

FETCH_TIMEOUT = 10  # seconds per request in URL mode
FETCH_WORKERS = 8
_SITEMAP_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>", re.I)
_LINK = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']?([^"'\s>#]+)""", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_OPENER = re.compile(r"<(script|style|template|textarea|title|noscript|xmp)\b|<!--", re.I)
_REFRESH = re.compile(r"""<meta\b[^>]*\bhttp-equiv\s*=\s*["']?refresh""", re.I)
HEAD_CHUNK = 16 * 1024  # most heads fit; the read doubles until the head ends
MAX_PAGES = 20_000  # a crawl bound for served sites


@dataclass(eq=False)  # compared by identity: equal declarations are one shared object
class Declaration:
    """One `<link>` or `<meta>` icon declaration in a page's head."""

    element: str  # "link" or "meta"
    attributes: dict[str, str]
    target: str | None  # the site path its URL resolves to; None: no URL, or outside the site
    url: str = ""  # the URL as written (href, or content for URL-valued metas)

    @cached_property
    def rel(self) -> frozenset[str]:
        return frozenset(self.attributes.get("rel", "").lower().split())

    @cached_property
    def name(self) -> str:
        return self.attributes.get("name", "").strip().lower()

    def get(self, attribute: str) -> str:
        return self.attributes.get(attribute, "").strip()

    def describe(self) -> str:
        """A short form for messages, such as `<link rel="icon" type="image/svg+xml">`."""
        if self.element == "meta":
            return f'<meta name="{self.get("name")}">'
        parts = [f'rel="{self.get("rel")}"']
        parts += [f'{a}="{self.get(a)}"' for a in ("type", "sizes", "media") if self.get(a)]
        return f"<link {' '.join(parts)}>"


@dataclass
class Page:
    path: str  # the site path, such as `guide/index.html`
    declarations: list[Declaration] = field(default_factory=list)

    @property
    def is_404(self) -> bool:
        return self.path == "404.html"


# Metas whose content is a URL to a file of the site.
URL_METAS = {
    "msapplication-tileimage",
    "msapplication-config",
    "msapplication-square70x70logo",
    "msapplication-square150x150logo",
    "msapplication-wide310x150logo",
    "msapplication-square310x310logo",
}


def _closed(html: str, end: int) -> bool:
    """Whether every comment and raw-text element opened before `end` closes in `html`.

    A chunk can end inside a script whose text holds "</head>", which would look like the end
    of the head; then more of the page must be read.
    """
    for match in _OPENER.finditer(html, 0, end):
        closer = "-->" if match.group(0) == "<!--" else f"</{match.group(1).lower()}"
        if _closer(closer).search(html, match.end()) is None:
            return False
    return True


@lru_cache(maxsize=16)
def _closer(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text), re.I)


class Site:
    """A built site: a folder, or the root URL of a served one."""

    def __init__(self, root: str | Path, base_url: str = "/") -> None:
        text = str(root)
        self.remote = text.startswith(("http://", "https://"))
        if self.remote:
            split = urlsplit(text)
            self.origin = f"{split.scheme}://{split.netloc}"
            path = split.path or "/"
            # The URL names the site root; --base-url only matters for folders.
            self.base = path if path.endswith("/") else posixpath.dirname(path) + "/"
        else:
            self.folder = Path(root)
            if not self.folder.is_dir():
                raise FileNotFoundError(f"{root}: no such folder; build the site first")
            self.origin = ""
            self.base = base_path(base_url) or "/"
        self._files: dict[str, bytes | None] = {}
        self._joined: dict[tuple[str, str], str | None] = {}
        self._interned: dict[tuple[str, str | None], Declaration] = {}

    # ---- files --------------------------------------------------------------------------------
    def read(self, path: str) -> bytes | None:
        """The bytes of one site file, None when it does not exist. Read once, then cached."""
        if path not in self._files:
            self._files[path] = self._fetch(path) if self.remote else self._read_local(path)
        return self._files[path]

    def _read_local(self, path: str) -> bytes | None:
        file = self.folder / path
        try:
            return file.read_bytes() if file.is_file() else None
        except OSError:
            return None

    def _fetch(self, path: str) -> bytes | None:
        try:
            with urllib.request.urlopen(self.url(path, absolute=True), timeout=FETCH_TIMEOUT) as r:
                return bytes(r.read())
        except (urllib.error.URLError, OSError, ValueError):
            return None  # HTTPError (404 and friends) is a URLError

    def url(self, path: str, absolute: bool = False) -> str:
        """The URL of a site path: `/sub/guide/` for `guide/index.html`."""
        if path == "index.html" or path.endswith("/index.html"):
            path = path[: -len("index.html")]
        return (self.origin if absolute else "") + self.base + path

    def url_path(self, url: str, page: str) -> str | None:
        """The URL path a URL written on `page` (or in a file) points at; None off this origin."""
        url = url.strip()
        path = url.split("#", 1)[0].split("?", 1)[0]
        if path and not _SCHEME.match(path) and not path.startswith("//"):
            # The common case, a relative or root path, without urljoin's cost on every page.
            if not path.startswith("/"):
                path = self.url(page).rsplit("/", 1)[0] + "/" + path
            normal = posixpath.normpath(unquote(path))
            return normal + "/" if path.endswith("/") and not normal.endswith("/") else normal
        key = (url, posixpath.dirname(page))
        if key not in self._joined:
            joined = urlsplit(urljoin(self.origin + self.url(page), url))
            resolved: str | None = None
            same_origin = (
                f"{joined.scheme}://{joined.netloc}" == self.origin
                if self.origin
                else not joined.netloc and joined.scheme in ("", "http", "https")
            )
            if same_origin:
                resolved = posixpath.normpath(unquote(joined.path) or "/")
                if joined.path.endswith("/") and not resolved.endswith("/"):
                    resolved += "/"
            self._joined[key] = resolved
        return self._joined[key]

    def resolve(self, url: str, page: str) -> str | None:
        """The site path a URL on `page` points at; None when it leaves the site.

        Query strings (`?v=hash`) and fragments are ignored, as servers do for static files.
        """
        path = self.url_path(url, page)
        if path is None or not (path + "/").startswith(self.base):
            return None
        relative = path[len(self.base) :] if len(path) >= len(self.base) else ""
        return relative + "index.html" if relative.endswith("/") or not relative else relative

    # ---- pages --------------------------------------------------------------------------------
    def page_paths(self) -> list[str]:
        if not self.remote:
            return sorted(
                f"{Path(folder).relative_to(self.folder).as_posix()}/{name}".removeprefix("./")
                for folder, _dirs, names in os.walk(self.folder)
                for name in names
                if name.endswith(".html")
            )
        return self._crawl()

    def _crawl(self) -> list[str]:
        """A served site's pages: the sitemap's, plus every page reachable by links from home."""
        if self.read("index.html") is None:
            raise FileNotFoundError(
                f"{self.url('', absolute=True)}: no page answers there; serve the site first"
            )
        frontier = {"index.html", "404.html"}
        sitemap = self.read("sitemap.xml")
        if sitemap:
            frontier |= self._page_links(sitemap, "index.html", _SITEMAP_LOC)
        seen: set[str] = set()
        with ThreadPoolExecutor(FETCH_WORKERS) as pool:
            while frontier and len(seen) < MAX_PAGES:
                batch = sorted(frontier - seen)[: MAX_PAGES - len(seen)]
                seen.update(batch)
                frontier = set()
                for path, data in zip(batch, pool.map(self.read, batch), strict=True):
                    if data is not None and path != "404.html":
                        frontier |= self._page_links(data, path, _LINK)
        return sorted(path for path in seen if self.read(path) is not None)

    def _page_links(self, data: bytes, page: str, pattern: re.Pattern[str]) -> set[str]:
        urls = pattern.findall(data.decode("utf-8", "replace"))
        links = (self.resolve(unescape(url), page) for url in urls)
        return {link for link in links if link and link.endswith(".html")}

    def pages(self) -> list[Page]:
        """Every HTML page that has a head, with its icon declarations."""
        paths = self.page_paths()
        pages = (self.page(path) for path in paths)
        return [page for page in pages if page is not None]

    def page(self, path: str) -> Page | None:
        found = self._remote_head(path) if self.remote else self._local_head(path)
        if found is None:
            return None  # gone, a fragment, or a non-page HTML file: nothing to declare
        html, head = found
        if _REFRESH.search(html, head.content_start, head.end):
            return None  # a redirect stub (mkdocs-redirects): no one sees its icons
        tags = (match.group(0) for match in icon_declarations(html, head))
        return Page(path, list(self._declarations(path, tags)))

    def _remote_head(self, path: str) -> tuple[str, Head] | None:
        data = self.read(path)
        if data is None:
            return None
        html = data.decode("utf-8", "replace")
        head = find_head(html)
        return None if isinstance(head, str) else (html, head)

    def _local_head(self, path: str) -> tuple[str, Head] | None:
        """Read a page only as far as the end of its head (pages can be 300 KB of body)."""
        try:
            with open(self.folder / path, "rb") as file:
                data, size = b"", HEAD_CHUNK
                while True:
                    chunk = file.read(size)
                    data += chunk
                    html = data.decode("utf-8", "replace")
                    head = find_head(html)
                    if not isinstance(head, str) and (not chunk or _closed(html, head.end)):
                        return html, head
                    if not chunk or isinstance(head, str) and "two" in head:
                        return None
                    size *= 2
        except OSError:
            return None

    def _declarations(self, page: str, tags: Iterable[str]) -> Iterable[Declaration]:
        for tag in tags:
            element, attributes = parse_tag(tag)
            url = attributes.get("href", "") if element == "link" else ""
            if element == "meta" and attributes.get("name", "").strip().lower() in URL_METAS:
                url = attributes.get("content", "")
                url = "" if url.strip().lower() == "none" else url  # msapplication-config: none
            target = self.resolve(url, page) if url.strip() else None
            key = (tag, target)
            if key not in self._interned:  # one object per meaning, so rules can memoize
                self._interned[key] = Declaration(element, attributes, target, url.strip())
            yield self._interned[key]
