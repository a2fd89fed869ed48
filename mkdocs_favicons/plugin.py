"""The MkDocs adapter: events only, over the engine in the other modules."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import buildcheck
from .basepath import base_path
from .cache import materialize
from .config import FaviconsConfig
from .errors import FaviconError, project_relative, set_project
from .iconset import IconSet, generate
from .memo import BuildMemo, PageEdits, memo_path
from .options import Options
from .pages import page_names
from .palette import theme_colours
from .source import discover, material_logo_icon
from .tags import TagBuilder, relative_prefix

if TYPE_CHECKING:  # types only: importing the live-reload server costs time on every build
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = get_plugin_logger("favicons")


class FaviconsPlugin(BasePlugin[FaviconsConfig]):  # type: ignore[no-untyped-call, unused-ignore]
    """Generates the favicon set from one image and declares it on every page and 404.html."""

    memo = BuildMemo(None)  # replaced per instance in on_config
    page_edits: PageEdits | None = None  # under `mkdocs serve` only: rebuilds repeat most pages

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Start with no tags; defining this hook keeps one instance across serve rebuilds."""
        self.tags: TagBuilder | None = None
        # With cache: false the files still need a real home outside docs_dir for one run.
        self.scratch: tempfile.TemporaryDirectory[str] | None = None
        self.page_edits = PageEdits() if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> None:
        """Find the source image and settle the options: the site_url path, names, colours."""
        self.tags = None
        if not self.config.enabled:
            return
        config_dir = Path(config.config_file_path or ".").resolve().parent
        set_project(config_dir)  # messages name files relative to mkdocs.yml's folder
        self.docs_dir = Path(config.docs_dir).resolve()
        self.discovery_reason = ""
        try:
            if self.config.source:
                self.source_path = (config_dir / self.config.source).resolve()
            else:
                theme = config.theme
                custom_dir = theme.custom_dir
                folders = (self.docs_dir, *((Path(custom_dir).resolve(),) if custom_dir else ()))
                found = discover(
                    folders,
                    (theme.get("logo"), theme.get("favicon")),
                    material_logo_icon(theme.name, theme.get("icon"), theme.dirs),
                )
                self.source_path, self.discovery_reason = found.path, found.reason
        except FaviconError as error:
            raise PluginError(project_relative(str(error))) from None
        dark = self.config.dark_source
        self.dark_path = (config_dir / dark).resolve() if dark else None
        self.cache_dir = (config_dir / self.config.cache_dir) if self.config.cache else None
        if self.cache_dir and self.cache_dir.resolve().is_relative_to(self.docs_dir):
            raise PluginError(  # the plugin never writes into docs_dir
                f"favicons: cache_dir {self.config.cache_dir} is inside docs_dir; "
                "use a folder outside it, such as .cache/plugin/favicons"
            )
        self._load_memo(config.config_file_path or "mkdocs.yml")
        # 404.html is served at any missing path, so it links from the site_url path.
        self.root_path = base_path(config.site_url or "")
        app_name = self.config.app_name or config.site_name
        theme_color, dark_theme_color = self.config.theme_color, self.config.dark_theme_color
        self.colour_origin = "the theme_color option" if theme_color else "the image"
        if not theme_color:  # the site's own header colour beats one derived from the logo
            stylesheets = [  # where Material's `primary: custom` is defined
                self.docs_dir / str(css) for css in config.extra_css if "://" not in str(css)
            ]
            declared = theme_colours(config.theme.name, config.theme.get("palette"), stylesheets)
            if declared is not None:
                theme_color, self.colour_origin = declared.light, project_relative(declared.origin)
                dark_theme_color = dark_theme_color or declared.dark
        self.options = Options(
            preset=self.config.preset,
            app_name=app_name,
            short_name=self.config.short_name or "",
            theme_color=theme_color or "",
            background_color=self.config.background_color or "",
            root_path=self.root_path,
            cache_busting=self.config.cache_busting,
            dark_source=str(self.dark_path) if self.dark_path else "",
            dark_mode=self.config.dark_mode or "",
            dark_theme_color=dark_theme_color or "",
            auto_dark=self.config.auto_dark,
        )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Generate (or read from cache) the icon set and add its files to the site's files.

        Each file is a real file on disk (`abs_src_path` set), in the cache folder or a
        temporary one, never in docs_dir: other plugins open, copy and re-path the files they
        see (mkdocs-static-i18n calls `PurePath(file.abs_src_path)` on every one).
        """
        if not self.config.enabled:
            return files
        discovered = not self.config.source
        try:
            result = generate(self.source_path, self.options, self.cache_dir, discovered=discovered)
        except FaviconError as error:
            raise PluginError(project_relative(str(error))) from None
        folder = self._materialize(result.iconset.files)
        self.iconset: IconSet = result.iconset
        self.tags = TagBuilder(result.iconset)
        self.built = buildcheck.BuiltPages()
        for name in result.iconset.files:
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
            files.append(File.generated(config, name, abs_src_path=str(folder / name)))
        how = "from cache" if result.cached else "generated"
        why = f" ({self.discovery_reason})" if self.discovery_reason else ""
        log.info(
            f"{len(result.iconset.files)} files {how}, source {self._display(result.source)}"
            f"{why}, theme colour {result.iconset.theme_color} from {self.colour_origin}, "
            f"in {result.seconds * 1000:.0f} ms"
        )
        return files

    def _materialize(self, files: dict[str, bytes]) -> Path:
        """The files on disk: in the cache folder, else (no cache, or it is not writable) in a
        temporary folder removed at shutdown."""
        if self.cache_dir is not None:
            try:
                return materialize(files, self.cache_dir)
            except OSError:
                pass  # the cache already said it is not writable; a build must not fail on it
        if self.scratch is None:
            self.scratch = tempfile.TemporaryDirectory(prefix="mkdocs-favicons-")
        try:
            return materialize(files, Path(self.scratch.name))
        except OSError as error:
            raise PluginError(
                f"favicons: cannot write the icon files into {error.filename} "
                f"({error.strerror}); free some disk space or set TMPDIR"
            ) from None

    def on_shutdown(self) -> None:
        """Remove the temporary folder a cache-less build kept its files in."""
        if self.scratch is not None:
            self.scratch.cleanup()
            self.scratch = None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        """Watch a source image outside docs_dir, so editing it rebuilds the icons."""
        if self.config.enabled:
            for path in (self.source_path, self.dark_path):
                if path and not path.is_relative_to(self.docs_dir):
                    server.watch(str(path))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Check the finished site (and write the preview page when asked)."""
        if not self.config.enabled or self.tags is None:
            return
        if not (self.config.check or self.config.preview):
            return
        site_dir, base_url = Path(config.site_dir), self.root_path or "/"
        started = time.perf_counter()
        names = page_names(site_dir)  # shared by the skip rule and the stored result's key
        # HTML this build did not write and that declares no icons is not a page that lost its
        # tags: copied from docs_dir as it is, or written after the pages by another plugin.
        skip = buildcheck.not_written(site_dir, self.built, names)
        preset, findings = self.config.preset, None
        if self.config.preview:  # the preview shows the findings themselves
            findings = buildcheck.findings(site_dir, base_url, self.built, skip, preset)
            lines = buildcheck.log_lines(findings)
        else:
            lines = buildcheck.check_lines(
                site_dir, base_url, self.built, skip, preset, self.memo, names
            )
        if self.config.check:
            for level, line in lines:
                # Notes (skipped pages) are not problems: debug. Findings are warnings.
                if level == "debug":
                    log.debug(line)
                else:
                    log.warning(line)
            # DEBUG: the build's one INFO line is the icon summary; findings are warnings.
            seconds = time.perf_counter() - started
            log.debug(f"check: {len(lines)} findings in {seconds * 1000:.0f} ms")
        if self.config.preview:  # never linked from the nav
            from . import preview

            path = preview.write(
                site_dir / preview.PREVIEW_NAME, self.iconset, findings, self.tags.block("")
            )
            log.info(f"preview written to {self._display(path)}")

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Put the tag block into a page's head, with URLs relative to the page."""
        return self._inject(output, relative_prefix(page.file.dest_uri), page.file.dest_uri)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """Put the tag block into 404.html, with URLs from the site_url path (served anywhere)."""
        if not template_name.endswith(".html") or self.tags is None:  # disabled: no root_path
            return output_content
        return self._inject(output_content, self.root_path or "/", template_name)

    def _inject(self, html: str, prefix: str, name: str) -> str:
        if self.tags is None:
            return html
        block = self.tags.block(prefix)
        page_edit = self.page_edits.get(name, html, block) if self.page_edits else None
        if page_edit is None:
            page_edit = buildcheck.edit_page(html, block)
            if self.page_edits is not None:
                self.page_edits.put(name, page_edit)
        if page_edit.warning:
            log.warning(f"{name} left without favicon tags: {page_edit.warning}")
        self.built.add(name, page_edit.icons)  # what the in-build check judges
        return page_edit.output

    def _load_memo(self, config_file: str) -> None:
        """The last check's result: kept in the cache folder, or in memory without one."""
        path = memo_path(self.cache_dir, config_file) if self.cache_dir else None
        if self.memo is FaviconsPlugin.memo or self.memo.path != path:
            self.memo = BuildMemo.load(path)  # serve rebuilds keep the instance's own

    def _is_users(self, file: File) -> bool:
        path = file.abs_src_path
        return path is not None and Path(path).resolve().is_relative_to(self.docs_dir)

    def _is_source(self, file: File) -> bool:
        path = file.abs_src_path
        return path is not None and Path(path).resolve() == self.source_path.resolve()

    def _display(self, path: Path) -> str:
        return project_relative(str(path))
