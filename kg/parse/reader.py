"""The page reader: one :class:`~kg.pages.Page` in, one :class:`~kg.parse.model.ParsedPage` out.

:func:`parse_page` chains the parser modules in a fixed order, each working on the lines the
earlier ones left:

1. the history view's escaped JSON markdown is decoded into a view (:mod:`.history`);
2. the rendering, title, URL and page chrome are recognised (:mod:`.shell`);
3. a truncated first copy of the page is found and superseded (:mod:`.copies`);
4. the metadata block and the infoboxes are read (:mod:`.metadata`, :mod:`.infobox`);
5. Mermaid diagrams, then sections, bullets, tables and paragraphs (:mod:`.mermaid`,
   :mod:`.blocks`) are read from the remaining body lines;
6. every link and citation is collected once, and every line gets its role.

All spans point into the raw page text. Linear in the size of the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kg.pages import Page, read_page
from kg.parse.blocks import parse_blocks
from kg.parse.copies import CopyScan, find_copies
from kg.parse.document import Document, Line
from kg.parse.history import HistoryView, history_document
from kg.parse.infobox import (
    InfoboxScan,
    find_entity_infobox,
    find_infoboxes,
    find_prism_infobox,
)
from kg.parse.infobox_rows import links_of
from kg.parse.limits import MAX_PAGE_CITATIONS
from kg.parse.mermaid import find_diagrams
from kg.parse.metadata import MetadataScan, find_json_metadata, find_metadata
from kg.parse.model import Element, LineRole, Metadata, ParsedPage, Problem, Shell
from kg.parse.shell import ShellInfo, detect_shell

E = TypeVar("E", bound=Element)


def parse_file(path: str | Path) -> ParsedPage:
    """Read and parse one page file (raises :class:`~kg.errors.PageReadError` on bad input)."""
    return parse_page(read_page(path))


def parse_page(page: Page) -> ParsedPage:
    """Everything the reader finds on one page (see the module docstring)."""
    history = history_document(page)
    doc = history.document if history is not None else Document(page)
    content = _content_lines(doc, history)
    info = detect_shell(doc, content)
    copies = find_copies(doc, info.body_start, info.titles, info.prelude)
    plan = _plan(doc, info, copies, content)
    meta = _read_metadata(doc, info, plan)
    boxes = _read_infoboxes(doc, info, plan.lines_without(meta.used))
    body = plan.lines_without(meta.used | boxes.used)
    diagrams = find_diagrams(doc, [ln for ln in body if ln.index not in plan.chrome])
    rest = [ln for ln in body if ln.index not in diagrams.used and ln.index not in plan.chrome]
    blocks = parse_blocks(doc, rest)
    links = _unique([*(link for box in boxes.infoboxes for link in links_of(box)), *blocks.links])
    citations = _unique([*(c for box in boxes.infoboxes for c in box.citations), *blocks.citations])
    problems = [
        *info.problems,
        *copies.problems,
        *meta.problems,
        *boxes.problems,
        *diagrams.problems,
        *blocks.problems,
        *_citation_limit(doc),
    ]
    if history is not None and history.bad_escapes:
        problems.append(_bad_escapes(history))
    metadata = meta.metadata
    return ParsedPage(
        path=page.path,
        sha256=page.sha256,
        shell=info.shell,
        title=info.title or (metadata.get("title") if metadata else None),
        title_span=info.title_span,
        url=info.url,
        slug=_slug(info, metadata),
        entity_type=(metadata.get("entity_type") if metadata else None) or info.entity_type,
        metadata=metadata,
        infoboxes=boxes.infoboxes,
        sections=blocks.sections,
        bullets=blocks.bullets,
        tables=blocks.tables,
        paragraphs=blocks.paragraphs,
        links=links,
        citations=citations,
        diagrams=diagrams.diagrams,
        problems=tuple(sorted(problems, key=_problem_order)),
        lines=doc.final_roles(),
        copies=copies.copies,
    )


@dataclass(frozen=True, slots=True)
class _Plan:
    """The view lines left for the content parsers, and the chrome lines among them."""

    active: tuple[Line, ...]  # not superseded, not a title line
    chrome: frozenset[int] = field(default_factory=frozenset)
    outside: tuple[Line, ...] = ()  # history view: the JSON lines around the markdown

    def lines_without(self, used: Iterable[int]) -> list[Line]:
        skip = set(used)
        return [ln for ln in self.active if ln.index not in skip]


def _content_lines(doc: Document, history: HistoryView | None) -> tuple[int, int] | None:
    """View line range ``[first, end)`` of the history view's markdown."""
    if history is None:
        return None
    first = doc.line_at(history.content_start).index
    return first, doc.line_at(history.content_end).index + 1


