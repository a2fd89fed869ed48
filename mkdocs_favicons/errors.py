"""The one error type the engine raises, and the logger it warns through."""

from __future__ import annotations

import logging


class FaviconError(Exception):
    """Bad input: the message names the file or option and says what to do.

    The MkDocs adapter turns it into a `PluginError`, the CLI into one line on stderr and exit 1.
    """


class _PrefixedLogger(logging.LoggerAdapter):  # type: ignore[type-arg]
    def process(self, msg: object, kwargs: object) -> tuple[str, object]:  # type: ignore[override]
        return f"favicons: {msg}", kwargs


# The same logger MkDocs' get_plugin_logger("favicons") wraps, so `mkdocs build --strict` counts
# the engine's warnings while the engine itself never imports MkDocs.
log = _PrefixedLogger(logging.getLogger("mkdocs.plugins.favicons"), {})
