"""AWS Well-Architected custom lenses: import one as a questionnaire, export a questionnaire as one.

``import_lens`` reads a lens (every error located by JSON path, line and
column), maps it to a questionnaire and says how anything that breaks the
format's rules was read. ``export_lens`` does the reverse within every limit
of the format and says what had to be simplified.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from assess.lens.from_questionnaire import Exported, questionnaire_to_lens
from assess.lens.jsonsource import JsonSource, load_json, parse_json
from assess.lens.model import Lens
from assess.lens.notes import Note, Notes, condensed
from assess.lens.reader import read_lens
from assess.lens.to_questionnaire import default_id, lens_to_questionnaire
from assess.lens.yaml_out import questionnaire_yaml
from assess.loading import Diagnostic, InvalidInput, Parsed, diagnostic_at
from assess.models import Questionnaire

__all__ = [
    "Exported",
    "Imported",
    "Note",
    "default_id",
    "export_lens",
    "export_messages",
    "import_lens",
    "import_lens_text",
]


def _located(source: JsonSource, note: Note) -> Diagnostic:
    return source.diagnostic(note.path or (), note.message, note.severity, key=note.key, offset=note.offset)


@dataclass(frozen=True)
class Imported:
    questionnaire: Questionnaire
    lens: Lens
    notes: list[Note]
    source: JsonSource

    def diagnostics(self) -> list[Diagnostic]:
        """Warnings and notes at their places in the lens, long runs of one kind cut short."""
        return condensed(self.notes, lambda n: _located(self.source, n))

    def yaml(self) -> str:
        name = Path(self.source.file).name
        header = (
            f"Imported from the AWS Well-Architected custom lens “{self.lens.name}” ({name})\n"
            "by `assess questionnaire import-lens`. Check it with `assess questionnaire validate`."
        )
        return questionnaire_yaml(self.questionnaire, header)


def _import(source: JsonSource, questionnaire_id: str | None) -> Imported:
    notes = Notes()
    lens = read_lens(source, notes)
    questionnaire = None
    if lens is not None:
        questionnaire = lens_to_questionnaire(lens, questionnaire_id or default_id(lens.name), notes)
    if lens is None or questionnaire is None or notes.errors:
        raise InvalidInput([_located(source, n) for n in notes.errors])
    return Imported(questionnaire, lens, notes.items, source)


def import_lens(path: Path, questionnaire_id: str | None = None) -> Imported:
    """Read a lens file; InvalidInput lists every error, each at its JSON path, line and column."""
    return _import(load_json(path), questionnaire_id)


def import_lens_text(text: str, file: str, questionnaire_id: str | None = None) -> Imported:
    return _import(parse_json(text, file), questionnaire_id)


def export_lens(questionnaire: Questionnaire) -> Exported:
    """The questionnaire as a lens (several if one cannot hold it) and what was simplified."""
    return questionnaire_to_lens(questionnaire)


def export_messages(exported: Exported, parsed: Parsed | None) -> list[str]:
    """Export notes as lines for stderr: at their places in the questionnaire file where they have one."""
    located = [n for n in exported.notes if n.where is not None and parsed is not None]
    general = [n for n in exported.notes if n not in located]

    def at(note: Note) -> Diagnostic:
        assert parsed is not None and note.where is not None
        return replace(diagnostic_at(parsed, note.where, note.message), severity=note.severity)

    lines = [f"{n.severity}: {n.message}" for n in general if n.severity != "note"]
    lines += [str(d) for d in condensed(located, at)]
    lines += [f"{n.severity}: {n.message}" for n in general if n.severity == "note"]
    return lines
