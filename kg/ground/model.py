"""What the ontology readers return: one record per class and one for the ontology header."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import ModelError

#: Header annotation that marks a file as a module (a subset), not a full release. The shipped
#: ``kg/data/cl-module.owl`` carries ``kgv:ontologyModule true`` on its ``owl:Ontology``.
MODULE_MARKER = "https://scidex.ai/kg/vocab#ontologyModule"


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
