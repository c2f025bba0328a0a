"""The HTML report for a fixed input, compared byte for byte with tests/golden/report.html.

PDF bytes depend on the fonts of the machine, so the rendered HTML is what is pinned. A change to the
template, the charts, the questionnaire or the engine shows up here as a reviewable diff.

To regenerate after an intended change, run

    ASSESS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_golden.py

then review ``git diff tests/golden/report.html`` (open the file in a browser to see it) and commit it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from assess.engine import assess
from assess.pipeline.team import load_team
from assess.report import html

GOLDEN = Path(__file__).resolve().parent / "golden"


def test_html_matches_the_golden_file() -> None:
    team = load_team(GOLDEN / "report-input.yaml")
    answers, questionnaire = team.answers, team.questionnaire
    rendered = html.render(assess(questionnaire, answers))
    golden = GOLDEN / "report.html"
    if os.environ.get("ASSESS_UPDATE_GOLDEN") == "1":
        golden.write_text(rendered, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if rendered != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    rendered.splitlines(keepends=True),
                    "tests/golden/report.html",
                    "rendered",
                )
            )[:60]
        )
        raise AssertionError(
            "the HTML report changed; if intended, regenerate with "
            "ASSESS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_golden.py\n" + diff
        )
