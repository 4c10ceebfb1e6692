"""Results formats: SPARQL 1.1 CSV / TSV / JSON parse back; Turtle; the terminal table."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.query.formats import render, render_sparql
from kg.query.prefixes import PREFIXES
from kg.query.results import QueryResult, ResultKind
from kg.query.run import run_query
from kg.query.table import ELLIPSIS, display_width, render_table, truncate

XSD = "http://www.w3.org/2001/XMLSchema#"
#: every kind of term: IRI, plain / typed / language-tagged literal, unbound, a tab and newline
TERMS_QUERY = """
SELECT ?iri ?plain ?typed ?tagged ?unbound ?tricky WHERE {
  BIND(HGNC:4979 AS ?iri)
  BIND("Motor Neurons" AS ?plain)
  BIND(42 AS ?typed)
  BIND("moteur"@fr AS ?tagged)
  BIND("a\\tb\\nc, \\"d\\"" AS ?tricky)
}
"""


@pytest.fixture(scope="module")
def terms(mini_build: Path) -> QueryResult:
    return run_query(mini_build, TERMS_QUERY)


def _validate_sparql_json(doc: dict[str, Any]) -> None:
    """The structure of application/sparql-results+json (SPARQL 1.1 Query Results JSON)."""
    assert set(doc) == {"head", "results"}
    variables = doc["head"]["vars"]
    assert all(isinstance(v, str) for v in variables)
    for binding in doc["results"]["bindings"]:
        assert set(binding) <= set(variables)
        for term in binding.values():
            assert term["type"] in ("uri", "literal", "bnode", "triple")
            assert isinstance(term["value"], str)
            assert set(term) <= {"type", "value", "datatype", "xml:lang"}
            assert not ("datatype" in term and "xml:lang" in term)


def test_json_is_sparql_results_json(terms: QueryResult) -> None:
    doc = json.loads(render_sparql(terms, "json"))
    _validate_sparql_json(doc)
    assert doc["head"]["vars"] == ["iri", "plain", "typed", "tagged", "unbound", "tricky"]
    (row,) = doc["results"]["bindings"]
    assert row["iri"] == {"type": "uri", "value": "https://identifiers.org/hgnc:4979"}
    assert row["typed"] == {"type": "literal", "value": "42", "datatype": XSD + "integer"}
    assert row["tagged"] == {"type": "literal", "value": "moteur", "xml:lang": "fr"}
    assert row["tricky"]["value"] == 'a\tb\nc, "d"'
    assert "unbound" not in row


def test_json_equals_pyoxigraph_serializing_the_same_query(mini_build: Path) -> None:
    """Our bytes are pyoxigraph's own for the same solutions (not a look-alike writer)."""
    text = "SELECT ?c ?m WHERE { ?c RO:0002292 ?m } ORDER BY ?m"
    ours = render_sparql(run_query(mini_build, text), "json")
    store = ox.Store.read_only(str(mini_build / "store"))
    solutions = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    assert ours == solutions.serialize(format=ox.QueryResultsFormat.JSON).decode()


@pytest.mark.parametrize("fmt", ["tsv", "json"])
def test_tsv_and_json_parse_back_to_the_same_terms(terms: QueryResult, fmt: str) -> None:
    parsed = ox.parse_query_results(
        render_sparql(terms, fmt), ox.QueryResultsFormat.from_extension(fmt)
    )
    assert [v.value for v in parsed.variables] == list(terms.variables)
    assert isinstance(parsed, ox.QuerySolutions)
    (solution,) = list(parsed)
    assert tuple(solution[v] for v in terms.variables) == terms.rows[0]


def test_csv_parses_back(terms: QueryResult) -> None:
    text = render_sparql(terms, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(terms.variables)
    assert rows[1] == [
        "https://identifiers.org/hgnc:4979",
        "Motor Neurons",
        "42",
        "moteur",
        "",
        'a\tb\nc, "d"',
    ]


def test_ask_formats(mini_build: Path) -> None:
    result = run_query(mini_build, "ASK { ?c RO:0002292 HGNC:4979 }")
    assert json.loads(render(result, "json")) == {"head": {}, "boolean": True}
    assert render(result, "table") == "true\n"
    assert render(result, "csv").strip() == "true"


def test_construct_prints_turtle_with_the_prefixes_it_uses(mini_build: Path) -> None:
    result = run_query(mini_build, "CONSTRUCT { ?c RO:0002292 ?m } WHERE { ?c RO:0002292 ?m }")
    text = render(result, "table")
    assert "@prefix RO: <http://purl.obolibrary.org/obo/RO_> ." in text
    assert "@prefix CL:" not in text
    back = list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))
    assert sorted(map(str, back)) == sorted(map(str, result.triples))
    with pytest.raises(Exception, match="prints Turtle"):
        render(result, "csv")


def test_table_is_aligned_with_curies(terms: QueryResult) -> None:
    lines = render_table(terms).splitlines()
    header, rule, row, footer = lines
    assert header.split() == list(terms.variables)
    assert row.startswith("HGNC:4979")
    assert footer == "1 row"
    assert "a b⏎c" in row  # tab and newline made visible on one line
    # every column starts at the same offset in the header, the rule and the row
    starts = [m.start() for m in re.finditer(r"-+", rule)]
    assert [header[i] for i in starts] == [v[0] for v in terms.variables]
    assert [row[i] for i in starts] == ["H", "M", " ", "m", " ", "a"]
    assert row[starts[2] : starts[2] + len("typed")] == "   42"  # numbers right-aligned


def test_table_shrinks_to_the_terminal_width(mini_build: Path) -> None:
    result = run_query(mini_build, "SELECT ?quote WHERE { ?q oa:exact ?quote }")
    table = render_table(result, width=40)
    assert all(display_width(line) <= 40 for line in table.splitlines())
    assert any(line.endswith(ELLIPSIS) for line in table.splitlines())


def test_truncate_counts_wide_characters() -> None:
    assert truncate("abcdef", 4) == "abc" + ELLIPSIS
    assert display_width(truncate("運動ニューロン", 5)) <= 5
    assert truncate("short", 10) == "short"


def test_limit_footer() -> None:
    result = QueryResult(
        kind=ResultKind.SOLUTIONS,
        variables=("n",),
        rows=((ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")),),),
        truncated=True,
        limit=1,
    )
    lines = render_table(result).splitlines()
    assert lines[-1] == "1 row (stopped at --limit 1; there are more)"
    assert lines[2] == "1"  # numbers right-aligned under the header
