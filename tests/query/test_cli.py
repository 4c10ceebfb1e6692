"""`kg query` through click's CliRunner, and through ``kg.cli.main`` for exit codes and errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query.named import list_named
from tests.query.conftest import make_build

MARKERS = "SELECT ?c ?m WHERE { ?c RO:0002292 ?m } ORDER BY ?m"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["query", *args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_table_by_default(mini_build: Path) -> None:
    code, out, _ = invoke("--build-dir", str(mini_build), MARKERS)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["c", "m"]
    assert "HGNC:4979" in out
    assert lines[-1] == "3 rows"


def test_csv_tsv_json_parse_back(mini_build: Path) -> None:
    b = str(mini_build)
    _, out_csv, _ = invoke("--build-dir", b, "--format", "csv", MARKERS)
    table = list(csv.reader(io.StringIO(out_csv, newline="")))
    assert table[0] == ["c", "m"] and len(table) == 4
    _, out_tsv, _ = invoke("--build-dir", b, "--format", "tsv", MARKERS)
    _, out_json, _ = invoke("--build-dir", b, "--format", "json", MARKERS)
    from_tsv = list(ox.parse_query_results(out_tsv, ox.QueryResultsFormat.TSV))  # type: ignore[arg-type]
    from_json = list(ox.parse_query_results(out_json, ox.QueryResultsFormat.JSON))  # type: ignore[arg-type]
    assert [s["m"] for s in from_tsv] == [s["m"] for s in from_json]
    assert [s["m"].value for s in from_json] == [row[1] for row in table[1:]]
    assert json.loads(out_json)["head"]["vars"] == ["c", "m"]


@pytest.mark.parametrize(("obj", "printed"), [("HGNC:4979", "true"), ("HGNC:1", "false")])
def test_ask_prints_true_or_false_and_exits_0(mini_build: Path, obj: str, printed: str) -> None:
    code, out, _ = invoke("--build-dir", str(mini_build), f"ASK {{ ?c RO:0002292 {obj} }}")
    assert (code, out) == (0, printed + "\n")


def test_construct_prints_turtle(mini_build: Path) -> None:
    code, out, _ = invoke(
        "--build-dir", str(mini_build), "CONSTRUCT { ?c RO:0002292 ?m } WHERE { ?c RO:0002292 ?m }"
    )
    assert code == 0
    assert len(list(ox.parse(out.encode(), format=ox.RdfFormat.TURTLE))) == 3


def test_named_query_with_a_param(mini_build: Path) -> None:
    code, out, _ = invoke(
        "--build-dir", str(mini_build), "--name", "drugs-for-cell-type", "--param", "cell=CL:0000100",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0
    labels = {row["drugLabel"] for row in csv.DictReader(io.StringIO(out, newline=""))}
    assert labels == {"Riluzole", "Edaravone"}


def test_an_unknown_entity_param_warns_with_the_closest_matches(mini_build: Path) -> None:
    """Regression (issue 12): ``--param cell=CL:9999999`` gave a silent empty result."""
    args = ("--build-dir", str(mini_build), "--name", "drugs-for-cell-type", "--format", "csv")
    code, out, err = invoke(*args, "--param", "cell=CL:9999999")
    assert code == 0 and len(list(csv.reader(io.StringIO(out, newline="")))) == 1  # header
    assert err.startswith("Warning: --param cell=CL:9999999: no triple in the build names ")
    assert "closest matches: CL:0000100 (Motor Neurons)" in err  # the fixture's one CL class
    _, _, err = invoke(*args, "--param", "cell=CL:0000100")
    assert err == ""


def test_list_shows_names_titles_and_params() -> None:
    code, out, _ = invoke("--list")
    assert code == 0
    titles = {
        line.split()[0]: line.split(None, 1)[1] for line in out.splitlines() if line[0] != " "
    }
    assert titles == {q.name: q.title for q in list_named()}
    for q in list_named():
        for p in q.params:
            assert f"--param {p.name}=<{p.kind}>" in out


def test_query_from_file_and_stdin(mini_build: Path, tmp_path: Path) -> None:
    rq = tmp_path / "markers.rq"
    rq.write_text(MARKERS, "utf-8")
    _, from_file, _ = invoke("--build-dir", str(mini_build), "--file", str(rq))
    _, from_stdin, _ = invoke("--build-dir", str(mini_build), "-", stdin=MARKERS)
    assert from_file == from_stdin
    assert "HGNC:4979" in from_file


def test_limit_note_goes_to_stderr(mini_build: Path) -> None:
    code, out, err = invoke(
        "--build-dir", str(mini_build), "--format", "csv", "--limit", "1", MARKERS
    )
    assert code == 0
    assert len(out.strip().splitlines()) == 2  # header and one row: stdout stays valid CSV
    assert "stopped at --limit 1" in err


def test_update_changes_the_store_and_warns(tmp_path: Path) -> None:
    build = make_build(tmp_path / "build")
    insert = 'INSERT DATA { GRAPH kg:graph-x { CL:0000100 rdfs:comment "x" } }'
    code, out, err = invoke("--build-dir", str(build), "--update", insert)
    assert (code, out) == (0, "update applied\n")
    assert "differs from dataset.nq" in err
    _, out, _ = invoke("--build-dir", str(build), 'ASK { CL:0000100 rdfs:comment "x" }')
    assert out == "true\n"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            "SERVICE at line 1",
        ),
        ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD at line 1, column 1 would fetch data"),
        ("DROP ALL", "pass --update"),
    ],
)
def test_unsafe_queries_exit_2(
    mini_build: Path,
    query: str,
    message: str,
) -> None:
    code, out, err = invoke(*["--build-dir", str(mini_build), query])
    assert code == 2
    assert out == ""
    assert err.startswith("Error: ") and message in err


def test_syntax_error_names_file_line_and_column(
    mini_build: Path,
    tmp_path: Path,
) -> None:
    rq = tmp_path / "bad.rq"
    rq.write_text("SELECT ?s\nWHERE {\n  ?s ?p ?o\n}\nLIMIT x\n", "utf-8")
    code, _, err = invoke(*["--build-dir", str(mini_build), "--file", str(rq)])
    assert code == 2
    assert err.startswith(f"Error: {rq}:5: malformed SPARQL at line 5, column 7: ")
    assert "  5 | LIMIT x\n    |       ^" in err


def test_timeout_exits_2_and_says_so(mini_build: Path) -> None:
    explosive = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    args = ["--build-dir", str(mini_build), "--timeout", "1", explosive]
    code, _, err = invoke(*args)
    assert code == 2
    assert "stopped after 1 s (the time limit)" in err


def test_needs_exactly_one_query(mini_build: Path) -> None:
    code, _, err = invoke(*["--build-dir", str(mini_build)])
    assert code == 2
    assert "give exactly one of QUERY, --file F.rq or --name NAME" in err
