"""Writing ``dataset.nq`` by streaming graph blocks, never holding the whole dataset in memory.

Each named graph is one block of unique N-Quads lines, and blocks are written in the order of
their graph IRI. A page graph's block is its cached ``.nq`` file (sorted lines) followed by the
lines added for this build (the page's link to the build activity), so the file as a whole is
*not* one sorted sequence: it is grouped by graph, in a fixed order. The shared graphs come
from memory, sorted. The result is deterministic (same blocks, same bytes) and each graph's lines are
contiguous, so a reader can stream one graph at a time.

:func:`write_dataset` also says where each graph's block is (:class:`Span`: bytes and a digest of
its content), which kg.store.dataset_index keeps beside the file so that a reader (validation)
finds a graph without scanning the file, and knows which graphs are the same as last time.

Given the previous build's file and its spans (:class:`Previous`), a page block whose digest
is the one it had there is copied from that file (its cached lines, then this build's lines)
instead of being read and decompressed from the page cache: after a one-page edit at 18,434
pages, that was 16 s of the 23 s the write took (18,436 files opened and gunzipped).
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.store.atomic import atomic_file, nquads_bytes
from kg.store.triple_count import DistinctTriples


@dataclass(frozen=True, slots=True)
class Block:
    """One graph's lines: a file (``path``, sorted lines, gzip when it ends ``.gz``), then the
    lines in memory (``lines``)."""

    graph: str
    path: Path | None = None
    lines: tuple[str, ...] = ()
    sha256: str = ""  # of the file's (uncompressed) bytes, when already known (the page cache's)
    # the file's share of the triple count, when already known (kg.store.triple_count)
    triples: tuple[int, bytes] | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """Where a graph's block is in the file, ``[start, end)`` in bytes, and ``digest``: a
    sha256 of its content with the build activity's IRI left out (the same from one build to
    the next unless the graph's own statements changed)."""

    graph: str
    start: int
    end: int
    digest: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Artifact:
    """What a written file must be: its sha256, size and N-Quads line count."""

    sha256: str
    size: int
    quads: int
    triples: int | None = None  # distinct triples across graphs, when counted as written
    spans: tuple[Span, ...] = ()  # where each graph is, when written by write_dataset


@dataclass(frozen=True, slots=True)
class Previous:
    """The previous build's dataset file, its spans by graph (its index) and its activity."""

    path: Path
    spans: dict[str, Span]
    activity: str

    @contextmanager
    def reader(self) -> Iterator[Callable[[str], bytes | None]]:
        """A function giving a graph's whole block as the file has it (None when the file
        has no such graph, or cannot be read), the file kept open for the block."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            yield lambda _graph: None
            return
        try:
            yield lambda graph: _span_bytes(fd, self.spans.get(graph))
        finally:
            os.close(fd)


def write_dataset(
    target: Path,
    blocks: Sequence[Block],
    *,
    activity: str = "",
    previous: Previous | None = None,
) -> Artifact:
    """Write the blocks (sorted by graph IRI) to ``target`` atomically; what was written.

    ``activity``: the build activity's IRI, which the spans' digests leave out. ``previous``:
    the last build's file, whose unchanged page blocks are copied rather than read from the
    cache (the same bytes)."""
    size = 0
    triples = DistinctTriples()
    spans: list[Span] = []
    old = previous.reader() if previous is not None else nullcontext(lambda _graph: None)
    with atomic_file(target) as out, _Sink(out) as sink, old as read_old:
        for block in sorted(blocks, key=lambda b: b.graph):
            start = size
            chunks: list[bytes] = []
            text = "\n".join(block.lines) + "\n" if block.lines else ""
            neutral = text.replace(f"<{activity}>", ACTIVITY) if activity and text else text
            sha256 = block.sha256
            if block.path is not None:
                data = None
                if sha256 and previous is not None:
                    data = _unchanged(previous, read_old, block.graph, sha256, neutral)
                if data is None:
                    data = nquads_bytes(block.path)
                    sha256 = sha256 or hashlib.sha256(data).hexdigest()
                chunks.append(data)
            if text:
                chunks.append(text.encode("utf-8"))
            if block.triples is not None and block.path is not None:
                triples.add(*block.triples)
                if block.lines:
                    triples.feed(chunks[-1])
            else:
                for chunk in chunks:
                    triples.feed(chunk)
            for chunk in chunks:
                sink.put(chunk)
                size += len(chunk)
            spans.append(Span(block.graph, start, size, block_digest(sha256, neutral)))
    return Artifact(
        sha256=sink.sha256.hexdigest(),
        size=size,
        quads=sink.lines,
        triples=triples.count,
        spans=tuple(spans),
    )


def block_digest(sha256: str, neutral: str) -> str:
    """A span's digest: of its cached file's sha256 ("" for none) and its own lines with the
    activity's IRI read as :data:`ACTIVITY`."""
    h = hashlib.sha256(b"kg-graph-block-1\x1f")
    h.update(sha256.encode())
    h.update(b"\x1f")
    h.update(neutral.encode("utf-8"))
    return h.hexdigest()


