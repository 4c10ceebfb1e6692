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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import _NUMERIC_LITERAL_TYPES as _NUMERIC_TYPES

from kg.errors import ValidationError
from kg.validate.shape_plan import (
    CompiledShape,
    Constraint,
    Plan,
    Targets,
    TopShape,
    v_subclass,
    v_type,
)
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
    for top, node in _prepared(plan):
        if top.shape.deactivated:
            continue
        for focus in _focus_nodes(top.targets, graph):
            if keep(key(focus)):
                _validate(node, focus, graph, out)
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


Values = set[Term] | frozenset[Term] | tuple[Term]
FocusTest = Callable[[Values], bool]
ValueTest = Callable[[Term, UnitGraph], bool]


@dataclass(frozen=True, slots=True)
class _Node:
    """A compiled shape made ready to run: each constraint a test with its parameters read
    once (sh:in's set, the regex, the counts), instead of per value node; the evaluation of a
    unit calls these some 10^5 times."""

    shape: CompiledShape
    predicate: str | None  # the path's (None: the value node is the focus node)
    inverse: bool
    focus_tests: tuple[tuple[str, FocusTest], ...]
    value_tests: tuple[tuple[str, ValueTest], ...]
    pairs: tuple[tuple[Constraint, str], ...]  # (constraint, the other property)
    properties: tuple[_Node, ...]


_PLANS: dict[int, tuple[Plan, tuple[tuple[TopShape, _Node], ...]]] = {}


def _prepared(plan: Plan) -> tuple[tuple[TopShape, _Node], ...]:
    """The plan's shapes as :class:`_Node` trees, made once per plan (a worker has one)."""
    found = _PLANS.get(id(plan))
    if found is None or found[0] is not plan:
        found = _PLANS[id(plan)] = (plan, tuple((t, _prepare(t.shape)) for t in plan.shapes))
    return found[1]


def _prepare(shape: CompiledShape) -> _Node:
    if shape.deactivated:  # gives no result, and conforms
        return _Node(shape, None, False, (), (), (), ())
    path = shape.path
    return _Node(
        shape,
        path.predicate if path is not None else None,
        path.inverse if path is not None else False,
        tuple(
            (c.component, test) for c in shape.focus_checks if (test := _focus_test(c)) is not None
        ),
        tuple(
            (c.component, check)
            for c in shape.value_checks
            if (check := _value_test(c)) is not None
        ),
        tuple((c, str(c.value)) for c in shape.pair_checks),
        tuple(_prepare(p) for p in shape.properties),
    )


def _validate(n: _Node, focus: Term, g: UnitGraph, out: list[RawResult]) -> None:
    """Append the node's results for ``focus`` to ``out``, in pyshacl's order."""
    predicate = n.predicate  # the value nodes (inline: this runs ~10^5 times a unit)
    if predicate is None:
        values: Values = (focus,)
    elif n.inverse:
        values = g.subjects(predicate, focus)
    else:
        values = g.objects(focus, predicate)
    if not values and not n.focus_tests:
        return  # every other check goes over the values
    shape = n.shape
    for component, ok in n.focus_tests:
        if not ok(values):
            out.append(RawResult(focus, shape, component, None))
    for component, test in n.value_tests:
        for v in values:
            if not test(v, g):
                out.append(RawResult(focus, shape, component, v))
    for c, other_property in n.pairs:
        others = g.objects(focus, other_property)
        for v in values:
            if isinstance(v, ox.BlankNode):
                raise ValidationError(f"cannot use {c.param} to compare a blank node")
            for other in others:
                if not _pair_ok(c, v, other):
                    out.append(RawResult(focus, shape, c.component, v))
    for prop in n.properties:
        for v in values:
            _validate(prop, v, g, out)


