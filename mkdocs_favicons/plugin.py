"""The MkDocs adapter: events only, over the engine in the other modules."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .config import FaviconsConfig
from .errors import FaviconError
from .iconset import IconSet, generate
from .inject import inject
from .options import Options
from .source import discover
from .tags import TagBuilder, relative_prefix

log = get_plugin_logger("favicons")


class FaviconsPlugin(BasePlugin[FaviconsConfig]):
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps one instance across `mkdocs serve` rebuilds.
        self.tags: TagBuilder | None = None

    def on_config(self, config: Any) -> None:
        self.tags = None
        if not self.config.enabled:
            return
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.docs_dir = Path(config.docs_dir).resolve()
        try:
            if self.config.source:
                self.source_path = (config_dir / self.config.source).resolve()
            else:
                theme = config.theme
                self.source_path = discover(
                    self.docs_dir, (theme.get("logo"), theme.get("favicon"))
                )
        except FaviconError as error:
            raise PluginError(str(error)) from None
        dark = self.config.dark_source
        self.dark_path = (config_dir / dark).resolve() if dark else None
        self.cache_dir = (config_dir / self.config.cache_dir) if self.config.cache else None
        if self.cache_dir and self.cache_dir.resolve().is_relative_to(self.docs_dir):
            raise PluginError(  # the plugin never writes into docs_dir
                f"favicons: cache_dir {self.config.cache_dir} is inside docs_dir; "
                "use a folder outside it, such as .cache/plugin/favicons"
            )
        # 404.html is served at any missing path, so it links from the site_url path.
        self.root_path = urlsplit(config.site_url or "").path or ""
        if self.root_path and not self.root_path.endswith("/"):
            self.root_path += "/"
        app_name = self.config.app_name or config.site_name
        self.options = Options(
            preset=self.config.preset,
            app_name=app_name,
            short_name=self.config.short_name or "",
            theme_color=self.config.theme_color or "",
            background_color=self.config.background_color,
            root_path=self.root_path,
            cache_busting=self.config.cache_busting,
            dark_source=str(self.dark_path) if self.dark_path else "",
            dark_mode=self.config.dark_mode or "",
            dark_theme_color=self.config.dark_theme_color or "",
        )

    def on_files(self, files: Files, *, config: Any) -> Files:
        if not self.config.enabled:
            return files
        # HTML copied from docs_dir as-is never passes through the page events, so gets no tags.
        self.verbatim_html = {
            file.dest_uri
            for file in files
            if file.dest_uri.endswith(".html") and not file.is_documentation_page()
        }
        try:
            result = generate(self.source_path, self.options, self.cache_dir)
        except FaviconError as error:
            raise PluginError(str(error)) from None
        self.iconset: IconSet = result.iconset
        self.tags = TagBuilder(result.iconset)
        for name, data in result.iconset.files.items():
            existing = files.get_file_from_path(name)
            # The source itself (docs/favicon.svg) is replaced: served raw it would skip the
            # sanitizer, and it is the file the user asked us to generate from.
            if existing is not None and self._is_users(existing) and not self._is_source(existing):
                log.warning(
                    f"keeping your own {existing.src_uri} from docs_dir instead of generating it"
                )
                continue
            if existing is not None:
                files.remove(existing)  # a theme's file of the same name, or the source
            files.append(File.generated(config, name, content=data))
        how = "from cache" if result.cached else "generated"
        log.info(
            f"{len(result.iconset.files)} files {how}, source {self._display(result.source)}, "
            f"in {result.seconds * 1000:.0f} ms"
        )
        return files

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        if self.config.enabled:
            for path in (self.source_path, self.dark_path):
                if path and not path.is_relative_to(self.docs_dir):
                    server.watch(str(path))
        return server

    def on_post_build(self, *, config: Any) -> None:
        # After the build, so the checker sees the finished site.
        if not self.config.enabled or self.tags is None:
            return
        site_dir = Path(config.site_dir)
        findings = None
        if self.config.check or self.config.preview:
            from .check import RuleId, Severity, check_site  # imported only when used: ~25 ms

            started = time.perf_counter()
            # HTML copied from docs_dir is the user's own, not a page that lost its tags.
            findings = check_site(site_dir, self.root_path or "/", self.verbatim_html)
            if self.config.preset == "single":  # chosen without a touch icon and a manifest
                unwanted = (RuleId.TOUCH_ICON, RuleId.MANIFEST)
                findings = [
                    f
                    for f in findings
                    if not (f.severity is Severity.WARNING and f.rule in unwanted)
                ]
            seconds = time.perf_counter() - started
        if self.config.check and findings is not None:
            for finding in findings:
                if finding.severity is Severity.NOTE:
                    log.debug(f"check: {finding.describe()}")  # skipped pages: not a problem
                else:
                    log.warning(f"check: {finding.describe()}")
            # DEBUG: the build's one INFO line is the icon summary; findings are warnings.
            log.debug(f"check: {len(findings)} findings in {seconds * 1000:.0f} ms")
        if self.config.preview:  # never linked from the nav
            from . import preview

            path = preview.write(
                site_dir / preview.PREVIEW_NAME, self.iconset, findings, self.tags.block("")
            )
            log.info(f"preview written to {path}")

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return self._inject(output, relative_prefix(page.file.dest_uri), page.file.dest_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        if not template_name.endswith(".html") or self.tags is None:  # disabled: no root_path
            return output_content
        return self._inject(output_content, self.root_path or "/", template_name)

    def _inject(self, html: str, prefix: str, name: str) -> str:
        if self.tags is None:
            return html
        result = inject(html, self.tags.block(prefix))
        if result.warning:
            log.warning(f"{name} left without favicon tags: {result.warning}")
        return result.html

    def _is_users(self, file: File) -> bool:
        path = file.abs_src_path
        return path is not None and Path(path).resolve().is_relative_to(self.docs_dir)

    def _is_source(self, file: File) -> bool:
        path = file.abs_src_path
        return path is not None and Path(path).resolve() == self.source_path.resolve()

    def _display(self, path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
