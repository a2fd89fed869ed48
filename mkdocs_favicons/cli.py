"""The command line: a thin adapter over the same engine the plugin uses."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__, preview
from .basepath import base_path, infer_base_path
from .errors import FaviconError
from .iconset import generate
from .options import DARK_MODES, Options, check_color
from .presets import PRESETS
from .site_inject import inject_site, load_iconset, site_title
from .tags import TagBuilder

CACHE_NAME = "mkdocs-favicons"


def _add_icon_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--preset", choices=PRESETS, default="minimal", help="which files to make")
    parser.add_argument(
        "--base-url",
        default=None,  # None: inject guesses it from the site, as check does; else /
        help="URL path of the site root, such as /sub/ (inject's default: guessed from the "
        "site's sitemap.xml, 404.html or a mkdocs.yml beside it, else /)",
    )
    parser.add_argument("--app-name", default="", help="the manifest name")
    parser.add_argument("--short-name", default="", help="the home-screen label")
    parser.add_argument("--theme-color", default="", help="defaults to a colour of the image")
    parser.add_argument(
        "--background-color",
        default="",
        help="touch/maskable background (default: white, or a colour the artwork contrasts with)",
    )
    parser.add_argument("--cache-busting", action="store_true", help="append ?v=<hash> to URLs")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument(
        "--cache-dir",
        default="",
        help="cache folder (default: $XDG_CACHE_HOME/mkdocs-favicons, else ~/.cache/mkdocs-favicons)",
    )
    parser.add_argument("--dark-source", default="", help="an SVG for dark browser themes")
    parser.add_argument(
        "--dark-mode", choices=DARK_MODES, default="", help="derive the dark SVG favicon"
    )
    parser.add_argument("--dark-theme-color", default="", help="theme-color in dark themes")
    parser.add_argument(
        "--no-auto-dark",
        dest="auto_dark",
        action="store_false",
        help="no automatic scheme variant or halo for tab icons that would vanish",
    )


def options_from(args: argparse.Namespace, default_name: str) -> Options:
    base = base_path(args.base_url or "/")
    return Options(
        preset=args.preset,
        app_name=args.app_name or default_name,
        short_name=args.short_name,
        theme_color=check_color(args.theme_color, "--theme-color") if args.theme_color else "",
        background_color=_color(args.background_color, "--background-color"),
        root_path=base,
        cache_busting=args.cache_busting,
        dark_source=str(Path(args.dark_source).resolve()) if args.dark_source else "",
        dark_mode=args.dark_mode,
        dark_theme_color=_color(args.dark_theme_color, "--dark-theme-color"),
        auto_dark=args.auto_dark,
    )


def _name_from(source: Path) -> str:
    """A default app name from the image's file name: `my-logo.svg` -> `My Logo`."""
    return source.stem.replace("-", " ").replace("_", " ").title()


def _color(value: str, option: str) -> str:
    return check_color(value, option) if value else ""


def _generate(args: argparse.Namespace) -> int:
    source = Path(args.source)
    options = options_from(args, _name_from(source))
    result = generate(source, options, _cache(args))
    written = result.iconset.write(Path(args.out))
    how = "from cache" if result.cached else "generated"
    print(
        f"{len(written)} files {how} in {args.out} ({result.seconds * 1000:.0f} ms)",
        file=sys.stderr,
    )
    sys.stdout.write(TagBuilder(result.iconset).block(base_path(args.base_url or "/")))
    return 0


def _inject(args: argparse.Namespace) -> int:
    site, source = Path(args.site), Path(args.source)
    if not site.is_dir():
        raise FaviconError(f"{site} is not a folder; build the site, then pass its output folder")
    if args.base_url is None:  # 404.html and the manifest need it: guess as check does
        args.base_url = _guessed_base(site) or "/"
    default_name = site_title(site) or _name_from(source)
    result = generate(source, options_from(args, default_name), _cache(args))
    sys.stdout.write(inject_site(site, result.iconset).summary())
    return 0


