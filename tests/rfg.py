"""RealFaviconGenerator's own checker (npm `@realfavicongenerator/check-favicon`), run on a page.

`make rfg` installs it into tests/.rfg (git-ignored); `make test` depends on that target. The
node script `rfg_check.js` fetches the page, runs `checkFavicon` on its head and prints the error
and warning messages as JSON.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("rfg_check.js")
MODULES = Path(__file__).with_name(".rfg") / "node_modules"


@dataclass
class RfgReport:
    errors: list[str]
    warnings: list[str]


def rfg_check(*page_urls: str) -> dict[str, RfgReport]:
    """Run check-favicon on served pages (such as `http://…/about/`), one node process for all."""
    node = shutil.which("node")
    if node is None or not (MODULES / "@realfavicongenerator" / "check-favicon").is_dir():
        raise RuntimeError("RealFaviconGenerator's checker is not installed: run `make rfg`")
    process = subprocess.run(
        [node, str(SCRIPT), *page_urls], capture_output=True, text=True, timeout=120, check=False
    )
    assert process.returncode == 0, f"check-favicon crashed on {page_urls}:\n{process.stderr}"
    data = json.loads(process.stdout)
    return {url: RfgReport(list(r["errors"]), list(r["warnings"])) for url, r in data.items()}
