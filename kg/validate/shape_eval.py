"""Evaluating a compiled shape plan (kg.validate.shape_plan) over one unit's data graph.

Each component is read as pyshacl 0.40 reads it (its rdflib code path, which kg uses: the
data graph is an in-memory graph), so the results are pyshacl's: the same focus nodes (target
classes with their ``rdfs:subClassOf`` subclasses in the data graph, subjects / objects of
the target predicates), the same value nodes, the same failing values, one result per failing
value (per failing pair for ``sh:lessThan``), no value for ``sh:minCount``, ``sh:maxCount`` and
``sh:hasValue``. Literal comparisons and datatype checks go through rdflib terms, as pyshacl's
do. Nested shapes (``sh:or``, ``sh:not``, ``sh:node``) only answer "conforms".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.errors import ValidationError
from kg.validate.shape_plan import CompiledShape, Constraint, Plan, Targets, v_subclass, v_type
from kg.validate.unit_graph import Term, UnitGraph, from_rdflib, key, to_rdflib


@dataclass(frozen=True, slots=True)
class RawResult:
    """One result as pyshacl's report graph would hold it."""

    focus: Term
    shape: CompiledShape
    component: str
    value: Term | None


def evaluate(plan: Plan, graph: UnitGraph, keep: Callable[[str], bool]) -> list[RawResult]:
    """Every result of the plan's shapes whose focus node ``keep`` accepts (by its key)."""
    out: list[RawResult] = []
    for top in plan.shapes:
        if top.shape.deactivated:
            continue
        for focus in _focus_nodes(top.targets, graph):
            if keep(key(focus)):
                out.extend(_validate(top.shape, focus, graph))
    return out


def _focus_nodes(t: Targets, g: UnitGraph) -> set[Term]:
    found: set[Term] = {from_rdflib(n) for n in t.nodes}
    for c in t.classes:
        cls = ox.NamedNode(c)
        for sub in g.closure(cls, v_subclass, backwards=True):
            found |= g.subjects(v_type, sub)
    for p in t.subjects_of:
        found.update(g.subjects_of(p))
    for p in t.objects_of:
        found |= g.objects_of(p)
    return found


def _values(shape: CompiledShape, focus: Term, g: UnitGraph) -> set[Term] | frozenset[Term]:
    path = shape.path
    if path is None:
        return frozenset((focus,))
    if path.inverse:
        return g.subjects(path.predicate, focus)
    return g.objects(focus, path.predicate)


def _validate(shape: CompiledShape, focus: Term, g: UnitGraph) -> Iterator[RawResult]:
    if shape.deactivated:
        return
    values = _values(shape, focus, g)
    for c in shape.focus_checks:
        if not _focus_ok(c, values):
            yield RawResult(focus, shape, c.component, None)
    for c in shape.value_checks:
        for v in values:
            if not _value_ok(c, v, g):
                yield RawResult(focus, shape, c.component, v)
    for c in shape.pair_checks:
        others = g.objects(focus, str(c.value))
        for v in values:
            if isinstance(v, ox.BlankNode):
                raise ValidationError(f"cannot use {c.param} to compare a blank node")
            for other in others:
                if not _pair_ok(c, v, other):
                    yield RawResult(focus, shape, c.component, v)
    for prop in shape.properties:
        for v in values:
            yield from _validate(prop, v, g)


def _conforms(shape: CompiledShape, focus: Term, g: UnitGraph) -> bool:
    return next(_validate(shape, focus, g), None) is None


# The parameters, read once: ``SH.x`` goes through rdflib's Namespace.__getattr__ on every use.
_HAS_VALUE, _MIN_COUNT = SH.hasValue, SH.minCount
_CLASS, _NODE_KIND, _PATTERN, _IN, _DATATYPE = (
    SH["class"],
    SH.nodeKind,
    SH.pattern,
    SH["in"],
    SH.datatype,
)
_MIN_LENGTH, _MAX_LENGTH, _OR, _AND, _NOT, _NODE = (
    SH.minLength,
    SH.maxLength,
    SH["or"],
    SH["and"],
    SH["not"],
    SH.node,
)
_LESS_THAN = SH.lessThan


_FOCUS_KIND = {_HAS_VALUE: "has", _MIN_COUNT: "min"}  # else sh:maxCount


def _focus_ok(c: Constraint, values: set[Term] | frozenset[Term]) -> bool:
    kind = _FOCUS_KIND.get(c.param)
    if kind == "has":
        return any(to_rdflib(v) == c.value for v in values)
    assert isinstance(c.value, rdflib.Literal)
    n = int(c.value.value)
    if kind == "min":
        return n == 0 or len(values) >= n
    return len(values) <= n


