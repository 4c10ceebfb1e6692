"""The data graph of one validation unit, indexed for the compiled shapes.

A unit's data graph is the union of its own triples and its context (kg.validate.units): the
same set of triples pyshacl would see. Only the predicates the plan reads are indexed
(``rdf:type``, ``rdfs:subClassOf``, the shapes' paths and target predicates); the others can
change no result. Terms stay pyoxigraph terms; :func:`to_rdflib` converts one when a check
needs rdflib's reading of a literal (its value, well-formedness and ordering), memoised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain

import pyoxigraph as ox
import rdflib

from kg import vocab as v

Term = ox.NamedNode | ox.BlankNode | ox.Literal
#: A triple read once: subject, predicate IRI, object (pyoxigraph builds a new Python object
#: on every attribute read of a Triple, so each walk over the triples paid for them again).
Row = tuple[Term, str, Term]
_EMPTY: frozenset[Term] = frozenset()
_XSD_STRING = v.XSD_STRING


def rows(triples: Iterable[ox.Triple]) -> list[Row]:
    """The triples as :data:`Row` tuples, in their order."""
    return [(t.subject, t.predicate.value, t.object) for t in triples]  # type: ignore[misc]


def parse_rows(text: str) -> list[Row]:
    """The rows of an N-Triples document, in its order (see :func:`_line_rows`)."""
    if not text:
        return []
    found = _line_rows(text)
    if found is None:
        return rows(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    return found


def _line_rows(text: str) -> list[Row] | None:
    """One row per line of ``text``, each distinct term made once; None unless every line is
    one triple as pyoxigraph writes it.

    A unit's lines are pyoxigraph's own (``S P O .``, one space apart), and its terms repeat
    (a page's nodes, its predicates), so each line is cut at its first two spaces and only
    the distinct terms are parsed, by pyoxigraph, in one small document: the terms are
    pyoxigraph's reading, and each is one object shared by its rows (reading a Triple's
    attributes makes three new, collector-tracked objects per triple); the time is about that
    of pyoxigraph's parse alone, without the attribute reads. Any line cut otherwise (another layout, a comment, RDF-star) gives None: the caller
    parses the document whole, which also raises its errors.
    """
    cut = _LINE.findall(text)
    if len(cut) != text.count("\n") + (not text.endswith("\n")):
        return None
    flat = list(chain.from_iterable(cut))
    tokens = dict.fromkeys(flat)
    try:
        term = dict(zip(tokens, _parse_terms(tokens), strict=True))
        iri = {p: _predicate(term[p]) for p in set(flat[1::3])}
    except (ValueError, SyntaxError):
        return None
    terms = list(map(term.__getitem__, flat))
    return list(zip(terms[0::3], map(iri.__getitem__, flat[1::3]), terms[2::3], strict=True))


class LineRows:
    """The rows of lines seen before, kept (up to ``limit`` lines, then started afresh).

    For a unit's context: the terms graph's lines about the nodes a page mentions and the
    types of the nodes it links to, which many units share (kg.validate.units), so most of a
    context is read once per process instead of once per unit.
    """

    __slots__ = ("_limit", "_rows")

    def __init__(self, limit: int = 1 << 16) -> None:
        self._limit = limit
        self._rows: dict[str, Row] = {}

    def parse(self, text: str) -> list[Row]:
        """:func:`parse_rows` of ``text``."""
        if not text:
            return []
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()
        known = self._rows
        found = [known.get(line) for line in lines]
        if None not in found:
            return found  # type: ignore[return-value]
        missing = [line for line in dict.fromkeys(lines) if line not in known]
        new = _line_rows("\n".join(missing))
        if new is None:  # not one triple per line: read as a document
            return parse_rows(text)
        fresh = dict(zip(missing, new, strict=True))
        if len(known) + len(fresh) > self._limit:
            known.clear()
        known.update(fresh)
        return [
            row if row is not None else fresh[line] for line, row in zip(lines, found, strict=True)
        ]


#: A line as pyoxigraph writes it: subject (IRI or blank node), predicate IRI, object, " .".
_LINE = re.compile(r"^([<_]\S*) (<\S*) (.*) \.$", re.MULTILINE)
_SLOT = "<urn:kg:slot>"


def _parse_terms(tokens: Iterable[str]) -> list[Term]:
    """The terms of ``tokens`` (in their order), read by pyoxigraph as triple objects."""
    doc = "".join(f"{_SLOT} {_SLOT} {tok} .\n" for tok in tokens)
    found = [t.object for t in ox.parse(doc.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    return found  # type: ignore[return-value]  # zip(strict=True) checks there is one per token


def _predicate(term: Term) -> str:
    if not isinstance(term, ox.NamedNode):
        raise ValueError(f"a predicate that is not an IRI: {term}")
    return term.value


class UnitGraph:
    """Triples by predicate, forwards (subject -> objects) and, on demand, backwards."""

    __slots__ = ("_back", "_out")

    def __init__(self, triples: Iterable[Row], predicates: frozenset[str]) -> None:
        out: dict[str, dict[Term, set[Term]]] = {p: {} for p in predicates}
        for s, p, o in triples:
            by_subject = out.get(p)
            if by_subject is None:
                continue
            found = by_subject.get(s)
            if found is None:
                by_subject[s] = {o}
            else:
                found.add(o)
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
