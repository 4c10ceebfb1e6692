"""Links: to other wiki pages, and to gene / protein databases.

* ``[SOD1 Gene](/genes/sod1)`` -> ``entity rdfs:seeAlso kg:entity-genes-sod1`` (the target
  page's entity, from ``Grounder.ground_wiki_path``), so pages built together meet in one
  graph. A link is navigation: it names two entities and states no relation between them
  (issue 11; a ``See Also`` / ``Related Pages`` / ``Key References`` list is only links), so it
  is ``rdfs:seeAlso``, never an entity-to-entity relation such as ``biolink:related_to``. What a
  sentence around a link states is read by the prose extractors. The triple is still a fact of
  the page graph (subject: the entity, not the page node), with its statement and selector.
  A link to the page itself is nothing, and a link in an infobox row that its row's extractor
  reads (``Target``, ``Indication``, ``Diseases``, ``Location``, ``Gene``, ``Key Proteins``) is
  that row's typed fact, not a second one.
* On a gene or protein page, links to NCBI Gene, Ensembl, OMIM, UniProt or PDB outside the
  infobox relate the entity to those ids (kg.extract.dbids); on other pages such links are
  background reading and make no fact.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg import vocab as v
from kg.extract import categories as cat
from kg.extract.context import ExtractionContext
from kg.extract.dbids import id_fact, other_species, url_id
from kg.extract.infobox import row_kind
from kg.extract.model import Assertion
from kg.extract.registry import register
from kg.vocab import terms as p


def _own_path(ctx: ExtractionContext, path: str) -> bool:
    return v.slugify(path.strip("/").removeprefix("wiki/")) == ctx.slug


#: infobox rows whose extractor reads the links of the value (kg.extract.infobox): a link there
#: is that row's typed fact (``Target: [SOD1](/genes/sod1) mRNA``), not a second, vaguer one
_ROWS_READ_BY_LINK = frozenset({"location", "disease", "gene", "target", "proteins"})


def _read_with_row(ctx: ExtractionContext) -> list[tuple[int, int]]:
    """Spans of the plain infobox values whose links their row's extractor reads."""
    return [
        (br.row.value.span.start, br.row.value.span.end)
        for br in ctx.box_rows()
        if br.subtable is None and row_kind(br.row.label.text) in _ROWS_READ_BY_LINK
    ]


@register("link.wiki")
def wiki_links(ctx: ExtractionContext) -> Iterable[Assertion]:
    entity = ctx.entity_term()
    rows = _read_with_row(ctx)
    for link in ctx.parsed.links:
        if not link.wiki_path or _own_path(ctx, link.wiki_path):
            continue
        if any(start <= link.span.start < end for start, end in rows):
            continue  # read with its infobox row
        target = ctx.grounder.ground_wiki_path(link.wiki_path, link.text)
        if target.iri in (entity.iri, v.entity_iri(ctx.slug)):
            continue
        ev = ctx.evidence(link)
        yield from ctx.describe(target, ev)
        yield ctx.fact(entity, p.RDFS_SEE_ALSO, target, ev)


@register("link.database")
def database_links(ctx: ExtractionContext) -> Iterable[Assertion]:
    entity = ctx.entity_term()
    if entity.category not in (cat.GENE, cat.PROTEIN):
        return
    boxes = [b.span for b in ctx.parsed.infoboxes]
    for link in ctx.parsed.links:
        if any(s.start <= link.span.start < s.end for s in boxes):
            continue  # read with its infobox row
        found = url_id(link.target)
        if found:
            ortholog = other_species(link.text)
            yield from id_fact(ctx, found[0], found[1], ctx.evidence(link), ortholog=ortholog)
