"""Participants' answers files for the workshop tests, written as a person would write them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

Answer = str | list[str] | Mapping[str, object]


def participant(
    folder: Path,
    file_name: str,
    respondent: str | None,
    answers: Mapping[str, Answer],
    *,
    team: str = "Payments",
    assessed_at: str = "2026-11-30",
    facts: Mapping[str, object] | None = None,
    questionnaire: str = "sre-core@2",
) -> Path:
    """One person's own answers file; ``respondent`` None writes none (which counts as anonymous)."""
    lines = [f"questionnaire: {questionnaire}", f"assessed_at: {assessed_at}"]
    if respondent is not None:
        lines.append(f"respondent: {json.dumps(respondent)}")
    lines += ["team:", f"  name: {json.dumps(team)}"]
    lines += [f"  {k}: {json.dumps(v)}" for k, v in (facts or {}).items()]
    lines.append("answers:")
    for qid, value in answers.items():
        lines.append(f"  {qid}: {json.dumps(value)}")
    path = folder / file_name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Three people: Ana and Bo by name, one anonymous (whose file name and evidence owner name them).
THREE: list[tuple[str, str, dict[str, Answer]]] = [
    (
        "ana.yaml",
        "Ana",
        {
            "obs.alert-runbooks": {"choice": "all", "note": "we have runbooks for every alert"},
            "obs.golden-signals": "partial",
            "rel.practices": ["canary", "smoke-tests"],
            "inc.roles": "commander",
        },
    ),
    (
        "bo.yaml",
        "Bo",
        {
            "obs.alert-runbooks": "some",
            "obs.golden-signals": "all",
            "rel.practices": ["canary"],
            "inc.roles": "commander",
        },
    ),
    (
        "zedekiah-quiet.yaml",
        "anonymous",
        {
            "obs.alert-runbooks": {
                "choice": "none",
                "note": "for about half, honestly",
                "evidence": {"text": "alert export", "date": "2026-11-01", "owner": "Zedekiah"},
            },
            "obs.golden-signals": "partial",
            "rel.practices": ["smoke-tests"],
            "inc.roles": "commander",
        },
    ),
]
SECRET = "Zedekiah"


def three(folder: Path) -> list[Path]:
    return [participant(folder, name, who, answers) for name, who, answers in THREE]
