"""Running queries on the fixture build: forms, default graph, prefixes, limits, parameters,
syntax errors with line and column, the time limit, and updates."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InputError, QueryError
from kg.query.results import ResultKind
from kg.query.run import run_query
from kg.vocab import expand
from tests.query.conftest import make_build

IPSC = "https://scidex.ai/kg/entity-cell-types-ipsc-derived-motor-neurons"
MNX1 = "https://identifiers.org/hgnc:4979"
#: a COUNT over a 5-way cross join: no row before it ends (about 10^13 combinations on mini.trig)
EXPLOSIVE = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
)


def test_select_uses_predeclared_prefixes_and_the_union_graph(mini_build: Path) -> None:
    result = run_query(mini_build, "SELECT ?m WHERE { ?c RO:0002292 ?m } ORDER BY ?m")
    assert result.kind is ResultKind.SOLUTIONS
    assert result.variables == ("m",)
    assert MNX1 in {t.value for t in result.column("m")}
    assert len(result) == 3


def test_union_graph_repeats_a_triple_held_by_two_graphs(mini_build: Path) -> None:
    """pyoxigraph 0.5 (oxigraph#1919, fixed upstream by #1920): the union default graph yields a
    triple once per graph holding it; DISTINCT gives the RDF merge. The shipped queries group.
    When this fails after a pyoxigraph upgrade, drop the caveat from the README and run.py."""
    held_by = run_query(mini_build, "SELECT ?g WHERE { GRAPH ?g { CL:0000100 a biolink:Cell } }")
    assert len(held_by) == 2  # the motor neurons page graph and the terms graph
    plain = "SELECT ?t WHERE { CL:0000100 a ?t }"
    assert len(run_query(mini_build, plain)) == 2
    assert len(run_query(mini_build, plain.replace("?t WHERE", "DISTINCT ?t WHERE"))) == 1


def test_query_prefix_overrides_a_predeclared_one(mini_build: Path) -> None:
    text = "PREFIX RO: <http://example.org/nothing/> SELECT ?m WHERE { ?c RO:0002292 ?m }"
    assert run_query(mini_build, text).rows == ()


def test_graph_variable_names_the_page_graph(mini_build: Path) -> None:
    text = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?c RO:0002292 HGNC:4979 } }"
    result = run_query(mini_build, text)
    assert [t.value for t in result.column("g")] == [
        "https://scidex.ai/kg/graph-cell-types-ipsc-derived-motor-neurons"
    ]


@pytest.mark.parametrize(("obj", "expected"), [("HGNC:4979", True), ("HGNC:1", False)])
def test_ask(mini_build: Path, obj: str, expected: bool) -> None:
    result = run_query(mini_build, f"ASK {{ ?c RO:0002292 {obj} }}")
    assert result.kind is ResultKind.BOOLEAN
    assert result.boolean is expected


def test_construct_and_describe_give_sorted_triples(mini_build: Path) -> None:
    result = run_query(mini_build, "CONSTRUCT { ?c RO:0002292 ?m } WHERE { ?c RO:0002292 ?m }")
    assert result.kind is ResultKind.GRAPH
    assert len(result.triples) == 3
    assert list(result.triples) == sorted(result.triples, key=lambda t: str(t.object))
    described = run_query(mini_build, "DESCRIBE HGNC:4979")
    assert all(t.subject.value == MNX1 for t in described.triples)
    assert described.triples


def test_limit_truncates_and_says_so(mini_build: Path) -> None:
    result = run_query(mini_build, "SELECT * WHERE { ?s ?p ?o }", limit=5)
    assert len(result.rows) == 5
    assert result.truncated
    whole = run_query(mini_build, "SELECT ?m WHERE { ?c RO:0002292 ?m }", limit=5)
    assert not whole.truncated


def test_param_binds_a_curie_as_an_iri(mini_build: Path) -> None:
    result = run_query(
        mini_build, "SELECT ?c ?m WHERE { ?c RO:0002292 ?m }", params={"m": "HGNC:4979"}
    )
    assert [row[0].value for row in result.rows] == [IPSC]
    assert result.rows[0][1] == ox.NamedNode(expand("HGNC:4979"))


def test_param_value_is_never_query_text(mini_build: Path) -> None:
    """An injection attempt is one odd literal: no match, no syntax error, nothing dropped."""
    evil = '" } } ; DROP ALL ; SELECT * { ?s ?p "'
    text = "SELECT ?s ?label WHERE { ?s rdfs:label ?label }"
    assert run_query(mini_build, text, params={"label": evil}).rows == ()
    assert run_query(mini_build, "ASK { ?s ?p ?o }").boolean is True
    labelled = run_query(mini_build, text, params={"label": "ISL1"})
    assert [row[0].value for row in labelled.rows] == ["https://scidex.ai/kg/mention-isl1"]


def test_param_must_be_projected(mini_build: Path) -> None:
    with pytest.raises(QueryError, match=r"add it to the SELECT clause"):
        run_query(mini_build, "SELECT ?s WHERE { ?s rdfs:label ?label }", params={"label": "x"})


def test_param_for_a_missing_variable(mini_build: Path) -> None:
    with pytest.raises(QueryError, match=r"no variable \?x"):
        run_query(mini_build, "SELECT ?s WHERE { ?s ?p ?o }", params={"x": "1"})


@pytest.mark.parametrize(
    ("text", "line", "column", "expected"),
    [
        ("SELECT ?s\nWHERE {\n  ?s ?p ?o\n}\nLIMIT x", 5, 7, "expected one of"),
        ('SELECT ?s\nWHERE {\n  ?s ?p "unterminated\n}', 3, 22, "expected"),
        ("SELECT * WHERE { ?s ?p ?o", 1, 26, "expected"),
        ("SELECT ?s WHERE {\n  ?s <http://x y> ?o }", 2, 18, "IRI parsing failed"),
    ],
)
def test_malformed_sparql_has_line_and_column(
    mini_build: Path, text: str, line: int, column: int, expected: str
) -> None:
    with pytest.raises(QueryError) as err:
        run_query(mini_build, text, source="q.rq")
    message = str(err.value)
    assert message.startswith(f"q.rq:{line}: malformed SPARQL at line {line}, column {column}: ")
    assert expected in message
    assert err.value.line == line
    source_line = text.splitlines()[line - 1]
    assert f"  {line} | {source_line}" in message  # the line is quoted, with a caret under it
    assert "['" not in message  # pyoxigraph's character classes are left out


def test_unclosed_bracket_is_pointed_out(mini_build: Path) -> None:
    with pytest.raises(QueryError) as err:
        run_query(mini_build, "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?o > 1\n}")
    assert "note: '(' opened at line 3, column 9 is not closed before '}' at line 4" in str(
        err.value
    )
    with pytest.raises(QueryError, match=r"note: '\{' opened at line 1, column 16 is never closed"):
        run_query(mini_build, "SELECT * WHERE { ?s ?p ?o")


def test_unknown_prefix_reported_at_the_prefixed_name(mini_build: Path) -> None:
    """pyoxigraph says "Prefix not found" after the name; the message points at the name."""
    with pytest.raises(QueryError) as err:
        run_query(mini_build, "SELECT * WHERE {\n  ?s foo:bar ?o }")
    message = str(err.value)
    assert message.startswith("unknown prefix 'foo:' in foo:bar at line 2, column 6: ")
    assert "  2 |   ?s foo:bar ?o }\n    |      ^" in message


def test_time_limit_stops_an_explosive_query(mini_build: Path) -> None:
    with pytest.raises(QueryError, match=r"stopped after 1 s \(the time limit\)"):
        run_query(mini_build, EXPLOSIVE, timeout=1.0)
    assert _worker_children() == []  # the worker was killed and reaped, not left running


def test_no_build_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="run `kg build` first"):
        run_query(tmp_path, "ASK {}")


def test_update_with_the_flag_changes_a_copy(tmp_path: Path) -> None:
    build = make_build(tmp_path / "build")
    text = 'INSERT DATA { GRAPH kg:graph-extra { CL:0000100 rdfs:comment "added" } }'
    assert run_query(build, text, update=True).kind is ResultKind.UPDATE
    after = run_query(build, "SELECT ?c WHERE { CL:0000100 rdfs:comment ?c }")
    assert [t.value for t in after.column("c")] == ["added"]


def test_in_process_run_without_time_limit(mini_build: Path) -> None:
    result = run_query(mini_build, "SELECT ?m WHERE { ?c RO:0002292 ?m }", timeout=None)
    assert len(result) == 3


def _worker_children() -> list[int]:
    """Live child processes of this process that run the query worker."""
    me = str(os.getpid())
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        ppid = next(ln.split()[1] for ln in status.splitlines() if ln.startswith("PPid:"))
        if ppid == me and b"kg.query.worker" in cmdline:
            found.append(int(pid))
    return found
