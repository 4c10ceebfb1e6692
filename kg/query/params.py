"""Query parameters: ``--param cell=CL:0000100`` binds ``?cell`` to an RDF term, safely.

A value never becomes query text. It is turned into one RDF term (an IRI, a CURIE expanded by
the project's converter, or a literal) and pyoxigraph substitutes it for the variable
(``substitutions``, SPARQL SEP-0007), so a value such as ``x" } ; DROP ALL ; #`` is only ever
an odd string literal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query.prefixes import PREFIXES
from kg.vocab import expand

KINDS = ("iri", "literal", "term")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

Bound = ox.NamedNode | ox.Literal


@dataclass(frozen=True, slots=True, kw_only=True)
class ParamSpec:
    """A parameter of a named query: the variable it binds and what kind of value it takes.

    ``iri``: an IRI (``<https://...>`` or bare) or a CURIE with a project prefix;
    ``literal``: a plain string; ``term``: an IRI when the value looks like one, else a string.
    """

    name: str
    kind: str = "term"
    description: str = ""

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise QueryError(f"a parameter name must be a SPARQL variable name, got {self.name!r}")
        if self.kind not in KINDS:
            raise QueryError(
                f"parameter {self.name}: kind must be one of {KINDS}, got {self.kind!r}"
            )


def parse_assignments(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``("cell=CL:0000100", ...)`` -> ``{"cell": "CL:0000100"}``; a leading ``?`` is dropped."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _NAME.fullmatch(name):
            raise QueryError(f"--param takes NAME=VALUE (e.g. cell=CL:0000100), got {item!r}")
        out[name] = value
    return out


def bind(
    values: Mapping[str, str], specs: tuple[ParamSpec, ...] | None, variables: frozenset[str]
) -> dict[str, Bound]:
    """The term each parameter binds. ``specs`` None: a free query (every value is a ``term``)."""
    by_name = {s.name: s for s in specs} if specs is not None else None
    out: dict[str, Bound] = {}
    for name, value in values.items():
        if by_name is not None and name not in by_name:
            accepted = ", ".join(by_name) or "none"
            raise QueryError(f"unknown parameter {name!r} (this query takes: {accepted})")
        if name not in variables:
            raise QueryError(f"--param {name}=...: the query has no variable ?{name}")
        kind = by_name[name].kind if by_name is not None else "term"
        out[name] = to_term(value, kind, name=name)
    return out


def to_term(value: str, kind: str, *, name: str = "value") -> Bound:
    """One parameter value as an RDF term of the given kind."""
    if kind == "literal" or (kind == "term" and not _looks_like_iri(value)):
        return ox.Literal(value)
    iri = _to_iri(value)
    if iri is None:
        raise QueryError(
            f"parameter {name}: {value!r} is not an IRI (<https://...>) or a CURIE with a "
            f"known prefix (e.g. CL:0000100)"
        )
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"parameter {name}: {value!r} is not a valid IRI ({exc})") from None


def _looks_like_iri(value: str) -> bool:
    return _to_iri(value) is not None


def _to_iri(value: str) -> str | None:
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        return v[1:-1]
    if v.startswith(("http://", "https://")):
        return v
    prefix, sep, _ = v.partition(":")
    if sep and prefix in PREFIXES:
        return expand(v)
    return None
