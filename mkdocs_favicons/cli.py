"""The command line: a thin adapter over the same engine the plugin uses."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import __version__
from .errors import FaviconError
from .iconset import generate
from .options import Options, check_color
from .presets import PRESETS
from .tags import TagBuilder

DEFAULT_CACHE = Path(".cache/plugin/favicons")


def _add_icon_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--preset", choices=PRESETS, default="minimal", help="which files to make")
    parser.add_argument("--base-url", default="/", help="URL path of the site root, such as /sub/")
    parser.add_argument("--app-name", default="", help="the manifest name")
    parser.add_argument("--short-name", default="", help="the home-screen label")
    parser.add_argument("--theme-color", default="", help="defaults to a colour of the image")
    parser.add_argument("--background-color", default="#ffffff", help="touch/maskable background")
    parser.add_argument("--cache-busting", action="store_true", help="append ?v=<hash> to URLs")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")


def options_from(args: argparse.Namespace, default_name: str) -> Options:
    base = args.base_url if args.base_url.endswith("/") else args.base_url + "/"
    return Options(
        preset=args.preset,
        app_name=args.app_name or default_name,
        short_name=args.short_name,
        theme_color=check_color(args.theme_color, "--theme-color") if args.theme_color else "",
        background_color=check_color(args.background_color, "--background-color"),
        root_path=base if base.startswith("/") else "",
        cache_busting=args.cache_busting,
    )


def _generate(args: argparse.Namespace) -> int:
    source = Path(args.source)
    options = options_from(args, source.stem.replace("-", " ").replace("_", " ").title())
    result = generate(source, options, None if args.no_cache else DEFAULT_CACHE)
    written = result.iconset.write(Path(args.out))
    how = "from cache" if result.cached else "generated"
    print(f"{len(written)} files {how} in {args.out} ({result.seconds * 1000:.0f} ms)", file=sys.stderr)
    base = args.base_url if args.base_url.endswith("/") else args.base_url + "/"
    sys.stdout.write(TagBuilder(result.iconset).block(base))
    return 0


def _check(args: argparse.Namespace) -> int:
    from .check import check_site, report

    try:
        findings = check_site(args.site, args.base_url)
    except FileNotFoundError as error:
        raise FaviconError(str(error)) from None
    sys.stdout.write(report.as_json(findings) if args.format == "json" else report.text(findings))
    return 1 if any(finding.severity == "error" for finding in findings) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mkdocs-favicons", description="One image in, a complete favicon set out."
    )
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True)
    generate_parser = commands.add_parser(
        "generate", help="write the icon files and print the head tags"
    )
    generate_parser.add_argument("source", help="an SVG, or a PNG/JPEG/WebP/GIF/ICO of 512 px+")
    generate_parser.add_argument("--out", required=True, help="folder to write the files into")
    _add_icon_options(generate_parser)
    generate_parser.set_defaults(run=_generate)
    check_parser = commands.add_parser(
        "check", help="check the favicons of a built site (a folder or an http:// URL)"
    )
    check_parser.add_argument("site", help="the built site folder, or its http:// root URL")
    check_parser.add_argument(
        "--base-url", default="/", help="URL path the folder is served at, such as /sub/"
    )
    check_parser.add_argument("--format", choices=("text", "json"), default="text")
    check_parser.set_defaults(run=_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)
    try:
        return int(args.run(args))
    except FaviconError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
