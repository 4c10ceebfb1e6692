"""Relation labels and kinds: what an edge is called in a diagram, and how specific it is.

Every edge reads as words, never as a CURIE. An edge's label is, in order: the ontology label
of its predicate (from the build's terms graph), the words of :data:`RELATION_WORDS` (the one
table of the relations kg emits: RO / BFO ids as verified in docs/modelling.md, SKOS mapping
and semantic relations, RDFS / OWL, Biolink slots, kg's own ``kgv:`` properties), the name of
its Biolink slot (``biolink:expresses`` -> ``expresses``), the name of a ``kgv:`` property
(``kgv:mechanismOfAction`` -> ``mechanism of action``), the page's own relation label
(``kgv:relationLabel``), else the words of the predicate's local name (``skos:closeMatch`` ->
``close match``). For a *generic* predicate (the fallback ``biolink:related_to`` a page's
unknown label was mapped to), the page's own label comes first, since it says more. (Page
labels come last otherwise: extractors also record sub-table headers there, such as
``Drug | Mechanism``.)
"""

from __future__ import annotations

import re
from enum import IntEnum

from kg import vocab
from kg.vocab import BIOLINK, CONVERTER, KGV, expand

#: Words for every relation kg emits (CURIE -> label), the labels diagrams, comparisons and
#: provenance show. RO / BFO labels are the ontology's own (docs/modelling.md).
RELATION_WORDS: dict[str, str] = {
    expand(curie): label
    for curie, label in {
        "RO:0002292": "expresses",
        "RO:0002206": "expressed in",
        "RO:0015004": "has characterizing marker set",
        "RO:0002104": "has plasma membrane part",
        "RO:0002100": "has soma location",
        "RO:0001025": "located in",
        "BFO:0000050": "part of",
        "BFO:0000051": "has part",
        "RO:0004026": "disease has location",
        "RO:0003303": "causes condition",
        "RO:0003301": "is model of",
        "RO:0002326": "contributes to",
        "RO:0002606": "is substance that treats",
        "RO:0003307": "ameliorates condition",
        "RO:0002436": "molecularly interacts with",
        "RO:0012006": "is small molecule inhibitor of",
        "RO:0018029": "is antagonist of",
        "RO:0002162": "in taxon",
        "RO:0002175": "present in taxon",
        "RO:0002202": "develops from",
        "RO:0002204": "gene product of",
        "RO:0002205": "has gene product",
        "RO:0002331": "involved in",
        "RO:0002610": "correlated with",
        "RO:0002211": "regulates",
        "RO:0002213": "positively regulates",
        "RO:0002212": "negatively regulates",
        "rdfs:subClassOf": "subclass of",
        "rdfs:seeAlso": "see also",
        "owl:sameAs": "same as",
        "owl:equivalentClass": "equivalent to",
        "skos:related": "related to",
        "skos:broader": "narrower than",  # A skos:broader B: B is broader, A narrower than B
        "skos:narrower": "broader than",
        "skos:exactMatch": "exact match",
        "skos:closeMatch": "close match",
        "skos:broadMatch": "broad match",
        "skos:narrowMatch": "narrow match",
        "skos:relatedMatch": "related match",
        "kgv:statedSubClassOf": "subclass of",
        "kgv:mechanismOfAction": "mechanism of action",
        "kgv:mergedFrom": "merged from",
    }.items()
}

#: The same table under its former name (kg.network.provenance reads it).
KNOWN_LABELS = RELATION_WORDS

#: Predicates that say the same thing (an RO / BFO relation and its exact Biolink slot, the
#: class hierarchy as kg states it): ``kg diagram --compare`` takes them as one relation.
EQUIVALENT_PREDICATES: tuple[frozenset[str], ...] = tuple(
    frozenset(expand(c) for c in group)
    for group in (
        ("RO:0002292", "biolink:expresses"),
        ("RO:0002206", "biolink:expressed_in"),
        ("RO:0001025", "biolink:located_in"),
        ("BFO:0000050", "biolink:part_of"),
        ("BFO:0000051", "biolink:has_part"),
        ("RO:0004026", "biolink:disease_has_location"),
        ("RO:0003303", "biolink:causes"),
        ("RO:0002326", "biolink:contributes_to"),
        ("RO:0002606", "biolink:treats"),
        ("RO:0002436", "biolink:directly_physically_interacts_with"),
        ("RO:0002162", "biolink:in_taxon"),
        ("RO:0002202", "biolink:develops_from"),
        ("RO:0002204", "biolink:gene_product_of"),
        ("RO:0002205", "biolink:has_gene_product"),
        ("RO:0002331", "biolink:actively_involved_in"),
        ("RO:0002211", "biolink:regulates"),
        ("RO:0003301", "biolink:model_of"),
        ("rdfs:subClassOf", "kgv:statedSubClassOf", "biolink:subclass_of"),
        ("skos:exactMatch", "biolink:exact_match"),
        ("skos:broadMatch", "biolink:broad_match"),
        ("owl:sameAs", "biolink:same_as"),
    )
)
_EQUIVALENT: dict[str, frozenset[str]] = {p: g for g in EQUIVALENT_PREDICATES for p in g}

