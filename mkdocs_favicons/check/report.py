"""Findings as text (one line each, then a summary) or as JSON data."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from dataclasses import asdict

from .findings import ERROR, WARNING, Finding, RuleId


def summary(findings: Sequence[Finding]) -> str:
    errors = sum(finding.severity is ERROR for finding in findings)
    warnings = sum(finding.severity is WARNING for finding in findings)
    skipped = sum(finding.rule is RuleId.SKIPPED for finding in findings)
    verdict = "FAILED" if errors else "passed"
    notes = f", {skipped} pages skipped" if skipped else ""
    return (
        f"favicon check {verdict}: {_count(errors, 'error')}, {_count(warnings, 'warning')}" + notes
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# A finding is one line, so it greps; past LONG characters (a consistency diff can run to 700)
# it wraps at WIDTH, its continuation lines indented so each finding still starts a line.
LONG, WIDTH = 240, 100


def text(findings: Sequence[Finding]) -> str:
    lines = [_wrapped(finding) for finding in findings]
    return "\n".join([*lines, summary(findings)]) + "\n"


def as_json(findings: Sequence[Finding]) -> str:
    data = {
        "errors": sum(finding.severity is ERROR for finding in findings),
        "warnings": sum(finding.severity is WARNING for finding in findings),
        "findings": [asdict(finding) for finding in findings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _wrapped(finding: Finding) -> str:
    line = f"{finding.severity}: {finding.describe()}"
    if len(line) <= LONG:
        return line
    return textwrap.fill(
        line, WIDTH, subsequent_indent="    ", break_long_words=False, break_on_hyphens=False
    )
