"""Finding questionnaires: a path, the user's config folder, then the bundled ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assess.loading import Diagnostic, LoadError, Parsed, did_you_mean, load_model
from assess.models import Questionnaire
from assess.resources import questionnaires_dir

DEFAULT_ID = "sre-core"


def user_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path("assess") / "questionnaires"


@dataclass(frozen=True)
class Entry:
    id: str
    path: Path
    source: str  # "user" | "bundled"


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def entries() -> list[Entry]:
    """Every questionnaire that can be named by id; a user file shadows a bundled one."""
    found: dict[str, Entry] = {}
    for source, folder in (("bundled", questionnaires_dir()), ("user", user_dir())):
        for path in _files(folder):
            found[path.stem] = Entry(path.stem, path, source)
    return sorted(found.values(), key=lambda e: e.id)


def locate(ref: str) -> Path:
    """A questionnaire id or a path to a questionnaire file."""
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") or "/" in ref or candidate.is_file():
        return candidate
    for entry in entries():
        if entry.id == ref:
            return entry.path
    known = [e.id for e in entries()]
    raise LoadError(
        [
            Diagnostic(
                ref,
                1,
                1,
                f"no questionnaire with id {ref!r}{did_you_mean(ref, known)} "
                f"(known: {', '.join(known) or 'none'})",
            )
        ]
    )


def load(ref: str) -> tuple[Questionnaire, Parsed]:
    """Load and fully check a questionnaire (model, then cross-references)."""
    from assess.checks import check_questionnaire

    questionnaire, parsed = load_model(Questionnaire, locate(ref))
    errors = [d for d in check_questionnaire(questionnaire, parsed) if d.severity == "error"]
    if errors:
        raise LoadError(errors)
    return questionnaire, parsed