#: Predicates that only say "these two are connected": a page's own label says more.
GENERIC_PREDICATES: frozenset[str] = frozenset(
    {
        vocab.BL_RELATED_TO,
        vocab.BL_RELATED_TO_AT_INSTANCE_LEVEL,
        vocab.BL_RELATED_TO_AT_CONCEPT_LEVEL,
        vocab.BL_ASSOCIATED_WITH,
        vocab.RDFS_SEE_ALSO,
        vocab.SKOS_RELATED,
    }
)

#: Predicates that never become entity edges (names, types, identity, bookkeeping).
NON_EDGE_PREDICATES: frozenset[str] = frozenset(
    {
        vocab.RDFS_LABEL,
        vocab.PREF_LABEL,
        vocab.SKOS_ALT_LABEL,
        vocab.SAME_AS,
        vocab.RDF_TYPE,
        vocab.DCTERMS_IDENTIFIER,
        vocab.DEPRECATED,
    }
)


def predicate_iri(text: str) -> str:
    """A relation named on the command line as an IRI or a CURIE, as an IRI (else unchanged)."""
    text = text.strip()
    if text.startswith(("http://", "https://")) or ":" not in text:
        return text
    try:
        return CONVERTER.expand(text) or text
    except ValueError:
        return text


class RelationKind(IntEnum):
    """How specific a relation is; lower ranks first when a diagram must drop edges."""

    ONTOLOGY = 0  # an RO / OBO relation or a specific Biolink slot
    PROJECT = 1  # a relation of kg's own vocabulary (kgv:)
    GENERIC = 2  # related to, associated with, see also


def relation_kind(predicate: str) -> RelationKind:
    if predicate in GENERIC_PREDICATES:
        return RelationKind.GENERIC
    if predicate.startswith(KGV):
        return RelationKind.PROJECT
    return RelationKind.ONTOLOGY


def slot_name(biolink_iri: str) -> str:
    """``https://w3id.org/biolink/vocab/expressed_in`` -> ``expressed in``."""
    return biolink_iri.rsplit("/", 1)[-1].replace("_", " ")


def edge_label(
    predicate: str,
    ontology_label: str | None,
    biolink_slots: tuple[str, ...],
    relation_labels: tuple[str, ...],
) -> str:
    """The label a diagram shows for an edge (see the module docstring for the order)."""
    # a sub-table header ("Gene | Function") names two columns, not a relation
    page_label = next((x for x in relation_labels if "|" not in x), None)
    if page_label and predicate in GENERIC_PREDICATES:
        return page_label
    label = ontology_label or RELATION_WORDS.get(predicate)
    if label:
        return label
    if predicate.startswith(BIOLINK):
        return slot_name(predicate)
    if biolink_slots and biolink_slots[0] not in GENERIC_PREDICATES:
        return slot_name(biolink_slots[0])
    if predicate.startswith(KGV):
        return _split_camel(predicate[len(KGV) :])
    if page_label:
        return page_label
    return relation_words(predicate)


def relation_words(predicate: str) -> str:
    """Words for a predicate no table names: its local name split (``closeMatch`` ->
    ``close match``, ``RO_0009999`` -> ``RO 0009999``); the table wins when it has one."""
    known = RELATION_WORDS.get(predicate)
    if known:
        return known
    local = re.split(r"[/#]", predicate.rstrip("/#"))[-1] or predicate
    words = " ".join(_split_camel(part) for part in re.split(r"[_\s]+", local) if part)
    return words or local


def _split_camel(name: str) -> str:
    """``hasMarker`` -> ``has marker``; an all-capitals or numeric part (``RO``) is kept."""
    if not any(ch.islower() for ch in name):
        return name
    out: list[str] = []
    for ch in name:
        if ch.isupper() and out and out[-1] != " ":
            out.append(" ")
        out.append(ch.lower())
    return "".join(out)


def relation_keys(predicate: str, labels: tuple[str, ...] = ()) -> frozenset[str]:
    """The predicates an edge's relation stands for: its own and its equivalents, and for a
    generic predicate (``biolink:related_to``, what a label kg's table does not know falls back
    to) the relations its page labels name instead, when they name one (``"positively
    regulates"``, ``"activates"``: both RO:0002213). Two edges are the same relation when their
    keys meet."""
    if predicate in GENERIC_PREDICATES:
        named = frozenset(p for label in labels for p in label_predicates(label))
        if named:
            return named
    return _EQUIVALENT.get(predicate, frozenset({predicate}))


def label_predicates(label: str) -> frozenset[str]:
    """The predicates a relation label names: kg's extraction table (kg.extract.relations),
    the words of :data:`RELATION_WORDS`, and their equivalents (empty for an unknown label)."""
    from kg.extract.relations import normalise_label, relation_for

    key = normalise_label(label)
    found = {p for p, words in RELATION_WORDS.items() if words == key}
    rel = relation_for(key)
    if not rel.fallback:
        found.add(rel.predicate)
    return frozenset(q for p in found for q in _EQUIVALENT.get(p, {p}))
