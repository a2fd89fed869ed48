"""The head reader's cost per page, outside a build. Run by hand:

    .venv/bin/python benchmarks/head_reader.py [--pages 20] [--rounds 15]

Builds build_overhead.py's generated site without the plugin on the `mkdocs` and `material`
themes, then times over its pages `head.read_head` alone and the plugin's whole edit
(`inject.inject` with the `minimal` preset's block: read, pick the icon tags, splice). Prints
the median and the minimum µs per page.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from build_overhead import make_site

BLOCK = (
    '<link rel="icon" href="favicon.ico" sizes="32x32">\n'
    '<link rel="icon" href="favicon.svg" type="image/svg+xml">\n'
    '<link rel="apple-touch-icon" href="apple-touch-icon.png">\n'
    '<link rel="manifest" href="site.webmanifest">\n'
)


def built_pages(pages: int, theme: str) -> list[str]:
    """The HTML of every page of a generated site, built without the plugin."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = Path(tempfile.mkdtemp(prefix="head_reader_"))
    config = load_config(config_file=str(make_site(root, pages, theme)["without"]))
    build(config)
    return [path.read_text(encoding="utf-8") for path in Path(config.site_dir).rglob("*.html")]


def per_page(pages: list[str], work: Callable[[str], object], rounds: int) -> list[float]:
    """µs per page for each round."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for html in pages:
            work(html)
        times.append((time.perf_counter() - started) / len(pages) * 1e6)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    from mkdocs_favicons.head import read_head
    from mkdocs_favicons.inject import inject

    for theme in ("mkdocs", "material"):
        pages = built_pages(args.pages, theme)
        size = sum(map(len, pages)) // len(pages) // 1024
        for name, work in (("read_head", read_head), ("whole edit", lambda h: inject(h, BLOCK))):
            times = per_page(pages, work, args.rounds)
            print(
                f"{theme}: {name}: median {statistics.median(times):.0f} µs/page, "
                f"min {min(times):.0f} over {len(pages)} pages of ~{size} KB"
            )


if __name__ == "__main__":
    main()