def _preview(args: argparse.Namespace) -> int:
    from .check import check_site

    site = Path(args.site) if args.site else None
    if args.source:
        source = Path(args.source)
        default_name = (site and site_title(site)) or _name_from(source)
        iconset = generate(source, options_from(args, default_name), _cache(args)).iconset
    elif site is not None:
        iconset = load_iconset(site)
    else:
        raise FaviconError("preview needs a built SITE folder or --source IMAGE")
    findings = check_site(site, base_path(args.base_url or "/") or "/") if site else None
    out = preview.write(Path(args.out), iconset, findings)
    print(f"preview written to {out}", file=sys.stderr)
    return 0


def _cache(args: argparse.Namespace) -> Path | None:
    """The user's cache folder, never the current one: `--cache-dir` only when asked."""
    if args.no_cache:
        return None
    if args.cache_dir:
        return Path(args.cache_dir)
    return user_cache_dir()


def user_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/mkdocs-favicons`, else `~/.cache/mkdocs-favicons`."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"  # XDG: relative is invalid
    return root / CACHE_NAME


def _guessed_base(site: Path) -> str:
    """Where a built folder is served, from its own files, said on stderr; "" when unknown."""
    inferred = infer_base_path(site)
    if inferred is None:
        return ""
    print(
        f"base URL {inferred.path} (guessed from {inferred.evidence}); pass --base-url to override",
        file=sys.stderr,
    )
    return inferred.path


def _check(args: argparse.Namespace) -> int:
    from .check import Severity, check_site, report

    base = base_path(args.base_url) if args.base_url else ""
    if not base and not args.site.startswith(("http://", "https://")):
        base = _guessed_base(Path(args.site))
    try:
        findings = check_site(args.site, base or "/")
    except FileNotFoundError as error:
        raise FaviconError(str(error)) from None
    sys.stdout.write(report.as_json(findings) if args.format == "json" else report.text(findings))
    return 1 if any(finding.severity is Severity.ERROR for finding in findings) else 0


Argument = tuple[str, dict[str, Any]]  # a flag or name, and add_argument's keywords


@dataclass(frozen=True)
class Command:
    """One subcommand: its handler, its help, its own arguments, and whether it makes icons
    (then it takes the icon options too)."""

    name: str
    run: Callable[[argparse.Namespace], int]
    help: str
    arguments: tuple[Argument, ...]
    makes_icons: bool


COMMANDS: tuple[Command, ...] = (
    Command(
        "generate",
        _generate,
        "write the icon files and print the head tags",
        (
            ("source", {"help": "an SVG, or a PNG/JPEG/WebP/GIF/ICO of 512 px+"}),
            ("--out", {"required": True, "help": "folder to write the files into"}),
        ),
        makes_icons=True,
    ),
    Command(
        "inject",
        _inject,
        "add the icons and tags to a site built by anything (Hugo, Zensical, ...)",
        (
            ("site", {"help": "the built site's output folder"}),
            ("--source", {"required": True, "help": "an SVG, or a 512 px+ bitmap"}),
        ),
        makes_icons=True,
    ),
    Command(
        "preview",
        _preview,
        "write one HTML page showing every icon where and how devices show it",
        (
            ("site", {"nargs": "?", "help": "a built site with icons (and checks)"}),
            ("--source", {"help": "preview a source image instead"}),
            ("--out", {"required": True, "help": "the HTML file to write"}),
        ),
        makes_icons=True,
    ),
    Command(
        "check",
        _check,
        "check the favicons of a built site (a folder or an http:// URL)",
        (
            ("site", {"help": "the built site folder, or its http:// root URL"}),
            (
                "--base-url",
                {
                    "default": "",
                    "help": "URL path the folder is served at, such as /sub/ (default: guessed "
                    "from sitemap.xml, 404.html or a mkdocs.yml beside the folder, else /)",
                },
            ),
            ("--format", {"choices": ("text", "json"), "default": "text"}),
        ),
        makes_icons=False,
    ),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mkdocs-favicons", description="One image in, a complete favicon set out."
    )
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        subparser = commands.add_parser(command.name, help=command.help)
        for flag, settings in command.arguments:
            subparser.add_argument(flag, **settings)
        if command.makes_icons:
            _add_icon_options(subparser)
        subparser.set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)
    try:
        return int(args.run(args))
    except FaviconError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # an unwritable --out, a full disk: one line, no traceback
        print(f"error: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 1
