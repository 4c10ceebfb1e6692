"""The typed result of reading a page: every element with its exact source span.

Invariants (checked by tests over every fixture):

* ``page.text[el.span.start:el.span.end] == el.source`` for every element ``el``;
* ``el.span.first_line``/``last_line`` are the 1-based lines of ``span.start`` and of the last
  character of the span;
* every line of the page has exactly one :class:`LineRole` in :attr:`ParsedPage.lines`.

All containers are tuples; all dataclasses are frozen. Elements carry an ``id`` that is
deterministic (``"<kind>@<start offset>"``) so that citations and warnings can point at them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kg.errors import ModelError


class Shell(StrEnum):
    """The rendering a page export came in (see docs/page-format.md)."""

    CITE = "cite"  # 📗 Cite This Artifact, title twice, body, metadata pipe table
    CARD = "card"  # 📖 title active ... SciDEX ID ..., 📖 Wiki Page, cell1210 words
    EMBED = "embed"  # card-like without metadata, ends "View on SciDEX ↗"; or bare title + <table
    PRISM = "prism"  # "cell · SciDEX wiki" header, flattened infobox, inline Mermaid
    HISTORY = "history"  # raw markdown inside escaped JSON ("content_md": "# Title\n\n...")
    ENTITY = "entity"  # "Entity Detail — Knowledge Graph Node", pipe table, flowchart
    UNKNOWN = "unknown"  # not recognised as a SciDEX page (a warning says so)


class LineRole(StrEnum):
    """What became of one line of the page."""

    USED = "used"  # part of at least one parsed element
    CHROME = "chrome"  # page furniture recognised and deliberately skipped
    SUPERSEDED = "superseded"  # part of a truncated first copy replaced by the complete copy
    BLANK = "blank"  # empty or whitespace only
    UNUSED = "unused"  # none of the above: listed in the output so nothing is silently dropped


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A region of the page text: code-point offsets (end exclusive) and 1-based lines."""

    start: int
    end: int
    first_line: int
    last_line: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ModelError(f"span offsets out of order: {self.start}..{self.end}")
        if not (1 <= self.first_line <= self.last_line):
            raise ModelError(f"span lines out of order: {self.first_line}..{self.last_line}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Element:
    """Base of every parsed element: where it is and the exact text there."""

    id: str
    span: Span
    source: str  # == page.text[span.start:span.end]


@dataclass(frozen=True, slots=True, kw_only=True)
class Link(Element):
    """A link of any form. ``curie`` is set for ontology links (OLS, OBO PURL, OBO Foundry)."""

    text: str  # the link text as shown (for a bare URL: the URL)
    target: str  # href / URL / wiki path, decoded once
    kind: str  # "markdown" | "html" | "wiki" | "url" | "broken"
    curie: str | None = None  # e.g. "CL:0000100" (double percent-encoding decoded)
    wiki_path: str | None = None  # e.g. "/diseases/als" for a link to another wiki page


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation(Element):
    """A citation: ``[@key]``, ``["@key"]``, ``[1](https://pubmed...)`` or an inline definition."""

    key: str  # "rosen1993", "pmid35435793", "1" for a numbered PubMed link
    kind: str  # "key" | "quoted" | "pubmed" | "definition"
    attached_to: str | None  # id of the element it follows (None when it stands alone)
    url: str | None = None
    pmid: str | None = None
    doi: str | None = None
    junk: bool = False  # a key that names no reference ("view", "edit", ...)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    """One cell value of an infobox row or a table row, with what is inside it."""

    text: str  # plain text: tags, markdown link syntax and citations removed, whitespace folded
    span: Span
    links: tuple[Link, ...] = ()
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class InfoboxRow(Element):
    """``<td class="label">Label</td><td>value</td>`` (or a div / flattened variant)."""

    label: Cell
    value: Cell
    subtable: str | None = None  # id of the SubTable the row belongs to, if any


@dataclass(frozen=True, slots=True, kw_only=True)
class SubTable(Element):
    """A table flattened into the infobox: a header-like row and the rows that follow it."""

    header: tuple[str, str]  # ("Drug", "Mechanism")
    rows: tuple[InfoboxRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Infobox(Element):
    kind: str  # "cell", "celltype", "gene", "protein", "therapeutic", "mechanism", "div", "prism"
    title: str | None
    rows: tuple[InfoboxRow, ...]  # rows that belong to no sub-table, in page order
    subtables: tuple[SubTable, ...] = ()
    citations: tuple[Citation, ...] = ()  # citations inside the infobox markup, in page order
    complete: bool = True  # False when the table was cut off (unclosed <table)


@dataclass(frozen=True, slots=True, kw_only=True)
class Section(Element):
    """A heading line and the region it governs (span covers the heading only)."""

    heading: str
    level: int  # markdown level where known (# = 1), else 0 for plain-text headings
    parent: str | None = None  # id of the enclosing section, if known


@dataclass(frozen=True, slots=True, kw_only=True)
class Bullet(Element):
    text: str  # without the "- " marker, citations removed, whitespace folded
    key: str | None = None  # "Parent Classification" for "- Parent Classification: Glutamatergic"
    value: str | None = None
    section: str | None = None  # id of the Section it is under
    links: tuple[Link, ...] = ()
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TableRow(Element):
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PipeTable(Element):
    """A markdown pipe table: header cells, the separator line, and data rows."""

    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    section: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph(Element):
    text: str  # citations removed, whitespace folded
    section: str | None = None
    links: tuple[Link, ...] = ()
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class MermaidNode(Element):
    node_id: str  # "N0", "TDP_43", "h_7e846ceb"
    label: str  # "Motor Neurons" (the id when the node has no label)
    shape: str = "box"  # "box" | "stadium" | "round" | "circle" | "rhombus" | "bare"


@dataclass(frozen=True, slots=True, kw_only=True)
class MermaidEdge(Element):
    source_id: str
    target_id: str
    label: str | None  # the relation label; None for an unlabelled "-->" (reported)
    style: str = "solid"  # "solid" | "dotted" | "thick"


@dataclass(frozen=True, slots=True, kw_only=True)
class MermaidDiagram(Element):
    form: str  # "multiline" | "oneline" | "fenced" | "inline"
    direction: str  # "TD", "LR", ...
    nodes: tuple[MermaidNode, ...]
    edges: tuple[MermaidEdge, ...]
    problems: tuple[str, ...] = ()  # broken parts, reported rather than guessed


@dataclass(frozen=True, slots=True, kw_only=True)
class MetadataEntry(Element):
    key: str
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Metadata(Element):
    form: str  # "pipe" | "glued" | "card-header"
    entries: tuple[MetadataEntry, ...]
    merged_from: tuple[tuple[str, str], ...] = ()  # __merged_from parsed as data (never eval'd)

    def get(self, key: str) -> str | None:
        for e in self.entries:
            if e.key == key:
                return e.value
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """A warning about the page: something read partially, skipped or suspicious."""

    code: str  # short stable code: "truncated-copy", "unclosed-table", "broken-mermaid", ...
    message: str
    line: int | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedPage:
    """Everything the reader found on one page."""

    path: str
    sha256: str
    shell: Shell
    title: str | None
    title_span: Span | None = None
    url: str | None = None  # canonical page URL as the page gives it
    slug: str | None = None
    entity_type: str | None = None  # "cell", "gene", ... from metadata / card header
    metadata: Metadata | None = None
    infoboxes: tuple[Infobox, ...] = ()
    sections: tuple[Section, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    tables: tuple[PipeTable, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    links: tuple[Link, ...] = ()  # every link on the page (also those inside other elements)
    citations: tuple[Citation, ...] = ()  # every citation on the page
    diagrams: tuple[MermaidDiagram, ...] = ()
    problems: tuple[Problem, ...] = ()
    lines: tuple[LineRole, ...] = field(default=(), repr=False)  # index i -> line i + 1
    copies: int = 1  # renderings of the page found in the file (2: a truncated copy + complete)

    @property
    def infobox(self) -> Infobox | None:
        return self.infoboxes[0] if self.infoboxes else None

    def lines_with(self, role: LineRole) -> tuple[int, ...]:
        """1-based numbers of the lines with this role."""
        return tuple(i + 1 for i, r in enumerate(self.lines) if r is role)

    def elements(self) -> tuple[Element, ...]:
        """Every element, nested ones included (for contract tests and exporters)."""
        out: list[Element] = []
        if self.metadata:
            out.append(self.metadata)
            out.extend(self.metadata.entries)
        for box in self.infoboxes:
            out.append(box)
            out.extend(box.rows)
            for sub in box.subtables:
                out.append(sub)
                out.extend(sub.rows)
        out.extend(self.sections)
        out.extend(self.bullets)
        for t in self.tables:
            out.append(t)
            out.extend(t.rows)
        out.extend(self.paragraphs)
        out.extend(self.links)
        out.extend(self.citations)
        for d in self.diagrams:
            out.append(d)
            out.extend(d.nodes)
            out.extend(d.edges)
        return tuple(out)
