"""Provenance edges: for each fact about an entity, the chain fact -> statement -> page -> references.

Every fact kg asserts has a statement node per page graph that states it
(docs/rdf-layout.md). :func:`provenance` collects, for the facts whose subject or object is
the entity (or an IRI merged with it by ``owl:sameAs``): each statement, the text spans it
was derived from (page, ``FILE:LINE``, the exact quote), the references it cites, the
extractor(s) that found it, and how each end was grounded. A fact stated by several pages
lists every statement. Literal-valued facts (``kgv:lineage "Neuron > ..."``) are included.
Renderers are in :mod:`kg.network.provenance_render`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg import vocab
from kg.errors import InputError
from kg.network.network import Network
from kg.network.relations import KNOWN_LABELS, edge_label, predicate_iri
from kg.network.sparql import select, select_terms
from kg.vocab import compress_or_iri

STATEMENTS_QUERY = """
SELECT ?e ?st ?g ?k ?v WHERE {
  GRAPH ?g { { ?st rdf:subject ?e } UNION { ?st rdf:object ?e } ?st a rdf:Statement ; ?k ?v }
}
"""

SELECTORS_QUERY = """
SELECT ?e ?sel ?page ?ls ?le ?start ?end ?quote WHERE {
  GRAPH ?g {
    { ?st rdf:subject ?e } UNION { ?st rdf:object ?e }
    ?st prov:wasDerivedFrom ?sel .
    OPTIONAL { ?sel oa:hasSource ?page }
    OPTIONAL { ?sel kgv:lineStart ?ls }
    OPTIONAL { ?sel kgv:lineEnd ?le }
    OPTIONAL { ?sel oa:hasSelector ?q . ?q oa:exact ?quote }
    OPTIONAL { ?sel oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end }
  }
}
"""

#: The Biolink slot of each predicate, stated once in the terms graph (docs/rdf-layout.md).
SLOTS_QUERY = f"""
SELECT ?p ?slot WHERE {{ GRAPH <{vocab.TERMS_GRAPH}> {{ ?p kgv:biolinkPredicate ?slot }} }}
"""

REFERENCES_QUERY = """
SELECT ?e ?ref ?key ?id WHERE {
  GRAPH ?g {
    { ?st rdf:subject ?e } UNION { ?st rdf:object ?e }
    ?st prov:hadPrimarySource ?ref .
    OPTIONAL { ?ref kgv:citationKey ?key }
    OPTIONAL { ?ref dcterms:identifier ?id }
  }
}
"""

_SKIP = {vocab.RDF_TYPE, vocab.RDF_SUBJECT, vocab.RDF_PREDICATE, vocab.RDF_OBJECT}
_KNOWN = {
    vocab.PROV_WAS_DERIVED_FROM: "sources",
    vocab.PROV_HAD_PRIMARY_SOURCE: "references",
    vocab.EXTRACTOR: "extractors",
    vocab.RELATION_LABEL: "relation_label",
    vocab.SUBJECT_MATCH: "subject_match",
    vocab.OBJECT_MATCH: "object_match",
    vocab.BIOLINK_PREDICATE: "biolink_predicate",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """One text span a statement was derived from."""

    selector: str
    page: str  # page IRI
    slug: str
    file: str | None
    line_start: int | None
    line_end: int | None
    quote: str | None
    start: int | None = None  # code-point offsets, end exclusive
    end: int | None = None

    @property
    def location(self) -> str:
        """``FILE:LINE`` or ``FILE:FIRST-LAST``."""
        where = self.file or self.slug
        if self.line_start is None:
            return where
        if self.line_end is None or self.line_end == self.line_start:
            return f"{where}:{self.line_start}"
        return f"{where}:{self.line_start}-{self.line_end}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    iri: str
    key: str | None
    identifier: str | None  # e.g. https://identifiers.org/pubmed:8446170

    @property
    def name(self) -> str:
        ident = f" ({compress_or_iri(self.identifier)})" if self.identifier else ""
        return f"{self.key or compress_or_iri(self.iri)}{ident}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    iri: str
    graph: str
    sources: tuple[Source, ...]
    references: tuple[Reference, ...]
    extractors: tuple[str, ...]
    relation_label: str | None = None
    subject_match: str | None = None
    object_match: str | None = None
    biolink_predicate: str | None = None
    qualifiers: tuple[tuple[str, str], ...] = ()  # (property CURIE, value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    subject: str
    predicate: str
    object: str  # an IRI, or the lexical form of a literal
    literal: bool
    subject_label: str
    predicate_label: str
    object_label: str
    statements: tuple[Statement, ...]

    @property
    def pages(self) -> tuple[str, ...]:
        return tuple(sorted({src.slug for st in self.statements for src in st.sources}))

    @property
    def text(self) -> str:
        obj = f'"{self.object}"' if self.literal else self.object_label
        return f"{self.subject_label} --[{self.predicate_label}]--> {obj}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    entity: str
    label: str
    facts: tuple[Fact, ...]


def provenance(
    net: Network, entity: str, *, relation: str | None = None, obj: str | None = None
) -> Provenance:
    """The provenance of every fact about ``entity`` (a node IRI), optionally filtered.

    ``relation`` keeps facts whose predicate is that CURIE / IRI or whose label is that text;
    ``obj`` keeps facts whose other end is that entity (any name :meth:`Network.entity`
    accepts) or literal value. Raises :class:`InputError` when the filters leave nothing.
    """
    names = (
        (entity, *net.graph.nodes[entity].get("aliases", ())) if entity in net.graph else (entity,)
    )
    rows: dict[str, dict[str, Any]] = {}
    sources: dict[str, Source] = {}
    refs: dict[str, Reference] = {}
    for e in names:
        _collect_statements(net, e, rows)
        sources.update(_sources(net, e))
        refs.update(_references(net, e))
    obj_iri = _try_entity(net, obj) if obj else None
    slots = {str(p): str(slot) for p, slot in select(net.store, SLOTS_QUERY)}
    facts = _facts(net, rows, sources, refs, slots)
    facts = [f for f in facts if _wanted(entity, f, relation, obj, obj_iri)]
    if not facts and (relation or obj):
        raise InputError(
            f"no fact about {net.describe(entity)} matches"
            f"{f' relation {relation!r}' if relation else ''}{f' object {obj!r}' if obj else ''}"
        )
    label = str(net.graph.nodes[entity].get("label", entity)) if entity in net.graph else entity
    return Provenance(entity=entity, label=label, facts=tuple(facts))


def _collect_statements(net: Network, e: str, rows: dict[str, dict[str, Any]]) -> None:
    for _e, st, g, k, v in select_terms(net.store, STATEMENTS_QUERY, {"e": e}):
        row = rows.setdefault(
            st.value, {"graph": g.value, "multi": defaultdict(set), "qual": set()}
        )
        key = k.value
        if key == vocab.RDF_SUBJECT:
            row["s"] = v.value
        elif key == vocab.RDF_PREDICATE:
            row["p"] = v.value
        elif key == vocab.RDF_OBJECT:
            row["o"] = v.value
            row["literal"] = isinstance(v, ox.Literal)
        elif key in _KNOWN:
            row["multi"][_KNOWN[key]].add(v.value)
        elif key not in _SKIP:
            row["qual"].add((compress_or_iri(key), v.value))


def _sources(net: Network, e: str) -> dict[str, Source]:
    pages = {p.iri: p for p in net.graph.graph["pages"].values()}
    out = {}
    for _e, sel, page, ls, le, start, end, quote in select(net.store, SELECTORS_QUERY, {"e": e}):
        if sel is None:
            continue
        info = pages.get(page or "")
        out[sel] = Source(
            selector=sel,
            page=page or "",
            slug=info.slug if info else (page or "").rsplit("wiki-", 1)[-1],
            file=info.source_file if info else None,
            line_start=_int(ls),
            line_end=_int(le),
            quote=quote,
            start=_int(start),
            end=_int(end),
        )
    return out


def _references(net: Network, e: str) -> dict[str, Reference]:
    rows = select(net.store, REFERENCES_QUERY, {"e": e})
    return {
        ref: Reference(iri=ref, key=key, identifier=ident)
        for _e, ref, key, ident in rows
        if ref is not None
    }


def _facts(
    net: Network,
    rows: dict[str, dict[str, Any]],
    sources: dict[str, Source],
    refs: dict[str, Reference],
    slots: dict[str, str],
) -> list[Fact]:
    aliases = net.graph.graph["aliases"]
    grouped: dict[tuple[str, str, str, bool], list[Statement]] = defaultdict(list)
    for iri, row in rows.items():
        if "s" not in row or "p" not in row or "o" not in row:
            continue
        literal = row.get("literal", False)
        same = row["p"] == vocab.SAME_AS  # show both names of an identity statement
        o = row["o"] if literal or same else aliases.get(row["o"], row["o"])
        key = (row["s"] if same else aliases.get(row["s"], row["s"]), row["p"], o, literal)
        grouped[key].append(_statement(iri, row, sources, refs, slots.get(row["p"])))
    facts = [
        Fact(
            subject=s,
            predicate=p,
            object=o,
            literal=lit,
            subject_label=_label(net, s),
            predicate_label=_predicate_label(net, s, p, o, lit, sts),
            object_label=o if lit else _label(net, o),
            statements=tuple(sorted(sts, key=lambda st: (st.graph, st.iri))),
        )
        for (s, p, o, lit), sts in grouped.items()
    ]
    return sorted(
        facts,
        key=lambda f: (
            f.predicate_label.casefold(),
            f.subject_label.casefold(),
            f.object_label.casefold(),
            f.subject,
            f.predicate,
            f.object,
        ),
    )


def _statement(
    iri: str,
    row: dict[str, Any],
    sources: dict[str, Source],
    refs: dict[str, Reference],
    slot: str | None,
) -> Statement:
    m = row["multi"]
    return Statement(
        iri=iri,
        graph=row["graph"],
        sources=tuple(sorted((sources[s] for s in m["sources"] if s in sources), key=_src_key)),
        references=tuple(
            refs[r] if r in refs else Reference(iri=r, key=None, identifier=None)
            for r in sorted(m["references"])
        ),
        extractors=tuple(sorted(m["extractors"])),
        relation_label=_one(m["relation_label"]),
        subject_match=_one(m["subject_match"]),
        object_match=_one(m["object_match"]),
        biolink_predicate=_one(m["biolink_predicate"]) or slot,
        qualifiers=tuple(sorted(row["qual"])),
    )


def _predicate_label(
    net: Network, s: str, p: str, o: str, literal: bool, sts: list[Statement]
) -> str:
    if not literal:
        data = net.graph.succ.get(s, {}).get(o, {}).get(p)
        if data:
            return str(data["label"])
    page_labels = tuple(sorted({st.relation_label for st in sts if st.relation_label}))
    slots = tuple(sorted({st.biolink_predicate for st in sts if st.biolink_predicate}))
    return edge_label(p, KNOWN_LABELS.get(p), slots, page_labels)


def _try_entity(net: Network, text: str) -> str | None:
    try:
        return net.entity(text)
    except InputError:
        return None  # maybe a literal value


def _wanted(
    entity: str, fact: Fact, relation: str | None, obj: str | None, obj_iri: str | None
) -> bool:
    if relation:
        iri = predicate_iri(relation)
        labels = {fact.predicate_label.casefold()} | {
            st.relation_label.casefold() for st in fact.statements if st.relation_label
        }
        if fact.predicate != iri and relation.strip().casefold() not in labels:
            return False
    if obj:
        if fact.literal:
            return fact.object.casefold() == obj.strip().casefold()
        other = fact.object if fact.subject == entity else fact.subject
        return other == obj_iri
    return True


def _src_key(s: Source) -> tuple[Any, ...]:
    return (s.slug, s.line_start or 0, s.start or 0, s.selector)


def _label(net: Network, iri: str) -> str:
    if iri in net.graph:
        return str(net.graph.nodes[iri].get("label", iri))
    return compress_or_iri(iri)


def _one(values: set[str]) -> str | None:
    return min(values) if values else None


def _int(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None
