"""Page metadata as literals on the page's entity.

The page node (``scidex:wiki-<slug>``) is bookkeeping without statement nodes; metadata rows
have a span like any other fact, so they are stated on the entity, each with its statement:
``kgv:slug``, ``kgv:wikiPageId``, ``kgv:entityType``, ``kgv:kgNodeId`` (only when not None)
and one ``kgv:mergedFrom "key=value"`` per ``__merged_from`` entry. SciDEX bookkeeping rows
(``origin_type``, ``source_table``, ``_schema_version``) say nothing about the entity and are
not stated.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.context import ExtractionContext
from kg.extract.model import Assertion
from kg.extract.registry import register
from kg.vocab import terms as p

_KEYS: dict[str, str] = {
    "slug": p.SLUG,
    "wiki_page_id": p.WIKI_PAGE_ID,
    "entity_type": p.ENTITY_TYPE,
    "kg_node_id": p.KG_NODE_ID,
}
_NONE = frozenset({"", "none", "null", "nan"})


@register("metadata.page")
def metadata_facts(ctx: ExtractionContext) -> Iterable[Assertion]:
    meta = ctx.parsed.metadata
    if meta is None:
        return
    entity = ctx.entity_term()
    for entry in meta.entries:
        key = entry.key.strip().lower()
        value = entry.value.strip()
        if key in _KEYS and value.lower() not in _NONE:
            yield ctx.literal(entity, _KEYS[key], value, ctx.evidence(entry))
        elif key == "__merged_from" and meta.merged_from:
            ev = ctx.evidence(entry)
            for k, val in meta.merged_from:
                yield ctx.literal(entity, p.MERGED_FROM, f"{k}={val}", ev)
