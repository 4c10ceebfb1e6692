"""The ontology checks of every page graph, run beside the SHACL units (another process).

kg.validate.ontology_checks reads every page graph once more and checks it against the Cell
Ontology; done first, in the main process, it kept the other cores idle while it ran. With
more than one job it now runs in forked processes while the main process cuts units and the
workers validate them; its result (results, the lineage verdicts for the reasoner, the cache
keys it used) comes back when asked for (:meth:`OntologyPages.ready` says whether it has, so the
reasoner can start while units are still validated). With one job, or where processes cannot be
forked, it runs first, here.

The pages are cut into ``parts`` runs of consecutive pages, one process each, and their results
joined in page order: the same result as one process. With one process, the checks of a cold
run at 2,000 pages went on alone for 6 of 36 s after the units were done (one core idle).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType

from kg.validate.ontology_checks import CheckedPages, Known, check_pages
from kg.validate.result_cache import ResultCache
from kg.validate.source import BuildData

Job = tuple[BuildData, tuple[Path, ...], ResultCache | None, Known | None]


def _joined(parts: Sequence[CheckedPages]) -> CheckedPages:
    """The checks of consecutive runs of pages, as one run over them all would give them."""
    first = parts[0]
    return CheckedPages(
        results=[r for part in parts for r in part.results],
        notices=list(first.notices),
        claims=[c for part in parts for c in part.claims],
        same=set().union(*(part.same for part in parts)),
        used=set().union(*(part.used for part in parts)),
    )


def _cut(data: BuildData, parts: int) -> list[BuildData]:
    """``data`` with its pages cut into at most ``parts`` runs of consecutive pages."""
    pages = data.pages
    size = -(-len(pages) // max(1, parts)) or 1
    return [replace(data, pages=pages[i : i + size]) for i in range(0, len(pages), size)] or [data]


def _run(job: Job, conn: Connection) -> None:
    """In the forked process: the checks, or the error they raised, sent to the parent."""
    try:
        conn.send((True, check_pages(*job)))
    except BaseException as exc:  # the parent re-raises it
        conn.send((False, exc))
    finally:
        conn.close()


class OntologyPages:
    """``with OntologyPages(...) as pages: ... pages.result()`` (see the module docstring)."""

    def __init__(
        self,
        data: BuildData,
        files: Sequence[Path],
        cache: ResultCache | None,
        *,
        beside: bool,
        known: Known | None = None,
        parts: int = 1,
    ) -> None:
        self._job: Job = (data, tuple(files), cache, known)
        self._processes: list[BaseProcess] = []
        self._conns: list[Connection] = []
        self._done: CheckedPages | None = None
        if beside and "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            for piece in _cut(data, parts):
                here, there = ctx.Pipe(duplex=False)
                job: Job = (piece, tuple(files), cache, known)
                # the job is not pickled: the forked process inherits it. Not a daemon: an
                # ontology not yet parsed is read by owlready2 in a child of its own
                # (kg.validate.sandbox), which a daemon may not start; __exit__ ends it.
                process = ctx.Process(target=_run, args=(job, there), daemon=False)
                process.start()
                there.close()
                self._processes.append(process)
                self._conns.append(here)
        else:  # here and now, so that the reasoner can start before the units are validated
            self._done = check_pages(*self._job)

    def ready(self) -> bool:
        """Whether :meth:`result` would return at once."""
        return self._done is not None or (
            bool(self._conns) and all(conn.poll() for conn in self._conns)
        )

    def __enter__(self) -> OntologyPages:
        return self

    def result(self) -> CheckedPages:
        if self._done is not None:
            return self._done
        assert self._conns
        found: list[CheckedPages] = []
        for process, conn in zip(self._processes, self._conns, strict=True):
            try:
                ok, value = conn.recv()
            except EOFError:
                raise RuntimeError("the ontology checks' process ended without a result") from None
            process.join()
            if not ok:
                raise value
            assert isinstance(value, CheckedPages)
            found.append(value)
        self._done = _joined(found)
        return self._done

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for process in self._processes:
            if process.is_alive():  # an error before result(): stop it, never wait
                process.terminate()
            process.join()
        for conn in self._conns:
            conn.close()
