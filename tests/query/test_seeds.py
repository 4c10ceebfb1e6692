"""The named queries on the seeds' build (tests/conftest.py ``seed_build``): real rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.query.results import QueryResult
from kg.query.run import run_named, run_query
from kg.query.table import cell_text
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, ROOT

IPSC = "kg:entity-cell-types-ipsc-derived-motor-neurons"
IPSC_PAGE = "scidex:wiki-cell-types-ipsc-derived-motor-neurons"
MOTOR_NEURONS_PAGE = "scidex:wiki-cell-types-motor-neurons"
MNX1 = "HGNC:4979"  # HB9 on the page (checked: HGNC symbol MNX1, alias HB9)
#: the six markers of the iPSC page (infobox and markers table), by their HGNC symbol
IPSC_MARKERS = {"CHAT", "ISL1", "MNX1", "NEFH", "TUBB3", "MAP2"}
#: the Drug | Mechanism sub-table of the Motor Neurons infobox
DRUG_MECHANISMS = {
    "riluzole": "Glutamate inhibition",
    "edaravone": "Free radical scavenger",  # grounded in ChEBI: its ontology label
    "AMX0035": "Mitochondrial/ER protection",
    "Tofersen": "Antisense oligonucleotide",
}


def rows(result: QueryResult) -> list[dict[str, str]]:
    return [dict(zip(result.variables, map(cell_text, row), strict=True)) for row in result.rows]


def test_ipsc_motor_neuron_markers(seed_build: Path) -> None:
    found = rows(run_named(seed_build, "markers", params={"cell": IPSC}))
    assert {r["markerLabel"] for r in found} == IPSC_MARKERS
    assert all(r["marker"].startswith("HGNC:") for r in found)
    assert {r["marker"] for r in found if r["markerLabel"] == "MNX1"} == {MNX1}
    assert {r["page"] for r in found} == {IPSC_PAGE}
    # the markers table's Type / Function columns ride along as qualifiers
    mnx1 = next(r for r in found if r["markerLabel"] == "MNX1")
    assert (mnx1["markerType"], mnx1["markerFunction"]) == (
        "Transcription Factor",
        "Motor neuron specification",
    )


def test_drugs_and_mechanisms_of_the_motor_neuron(seed_build: Path) -> None:
    found = rows(run_named(seed_build, "drugs-for-cell-type", params={"cell": "CL:0000100"}))
    assert {r["drugLabel"]: r["mechanism"] for r in found} == DRUG_MECHANISMS
    assert {r["page"] for r in found} == {MOTOR_NEURONS_PAGE}
    seed_text = MOTOR_NEURONS_SEED.read_text("utf-8")
    for mechanism in DRUG_MECHANISMS.values():
        assert f"<td>{mechanism}</td>" in seed_text  # what the page says, word for word


def test_riluzole_for_als(seed_build: Path) -> None:
    """ALS (MONDO:0004976) reaches the motor neuron's drugs through the cell type."""
    found = rows(run_named(seed_build, "drugs-for-disease", params={"disease": "MONDO:0004976"}))
    riluzole = [r for r in found if r["drugLabel"] == "riluzole"]
    assert riluzole
    assert {r["mechanism"] for r in riluzole} == {"Glutamate inhibition"}
    # through the cell type, and (issue 11) directly from the page's "FDA-Approved ALS Treatments"
    assert "CL:0000100" in {r["via"] for r in riluzole}
    assert {r["via"] for r in riluzole} <= {"CL:0000100", ""}
    assert {r["drugLabel"] for r in found} == set(DRUG_MECHANISMS)


def test_provenance_of_a_marker_fact_quotes_the_seed(seed_build: Path) -> None:
    result = run_named(
        seed_build,
        "fact-provenance",
        params={"subject": IPSC, "predicate": "RO:0002292", "object": MNX1},
    )
    records = result.records()
    assert records
    text = IPSC_SEED.read_text("utf-8")
    lines = text.splitlines()
    for r in records:
        source = Path(r["file"].value)
        assert (source if source.is_absolute() else ROOT / source).resolve() == IPSC_SEED
        start, end = int(r["start"].value), int(r["end"].value)
        first, last = int(r["lineStart"].value), int(r["lineEnd"].value)
        quote = r["quote"].value
        assert text[start:end] == quote
        assert "\n".join(lines[first - 1 : last]).find(quote) >= 0  # the lines hold the quote
    quotes = {r["quote"].value for r in records}
    assert any("CHAT, ISL1, HB9, SMI-32, TUBB3" in q for q in quotes)  # the infobox row


def test_page_facts_cover_every_statement_of_the_page(seed_build: Path) -> None:
    found = run_named(seed_build, "page-facts", params={"page": MOTOR_NEURONS_PAGE})
    count = run_query(
        seed_build,
        "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH kg:graph-cell-types-motor-neurons "
        "{ ?st a rdf:Statement } }",
    )
    assert len(found) == int(count.rows[0][0].value) > 0
    assert all(cell_text(row[-1]) for row in found.rows)  # every fact has its lines


def test_ungrounded_mentions_match_the_manifest(seed_build: Path) -> None:
    from kg.store import read_manifest

    found = rows(run_named(seed_build, "ungrounded"))
    labels = {r["label"] for r in found}
    assert {"AMX0035", "Tofersen"} <= labels
    assert "Edaravone" not in labels  # grounded in ChEBI (issue 10)
    manifest = read_manifest(seed_build)
    assert labels == {u for entry in manifest["inputs"] for u in entry["ungrounded"]}


@pytest.mark.parametrize(
    ("category", "member"),
    [("biolink:Cell", "CL:0000100"), ("biolink:Disease", "MONDO:0004976"), ("biolink:Gene", MNX1)],
)
def test_entities_by_category(seed_build: Path, category: str, member: str) -> None:
    found = rows(run_named(seed_build, "entities", params={"category": category}))
    assert member in {r["entity"] for r in found}
    assert {r["category"] for r in found} == {category}
