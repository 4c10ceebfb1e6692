"""Namespaces, the project's one CURIE converter, and the IRIs kg mints.

Every CURIE in kg is expanded and compressed by :data:`CONVERTER` (the ``curies`` package),
built from ``kg/data/prefixes.json``: OBO PURLs for OBO ontologies, identifiers.org for
genes and publications. Never build these IRIs by string concatenation elsewhere.

Minted IRIs are flat (``https://scidex.ai/kg/stmt-<hash>``, not ``.../stmt/<hash>``): rdflib's
Turtle writer scans every namespace it has seen, and one namespace per node makes it
superlinear (docs/performance-notes.md).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib import resources

import curies

PREFIX_MAP: dict[str, str] = json.loads(
    resources.files("kg").joinpath("data/prefixes.json").read_text("utf-8")
)
CONVERTER = curies.Converter.from_prefix_map(PREFIX_MAP)

RDF = PREFIX_MAP["rdf"]
RDFS = PREFIX_MAP["rdfs"]
OWL = PREFIX_MAP["owl"]
XSD = PREFIX_MAP["xsd"]
PROV = PREFIX_MAP["prov"]
OA = PREFIX_MAP["oa"]
DCTERMS = PREFIX_MAP["dcterms"]
SKOS = PREFIX_MAP["skos"]
FOAF = PREFIX_MAP["foaf"]
BIOLINK = PREFIX_MAP["biolink"]
OBO = "http://purl.obolibrary.org/obo/"
KG = PREFIX_MAP["kg"]  # minted nodes
KGV = PREFIX_MAP["kgv"]  # the project's own small vocabulary
SCIDEX_ARTIFACT = PREFIX_MAP["scidex"]  # canonical page addresses
RFC5147 = "http://tools.ietf.org/rfc/rfc5147"

RDF_TYPE = RDF + "type"
RDFS_LABEL = RDFS + "label"

#: The graph that holds the build activity.
BUILD_GRAPH = KG + "graph-build"
#: The terms graph: one preferred label and the category of every entity used, plus what kg
#: copied from ontologies about them (parents, obsolete flags).
TERMS_GRAPH = KG + "graph-terms"


@cache
def expand(curie: str) -> str:
    """``CL:0000100`` -> ``http://purl.obolibrary.org/obo/CL_0000100`` (raises on unknown prefix)."""
    return CONVERTER.expand(curie, strict=True)


@cache
def compress(iri: str) -> str | None:
    """The CURIE of an IRI, or None when no prefix covers it."""
    return CONVERTER.compress(iri)


def compress_or_iri(iri: str) -> str:
    return CONVERTER.compress(iri) or iri


def digest(*parts: str, length: int = 16) -> str:
    """A short, stable hex digest of the parts (joined with a unit separator)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """``"AMX0035 (Relyvrio)"`` -> ``"amx0035-relyvrio"``: lower case, runs of other chars -> -."""
    return _SLUG_RE.sub("-", text.lower()).strip("-") or "x"


@cache
def page_iri(slug: str) -> str:
    """The canonical address of a wiki page: ``https://scidex.ai/artifact/wiki-<slug>``."""
    return f"{SCIDEX_ARTIFACT}wiki-{slug}"


def graph_iri(slug: str) -> str:
    """The named graph that holds everything one page contributes."""
    return f"{KG}graph-{slug}"


def entity_iri(slug: str) -> str:
    """A minted entity for a wiki page slug whose entity has no ontology id (yet)."""
    return f"{KG}entity-{slug}"


def mention_iri(category: str, label: str) -> str:
    """An ungrounded mention: one node per normalised name (``kg:mention-<slug>``).

    Case and punctuation variants (``Als``/``ALS``, ``TDP-43``/``TDP 43``) and the same name met
    by different extractors (a gene in an infobox, an untyped Mermaid node) are one node; the
    categories the pages gave it are its types. ``category`` is accepted for the callers' sake
    and does not change the IRI.
    """
    return f"{KG}mention-{slugify(label)}"


def reference_iri(key: str) -> str:
    """A cited reference, by its citation key (``rosen1993``)."""
    return f"{KG}ref-{slugify(key)}"


def statement_iri(graph: str, s: str, p: str, o: str) -> str:
    return f"{KG}stmt-{digest(graph, s, p, o)}"


def selector_iri(page: str, start: int, end: int) -> str:
    return f"{KG}sel-{digest(page, str(start), str(end))}"


def activity_iri(tool_version: str, input_hashes: list[str]) -> str:
    return f"{KG}build-{digest(tool_version, *sorted(input_hashes))}"
