"""Loading a built site, a folder or an `http://` URL: its pages' icon declarations and files.

Only each page's head is read, with the same standard-following reader the injector uses, and
every file is read at most once however many pages point at it. A page the checker cannot judge
is listed as skipped, with the reason.
"""

from __future__ import annotations

import posixpath
import re
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..basepath import SITEMAP_LOC, base_path
from ..head import WHITESPACE, Element, Head, Refusal, ascii_lower, read_head, rel_tokens
from ..pages import PageIcons, is_page_name, page_icons, page_names

FETCH_TIMEOUT = 10  # seconds per request in URL mode
FETCH_WORKERS = 8
_LINK = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']?([^"'\s>#]+)""", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
HEAD_CHUNK = 16 * 1024  # most heads fit; the read doubles until the head ends
MAX_PAGES = 20_000  # a crawl bound for served sites


@dataclass(eq=False)  # compared by identity: equal declarations are one shared object
class Declaration:
    """One `<link>` or `<meta>` icon declaration in a page's head."""

    element: str  # "link" or "meta"
    attributes: Mapping[str, str]  # as the tokenizer sees them (shared: never change it)
    target: str | None  # the site path its URL resolves to; None: no URL, or outside the site
    url: str = ""  # the URL as written (href, or content for URL-valued metas)

    @cached_property
    def rel(self) -> frozenset[str]:
        return rel_tokens(self.attributes.get("rel", ""))

    @cached_property
    def name(self) -> str:
        return ascii_lower(self.attributes.get("name", "").strip(WHITESPACE))

    def get(self, attribute: str) -> str:
        return self.attributes.get(attribute, "").strip()

    def describe(self) -> str:
        """A short form for messages, such as `<link rel="icon" type="image/svg+xml">`."""
        if self.element == "meta":
            return f'<meta name="{self.get("name")}">'
        parts = [f'rel="{self.get("rel")}"']
        parts += [f'{a}="{self.get(a)}"' for a in ("type", "sizes", "media") if self.get(a)]
        return f"<link {' '.join(parts)}>"


class SkipReason(Enum):
    """Why a page is not judged; the value is the sentence the report shows."""

    GONE = "it could not be read"
    REDIRECT = "a redirect stub (meta refresh): nobody sees its icons"
    FRAGMENT = "a fragment, not a page: no <!DOCTYPE>, <html>, <head> or <body>"
    UNCLOSED = "the file ends inside a comment that opens before its head"
    TEMPLATE = "a <template> in its head holds <svg>, <math>, <select> or <plaintext>"
    NOT_A_PAGE = "HTML the build did not write (copied as it is, or by another plugin)"


_REFUSAL_REASONS = {
    Refusal.FRAGMENT: SkipReason.FRAGMENT,
    Refusal.UNCLOSED: SkipReason.UNCLOSED,
    Refusal.TEMPLATE: SkipReason.TEMPLATE,
}


@dataclass(frozen=True)
class Skipped:
    """A page the checker did not judge, and why."""

    path: str
    reason: SkipReason


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


def open_site(root: str | Path, base_url: str = "/") -> Site:
    """The reader for `root`: a `UrlSite` for an `http(s)://` root URL, else a `FolderSite`
    served at `base_url`."""
    if str(root).startswith(("http://", "https://")):
        return UrlSite(str(root))
    return FolderSite(Path(root), base_url)


