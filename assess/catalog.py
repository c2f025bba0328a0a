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


def _cache_key(source: bytes) -> str:
    import hashlib

    import pydantic

    import assess
    from assess import models

    digest = hashlib.sha256(source)
    # The same file read by another version of the models must be checked again.
    digest.update(Path(models.__file__).read_bytes())
    digest.update(f"{assess.__version__} {pydantic.VERSION}".encode())
    return digest.hexdigest()[:32]


def load_fast(ref: str) -> Questionnaire:
    """``load`` with a cache of the checked result.

    Parsing and checking the bundled 4,000-line questionnaire costs about 100 ms
    on every `assess score`; validating the cached JSON costs about 10 ms. The
    cache is keyed by the file's bytes and the model code, so an edited file is
    always checked again.
    """
    from platformdirs import user_cache_path
    from pydantic import ValidationError

    from assess.loading import atomic_write_text, read_text

    path = locate(ref)
    source = read_text(path).encode("utf-8")
    cached = user_cache_path("assess") / "questionnaires" / f"{_cache_key(source)}.json"
    try:
        return Questionnaire.model_validate_json(cached.read_bytes())
    except (OSError, ValidationError):
        pass
    questionnaire, _ = load(str(path))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(cached, questionnaire.model_dump_json())
    except OSError:
        pass  # a read-only cache only costs speed
    return questionnaire
