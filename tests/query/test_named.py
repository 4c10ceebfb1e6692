"""The shipped named queries: headers, parameters, and rows on the fixture build."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query.named import get_named, list_named, parse_named
from kg.query.results import QueryResult
from kg.query.run import run_named
from kg.query.table import cell_text

EXPECTED = (
    "drugs-for-cell-type",
    "drugs-for-disease",
    "entities",
    "fact-provenance",
    "markers",
    "page-facts",
    "ungrounded",
)
IPSC = "kg:entity-cell-types-ipsc-derived-motor-neurons"
MOTOR_NEURONS_PAGE = "scidex:wiki-cell-types-motor-neurons"
ROOT = Path(__file__).resolve().parents[2]


def rows(result: QueryResult) -> list[dict[str, str]]:
    """Rows as {variable: table text} (CURIEs, literal values; "" unbound), for assertions."""
    return [dict(zip(result.variables, map(cell_text, row), strict=True)) for row in result.rows]


def test_every_query_has_a_header_and_typed_params() -> None:
    queries = list_named()
    assert tuple(q.name for q in queries) == EXPECTED
    for q in queries:
        assert q.title and q.description, q.name
        for p in q.params:
            assert f"?{p.name}" in q.text, (q.name, p.name)  # the parameter binds a variable
            assert p.description, (q.name, p.name)


@pytest.mark.parametrize("name", EXPECTED)
def test_every_query_runs_without_parameters(mini_build: Path, name: str) -> None:
    assert len(run_named(mini_build, name)) > 0


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(QueryError, match="no named query 'nope'; known: drugs-for-cell-type"):
        get_named("nope")


def test_bad_params_header() -> None:
    with pytest.raises(QueryError, match="bad '# params:' item"):
        parse_named("x", "# title: X\n# params: cell iri\nASK {}", path="x.rq")
    with pytest.raises(QueryError, match="kind must be one of"):
        parse_named("x", "# title: X\n# params: cell:number (n)\nASK {}", path="x.rq")


def test_unknown_param_for_a_named_query(mini_build: Path) -> None:
    with pytest.raises(QueryError, match=r"unknown parameter 'cel' \(this query takes: cell\)"):
        run_named(mini_build, "markers", params={"cel": "CL:0000100"})


def test_iri_param_rejects_a_plain_word(mini_build: Path) -> None:
    with pytest.raises(QueryError, match="is not an IRI"):
        run_named(mini_build, "markers", params={"cell": "motor neuron"})


def test_markers_on_the_fixture(mini_build: Path) -> None:
    found = rows(run_named(mini_build, "markers", params={"cell": IPSC}))
    assert {r["markerLabel"] for r in found} == {"HB9", "CHAT", "ISL1"}
    assert {r["cell"] for r in found} == {IPSC}
    assert run_named(mini_build, "markers", params={"cell": "CL:0000540"}).rows == ()


def test_drugs_for_a_disease_direct_and_via_a_cell_type(mini_build: Path) -> None:
    found = rows(run_named(mini_build, "drugs-for-disease", params={"disease": "MONDO:0004976"}))
    by_route = {(r["drugLabel"], r["via"]) for r in found}
    assert by_route == {("Riluzole", ""), ("Riluzole", "CL:0000100"), ("Edaravone", "CL:0000100")}
    assert {r["mechanism"] for r in found if r["drugLabel"] == "Riluzole"} == {
        "Glutamate inhibition"
    }


def test_page_facts_are_only_that_pages(mini_build: Path) -> None:
    found = rows(run_named(mini_build, "page-facts", params={"page": MOTOR_NEURONS_PAGE}))
    assert {r["page"] for r in found} == {MOTOR_NEURONS_PAGE}
    assert {"CL:0000100", "CHEBI:8863"} <= {r["subject"] for r in found}
    assert all(r["lines"] for r in found)


def test_fact_provenance_quotes_the_seed(mini_build: Path) -> None:
    result = run_named(
        mini_build,
        "fact-provenance",
        params={"subject": "CHEBI:8863", "predicate": "RO:0002606", "object": "MONDO:0004976"},
    )
    (row,) = result.records()
    text = (ROOT / row["file"].value).read_text("utf-8")
    start, end = int(row["start"].value), int(row["end"].value)
    assert text[start:end] == row["quote"].value
    assert text.splitlines()[int(row["lineStart"].value) - 1] == row["quote"].value
    assert row["references"].value == "bensimon1994"


def test_ungrounded_by_page(mini_build: Path) -> None:
    found = rows(run_named(mini_build, "ungrounded", params={"page": MOTOR_NEURONS_PAGE}))
    assert [(r["label"], r["category"]) for r in found] == [("Edaravone", "biolink:ChemicalEntity")]


def test_entities_by_category(mini_build: Path) -> None:
    found = rows(run_named(mini_build, "entities", params={"category": "biolink:Gene"}))
    assert {r["entity"] for r in found} == {
        "HGNC:4979",
        "kg:mention-chat",
        "kg:mention-isl1",
    }
    assert all(r["pages"] == "1" for r in found)
