"""Grounding: Cell Ontology index, shipped lexicons, and the Grounder extractors call.

* :func:`load_ontology` / :class:`OntologyIndex` — an OWL (RDF/XML) or OBO file, read
  without following ``owl:imports``;
* :class:`Lexicon` — genes, diseases, drugs, species, anatomy with verified ids
  (``kg/data/lexicon/*.tsv``);
* :class:`Grounder` — ``ground_curie``, ``ground_name``, ``ground_wiki_path``,
  ``term_facts``, ``category_of``.
"""

from __future__ import annotations

from kg.ground.grounder import Grounder, NameLookup, shipped_module_path, standard_curie
from kg.ground.lexicon import Lexicon, LexiconEntry, shipped_lexicon
from kg.ground.model import MODULE_MARKER, OntologyClass, OntologyHeader
from kg.ground.ontology import OntologyIndex, load_ontology

__all__ = [
    "MODULE_MARKER",
    "Grounder",
    "Lexicon",
    "LexiconEntry",
    "NameLookup",
    "OntologyClass",
    "OntologyHeader",
    "OntologyIndex",
    "load_ontology",
    "shipped_lexicon",
    "shipped_module_path",
    "standard_curie",
]
