"""What one hostile page can produce is bounded, costs linear time, and the cut is reported.

Regression (hardening issue): single lines of 1 MB of ``|``, ``| x `` or ``[@k]`` took 7-33 s and
grew ``kg parse --format json`` to 2.6 GB, because every bar became a cell and every marker a
citation, each with its spans, links and RDF. The bounds live in :mod:`kg.parse.limits`.
"""

from __future__ import annotations

import pytest

import kg.extract
from kg.extract import extract_page
from kg.pages import Page
from kg.parse import parse_page
from kg.parse.limits import MAX_PAGE_CITATIONS, MAX_ROW_CELLS
from kg.rdf.page_graph import page_graph
from tests.conftest import MOTOR_NEURONS_SEED
from tests.extract.conftest import extract_file, grounder
from tests.linearity import assert_linear

HEAD = "Motor Neurons\n\nMotor neurons are cells.\n"
LINE = 4  # the line of HEAD's end, where the hostile line goes


def _page(body: str) -> Page:
    return Page.from_text(HEAD + body + "\n", path="hostile.txt")


def _build(page: Page) -> int:
    """The whole per-page pipeline (parse, extract, RDF) as ``kg build`` runs it: quad count."""
    parsed = parse_page(page)
    return len(
        page_graph(
            extract_page(page, parsed, grounder()), source_file=page.path, shell="unknown"
        ).lines
    )


def test_a_row_of_too_many_cells_keeps_the_first_and_says_where() -> None:
    n = MAX_ROW_CELLS + 40
    parsed = parse_page(_page("| " + " | ".join(f"c{i}" for i in range(n)) + " |"))
    (table,) = parsed.tables
    (row,) = table.rows
    assert [c.text for c in row.cells] == [f"c{i}" for i in range(MAX_ROW_CELLS)]
    (problem,) = [p for p in parsed.problems if p.code == "row-too-wide"]
    assert problem.line == LINE
    assert f"{n:,} cells" in problem.message


def test_citations_past_the_page_limit_are_not_read_and_reported() -> None:
    n = MAX_PAGE_CITATIONS + 25
    parsed = parse_page(_page("A claim" + "".join(f"[@k{i}]" for i in range(n)) + "."))
    assert len(parsed.citations) == MAX_PAGE_CITATIONS
    assert {c.key for c in parsed.citations} == {f"k{i}" for i in range(MAX_PAGE_CITATIONS)}
    (problem,) = [p for p in parsed.problems if p.code == "too-many-citations"]
    assert problem.line == LINE


def test_facts_past_the_page_limit_are_dropped_last_lines_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, full = extract_file(MOTOR_NEURONS_SEED)
    assert len(full.assertions) > 10
    monkeypatch.setattr(kg.extract, "MAX_PAGE_FACTS", 10)
    page = Page.from_text(MOTOR_NEURONS_SEED.read_text("utf-8"), path=str(MOTOR_NEURONS_SEED))
    cut = extract_page(page, parse_page(page), grounder())
    assert len(cut.assertions) == 10
    first = sorted(full.assertions, key=lambda a: min(e.span.start for e in a.evidence))[:10]
    assert {a.key for a in cut.assertions} == {a.key for a in first}
    (message,) = [m for m in cut.problems if "MAX_PAGE_FACTS" in m]
    assert f"states {len(full.assertions):,} facts" in message


@pytest.mark.parametrize("unit", ["|", "| x ", "[@k]", "[", "<", "[@k] | "])
def test_hostile_lines_build_in_linear_time_and_bounded_size(unit: str) -> None:
    assert_linear(lambda size: _build(_page(unit * size)), 20_000)
    small, big = _build(_page(unit * 20_000)), _build(_page(unit * 80_000))
    assert big <= max(2 * small, 2_000)  # past the limits, four times the input adds little RDF
