"""What `assess validate` found, for people (text), tools (JSON), GitHub Actions (workflow
annotations) and code-scanning tools (SARIF 2.1.0)."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from assess import __version__
from assess.models.org import DiagnosticEntry
from assess.models.validation import FileCheck, Validation
from assess.words import counted

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
RULE = "assess/invalid-input"
RULE_TEXT = "An answers or organisation file that assess cannot use as written."


def summary(check: FileCheck) -> str:
    """``FILE: ok (...)`` for a file that passed."""
    if check.kind == "organisation":
        areas = f"default targets for {counted(check.targets or 0, 'practice area')}"
        if not check.targets:
            areas = "no default targets"
        extra = f"; {check.note}" if check.note else ""
        return f"{check.file}: ok (organisation file for {check.organisation}: {areas}{extra})"
    skipped = f", {check.not_applicable} do not apply" if check.not_applicable else ""
    return f"{check.file}: ok ({check.answered} of {check.total} questions answered{skipped})"


def to_json(result: Validation) -> str:
    return result.model_dump_json(indent=2, exclude_none=True) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(result: Validation) -> str:
    """One workflow command per problem (``::error file=...,line=...,col=...::message``)."""
    lines = []
    for d in _diagnostics(result):
        level = {"warning": "warning", "note": "notice"}.get(d.severity, "error")
        props = f"file={_escape_property(d.file)},line={d.line},col={d.column},title=assess"
        lines.append(f"::{level} {props}::{_escape_data(' '.join(d.message.split()))}")
    return "".join(f"{line}\n" for line in lines)


def sarif(result: Validation) -> str:
    """A SARIF 2.1.0 log with one run of assess and one result per problem."""
    results: list[dict[str, Any]] = [
        {
            "ruleId": RULE,
            "level": {"warning": "warning", "note": "note"}.get(d.severity, "error"),
            "message": {"text": " ".join(d.message.split())},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(PurePath(d.file).as_posix())},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }
            ],
        }
        for d in _diagnostics(result)
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "assess",
                        "version": __version__,
                        "rules": [
                            {
                                "id": RULE,
                                "name": "InvalidInput",
                                "shortDescription": {"text": RULE_TEXT},
                            }
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _diagnostics(result: Validation) -> list[DiagnosticEntry]:
    return [d for check in result.files for d in check.diagnostics]
