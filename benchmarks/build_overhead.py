"""What the plugin adds to a whole `mkdocs build`. Run by hand:

    .venv/bin/python benchmarks/build_overhead.py                 # 4 and 20 pages, both themes
    .venv/bin/python benchmarks/build_overhead.py --pages 1000 --theme mkdocs material
    .venv/bin/python benchmarks/build_overhead.py --pages 10000 --pairs 1

Generates a site of realistic pages (paragraphs, headings, a list, a code block, links) in
sections of 20, with an SVG logo, and times `mkdocs build` as a whole process with the plugin
(warm icon cache, `check: true`, the default) against the same site without it. One warm-up of
each, then pairs in ABBA order so drift cancels. For each site it prints the medians, the
median of the per-pair ratios and the plugin's fixed cost: the median of the per-pair
differences, in ms, for wall and CPU time.

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
SMALL_SITE = 100  # pages; smaller sites feel the fixed cost most and get a looser target
TARGETS = {True: 1.10, False: 1.03}  # small site?
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
        last = number + 1 == SECTION_SIZE or index + 1 == pages
        next_name = "index.md" if last else f"page-{number + 1}.md"
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
    configs = {
        "with": root / "mkdocs-with.yml",
        "without": root / "mkdocs-without.yml",
    }
    configs["with"].write_text(
        common + "plugins:\n  - search\n  - favicons:\n      source: docs/assets/logo.svg\n"
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


def report(pages: int, theme: str, runs: dict[str, list[Run]]) -> str:
    """One table row: medians, the median per-pair ratio and fixed cost, wall and CPU."""
    cells = [str(pages), theme]
    for field in ("seconds", "cpu_seconds"):
        with_plugin = [getattr(r, field) for r in runs["with"]]
        without = [getattr(r, field) for r in runs["without"]]
        ratio = statistics.median(a / b for a, b in zip(with_plugin, without, strict=True))
        cost = statistics.median(a - b for a, b in zip(with_plugin, without, strict=True))
        cells += [
            f"{statistics.median(without) * 1000:.0f}",
            f"{statistics.median(with_plugin) * 1000:.0f}",
            f"{ratio:.3f}",
            f"{cost * 1000:+.0f}",
        ]
    target = TARGETS[pages < SMALL_SITE]
    wall_ratio = float(cells[4])
    cells.append(f"<= {target:.2f}: {'met' if wall_ratio <= target else 'NOT met'}")
    return "| " + " | ".join(cells) + " |"


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
    """Importing the plugin in a process that has already imported what `mkdocs build` has
    when it loads plugins (its build command and config)."""
    code = (
        "import time, mkdocs.commands.build, mkdocs.config.defaults, mkdocs.plugins\n"
        "started = time.perf_counter()\nimport mkdocs_favicons.plugin\n"
        "print(time.perf_counter() - started)"
    )
    return statistics.median(
        float(run([str(BIN / "python"), "-c", code]).stdout) for _ in range(repeats)
    )


def breakdown(config: Path, pages: int) -> None:
    """The plugin's own time per event in one in-process build, and its import time."""
    spent, calls = plugin_time(config)
    own = sum(value for key, value in spent.items() if key in EVENTS)
    imports = plugin_import_seconds()
    whole = spent["whole build"]
    print(
        f"  in-process: plugin events {own * 1000:.1f} ms of a {whole * 1000:.0f} ms build "
        f"({own / pages * 1e6:.0f} µs per page); importing the plugin {imports * 1000:.1f} ms"
    )
    # Steadier than whole-process pairs on a shared machine: the plugin's own work only.
    estimate = (whole + imports) / (whole - own)
    print(
        f"  ratio from these, (build + import) / (build - plugin's events): {estimate:.3f}; "
        f"fixed cost {(imports + own - spent['on_post_page']) * 1000:.1f} ms"
    )
    for name in EVENTS:
        if calls.get(name):
            print(
                f"    {name}: {spent[name] * 1000:.1f} ms over {calls[name]} calls "
                f"({spent[name] / calls[name] * 1e6:.0f} µs each)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[4, 20])
    parser.add_argument("--pairs", type=int, default=7, help="timed A/B pairs (default 7)")
    parser.add_argument(
        "--theme", nargs="+", default=["mkdocs", "material"], help="mkdocs, readthedocs, material"
    )
    args = parser.parse_args()
    print(
        f"## Build overhead: warm icon cache, check on, {args.pairs} ABBA pairs after one "
        f"warm-up each ({machine()})\n"
    )
    rows = []
    for pages in args.pages:
        for theme in args.theme:
            with tempfile.TemporaryDirectory(prefix="favicons-overhead-") as temporary:
                configs = make_site(Path(temporary), pages, theme)
                rows.append(report(pages, theme, timed_pairs(configs, args.pairs)))
                print(rows[-1], flush=True)
                print(f"{pages} pages, theme {theme}:")
                breakdown(configs["with"], pages)
    print(
        "\n| pages | theme | wall without ms | wall with ms | wall ratio | fixed cost ms "
        "| CPU without ms | CPU with ms | CPU ratio | CPU fixed cost ms | target (wall) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
