"""Writing the assessment out as a report: the same renderers the command line uses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assess.loading import atomic_write_bytes, atomic_write_text
from assess.models import Assessment


class ExportFailed(Exception):
    """Said to the person as it is: a missing library, an unwritable folder."""


def export(fmt: str, assessment: Assessment, path: Path) -> None:
    """Render ``assessment`` as ``pdf``, ``markdown`` or ``json`` and write it atomically to ``path``."""
    if fmt == "pdf":
        from assess.report import pdf

        try:
            data = pdf.render(assessment)
        except (pdf.MissingLibraries, pdf.UnsafeFetch) as exc:
            raise ExportFailed(str(exc)) from None
        _write(path, lambda: atomic_write_bytes(path, data))
        return
    from assess.cli import render_assessment

    if fmt not in ("markdown", "json"):
        raise ValueError(f"unknown export format {fmt!r}")
    text = render_assessment(assessment, fmt)
    _write(path, lambda: atomic_write_text(path, text))


def _write(path: Path, write: Callable[[], None]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write()
    except OSError as exc:
        raise ExportFailed(f"cannot write {path}: {exc.strerror or exc}") from None
