"""What kg copies from an ontology or a lexicon about a term it used (the terms graph).

For a class: ``skos:prefLabel`` (its label), ``rdf:type`` its Biolink category, one
``rdfs:subClassOf`` per direct named parent, ``owl:deprecated true`` and ``IAO:0100001``
(term replaced by) when obsolete, and ``kgv:ontologyVersion`` when the file has a version.
For a lexicon entry: its label and category only. No ``rdf:type`` when the prefix implies no
Biolink category (a GO or PR class in a full release).
"""

from __future__ import annotations

from kg import vocab as v
from kg.ground.model import OntologyClass, OntologyFact, Value

PREF_LABEL = v.PREF_LABEL
SUBCLASS_OF = v.SUBCLASS_OF
DEPRECATED = v.DEPRECATED
REPLACED_BY = v.IAO_REPLACED_BY
ONTOLOGY_VERSION = v.ONTOLOGY_VERSION
_BOOLEAN = v.XSD_BOOLEAN


def _iri(curie: str) -> str | None:
    if curie.startswith(("http://", "https://")):
        return curie
    try:
        return v.expand(curie)
    except ValueError:
        return None


def ontology_facts(
    iri: str,
    cls: OntologyClass | None,
    category: str | None,
    version: str | None,
    *,
    labels_only: bool = False,
    label: str | None = None,
) -> tuple[OntologyFact, ...]:
    """The facts for the terms graph about ``iri`` (see the module docstring)."""
    facts: list[OntologyFact] = []
    name = label if cls is None else cls.label
    if name:
        facts.append(OntologyFact(subject=iri, predicate=PREF_LABEL, object=Value(value=name)))
    if category:
        facts.append(OntologyFact(subject=iri, predicate=v.RDF_TYPE, object=category))
    if cls is None or labels_only:
        return tuple(facts)
    for parent in cls.parents:
        if (p := _iri(parent)) is not None:
            facts.append(OntologyFact(subject=iri, predicate=SUBCLASS_OF, object=p))
    if cls.deprecated:
        facts.append(
            OntologyFact(
                subject=iri, predicate=DEPRECATED, object=Value(value="true", datatype=_BOOLEAN)
            )
        )
    if cls.replaced_by and (r := _iri(cls.replaced_by)) is not None:
        facts.append(OntologyFact(subject=iri, predicate=REPLACED_BY, object=r))
    if version:
        facts.append(
            OntologyFact(subject=iri, predicate=ONTOLOGY_VERSION, object=Value(value=version))
        )
    return tuple(facts)
