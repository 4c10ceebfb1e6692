"""Infobox rows: cells, sub-tables, and the flattened (prism, entity-table) row forms.

Several tables are often flattened into one infobox. A row whose label and value are really
column headers (``Drug | Mechanism``, ``Species | Conservation Level``, ``Nucleus | CN``) starts
a sub-table, and the rows after it belong to that sub-table until the next header row.
:func:`is_header_pair` decides: a known pair, or (conservatively) a first-column header word with
a value made only of column-header words. Labels that are data (``SCA1 | ATXN1``,
``NCT04480350 | AAV``) are never headers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.parse.document import Document, Line, element_id
from kg.parse.inline import Inline, parse_inline
from kg.parse.model import Cell, Citation, Infobox, InfoboxRow, Link, SubTable

KNOWN_HEADER_PAIRS = frozenset(
    {
        ("taxonomy", "id"),
        ("nucleus", "cn"),
        ("drug", "mechanism"),
        ("species", "conservation level"),
        ("gene", "function"),
        ("database", "id"),
        ("stage", "region"),
        ("tissue", "expression level"),
    }
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words that head the first column of a flattened table.
FIRST_COLUMN = _word_set(
    "taxonomy database nucleus drug species gene stage tissue protein marker region variant "
    "mutation model trial therapy compound pathway receptor organism biomarker study subtype "
    "population layer isoform agent treatment"
)
#: Words that can make up the header of the second column.
SECOND_COLUMN = _word_set(
    "id cn mechanism conservation level function region expression role description effect "
    "status phase target value score evidence relevance association notes source location "
    "type marker markers name symbol class action outcome frequency onset activity "
    "localization significance risk method accession change direction pathology "
    "vulnerability identifier"
)
#: Labels of flattened (prism) infobox rows, longest first when matching.
PRISM_LABELS = tuple(
    sorted(
        (
            "Cell Ontology (CL)",
            "Cell Ontology",
            "Category",
            "Location",
            "Key Markers",
            "Primary Neurotransmitter",
            "Name",
            "Type",
            "Lineage",
            "Markers",
            "Brain Regions",
            "Disease Relevance",
            "Disease Vulnerability",
            "Protocol",
            "Symbol",
            "Full Name",
            "Chromosome",
            "NCBI Gene ID",
            "NCBI Gene",
            "Ensembl",
            "OMIM",
            "UniProt",
            "Diseases",
            "Expression",
            "Gene Symbol",
            "Aliases",
            "Chromosomal Location",
            "PDB",
            "Molecular Weight",
            "Localization",
            "Family",
        ),
        key=len,
        reverse=True,
    )
)
_STOP_PREFIXES = ("- ", "* ", "|", "#", "<", "```", "flowchart", "graph ", ">")


@dataclass(slots=True)
class RawRow:
    """A row as scanned: view offsets of the row and of its cells (kind, start, end)."""

    start: int
    end: int
    cells: list[tuple[str, int, int]] = field(default_factory=list)
    line: int | None = None  # the view line of a flattened row


def is_header_pair(label: str, value: str) -> bool:
    """True when ``label | value`` are column headers, not data (see the module docstring)."""
    lab, val = " ".join(label.lower().split()), " ".join(value.lower().split())
    if (lab, val) in KNOWN_HEADER_PAIRS:
        return True
    if not lab or not val or lab == val or any(c.isdigit() for c in lab + val):
        return False
    words = val.split()
    return lab in FIRST_COLUMN and len(words) <= 3 and all(w in SECOND_COLUMN for w in words)


@dataclass(slots=True)
class _Row:
    raw: RawRow
    start: int
    end: int
    id: str
    label: Cell | None = None
    value: Cell | None = None
    header: tuple[str, str] | None = None  # set for a header row (starts a sub-table)
    subtable: str | None = None


def build_infobox(
    doc: Document,
    rows: Sequence[RawRow],
    *,
    kind: str,
    title: str | None,
    complete: bool,
    span: tuple[int, int] | None = None,
    strays: Sequence[tuple[int, int]] = (),
) -> Infobox:
    """The :class:`Infobox` of scanned rows: cells read, sub-tables grouped, strays attached."""
    start, end = span if span else (rows[0].start, rows[-1].end)
    box_span = doc.span(start, end)
    box_id = element_id("infobox", box_span)
    body = list(rows[1:] if title is not None and rows else rows)
    made = [r for r in (_make_row(doc, raw) for raw in body if raw.cells) if r is not None]
    groups = _group(doc, made)
    stray_cites = _strays(doc, strays, made, box_id)
    plain_rows: list[InfoboxRow] = []
    subtables: list[SubTable] = []
    for header, members in groups:
        if header is None:
            plain_rows.extend(_element(doc, r) for r in members)
            continue
        sub_span = doc.span(header.start, members[-1].end if members else header.end)
        subtables.append(
            SubTable(
                id=header.subtable or "",
                span=sub_span,
                source=doc.source(sub_span),
                header=header.header or ("", ""),
                rows=tuple(_element(doc, r) for r in members),
            )
        )
    cell_cites = [
        c
        for r in made
        if r.header is None
        for cell in (r.label, r.value)
        if cell
        for c in cell.citations
    ]
    return Infobox(
        id=box_id,
        span=box_span,
        source=doc.source(box_span),
        kind=kind,
        title=title,
        rows=tuple(plain_rows),
        subtables=tuple(subtables),
        citations=tuple(sorted((*cell_cites, *stray_cites), key=lambda c: c.span.start)),
        complete=complete,
    )


def _make_row(doc: Document, raw: RawRow) -> _Row | None:
    start, end = _trim(doc.text, raw.start, raw.end)
    row_id = element_id("infobox-row", doc.span(start, end))
    row = _Row(raw=raw, start=start, end=end, id=row_id)
    cells = [(k, *_inside(_trim(doc.text, s, e), start, end)) for k, s, e in raw.cells]
    if all(k == "header" for k, _, _ in cells):
        row.header = (_cell(doc, cells[0][1], cells[-1][2], row_id).text, "")
        return row
    labels = [i for i, c in enumerate(cells) if c[0] == "label"]
    at = labels[0] if labels else (0 if len(cells) > 1 else -1)
    values = cells[at + 1 :] if at >= 0 else cells
    if at >= 0:
        row.label = _cell(doc, cells[at][1], cells[at][2], row_id)
    if values:
        row.value = _cell(doc, values[0][1], values[-1][2], row_id)
    if row.label is None and row.value is None:
        return None
    if row.label is None:  # a single cell spanning both columns
        row.label = _cell(doc, values[0][1], values[0][1], row_id)
    if row.value is None:
        row.value = _cell(doc, cells[at][2], cells[at][2], row_id)
    if _plain(row.label) and _plain(row.value) and is_header_pair(row.label.text, row.value.text):
        row.header = (row.label.text, row.value.text)
    return row


def _plain(cell: Cell) -> bool:
    return not cell.links and not cell.citations


def _cell(doc: Document, start: int, end: int, row_id: str) -> Cell:
    inline: Inline = parse_inline(doc, start, end, row_id)
    return Cell(
        text=inline.text, span=doc.span(start, end), links=inline.links, citations=inline.citations
    )


def _inside(cell: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """A cell's offsets kept inside its row (an empty cell at the row's end stays there)."""
    s = min(max(cell[0], start), end)
    return s, min(max(cell[1], s), end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _group(doc: Document, rows: list[_Row]) -> list[tuple[_Row | None, list[_Row]]]:
    """Rows in runs: ``(None, rows)`` outside sub-tables, ``(header row, rows)`` inside one."""
    groups: list[tuple[_Row | None, list[_Row]]] = []
    for r in rows:
        if r.header is not None:
            groups.append((r, []))
        elif groups:
            groups[-1][1].append(r)
        else:
            groups.append((None, [r]))
    for header, members in groups:
        if header is not None:
            last = members[-1].end if members else header.end
            header.subtable = element_id("infobox-subtable", doc.span(header.start, last))
            for m in members:
                m.subtable = header.subtable
    return groups


def _element(doc: Document, row: _Row) -> InfoboxRow:
    span = doc.span(row.start, row.end)
    return InfoboxRow(
        id=row.id,
        span=span,
        source=doc.source(span),
        label=row.label,  # type: ignore[arg-type]
        value=row.value,  # type: ignore[arg-type]
        subtable=row.subtable,
    )


def _strays(
    doc: Document, strays: Sequence[tuple[int, int]], rows: list[_Row], box_id: str
) -> list[Citation]:
    """Citations between tags (``<tr> [@x]``), attached to the row they sit in or follow."""
    out: list[Citation] = []
    k = 0
    for start, end in strays:
        while k < len(rows) and rows[k].start <= start:
            k += 1
        owner = rows[k - 1] if k else None
        target = box_id if owner is None else (owner.subtable if owner.header else owner.id)
        found: Inline = parse_inline(doc, start, end, target)
        out.extend(found.citations)
    return out


def links_of(box: Infobox) -> tuple[Link, ...]:
    """Every link inside an infobox's cells."""
    rows = [*box.rows, *(r for s in box.subtables for r in s.rows)]
    return tuple(link for r in rows for cell in (r.label, r.value) for link in cell.links)