def _plan(
    doc: Document, info: ShellInfo, copies: CopyScan, content: tuple[int, int] | None
) -> _Plan:
    """Mark superseded, chrome and title lines; return the lines left to read."""
    lines = doc.lines
    for first, end in copies.superseded:
        doc.mark_lines(lines[first:end], LineRole.SUPERSEDED)
    title_line = info.title_lines[0] if info.title_lines else None
    if info.title_span is not None:
        doc.use(info.title_span)
    repeats = {i for i in (*info.title_lines, *copies.restarts) if i != title_line}
    chrome = set(info.chrome) | set(copies.chrome) | repeats
    doc.mark_lines([lines[i] for i in sorted(chrome)], LineRole.CHROME)
    superseded = {i for first, end in copies.superseded for i in range(first, end)}
    skip = superseded | repeats | ({title_line} if title_line is not None else set())
    if content is not None:
        first, end = content
        active = [ln for ln in lines[first:end] if ln.index not in skip]
        outside = [ln for ln in lines if not first <= ln.index < end]
        return _Plan(active=tuple(active), chrome=frozenset(chrome), outside=tuple(outside))
    active = [ln for ln in lines[copies.body_start :] if ln.index not in skip]
    return _Plan(active=tuple(active), chrome=frozenset(chrome))


def _read_metadata(doc: Document, info: ShellInfo, plan: _Plan) -> MetadataScan:
    if plan.outside:
        scan = find_json_metadata(doc, plan.outside)
        leftover = [ln for ln in plan.outside if ln.index not in scan.used and _json_frame(ln)]
        doc.mark_lines(leftover, LineRole.CHROME)  # JSON punctuation and the content_md key
    else:
        header = doc.lines[info.card_header] if info.card_header is not None else None
        candidates = [ln for ln in plan.active if ln.index not in plan.chrome]
        scan = find_metadata(doc, candidates, header)
    if scan.metadata is not None:
        for entry in scan.metadata.entries:
            doc.use(entry.span)
    return scan


def _json_frame(line: Line) -> bool:
    """A JSON line that holds no data: brackets, commas, or the ``"content_md": "`` key."""
    s = line.stripped
    return bool(s) and (not s.strip('{}[],"') or s.startswith('"content_md"'))


def _read_infoboxes(doc: Document, info: ShellInfo, lines: list[Line]) -> InfoboxScan:
    scan = find_infoboxes(doc, lines)
    if scan.infoboxes:
        return scan
    if info.shell is Shell.PRISM:
        return find_prism_infobox(doc, [ln for ln in lines if ln.index >= info.body_start])
    if info.shell is Shell.ENTITY:
        return find_entity_infobox(doc, lines)
    return scan


def _unique(items: Sequence[E]) -> tuple[E, ...]:
    """Each element once (by id), in page order."""
    seen: dict[str, E] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(sorted(seen.values(), key=lambda e: (e.span.start, e.span.end, e.id)))


def _slug(info: ShellInfo, metadata: Metadata | None) -> str | None:
    """Metadata ``slug``, else the card's ``SciDEX ID: wiki-...``, else the URL, else a JSON id."""
    get = metadata.get if metadata is not None else (lambda key: None)
    scidex_id = get("scidex_id") or ""
    page_id = get("id") if info.shell is Shell.HISTORY else None
    if page_id and not (page_id.replace("-", "").isalnum() and page_id == page_id.lower()):
        page_id = None  # a JSON id that is not slug-like
    return (
        get("slug")
        or (scidex_id[5:] if scidex_id.startswith("wiki-") else None)
        or info.url_slug
        or page_id
    )


def _citation_limit(doc: Document) -> list[Problem]:
    """The problem of a page with more citation markers than one page may have, if it has."""
    if doc.first_unread_citation is None:
        return []
    span = doc.span(doc.first_unread_citation, doc.first_unread_citation)
    message = (
        f"page has more than {MAX_PAGE_CITATIONS:,} citation markers; markers from here on are "
        "not read (limit of kg.parse.limits.MAX_PAGE_CITATIONS)"
    )
    return [Problem(code="too-many-citations", message=message, line=span.first_line, span=span)]


def _bad_escapes(history: HistoryView) -> Problem:
    return Problem(
        code="bad-json-escape",
        message=f"{history.bad_escapes} escape(s) in content_md are not valid JSON; kept as written",
    )


def _problem_order(p: Problem) -> tuple[int, str, str]:
    return (p.line or 0, p.code, p.message)


__all__ = ["parse_file", "parse_page"]