class Site(ABC):
    """A built site, read by one of two readers with one interface: `FolderSite` or `UrlSite`.

    `origin` is the scheme and host of a served site ("" for a folder), `base` the URL path
    of the site root, such as `/sub/`.
    """

    def __init__(self, origin: str, base: str) -> None:
        self.origin = origin
        self.base = base
        self._files: dict[str, bytes | None] = {}
        self._joined: dict[tuple[str, str], str | None] = {}
        self._interned: dict[tuple[str, str | None], Declaration] = {}

    # ---- files --------------------------------------------------------------------------------
    def read(self, path: str) -> bytes | None:
        """The bytes of one site file, None when it does not exist. Read once, then cached."""
        if path not in self._files:
            self._files[path] = self._load(path)
        return self._files[path]

    def files_read(self) -> dict[str, bytes | None]:
        """Every file read so far (None: it does not exist), pages' heads aside: what the
        findings about the declared files rest on."""
        return dict(self._files)

    @abstractmethod
    def _load(self, path: str) -> bytes | None:
        """One file's bytes from the folder or the server; None when it is not there."""

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
    @abstractmethod
    def page_paths(self) -> list[str]:
        """The site paths of its pages, such as `guide/index.html`."""

    def pages(
        self, known: Mapping[str, PageIcons] | None = None
    ) -> tuple[list[Page], list[Skipped]]:
        """Every HTML page with its icon declarations, and the pages not judged, with why.

        `known` gives some pages' heads without reading them (the plugin knows what it wrote);
        the others are read.
        """
        pages: list[Page] = []
        skipped: list[Skipped] = []
        for path in self.page_paths():
            icons = known.get(path) if known else None
            page = self.page(path) if icons is None else self.judged(path, icons)
            if isinstance(page, Page):
                pages.append(page)
            else:
                skipped.append(page)
        return pages, skipped

    def page(self, path: str) -> Page | Skipped:
        """One page's declarations, as the standard's parser puts them in its head."""
        found = self._head(path)
        if found is None:
            return Skipped(path, SkipReason.GONE)
        return self.judged(path, page_icons(found[1]))

    def judged(self, path: str, icons: PageIcons) -> Page | Skipped:
        """One page from what its head declares, or why it is skipped."""
        if icons.refusal is not None:
            return Skipped(path, _REFUSAL_REASONS[icons.refusal])
        if icons.redirect:
            return Skipped(path, SkipReason.REDIRECT)
        return self.declared(path, icons.declarations)

    def declared(self, path: str, elements: Iterable[Element]) -> Page:
        """A page from icon declarations already read (such as `Injection.declarations`)."""
        return Page(path, list(self._declarations(path, elements)))

    def _head(self, path: str) -> tuple[str, Head] | None:
        """A page's text (at least up to where its head ends) and its head; None when gone."""
        data = self.read(path)
        if data is None:
            return None
        html = data.decode("utf-8", "replace")
        return html, read_head(html)

    def _declarations(self, page: str, elements: Iterable[Element]) -> Iterable[Declaration]:
        for found in elements:
            element, attributes, tag = found.name, found.attributes, found.source
            url = attributes.get("href", "") if element == "link" else ""
            name = ascii_lower(attributes.get("name", "").strip(WHITESPACE))
            if element == "meta" and name in URL_METAS:
                url = attributes.get("content", "")
                url = "" if url.strip().lower() == "none" else url  # msapplication-config: none
            target = self.resolve(url, page) if url.strip() else None
            key = (tag, target)
            if key not in self._interned:  # one object per meaning, so rules can memoize
                self._interned[key] = Declaration(
                    element, attributes, target, url.strip(WHITESPACE)
                )
            yield self._interned[key]


class FolderSite(Site):
    """A site in a folder, served at `base_url`; its pages are the `pages.html_pages` files."""

    def __init__(self, folder: Path, base_url: str = "/") -> None:
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder}: no such folder; build the site first")
        super().__init__("", base_path(base_url) or "/")
        self.folder = folder

    def _load(self, path: str) -> bytes | None:
        file = self.folder / path
        try:
            return file.read_bytes() if file.is_file() else None
        except OSError:
            return None

    def page_paths(self) -> list[str]:
        return page_names(self.folder)

    def _head(self, path: str) -> tuple[str, Head] | None:
        """Read a page only as far as its head reaches (pages can be 300 KB of body)."""
        try:
            with open(self.folder / path, "rb") as file:
                data, size = b"", HEAD_CHUNK
                while True:
                    chunk = file.read(size)
                    data += chunk
                    html = data.decode("utf-8", "replace")
                    head = read_head(html)
                    if not head.reached_eof or len(chunk) < size:
                        return html, head
                    size *= 2
        except OSError:
            return None


class UrlSite(Site):
    """A served site from its root URL; its pages are the sitemap's and those linked from home."""

    def __init__(self, root_url: str) -> None:
        split = urlsplit(root_url)
        path = split.path or "/"
        # The URL names the site root, so no base_url is needed.
        base = path if path.endswith("/") else posixpath.dirname(path) + "/"
        super().__init__(f"{split.scheme}://{split.netloc}", base)

    def _load(self, path: str) -> bytes | None:
        try:
            with urllib.request.urlopen(self.url(path, absolute=True), timeout=FETCH_TIMEOUT) as r:
                return bytes(r.read())
        except (urllib.error.URLError, OSError, ValueError):
            return None  # HTTPError (404 and friends) is a URLError

    def page_paths(self) -> list[str]:
        """The sitemap's pages, plus every page reachable by links from home."""
        if self.read("index.html") is None:
            raise FileNotFoundError(
                f"{self.url('', absolute=True)}: no page answers there; serve the site first"
            )
        frontier = {"index.html", "404.html"}
        sitemap = self.read("sitemap.xml")
        if sitemap:
            frontier |= self._page_links(sitemap, "index.html", SITEMAP_LOC)
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
        return {link for link in links if link and is_page_name(link)}
