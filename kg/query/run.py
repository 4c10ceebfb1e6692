"""Run a SPARQL query against a build's store: safely, with a time limit.

Steps: read the query's shape (form, prefixes, dataset clauses, SERVICE / LOAD), refuse what
needs a flag, bind parameters as RDF terms, then run it in a worker process
(:mod:`kg.query.worker`) that is killed when the time limit passes or its resident memory
passes the memory limit (:mod:`kg.query.memory`). The default graph is the
union of all graphs (so ``?s ?p ?o`` sees every page), unless the query names its own graphs
with FROM / FROM NAMED; ``GRAPH ?g`` always works.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import kg
from kg.deadline import Deadline, kill_group
from kg.errors import InputError, QueryError
from kg.query import syntax
from kg.query.hints import unknown_terms
from kg.query.lexer import Kind, tokenize
from kg.query.memory import DEFAULT_MAX_MEMORY, MemoryWatch, parse_size
from kg.query.named import NamedQuery, get_named
from kg.query.params import ParamSpec, bind
from kg.query.prefixes import PREFIXES
from kg.query.results import QueryResult
from kg.query.safety import check_safety, inspect_query
from kg.query.worker import Reply, Request, execute
from kg.store.build_dir import BuildDir

DEFAULT_TIMEOUT = 30.0


def run_query(
    build_dir: str | Path,
    text: str,
    *,
    limit: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: str | None = DEFAULT_MAX_MEMORY,
    allow_remote: bool = False,
    update: bool = False,
    params: Mapping[str, str] | None = None,
    param_specs: tuple[ParamSpec, ...] | None = None,
    source: str | None = None,
) -> QueryResult:
    """Run ``text`` (SELECT, ASK, CONSTRUCT, DESCRIBE; an update with ``update=True``).

    ``params`` bind variables (``{"cell": "CL:0000100"}`` binds ``?cell``) as terms, typed by
    ``param_specs`` when given (named queries); an IRI no triple of the build names gives a
    warning in ``result.warnings`` (:mod:`kg.query.hints`). ``timeout`` in seconds (None: no
    limit, run in this process unless there is a memory limit). ``max_memory`` limits the
    worker's resident memory (``"512M"``, ``"2G"``; None or ``"0"``: no limit). ``source`` names
    the query in messages (a file). Raises
    :class:`~kg.errors.QueryError` (malformed, unsafe, out of time) or
    :class:`~kg.errors.InputError` (no build).
    """
    if limit is not None and limit < 0:
        raise QueryError(f"the limit must be 0 or more, got {limit}")
    shape = inspect_query(text)
    check_safety(shape, allow_remote=allow_remote, update=update, source=source)
    variables = frozenset(t.text[1:] for t in tokenize(text) if t.kind is Kind.VAR)
    substitutions = bind(params or {}, param_specs, variables)
    if substitutions and shape.is_update:
        raise QueryError("parameters apply to queries, not to updates", path=source)
    request = Request(
        store=str(_store_dir(build_dir)),
        text=text,
        prefixes=PREFIXES,
        union=not shape.has_dataset,
        substitutions=substitutions,
        limit=limit,
        update=update,
        local_graphs=() if allow_remote else shape.dataset_graphs,
    )
    limit_bytes = parse_size(max_memory) if max_memory is not None else None
    if (timeout is None or timeout <= 0) and limit_bytes is None:
        reply = execute(request)
    else:
        memory = (max_memory or "", limit_bytes) if limit_bytes is not None else None
        reply = _in_worker(request, timeout if timeout and timeout > 0 else None, memory)
    result = _unwrap(reply, text, source, update=update)
    if substitutions and not update:
        warnings = unknown_terms(request.store, substitutions)
        if warnings:
            result = dataclasses.replace(result, warnings=result.warnings + warnings)
    return result


def run_named(
    build_dir: str | Path,
    name: str,
    *,
    params: Mapping[str, str] | None = None,
    limit: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: str | None = DEFAULT_MAX_MEMORY,
) -> QueryResult:
    """Run a shipped query (:mod:`kg.query.named`) with its parameters typed by its header."""
    named: NamedQuery = get_named(name)
    return run_query(
        build_dir,
        named.text,
        limit=limit,
        timeout=timeout,
        max_memory=max_memory,
        params=params,
        param_specs=named.params,
        source=named.path,
    )


def _store_dir(build_dir: str | Path) -> Path:
    b = BuildDir(Path(build_dir)).require()
    if not b.store.is_dir():
        raise InputError("the build has no store: run `kg build` again", path=b.store)
    return b.store


def _in_worker(request: Request, timeout: float | None, memory: tuple[str, int] | None) -> Reply:
    """Run the request in ``python -m kg.query.worker``; kill it when ``timeout`` passes or
    its resident memory passes ``memory`` (the limit as given, in bytes)."""
    env = dict(os.environ)
    package_root = str(Path(kg.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.query.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, so kill_group stops all of it
    )
    deadline = Deadline(timeout) if timeout is not None else None
    watch = MemoryWatch(proc.pid, memory[1]) if memory is not None else None
    try:
        out, err = proc.communicate(
            pickle.dumps(request), timeout=deadline.remaining() if deadline else None
        )
    except subprocess.TimeoutExpired:
        raise QueryError(
            f"the query was stopped after {timeout:g} s (the time limit). Narrow it (more "
            f"specific patterns, LIMIT) or allow more time with --timeout SECONDS "
            f"(0 for no limit)."
        ) from None
    finally:
        if watch is not None:
            watch.stop()
        if proc.poll() is None:
            kill_group(proc.pid)
            proc.communicate()
    if watch is not None and watch.exceeded and memory is not None:
        raise QueryError(
            f"query stopped: memory limit {memory[0]} reached (--max-memory). Narrow the query "
            f"(more specific patterns, LIMIT) or allow more with --max-memory SIZE (0 for no limit)."
        )
    if proc.returncode != 0 or not out:
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise QueryError(f"the query process failed (exit {proc.returncode}): {detail[0]}")
    reply: Reply = pickle.loads(out)
    return reply


def _unwrap(reply: Reply, text: str, source: str | None, *, update: bool) -> QueryResult:
    if reply.result is not None:
        return reply.result
    if reply.error == "syntax":
        line, message = syntax.describe(reply.message, text)
        raise QueryError(message, path=source, line=line)
    if reply.error == "graph":
        raise QueryError(
            f"FROM / USING <{reply.message}>: the build has no such graph, and kg does not "
            f"fetch remote data (graphs are named kg:graph-<page slug>, e.g. "
            f"kg:graph-cell-types-motor-neurons). --allow-remote runs the query anyway: "
            f"pyoxigraph does not download FROM graphs, so that graph is simply empty.",
            path=source,
        )
    if reply.error == "store":
        how = "for writing (is another kg command using it?)" if update else "read-only"
        raise InputError(f"cannot open the store {how}: {reply.message}")
    if reply.error == "runtime" and "SELECT projection" in reply.message:
        raise QueryError(
            f"{reply.message}: pyoxigraph binds a --param only to a variable the SELECT "
            f"returns; add it to the SELECT clause (or use SELECT *)",
            path=source,
        )
    raise QueryError(f"the query failed: {reply.message}", path=source)
