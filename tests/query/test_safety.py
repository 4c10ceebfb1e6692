"""Safe by default: SERVICE, LOAD, unknown FROM graphs and updates need a flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query.lexer import Kind, tokenize
from kg.query.run import run_query
from kg.query.safety import check_safety, inspect_query

# Port 9 ("discard") is refused by pyoxigraph's HTTP client itself: even if a check failed,
# these queries could not reach the network.
SERVICE = "SELECT * WHERE {\n  SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }\n}"
LOAD = "LOAD <http://127.0.0.1:9/data.ttl>"
MOTOR_NEURONS_GRAPH = "https://scidex.ai/kg/graph-cell-types-motor-neurons"


def test_tokens_skip_strings_comments_and_iris() -> None:
    text = 'SELECT ?service # SERVICE in a comment\nWHERE { ?s ?p "SERVICE" . ?s <http://x/SERVICE> kg:SERVICE }'
    words = [t.text for t in tokenize(text) if t.kind is Kind.WORD]
    assert words == ["SELECT", "WHERE"]
    where = next(t for t in tokenize(text) if t.text == "WHERE")
    assert (where.line, where.column) == (2, 1)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("PREFIX ex: <http://e/> SELECT * {}", "SELECT"),
        ("BASE <http://e/> ASK {}", "ASK"),
        ("construct where { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE CL:0000100", "DESCRIBE"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "UPDATE"),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
        ("DROP ALL", "UPDATE"),
    ],
)
def test_query_form(text: str, form: str) -> None:
    assert inspect_query(text).form == form


def test_service_rejected_with_position(mini_build: Path) -> None:
    with pytest.raises(QueryError) as err:
        run_query(mini_build, SERVICE)
    message = str(err.value)
    assert "SERVICE at line 2, column 3" in message
    assert "--allow-remote" in message


def test_load_rejected_even_with_update(mini_build: Path) -> None:
    with pytest.raises(QueryError, match=r"LOAD at line 1, column 1 would fetch data"):
        run_query(mini_build, LOAD, update=True)


def test_keywords_in_strings_are_not_service(mini_build: Path) -> None:
    result = run_query(mini_build, 'SELECT ("SERVICE LOAD" AS ?x) WHERE {}')
    assert result.rows[0][0].value == "SERVICE LOAD"


def test_allow_remote_lets_pyoxigraph_try_the_request(mini_build: Path) -> None:
    """With --allow-remote the SERVICE call is made by pyoxigraph (here refused locally)."""
    with pytest.raises(QueryError, match=r"the query failed: .*port 9"):
        run_query(mini_build, SERVICE, allow_remote=True)


def test_update_needs_the_flag(mini_build: Path) -> None:
    with pytest.raises(QueryError, match="pass --update"):
        run_query(mini_build, "CLEAR ALL")


def test_update_flag_with_a_query_is_an_error() -> None:
    with pytest.raises(QueryError, match="not an update"):
        check_safety(inspect_query("SELECT * {}"), allow_remote=False, update=True)


def test_from_unknown_graph_rejected(mini_build: Path) -> None:
    with pytest.raises(
        QueryError, match=r"FROM / USING <http://example.org/data.ttl>: the build has no such graph"
    ):
        run_query(mini_build, "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }")


def test_from_unknown_graph_allowed_is_empty(mini_build: Path) -> None:
    result = run_query(
        mini_build,
        "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
        allow_remote=True,
    )
    assert result.rows == ()


def test_from_a_build_graph_restricts_the_default_graph(mini_build: Path) -> None:
    """FROM kg:graph-... (a prefixed name) picks one page graph instead of the union."""
    text = "SELECT DISTINCT ?page FROM kg:graph-cell-types-motor-neurons WHERE { ?page a kgv:WikiPage }"
    shape = inspect_query(text)
    assert shape.dataset_graphs == (MOTOR_NEURONS_GRAPH,)
    result = run_query(mini_build, text)
    assert [t.value for t in result.column("page")] == [
        "https://scidex.ai/artifact/wiki-cell-types-motor-neurons"
    ]


def test_declared_prefix_is_known() -> None:
    shape = inspect_query("PREFIX foo: <http://foo/> SELECT * WHERE { ?s foo:bar ?o }")
    assert shape.prefixes == (("foo", "http://foo/"),)
