"""Finding things in what the reader returned: infobox rows with their sub-table, ids in cells.

Shared by the extractors that read infoboxes and tables; it registers nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.parse.model import (
    Cell,
    InfoboxRow,
    ParsedPage,
    PipeTable,
    Section,
    SubTable,
    TableRow,
)

#: A stage heading or key: ``Stage 1: Neural Induction``, ``Stage 2``.
STAGE = re.compile(r"^stage\s*\w+\b", re.IGNORECASE)
#: A heading that introduces a protocol.
PROTOCOL = re.compile(r"protocol|differentiation", re.IGNORECASE)
_CL_ID = re.compile(r"\bCL[:_](\d{7})\b")
_CL_LABEL = re.compile(r"^\s*(cell\s+ontology|CL)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class BoxRow:
    """An infobox row and the sub-table it belongs to (None for a plain row)."""

    row: InfoboxRow
    subtable: SubTable | None
    complete: bool  # False when the infobox was cut off

    @property
    def header(self) -> tuple[str, str] | None:
        return self.subtable.header if self.subtable else None


def box_rows(parsed: ParsedPage) -> tuple[BoxRow, ...]:
    """Every infobox row, plain and in sub-tables, in page order."""
    out: list[BoxRow] = []
    for box in parsed.infoboxes:
        out.extend(BoxRow(row=r, subtable=None, complete=box.complete) for r in box.rows)
        for sub in box.subtables:
            out.extend(BoxRow(row=r, subtable=sub, complete=box.complete) for r in sub.rows)
    out.sort(key=lambda b: (b.row.span.start, b.row.span.end))
    return tuple(out)


def header_kind(header: tuple[str, str] | None) -> str | None:
    """The first word of a sub-table header, lower case: ``("Drug", "Mechanism")`` -> ``drug``."""
    if not header or not header[0].strip():
        return None
    return header[0].strip().split()[0].lower()


def is_cl_label(text: str) -> bool:
    """A row label naming the Cell Ontology: ``Cell Ontology (CL)``, ``Cell Ontology``, ``CL``."""
    return bool(_CL_LABEL.match(text))


def cl_curies(cell: Cell) -> tuple[str, ...]:
    """CL ids in a cell: from its ontology links, else written in its text (page order)."""
    found = [ln.curie for ln in cell.links if ln.curie and ln.curie.startswith("CL:")]
    if not found:
        found = [f"CL:{m.group(1)}" for m in _CL_ID.finditer(cell.text)]
    return tuple(dict.fromkeys(found))


def column(table: PipeTable, *names: str) -> int | None:
    """Index of the first header cell whose text starts with one of ``names`` (any case)."""
    for i, h in enumerate(table.header):
        low = h.strip().lower()
        if any(low == n or low.startswith(n + " ") for n in names):
            return i
    return None


def cell(row: TableRow, index: int | None) -> Cell | None:
    if index is None or index >= len(row.cells):
        return None
    return row.cells[index]


def section_index(parsed: ParsedPage) -> dict[str, Section]:
    return {s.id: s for s in parsed.sections}


def headings(sections: dict[str, Section], section_id: str | None) -> Iterable[str]:
    """The heading of a section and those around it: its parents where the reader knows
    them; for plain-text headings (no parent), the headings before it back to the first one
    that is not a stage (``Differentiation Protocol`` above ``Stage 2: ...``)."""
    seen: set[str] = set()
    ordered = sorted(sections.values(), key=lambda x: x.span.start)
    while section_id and section_id in sections and section_id not in seen:
        seen.add(section_id)
        section = sections[section_id]
        yield section.heading
        if section.parent is None:
            before = [x for x in ordered if x.span.start < section.span.start]
            for prior in reversed(before):
                yield prior.heading
                if not STAGE.match(prior.heading.strip()):
                    break
        section_id = section.parent
