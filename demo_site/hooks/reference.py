"""MkDocs hook: the reference pages are generated from the code, so they cannot drift from it.

A page holds a placeholder such as `<!-- reference:options -->` on a line of its own; the hook
replaces it with Markdown made from the installed `mkdocs_favicons` package:

- `options`: `FaviconsConfig`'s attributes and their docstrings (read from `config.py` with
  `ast`, since Python keeps no attribute docstrings), with the defaults of the real schema;
- `presets`: the icon table in `presets.py`;
- `rules`: the checker's rule registry, `mkdocs_favicons.check.RULES`;
- `cli`: each command's `--help`, from the argparse parser;
- `messages`: every error and warning the package can print, found in its source with `ast`;
- `changelog`: the repository's `CHANGELOG.md`.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import importlib.util
import inspect
import io
import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

PLACEHOLDER = re.compile(r"^<!-- reference:([a-z]+) -->$", re.MULTILINE)


def _package_file(module: str) -> Path:
    """A module's source file, without importing it (the installed package, not a checkout)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise PluginError(f"reference hook: cannot find {module}; install mkdocs-favicons")
    return Path(spec.origin)


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _prose(text: str) -> str:
    """A docstring as one line of Markdown: `*` outside code spans is a literal star."""
    parts = _one_line(text).split("`")
    return "`".join(part if i % 2 else part.replace("*", "\\*") for i, part in enumerate(parts))


# ---- options ----------------------------------------------------------------------------------
def documented_attributes(source: str, class_name: str) -> Iterator[tuple[str, ast.expr, str]]:
    """(name, value expression, docstring) of each class attribute followed by a docstring."""
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            body = node.body
            for statement, following in itertools.pairwise(body):
                if (
                    isinstance(statement, ast.Assign)
                    and isinstance(statement.targets[0], ast.Name)
                    and isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)
                ):
                    name = statement.targets[0].id
                    yield name, statement.value, inspect.cleandoc(following.value.value)


def _kind(value: ast.expr) -> str:
    """What an option accepts, from its declaration: `c.Optional(c.Type(str))` is a string."""
    if not isinstance(value, ast.Call):
        return ""
    name = ast.unparse(value.func).rsplit(".", 1)[-1]
    if name == "Optional" and value.args:
        return _kind(value.args[0])
    if name == "Type" and value.args:
        return {"bool": "boolean", "str": "string", "int": "integer"}.get(
            ast.unparse(value.args[0]), ast.unparse(value.args[0])
        )
    if "Color" in name:
        return "CSS colour"
    return "choice"


def _default(option: Any) -> str:
    default = getattr(option, "default", None)
    if default is None:
        return "none"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    return f"`{default}`"


def options_markdown() -> str:
    """A table of every plugin option: name, what it accepts, default, description."""
    from mkdocs_favicons.plugin import FaviconsPlugin

    schema = dict(FaviconsPlugin.config_scheme)
    source = _package_file("mkdocs_favicons.config").read_text(encoding="utf-8")
    rows = []
    for name, value, doc in documented_attributes(source, "FaviconsConfig"):
        option = schema[name]
        choices = getattr(option, "choices", None)
        kind = " / ".join(f"`{choice}`" for choice in choices) if choices else _kind(value)
        rows.append((f"`{name}`", kind, _default(option), _prose(doc)))
    undocumented = sorted(set(schema) - {row[0].strip("`") for row in rows})
    if undocumented:
        raise PluginError(f"reference hook: options without a docstring: {undocumented}")
    return _table(("option", "accepts", "default", "what it does"), rows)


# ---- presets ----------------------------------------------------------------------------------
def presets_markdown() -> str:
    """The icon table: one row per file, with the presets that make it."""
    from mkdocs_favicons import presets

    rows = []
    for icon in presets.ICONS:
        declared = [f"`rel={icon.rel}`"] if icon.rel else []
        declared += ["manifest"] if icon.manifest else []
        declared += ["`browserconfig.xml`"] if icon.tile else []
        drawn = f"{icon.purpose.value}{' (SVG sources only)' if icon.svg_only else ''}"
        made_by = ", ".join(p for p in presets.PRESETS if p in icon.presets)
        rows.append(
            (f"`{icon.name}`", icon.pixel_sizes or "vector", drawn, made_by, ", ".join(declared))
        )
    for name in (presets.MANIFEST_NAME, presets.BROWSERCONFIG_NAME):
        made_by = ", ".join(
            p for p in presets.PRESETS if name in presets.IconSelection(p, True).data_files
        )
        rows.append(
            (
                f"`{name}`",
                "",
                "data",
                made_by,
                "`rel=manifest`" if "manifest" in name else "`msapplication-config`",
            )
        )
    return _table(("file", "pixels", "drawn as", "presets", "declared by"), rows)


