"""N-Quads rendering of model terms, fast: strings, each IRI validated once and cached.

pyoxigraph validates every IRI the first time it is seen (a malformed IRI from a page link is
a :class:`ModelError` naming it); literals are escaped as the N-Triples grammar requires
(``\\\\``, ``\\"``, ``\\n``, ``\\r``). Building N-Quads lines as strings is several times faster
than creating a pyoxigraph ``Quad`` per line, and gives the same bytes.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from kg.errors import ModelError
from kg.extract.model import Term, Value

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


@lru_cache(maxsize=1 << 18)
def iri(value: str) -> str:
    """``<value>``, after checking that ``value`` is a valid absolute IRI."""
    try:
        ox.NamedNode(value)
    except ValueError as exc:
        raise ModelError(f"not a valid IRI: {value!r} ({exc})") from None
    return f"<{value}>"


def minted(value: str) -> str:
    """``<value>`` for an IRI kg minted itself (hex digests on a fixed base: valid by construction)."""
    return f"<{value}>"


def text(value: str) -> str:
    """A plain string literal."""
    return f'"{value.translate(_ESCAPES)}"'


def typed(value: str, datatype: str) -> str:
    if datatype == XSD_STRING:
        return text(value)
    return f'"{value.translate(_ESCAPES)}"^^{iri(datatype)}'


def literal(value: Value) -> str:
    if value.lang:
        try:
            return str(ox.Literal(value.value, language=value.lang))
        except ValueError as exc:
            raise ModelError(f"bad language tag {value.lang!r}: {exc}") from None
    if value.datatype:
        return typed(value.value, value.datatype)
    return text(value.value)


def node(value: Term | Value) -> str:
    return iri(value.iri) if isinstance(value, Term) else literal(value)


def integer(n: int) -> str:
    return f'"{n}"^^<{XSD_INTEGER}>'


def boolean(b: bool) -> str:
    return f'"{"true" if b else "false"}"^^<{XSD_BOOLEAN}>'


def nquad(s: str, p: str, o: str, g: str) -> str:
    """One N-Quads line (without the newline) from rendered terms."""
    return f"{s} {p} {o} {g} ."
