"""What a local identifier of each database looks like: an id that is not an id is never minted.

A "Search UniProt" link gives ``UniProtKB:Search``; an infobox cell may hold ``NCBI Gene: see
below``. Such text is kept as a mention, never expanded into an identifier IRI. The patterns are
the databases' own published forms (UniProt's accession format, Ensembl's stable ids, DOI
syntax); the ontologies' local ids are digits (a well-formed id that a release does not know is
judged later, by validation, against the shipped or given release). Prefixes without a pattern
here accept any local id without spaces.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]+")
#: UniProt's accession format (uniprot.org/help/accession_numbers), optionally versioned
_UNIPROT = re.compile(
    r"(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})(?:-[0-9]+)?"
)

PATTERNS: dict[str, re.Pattern[str]] = {
    **{
        p: _DIGITS
        for p in (
            "CL",
            "UBERON",
            "MONDO",
            "CHEBI",
            "NCBITaxon",
            "RO",
            "BFO",
            "IAO",
            "SO",
            "GO",
            "DOID",
            "HP",
            "HGNC",
            "NCBIGene",
            "OMIM",
            "PMID",
            "NCT",
        )
    },
    "UniProtKB": _UNIPROT,
    # stable ids: ENS + species code + feature type (G gene, T transcript, P protein, E exon,
    # R regulatory, F family) + 11 digits, optionally versioned
    "ENSEMBL": re.compile(r"ENS[A-Z]*[EFGPRT][0-9]{11}(?:\.[0-9]+)?"),
    "DRUGBANK": re.compile(r"DB[0-9]{5}"),
    "PDB": re.compile(r"[0-9][A-Za-z0-9]{3}"),
    "DOI": re.compile(r"10\.[0-9]{4,9}/\S+"),
    "MESH": re.compile(r"[A-Z][0-9]{6,9}"),
}


def is_local_id(prefix: str, local: str) -> bool:
    """Whether ``local`` has the form of an identifier of ``prefix`` (canonical prefix)."""
    pattern = PATTERNS.get(prefix)
    return pattern is None or pattern.fullmatch(local) is not None


__all__ = ["PATTERNS", "is_local_id"]
