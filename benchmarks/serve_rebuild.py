"""What the plugin adds to one `mkdocs serve` rebuild after editing a page. Run by hand:

    .venv/bin/python benchmarks/serve_rebuild.py [--pages 20 1000] [--rounds 9]

In one process, as `mkdocs serve` does: `on_startup` once, then for every rebuild a fresh
`load_config` and `build(config, serve_url=...)` into a temporary site folder. Two generated
sites (build_overhead.py's pages, `mkdocs` theme), one with the plugin (`check: true`, the
default) and one without, are built once, then each round appends a sentence to one page of
each and rebuilds them, alternating which goes first. Prints the median rebuild time of each,
and the median per-round difference in ms: the plugin's cost per rebuild, in wall and in CPU
time (the process's, which other load disturbs less), and the plugin's own time: its events
wrapped in timers, the steadiest of the three on a shared machine.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import machine
from build_overhead import EVENTS, make_site

TARGET_MS = 10.0


class Server:
    """One site as `mkdocs serve` builds it: the plugins started once, the config reloaded."""

    def __init__(self, config_file: Path) -> None:
        from mkdocs.config import load_config

        self.config_file = config_file
        self.site_dir = tempfile.mkdtemp(prefix="mkdocs_", dir=config_file.parent)
        config = load_config(config_file=str(config_file), site_dir=self.site_dir)
        config.plugins.on_startup(command="serve", dirty=False)
        self.page = config_file.parent / "docs" / "section-0000" / "index.md"

    def rebuild(self) -> tuple[float, float]:
        """Edit one page, then time what serve's builder does for it: wall and CPU seconds."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        with self.page.open("a") as page:
            page.write("\nOne more sentence, as an author typing.\n")
        started, cpu_started = time.perf_counter(), time.process_time()
        config = load_config(config_file=str(self.config_file), site_dir=self.site_dir)
        config.site_url = "http://127.0.0.1:8000/"
        build(config, serve_url="http://127.0.0.1:8000/", dirty=False)
        return time.perf_counter() - started, time.process_time() - cpu_started


class EventTimer:
    """The plugin's own time: its event methods wrapped in timers while in use."""

    def __init__(self) -> None:
        from mkdocs_favicons.plugin import FaviconsPlugin

        self.plugin_class = FaviconsPlugin
        self.spent = 0.0
        self.originals = {name: getattr(FaviconsPlugin, name) for name in EVENTS}

    def __enter__(self) -> EventTimer:
        for name, method in self.originals.items():
            setattr(self.plugin_class, name, self._timed(method))
        return self

    def __exit__(self, *exc: object) -> None:
        for name, method in self.originals.items():
            setattr(self.plugin_class, name, method)

    def _timed(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.spent += time.perf_counter() - started

        return wrapper


def measure(pages: int, rounds: int) -> str:
    with tempfile.TemporaryDirectory(prefix="favicons-serve-") as temporary, EventTimer() as timer:
        configs = make_site(Path(temporary), pages, "mkdocs")
        servers = {name: Server(config) for name, config in configs.items()}
        for server in [*servers.values()] * 2:  # icons generated, caches filled, imports done
            server.rebuild()
        times: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
        own = []  # the plugin's events in each rebuild with it
        for index in range(rounds):
            order = ("with", "without") if index % 2 == 0 else ("without", "with")
            for name in order:
                before = timer.spent
                times[name].append(servers[name].rebuild())
                if name == "with":
                    own.append(timer.spent - before)
    cells = [str(pages)]
    for column in (0, 1):  # wall, then CPU
        with_plugin = [run[column] for run in times["with"]]
        without = [run[column] for run in times["without"]]
        cost = statistics.median(a - b for a, b in zip(with_plugin, without, strict=True)) * 1000
        cells += [
            f"{statistics.median(without) * 1000:.0f}",
            f"{statistics.median(with_plugin) * 1000:.0f}",
            f"{cost:+.1f}",
        ]
    events = statistics.median(own) * 1000
    cells.append(f"{events:.1f}")
    verdict = "met" if events <= TARGET_MS else "NOT met"
    return "| " + " | ".join(cells) + f" | <= {TARGET_MS:.0f} (events): {verdict} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[20, 1000])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    print(f"## One serve rebuild after editing a page, {args.rounds} rounds ({machine()})\n")
    print(
        "| pages | wall without ms | wall with ms | plugin's cost ms "
        "| CPU without ms | CPU with ms | plugin's CPU cost ms | plugin's events ms | target |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for pages in args.pages:
        print(measure(pages, args.rounds), flush=True)


if __name__ == "__main__":
    main()
