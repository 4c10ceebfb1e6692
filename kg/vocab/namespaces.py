"""Namespaces and the project's one CURIE converter.

Every CURIE in kg is expanded and compressed by :data:`CONVERTER` (the ``curies`` package), built
from ``kg/data/prefixes.json``: OBO PURLs for OBO ontologies, identifiers.org for genes and
publications. This module imports nothing of the project's: every stage may import it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import curies

__all__ = [
    "BIOLINK",
    "CL",
    "CONVERTER",
    "DCTERMS",
    "FOAF",
    "KG",
    "KGS",
    "KGV",
    "OA",
    "OBO",
    "OIO",
    "OWL",
    "PREFIX_MAP",
    "PROV",
    "RDF",
    "RDFS",
    "SCIDEX_ARTIFACT",
    "SEMAPV",
    "SH",
    "SKOS",
    "XSD",
    "biolink_iri",
    "clark",
    "compress",
    "compress_or_iri",
    "expand",
    "obo_iri",
    "shape_iri",
]

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
SH = PREFIX_MAP["sh"]
SEMAPV = PREFIX_MAP["semapv"]
OIO = PREFIX_MAP["oboInOwl"]
BIOLINK = PREFIX_MAP["biolink"]
OBO = "http://purl.obolibrary.org/obo/"
CL = PREFIX_MAP["CL"]  # Cell Ontology classes
KG = PREFIX_MAP["kg"]  # minted nodes
KGV = PREFIX_MAP["kgv"]  # the project's own small vocabulary
KGS = "https://scidex.ai/kg/shapes#"  # the project's SHACL shapes
SCIDEX_ARTIFACT = PREFIX_MAP["scidex"]  # canonical page addresses


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


def obo_iri(curie: str) -> str:
    """The OBO PURL of any OBO-style CURIE (``CL:0000540`` -> ``.../obo/CL_0000540``), known prefix or not."""
    prefix, _, local = curie.partition(":")
    return f"{OBO}{prefix}_{local}"


def biolink_iri(name: str) -> str:
    """A Biolink category or slot by name: ``Gene``, ``biolink:Gene`` or the IRI itself."""
    if name.startswith(("http://", "https://")):
        return name
    return f"{BIOLINK}{name.removeprefix('biolink:')}"


def shape_iri(name: str) -> str:
    """One of kg's own shapes or checks (``kgs:``) by name."""
    return f"{KGS}{name}"


def clark(namespace: str, iri: str) -> str:
    """ElementTree's name for an XML element or attribute: ``{namespace}local`` of ``iri``."""
    if not iri.startswith(namespace):
        raise ValueError(f"{iri!r} is not in namespace {namespace!r}")
    return f"{{{namespace}}}{iri[len(namespace) :]}"
