"""The graphs shared by all pages: the build activity and the terms graph (docs/rdf-layout.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from kg import vocab as v
from kg.ground.model import OntologyFact, Value
from kg.rdf.terms import iri, literal, nquad, text

_BUILD = iri(v.BUILD_GRAPH)
_TERMS = iri(v.TERMS_GRAPH)
_TYPE = iri(v.RDF_TYPE)
_PREF = iri(v.PREF_LABEL)
_SLOT = iri(v.BIOLINK_PREDICATE)


def activity_lines(
    activity: str,
    tool_version: str,
    pages: Sequence[tuple[str, str]],
    ontologies: Sequence[str],
    vocabularies: Sequence[tuple[str, str, str, str]] = (),
) -> list[str]:
    """The build activity: ``pages`` are (page IRI, sha256) of every page built;
    ``vocabularies`` (IRI, title, sha256, licence) the shipped vocabularies it grounded with."""
    a = iri(activity)
    out = [
        nquad(a, _TYPE, iri(v.PROV_ACTIVITY), _BUILD),
        nquad(a, iri(v.RDFS_LABEL), text("kg build"), _BUILD),
        nquad(a, iri(v.TOOL_VERSION), text(tool_version), _BUILD),
    ]
    for page, sha in pages:
        out.append(nquad(a, iri(v.PROV_USED), iri(page), _BUILD))
        out.append(nquad(a, iri(v.INPUT_HASH), text(f"sha256:{sha}"), _BUILD))
    for name in ontologies:
        out.append(nquad(a, iri(v.ONTOLOGY), text(name), _BUILD))
    for vocab_iri, title, sha, licence in vocabularies:
        node = iri(vocab_iri)
        out.append(nquad(a, iri(v.PROV_USED), node, _BUILD))
        out.append(nquad(node, _TYPE, iri(v.PROV_ENTITY), _BUILD))
        out.append(nquad(node, iri(v.RDFS_LABEL), text(title), _BUILD))
        out.append(nquad(node, iri(v.INPUT_HASH), text(f"sha256:{sha}"), _BUILD))
        out.append(nquad(node, iri(v.DCTERMS_LICENSE), text(licence), _BUILD))
    return out


def terms_lines(
    terms: Iterable[tuple[str, str, str]],
    facts_of: Callable[[str], Sequence[OntologyFact]],
    *,
    slots: Iterable[tuple[str, str]] = (),
) -> list[str]:
    """The terms graph: one prefLabel and the category of every entity, plus ontology facts,
    plus the Biolink slot of every predicate the statements use (``slots``: (predicate, slot)).

    ``terms`` are (IRI, label as a page names it, category IRI) from every page. Ontology /
    lexicon facts (``facts_of(iri)``) win; a node no ontology knows gets the smallest label
    any page gave it (deterministic) and the category the pages gave it.
    """
    labels: dict[str, set[str]] = {}
    categories: dict[str, set[str]] = {}
    for term, label, category in terms:
        labels.setdefault(term, set())
        categories.setdefault(term, set())
        if label:
            labels[term].add(label)
        if category:
            categories[term].add(category)
    out: list[str] = []
    for term in sorted(labels):
        s = iri(term)
        facts = list(facts_of(term))
        has_pref = False
        has_type = False
        for f in facts:
            obj = literal(f.object) if isinstance(f.object, Value) else iri(f.object)
            out.append(nquad(iri(f.subject), iri(f.predicate), obj, _TERMS))
            has_pref |= f.subject == term and f.predicate == v.PREF_LABEL
            has_type |= f.subject == term and f.predicate == v.RDF_TYPE
        if not has_pref:
            # the smallest name a page gave it; a bare database id gets its CURIE
            name = min(labels[term]) if labels[term] else (v.compress(term) or term)
            out.append(nquad(s, _PREF, text(name), _TERMS))
        if not has_type:
            for cat in sorted(categories[term]):
                out.append(nquad(s, _TYPE, iri(cat), _TERMS))
    for predicate, slot in sorted(set(slots)):
        out.append(nquad(iri(predicate), _SLOT, iri(slot), _TERMS))
    return out