# ---- checker rules ----------------------------------------------------------------------------
def _findings_in(function: Callable[..., Any], seen: set[Any]) -> Iterator[tuple[str, str]]:
    """(severity, rule id) of each `Finding(...)` a rule function makes, following the helpers
    of its own module that it calls."""
    seen.add(function)
    tree = ast.parse(inspect.cleandoc("\n" + inspect.getsource(function)))
    assigned: dict[str, list[str]] = {}  # rule = "mstile" if ... else "sizes"
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            strings = [
                n.value
                for n in ast.walk(node.value)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ]
            assigned.setdefault(node.targets[0].id, []).extend(strings)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = ast.unparse(node.func)
        if called.endswith("Finding") and len(node.args) >= 3:
            severity = ast.unparse(node.args[0]).lower()
            rule_id = node.args[2]
            if isinstance(rule_id, ast.Constant):
                yield severity, str(rule_id.value)
            elif isinstance(rule_id, ast.Name):
                yield from ((severity, name) for name in assigned.get(rule_id.id, []))
        helper = function.__globals__.get(called)
        if (
            inspect.isfunction(helper)
            and helper not in seen
            and helper.__module__ == function.__module__
        ):
            yield from _findings_in(helper, seen)


def rule_row(rule: Any) -> tuple[str, str, str]:
    """(rule ids, severities, summary) of one entry of the registry.

    A typed record (`id`, `severities`, `summary`) is read as is; a plain rule function gives
    the ids and severities of the `Finding(...)` calls in its source (and its own module's
    helpers) and its docstring's first paragraph.
    """
    ids = [str(rule.id)] if hasattr(rule, "id") else []
    severities = [str(getattr(s, "value", s)).lower() for s in getattr(rule, "severities", ())]
    summary = str(getattr(rule, "summary", "") or "")
    if not ids or not severities:
        made = list(_findings_in(getattr(rule, "check", rule), set()))
        ids = ids or [rule_id for _, rule_id in made]
        severities = severities or [severity for severity, _ in made]
    if not summary:
        summary = (inspect.getdoc(rule) or "").split("\n\n")[0]
    ids = list(dict.fromkeys(ids)) or [getattr(rule, "__name__", str(rule))]
    known = [severity for severity in ("error", "warning", "note") if severity in severities]
    return (", ".join(f"`{i}`" for i in ids), ", ".join(known), _prose(summary))


def rules_markdown() -> str:
    """The rule registry as a table, in the registry's order (the order of the report)."""
    from mkdocs_favicons.check import RULES

    return _table(("rule", "severity", "what it checks"), map(rule_row, RULES))


# ---- command line -----------------------------------------------------------------------------
def _help(argv: list[str]) -> str:
    from mkdocs_favicons.cli import build_parser

    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.suppress(SystemExit):
        build_parser().parse_args(argv)
    return output.getvalue().rstrip()


def cli_markdown() -> str:
    """`--help` of the program and of each command, as the parser prints it."""
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"  # the same wrapping everywhere, narrow enough for the page
    try:
        main_help = _help(["--help"])
        found = re.search(r"\{([a-z,]+)\}", main_help)
        commands = found.group(1).split(",") if found else []
        parts = [f"```text\n$ mkdocs-favicons --help\n{main_help}\n```"]
        for command in commands:
            parts.append(f"### `{command}`\n\n```text\n{_help([command, '--help'])}\n```")
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    return "\n\n".join(parts)


# ---- errors and warnings ----------------------------------------------------------------------
WARNING_CALLS = ("notes.append",)  # a source's notes are logged as warnings by iconset.py
# A `note = "..."` assignment is a warning that travels in a value before it reaches the notes
# (visibility's low-contrast background_color).
WARNING_NAMES = ("note",)


