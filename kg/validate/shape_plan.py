"""SHACL shapes compiled into a plan that kg evaluates itself (kg.validate.shape_eval).

:func:`compile_shapes` reads a :class:`~kg.validate.shapes.ShapeSet` and turns every shape
with a target (``sh:targetClass``, ``sh:targetNode``, ``sh:targetSubjectsOf``,
``sh:targetObjectsOf``) into a :class:`CompiledShape` tree: its path, severity, messages, the
constraint components below and its nested shapes. The components follow pyshacl 0.40's
reading of the SHACL Core definitions (https://www.w3.org/TR/shacl/#core-components), which
the differential tests (tests/validate/test_engine_agreement.py) hold the evaluator to:

    sh:class sh:datatype sh:nodeKind sh:minCount sh:maxCount sh:pattern (+ sh:flags)
    sh:minLength sh:maxLength sh:in sh:hasValue sh:minInclusive sh:minExclusive
    sh:maxInclusive sh:maxExclusive sh:lessThan sh:lessThanOrEquals sh:or sh:and sh:not
    sh:node sh:property

A top-level shape that uses anything else (another component, a complex path, SHACL-AF, an
implicit class target, a message template, a shape without ``sh:message``, whose default
text is pyshacl's own) is not compiled: it is listed in :attr:`Plan.fallback` with the reason,
and pyshacl validates it (kg.validate.units_run).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.validate.shapes import ShapeSet

#: Components evaluated on each value node (a failing value is the result's sh:value).
VALUE_PARAMS = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH["and"]: SH.AndConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
}
#: Components evaluated once per focus node (results have no sh:value).
FOCUS_PARAMS = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
}
#: Property-pair components (a result per failing pair, the value as sh:value).
PAIR_PARAMS = {
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
}
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
#: Predicates of a shape node that carry no constraint.
_INERT = {
    RDF.type,
    SH.severity,
    SH.message,
    SH.path,
    SH.property,
    SH.flags,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.deactivated,
    RDFS.label,
    RDFS.comment,
    *_TARGETS,
}
#: Single-valued parameters (pyshacl reads one; two values would be ambiguous here).
_SINGLE = {SH.pattern, SH.flags, SH.minCount, SH.maxCount, SH.severity, SH.deactivated}


class NotCompiled(Exception):
    """A shape uses something the plan does not evaluate (the message says what)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Path:
    """A predicate path, or the inverse of one."""

    predicate: str
    inverse: bool = False

    @property
    def text(self) -> str:
        """As kg's reports write it: the IRI, or ``^<iri>`` for an inverse path."""
        return f"^<{self.predicate}>" if self.inverse else self.predicate


@dataclass(frozen=True, slots=True, kw_only=True)
class Constraint:
    """One constraint component instance: its parameter and its value(s)."""

    param: rdflib.URIRef
    component: str
    value: rdflib.term.Node
    members: tuple[rdflib.term.Node, ...] = ()  # sh:in list
    shapes: tuple[CompiledShape, ...] = ()  # sh:or / sh:and list, sh:not, sh:node
    flags: str | None = None  # sh:flags of sh:pattern


