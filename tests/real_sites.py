"""One verdict for a built site, from three independent checkers (issue 10's "Done when").

`assert_site_passes` runs our own `check`, RealFaviconGenerator's check-favicon (tests/rfg.py) on
every listed page, and Chromium on every listed page: the tab icon is ours, the manifest loads
and the site is installable. Pages are served on loopback as GitHub Pages serves them (unknown
paths get 404.html with status 404).
"""

from __future__ import annotations

from pathlib import Path

from cdp import Tab
from rfg import rfg_check
from serving import serve

from mkdocs_favicons.check import NOTE, RuleId, check_site
from mkdocs_favicons.presets import file_names


def icon_files(site_dir: Path, svg_source: bool = True) -> list[str]:
    """Every copy of our root icon files below `site_dir` (same name, same bytes), as site
    paths. A theme's own `img/favicon.ico` is not a copy."""
    root = {name: (site_dir / name).read_bytes() for name in file_names("minimal", svg_source)}
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.name in root and path.read_bytes() == root[path.name]
    )


def assert_site_passes(
    site_dir: Path,
    prefix: str,
    pages: list[str],
    tab: Tab,
    *,
    served: Path | None = None,
    serve_prefix: str = "",
    icons: tuple[str, ...] = ("favicon.svg",),
    check_base: str = "",
    skipped: tuple[str, ...] = (),
) -> None:
    """Our check, check-favicon and Chromium all pass on `pages` (paths below `prefix`).

    Our check finds nothing but a note for each page in `skipped`, which it must pass over
    (a redirect stub, which nobody sees).

    `served` is the folder the server exposes at `serve_prefix` when it is larger than the site
    (a gh-pages tree holding every mike version); by default the site itself at `prefix`.
    `check_base` is the base URL our check gets when the site's own differs from where it is
    served (a mike alias: `latest/` holds 2.0's pages, whose 404.html links `/project/2.0/`).
    """
    findings = check_site(site_dir, check_base or prefix)
    listed = "\n".join(f"{f.page}: [{f.rule}] {f.message}" for f in findings)
    assert sorted((f.severity, f.rule, f.page) for f in findings) == [
        (NOTE, RuleId.SKIPPED, page) for page in sorted(skipped)
    ], listed
    with serve(served or site_dir, serve_prefix or prefix) as root:
        origin = root[: -len(serve_prefix or prefix)]
        urls = [origin + prefix + page for page in pages]
        for url, report in rfg_check(*urls).items():
            assert report.errors == [], (url, report.errors)
        for url in urls:
            tab.navigate("about:blank")
            tab.navigate(url)
            manifest = tab.send("Page.getAppManifest")
            installability = tab.send("Page.getInstallabilityErrors")
            assert manifest["url"] == origin + prefix + "site.webmanifest", url
            assert manifest["data"] and manifest["errors"] == [], (url, manifest["errors"])
            assert installability["installabilityErrors"] == [], url
            assert tab.favicon_url() in [origin + prefix + icon for icon in icons], url
