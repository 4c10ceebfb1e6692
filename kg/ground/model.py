"""The grounding model: how a name was tied to an IRI, the terms and literals that result, and
what the ontology readers return (one record per class and one for the ontology header).

:class:`Term` (an IRI, already grounded, with how) and :class:`Value` (a literal) are what
extractors put in assertions; :class:`OntologyFact` is what kg copies from an ontology.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kg import vocab as v
from kg.errors import ModelError

#: Header annotation that marks a file as a module (a subset), not a full release. The shipped
#: ``kg/data/cl-module.owl`` carries ``kgv:ontologyModule true`` on its ``owl:Ontology``.
MODULE_MARKER = v.ONTOLOGY_MODULE


@dataclass(frozen=True, slots=True, kw_only=True)
class OntologyClass:
    """One class: its CURIE, names, direct named parents, and obsolescence."""

    curie: str
    label: str | None = None
    definition: str | None = None
    exact_synonyms: tuple[str, ...] = ()
    related_synonyms: tuple[str, ...] = ()
    narrow_synonyms: tuple[str, ...] = ()
    broad_synonyms: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()  # direct is_a (and genus of an equivalence), as CURIEs
    deprecated: bool = False
    replaced_by: str | None = None

    def __post_init__(self) -> None:
        if not self.curie:
            raise ModelError("an ontology class needs a CURIE")


@dataclass(frozen=True, slots=True, kw_only=True)
class OntologyHeader:
    """The ontology's own annotations: version, declared imports, and the module marker."""

    iri: str | None = None
    version: str | None = None  # owl:versionIRI, else owl:versionInfo, else OBO data-version
    imports: tuple[str, ...] = ()  # declared owl:imports / OBO import: (never followed)
    is_module: bool = False
    title: str | None = None


class Match(StrEnum):
    """How a name or id on the page was tied to an IRI (SSSOM's mapping_justification, in short)."""

    ID_ON_PAGE = "id-on-page"  # the page gives the id (CL:0000100, an NCBI Gene link, ...)
    EXACT_LABEL = "exact-label"  # the name equals the ontology / lexicon label (case-insensitive)
    EXACT_SYNONYM = "exact-synonym"  # the name equals an exact synonym
    ALIAS = "alias"  # a gene alias or a lexicon alias (HB9 -> MNX1)
    PAGE_ENTITY = "page-entity"  # the entity the page is about (from its slug / title)
    WIKI_LINK = "wiki-link"  # the target of a link to another wiki page
    MINTED = "minted"  # a project node that needs no grounding (reference, statement, page)
    UNGROUNDED = "ungrounded"  # no id found: a minted mention node, flagged and counted


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """A node: its IRI, the name the page used, its Biolink category, and how it was grounded."""

    iri: str
    label: str | None = None  # as the page names it
    category: str | None = None  # Biolink category IRI, e.g. https://w3id.org/biolink/vocab/Cell
    match: Match = Match.MINTED
    #: the vocabulary release the match was made in ("MONDO 2026-05-05"), for names matched
    source: str | None = field(default=None, compare=False)
    #: the ids an ambiguous name could stand for (then ``match`` is UNGROUNDED)
    candidates: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.iri or not (self.iri.startswith("http://") or self.iri.startswith("https://")):
            raise ModelError(f"a term needs an absolute http(s) IRI, got {self.iri!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """A literal. ``datatype`` is an XSD IRI or None (plain string); ``lang`` a language tag."""

    value: str
    datatype: str | None = None
    lang: str | None = None

    def __post_init__(self) -> None:
        if self.datatype and self.lang:
            raise ModelError("a literal has a datatype or a language, not both")


@dataclass(frozen=True, slots=True, kw_only=True)
class OntologyFact:
    """Something kg copied from an ontology about a term it used (label, parent, obsolete)."""

    subject: str
    predicate: str
    object: str | Value