def _conforms(n: _Node, focus: Term, g: UnitGraph) -> bool:
    """No result for ``focus``: :func:`_validate` stopped at its first result (so it raises
    exactly when that would, before any result)."""
    predicate = n.predicate
    if predicate is None:
        values: Values = (focus,)
    elif n.inverse:
        values = g.subjects(predicate, focus)
    else:
        values = g.objects(focus, predicate)
    if not values and not n.focus_tests:
        return True
    for _, ok in n.focus_tests:
        if not ok(values):
            return False
    for _, test in n.value_tests:
        for v in values:
            if not test(v, g):
                return False
    for c, other_property in n.pairs:
        others = g.objects(focus, other_property)
        for v in values:
            if isinstance(v, ox.BlankNode):
                raise ValidationError(f"cannot use {c.param} to compare a blank node")
            for other in others:
                if not _pair_ok(c, v, other):
                    return False
    for prop in n.properties:
        for v in values:
            if not _conforms(prop, v, g):
                return False
    return True


# The parameters, read once: ``SH.x`` goes through rdflib's Namespace.__getattr__ on every use.
_HAS_VALUE, _MIN_COUNT, _MAX_COUNT = SH.hasValue, SH.minCount, SH.maxCount
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


def _focus_test(c: Constraint) -> FocusTest | None:
    """The test of a cardinality or sh:hasValue constraint (None: it never fails)."""
    value = c.value
    if c.param == _HAS_VALUE:
        return lambda values: any(to_rdflib(v) == value for v in values)
    if not isinstance(value, rdflib.Literal) or not isinstance(value.value, int):
        return lambda values: _focus_ok(c, values)  # fails as pyshacl's reading does
    n = int(value.value)
    if c.param == _MIN_COUNT:
        return None if n == 0 else lambda values: len(values) >= n
    return lambda values: len(values) <= n


def _focus_ok(c: Constraint, values: Values) -> bool:
    """sh:minCount / sh:maxCount with a count that is not an integer literal."""
    assert isinstance(c.value, rdflib.Literal)
    n = int(c.value.value)
    if c.param == _MIN_COUNT:
        return n == 0 or len(values) >= n
    return len(values) <= n


def _value_test(c: Constraint) -> ValueTest | None:
    """The test of a value-node constraint (None: it never fails)."""
    p, value = c.param, c.value
    if p == _CLASS:
        target = ox.NamedNode(str(value))
        return lambda v, g: _is_instance(v, target, g)
    if p == _NODE_KIND:
        kind = str(value)
        return lambda v, g: kind in _KINDS[type(v)]
    if p == _PATTERN:
        regex = _regex(str(value), c.flags)
        return lambda v, g: (
            not isinstance(v, ox.BlankNode) and (regex.search(_string(v)) is not None)
        )
    if p == _IN:
        members = set(c.members)
        return lambda v, g: to_rdflib(v) in members
    if p == _DATATYPE:
        return _memoised(_datatype_test(value))
    if p in (_MIN_LENGTH, _MAX_LENGTH):
        return _length_test(p, value)
    if p == _OR:
        any_of = tuple(_prepare(s) for s in c.shapes)
        return lambda v, g: any(_conforms(s, v, g) for s in any_of)
    if p == _AND:
        all_of = tuple(_prepare(s) for s in c.shapes)
        return lambda v, g: all(_conforms(s, v, g) for s in all_of)
    if p == _NOT:
        negated = _prepare(c.shapes[0])
        return lambda v, g: not _conforms(negated, v, g)
    if p == _NODE:
        node = _prepare(c.shapes[0])
        return lambda v, g: _conforms(node, v, g)
    return _memoised(lambda v, g: _range_ok(p, to_rdflib(v), value))


_MEMO = 1 << 14  # values a memoised test keeps (then it starts afresh)


def _memoised(test: ValueTest) -> ValueTest:
    """``test``, remembering its answers: for tests that read only the value node (its
    datatype, its value compared with a bound), whose rdflib reading costs microseconds, and
    whose values recur (line numbers, offsets, counts)."""
    known: dict[Term, bool] = {}

    def check(v: Term, g: UnitGraph) -> bool:
        found = known.get(v)
        if found is None:
            if len(known) >= _MEMO:
                known.clear()
            found = known[v] = test(v, g)
        return found

    return check


