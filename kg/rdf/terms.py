"""N-Quads rendering of model terms, fast: strings, each IRI validated once and cached.

pyoxigraph validates every IRI the first time it is seen (a malformed IRI from a page link is
a :class:`ModelError` naming it); literals are escaped exactly as pyoxigraph escapes them. Building N-Quads lines as strings is several times faster
than creating a pyoxigraph ``Quad`` per line, and gives the same bytes.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from kg import vocab as v
from kg.errors import ModelError
from kg.ground.model import Term, Value

XSD_INTEGER = v.XSD_INTEGER
XSD_BOOLEAN = v.XSD_BOOLEAN
XSD_STRING = v.XSD_STRING
#: Exactly the escapes pyoxigraph's N-Triples writer uses: ``\\ \" \n \r \t \b \f`` by name and
#: every other C0 control, DEL, U+FFFE and U+FFFF as ``\\uXXXX`` (tests compare every code point
#: with ``str(pyoxigraph.Literal(...))``).
_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_ESCAPES = str.maketrans(
    {chr(c): _NAMED.get(chr(c), f"\\u{c:04X}") for c in [*range(0x20), 0x7F, 0xFFFE, 0xFFFF]}
    | _NAMED
)


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