@dataclass(frozen=True, slots=True, kw_only=True)
class CompiledShape:
    node: rdflib.term.Node
    path: Path | None
    severity: str
    messages: tuple[str, ...]
    deactivated: bool
    value_checks: tuple[Constraint, ...] = ()
    focus_checks: tuple[Constraint, ...] = ()
    pair_checks: tuple[Constraint, ...] = ()
    properties: tuple[CompiledShape, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Targets:
    classes: tuple[str, ...] = ()
    nodes: tuple[rdflib.term.Node, ...] = ()
    subjects_of: tuple[str, ...] = ()
    objects_of: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TopShape:
    shape: CompiledShape
    targets: Targets


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    shapes: tuple[TopShape, ...]
    fallback: tuple[tuple[str, str], ...] = ()  # (shape, why it is left to pyshacl)
    predicates: frozenset[str] = field(default=frozenset())  # what evaluation reads

    @property
    def fallback_shapes(self) -> tuple[str, ...]:
        return tuple(s for s, _ in self.fallback)


def compile_shapes(shapes: ShapeSet, skip: frozenset[str] = frozenset()) -> Plan:
    """The plan for every targeted shape except those in ``skip`` (evaluated natively)."""
    g = shapes.graph
    top: list[TopShape] = []
    fallback: list[tuple[str, str]] = []
    for node in _targeted(g):
        if str(node) in skip:
            continue
        try:
            if (node, RDF.type, RDFS.Class) in g or (node, RDF.type, OWL.Class) in g:
                raise NotCompiled("an implicit class target (the shape is also a class)")
            top.append(TopShape(shape=_shape(g, node, True, ()), targets=_targets(g, node)))
        except NotCompiled as exc:
            fallback.append((shapes.name(node), str(exc)))
    preds = {v_type, v_subclass}
    for t in top:
        preds |= set(t.targets.subjects_of) | set(t.targets.objects_of)
        preds |= set(_predicates(t.shape))
    return Plan(shapes=tuple(top), fallback=tuple(sorted(fallback)), predicates=frozenset(preds))


v_type = str(RDF.type)
v_subclass = str(RDFS.subClassOf)


def _targeted(g: rdflib.Graph) -> list[rdflib.term.Node]:
    found = {s for t in _TARGETS for s in g.subjects(t, None)}
    found |= {s for s in g.subjects(SH.target, None)}
    return sorted(found, key=lambda n: (isinstance(n, rdflib.BNode), str(n)))


def _targets(g: rdflib.Graph, node: rdflib.term.Node) -> Targets:
    if (node, SH.target, None) in g:
        raise NotCompiled("a SHACL-AF target (sh:target)")

    def iris(p: rdflib.URIRef) -> tuple[str, ...]:
        out = []
        for o in g.objects(node, p):
            if not isinstance(o, rdflib.URIRef):
                raise NotCompiled(f"a {p.n3(g.namespace_manager)} that is not an IRI")
            out.append(str(o))
        return tuple(sorted(out))

    return Targets(
        classes=iris(SH.targetClass),
        nodes=tuple(sorted(g.objects(node, SH.targetNode), key=str)),
        subjects_of=iris(SH.targetSubjectsOf),
        objects_of=iris(SH.targetObjectsOf),
    )


def _shape(
    g: rdflib.Graph, node: rdflib.term.Node, reports: bool, seen: tuple[rdflib.term.Node, ...]
) -> CompiledShape:
    """Compile one shape; ``reports``: its results are reported (it needs its own message)."""
    if node in seen:
        raise NotCompiled("a recursive shape")
    seen = (*seen, node)
    for p in set(g.predicates(node, None)):
        if p in _SINGLE and len(set(g.objects(node, p))) > 1:
            raise NotCompiled(f"more than one {p.n3(g.namespace_manager)}")
        known = p in _INERT or p in VALUE_PARAMS or p in FOCUS_PARAMS or p in PAIR_PARAMS
        if not known:
            raise NotCompiled(f"the parameter {p.n3(g.namespace_manager)}")
    messages = tuple(str(m) for m in g.objects(node, SH.message))
    if reports and not messages:
        raise NotCompiled("no sh:message (pyshacl's default message text is its own)")
    if any("{" in m for m in messages):
        raise NotCompiled("a message template")
    deactivated = g.value(node, SH.deactivated)
    severity = g.value(node, SH.severity) or SH.Violation
    value_checks, focus_checks, pair_checks = [], [], []
    for pred, o in sorted(g.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
        p = rdflib.URIRef(str(pred))
        if p in VALUE_PARAMS:
            value_checks.append(_value_check(g, node, p, o, seen))
        elif p in FOCUS_PARAMS:
            focus_checks.append(Constraint(param=p, component=str(FOCUS_PARAMS[p]), value=o))
        elif p in PAIR_PARAMS:
            if not isinstance(o, rdflib.URIRef):
                raise NotCompiled(f"a {p.n3(g.namespace_manager)} that is not a property IRI")
            pair_checks.append(Constraint(param=p, component=str(PAIR_PARAMS[p]), value=o))
    path = _path(g, g.value(node, SH.path)) if (node, SH.path, None) in g else None
    if path is None and (focus_checks or pair_checks):
        raise NotCompiled("a cardinality or pair constraint on a node shape")
    props = tuple(
        _shape(g, p, reports, seen) for p in sorted(g.objects(node, SH.property), key=str)
    )
    return CompiledShape(
        node=node,
        path=path,
        severity=str(severity),
        messages=messages,
        deactivated=isinstance(deactivated, rdflib.Literal) and deactivated.value is True,
        value_checks=tuple(value_checks),
        focus_checks=tuple(focus_checks),
        pair_checks=tuple(pair_checks),
        properties=props,
    )


def _value_check(
    g: rdflib.Graph,
    node: rdflib.term.Node,
    p: rdflib.URIRef,
    o: rdflib.term.Node,
    seen: tuple[rdflib.term.Node, ...],
) -> Constraint:
    comp = str(VALUE_PARAMS[p])
    if p == SH["in"]:
        return Constraint(param=p, component=comp, value=o, members=tuple(Collection(g, o)))
    if p in (SH["or"], SH["and"]):
        inner = tuple(_shape(g, s, False, seen) for s in Collection(g, o))
        return Constraint(param=p, component=comp, value=o, shapes=inner)
    if p in (SH["not"], SH.node):
        return Constraint(param=p, component=comp, value=o, shapes=(_shape(g, o, False, seen),))
    if p == SH.pattern:
        flags = g.value(node, SH.flags)
        if not isinstance(o, rdflib.Literal):
            raise NotCompiled("an sh:pattern that is not a literal")
        return Constraint(
            param=p, component=comp, value=o, flags=str(flags) if flags is not None else None
        )
    if p in (SH["class"], SH.datatype, SH.nodeKind) and not isinstance(o, rdflib.URIRef):
        raise NotCompiled(f"a {p.n3(g.namespace_manager)} that is not an IRI")
    if p in (SH.minLength, SH.maxLength) and not isinstance(o, rdflib.Literal):
        raise NotCompiled(f"a {p.n3(g.namespace_manager)} that is not a literal")
    return Constraint(param=p, component=comp, value=o)


def _path(g: rdflib.Graph, path: rdflib.term.Node | None) -> Path:
    if isinstance(path, rdflib.URIRef):
        return Path(predicate=str(path))
    if isinstance(path, rdflib.BNode):
        inverse = g.value(path, SH.inversePath)
        if isinstance(inverse, rdflib.URIRef) and len(set(g.predicate_objects(path))) == 1:
            return Path(predicate=str(inverse), inverse=True)
    raise NotCompiled("a path other than a property or the inverse of one")


def _predicates(shape: CompiledShape) -> Iterator[str]:
    if shape.path is not None:
        yield shape.path.predicate
    for c in shape.pair_checks:
        yield str(c.value)
    for c in shape.value_checks:
        for inner in c.shapes:
            yield from _predicates(inner)
    for prop in shape.properties:
        yield from _predicates(prop)
