"""Building one page: read, parse, extract and ground, render its graph, cache it.

Runs in the build's worker processes. Each process holds one :class:`WorkerState` (the
grounder loaded once per process by :func:`init_worker`); :func:`process_page` uses it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg import vocab as v
from kg.errors import KgError
from kg.pages import read_page
from kg.pages.page import MAX_PAGE_BYTES
from kg.store.page_cache import PageCache, PageRecord

if TYPE_CHECKING:
    from kg.ground import Grounder


@dataclass(frozen=True, slots=True)
class WorkerState:
    """What every page of a build shares inside one process."""

    grounder: Grounder

    @classmethod
    def load(cls, ontology_paths: Sequence[str | Path]) -> WorkerState:
        from kg.ground import Grounder

        return cls(Grounder.load([Path(p) for p in ontology_paths]))

    def process(self, file: str, cache_dir: str, config: str) -> PageRecord:
        """The record of one page file, built and cached (:func:`run_pages` has read the
        cache entries already: a page comes here when its entry is missing or not valid)."""
        from kg.extract import extract_page
        from kg.parse import parse_page
        from kg.rdf.page_graph import page_graph

        try:
            page = read_page(file)
        except KgError as exc:
            return PageRecord(file=file, status="failed", error=str(exc))
        cache = PageCache(Path(cache_dir))
        key = v.digest(config, page.sha256, file, length=32)
        try:
            parsed = parse_page(page)
            extraction = extract_page(page, parsed, self.grounder)
            pg = page_graph(extraction, source_file=file, shell=str(parsed.shell))
        except KgError as exc:
            return PageRecord(file=file, status="failed", sha256=page.sha256, error=str(exc))
        except Exception as exc:  # a bug must not stop the other pages; report it with the file
            error = (
                f"{file}: internal error while building this page "
                f"({type(exc).__name__}: {exc}); please report it"
            )
            return PageRecord(file=file, status="failed", sha256=page.sha256, error=error)
        problems = [
            f"{file}:{p.line}: {p.message}" if p.line else f"{file}: {p.message}"
            for p in parsed.problems
        ]
        record = PageRecord(
            file=file,
            status="built",
            sha256=page.sha256,
            slug=extraction.slug,
            graph=pg.graph,
            page_iri=pg.page_iri,
            title=extraction.title,
            shell=str(parsed.shell),
            facts=pg.facts,
            quads=len(pg.lines),
            terms=tuple((t[0], t[1], t[2]) for t in pg.terms),
            slots=pg.slots,
            problems=(*problems, *extraction.problems),
            ungrounded=tuple(sorted(set(extraction.ungrounded))),
            cache_key=key,
        )
        return cache.write(record, pg.lines)


def cached_record(file: str, cache_dir: Path, config: str) -> PageRecord | None:
    """The page's record from the cache when its entry is valid, else None (also when the
    file cannot be read: :meth:`WorkerState.process` then says why).

    The file's bytes are hashed without decoding them: an entry is a page built from bytes
    with that sha256 (:func:`kg.pages.page_from_bytes` hashes the same bytes), which were a
    readable page then, and are the same bytes now."""
    try:
        with open(file, "rb") as fh:
            data = fh.read(MAX_PAGE_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_PAGE_BYTES:
        return None
    sha256 = hashlib.sha256(data).hexdigest()
    cached = PageCache(cache_dir).read(v.digest(config, sha256, file, length=32))
    if cached is not None and cached.file == file and cached.sha256 == sha256:
        return cached
    return None


_STATE: WorkerState | None = None  # this worker process's state, set once by init_worker


def init_worker(ontology_paths: Sequence[str]) -> None:
    """Process-pool initializer: load the grounder once in this process."""
    global _STATE
    _STATE = WorkerState.load(ontology_paths)


def process_page(file: str, cache_dir: str, config: str) -> PageRecord:
    """Process-pool task: :meth:`WorkerState.process` with this process's state."""
    if _STATE is None:
        raise RuntimeError("init_worker was not called in this process")
    return _STATE.process(file, cache_dir, config)


def run_pages(
    files: list[str],
    cache_dir: Path,
    config: str,
    ontology_paths: list[str],
    jobs: int,
    progress: Callable[[PageRecord, int], None] | None,
) -> tuple[list[PageRecord], WorkerState | None]:
    """Every page's record, in the order of ``files``, and the serial worker state (None when
    pages were built in processes, or none was built).

    The pages whose cache entry is valid are read in this process first; only the others go
    to the workers, which load the grounder (a no-change build of 18,434 pages sent every page
    to the workers, and every record back: 8 s)."""
    found: list[PageRecord | None] = []
    for f in files:
        hit = cached_record(f, cache_dir, config)
        found.append(hit)
        if hit is not None and progress:
            progress(hit, len(files))
    todo = [i for i, r in enumerate(found) if r is None]
    args = [(files[i], str(cache_dir), config) for i in todo]
    state: WorkerState | None = None
    with ExitStack() as stack:
        results: Iterator[PageRecord]
        if not args:
            results = iter(())
        elif jobs <= 1 or len(args) < 2:
            state = WorkerState.load(ontology_paths)
            results = (state.process(*a) for a in args)
        else:
            workers = min(jobs, os.cpu_count() or 1, len(args))
            pool = stack.enter_context(
                ProcessPoolExecutor(workers, initializer=init_worker, initargs=(ontology_paths,))
            )
            chunk = max(1, min(64, len(args) // (workers * 8) or 1))
            results = pool.map(process_page, *zip(*args, strict=True), chunksize=chunk)
        for i, r in zip(todo, results, strict=True):
            found[i] = r
            if progress:
                progress(r, len(files))
    return [r for r in found if r is not None], state
