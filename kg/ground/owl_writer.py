"""Write a small OWL module in RDF/XML: the classes kg ships, with the module marker.

The output is deterministic (classes sorted by CURIE, fixed namespace declarations, no
dates) and readable by :func:`kg.ground.owl.read_owl`, rdflib and owlready2. The ontology
header carries ``kgv:ontologyModule true`` so that readers know the file holds only some
terms of the ontology (an id it lacks is unknown to the module, not wrong).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from kg import vocab as v
from kg.ground.model import OntologyClass

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
         xmlns:owl="http://www.w3.org/2002/07/owl#"
         xmlns:obo="http://purl.obolibrary.org/obo/"
         xmlns:oboInOwl="http://www.geneontology.org/formats/oboInOwl#"
         xmlns:dcterms="http://purl.org/dc/terms/"
         xmlns:kgv="https://scidex.ai/kg/vocab#">
"""
_BOOL = v.XSD_BOOLEAN
_SYNONYM_TAGS = (
    ("exact_synonyms", "oboInOwl:hasExactSynonym"),
    ("related_synonyms", "oboInOwl:hasRelatedSynonym"),
    ("narrow_synonyms", "oboInOwl:hasNarrowSynonym"),
    ("broad_synonyms", "oboInOwl:hasBroadSynonym"),
)


def _iri(curie: str) -> str:
    return curie if curie.startswith(("http://", "https://")) else v.expand(curie)


def _text(tag: str, value: str, indent: str = "        ") -> str:
    return f"{indent}<{tag}>{escape(value)}</{tag}>\n"


def _ref(tag: str, iri: str, indent: str = "        ") -> str:
    return f"{indent}<{tag} rdf:resource={quoteattr(iri)}/>\n"


def _class(c: OntologyClass) -> str:
    out = [f"    <owl:Class rdf:about={quoteattr(_iri(c.curie))}>\n"]
    if c.label:
        out.append(_text("rdfs:label", c.label))
    if c.definition:
        out.append(_text("obo:IAO_0000115", c.definition))
    for attr, tag in _SYNONYM_TAGS:
        out.extend(_text(tag, s) for s in getattr(c, attr))
    out.extend(_ref("rdfs:subClassOf", _iri(p)) for p in c.parents)
    if c.deprecated:
        out.append(f'        <owl:deprecated rdf:datatype="{_BOOL}">true</owl:deprecated>\n')
    if c.replaced_by:
        out.append(_ref("obo:IAO_0100001", _iri(c.replaced_by)))
    out.append("    </owl:Class>\n")
    return "".join(out)


def module_rdfxml(
    classes: Iterable[OntologyClass],
    *,
    ontology_iri: str,
    version_info: str,
    sources: Sequence[str],
    comment: str,
    license_iri: str = "http://creativecommons.org/licenses/by/4.0/",
) -> str:
    """The RDF/XML text of a module holding ``classes`` (see the module docstring)."""
    parts = [_HEAD, f"    <owl:Ontology rdf:about={quoteattr(ontology_iri)}>\n"]
    parts.append(_text("owl:versionInfo", version_info))
    parts.append(_text("rdfs:comment", comment))
    parts.extend(
        _ref("dcterms:source", s) if s.startswith("http") else _text("dcterms:source", s)
        for s in sources
    )
    parts.append(_ref("dcterms:license", license_iri))
    parts.append(f'        <kgv:ontologyModule rdf:datatype="{_BOOL}">true</kgv:ontologyModule>\n')
    parts.append("    </owl:Ontology>\n")
    parts.extend(_class(c) for c in sorted(classes, key=lambda c: c.curie))
    parts.append("</rdf:RDF>\n")
    return "".join(parts)
