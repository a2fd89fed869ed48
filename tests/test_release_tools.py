"""The release tooling's own pieces: the lowest-versions constraints and the docs' generators."""

from __future__ import annotations

import importlib.util
import types
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import REPO
from mkdocs.exceptions import PluginError

from mkdocs_favicons.check import RULES


def _load(path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


constraints = _load(REPO / ".ci" / "lowest_constraints.py")
reference = _load(REPO / "demo_site" / "hooks" / "reference.py")


def test_every_lower_bound_becomes_a_pin_and_new_dependencies_need_no_change(
    tmp_path: Path,
) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        "[project]\n"
        'dependencies = ["mkdocs>=1.6,<2", "Pillow >= 10.1", "unbounded", '
        "\"tomli>=1.1; python_version < '3.11'\"]\n"
        "[project.optional-dependencies]\n"
        'test = ["pytest>=8", "html5lib>=1.1", "mkdocs-static-i18n[material]>=1.3.1"]\n'
        'dev = ["ruff>=0.6"]\n'
    )
    assert constraints.lowest_pins(pyproject, ["test"]) == [
        "mkdocs==1.6",
        "Pillow==10.1",
        "tomli==1.1",
        "pytest==8",
        "html5lib==1.1",
        "mkdocs-static-i18n==1.3.1",
    ]


def test_the_projects_own_bounds_are_all_pinned() -> None:
    pins = constraints.lowest_pins(REPO / "pyproject.toml", ["test"])
    names = {pin.split("==")[0].lower() for pin in pins}
    assert {"mkdocs", "pillow", "resvg-py", "pyoxipng", "pytest", "mkdocs-material"} <= names


def test_a_rule_function_gives_its_ids_severities_and_summary() -> None:
    rows = {row[0]: row for row in map(reference.rule_row, RULES)}
    assert rows["`consistency`"][1] == "error"
    assert rows["`ico`"][1] == "error, warning"
    assert rows["`skipped`"][1] == "note"
    assert rows["`404-relative`"][2].startswith("404.html uses root paths: it is served at any")


def test_a_typed_rule_record_is_read_as_is() -> None:
    record = SimpleNamespace(
        id="root-ico", summary="A favicon.ico at the root.", severities=["warning"]
    )
    assert reference.rule_row(record) == ("`root-ico`", "warning", "A favicon.ico at the root.")


def test_an_unknown_placeholder_stops_the_build_naming_the_page() -> None:
    page = SimpleNamespace(file=SimpleNamespace(src_uri="guide/x.md"))
    with pytest.raises(PluginError, match=r"guide/x.md: unknown placeholder reference:nope"):
        reference.on_page_markdown("<!-- reference:nope -->\n", page=page, config=None, files=None)


def test_message_templates_keep_literal_text_and_name_their_fields() -> None:
    source = (
        "def f(path, n):\n"
        "    if n:\n"
        "        raise FaviconError(f'{path} is only {n} px; use ' + 'an SVG')\n"
        "    log.warning('plain text warning')\n"
        "    raise PluginError(str(error))\n"
        "    raise ValueError('an internal error, not a message for users')\n"
        "    raise SvgError(f'{path}: not an SVG; export it again')\n"
    )
    assert list(reference.messages(source)) == [
        ("error", "{path} is only {n} px; use an SVG"),
        ("warning", "plain text warning"),
        ("error", "{path}: not an SVG; export it again"),
    ]


def test_a_warning_carried_in_a_note_is_listed_where_it_is_written() -> None:
    source = (
        "def f(chosen, reached):\n"
        "    note = ''\n"
        "    if reached < 3:\n"
        "        note = (f'background_color {chosen}: only {reached:.1f}:1; ' 'choose another')\n"
        "    notes = f'{chosen} is not a note'\n"
        "    log.warning('after it')\n"
    )
    assert list(reference.messages(source)) == [
        ("warning", "background_color {chosen}: only {reached}:1; choose another"),
        ("warning", "after it"),
    ]
