"""The one error type the engine raises, and the logger it warns through."""

from __future__ import annotations

import logging
from pathlib import Path


class FaviconError(Exception):
    """Bad input: the message names the file or option and says what to do.

    The MkDocs adapter turns it into a `PluginError`, the CLI into one line on stderr and exit 1.
    Raised with `path` and `fix`, the parts stay apart for readers such as the checker, which
    reports the problem and the fix as separate fields: the text is `path: problem; fix`.
    """

    def __init__(self, problem: str, *, path: str = "", fix: str = "") -> None:
        self.problem, self.path, self.fix = problem, path, fix
        text = f"{path}: {problem}" if path else problem
        super().__init__(f"{text}; {fix}" if fix else text)


# The folder messages show paths relative to: mkdocs.yml's folder in the plugin (set in
# on_config), the current folder in the CLI. Module state, since the engine logs from anywhere.
_project: list[str] = []


def set_project(folder: Path) -> None:
    """Show paths below `folder` relative to it in every message from now on."""
    _project[:] = [str(folder.resolve()) + "/"]


def project_relative(text: str) -> str:
    """`text` with the project folder's absolute prefix removed from the paths it names."""
    root = _project[0] if _project else str(Path.cwd().resolve()) + "/"
    return text.replace(root, "")


class _PrefixedLogger(logging.LoggerAdapter):  # type: ignore[type-arg]
    def process(self, msg: object, kwargs: object) -> tuple[str, object]:  # type: ignore[override]
        return f"favicons: {project_relative(str(msg))}", kwargs


# The same logger MkDocs' get_plugin_logger("favicons") wraps, so `mkdocs build --strict` counts
# the engine's warnings while the engine itself never imports MkDocs.
log = _PrefixedLogger(logging.getLogger("mkdocs.plugins.favicons"), {})
