"""mkdocs-favicons: one image in, a complete and correct favicon set out, tags on every page."""

__version__ = "0.1.0"
