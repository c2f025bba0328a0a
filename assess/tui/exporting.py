"""Writing the assessment out as a report: the same renderers and safe writes the command line uses."""

from __future__ import annotations

from pathlib import Path

from assess.errors import AssessError
from assess.models import Assessment
from assess.pipeline import output, render
from assess.report.context import Options

FORMATS = ("pdf", "markdown", "json")


class ExportFailed(Exception):
    """Said to the person as it is: a missing library, an unwritable folder."""


def export(fmt: str, assessment: Assessment, path: Path) -> None:
    """Render ``assessment`` as ``pdf``, ``markdown`` or ``json`` and write it safely to ``path``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    try:
        data = (
            render.report(assessment, "pdf", Options())
            if fmt == "pdf"
            else render.assessment(assessment, fmt).encode("utf-8")
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        output.emit(path, data)
    except OSError as exc:
        raise ExportFailed(f"cannot write {path}: {exc.strerror or exc}") from None
    except AssessError as exc:
        raise ExportFailed(str(exc)) from None
