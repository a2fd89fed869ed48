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


def rfg_check(page_url: str) -> RfgReport:
    """Run check-favicon on the page at `page_url` (a served page, such as `http://…/about/`)."""
    node = shutil.which("node")
    if node is None or not (MODULES / "@realfavicongenerator" / "check-favicon").is_dir():
        raise RuntimeError("RealFaviconGenerator's checker is not installed: run `make rfg`")
    process = subprocess.run(
        [node, str(SCRIPT), page_url], capture_output=True, text=True, timeout=60, check=False
    )
    assert process.returncode == 0, f"check-favicon crashed on {page_url}:\n{process.stderr}"
    data = json.loads(process.stdout)
    return RfgReport(list(data["errors"]), list(data["warnings"]))
