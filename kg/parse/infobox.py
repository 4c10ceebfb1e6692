"""Infoboxes: the HTML table, the div variant, the prism flattened text, the entity table.

The HTML forms are read by a small tag scanner (:func:`_scan_html`) that tolerates the markup
seen on real pages: cells closed in the wrong order (``<td>A, B</tr><tr></td>``), citations
between tags (``<tr> [@donnelly2013]``), HTML comments, and a table cut off at the end of the
page (a partial infobox with ``complete=False`` and a Problem). It looks each ``>`` up once,
so it stays linear even on a 20 MB line. Rows are then grouped into sub-tables by
:mod:`kg.parse.subtables` rules kept here (:func:`is_header_pair`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.parse.document import Document, Line
from kg.parse.infobox_rows import RawRow, build_infobox, prism_rows, table_rows
from kg.parse.model import Infobox, Problem

MAX_TAG = 2000  # a "<" whose ">" is further away than this is text, not a tag
_CLASS = re.compile(r"""class\s{0,3}=\s{0,3}["']([^"']{0,300})["']""")
_KIND = re.compile(r"\binfobox-([a-z][a-z_-]{0,40})")
_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]{0,15})")
_ATTR_QUOTE = re.compile(r"""=\s{0,3}(["'])""")
_NOT_KINDS = frozenset({"row", "header", "label", "value", "title", "subheader"})


@dataclass(frozen=True, slots=True, kw_only=True)
class InfoboxScan:
    infoboxes: tuple[Infobox, ...] = ()
    used: frozenset[int] = field(default_factory=frozenset)  # view line indices
    problems: tuple[Problem, ...] = ()


def find_infoboxes(doc: Document, lines: Sequence[Line]) -> InfoboxScan:
    """Every HTML infobox (table or div variant) starting on one of ``lines``."""
    boxes: list[Infobox] = []
    problems: list[Problem] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        ln = lines[i]
        at = _infobox_start(ln.text)
        if at < 0 or ln.index in used:
            i += 1
            continue
        limit = _run_end(lines, i)
        box, box_problems = _read_html(doc, ln.start + at, limit)
        boxes.append(box)
        problems.extend(box_problems)
        doc.use(box.span)
        last = doc.line_at(_view_end(doc, box.span.end, ln.start + at)).index
        used.update(range(ln.index, last + 1))
        while i < len(lines) and lines[i].index <= last:
            i += 1
    return InfoboxScan(infoboxes=tuple(boxes), used=frozenset(used), problems=tuple(problems))


def find_prism_infobox(doc: Document, lines: Sequence[Line]) -> InfoboxScan:
    """The prism view's flattened infobox: text rows right after the title."""
    rows = prism_rows(doc, lines)
    if not rows:
        return InfoboxScan()
    box = build_infobox(doc, rows, kind="prism", title=None, complete=True)
    doc.use(box.span)
    return InfoboxScan(infoboxes=(box,), used=frozenset(r.line for r in rows if r.line is not None))


def find_entity_infobox(doc: Document, lines: Sequence[Line]) -> InfoboxScan:
    """The entity page's ``| Name | NEURONS |`` key-value table."""
    rows = table_rows(doc, lines)
    if not rows:
        return InfoboxScan()
    box = build_infobox(doc, rows, kind="entity", title=None, complete=True)
    doc.use(box.span)
    return InfoboxScan(infoboxes=(box,), used=frozenset(r.line for r in rows if r.line is not None))


def _infobox_start(text: str) -> int:
    """Offset of ``<table class="infobox ...`` / ``<div class="infobox ...`` in a line, or -1."""
    at = text.find("infobox")
    while at != -1:
        lt = text.rfind("<", max(0, at - 300), at)
        if lt != -1 and ">" not in text[lt:at]:
            name = _NAME.match(text, lt)
            m = _CLASS.search(text, lt, min(len(text), lt + MAX_TAG))
            if name and name.group(1).lower() in ("table", "div") and m:
                classes = m.group(1).split()
                if "infobox" in classes:
                    return lt
        at = text.find("infobox", at + 7)
    return -1


def _run_end(lines: Sequence[Line], i: int) -> int:
    """View offset where the run of consecutive lines starting at ``lines[i]`` ends."""
    j = i
    while j + 1 < len(lines) and lines[j + 1].index == lines[j].index + 1:
        j += 1
    return lines[j].end


def _view_end(doc: Document, raw_end: int, view_start: int) -> int:
    """A view offset at or before the raw offset ``raw_end`` (spans end at raw offsets)."""
    if doc.to_raw is None:
        return max(view_start, raw_end - 1)
    lo, hi = view_start, len(doc.text)
    while lo < hi:  # the last view offset whose raw offset is < raw_end
        mid = (lo + hi + 1) // 2
        if doc.to_raw[mid] < raw_end:
            lo = mid
        else:
            hi = mid - 1
    return lo


@dataclass(slots=True)
class _State:
    """The tag scanner's state while it walks one infobox."""

    rows: list[RawRow] = field(default_factory=list)
    row: RawRow | None = None
    cell: tuple[str, int, str] | None = None  # (kind, content start, closing tag name)
    nest: int = 0  # spans open inside the current span cell
    roles: list[str] = field(default_factory=list)  # div mode: role of each open div
    strays: list[tuple[int, int]] = field(default_factory=list)

    def close_cell(self, at: int) -> None:
        if self.cell is not None and self.row is not None:
            kind, start, _ = self.cell
            self.row.cells.append((kind, start, at))
            self.row.end = max(self.row.end, at)
        self.cell = None
        self.nest = 0

    def open_row(self, at: int) -> None:
        self.close_row(at)
        self.row = RawRow(start=at, end=at)

    def close_row(self, at: int) -> None:
        self.close_cell(at)
        if self.row is not None:
            self.row.end = max(self.row.end, at)
            self.rows.append(self.row)
        self.row = None

    def open_cell(self, kind: str, lt: int, content: int, closer: str) -> None:
        self.close_cell(lt)
        if self.row is None:
            self.row = RawRow(start=lt, end=lt)
        self.cell = (kind, content, closer)


def _read_html(doc: Document, start: int, limit: int) -> tuple[Infobox, list[Problem]]:
    text = doc.text
    first = _NAME.match(text, start)
    mode = first.group(1).lower() if first else "table"
    head_end = text.find(">", start, min(limit, start + MAX_TAG))
    classes = _CLASS.search(text, start, head_end if head_end != -1 else limit)
    kinds = _KIND.findall(classes.group(1)) if classes else []
    kind = next((k for k in kinds if k not in _NOT_KINDS), "div" if mode == "div" else "table")
    state = _State(roles=["box"])
    end, complete = _scan_html(text, start, limit, mode, state)
    state.close_row(end)
    title = None
    rows = state.rows
    if rows and rows[0].cells and all(c[0] == "header" for c in rows[0].cells):
        title_cell = rows[0].cells[0]
        title = " ".join(text[title_cell[1] : title_cell[2]].split()) or None
    box = build_infobox(
        doc, rows, kind=kind, title=title, complete=complete, span=(start, end), strays=state.strays
    )
    problems = []
    if not complete:
        problems.append(
            Problem(
                code="unclosed-table",
                message=f"the infobox {mode} opened here is never closed; "
                f"read {len(box.rows) + sum(len(s.rows) for s in box.subtables)} rows as a partial infobox",
                line=box.span.first_line,
                span=box.span,
            )
        )
    return box, problems


def _scan_html(text: str, start: int, limit: int, mode: str, st: _State) -> tuple[int, bool]:
    """Walk the tags from ``start``; returns (end offset, closed properly)."""
    head = text.find(">", start, min(limit, start + MAX_TAG))
    if head == -1:
        return limit, False
    pos = head + 1
    next_gt = -2  # cached position of the first ">" after the last lookup (-1: none left)
    while pos < limit:
        lt = text.find("<", pos, limit)
        stop = limit if lt == -1 else lt
        if st.cell is None and _ends_table(text, pos, stop, st):
            return _trim_end(text, start, pos), False
        if lt == -1:
            break
        if text.startswith("<!--", lt):
            close = text.find("-->", lt + 4, limit)
            pos = limit if close == -1 else close + 3
            continue
        if next_gt != -1 and next_gt <= lt:
            next_gt = text.find(">", lt, limit)
        if next_gt == -1:
            return _trim_end(text, start, lt), False  # cut off in the middle of a tag
        if (
            next_gt - lt > MAX_TAG
            or not _NAME.match(text, lt)
            or text.find("<", lt + 1, next_gt) != -1
        ):
            pos = lt + 1  # not a tag: "a < b", or a "<x" whose ">" belongs to a later tag
            continue
        gt = _tag_end(text, lt, next_gt, limit)
        if gt == -1:
            pos = lt + 1  # a quoted attribute value that never closes: text, not a tag
            continue
        closing = text.startswith("</", lt)
        name = _NAME.match(text, lt).group(1).lower()  # type: ignore[union-attr]
        tag = text[lt : gt + 1]
        done = _on_tag(st, mode, name, closing, tag, lt, gt + 1)
        pos = gt + 1
        if done:
            return pos, True
    return _trim_end(text, start, limit), False


def _tag_end(text: str, lt: int, gt: int, limit: int) -> int:
    """The ``>`` that ends the tag at ``lt``, skipping any ``>`` inside a quoted attribute value
    (``<td title="a>b">``); ``gt`` is the first ``>`` after ``lt``. -1 when a quote opened in the
    tag does not close within :data:`MAX_TAG` characters. Each quote is looked up once with
    ``str.find``, so the cost stays bounded by the tag's length."""
    bound = min(limit, lt + MAX_TAG)
    pos = lt
    while True:
        quote = _ATTR_QUOTE.search(text, pos, gt)
        if quote is None:
            return gt
        close = text.find(quote.group(1), quote.end(), bound)
        if close == -1:
            return -1
        gt = text.find(">", close + 1, bound)
        if gt == -1:
            return -1
        pos = close + 1


def _ends_table(text: str, pos: int, stop: int, st: _State) -> bool:
    """Text between tags outside any cell: citations are kept; a line of prose ends the table."""
    segment = text[pos:stop]
    if segment.isspace() or not segment:
        return False
    if st.row is None:
        offset = pos
        for piece in segment.split("\n"):
            body = piece.strip()
            at_line_start = offset != pos or text[pos - 1 : pos] == "\n"
            if body and at_line_start and not body.startswith(("[", "(")):
                return True
            offset += len(piece) + 1
    if "[" in segment:
        st.strays.append((pos, stop))  # citations after tags: "<tr> [@donnelly2013]"
    return False


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _on_tag(st: _State, mode: str, name: str, closing: bool, tag: str, lt: int, gt: int) -> bool:
    """Apply one tag; True when the infobox is closed."""
    classes = _CLASS.search(tag)
    cls = classes.group(1) if classes else ""
    if mode == "table":
        if name == "table":
            if closing:
                st.close_row(lt)
                return True
        elif name == "tr":
            if closing:
                st.close_cell(lt)
                st.close_row(gt)
            else:
                st.open_row(lt)
        elif name in ("td", "th"):
            if closing:
                st.close_cell(lt)
            else:
                kind = (
                    "header"
                    if name == "th" or "header" in cls
                    else "label"
                    if "label" in cls
                    else "value"
                )
                st.open_cell(kind, lt, gt, name)
        return False
    return _on_div_tag(st, name, closing, cls, lt, gt)


def _on_div_tag(st: _State, name: str, closing: bool, cls: str, lt: int, gt: int) -> bool:
    if name == "div" and not closing:
        if "infobox-row" in cls:
            st.open_row(lt)
            st.roles.append("row")
        elif "header" in cls or "title" in cls:
            st.close_row(lt)
            st.open_cell("header", lt, gt, "div")
            st.roles.append("header")
        elif "label" in cls or "value" in cls:
            st.open_cell("label" if "label" in cls else "value", lt, gt, "div")
            st.roles.append("cell")
        else:
            st.roles.append("other")
    elif name == "div":
        role = st.roles.pop() if st.roles else "box"
        if role == "row":
            st.close_row(gt)
        elif role == "header":
            st.close_cell(lt)
            st.close_row(gt)
        elif role == "cell":
            st.close_cell(lt)
        elif role == "box":
            st.close_row(lt)
            return True
    elif name == "span" and st.cell is not None and st.cell[2] == "span":
        if closing:
            st.nest -= 1
            if st.nest <= 0:
                st.close_cell(lt)
        else:
            st.nest += 1
    elif name == "span" and not closing and ("label" in cls or "value" in cls):
        st.open_cell("label" if "label" in cls else "value", lt, gt, "span")
        st.nest = 1
    return False