def _unchanged(
    previous: Previous, read: Callable[[str], bytes | None], graph: str, sha256: str, neutral: str
) -> bytes | None:
    """The cached lines of ``graph``'s block in the previous file, when that block is this one:
    its digest is this block's, and it ends with the lines its activity gave."""
    span = previous.spans.get(graph)
    if span is None or span.digest != block_digest(sha256, neutral):
        return None
    data = read(graph)
    old = neutral.replace(ACTIVITY, f"<{previous.activity}>") if previous.activity else neutral
    tail = old.encode("utf-8")
    if data is None or not data.endswith(tail):
        return None
    return data[: len(data) - len(tail)] if tail else data


def _span_bytes(fd: int, span: Span | None) -> bytes | None:
    """The bytes of ``span`` in the open file ``fd``; None for no span, or a short read."""
    if span is None:
        return None
    try:
        data = _pread(fd, span.end - span.start, span.start)
    except OSError:
        return None
    return data if len(data) == span.end - span.start else None


def _pread(fd: int, n: int, offset: int) -> bytes:
    """``n`` bytes at ``offset`` (fewer only at the end of the file)."""
    parts: list[bytes] = []
    while n > 0:
        part = os.pread(fd, n, offset)
        if not part:
            break
        parts.append(part)
        n -= len(part)
        offset += len(part)
    return b"".join(parts) if len(parts) != 1 else parts[0]


class _Sink:
    """Writes the chunks given, in order, in one thread, and hashes them and counts their lines
    in another, while the caller reads and decompresses the next blocks: file writes, sha256
    and zlib let go of the GIL, so the three overlap (at 18,434 pages one writer thread spent
    8.5 s writing and 3.7 s hashing 6.3 GB, after 6.2 s decompressing it, and the caller
    waited for it 10 s of a one-page edit). At most ``AHEAD`` chunks wait."""

    AHEAD = 8

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self.sha256 = hashlib.sha256()
        self.lines = 0
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="kg-dataset-writer")
        self._hasher = ThreadPoolExecutor(1, thread_name_prefix="kg-dataset-hasher")
        self._pending: deque[Future[None]] = deque()

    def put(self, chunk: bytes) -> None:
        self._pending.append(self._writer.submit(self._write, chunk))
        self._pending.append(self._hasher.submit(self._hash, chunk))
        while len(self._pending) > 2 * self.AHEAD:
            self._pending.popleft().result()  # raises the thread's error, if any

    def _write(self, chunk: bytes) -> None:
        self._out.write(chunk)

    def _hash(self, chunk: bytes) -> None:
        self.sha256.update(chunk)
        self.lines += chunk.count(b"\n")

    def __enter__(self) -> _Sink:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        try:
            while self._pending:
                future = self._pending.popleft()
                if kind is None:
                    future.result()
                else:
                    future.cancel()
        finally:
            self._writer.shutdown(wait=True)
            self._hasher.shutdown(wait=True)


#: What a span's digest reads the build activity's IRI as.
ACTIVITY = "<urn:kg:build-activity>"


def file_artifact(path: Path) -> Artifact:
    """The sha256, size and line count of the file at ``path`` as it is now."""
    h = hashlib.sha256()
    count = size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
            count += chunk.count(b"\n")
    return Artifact(sha256=h.hexdigest(), size=size, quads=count)
