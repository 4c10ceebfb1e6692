"""The data graph of one validation unit, indexed for the compiled shapes.

A unit's data graph is the union of its own triples and its context (kg.validate.units): the
same set of triples pyshacl would see. Only the predicates the plan reads are indexed
(``rdf:type``, ``rdfs:subClassOf``, the shapes' paths and target predicates); the others can
change no result. Terms stay pyoxigraph terms; :func:`to_rdflib` converts one when a check
needs rdflib's reading of a literal (its value, well-formedness and ordering), memoised.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
import rdflib

from kg import vocab as v

Term = ox.NamedNode | ox.BlankNode | ox.Literal
_EMPTY: frozenset[Term] = frozenset()
_XSD_STRING = v.XSD_STRING


class UnitGraph:
    """Triples by predicate, forwards (subject -> objects) and, on demand, backwards."""

    __slots__ = ("_back", "_out")

    def __init__(self, triples: Iterable[ox.Triple], predicates: frozenset[str]) -> None:
        out: dict[str, dict[Term, set[Term]]] = {p: {} for p in predicates}
        for t in triples:
            by_subject = out.get(t.predicate.value)
            if by_subject is None:
                continue
            found = by_subject.get(t.subject)  # type: ignore[arg-type]
            if found is None:
                by_subject[t.subject] = {t.object}  # type: ignore[index,arg-type]
            else:
                found.add(t.object)  # type: ignore[arg-type]
        self._out = out
        self._back: dict[str, dict[Term, set[Term]]] = {}

    def objects(self, subject: Term, predicate: str) -> set[Term] | frozenset[Term]:
        return self._out[predicate].get(subject, _EMPTY)

    def subjects(self, predicate: str, obj: Term) -> set[Term] | frozenset[Term]:
        back = self._back.get(predicate)
        if back is None:
            back = self._back[predicate] = {}
            for s, objs in self._out[predicate].items():
                for o in objs:
                    back.setdefault(o, set()).add(s)
        return back.get(obj, _EMPTY)

    def subjects_of(self, predicate: str) -> Iterable[Term]:
        return self._out[predicate].keys()

    def objects_of(self, predicate: str) -> set[Term]:
        return {o for objs in self._out[predicate].values() for o in objs}

    def closure(self, start: Term, predicate: str, *, backwards: bool = False) -> set[Term]:
        """``start`` and every node reachable over ``predicate`` (rdflib's transitive_*)."""
        seen = {start}
        todo = [start]
        while todo:
            node = todo.pop()
            nxt = self.subjects(predicate, node) if backwards else self.objects(node, predicate)
            for n in nxt:
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        return seen


@lru_cache(maxsize=65536)
def to_rdflib(node: object) -> rdflib.term.Node:
    """The rdflib term pyshacl would see for a pyoxigraph term (xsd:string -> plain)."""
    if isinstance(node, ox.NamedNode):
        return rdflib.URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return rdflib.BNode(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return rdflib.Literal(node.value, lang=node.language)
        dt = node.datatype.value
        if dt == _XSD_STRING:
            return rdflib.Literal(node.value)
        return rdflib.Literal(node.value, datatype=rdflib.URIRef(dt))
    raise TypeError(f"unsupported RDF term {node!r}")


def from_rdflib(node: rdflib.term.Node) -> Term:
    """A shapes-graph constant as a pyoxigraph term (the inverse of :func:`to_rdflib`)."""
    if isinstance(node, rdflib.URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, rdflib.BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is None:
            return ox.Literal(str(node))
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
    raise TypeError(f"unsupported RDF term {node!r}")


def key(node: Term) -> str:
    """How a report names a node: the IRI, ``_:id`` for a blank node, else N-Triples."""
    if isinstance(node, ox.NamedNode):
        return node.value
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    return to_rdflib(node).n3()
