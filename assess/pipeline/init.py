"""`assess init`: a commented answers template, and the questionnaire's answers schema beside it.

The template's first line names the schema by a relative path (``ID.vVERSION.answers.schema.json``
in the same folder), which yaml-language-server resolves from the answers file's own folder: it
keeps working when the folder is moved, shared or checked into a repository, and whatever
environment assess was installed in (an absolute path into one machine's site-packages does not).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from assess import catalog, files
from assess import schema as schemas
from assess.errors import EnvironmentProblem, InvalidInput, UsageError
from assess.loading import Diagnostic
from assess.models import Questionnaire
from assess.pipeline import output
from assess.template import answers_template, schema_file_name


@dataclass
class Initialised:
    text: str
    questionnaire: Questionnaire
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def init(
    ref: str,
    target: Path | None,
    *,
    team: str,
    today: dt.date,
    force: bool = False,
    respondent: str | None = None,
) -> Initialised:
    """Write the template to ``target`` (None or ``-``: standard output) and its schema beside it.
    ``respondent``: a workshop participant's own file (a name, or 'anonymous')."""
    if respondent is not None and not respondent.strip():
        raise UsageError("init: --respondent needs a name, or the word anonymous")
    questionnaire, _ = catalog.load(ref)
    source = catalog.locate(ref)
    done = Initialised(
        answers_template(questionnaire, team=team, today=today, respondent=respondent), questionnaire
    )
    name = schema_file_name(questionnaire)
    if output.to_stdout(target):
        output.emit(target, done.text)
        done.notes.append(
            f"its first line points editors to {name} in the same folder; write it there with "
            f"`assess schema answers -q {ref} -o {name}`"
        )
        return done
    assert target is not None
    if target.exists() and not force:
        raise InvalidInput([Diagnostic(str(target), 1, 1, "exists; use --force to replace it")])
    beside = target.parent / name
    output.check([target, beside], [source])  # neither over the questionnaire, nor one over the other
    output.emit(target, done.text, [source])
    done.written.append(target)
    written, notes = schema_beside(questionnaire, target, force=force)
    done.written += written
    done.notes += notes
    return done


def schema_beside(
    questionnaire: Questionnaire, target: Path, *, force: bool = False
) -> tuple[list[Path], list[str]]:
    """Write the questionnaire's answers schema beside the answers file ``target``, unless a file of
    that name that assess did not write is there (then only with ``force``): (written, notes)."""
    beside = target.parent / schema_file_name(questionnaire)
    wanted = schemas.text(schemas.answers_for(questionnaire))
    try:
        current = beside.read_text(encoding="utf-8") if beside.exists() else None
    except (OSError, UnicodeDecodeError):
        current = ""
    if current == wanted:
        return [], []
    if current is not None and not schemas.is_generated(current) and not force:
        return [], [f"left {beside} as it is (not written by assess); use --force to replace it"]
    try:
        files.write_text(beside, wanted)
    except OSError as exc:
        raise EnvironmentProblem(files.describe_os_error(beside, exc)) from None
    return [beside], []