# -- flattened forms ----------------------------------------------------------------------------
def prism_rows(doc: Document, lines: Sequence[Line]) -> list[RawRow]:
    """Rows of the prism view's flattened infobox: the text lines right after the title."""
    rows: list[RawRow] = []
    in_sub = False
    for ln in lines:
        s = ln.stripped
        if not s:
            if rows:
                break
            continue
        if s.startswith(_STOP_PREFIXES) or len(s) > 300 or (" " not in s and "\t" not in s):
            break
        cut = _prism_split(s, in_sub)
        if cut is None:
            break
        label_end, value_start, header = cut
        in_sub = in_sub or header
        lead = ln.start + len(ln.text) - len(ln.text.lstrip())
        row = RawRow(start=lead, end=lead + len(s), line=ln.index)
        row.cells = [
            ("label", lead, lead + label_end),
            ("value", lead + value_start, lead + len(s)),
        ]
        rows.append(row)
    return rows


def _prism_split(s: str, in_sub: bool) -> tuple[int, int, bool] | None:
    """``(label end, value start, is a header pair)`` for one flattened row, or None."""
    if "\t" in s:
        tab = s.index("\t")
        return tab, tab + 1, is_header_pair(s[:tab], s[tab + 1 :])
    words = s.split(" ")
    if len(words) <= 4:
        for i in range(1, len(words)):
            label, value = " ".join(words[:i]), " ".join(words[i:])
            if is_header_pair(label, value):
                return len(label), len(label) + 1, True
    for label in PRISM_LABELS:
        if s.startswith(label + " "):
            return len(label), len(label) + 1, False
    bracket = s.find(" [")
    if bracket > 0:
        return bracket, bracket + 1, False
    if in_sub:
        space = s.index(" ")
        return space, space + 1, False
    return None


