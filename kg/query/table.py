"""Query results as an aligned terminal table, IRIs shown as CURIEs (``CL:0000100``).

Columns are as wide as their widest cell, numbers right-aligned; when the table would be wider
than the terminal, the widest columns shrink and long cells end with an ellipsis. Literals are
shown by their text (no quotes, datatype or language tag); IRIs no prefix covers stay whole.
For the exact terms use ``--format json`` / ``csv`` / ``tsv``.
"""

from __future__ import annotations

import unicodedata

import pyoxigraph as ox

from kg import vocab as v
from kg.query.results import QueryResult, ResultKind, Term
from kg.vocab import compress_or_iri

GAP = "  "
ELLIPSIS = "…"
MIN_WIDTH = 8  # a column never shrinks below this (or its natural width, if smaller)
MAX_CELL = 80  # even with room to spare, longer cells are cut
_NUMERIC = frozenset((v.XSD_INTEGER, v.XSD_DECIMAL, v.XSD_DOUBLE, v.XSD_FLOAT))


def render_table(result: QueryResult, *, width: int | None = None) -> str:
    """The table, ending with a line that counts the rows (ASK: ``true`` / ``false``)."""
    if result.kind is ResultKind.BOOLEAN:
        return "true\n" if result.boolean else "false\n"
    if result.kind is ResultKind.UPDATE:
        return "update applied\n"
    headers = list(result.variables)
    cells = [[cell_text(t) for t in row] for row in result.rows]
    widths = _fit(headers, cells, width)
    numeric = [_is_numeric_column(result, i) for i in range(len(headers))]
    lines = [_line(headers, widths, [False] * len(headers))]
    lines.append(GAP.join("-" * w for w in widths))
    lines += [_line(row, widths, numeric) for row in cells]
    return "\n".join(line.rstrip() for line in lines) + "\n" + _footer(result) + "\n"


def cell_text(term: Term | None) -> str:
    """How one term reads in a table cell."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = compress_or_iri(term.value)
    elif isinstance(term, ox.Literal):
        text = term.value
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    else:  # an RDF 1.2 triple term
        parts = (cell_text(term.subject), cell_text(term.predicate), cell_text(term.object))
        text = "<< " + " ".join(parts) + " >>"
    return text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\t", " ")


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two, combining marks none."""
    return sum(_char_width(c) for c in text)


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, ending with an ellipsis when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + ELLIPSIS


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _fit(headers: list[str], cells: list[list[str]], width: int | None) -> list[int]:
    """Column widths: natural widths capped at MAX_CELL, shrunk to fit ``width``."""
    widths = [
        min(MAX_CELL, max([display_width(h)] + [display_width(r[i]) for r in cells]))
        for i, h in enumerate(headers)
    ]
    if width is None:
        return widths
    floor = [min(w, MIN_WIDTH) for w in widths]
    budget = width - len(GAP) * max(len(widths) - 1, 0)
    while sum(widths) > budget:
        i = max(range(len(widths)), key=lambda k: widths[k] - floor[k])
        if widths[i] <= floor[i]:
            break
        widths[i] -= 1
    return widths


def _line(values: list[str], widths: list[int], numeric: list[bool]) -> str:
    out = []
    for value, w, right in zip(values, widths, numeric, strict=True):
        text = truncate(value, w)
        pad = " " * (w - display_width(text))
        out.append(pad + text if right else text + pad)
    return GAP.join(out)


def _is_numeric_column(result: QueryResult, i: int) -> bool:
    values = [row[i] for row in result.rows if row[i] is not None]
    return bool(values) and all(
        isinstance(v, ox.Literal) and v.datatype.value in _NUMERIC for v in values
    )


def _footer(result: QueryResult) -> str:
    n = len(result.rows)
    count = "no rows" if n == 0 else f"{n} row" if n == 1 else f"{n} rows"
    if result.truncated:
        return f"{count} (stopped at --limit {result.limit}; there are more)"
    return count
