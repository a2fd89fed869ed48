"""What the plugin adds to a whole `mkdocs build`. Run by hand:

    .venv/bin/python benchmarks/build_overhead.py --pages 1000 [--pairs 5] [--theme material]
    .venv/bin/python benchmarks/build_overhead.py --pages 10000 --pairs 1

Generates a site of realistic pages (paragraphs, headings, a list, a code block, links) in
sections of 20, with an SVG logo, and times `mkdocs build` as a whole process with the plugin
(warm icon cache; `check: true` when the installed plugin has that option) against the same
site without it. One warm-up of each, then pairs in ABBA order so drift cancels; prints medians
and the median of the per-pair ratios.

Then one in-process build with the plugin's events wrapped in timers: the plugin's own time,
per event and per page, which is what must grow linearly with the page count.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import BIN, LOGO_SVG, Run, machine, run

SECTION_SIZE = 20
TARGET_RATIO = 1.03
EVENTS = ("on_config", "on_files", "on_post_page", "on_post_template", "on_post_build")

PAGE = """# {title}

{title} explains one part of the system. This paragraph has **bold text**, `inline code`,
and a [link to the next page]({next_link}) so the page looks like real documentation. It goes on
for a few sentences, because real pages do: configuration, caveats, and an example or two.

## Overview

- The first point about {title}, with a little detail.
- A second point, linking [home]({home_link}).
- A third point that wraps onto a second line in the source, as lists often do in real
  documentation written by people.

## Example

```python
def example_{index}(value: int) -> int:
    \"\"\"Return the value doubled, for page {index}.\"\"\"
    total = value * 2
    return total
```

### Notes