def table_rows(doc: Document, lines: Sequence[Line]) -> list[RawRow]:
    """The first run of two-cell ``| key | value |`` lines (a header row above ``|---|`` skipped)."""
    rows: list[RawRow] = []
    for ln in lines:
        cells = _pipe_cells(ln)
        if cells is None or (rows and ln.index != rows[-1].line + 1):  # type: ignore[operator]
            if rows:
                break
            continue
        lead = ln.start + len(ln.text) - len(ln.text.lstrip())
        row = RawRow(start=lead, end=lead + len(ln.stripped), line=ln.index)
        row.cells = [("label", ln.start + cells[0][0], ln.start + cells[0][1])]
        row.cells.append(("value", ln.start + cells[1][0], ln.start + cells[1][1]))
        if set(ln.stripped) <= set("|-: "):
            rows.pop() if rows else None  # the row above a separator is a header
            continue
        rows.append(row)
    return rows


def _pipe_cells(ln: Line) -> list[tuple[int, int]] | None:
    """Offsets in the line of the two cells of ``| a | b |``, or None."""
    s = ln.text.rstrip()
    if not s.lstrip().startswith("|") or not s.endswith("|"):
        return None
    bars = [i for i, c in enumerate(s) if c == "|"]
    if len(bars) != 3:
        return None
    return [(bars[0] + 1, bars[1]), (bars[1] + 1, bars[2])]
