"""Gene and protein database ids on a page, as IRIs of the project's ``curies`` converter.

Ids come from infobox rows (``NCBI Gene``, ``Ensembl ID`` ...: a link or a plain id) and from
links to the databases (``https://www.ncbi.nlm.nih.gov/gene/54209``). How an id relates to
the page's entity depends on what the entity is (see kg.extract.infobox); a link whose text
names another species (``Mouse Trem2 (NCBI Gene 83433)``) is an ortholog, so
``skos:relatedMatch``, never an exact match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg import vocab as v
from kg.extract import categories as cat
from kg.extract.context import ExtractionContext
from kg.extract.model import Assertion, Evidence, Match, Term
from kg.parse.model import Cell
from kg.vocab import terms as p

_LABEL_PREFIX: dict[str, str] = {
    "ncbi gene": "NCBIGene",
    "ensembl": "ENSEMBL",
    "omim": "OMIM",
    "uniprot": "UniProtKB",
    "pdb": "PDB",
}
_LOCAL_ID: dict[str, re.Pattern[str]] = {
    "NCBIGene": re.compile(r"^\d{1,10}$"),
    "ENSEMBL": re.compile(r"^ENS[A-Z]*[GTP]\d{6,}(\.\d+)?$"),
    "OMIM": re.compile(r"^\d{6}$"),
    "UniProtKB": re.compile(
        r"^([OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9]([A-Z][A-Z0-9]{2}[0-9]){1,2})$"
    ),
    "PDB": re.compile(r"^[0-9][A-Za-z0-9]{3}$"),
}
_URLS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ncbi\.nlm\.nih\.gov/gene/(\d+)"), "NCBIGene"),
    (re.compile(r"ensembl\.org/.*?[?&;]g=(ENS[A-Z]*\d+)"), "ENSEMBL"),
    (re.compile(r"omim\.org/entry/(\d{6})"), "OMIM"),
    (re.compile(r"uniprot\.org/(?:uniprot|uniprotkb)/([A-Z0-9]{6,10})"), "UniProtKB"),
    (re.compile(r"rcsb\.org/structure/([0-9][A-Za-z0-9]{3})"), "PDB"),
)
_OTHER_SPECIES = re.compile(
    r"\b(mouse|murine|rat|zebrafish|drosophila|fly|yeast|worm|macaque|xenopus|chicken)\b", re.I
)
_GENE_IDS = ("NCBIGene", "ENSEMBL")


def id_prefix(label: str) -> str | None:
    """``"NCBI Gene ID"`` -> ``"NCBIGene"``."""
    low = " ".join(label.lower().split()).removesuffix(" id")
    return _LABEL_PREFIX.get(low)


def url_id(url: str) -> tuple[str, str] | None:
    """``https://omim.org/entry/605086`` -> ``("OMIM", "605086")``."""
    for pattern, prefix in _URLS:
        m = pattern.search(url)
        if m:
            return prefix, m.group(1)
    return None


def other_species(text: str) -> bool:
    return bool(_OTHER_SPECIES.search(text))


def cell_ids(prefix: str, cell: Cell) -> tuple[str, ...]:
    """The ids of one database in a cell: from its links, else the id-shaped words of its text."""
    found = [hit[1] for ln in cell.links if (hit := url_id(ln.target)) and hit[0] == prefix]
    if not found:
        found = [w for w in re.split(r"[\s,;]+", cell.text) if _LOCAL_ID[prefix].match(w)]
    return tuple(dict.fromkeys(found))


def id_facts(ctx: ExtractionContext, prefix: str, cell: Cell, ev: Evidence) -> Iterable[Assertion]:
    for local in cell_ids(prefix, cell):
        yield from id_fact(ctx, prefix, local, ev)


def id_fact(
    ctx: ExtractionContext, prefix: str, local: str, ev: Evidence, *, ortholog: bool = False
) -> Iterable[Assertion]:
    """One database id related to the entity (exact match, gene product, or related match)."""
    entity = ctx.entity_term()
    category = cat.GENE if prefix in _GENE_IDS else cat.PROTEIN if prefix == "UniProtKB" else None
    if prefix == "ENSEMBL" and not local.startswith("ENSG"):
        category = None
    term = Term(iri=v.expand(f"{prefix}:{local}"), category=category, match=Match.ID_ON_PAGE)
    if term.iri == entity.iri:
        return
    predicate, biolink = _relation(entity.category, prefix, ortholog)
    yield from ctx.describe(term, ev)
    yield ctx.fact(entity, predicate, term, ev, biolink=biolink)


def _relation(category: str | None, prefix: str, ortholog: bool) -> tuple[str, str]:
    related = (p.SKOS_RELATED_MATCH, p.BL_RELATED_TO)
    if ortholog or prefix == "PDB":
        return related
    if category == cat.GENE:
        if prefix == "UniProtKB":
            return p.HAS_GENE_PRODUCT, p.BL_HAS_GENE_PRODUCT
        return p.SKOS_EXACT_MATCH, p.BL_EXACT_MATCH
    if category == cat.PROTEIN:
        if prefix == "UniProtKB":
            return p.SKOS_EXACT_MATCH, p.BL_EXACT_MATCH
        if prefix in _GENE_IDS:
            return p.GENE_PRODUCT_OF, p.BL_GENE_PRODUCT_OF
    return related


def id_conflicts(entity: Term, assertions: Iterable[Assertion]) -> Iterable[tuple[int, str]]:
    """(line, message) for each database with two different ids exactly matching the entity."""
    by_prefix: dict[str, dict[str, int]] = {}
    for a in assertions:
        if a.subject.iri != entity.iri or a.predicate != p.SKOS_EXACT_MATCH:
            continue
        if not isinstance(a.object, Term):
            continue
        curie = v.compress(a.object.iri)
        if curie is None:
            continue
        prefix = curie.split(":", 1)[0]
        line = min(e.span.first_line for e in a.evidence)
        by_prefix.setdefault(prefix, {}).setdefault(curie, line)
    for prefix, ids in sorted(by_prefix.items()):
        if len(ids) > 1:
            listed = ", ".join(
                f"{c} (line {n})" for c, n in sorted(ids.items(), key=lambda x: x[1])
            )
            yield (
                min(ids.values()),
                f"conflicting {prefix} ids for the page's entity: {listed}; all kept",
            )
