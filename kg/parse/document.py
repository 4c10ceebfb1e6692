"""The text a parser reads, and the bookkeeping every parser module shares.

A :class:`Document` is a *view* of a :class:`~kg.pages.Page`. For most renderings the view
is the page text itself. For the history rendering (markdown inside an escaped JSON string)
the view is the decoded markdown, and :attr:`Document.to_raw` maps each view offset back to
the raw page offset, so that every :class:`~kg.parse.model.Span` a parser makes points into
the page text as read.

Parser modules work on *view lines* (:class:`Line`), call :meth:`Document.span` to make a span
and :meth:`Document.source` for the raw text it covers, and report which lines they used with
:meth:`Document.use`. Line roles are kept per *raw* line.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from kg.pages import Page
from kg.parse.limits import MAX_PAGE_CITATIONS
from kg.parse.model import LineRole, Span


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the view: its index (0-based), offsets (end excludes the newline), text."""

    index: int
    start: int
    end: int
    text: str  # without the trailing "\n" (a "\r" is stripped too)

    @property
    def stripped(self) -> str:
        return self.text.strip()


class Document:
    """A page as parser modules see it (see the module docstring)."""

    def __init__(self, page: Page, view: str | None = None, to_raw: Sequence[int] | None = None):
        self.page = page
        self.text = page.text if view is None else view
        if view is not None and (to_raw is None or len(to_raw) != len(view) + 1):
            raise ValueError("a view needs to_raw with one offset per view character, plus one")
        self.to_raw = to_raw  # None: identity
        self.lines: list[Line] = _split_lines(self.text)
        self._line_starts = [ln.start for ln in self.lines]
        self.roles: list[LineRole | None] = [None] * page.line_count
        self.citations_left = MAX_PAGE_CITATIONS  # markers still read (kg.parse.limits)
        self.first_unread_citation: int | None = None  # view offset of the first marker not read

    # -- offsets ---------------------------------------------------------------------------
    def raw(self, offset: int) -> int:
        """The raw page offset of a view offset."""
        return offset if self.to_raw is None else self.to_raw[offset]

    def raw_line(self, raw_offset: int) -> int:
        """1-based raw line number holding ``raw_offset``."""
        return bisect.bisect_right(self.page.line_starts, raw_offset)

    def span(self, start: int, end: int) -> Span:
        """The span of view offsets ``[start, end)`` in raw page coordinates."""
        # called for every element: raw() and raw_line() inlined
        to_raw = self.to_raw
        rs, re_ = (start, end) if to_raw is None else (to_raw[start], to_raw[end])
        starts = self.page.line_starts
        first = bisect.bisect_right(starts, rs)
        last = first if re_ - 1 <= rs else bisect.bisect_right(starts, re_ - 1, first - 1)
        return Span(start=rs, end=re_, first_line=first, last_line=last)

    def line_span(self, first: Line, last: Line | None = None) -> Span:
        """The span of whole view lines (without the final newline)."""
        return self.span(first.start, (last or first).end)

    def source(self, span: Span) -> str:
        """The raw page text a span covers (what ``Element.source`` must hold)."""
        return self.page.text[span.start : span.end]

    def line_at(self, view_offset: int) -> Line:
        return self.lines[bisect.bisect_right(self._line_starts, view_offset) - 1]

    # -- line accounting ----------------------------------------------------------------------
    def mark(self, span: Span, role: LineRole) -> None:
        """Give every raw line of ``span`` a role; USED wins over every other role."""
        for n in range(span.first_line, span.last_line + 1):
            current = self.roles[n - 1]
            if (
                current is None
                or role is LineRole.USED
                or (current is LineRole.UNUSED and role is not LineRole.UNUSED)
            ):
                self.roles[n - 1] = role

    def use(self, span: Span) -> None:
        self.mark(span, LineRole.USED)

    def mark_lines(self, lines: Sequence[Line], role: LineRole) -> None:
        for ln in lines:
            self.mark(self.line_span(ln), role)

    def final_roles(self) -> tuple[LineRole, ...]:
        """Roles for every raw line: unmarked blank lines are BLANK, other unmarked UNUSED."""
        out: list[LineRole] = []
        starts = self.page.line_starts
        text = self.page.text
        for i, role in enumerate(self.roles):
            if role is None:
                end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
                blank = not text[starts[i] : end].strip()
                role = LineRole.BLANK if blank else LineRole.UNUSED
            out.append(role)
        return tuple(out)


def _split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    n = len(text)
    index = 0
    while start < n or (start == 0 and n == 0):
        nl = text.find("\n", start)
        end = n if nl == -1 else nl
        body_end = end - 1 if end > start and text[end - 1] == "\r" else end
        lines.append(Line(index, start, body_end, text[start:body_end]))
        index += 1
        if nl == -1:
            break
        start = nl + 1
    return lines


def element_id(kind: str, span: Span) -> str:
    """Deterministic element id: ``"<kind>@<raw start offset>"``."""
    return f"{kind}@{span.start}"
