"""Finding questionnaires: a path, the user's config folder, then the bundled ones.

An id is an id and a path is a path: a reference is read as a file only when it looks
like one (it holds a ``/``, ends in ``.yaml``/``.yml``, or is ``-`` for standard input), so a
file in the current folder named like a bundled questionnaire never replaces it.

Earlier versions are kept beside the current one as ``ID@VERSION.yaml`` (the bundled
``sre-core@1.yaml``), so answers that name ``sre-core@1`` are scored with version 1 while
``sre-core`` is version 2. ``ID@VERSION`` finds that file (user folder first), else the
current ``ID.yaml``, whose version must then match.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pydantic
from platformdirs import user_cache_path, user_config_path

import assess.models
from assess import files
from assess.checks import check_questionnaire
from assess.loading import Diagnostic, InvalidInput, Parsed, did_you_mean, parse_yaml, validate
from assess.models import Questionnaire
from assess.resources import questionnaires_dir

DEFAULT_ID = "sre-core"
_MODEL_SOURCES = ("common.py", "questionnaire.py")  # what a cached questionnaire depends on


def user_dir() -> Path:
    return user_config_path("assess") / "questionnaires"


@dataclass(frozen=True)
class Entry:
    id: str
    path: Path
    source: str  # "user" | "bundled"


@dataclass(frozen=True)
class Found:
    """A checked questionnaire and the file it came from (an input of the command)."""

    questionnaire: Questionnaire
    path: Path


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _all_entries() -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    for source, folder in (("bundled", questionnaires_dir()), ("user", user_dir())):
        for path in _files(folder):
            found[path.stem] = Entry(path.stem, path, source)
    return found


def entries() -> list[Entry]:
    """Every questionnaire that can be named by id (current versions); a user file shadows a
    bundled one."""
    return sorted((e for e in _all_entries().values() if "@" not in e.id), key=lambda e: e.id)


def kept_versions(questionnaire_id: str) -> list[tuple[str, Path]]:
    """The earlier versions kept as ``ID@VERSION.yaml``, newest (by file name) first."""
    prefix = f"{questionnaire_id}@"
    kept = [(e.id[len(prefix) :], e.path) for e in _all_entries().values() if e.id.startswith(prefix)]
    return sorted(kept, key=lambda v: version_key(v[0]), reverse=True)


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Order versions as people read them: 2 before 10, numbers before words."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in version.replace("-", ".").split("."))


def looks_like_path(ref: str) -> bool:
    """A file (``-`` is standard input), not an id."""
    return "/" in ref or Path(ref).suffix in (".yaml", ".yml") or files.is_stdio(ref)


def locate(ref: str) -> Path:
    """A questionnaire id (optionally ``ID@VERSION``) or a path to a questionnaire file."""
    if looks_like_path(ref):
        return Path(ref)
    known = _all_entries()
    if ref in known:
        return known[ref].path
    base = ref.partition("@")[0]
    if base in known:
        return known[base].path  # the current version; a different version is reported on loading
    ids = [e.id for e in entries()]
    listing = ", ".join(ids) or "none"
    message = f"no questionnaire with id {base!r}{did_you_mean(base, ids)} (known: {listing})"
    raise InvalidInput([Diagnostic(ref, 1, 1, message)])


def load(ref: str) -> tuple[Questionnaire, Parsed]:
    """Load and fully check a questionnaire (model, then cross-references)."""
    path = locate(ref)
    return _checked(path, files.read_text(path))


def _checked(path: Path, text: str) -> tuple[Questionnaire, Parsed]:
    parsed = parse_yaml(text, str(path))
    questionnaire = validate(Questionnaire, parsed)
    errors = [d for d in check_questionnaire(questionnaire, parsed) if d.severity == "error"]
    if errors:
        raise InvalidInput(errors)
    return questionnaire, parsed


def _cache_key(source: bytes) -> str:
    digest = hashlib.sha256(source)
    # The same file read by another version of the models must be checked again.
    models = Path(assess.models.__file__).parent
    for name in _MODEL_SOURCES:
        digest.update((models / name).read_bytes())
    digest.update(f"{assess.__version__} {pydantic.VERSION}".encode())
    return digest.hexdigest()[:32]


def load_fast(ref: str) -> Found:
    """``load`` with a cache of the checked result.

    Parsing and checking the bundled 4,000-line questionnaire costs about 100 ms
    on every `assess score`; reading the cached JSON costs a few. The cache is keyed
    by the file's bytes and the model code, so an edited file is always checked again.
    """
    path = locate(ref)
    if files.is_stdio(path):
        return Found(load(ref)[0], path)  # read once, nothing to cache
    source = files.read_bytes(path)
    cached = user_cache_path("assess") / "questionnaires" / f"{_cache_key(source)}.json"
    try:
        return Found(Questionnaire.model_validate_json(cached.read_bytes()), path)
    except (OSError, pydantic.ValidationError):
        pass
    # Checked from the bytes already read: a pipe (`-q <(...)`) can be read only once.
    questionnaire, _ = _checked(path, files.decode(source, path))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        files.write_text(cached, questionnaire.model_dump_json())
    except OSError:
        pass  # a read-only cache only costs speed
    return Found(questionnaire, path)
