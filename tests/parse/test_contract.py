"""The reader's contract, checked on every fixture page and on both seeds.

For every element: ``page.text[span.start:span.end] == el.source``; ``first_line`` is the line
of ``span.start`` and ``last_line`` the line of the span's last character; the id is
``"<kind>@<start>"`` and unique; references between elements (citation -> element, row ->
sub-table, bullet -> section) point at elements that exist. Cells inside rows have spans inside
their row, and the words of their text are found in the source they point at. Every line of the
page has exactly one role; blank lines are BLANK or used; nothing comes from a superseded copy.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.pages import Page, read_page
from kg.parse import parse_file, parse_page
from kg.parse.model import (
    Bullet,
    Cell,
    Element,
    Infobox,
    InfoboxRow,
    LineRole,
    Paragraph,
    ParsedPage,
    PipeTable,
    Span,
    SubTable,
)
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR

FIXTURES = sorted(PAGE_FIXTURES_DIR.glob("*.txt"))
PAGES = [MOTOR_NEURONS_SEED, IPSC_SEED, *FIXTURES]

#: Fixtures written so that every line is used, chrome or blank (no UNUSED line).
FULLY_ACCOUNTED = (
    "cite_shell.txt",
    "card_shell.txt",
    "embed_view.txt",
    "gene_infobox.txt",
    "protein_infobox.txt",
    "mechanism_infobox.txt",
    "therapeutic_infobox.txt",
    "mermaid_multiline.txt",
    "mermaid_fenced.txt",
    "citations.txt",
)

_JSON_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f"}


def _page_id(path: Path) -> str:
    return path.name


@pytest.fixture(scope="module", params=PAGES, ids=_page_id)
def parsed(request: pytest.FixtureRequest) -> tuple[Page, ParsedPage]:
    page = read_page(request.param)
    return page, parse_page(page)


def line_of(page: Page, offset: int) -> int:
    """1-based line holding ``offset`` (an offset at the very end belongs to the last line)."""
    return bisect.bisect_right(page.line_starts, offset)


def line_text(page: Page, n: int) -> str:
    starts = page.line_starts
    end = starts[n] - 1 if n < len(starts) else len(page.text)
    return page.text[starts[n - 1] : end]


def check_span(page: Page, span: Span, what: str) -> list[str]:
    """Problems with one span (empty list when it is exact)."""
    errors: list[str] = []
    if not 0 <= span.start <= span.end <= len(page.text):
        return [f"{what}: offsets {span.start}..{span.end} outside 0..{len(page.text)}"]
    first = line_of(page, span.start)
    last = line_of(page, max(span.start, span.end - 1))
    if (span.first_line, span.last_line) != (first, last):
        errors.append(
            f"{what}: lines {span.first_line}-{span.last_line}, "
            f"but offsets {span.start}..{span.end} are on lines {first}-{last}"
        )
    return errors


def unescape_json(raw: str) -> str:
    """JSON string escapes decoded (for cells of the history rendering)."""

    def one(m: re.Match[str]) -> str:
        esc = m.group(1)
        if esc[0] == "u" and len(esc) == 5:
            return chr(int(esc[1:], 16))
        return _SIMPLE.get(esc, esc)

    return _JSON_ESCAPE.sub(one, raw)


def cells_of(el: Element) -> Iterator[Cell]:
    if isinstance(el, InfoboxRow):
        yield el.label
        yield el.value
    elif hasattr(el, "cells"):
        yield from el.cells


def check_cell(page: Page, parent: Element, cell: Cell, history: bool) -> list[str]:
    what = f"cell {cell.text!r} of {parent.id}"
    errors = check_span(page, cell.span, what)
    if not (parent.span.start <= cell.span.start <= cell.span.end <= parent.span.end):
        errors.append(f"{what}: span {cell.span.start}..{cell.span.end} outside its row")
    raw = page.text[cell.span.start : cell.span.end]
    seen = unescape_json(raw) if history else raw
    missing = [w for w in re.findall(r"\w+", cell.text) if w not in seen]
    if missing:
        errors.append(f"{what}: words {missing} not in the cell's source {raw!r}")
    for inner in (*cell.links, *cell.citations):
        errors.extend(check_element(page, inner))
        if not (cell.span.start <= inner.span.start and inner.span.end <= cell.span.end):
            errors.append(f"{inner.id} inside {what} but its span is outside the cell")
    return errors


def check_element(page: Page, el: Element) -> list[str]:
    errors = check_span(page, el.span, el.id)
    actual = page.text[el.span.start : el.span.end]
    if actual != el.source:
        errors.append(f"{el.id}: source {el.source[:80]!r} but the text there is {actual[:80]!r}")
    if not el.id.endswith(f"@{el.span.start}"):
        errors.append(f"{el.id}: id is not '<kind>@{el.span.start}'")
    return errors


def nested(parsed_page: ParsedPage) -> Iterator[Element]:
    """Elements reachable from elements(): also links and citations held by bullets, etc."""
    for el in parsed_page.elements():
        yield el
        if isinstance(el, Bullet | Paragraph):
            yield from el.links
            yield from el.citations
        if isinstance(el, Infobox):
            yield from el.citations


def unused_report(page: Page, roles: tuple[LineRole, ...]) -> str:
    rows = [f"  {i + 1}: {line_text(page, i + 1)[:100]!r}" for i, r in enumerate(roles)]
    unused = [row for row, r in zip(rows, roles, strict=True) if r is LineRole.UNUSED]
    return "UNUSED lines:\n" + ("\n".join(unused) if unused else "  (none)")


def test_every_element_span_is_exact(parsed: tuple[Page, ParsedPage]) -> None:
    page, result = parsed
    history = result.shell == "history"
    errors: list[str] = []
    for el in nested(result):
        errors.extend(check_element(page, el))
        for cell in cells_of(el):
            errors.extend(check_cell(page, el, cell, history))
    if result.title_span is not None:
        errors.extend(check_span(page, result.title_span, "title_span"))
    for problem in result.problems:
        if problem.span is not None:
            errors.extend(check_span(page, problem.span, f"problem {problem.code}"))
        if problem.line is not None and not 1 <= problem.line <= page.line_count:
            errors.append(f"problem {problem.code}: line {problem.line} not in the page")
    assert not errors, "\n".join(errors[:40])


def test_element_ids_are_unique_and_references_resolve(parsed: tuple[Page, ParsedPage]) -> None:
    _, result = parsed
    ids = [el.id for el in result.elements()]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"element ids used twice: {dupes}"
    known = set(ids) | {el.id for el in nested(result)}
    dangling = [c.id for c in result.citations if c.attached_to and c.attached_to not in known]
    assert not dangling, f"citations attached to unknown elements: {dangling}"
    subtables = {s.id for box in result.infoboxes for s in box.subtables}
    for box in result.infoboxes:
        for sub in box.subtables:
            assert all(row.subtable == sub.id for row in sub.rows), sub.id
        assert all(row.subtable is None for row in box.rows), box.id
    sections = {s.id for s in result.sections}
    for el in (*result.bullets, *result.tables, *result.paragraphs):
        section = getattr(el, "section", None)  # bullets, tables and paragraphs have one
        assert section is None or section in sections, f"{el.id} -> {section}"
    for s in result.sections:
        assert s.parent is None or s.parent in sections, f"{s.id} -> {s.parent}"
    assert subtables <= known


def test_nested_links_and_citations_are_listed_on_the_page(
    parsed: tuple[Page, ParsedPage],
) -> None:
    """ParsedPage.links / .citations hold every link and citation, nested ones included."""
    _, result = parsed
    link_ids = {link.id for link in result.links}
    cite_ids = {c.id for c in result.citations}
    for el in result.elements():
        held_links = list(getattr(el, "links", ()))
        held_cites = list(getattr(el, "citations", ()))
        for cell in cells_of(el):
            held_links.extend(cell.links)
            held_cites.extend(cell.citations)
        missing = [x.id for x in held_links if x.id not in link_ids]
        missing += [x.id for x in held_cites if x.id not in cite_ids]
        assert not missing, f"{el.id} holds elements missing from the page lists: {missing}"


def test_every_line_has_one_role(parsed: tuple[Page, ParsedPage]) -> None:
    page, result = parsed
    roles = result.lines
    assert len(roles) == page.line_count, (len(roles), page.line_count)
    assert all(isinstance(r, LineRole) for r in roles), set(map(type, roles))
    not_blank = [n for n in result.lines_with(LineRole.BLANK) if line_text(page, n).strip()]
    assert not not_blank, f"lines marked BLANK that have text: {not_blank}"
    blank_unused = [n for n in result.lines_with(LineRole.UNUSED) if not line_text(page, n).strip()]
    assert not blank_unused, f"blank lines marked UNUSED: {blank_unused}"


def test_used_lines_belong_to_elements(parsed: tuple[Page, ParsedPage]) -> None:
    """A USED line is part of some element (or of the title); no element is on a superseded line."""
    page, result = parsed
    covered: set[int] = set()
    spans = [el.span for el in nested(result)]
    if result.title_span is not None:
        spans.append(result.title_span)
    for span in spans:
        covered.update(range(span.first_line, span.last_line + 1))
    orphans = [n for n in result.lines_with(LineRole.USED) if n not in covered]
    assert not orphans, (
        f"USED lines with no element: {orphans}\n{unused_report(page, result.lines)}"
    )
    superseded = set(result.lines_with(LineRole.SUPERSEDED))
    from_old_copy = [
        el.id
        for el in nested(result)
        if superseded & set(range(el.span.first_line, el.span.last_line + 1))
    ]
    assert not from_old_copy, f"elements taken from the superseded copy: {from_old_copy[:20]}"
    if superseded:
        assert result.copies >= 2, "superseded lines but copies == 1"


def test_parsing_is_deterministic_and_parse_file_agrees(
    parsed: tuple[Page, ParsedPage],
) -> None:
    page, result = parsed
    again = parse_page(read_page(page.path))
    assert again == result
    from_file = parse_file(page.path)
    assert from_file == result
    assert result.path == page.path
    assert result.sha256 == page.sha256


@pytest.mark.parametrize("name", FULLY_ACCOUNTED)
def test_fixture_has_no_unused_line(name: str) -> None:
    page = read_page(PAGE_FIXTURES_DIR / name)
    result = parse_page(page)
    assert not result.lines_with(LineRole.UNUSED), unused_report(page, result.lines)


def test_crlf_page_keeps_exact_spans(tmp_path: Path) -> None:
    """A page saved with Windows line ends: spans still index the text as read."""
    source = (PAGE_FIXTURES_DIR / "cite_shell.txt").read_text(encoding="utf-8")
    path = tmp_path / "cite_shell_crlf.txt"
    path.write_bytes(source.replace("\n", "\r\n").encode("utf-8"))
    page = read_page(path)
    result = parse_page(page)
    errors = [e for el in nested(result) for e in check_element(page, el)]
    assert not errors, "\n".join(errors[:20])
    assert len(result.lines) == page.line_count
    assert result.infobox is not None
    assert result.slug == "cell-types-microglia-in-neuroinflammation"


def test_table_rows_are_inside_their_table(parsed: tuple[Page, ParsedPage]) -> None:
    _, result = parsed
    for el in result.elements():
        children: tuple[Element, ...] = ()
        if isinstance(el, PipeTable | Infobox | SubTable):
            children = el.rows
        for child in children:
            assert el.span.start <= child.span.start <= child.span.end <= el.span.end, (
                f"{child.id} outside {el.id}"
            )
