"""Reading inputs and writing outputs, the same way for every front end.

Reading: at most ``MAX_BYTES`` are read from anything (a device, a FIFO or ``-`` for
standard input included), whatever ``stat`` says, and text must be UTF-8. Standard input is
read once: a second ``-`` in one command is refused (a file named ``-`` is ``./-``).

Writing (``write_bytes`` / ``write_text``): a reader, or a crash, sees the old file or the
new one, never half of one.
- A regular file is replaced atomically: a temporary file beside it is written, flushed
  and fsynced, takes the old file's permission bits, and is renamed over it.
- A symbolic link is followed (through any chain of links) and its target is replaced,
  so the link stays a link; a dangling link creates the file it points to.
- An existing file that is not a regular file (a device such as ``/dev/null``, a FIFO,
  a terminal) is written into, never replaced.
- A temporary file of ours that a killed process left beside the target is removed on
  the next write there.
Outputs are never written over an input (``refuse_inputs``), and ``-`` is standard output.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from assess.diagnostics import Diagnostic
from assess.errors import InvalidInput

MAX_BYTES = 16 * 1024 * 1024  # room for a 5 MB note; a 50 MB file is refused before parsing
MAX_FOLDER_DEPTH = 32  # folders of answers files nested deeper than this are not searched
STDIO = "-"
STALE_SECONDS = 600  # a temporary file this old is left over from a killed process
_CHUNK = 1 << 20


_stdin_read: object = None  # the standard input already read (it can be read once)


def is_stdio(path: Path | str | None) -> bool:
    return path is not None and str(path) == STDIO


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


def read_bytes(path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes; InvalidInput (at 1:1) if it is missing, a folder, unreadable or too large."""
    display = str(path)

    def refuse(message: str) -> InvalidInput:
        return InvalidInput([Diagnostic(display, 1, 1, message)])

    too_large = f"file is larger than {limit // 1024} KiB"
    if is_stdio(path):
        global _stdin_read
        if _stdin_read is sys.stdin:
            raise refuse("standard input was already read for another argument; give this one as a file")
        _stdin_read = sys.stdin
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise refuse(too_large)
        return data
    try:
        info = path.stat()
    except FileNotFoundError:
        raise refuse("no such file") from None
    except OSError as exc:
        raise refuse(f"cannot read: {_reason(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise refuse("is a directory, not a file")
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise refuse(too_large)  # refused before reading a byte
    chunks: list[bytes] = []
    size = 0
    try:
        with path.open("rb") as f:
            # Devices and pipes report no size: read at most one byte past the cap.
            while size <= limit:
                chunk = f.read(min(_CHUNK, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except OSError as exc:
        raise refuse(f"cannot read: {_reason(exc)}") from None
    if size > limit:
        raise refuse(too_large)
    return b"".join(chunks)


def read_text(path: Path, *, limit: int = MAX_BYTES) -> str:
    """The file as UTF-8 text; a decoding problem is reported at its line and column."""
    return decode(read_bytes(path, limit=limit), path)


def decode(raw: bytes, path: Path) -> str:
    """Bytes read from ``path`` as UTF-8 text; a decoding problem is reported at its line and column."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InvalidInput([Diagnostic(str(path), line, col, "file is not valid UTF-8")]) from None


def iter_yaml_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and ``*.yaml`` / ``*.yml`` inside given folders (sorted, without
    following links to folders, at most ``MAX_FOLDER_DEPTH`` levels down). A FIFO or device named
    twice is given once: it could be read only once (a second open of a FIFO waits forever)."""
    seen: set[tuple[int, int]] = set()
    for path in paths:
        found = sorted(_walk(path)) if not is_stdio(path) and path.is_dir() else [path]
        for candidate in found:
            identity = _identity(candidate)
            if identity is not None:
                if identity in seen:
                    continue
                seen.add(identity)
            yield candidate


def _identity(path: Path) -> tuple[int, int] | None:
    if is_stdio(path):
        return None  # standard input says itself when it is read twice
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None  # reported when it is read
    if stat.S_ISREG(info.st_mode):
        return None  # a regular file may be given twice (`history a.yaml a.yaml`) and read twice
    return info.st_dev, info.st_ino


def empty_folders(paths: Iterable[Path]) -> list[Path]:
    """The folders among ``paths`` in which ``iter_yaml_files`` finds nothing."""
    return [p for p in paths if not is_stdio(p) and p.is_dir() and next(_walk(p), None) is None]


def _walk(folder: Path) -> Iterator[Path]:
    for top, dirs, files in os.walk(folder):
        depth = len(Path(top).relative_to(folder).parts)
        if depth >= MAX_FOLDER_DEPTH:
            dirs[:] = []
        for name in files:
            candidate = Path(top) / name
            if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
                yield candidate


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: through links, ``..`` or a second hard link."""
    with contextlib.suppress(OSError, RuntimeError):
        if os.path.samefile(a, b):
            return True
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _is_stdin(path: Path) -> bool:
    """Whether ``path`` is the file standard input reads (``-`` as an input, redirected from it)."""
    try:
        here, there = os.fstat(sys.stdin.fileno()), os.stat(path)
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISREG(here.st_mode) and (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def refuse_inputs(output: Path, inputs: Sequence[Path]) -> None:
    """InvalidInput if ``output`` is one of the files the command read."""
    if is_stdio(output):
        return
    for source in inputs:
        if same_file(output, source) if not is_stdio(source) else _is_stdin(output):
            raise InvalidInput(
                [Diagnostic(str(output), 1, 1, f"refusing to write the output over an input file ({source})")]
            )


def real_target(path: Path) -> Path:
    """Where a write to ``path`` lands: symbolic links followed to the end of their chain."""
    try:
        return Path(os.path.realpath(path, strict=False))
    except (OSError, RuntimeError, ValueError):
        raise OSError(errno.ELOOP, "too many levels of symbolic links", str(path)) from None


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as the module docstring describes; OSError when it cannot."""
    try:
        info: os.stat_result | None = os.stat(path)  # follows links; a link loop raises ELOOP here
    except FileNotFoundError:
        info = None  # nothing there yet, or a dangling link: the file it names is created
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        # Opened through the path as given: a link such as /proc/self/fd/1 names a pipe or a
        # terminal that no resolved path reaches.
        _write_into(path, data)
        return
    target = real_target(path)
    _replace(target, data, None if info is None else stat.S_IMODE(info.st_mode))


def _write_into(target: Path, data: bytes) -> None:
    """A device, FIFO or terminal: write through it (O_TRUNC means nothing to these)."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    directory = target.parent
    _remove_stale(directory, target.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            # mkstemp creates 0600; a new file gets what the umask allows, an old one keeps its mode.
            os.fchmod(f.fileno(), (0o666 & ~_umask()) if mode is None else mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(directory)


def _remove_stale(directory: Path, name: str) -> None:
    pattern = re.compile(rf"^\.{re.escape(name)}\.[A-Za-z0-9_]{{6,12}}\.tmp$")
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            if pattern.match(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                        os.unlink(entry.path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def describe_os_error(path: Path, exc: OSError) -> str:
    """``path: cannot write: reason`` in words a person can act on."""
    return f"{path}: cannot write: {_reason(exc)}"
