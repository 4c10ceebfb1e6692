"""Page text cannot drive the terminal: controls shown as ``\\uXXXX``; ``-o`` files exact."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.cli.terminal import SafeStream, terminal_safe
from kg.pipeline import build
from tests.conftest import PAGE_FIXTURES_DIR

CITE = PAGE_FIXTURES_DIR / "cite_shell.txt"
PLAIN_TITLE = "Microglia — Chronic Neuroinflammation"
#: OSC (window title), a CSI, a C1 CSI on its own, a bidi override, a lone carriage return
HOSTILE_TITLE = "Microglia \x1b]0;PWNED\x07 — Chronic\x1b[31m \x9b31m\u202eNeuro\rinflammation"
#: Raw controls a terminal acts on (CSV's \r\n line ends are removed before the check).
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TITLE_QUERY = "SELECT ?t WHERE { ?p dcterms:title ?t }"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    text = CITE.read_text("utf-8")
    assert f"\n{PLAIN_TITLE}\n" in text
    page = root / "page.txt"
    page.write_text(text.replace(f"\n{PLAIN_TITLE}\n", f"\n{HOSTILE_TITLE}\n", 1), "utf-8")
    out = root / "build"
    build([page], out=out)
    return out


def _kg(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


def _assert_inert(text: str) -> None:
    assert "PWNED" in text  # shown, not dropped
    assert not RAW_CONTROL.search(text.replace("\r\n", "\n")), repr(text)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_query_output_is_inert(hostile_build: Path, fmt: str) -> None:
    """Regression: an OSC sequence in a page title was printed raw by `kg query`."""
    code, out, _ = _kg("query", TITLE_QUERY, "--build-dir", str(hostile_build), "--format", fmt)
    assert code == 0
    _assert_inert(out)
    assert "\\u001b]0;PWNED\\u0007" in out  # the OSC shown as text, its introducer escaped


def test_query_json_and_tsv_stay_lossless(hostile_build: Path) -> None:
    """The escape used is JSON's and N-Triples' own: the exact title reads back."""
    _, out, _ = _kg("query", TITLE_QUERY, "--build-dir", str(hostile_build), "--format", "json")
    _assert_inert(out)
    (binding,) = json.loads(out)["results"]["bindings"]
    assert binding["t"]["value"] == HOSTILE_TITLE
    _, out, _ = _kg("query", TITLE_QUERY, "--build-dir", str(hostile_build), "--format", "tsv")
    term = out.splitlines()[1]
    (parsed,) = ox.parse(f"<urn:s> <urn:p> {term} .\n", format=ox.RdfFormat.N_TRIPLES)
    assert parsed.object.value == HOSTILE_TITLE


def test_query_o_file_keeps_the_exact_data(hostile_build: Path, tmp_path: Path) -> None:
    target = tmp_path / "titles.csv"
    args = ("query", TITLE_QUERY, "--build-dir", str(hostile_build), "--format", "csv")
    code, out, _ = _kg(*args, "-o", str(target))
    assert code == 0 and out == ""
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8"), newline="")))
    assert rows[1] == [HOSTILE_TITLE]


def test_validate_text_is_inert_and_o_keeps_it(hostile_build: Path, tmp_path: Path) -> None:
    """Regression: `kg validate` quoted the page's title raw."""
    code, out, _ = _kg("validate", "--build-dir", str(hostile_build), "--no-reasoner")
    assert code in (0, 1)
    _assert_inert(out)
    target = tmp_path / "report.txt"
    _kg("validate", "--build-dir", str(hostile_build), "--no-reasoner", "-o", str(target))
    assert HOSTILE_TITLE.split("\r")[0] in target.read_text("utf-8")


def test_export_to_stdout_is_inert_and_lossless(hostile_build: Path) -> None:
    code, out, _ = _kg("export", "--build-dir", str(hostile_build), "--format", "nquads")
    assert code == 0
    _assert_inert(out)
    titles = {
        q.object.value
        for q in ox.parse(out.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        if q.predicate.value == "http://purl.org/dc/terms/title"
    }
    assert titles == {HOSTILE_TITLE}


def test_safe_stream_equals_one_call_whatever_the_chunks() -> None:
    text = "a\r\nb\x9bc\u202ed\re\r"
    data = text.encode("utf-8")
    for size in range(1, len(data) + 1):
        sink = io.BytesIO()
        stream = SafeStream(sink)
        for i in range(0, len(data), size):
            stream.write(data[i : i + size])
        stream.close()
        assert sink.getvalue().decode("utf-8") == terminal_safe(text), size
    assert terminal_safe(text) == "a\r\nb\\u009bc\\u202ed\\u000de\\u000d"
