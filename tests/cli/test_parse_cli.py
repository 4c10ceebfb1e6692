"""`kg parse PAGE [--format json|text]`: output, determinism, warnings and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR, line_count, line_of


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_text_summary_of_the_motor_neurons_seed() -> None:
    code, out, _ = run("parse", str(MOTOR_NEURONS_SEED))
    assert code == 0
    assert "shell: cite   copies: 2" in out
    assert "title: Motor Neurons (line 2)" in out
    assert "url: http://scidex.ai/artifact/wiki-cell-types-motor-neurons" in out
    assert "slug: cell-types-motor-neurons" in out
    assert "entity type: cell" in out
    assert "  wiki_page_id = wp-2643c9649cff" in out
    assert "  sub-table Drug | Mechanism (lines 128-147):" in out
    assert "    Riluzole | Glutamate inhibition" in out
    assert "Cell Ontology (CL) | CL:0000100  [CL:0000100]" in out
    assert "citations 7" in out and "diagrams 0" in out
    assert "line 4: truncated-copy:" in out
    assert "superseded 75" in out
    assert "unused lines: none" in out


def test_json_is_complete_sorted_and_deterministic() -> None:
    code, out, _ = run("parse", str(IPSC_SEED), "--format", "json")
    assert code == 0
    again = run("parse", str(IPSC_SEED), "--format", "json")[1]
    assert out == again
    data = json.loads(out)
    assert list(data) == sorted(data)
    assert data["shell"] == "cite" and data["copies"] == 2
    assert data["slug"] == "cell-types-ipsc-derived-motor-neurons"
    box = data["infoboxes"][0]
    assert box["kind"] == "celltype"
    assert [c["key"] for c in box["citations"]] == [
        "donnelly2013",
        "kalkonde2022",
        "kino2015",
        "schizopoulos2024",
    ]
    lineage = box["rows"][0]
    assert lineage["value"]["text"] == "Stem Cell > iPSC > Motor Neuron"
    assert set(lineage["span"]) == {"start", "end", "first_line", "last_line"}
    text = IPSC_SEED.read_text(encoding="utf-8")
    assert text[lineage["span"]["start"] : lineage["span"]["end"]] == lineage["source"]
    assert len(data["lines"]) == line_count(IPSC_SEED) and data["lines"][0] == "chrome"
    # the truncated first copy: from its infobox to the line before the restarting title
    first = line_of(IPSC_SEED, '<table class="infobox', 1)
    restart = line_of(IPSC_SEED, '<table class="infobox', 2) - 1
    assert data["line_roles"]["superseded"] == restart - first
    assert data["unused_lines"] == []
    assert data["metadata"]["merged_from"] == [
        ["merged_at", "2026-05-13"],
        ["unprefixed_id", "cell-types-ipsc-derived-motor-neurons"],
    ]


def test_unused_lines_are_listed(tmp_path: Path) -> None:
    page = tmp_path / "entity.txt"
    page.write_text(
        "SciDEX navigation bar\nEntity Detail — Knowledge Graph Node\n| Name | TDP-43 |\n",
        encoding="utf-8",
    )
    code, out, _ = run("parse", str(page))
    assert code == 0
    assert "unused lines: 1\n  1: SciDEX navigation bar\n" in out
    data = json.loads(run("parse", str(page), "--format", "json")[1])
    assert data["unused_lines"] == [{"line": 1, "text": "SciDEX navigation bar"}]


def test_not_a_scidex_page_is_a_partial_result_with_a_warning() -> None:
    path = PAGE_FIXTURES_DIR / "not_scidex.txt"
    code, out, err = run("parse", str(path))
    assert code == 0
    assert "shell: unknown" in out
    assert "not-scidex-page" in out
    assert err.startswith(f"Warning: {path}:1: ")


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (b"", 1, "empty"),
        (b"title\nmore\n\x00\x00binary", 3, "binary"),
        ("ok\nMotor neurons caf\u00e9\n".encode("latin-1"), 2, "not UTF-8"),
    ],
)
def test_bad_input_is_an_error_naming_file_and_line(
    tmp_path: Path,
    content: bytes,
    line: int,
    words: str,
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run("parse", str(path))
    assert code == 2
    assert out == ""
    assert err.startswith(f"Error: {path}:{line}: ")
    assert words in err
    assert "Traceback" not in err


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("parse", str(tmp_path / "nope.txt"))
    assert code == 2
    assert err.startswith("Error: ") and "no such file" in err


def test_history_fixture_json_spans_point_into_the_raw_file() -> None:
    path = PAGE_FIXTURES_DIR / "history_view.txt"
    data = json.loads(run("parse", str(path), "--format", "json")[1])
    assert data["shell"] == "history"
    raw = path.read_text(encoding="utf-8")
    box = data["infoboxes"][0]
    assert raw[box["span"]["start"] : box["span"]["end"]] == box["source"]
    assert '\\"infobox infobox-gene\\"' in box["source"]


def test_unattached_markers_are_listed_with_their_lines() -> None:
    """Issue 11: the iPSC infobox's stray markers are page references attached to no fact."""
    code, out, _ = run("parse", str(IPSC_SEED))
    assert code == 0
    assert "unattached citations (page references, attached to no fact): 4" in out
    for key in ("donnelly2013", "kalkonde2022", "kino2015", "schizopoulos2024"):
        assert f"  line {line_of(IPSC_SEED, f'[@{key}]', 2)}: [@{key}]" in out
    data = json.loads(run("parse", str(IPSC_SEED), "--format", "json")[1])
    assert [c["key"] for c in data["unattached_citations"]] == [
        "donnelly2013",
        "kalkonde2022",
        "kino2015",
        "schizopoulos2024",
    ]