def _check_class(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return _is_instance(v, str(c.value), g)


def _check_node_kind(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return _node_kind(v, str(c.value))


def _check_pattern(c: Constraint, v: Term, g: UnitGraph) -> bool:
    if isinstance(v, ox.BlankNode):
        return False
    return _regex(str(c.value), c.flags).search(_string(v)) is not None


def _check_in(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return to_rdflib(v) in set(c.members)


def _check_datatype(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return _datatype_ok(to_rdflib(v), c.value)


def _check_length(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return _length_ok(c.param, v, c.value)


def _check_or(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return any(_conforms(s, v, g) for s in c.shapes)


def _check_and(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return all(_conforms(s, v, g) for s in c.shapes)


def _check_not(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return not _conforms(c.shapes[0], v, g)


def _check_node(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return _conforms(c.shapes[0], v, g)


def _check_range(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return _range_ok(c.param, to_rdflib(v), c.value)


_VALUE_CHECKS: dict[rdflib.term.Node, Callable[[Constraint, Term, UnitGraph], bool]] = {
    _CLASS: _check_class,
    _NODE_KIND: _check_node_kind,
    _PATTERN: _check_pattern,
    _IN: _check_in,
    _DATATYPE: _check_datatype,
    _MIN_LENGTH: _check_length,
    _MAX_LENGTH: _check_length,
    _OR: _check_or,
    _AND: _check_and,
    _NOT: _check_not,
    _NODE: _check_node,
}


def _value_ok(c: Constraint, v: Term, g: UnitGraph) -> bool:
    return _VALUE_CHECKS.get(c.param, _check_range)(c, v, g)


def _is_instance(v: Term, cls: str, g: UnitGraph) -> bool:
    if isinstance(v, ox.Literal):
        return False
    target = ox.NamedNode(cls)
    return any(t == target or target in g.closure(t, v_subclass) for t in g.objects(v, v_type))


_KINDS: dict[type, frozenset[str]] = {
    ox.NamedNode: frozenset(map(str, (SH.IRI, SH.IRIOrLiteral, SH.BlankNodeOrIRI))),
    ox.BlankNode: frozenset(map(str, (SH.BlankNode, SH.BlankNodeOrLiteral, SH.BlankNodeOrIRI))),
    ox.Literal: frozenset(map(str, (SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral))),
}


def _node_kind(v: Term, kind: str) -> bool:
    return kind in _KINDS[type(v)]


def _string(v: Term) -> str:
    """pyshacl's string of a value node (rdflib's lexical form of a literal)."""
    if isinstance(v, ox.NamedNode):
        return v.value
    lit = to_rdflib(v)
    assert isinstance(lit, rdflib.Literal)
    if lit.value is not None and lit.datatype in (None, RDF.langString, XSD.string):
        return str(lit.value)
    return str(lit)


@lru_cache(maxsize=256)
def _regex(pattern: str, flags: str | None) -> re.Pattern[str]:
    """pyshacl's compiled pattern: only the i and m flags are honoured."""
    f = 0
    if flags:
        low = flags.lower()
        f |= re.I if "i" in low else 0
        f |= re.M if "m" in low else 0
    return re.compile(pattern, f)


def _length_ok(p: rdflib.term.Node, v: Term, limit: rdflib.term.Node) -> bool:
    assert isinstance(limit, rdflib.Literal)
    n = limit.value
    if n < 0:
        raise ValidationError(f"{p} cannot be less than zero (shape value {limit})")
    if p == _MIN_LENGTH and n == 0:
        return True
    if isinstance(v, ox.BlankNode):
        return False
    length = len(_string(v))
    return length >= n if p == _MIN_LENGTH else length <= n


_PYTHON_TYPES: dict[rdflib.term.Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


def _actual(value: rdflib.Literal, rule: rdflib.term.Node) -> bool:
    kind = _PYTHON_TYPES.get(rule)
    return True if kind is None else isinstance(value.value, kind)


def _datatype_ok(v: rdflib.term.Node, rule: rdflib.term.Node) -> bool:
    if not isinstance(v, rdflib.Literal):
        return False
    if v.datatype == rule:
        return False if getattr(v, "ill_typed", None) is True else _actual(v, rule)
    if rule == RDFS.Literal:
        return True
    if rule == RDFS.Datatype and v.datatype:
        return True
    if v.datatype is None and v.language is None and rule == XSD.string:
        return _actual(v, rule)
    if rule == RDF.langString and v.language:
        return _actual(v, rule)
    return False


_RANGE: dict[rdflib.term.Node, Callable[[int], bool]] = {
    SH.minExclusive: lambda c: c > 0,
    SH.minInclusive: lambda c: c >= 0,
    SH.maxExclusive: lambda c: c < 0,
    SH.maxInclusive: lambda c: c <= 0,
}


def _range_ok(p: rdflib.term.Node, v: rdflib.term.Node, bound: rdflib.term.Node) -> bool:
    from pyshacl.rdfutil.compare import compare_literal

    if not isinstance(v, rdflib.Literal) or not isinstance(bound, rdflib.Literal):
        return False
    if isinstance(bound.value, str) != isinstance(v.value, str):
        return False
    try:
        return _RANGE[p](compare_literal(v, bound))
    except (TypeError, NotImplementedError):
        return False


def _pair_ok(c: Constraint, v: Term, other: Term) -> bool:
    """sh:lessThan / sh:lessThanOrEquals on one pair, as pyshacl compares them."""
    if isinstance(other, ox.BlankNode):
        raise ValidationError(f"cannot use {c.param} to compare a blank node")
    a, a_str = _comparable(to_rdflib(v))
    b, b_str = _comparable(to_rdflib(other))
    if a_str != b_str:
        return False
    try:
        return bool(a < b) if c.param == _LESS_THAN else bool(a <= b)  # type: ignore[operator]
    except TypeError as exc:  # pyshacl fails the same way on incomparable values
        raise ValidationError(f"cannot compare {v} and {other} with {c.param}: {exc}") from None


def _comparable(node: rdflib.term.Node) -> tuple[object, bool]:
    if isinstance(node, rdflib.URIRef):
        return str(node), True
    if isinstance(node, rdflib.Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False