def _is_project_error(name: str) -> bool:
    """FaviconError, PluginError, ValidationError or any new one: an `...Error` class that is not
    one of Python's own (a ValueError inside the engine is not a message for users)."""
    return name.endswith("Error") and not hasattr(builtins, name)


def _template(node: ast.expr) -> str | None:
    """A message as its author wrote it: literal text, with each `{…}` field kept as code."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        text = ""
        for part in node.values:
            if isinstance(part, ast.Constant):
                text += str(part.value)
            elif isinstance(part, ast.FormattedValue):
                text += "{" + ast.unparse(part.value) + "}"
        return text
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        return None if left is None or right is None else left + right
    return None


def messages(source: str) -> Iterator[tuple[str, str]]:
    """(kind, message template) of each error raised and warning logged in a module's source.

    Errors re-raised from another one (`raise PluginError(str(error))`) carry no text of their
    own and are skipped: the original is listed where it is raised.
    """
    # (line, column, kind, the message's expression, the call whose path=/fix= complete it)
    found: list[tuple[int, int, str, ast.expr, ast.Call | None]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            called = ast.unparse(node.func)
            if _is_project_error(called.rsplit(".", 1)[-1]):
                found.append((node.lineno, node.col_offset, "error", node.args[0], node))
            elif called.endswith(("log.warning", "logger.warning")) or called in WARNING_CALLS:
                found.append((node.lineno, node.col_offset, "warning", node.args[0], node))
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id in WARNING_NAMES for target in node.targets
        ):
            found.append((node.lineno, node.col_offset, "warning", node.value, None))
    for _, _, kind, message, call in sorted(found, key=lambda item: item[:2]):  # source order
        text = _template(message)
        if text is not None and text.strip():
            yield kind, _one_line(_with_parts(text, call) if call else text)


def _with_parts(text: str, call: ast.Call) -> str:
    """The message as it reads: `FaviconError(problem, path=…, fix=…)` is `path: problem; fix`."""
    parts = {keyword.arg: keyword.value for keyword in call.keywords}
    path = _template(parts["path"]) if "path" in parts else None
    if path is None and "path" in parts:
        path = "{" + ast.unparse(parts["path"]) + "}"
    fix = _template(parts["fix"]) if "fix" in parts else None
    return f"{path + ': ' if path else ''}{text}{'; ' + fix if fix else ''}"


def messages_markdown() -> str:
    """Every message of the package, grouped by the module that prints it."""
    package = _package_file("mkdocs_favicons").parent
    sections = []
    for path in sorted(package.rglob("*.py")):
        found = list(dict.fromkeys(messages(path.read_text(encoding="utf-8"))))
        if found:
            module = path.relative_to(package.parent).with_suffix("").as_posix().replace("/", ".")
            rows = [(kind, f"`{text.replace('`', '')}`") for kind, text in found]
            sections.append(f"### `{module}`\n\n" + _table(("kind", "message"), rows))
    return "\n\n".join(sections)


# ---- changelog --------------------------------------------------------------------------------
def changelog_markdown(config: MkDocsConfig) -> str:
    """The repository's CHANGELOG.md, which sits next to the documentation's folder."""
    path = Path(config.config_file_path).resolve().parent.parent / "CHANGELOG.md"
    if not path.is_file():
        raise PluginError(f"reference hook: {path} not found; the changelog page includes it")
    return path.read_text(encoding="utf-8")


# ---- the hook ---------------------------------------------------------------------------------
GENERATORS: dict[str, Callable[[MkDocsConfig], str]] = {
    "options": lambda config: options_markdown(),
    "presets": lambda config: presets_markdown(),
    "rules": lambda config: rules_markdown(),
    "cli": lambda config: cli_markdown(),
    "messages": lambda config: messages_markdown(),
    "changelog": changelog_markdown,
}


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace each `<!-- reference:NAME -->` line with the Markdown generated for NAME."""

    def generate(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in GENERATORS:
            raise PluginError(
                f"{page.file.src_uri}: unknown placeholder reference:{name}; "
                f"use one of {', '.join(GENERATORS)}"
            )
        return GENERATORS[name](config)

    return PLACEHOLDER.sub(generate, markdown)
