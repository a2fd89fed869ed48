"""Print a pip constraints file pinning every dependency to the lowest version pyproject allows.

Reads `[project] dependencies` and the optional-dependency groups named on the command line
(default: `test`), and turns each `>=X` bound into `name==X`. Requirements without a lower bound
are left to pip. Used by `make test-lowest`, so a dependency added to pyproject is covered with
no other change.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pip vendors the same parser
    from pip._vendor import tomli as tomllib

NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$")
LOWER_BOUND = re.compile(r">=\s*([^,;\s]+)")


def lowest_pins(pyproject: Path, extras: list[str]) -> list[str]:
    """`name==lowest` for every requirement with a `>=` bound, in pyproject's order."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in extras:
        requirements += project.get("optional-dependencies", {})[extra]
    pins = []
    for requirement in requirements:
        match = NAME.match(requirement.split(";")[0])
        if match is None:
            raise SystemExit(f"cannot read the requirement {requirement!r} in {pyproject}")
        name, _, spec = match.groups()
        bound = LOWER_BOUND.search(spec)
        if bound:
            pins.append(f"{name}=={bound.group(1)}")
    return pins


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    print("\n".join(lowest_pins(root / "pyproject.toml", sys.argv[1:] or ["test"])))
