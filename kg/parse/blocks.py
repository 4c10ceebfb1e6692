"""Body blocks: sections, bullets, pipe tables, paragraphs, and the links and citations in them.

:func:`parse_blocks` reads the remaining body lines of a page (view lines in page order; there may
be gaps) once. Each non-blank line is, in this order of tests:

* a citation definition ``[@key]: [Author ...](url)`` (a :class:`Citation` element of its own);
* a line of citations only (``[@a][@b]``): attached to the element before it;
* a markdown heading ``#`` .. ``######`` (history view);
* a pipe-table line (starts with ``|``); consecutive ones form tables: a ``|---|`` line makes the
  line before it a header, lines without a separator form a headerless table (the entity page's
  ``| Name | NEURONS |``); rows with another cell count than the header are kept and reported;
* a bullet ``- ``, ``* ``, ``+ `` or ``1. `` (``Key: value`` split, see :func:`split_key`);
* a plain-text heading, by :func:`is_heading` (not in markdown, i.e. when some line is a ``#``
  heading: there short lines are wrapped prose);
* otherwise prose: consecutive prose lines form one paragraph (``Origin: Layer V ...`` included)
  until a line ends a sentence (``.``, ``!``, ``?``, or a citation right after one): text exports
  put each paragraph on a line of its own, markdown may wrap one over several lines.

Lines holding only markup (``<!-- ... -->``, ``</div>``) are left alone (the reader accounts for
them). Citations attach to the element they are in or follow (``attached_to`` = its id); every
element's span is marked used with :meth:`Document.use`. Links broken across lines are joined by
:func:`kg.parse.links.repair_broken_links` before the lines are read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from kg.parse.document import Document, Line, element_id
from kg.parse.inline import Inline, parse_inline, plain
from kg.parse.limits import MAX_ROW_CELLS
from kg.parse.links import LinkRepairs, repair_broken_links
from kg.parse.model import (
    Bullet,
    Cell,
    Citation,
    Element,
    Link,
    Paragraph,
    PipeTable,
    Problem,
    Section,
    Span,
    TableRow,
)

_E = TypeVar("_E", bound=Element)

#: Plain-text headings are at most this long (characters, words).
MAX_HEADING_CHARS = 80
MAX_HEADING_WORDS = 10
#: A bullet's key is at most this long (characters, words); longer text before ":" is prose.
MAX_KEY_CHARS = 40
MAX_KEY_WORDS = 5
_SMALL = "a an and as at by for from in into of on or per the to vs via with"
_SMALL_WORDS = frozenset(_SMALL.split())

_MD_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(?=\S)")
_BULLET = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(?=\S)")
_DEFINITION = re.compile(r"[ \t]*\[@[^\]\s\[]+\]:[ \t]*\[")
_SEPARATOR = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_SENTENCE_BREAK = re.compile(r"[.!?][ \t]+[A-Z]")
_CELL_MARK = re.compile(r"\\\||\[\[|\]\]|\|")
_NOT_IN_HEADINGS = ("[", "]", "<", ">", "|", "http", "`", "@")


@dataclass(frozen=True, slots=True, kw_only=True)
class Blocks:
    """What the body lines hold, in page order, and the view lines used."""

    sections: tuple[Section, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    tables: tuple[PipeTable, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    links: tuple[Link, ...] = ()
    citations: tuple[Citation, ...] = ()
    problems: tuple[Problem, ...] = ()
    used: frozenset[int] = frozenset()


def is_heading(text: str) -> bool:
    """A plain-text heading: a short line that is a title, not a sentence or a fact.

    At most 80 characters and 10 words; starts with a letter, digit, ``(`` or a quote; does not
    end with sentence punctuation (``. , ; : ! ?``); holds no sentence break, link, tag, table bar,
    citation or lineage arrow; and if it has ``Key: rest``, the rest is in title case
    (``Stage 1: Neural Induction (Days 0-7)``, not ``Origin: Layer V of primary motor cortex``).
    The caller also requires content after it.
    """
    s = text.strip()
    if not s or len(s) > MAX_HEADING_CHARS or len(s.split()) > MAX_HEADING_WORDS:
        return False
    if s[-1] in ".,;:!?…" or not (s[0].isalnum() or s[0] in "(\"'"):
        return False
    if any(mark in s for mark in _NOT_IN_HEADINGS) or _SENTENCE_BREAK.search(s):
        return False
    _, colon, rest = s.partition(": ")
    return not colon or _title_case(rest)


def _title_case(text: str) -> bool:
    for raw in text.split():
        word = raw.strip("()[]\"',")
        if not word or not word[0].isalpha() or word.lower() in _SMALL_WORDS:
            continue
        if not any(c.isupper() for c in word):
            return False
    return True


def split_key(text: str) -> tuple[str, str] | None:
    """``Parent Classification: Glutamatergic`` -> key and value; None for prose.

    The first ``": "`` splits when the key has 1-5 words and at most 40 characters, balanced
    parentheses and no sentence break, and the value is not empty.
    """
    key, colon, value = text.partition(": ")
    key, value = key.strip(), value.strip()
    if not colon or not key or not value:
        return None
    if len(key) > MAX_KEY_CHARS or len(key.split()) > MAX_KEY_WORDS:
        return None
    if key.count("(") != key.count(")") or _SENTENCE_BREAK.search(key) or "://" in key:
        return None
    return key, value


def parse_blocks(doc: Document, lines: Sequence[Line]) -> Blocks:
    """Sections, bullets, tables and paragraphs of the body ``lines`` (see the module doc)."""
    repairs = repair_broken_links(doc, lines)
    reader = _Reader(doc, repairs, markdown=any(_MD_HEADING.match(ln.text) for ln in lines))
    items = [ln for ln in lines if ln.index not in repairs.tails]
    i = 0
    while i < len(items):
        i = reader.step(items, i)
    return reader.result()


@dataclass(slots=True)
class _Reader:
    doc: Document
    repairs: LinkRepairs
    markdown: bool  # the lines are markdown (history view): no plain-text headings
    sections: list[Section] = field(default_factory=list)
    bullets: list[Bullet] = field(default_factory=list)
    tables: list[PipeTable] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    last_id: str | None = None  # the element citations on a line of their own attach to
    section: Section | None = None
    _repaired: set[int] = field(default_factory=set)

    def step(self, items: Sequence[Line], i: int) -> int:
        """Read the block starting at ``items[i]``; the index after it."""
        line = items[i]
        text = line.text
        if not text.strip() or _markup_only(text.strip()):
            return i + 1  # blank or markup only: left for the reader to account for
        if _maybe_standalone(text) and self.standalone(line):
            return i + 1
        md = _MD_HEADING.match(text)
        if md:
            self.heading(line, line.start + md.end(), len(md.group(1)))
            return i + 1
        if text.lstrip().startswith("|") and text.count("|") >= 2:
            return self.table(items, i)
        bullet = _BULLET.match(text)
        if bullet:
            self.bullet(line, bullet)
            return i + 1
        if not self.markdown and is_heading(text) and _content_follows(items, i):
            self.heading(line, line.start, 0)
            return i + 1
        return self.paragraph(items, i)

    # -- elements ------------------------------------------------------------------------------
    def inline(self, start: int, end: int, owner: str | None) -> Inline:
        return self.record(parse_inline(self.doc, start, end, owner))

    def record(self, found: Inline) -> Inline:
        """Keep the links and citations found (repaired links replace broken ones)."""
        fixed = tuple(self.fix(link) for link in found.links)
        self.links.extend(fixed)
        self.citations.extend(found.citations)
        if fixed == found.links:
            return found
        return Inline(text=found.text, links=fixed, citations=found.citations)

    def fix(self, link: Link) -> Link:
        if link.kind != "broken":
            return link
        repaired = self.repairs.links.get(link.span.start)
        if repaired is not None:
            self._repaired.add(link.span.start)
            self.doc.use(repaired.span)
            return repaired
        message = f"link {link.text!r} has no usable target ({link.target!r})"
        self.problems.append(
            Problem(code="broken-link", message=message, line=link.span.first_line, span=link.span)
        )
        return link

    def make(self, cls: type[_E], eid: str, span: Span, **fields: object) -> _E:
        """An element with its id, span and source."""
        return cls(id=eid, span=span, source=self.doc.source(span), **fields)

    def take(self, first: Line, last: Line | None = None) -> tuple[int, int, Span]:
        """Mark the lines used; the view range of their text without outer whitespace, and
        its span."""
        last = last or first
        start = first.start + len(first.text) - len(first.text.lstrip())
        end = last.start + len(last.text.rstrip())
        span = self.doc.span(start, end)
        self.doc.use(span)
        self.used.update(range(first.index, last.index + 1))
        return start, end, span

    def heading(self, line: Line, text_start: int, level: int) -> None:
        start, end, span = self.take(line)
        sid = element_id("section", span)
        stop = end
        if level:
            while stop > text_start and self.doc.text[stop - 1] in "# \t":
                stop -= 1
        found = self.inline(max(start, text_start), max(stop, text_start), sid)
        parent = None
        if level:
            parent = next((s.id for s in reversed(self.sections) if 0 < s.level < level), None)
        section = self.make(Section, sid, span, heading=found.text, level=level, parent=parent)
        self.sections.append(section)
        self.section, self.last_id = section, sid

    def bullet(self, line: Line, marker: re.Match[str]) -> None:
        _, end, span = self.take(line)
        bid = element_id("bullet", span)
        found = self.inline(line.start + marker.end(), end, bid)
        pair = split_key(found.text)
        key, value = pair or (None, None)
        self.bullets.append(
            self.make(
                Bullet,
                bid,
                span,
                text=found.text,
                key=key,
                value=value,
                section=self.section_id,
                links=found.links,
                citations=found.citations,
            )
        )
        self.last_id = bid

    def paragraph(self, items: Sequence[Line], i: int) -> int:
        j = i + 1
        while (
            j < len(items)
            and items[j].index == items[j - 1].index + 1
            and not _ends_sentence(items[j - 1].text)
            and _prose(items[j], self.markdown)
        ):
            j += 1
        first, last = items[i], items[j - 1]
        start = first.start + len(first.text) - len(first.text.lstrip())
        end = last.start + len(last.text.rstrip())
        span = self.doc.span(start, end)
        pid = element_id("paragraph", span)
        found = parse_inline(self.doc, start, end, pid)
        if not found.text and not found.links and not found.citations:
            return j  # markup only: left for the reader to account for
        self.take(first, last)
        found = self.record(found)
        self.paragraphs.append(
            self.make(
                Paragraph,
                pid,
                span,
                text=found.text,
                section=self.section_id,
                links=found.links,
                citations=found.citations,
            )
        )
        self.last_id = pid
        return j

    def standalone(self, line: Line) -> bool:
        """A definition (attached to nothing) or a line of citations only (attached to the
        element before it); False when the line is something else."""
        definition = _DEFINITION.match(line.text) is not None
        owner = None if definition else self.last_id
        found = parse_inline(self.doc, line.start, line.end, owner)
        if not definition and (not found.citations or found.text or found.links):
            return False
        self.take(line)
        self.record(found)
        return True

    @property
    def section_id(self) -> str | None:
        return self.section.id if self.section else None

    # -- tables --------------------------------------------------------------------------------
    def table(self, items: Sequence[Line], i: int) -> int:
        j = i + 1
        while j < len(items) and items[j].index == items[j - 1].index + 1 and _table_line(items[j]):
            j += 1
        group = list(items[i:j])
        heads = {k - 1 for k in range(1, len(group)) if _SEPARATOR.match(group[k].text)}
        cuts = sorted({0, *heads, len(group)})
        for a, b in itertools.pairwise(cuts):
            self.one_table(group[a:b], has_header=a in heads)
        return j

    def one_table(self, group: list[Line], has_header: bool) -> None:
        _, _, span = self.take(group[0], group[-1])
        tid = element_id("table", span)
        header: tuple[str, ...] = ()
        body = group
        if has_header:
            header = tuple(c.text for c in self.cells(group[0], tid))
            body = group[2:]
        rows: list[TableRow] = []
        for line in body:
            if _SEPARATOR.match(line.text):
                continue
            _, _, rspan = self.take(line)
            rid = element_id("row", rspan)
            cells = self.cells(line, rid)
            if header and len(cells) != len(header):
                message = f"table row has {len(cells)} cells, its header {len(header)}"
                self.problems.append(
                    Problem(
                        code="table-row-cells", message=message, line=rspan.first_line, span=rspan
                    )
                )
            rows.append(self.make(TableRow, rid, rspan, cells=tuple(cells)))
        self.tables.append(
            self.make(
                PipeTable, tid, span, header=header, rows=tuple(rows), section=self.section_id
            )
        )
        self.last_id = rows[-1].id if rows else tid

    def cells(self, line: Line, owner: str) -> list[Cell]:
        out: list[Cell] = []
        ranges = _cell_ranges(self.doc.text, line)
        if len(ranges) > MAX_ROW_CELLS:
            span = self.doc.span(ranges[MAX_ROW_CELLS][0], ranges[-1][1])
            message = (
                f"table row has {len(ranges):,} cells; only the first {MAX_ROW_CELLS} are read "
                "(limit of kg.parse.limits.MAX_ROW_CELLS)"
            )
            self.problems.append(
                Problem(code="row-too-wide", message=message, line=span.first_line, span=span)
            )
            ranges = ranges[:MAX_ROW_CELLS]
        for cs, ce in ranges:
            found = self.inline(cs, ce, owner)
            span = self.doc.span(cs, ce)
            out.append(
                Cell(text=found.text, span=span, links=found.links, citations=found.citations)
            )
        return out

    # -- result --------------------------------------------------------------------------------
    def result(self) -> Blocks:
        for start, link in sorted(self.repairs.links.items()):
            if start not in self._repaired:
                self.doc.use(link.span)
                self.links.append(link)
        self.used.update(self.repairs.tails)
        problems = [*self.repairs.problems, *self.problems]
        return Blocks(
            sections=tuple(self.sections),
            bullets=tuple(self.bullets),
            tables=tuple(self.tables),
            paragraphs=tuple(self.paragraphs),
            links=tuple(sorted(self.links, key=lambda k: (k.span.start, k.span.end))),
            citations=tuple(sorted(self.citations, key=lambda c: (c.span.start, c.span.end))),
            problems=tuple(sorted(problems, key=lambda p: (p.line or 0, p.code))),
            used=frozenset(self.used),
        )


def _maybe_standalone(text: str) -> bool:
    """Cheap test before :meth:`_Reader.standalone`: starts with a citation, ends like one."""
    s = text.strip()
    return s.startswith(("[@", '["@', "['@")) and (s.endswith("]") or s.endswith(")"))


def _table_line(line: Line) -> bool:
    return line.text.lstrip().startswith("|") and line.text.count("|") >= 2


def _prose(line: Line, markdown: bool) -> bool:
    """A line that continues a paragraph: not blank and not the start of another block."""
    t = line.text
    if not t.strip() or _MD_HEADING.match(t) or _BULLET.match(t) or _DEFINITION.match(t):
        return False
    s = t.strip()
    if _markup_only(s):
        return False
    return not (s.startswith("|") or (not markdown and is_heading(t)))


def _markup_only(s: str) -> bool:
    """A line of tags and comments only (``<!-- x -->``, ``</div>``): no block of its own."""
    return s.startswith("<") and s.endswith(">") and not plain(s)


def _ends_sentence(text: str) -> bool:
    """A line whose last word ends a sentence: ``.``, ``!``, ``?``, also before citations
    (``.[@a][@b]``, ``.[1](https://pubmed...)``). Scans back once: linear."""
    end = _back_over_space(text, len(text))
    while end > 0:
        if text[end - 1] == "]":
            start = text.rfind("[", 0, end)
            if start == -1 or text[start + 1 : start + 2] not in ("@", '"', "'"):
                break
        elif text[end - 1] == ")":
            mid = text.rfind("](", 0, end)
            start = text.rfind("[", 0, mid) if mid > 0 else -1
            if start == -1 or not text[start + 1 : mid].isdigit():
                break
        else:
            break
        end = _back_over_space(text, start)
    return text[:end].rstrip("\"')*").endswith((".", "!", "?"))


def _back_over_space(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t\r":
        end -= 1
    return end


def _content_follows(items: Sequence[Line], i: int) -> bool:
    """A non-blank line comes after ``items[i]`` (stops at the first one: linear overall)."""
    return any(items[j].text.strip() for j in range(i + 1, len(items)))


def _cell_ranges(text: str, line: Line) -> list[tuple[int, int]]:
    """View ranges of a pipe-table line's cells, trimmed; ``\\|`` and ``[[a|b]]`` do not split."""
    bars: list[int] = []
    in_wiki = False
    for m in _CELL_MARK.finditer(text, line.start, line.end):
        mark = m.group()
        if mark == "[[":
            in_wiki = True
        elif mark == "]]":
            in_wiki = False
        elif mark == "|" and not in_wiki:
            bars.append(m.start())
    edges = [line.start - 1, *bars, line.end]
    ranges = []
    for a, b in itertools.pairwise(edges):
        s, e = a + 1, b
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t\r":
            e -= 1
        ranges.append((s, e))
    if ranges and ranges[0][0] == ranges[0][1] and bars and not text[line.start : bars[0]].strip():
        ranges.pop(0)
    if (
        len(ranges) > 1
        and ranges[-1][0] == ranges[-1][1]
        and not text[bars[-1] + 1 : line.end].strip()
    ):
        ranges.pop()
    return ranges
