"""Model terms (:class:`~kg.extract.model.Term`, :class:`~kg.extract.model.Value`) as pyoxigraph terms."""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import ModelError
from kg.extract.model import Term, Value


def iri(value: str) -> ox.NamedNode:
    """A pyoxigraph IRI node; a malformed IRI is a :class:`ModelError` naming it."""
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise ModelError(f"not a valid IRI: {value!r} ({exc})") from None


def literal(value: Value) -> ox.Literal:
    if value.lang:
        return ox.Literal(value.value, language=value.lang)
    if value.datatype:
        return ox.Literal(value.value, datatype=iri(value.datatype))
    return ox.Literal(value.value)


def node(value: Term | Value) -> ox.NamedNode | ox.Literal:
    return iri(value.iri) if isinstance(value, Term) else literal(value)


def integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def boolean(b: bool) -> ox.Literal:
    return ox.Literal(
        "true" if b else "false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
    )


def nquad(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal, g: ox.NamedNode) -> str:
    """One N-Quads line (without the newline)."""
    return f"{ox.Quad(s, p, o, g)} ."
