"""The raw page: its text exactly as read, where it came from, and its content hash.

Offsets everywhere in kg are Unicode code points into :attr:`Page.text`, from 0, end
exclusive; lines are 1-based and split on ``\\n`` only (a ``\\r`` before it stays part of
the line's text, so offsets always index the text as read).
"""

from __future__ import annotations

import hashlib
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
    seen: set[Path] = set()
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            candidates: Iterable[Path] = (
                c for c in p.rglob("*") if c.is_file() and c.suffix.lower() in PAGE_SUFFIXES
            )
        else:
            candidates = [p]
        for c in candidates:
            key = c.resolve() if c.exists() else c
            if key not in seen and not any(part.startswith(".") for part in c.parts[-1:]):
                seen.add(key)
                found.append(c)
    yield from sorted(found, key=lambda c: str(c))
