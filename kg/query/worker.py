"""Running one query against the store, in this process or in a worker process that can be killed.

pyoxigraph cannot cancel a running query, and a query such as a COUNT over a 5-way cross join
produces no row before it has finished, so checking a deadline between rows cannot stop it
(benchmarks/bench_store.py measures both). :func:`kg.query.run.run_query` therefore starts
``python -m kg.query.worker``, sends it a pickled :class:`Request` on stdin and reads a pickled
:class:`Reply` from stdout; past the time limit it kills the process. This module imports only
pyoxigraph and the result model, so the worker starts in about 0.15 s.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.query.results import QueryResult, ResultKind, Term


@dataclass(frozen=True, slots=True, kw_only=True)
class Request:
    store: str  # the store folder (build/store)
    text: str
    prefixes: dict[str, str]
    union: bool  # query the union of all graphs as the default graph
    substitutions: dict[str, ox.NamedNode | ox.Literal] = field(default_factory=dict)
    limit: int | None = None
    update: bool = False
    local_graphs: tuple[str, ...] = ()  # FROM / USING graphs that must exist in the store


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    result: QueryResult | None = None
    error: str = ""  # "syntax" | "graph" | "store" | "io" | "runtime" | "" (no error)
    message: str = ""


def execute(req: Request) -> Reply:
    """Open the store, run the query, collect the result; errors come back as a :class:`Reply`."""
    try:
        store = ox.Store(req.store) if req.update else ox.Store.read_only(req.store)
    except OSError as exc:
        return Reply(error="store", message=str(exc))
    for graph in req.local_graphs:
        if not store.contains_named_graph(ox.NamedNode(graph)):
            return Reply(error="graph", message=graph)
    try:
        if req.update:
            store.update(req.text, prefixes=req.prefixes)
            store.flush()
            return Reply(result=QueryResult(kind=ResultKind.UPDATE))
        out = store.query(
            req.text,
            prefixes=req.prefixes,
            use_default_graph_as_union=req.union,
            substitutions={ox.Variable(k): v for k, v in req.substitutions.items()},
        )
        return Reply(result=_collect(out, req.limit))
    except SyntaxError as exc:
        return Reply(error="syntax", message=str(exc))
    except OSError as exc:
        return Reply(error="io", message=f"{type(exc).__name__}: {exc}")
    except RuntimeError as exc:  # e.g. a substituted variable the SELECT does not project
        return Reply(error="runtime", message=str(exc))


def _collect(
    out: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, limit: int | None
) -> QueryResult:
    if isinstance(out, ox.QueryBoolean):
        return QueryResult(kind=ResultKind.BOOLEAN, boolean=bool(out))
    if isinstance(out, ox.QuerySolutions):
        variables = tuple(v.value for v in out.variables)
        rows: list[tuple[Term | None, ...]] = []
        for solution in out:
            if limit is not None and len(rows) == limit:
                return QueryResult(
                    kind=ResultKind.SOLUTIONS,
                    variables=variables,
                    rows=tuple(rows),
                    truncated=True,
                    limit=limit,
                )
            rows.append(tuple(solution[v] for v in variables))
        return QueryResult(
            kind=ResultKind.SOLUTIONS, variables=variables, rows=tuple(rows), limit=limit
        )
    triples: list[ox.Triple] = []
    truncated = False
    for triple in out:
        if limit is not None and len(triples) == limit:
            truncated = True
            break
        triples.append(triple)
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return QueryResult(
        kind=ResultKind.GRAPH, triples=tuple(triples), truncated=truncated, limit=limit
    )


def main() -> None:
    """Read one pickled Request from stdin, write one pickled Reply to stdout."""
    request = pickle.load(sys.stdin.buffer)
    reply = execute(request)
    pickle.dump(reply, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    # Run the copy imported under its package name, so that pickled replies name
    # kg.query.worker.Reply (not __main__.Reply) and the parent can read them.
    from kg.query.worker import main as _main

    _main()
