"""What the welcome screen lists: the questionnaires, and the saved assessments with their state.

Runs on a thread. Anything that cannot be read (a broken questionnaire in the
config folder, an answers file that no longer validates) is listed with its
reason; nothing here may raise, whatever the files hold.
"""

from __future__ import annotations

from assess import catalog
from assess.errors import InvalidInput
from assess.pipeline.team import load_team
from assess.tui import opening, storage
from assess.tui.text import line

_sizes: dict[str, int] = {}


def _reason(exc: BaseException) -> str:
    if isinstance(exc, InvalidInput):
        return str(exc.diagnostics[0]) if exc.diagnostics else "cannot be read"
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    return f"cannot be read ({type(exc).__name__})"


def questionnaires() -> list[tuple[str, str, bool]]:
    """(reference, text, usable) for every questionnaire that can be named by id."""
    rows: list[tuple[str, str, bool]] = []
    try:
        entries = catalog.entries()
    except OSError as exc:
        return [("", f"✗ The questionnaire folders cannot be read: {line(exc)}", False)]
    for entry in entries:
        where = "" if entry.source == "bundled" else f", {storage.display_path(entry.path)}"
        try:
            q = opening.questionnaire(entry.id)
        except Exception as exc:  # a broken file in the config folder must never stop the app
            rows.append(
                (
                    entry.id,
                    f"✗ {line(entry.id)}: broken, cannot be used{line(where)}: {line(_reason(exc))}",
                    False,
                )
            )
            continue
        _sizes[q.id] = len(q.questions())
        rows.append(
            (
                entry.id,
                f"{line(q.title)}  ({line(q.id)} v{line(q.version)}, "
                f"{len(q.questions())} questions{line(where)})",
                True,
            )
        )
    return rows


def sizes() -> dict[str, int]:
    return dict(_sizes)


def recent(sizes: dict[str, int]) -> list[tuple[str, str, bool]]:
    """(path, text, usable) for every saved assessment: team, progress, date, where, and whether it opens."""
    rows: list[tuple[str, str, bool]] = []
    for path in storage.recent_paths():
        summary = storage.summarise(path)
        if summary is None:
            continue
        problem = summary.problem
        if problem is None:
            try:
                load_team(path)
            except Exception as exc:  # listed as broken, whatever went wrong
                problem = _reason(exc)
        total = sizes.get(summary.questionnaire.partition("@")[0])
        progress = f"{summary.answered} of {total} answered" if total else f"{summary.answered} answered"
        when = summary.modified.strftime("%Y-%m-%d %H:%M") if summary.modified else "date unknown"
        where = storage.display_path(path)
        if problem:
            text = f"✗ BROKEN {line(summary.team)} · {line(where)}: {line(problem)}"
        else:
            text = f"{line(summary.team)} · {progress} · {when} · {line(where)}"
        rows.append((str(path), text, problem is None))
    return rows
