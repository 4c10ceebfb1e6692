"""Query results in the standard formats: SPARQL 1.1 CSV / TSV / JSON, and Turtle for graphs.

The SPARQL results formats are written by pyoxigraph's own serializers
(``QueryResultsFormat``): the collected rows go in as SPARQL TSV (one term per cell, in
N-Triples syntax, which is lossless) and come out in the requested format, so the bytes are
exactly what pyoxigraph (and so Oxigraph servers) would write. JSON is
``application/sparql-results+json``. CONSTRUCT / DESCRIBE results are Turtle, written by
pyoxigraph with only the project prefixes the triples use.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg import vocab as v
from kg.errors import QueryError
from kg.query.prefixes import PREFIXES
from kg.query.results import QueryResult, ResultKind, Term
from kg.query.table import render_table

_SPARQL_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
_XSD_STRING = v.XSD_STRING
FORMATS = ("table", "csv", "tsv", "json")


def render(result: QueryResult, fmt: str = "table", *, width: int | None = None) -> str:
    """A result in one of :data:`FORMATS`; ``table`` prints graphs as Turtle, ASK as true/false.

    ``width`` is the terminal width for tables (None: no limit).
    """
    if fmt == "table":
        if result.kind is ResultKind.GRAPH:
            return render_turtle(result)
        return render_table(result, width=width)
    return render_sparql(result, fmt)


def render_sparql(result: QueryResult, fmt: str) -> str:
    """A SELECT or ASK result as SPARQL 1.1 CSV, TSV or JSON."""
    if fmt not in _SPARQL_FORMATS:
        raise QueryError(f"unknown results format {fmt!r} (csv, tsv, json)")
    if result.kind is ResultKind.GRAPH:
        raise QueryError(
            f"--format {fmt} is for SELECT and ASK results; a CONSTRUCT or DESCRIBE query "
            f"prints Turtle (use --format table, the default)"
        )
    if result.kind is ResultKind.UPDATE:
        return ""
    data = _bridge(result).serialize(format=_SPARQL_FORMATS[fmt]) or b""
    return data.decode("utf-8")


def render_turtle(result: QueryResult) -> str:
    """CONSTRUCT / DESCRIBE triples as Turtle (sorted; prefixes limited to those used)."""
    used = _used_prefixes(result.triples)
    data = ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=used)
    return (data or b"").decode("utf-8")


def tsv_cell(term: Term | None) -> str:
    """One term in SPARQL TSV syntax (N-Triples with tabs escaped); unbound is empty."""
    if term is None:
        return ""
    return str(term).replace("\t", "\\t")


def _bridge(result: QueryResult) -> ox.QuerySolutions | ox.QueryBoolean:
    if result.kind is ResultKind.BOOLEAN:
        body = '{"head":{},"boolean":%s}' % ("true" if result.boolean else "false")
        return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(tsv_cell(t) for t in row) for row in result.rows]
    return ox.parse_query_results("\n".join(lines) + "\n", ox.QueryResultsFormat.TSV)


def _used_prefixes(triples: tuple[ox.Triple, ...]) -> dict[str, str]:
    iris = {
        t.value
        for triple in triples
        for t in (triple.subject, triple.predicate, triple.object)
        if isinstance(t, ox.NamedNode)
    }
    iris |= {
        t.object.datatype.value
        for t in triples
        if isinstance(t.object, ox.Literal) and t.object.datatype.value != _XSD_STRING
    }
    return {name: ns for name, ns in PREFIXES.items() if any(iri.startswith(ns) for iri in iris)}