def _is_instance(v: Term, target: ox.NamedNode, g: UnitGraph) -> bool:
    if isinstance(v, ox.Literal):
        return False
    return any(t == target or target in g.closure(t, v_subclass) for t in g.objects(v, v_type))


_KINDS: dict[type, frozenset[str]] = {
    ox.NamedNode: frozenset(map(str, (SH.IRI, SH.IRIOrLiteral, SH.BlankNodeOrIRI))),
    ox.BlankNode: frozenset(map(str, (SH.BlankNode, SH.BlankNodeOrLiteral, SH.BlankNodeOrIRI))),
    ox.Literal: frozenset(map(str, (SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral))),
}


def _string(v: Term) -> str:
    """pyshacl's string of a value node (rdflib's lexical form of a literal)."""
    if isinstance(v, ox.NamedNode):
        return v.value
    lit = to_rdflib(v)
    assert isinstance(lit, rdflib.Literal)
    if lit.value is not None and lit.datatype in (None, _LANG_STRING, _XSD_STRING):
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


_LANG_STRING, _XSD_STRING = RDF.langString, XSD.string


def _length_test(p: rdflib.term.Node, limit: rdflib.term.Node) -> ValueTest | None:
    """sh:minLength / sh:maxLength (None: it never fails)."""
    n = limit.value if isinstance(limit, rdflib.Literal) else None
    if not isinstance(n, int) or n < 0:
        return lambda v, g: _length_ok(p, v, limit)  # fails as pyshacl's reading does
    if p == _MIN_LENGTH:
        if n == 0:
            return None
        return lambda v, g: not isinstance(v, ox.BlankNode) and len(_string(v)) >= n
    return lambda v, g: not isinstance(v, ox.BlankNode) and len(_string(v)) <= n


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


def _datatype_test(rule: rdflib.term.Node) -> ValueTest:
    """sh:datatype as :func:`_datatype_ok` reads it, its comparisons with ``rule`` made once
    (rdflib's ``==`` is Python code, and the check runs on every literal of a page)."""
    if not isinstance(rule, rdflib.URIRef):
        return lambda v, g: _datatype_ok(to_rdflib(v), rule)
    kind = _PYTHON_TYPES.get(rule)
    rule_type, rule_text = type(rule), str(rule)
    any_literal, any_typed = rule == RDFS.Literal, rule == RDFS.Datatype
    plain, lang = rule == XSD.string, rule == RDF.langString

    def test(v: Term, g: UnitGraph) -> bool:
        lit = to_rdflib(v)
        if not isinstance(lit, rdflib.Literal):
            return False
        dt = lit.datatype
        if type(dt) is rule_type and str.__eq__(dt, rule_text):  # dt == rule
            if getattr(lit, "ill_typed", None) is True:
                return False
            return True if kind is None else isinstance(lit.value, kind)
        if any_literal or (any_typed and dt):
            return True
        if (plain and dt is None and lit.language is None) or (lang and lit.language):
            return True if kind is None else isinstance(lit.value, kind)
        return False

    return test


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
    if (
        isinstance(a, rdflib.Literal)
        and isinstance(b, rdflib.Literal)
        and type(x := a.value) is int
        and type(y := b.value) is int
        and a.datatype in _NUMERIC
        and b.datatype in _NUMERIC
        and not a.ill_typed
        and not b.ill_typed
    ):  # rdflib's own fast path (Literal.__gt__ and .eq compare the values), without its
        return x < y if c.param == _LESS_THAN else x <= y  # several Python calls a pair
    try:
        return bool(a < b) if c.param == _LESS_THAN else bool(a <= b)  # type: ignore[operator]
    except TypeError as exc:  # pyshacl fails the same way on incomparable values
        raise ValidationError(f"cannot compare {v} and {other} with {c.param}: {exc}") from None


_NUMERIC = frozenset(_NUMERIC_TYPES)  # rdflib's numeric datatypes (a set: a tuple's `in` calls
# rdflib's Python ``==`` once per member)


def _comparable(node: rdflib.term.Node) -> tuple[object, bool]:
    if isinstance(node, rdflib.URIRef):
        return str(node), True
    if isinstance(node, rdflib.Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False
