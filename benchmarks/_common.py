"""Helpers shared by the benchmark scripts: inputs, timed child processes, medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOGO_SVG = REPO / "demo_site" / "docs" / "assets" / "logo.svg"
BIN = Path(sys.executable).parent
# Children run with bytecode caching on, as an installed package does, into a folder of their
# own (never the source tree): without it (PYTHONDONTWRITEBYTECODE, common in CI and sandboxes)
# every run compiles this package again, ~10 ms that no user pays.
PYCACHE = tempfile.TemporaryDirectory(prefix="favicons-bench-pycache-")
CHILD_ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPYCACHEPREFIX": PYCACHE.name,
}


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system: less disturbed than wall time by other load
    peak_rss_mb: float
    stdout: bytes


def run(command: list[str], cwd: Path | None = None) -> Run:
    """Run a child to completion: wall time, its own peak RSS (from wait4) and stdout."""
    # Output goes to files, not pipes, so we can reap the child with wait4 and keep its rusage.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=CHILD_ENV)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            message = err.read().decode(errors="replace")
            sys.exit(f"{' '.join(map(str, command))} failed:\n{message}")
        return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read())


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def write_png_logo(path: Path, size: int = 1024) -> Path:
    """The SVG logo rasterized once: the PNG input every raster benchmark uses."""
    import resvg_py

    png = resvg_py.svg_to_bytes(svg_string=LOGO_SVG.read_text(), width=size, height=size)
    path.write_bytes(bytes(png))
    return path


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
