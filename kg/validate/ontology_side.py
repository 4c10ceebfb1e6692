"""The ontology checks of every page graph, run beside the SHACL units (another process).

kg.validate.ontology_checks reads every page graph once more and checks it against the Cell
Ontology; done first, in the main process, it kept the other cores idle while it ran. With
more than one job it now runs in one forked process while the main process cuts units and the
workers validate them; its result (results, the lineage verdicts for the reasoner, the cache
keys it used) comes back when asked for (:meth:`OntologyPages.ready` says whether it has, so the
reasoner can start while units are still validated). With one job, or where processes cannot be
forked, it runs first, here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType

from kg.validate.ontology_checks import CheckedPages, Known, check_pages
from kg.validate.result_cache import ResultCache
from kg.validate.source import BuildData

Job = tuple[BuildData, tuple[Path, ...], ResultCache | None, Known | None]


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
    ) -> None:
        self._job: Job = (data, tuple(files), cache, known)
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._done: CheckedPages | None = None
        if beside and "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            here, there = ctx.Pipe(duplex=False)
            # the job is not pickled: the forked process inherits it
            self._process = ctx.Process(target=_run, args=(self._job, there), daemon=True)
            self._process.start()
            there.close()
            self._conn = here
        else:  # here and now, so that the reasoner can start before the units are validated
            self._done = check_pages(*self._job)

    def ready(self) -> bool:
        """Whether :meth:`result` would return at once."""
        return self._done is not None or (self._conn is not None and self._conn.poll())

    def __enter__(self) -> OntologyPages:
        return self

    def result(self) -> CheckedPages:
        if self._done is not None:
            return self._done
        assert self._process is not None and self._conn is not None
        try:
            ok, value = self._conn.recv()
        except EOFError:
            raise RuntimeError("the ontology checks' process ended without a result") from None
        self._process.join()
        if not ok:
            raise value
        assert isinstance(value, CheckedPages)
        self._done = value
        return value

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None:
            if self._process.is_alive():  # an error before result(): stop it, never wait
                self._process.terminate()
            self._process.join()
        if self._conn is not None:
            self._conn.close()
