"""Lineage claims of a page and whether the ontology's class hierarchy supports them.

kg.extract writes a lineage ``A > B > C`` as the chain literal (``kgv:lineage``) plus the page
entity's claim, the entity below ``B`` (issue 11: the inner steps are not claims):
``kgv:statedSubClassOf`` (a page's ``rdfs:subClassOf`` claim), or ``RO:0002202 develops from``.
Each end of a claim is resolved to an ontology class:

1. a Cell Ontology IRI the ontology has;
2. the class a minted node is ``owl:sameAs`` / ``skos:exactMatch`` (or, for the lower end,
   ``skos:broadMatch``: the node is at most that class);
3. the class the page's name for the node denotes (label or exact synonym, singular tried);
4. for a bare qualifier in a chain (``Neuron > Glutamatergic``), the name followed by the last
   word of its parent's label (``glutamatergic neuron``).

A claim is supported when the upper class is the lower class or among its ancestors
(subclass-of and the genus of equivalences; for ``develops from`` claims, develops-from
fillers too). Claims whose ends cannot be resolved are reported as not checkable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kg import vocab as v
from kg.validate.ontology import CL_PURL, DEVELOPS_FROM, Ontology

SUBCLASS_OF = v.SUBCLASS_OF
STATED_SUBCLASS_OF = v.STATED_SUBCLASS_OF  # the page's claim, checked as subclass-of
CLAIMS = (SUBCLASS_OF, STATED_SUBCLASS_OF, DEVELOPS_FROM)
_SAME = (v.SAME_AS, v.SKOS_EXACT_MATCH)
_BROAD = v.SKOS_BROAD_MATCH
_RESOLVING = frozenset((v.RDFS_LABEL, *_SAME, _BROAD))  # the predicates Resolver reads


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """``child`` is below ``parent`` (``predicate`` is rdfs:subClassOf or develops from)."""

    child: str
    parent: str
    predicate: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """A claim, how its ends were resolved, and whether the ontology supports it."""

    claim: Claim
    child_class: str | None
    parent_class: str | None
    supported: bool | None  # None: an end could not be resolved


def page_claims(triples: Iterable[ox.Triple]) -> tuple[Claim, ...]:
    return tuple(
        sorted(
            {
                Claim(child=t.subject.value, parent=t.object.value, predicate=t.predicate.value)
                for t in triples
                if t.predicate.value in CLAIMS
                and isinstance(t.subject, ox.NamedNode)
                and isinstance(t.object, ox.NamedNode)
            },
            key=lambda c: (c.child, c.parent, c.predicate),
        )
    )


@dataclass(slots=True)
class Resolver:
    """Resolves the nodes of one page graph to classes of ``onto``."""

    onto: Ontology
    names: dict[str, str]  # node -> the page's name (rdfs:label), else skos:prefLabel
    same: dict[str, str]  # node -> CL class it is the same as
    broad: dict[str, str]  # node -> CL class it is at most

    @classmethod
    def for_page(
        cls, onto: Ontology, triples: Sequence[ox.Triple], pref: dict[str, str]
    ) -> Resolver:
        names: dict[str, str] = {}
        same: dict[str, str] = {}
        broad: dict[str, str] = {}
        for t in triples:
            p = t.predicate.value
            if p not in _RESOLVING:  # read subject and object only when needed (each read
                continue  # of a pyoxigraph triple's term makes a new object)
            s, o = t.subject, t.object
            if not isinstance(s, ox.NamedNode):
                continue
            if p == v.RDFS_LABEL and isinstance(o, ox.Literal):
                names.setdefault(s.value, o.value)
            elif isinstance(o, ox.NamedNode) and CL_PURL.match(o.value):
                if p in _SAME:
                    same.setdefault(s.value, o.value)
                elif p == _BROAD:
                    broad.setdefault(s.value, o.value)
        for node, label in pref.items():
            names.setdefault(node, label)
        return cls(onto=onto, names=names, same=same, broad=broad)

    def resolve(self, node: str, *, lower: bool, parent: str | None = None) -> str | None:
        """The class ``node`` stands for (see the module docstring), or None."""
        if CL_PURL.match(node):
            return node if self.onto.has(node) else None
        for table in (self.same, self.broad) if lower else (self.same,):
            if node in table and self.onto.has(table[node]):
                return table[node]
        name = self.names.get(node)
        if not name:
            return None
        found = self.onto.find(name)
        if len(found) == 1:
            return found[0]
        parent_label = self.onto.label(parent) if parent else None
        if not found and parent_label:
            found = self.onto.find(f"{name} {parent_label.split()[-1]}")
            if len(found) == 1:
                return found[0]
        return None

    def name(self, node: str) -> str:
        return self.names.get(node) or v.compress_or_iri(node)


def judge(claims: Sequence[Claim], resolver: Resolver) -> tuple[Verdict, ...]:
    """Resolve every claim of a page (upper ends first, so chains resolve step by step)."""
    parents_of: dict[str, list[str]] = {}
    for c in claims:
        parents_of.setdefault(c.child, []).append(c.parent)
    cache: dict[str, str | None] = {}

    def upper(node: str) -> str | None:
        if node not in cache:
            cache[node] = None  # breaks cycles in a page's own claims
            above = [upper(p) for p in parents_of.get(node, ())]
            hint = next((a for a in above if a), None)
            cache[node] = resolver.resolve(node, lower=False, parent=hint)
        return cache[node]

    verdicts = []
    for c in claims:
        parent_class = upper(c.parent)
        child_class = resolver.resolve(c.child, lower=True, parent=parent_class) or upper(c.child)
        supported = None
        if child_class and parent_class:
            developmental = c.predicate == DEVELOPS_FROM
            supported = parent_class == child_class or parent_class in resolver.onto.ancestors(
                child_class, developmental=developmental
            )
        verdicts.append(
            Verdict(
                claim=c, child_class=child_class, parent_class=parent_class, supported=supported
            )
        )
    return tuple(verdicts)
