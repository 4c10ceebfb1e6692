"""Running the network layer's SPARQL over a pyoxigraph store, with the project's prefixes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.vocab import PREFIX_MAP

#: Separator inside GROUP_CONCAT results (a control character no IRI or label contains).
SEP = "\x1f"

PREFIXES = "\n".join(
    f"PREFIX {p}: <{PREFIX_MAP[p]}>"
    for p in ("rdf", "rdfs", "owl", "skos", "prov", "oa", "dcterms", "foaf", "biolink", "kg", "kgv")
)


def select(
    store: ox.Store, body: str, bindings: Mapping[str, str] | None = None
) -> Iterator[tuple[str | None, ...]]:
    """Rows of a SELECT query as tuples of strings (IRIs / lexical forms; None when unbound).

    ``bindings`` substitutes variables with IRIs (``{"e": "http://..."}``) safely, without
    splicing strings into the query; a bound variable must be in the SELECT projection.
    """
    for row in select_terms(store, body, bindings):
        yield tuple(None if t is None else t.value for t in row)  # type: ignore[attr-defined]


def select_terms(
    store: ox.Store, body: str, bindings: Mapping[str, str] | None = None
) -> Iterator[tuple[Any, ...]]:
    """Like :func:`select`, but the pyoxigraph terms themselves (to tell literals from IRIs)."""
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): ox.NamedNode(v) for k, v in (bindings or {}).items()
    }
    try:
        solutions = store.query(PREFIXES + "\n" + body, substitutions=subs or None)
    except SyntaxError as exc:
        raise QueryError(f"internal network query is malformed: {exc}") from exc
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError("internal network query is not a SELECT query")
    for sol in solutions:
        yield tuple(sol)


def split(concat: str | None) -> tuple[str, ...]:
    """A GROUP_CONCAT(...; separator=SEP) result as a sorted tuple of distinct values.

    Empty values are dropped: queries write ``COALESCE(?x, "")`` inside GROUP_CONCAT, since
    one unbound value would make the whole aggregate unbound (SPARQL 1.1, 18.5).
    """
    if not concat:
        return ()
    return tuple(sorted(set(concat.split(SEP)) - {""}))
