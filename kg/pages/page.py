"""The raw page: its text exactly as read, where it came from, and its content hash.

Offsets everywhere in kg are Unicode code points into :attr:`Page.text`, from 0, end
exclusive; lines are 1-based and split on ``\\n`` only (a ``\\r`` before it stays part of
the line's text, so offsets always index the text as read).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import PageReadError

#: Files larger than this are refused: a real SciDEX page is well under 1 MB.
MAX_PAGE_BYTES = 64 * 1024 * 1024
PAGE_SUFFIXES = (".txt", ".md", ".html", ".json")


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One page file, read as UTF-8 text."""

    path: str
    text: str
    sha256: str
    line_starts: tuple[int, ...] = field(repr=False, default=())

    def __post_init__(self) -> None:
        if len(self.sha256) != 64:
            raise ValueError(f"sha256 must be 64 hex digits, got {self.sha256!r}")
        if not self.line_starts:
            object.__setattr__(self, "line_starts", _line_starts(self.text))

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    @classmethod
    def from_text(cls, text: str, path: str = "<memory>") -> Page:
        """A page from a string (tests, the Python API); hashed as its UTF-8 bytes."""
        return cls(path=path, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()  # a final newline does not open a new line
    return tuple(starts)


def read_page(path: str | Path) -> Page:
    """Read one page file.

    Raises :class:`PageReadError` naming the file (and line, where there is one) for an
    empty file, a binary file, a file that is not UTF-8, or one too large to be a page.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise PageReadError("no such file; give a page file or a folder of pages", path=p) from None
    except IsADirectoryError:
        raise PageReadError("is a folder, not a page file", path=p) from None
    except OSError as exc:
        raise PageReadError(f"cannot read: {exc.strerror}", path=p) from None
    return page_from_bytes(data, str(p))


def page_from_bytes(data: bytes, path: str) -> Page:
    """Decode and check the bytes of a page file (see :func:`read_page`)."""
    if len(data) > MAX_PAGE_BYTES:
        raise PageReadError(
            f"file is {len(data):,} bytes, larger than the {MAX_PAGE_BYTES:,}-byte limit for a page",
            path=path,
        )
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise PageReadError("file is empty: nothing to read", path=path, line=1)
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        raise PageReadError(
            f"binary file (NUL byte at byte {nul}): a page must be UTF-8 text", path=path, line=line
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 4]
        raise PageReadError(
            f"not UTF-8: byte {bad[:1]!r} at byte {exc.start} cannot be decoded "
            "(re-save the page as UTF-8)",
            path=path,
            line=line,
        ) from None
    # A leading BOM stays in the text (offsets index the file as read); parsers treat it as space.
    return Page(path=path, text=text, sha256=hashlib.sha256(data).hexdigest())


def find_pages(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Page files under the given files and folders, sorted, each once."""
    for path, _ in found_pages(paths):
        yield path


def found_pages(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """:func:`find_pages`, each with its resolved path (what makes it "once").

    A folder is walked with :func:`os.scandir`, whose entries know their type, so that only a
    symbolic link costs a :meth:`Path.resolve` (at 18,434 pages, a ``rglob`` with a stat and
    a resolve per file took 1.6 s of each build, and resolving them again for display 1.1 s).
    As ``Path.rglob`` does, the walk does not enter linked folders; a linked file counts."""
    seen: set[Path] = set()
    found: list[tuple[Path, Path]] = []
    for raw in paths:
        p = Path(raw)
        candidates: Iterable[tuple[Path, Path]] = (
            _walk(p) if p.is_dir() else [(p, p.resolve() if p.exists() else p)]
        )
        for c, key in candidates:
            if key not in seen and not c.name.startswith("."):
                seen.add(key)
                found.append((c, key))
    return sorted(found, key=lambda pair: str(pair[0]))


def _walk(root: Path) -> Iterator[tuple[Path, Path]]:
    """The page files under ``root`` (any depth) and their resolved paths."""
    real = root.resolve()
    folders = [(root, real)]
    while folders:
        folder, where = folders.pop()
        with os.scandir(folder) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    folders.append((folder / e.name, where / e.name))
                elif e.is_file() and os.path.splitext(e.name)[1].lower() in PAGE_SUFFIXES:
                    path = folder / e.name
                    yield path, (path.resolve() if e.is_symlink() else where / e.name)
