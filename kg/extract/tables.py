"""Markdown pipe tables of the page body.

* a markers table (first column ``Marker``): ``entity RO:0002292 expresses gene`` per row,
  the other columns as qualifiers ``kgv:markerType`` (``Type``), ``kgv:markerFunction``
  (``Function``), ``kgv:markerDirection`` (``Direction``), any other as
  ``kgv:markerNote "Header: value"``;
* a stage table (first column ``Stage``): one ``kgv:protocolStage`` literal per row under a
  protocol / differentiation heading, else ``kgv:stage``, the cells joined as
  ``"Stage 1: value; value"``.

Taxonomy tables (``Taxonomy | ID | ...``) are read by kg.extract.page_entity; other tables
(comparisons, cell sources) are prose in table form and make no fact.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract import statements as st
from kg.extract.context import ExtractionContext
from kg.extract.model import Assertion, Value
from kg.extract.registry import register
from kg.extract.rows import PROTOCOL, headings, section_index
from kg.parse.model import PipeTable, Section
from kg.vocab import terms as p

_MARKER_COLUMNS: dict[str, str] = {
    "type": p.MARKER_TYPE,
    "function": p.MARKER_FUNCTION,
    "direction": p.MARKER_DIRECTION,
}


def _first_header(table: PipeTable) -> str:
    return table.header[0].strip().lower() if table.header else ""


@register("table.markers")
def marker_tables(ctx: ExtractionContext) -> Iterable[Assertion]:
    for table in ctx.parsed.tables:
        if not _first_header(table).startswith("marker"):
            continue
        for row in table.rows:
            if not row.cells or not row.cells[0].text.strip():
                continue
            qual: list[tuple[str, Value]] = []
            for header, c in zip(table.header[1:], row.cells[1:], strict=False):
                text = c.text.strip()
                if not text:
                    continue
                prop = _MARKER_COLUMNS.get(header.strip().lower())
                if prop:
                    qual.append((prop, Value(value=text)))
                else:
                    qual.append((p.MARKER_NOTE, Value(value=f"{header.strip()}: {text}")))
            yield from st.markers(
                ctx, [row.cells[0].text.strip()], ctx.evidence(row), qualifiers=qual
            )


@register("table.stages")
def stage_tables(ctx: ExtractionContext) -> Iterable[Assertion]:
    sections = section_index(ctx.parsed)
    for table in ctx.parsed.tables:
        if not _first_header(table).startswith("stage"):
            continue
        prop = p.PROTOCOL_STAGE if _under_protocol(sections, table.section) else p.STAGE
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if not cells:
                continue
            text = cells[0] + (": " + "; ".join(cells[1:]) if len(cells) > 1 else "")
            yield ctx.literal(ctx.entity_term(), prop, text, ctx.evidence(row))


def _under_protocol(sections: dict[str, Section], section_id: str | None) -> bool:
    return any(PROTOCOL.search(h) for h in headings(sections, section_id))