Another paragraph closes the page. It mentions section {section} and page {index}, and ends
with a sentence that is long enough to wrap in the rendered output of most themes.
"""


def make_site(root: Path, pages: int, theme: str) -> dict[str, Path]:
    docs = root / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "logo.svg").write_bytes(LOGO_SVG.read_bytes())
    nav = []
    for index in range(pages):
        section, number = divmod(index, SECTION_SIZE)
        path = Path(f"section-{section:04d}") / ("index.md" if number == 0 else f"page-{number}.md")
        next_name = f"page-{number + 1}.md" if number + 1 < SECTION_SIZE else "index.md"
        (docs / path).parent.mkdir(exist_ok=True)
        text = PAGE.format(
            title=f"Page {index}", index=index, section=section,
            next_link=next_name, home_link="../index.md",
        )  # fmt: skip
        (docs / path).write_text(text)
        if number == 0:
            nav.append(f"  - Section {section}: {path.as_posix()}")
    (docs / "index.md").write_text("# Home\n\nThe benchmark site.\n")
    # The nav lists the section pages: a nav of every page makes each page O(pages) bytes.
    common = (
        f"site_name: Overhead benchmark\nsite_url: https://example.org/docs/\n"
        f"theme:\n  name: {theme}\nnav:\n  - Home: index.md\n" + "\n".join(nav) + "\n"
        "validation:\n  nav:\n    omitted_files: ignore\n"
    )
    check = "      check: true\n"
    configs = {
        "with": root / "mkdocs-with.yml",
        "without": root / "mkdocs-without.yml",
    }
    configs["with"].write_text(
        common + "plugins:\n  - search\n  - favicons:\n      source: docs/assets/logo.svg\n" + check
    )
    configs["without"].write_text(common + "plugins:\n  - search\n")
    return configs


def build_command(config: Path) -> list[str]:
    site = config.parent / "site"
    return [str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", str(site)]


def timed_pairs(configs: dict[str, Path], pairs: int) -> dict[str, list[Run]]:
    for name in ("with", "without"):  # warm-up: page cache, .pyc files, the icon cache
        run(build_command(configs[name]))
    runs: dict[str, list[Run]] = {"with": [], "without": []}
    for index in range(pairs):
        order = ("with", "without") if index % 2 == 0 else ("without", "with")  # ABBA
        for name in order:
            runs[name].append(run(build_command(configs[name])))
    return runs


def report_ratio(what: str, with_plugin: list[float], without: list[float]) -> None:
    ratios = [a / b for a, b in zip(with_plugin, without, strict=True)]
    ratio = statistics.median(ratios)
    print(f"{what} without the plugin: median {statistics.median(without):.2f} s  {_list(without)}")
    print(
        f"{what} with the plugin:    median {statistics.median(with_plugin):.2f} s  "
        f"{_list(with_plugin)}"
    )
    print(
        f"{what} ratio with/without: median {ratio:.3f} "
        f"(pairs {', '.join(f'{r:.3f}' for r in ratios)}); "
        f"target <= {TARGET_RATIO}: {'met' if ratio <= TARGET_RATIO else 'NOT met'}"
    )
    # Other load only ever adds time, so the fastest run of each side is the least disturbed.
    print(f"{what} ratio of the fastest runs: {min(with_plugin) / min(without):.3f}")


def plugin_time(config_file: Path) -> tuple[dict[str, float], dict[str, int]]:
    """One in-process build with each of the plugin's events timed."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from mkdocs_favicons.plugin import FaviconsPlugin

    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)

    def timed(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started
                calls[name] += 1

        return wrapper

    originals = {
        name: getattr(FaviconsPlugin, name) for name in EVENTS if hasattr(FaviconsPlugin, name)
    }
    for name, method in originals.items():
        setattr(FaviconsPlugin, name, timed(name, method))
    try:
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        site = str(config_file.parent / "site")
        config = load_config(config_file=str(config_file), site_dir=site)
        started = time.perf_counter()
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        spent["whole build"] = time.perf_counter() - started
    finally:
        for name, method in originals.items():
            setattr(FaviconsPlugin, name, method)
    return spent, calls


def plugin_import_seconds(repeats: int = 5) -> float:
    """Importing the plugin in a process that has already imported what MkDocs needs."""
    code = (
        "import time, mkdocs.plugins, mkdocs.config.config_options, mkdocs.structure.files\n"
        "started = time.perf_counter()\nimport mkdocs_favicons.plugin\n"
        "print(time.perf_counter() - started)"
    )
    return statistics.median(
        float(run([str(BIN / "python"), "-c", code]).stdout) for _ in range(repeats)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=5, help="timed A/B pairs (default 5)")
    parser.add_argument("--theme", default="mkdocs", help="mkdocs (default), readthedocs, material")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="favicons-overhead-") as temporary:
        configs = make_site(Path(temporary), args.pages, args.theme)
        print(
            f"## Build overhead: {args.pages} pages, theme {args.theme}, {args.pairs} pairs "
            f"after one warm-up each ({machine()}); check option: on"
        )
        runs = timed_pairs(configs, args.pairs)
        for what, field in (("wall", "seconds"), ("CPU (user+sys)", "cpu_seconds")):
            report_ratio(
                what,
                [getattr(r, field) for r in runs["with"]],
                [getattr(r, field) for r in runs["without"]],
            )
        spent, calls = plugin_time(configs["with"])
        own = sum(value for key, value in spent.items() if key in EVENTS)
        imports = plugin_import_seconds()
        whole = spent["whole build"]
        estimate = (whole + imports) / (whole - own)
        print(
            f"\nplugin's own time in one in-process build: {own * 1000:.0f} ms of "
            f"{whole:.2f} s ({own / whole * 100:.1f}%), {own / args.pages * 1e6:.0f} µs per page; "
            f"importing the plugin: {imports * 1000:.0f} ms"
        )
        print(
            f"ratio from these (build + import) / (build - plugin's events): {estimate:.3f}; "
            f"target <= {TARGET_RATIO}: {'met' if estimate <= TARGET_RATIO else 'NOT met'}"
        )
        for name in EVENTS:
            if calls.get(name):
                print(
                    f"  {name}: {spent[name] * 1000:.1f} ms over {calls[name]} calls "
                    f"({spent[name] / calls[name] * 1e6:.0f} µs each)"
                )


def _list(values: list[float]) -> str:
    return "[" + ", ".join(f"{value:.2f}" for value in values) + "]"


if __name__ == "__main__":
    main()
