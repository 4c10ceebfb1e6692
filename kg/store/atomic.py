"""The one way kg writes a file: to a temporary name beside it, renamed into place.

A reader never sees half a file, a failed write (read-only folder, full disk) leaves no file
behind, and the file's mode follows the umask like any other tool's output (``mkstemp``
alone would make it 0600). Every OS error becomes one :class:`~kg.errors.OutputError`
naming the path. Outputs given with ``-o`` need their folder to exist (kg does not create
folders for them); a build folder (``kg build --out``) is created with its parents.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import OutputError


def file_mode() -> int:
    """``0o666`` less the process's umask: the mode ``open()`` would give a new file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def dir_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


def os_error(exc: OSError, path: Path) -> OutputError:
    """One line: the path the OS names (else ``path``) and the reason."""
    where = exc.filename if exc.filename is not None else path
    return OutputError(exc.strerror or str(exc), path=where)


def require_folder(path: Path) -> None:
    """An :class:`OutputError` unless the folder ``path`` is to be written in exists."""
    parent = path.parent
    if not parent.is_dir():
        why = "is not a folder" if parent.exists() else "no such folder (kg does not create it)"
        raise OutputError(why, path=parent)


def make_folder(path: Path) -> None:
    """Create the folder ``path`` and its parents (for build folders), as one-line errors."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, path) from None


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file handle whose content becomes ``path`` when the block ends without error."""
    require_folder(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise os_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fchmod(fh.fileno(), file_mode())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise os_error(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see the module docstring)."""
    with atomic_file(path) as fh:
        fh.write(data)


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def nquads_bytes(path: Path) -> bytes:
    """The N-Quads held in ``path``: gunzipped when its name ends ``.gz`` (a cache entry)."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data
