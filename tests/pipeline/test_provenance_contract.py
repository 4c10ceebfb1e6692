"""The provenance promise, over every reader fixture and both seeds built together:
every fact in a page graph has a statement node, and every selector quotes the page exactly."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import vocab as v
from kg.pipeline import build
from kg.rdf.layout import is_fact
from kg.store import open_store
from tests.conftest import PAGE_FIXTURES_DIR, SEEDS_DIR


@pytest.fixture(scope="module")
def all_pages_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("all") / "build"
    result = build([SEEDS_DIR, PAGE_FIXTURES_DIR], out=out)
    return out, result


def test_every_fixture_page_builds(all_pages_build: tuple[Path, object]) -> None:
    """Every rendering and malformation in the fixtures builds (bad files are tested elsewhere)."""
    _, result = all_pages_build
    assert [p.error for p in result.failed] == []  # type: ignore[attr-defined]
    assert len(result.pages) == 2 + len(list(PAGE_FIXTURES_DIR.glob("*.txt")))  # type: ignore[attr-defined]


def test_every_selector_quotes_the_page_exactly(all_pages_build: tuple[Path, object]) -> None:
    out, _ = all_pages_build
    store = open_store(out)
    rows = store.query(
        """SELECT ?file ?start ?end ?exact ?l1 ?l2 WHERE { GRAPH ?g {
             ?sel oa:hasSource ?page ; oa:hasSelector ?pos, ?quote ; kgv:lineStart ?l1 ; kgv:lineEnd ?l2 .
             ?pos oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact .
             ?page kgv:sourceFile ?file } }""",
        prefixes={"oa": v.OA, "kgv": v.KGV},
    )
    texts: dict[str, str] = {}
    checked = 0
    for row in rows:
        file = row["file"].value
        text = texts.setdefault(file, Path(file).read_bytes().decode("utf-8"))
        start, end = int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value, f"{file}:{row['l1'].value}"
        assert int(row["l1"].value) == text.count("\n", 0, start) + 1
        assert int(row["l2"].value) == text.count("\n", 0, max(start, end - 1)) + 1
        checked += 1
    assert checked > 50


def test_every_fact_in_a_page_graph_has_a_statement(all_pages_build: tuple[Path, object]) -> None:
    out, _ = all_pages_build
    store = open_store(out)
    pages = {
        r["g"].value: r["page"].value
        for r in store.query(
            "SELECT ?g ?page WHERE { GRAPH ?g { ?page a kgv:WikiPage } }", prefixes={"kgv": v.KGV}
        )
    }
    statements: set[tuple[str, str, str, str]] = set()
    for r in store.query(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;"
        " prov:wasDerivedFrom ?sel ; kgv:extractor ?x } }",
        prefixes={"rdf": v.RDF, "prov": v.PROV, "kgv": v.KGV},
    ):
        statements.add((r["g"].value, str(r["s"]), str(r["p"]), str(r["o"])))
    missing = []
    for g, page in pages.items():
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            key = (g, str(q.subject), str(q.predicate), str(q.object))
            if is_fact(q.subject.value, page) and key not in statements:
                missing.append(str(q))
    assert not missing, f"{len(missing)} facts without a statement, e.g. {missing[:3]}"
    assert len(statements) > 50


def test_every_statement_predicate_with_a_slot_has_exactly_one_in_the_terms_graph(
    all_pages_build: tuple[Path, object],
) -> None:
    """The Biolink slot is stated once per predicate, in kg:graph-terms, never per statement, and
    every predicate has at most one (else its statements' slot would be unknown)."""
    out, _ = all_pages_build
    store = open_store(out)
    slot = ox.NamedNode(v.BIOLINK_PREDICATE)
    terms = ox.NamedNode(v.TERMS_GRAPH)
    where = {q.graph_name for q in store.quads_for_pattern(None, slot, None)}
    assert where == {terms}
    slots: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, slot, None, terms):
        slots.setdefault(q.subject.value, set()).add(q.object.value)
    assert slots and all(len(s) == 1 for s in slots.values()), slots
    used = {
        q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(v.RDF_PREDICATE), None)
    }
    assert set(slots) <= used  # only predicates some statement uses
    assert slots[v.expand("RO:0002292")] == {v.BIOLINK + "expresses"}
