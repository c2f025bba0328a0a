"""AWS Well-Architected custom lenses: import one as a questionnaire, export a questionnaire as one.

``import_lens`` reads a lens (every error located by JSON path, line and
column), maps it to a questionnaire and says how anything that breaks the
format's rules was read. ``export_lens`` does the reverse within every limit
of the format and says what had to be simplified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from assess.files import MAX_BYTES
from assess.lens.from_questionnaire import Exported, questionnaire_to_lens
from assess.lens.jsonsource import JsonSource, load_json, parse_json
from assess.lens.model import Lens
from assess.lens.notes import Note, Notes, condensed
from assess.lens.reader import read_lens
from assess.lens.to_questionnaire import default_id, lens_to_questionnaire
from assess.lens.yaml_out import questionnaire_yaml
from assess.loading import Diagnostic, InvalidInput, Parsed, diagnostic_at
from assess.models import ID_PATTERN, Questionnaire

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


_ID = re.compile(ID_PATTERN)
_CHOICE_BYTES = len("    - id: \n      label: \n")  # the least YAML a choice becomes, besides its texts


def _least_yaml_bytes(data: object) -> tuple[int, int]:
    """(choices, a lower bound on the questionnaire's size in bytes), from the parsed JSON alone.

    Reading and converting a lens costs about 70 µs and 4 KB per choice; this costs well under
    a microsecond, so a lens whose questionnaire could never be kept is refused before that."""
    choices = size = 0
    pillars = data.get("pillars") if isinstance(data, dict) else None
    for pillar in pillars if isinstance(pillars, list) else ():
        questions = pillar.get("questions") if isinstance(pillar, dict) else None
        for question in questions if isinstance(questions, list) else ():
            listed = question.get("choices") if isinstance(question, dict) else None
            for choice in listed if isinstance(listed, list) else ():
                if not isinstance(choice, dict):
                    continue
                cid, title = choice.get("id"), choice.get("title")
                # Ids that fit are kept as they are; others are rewritten (at least two characters).
                id_size = len(cid) if isinstance(cid, str) and _ID.fullmatch(cid) else 2
                label = len(title) if isinstance(title, str) and title.strip() else id_size
                choices += 1
                size += _CHOICE_BYTES + id_size + label
    return choices, size


def _import(source: JsonSource, questionnaire_id: str | None) -> Imported:
    choices, least = _least_yaml_bytes(source.data)
    if least > MAX_BYTES:
        message = (
            f"the questionnaire would be larger than {MAX_BYTES // 1024} KiB "
            f"({choices:,} choices, at least {least // 1024:,} KiB)"
        )
        raise InvalidInput([Diagnostic(source.file, 1, 1, message)])
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
