"""No ontology import reaches the network, however it is spelled; XXE is refused in one line.

A real HTTP listener on loopback counts the requests; each ontology imports an address on it.
"""

from __future__ import annotations

import http.server
import re
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import vocab as v
from kg.cli import cli
from kg.errors import InputError
from kg.ground import shipped_module_path
from kg.validate.ontology import load
from kg.validate.sandbox import NO_NETWORK, run_isolated
from tests.conftest import SEEDS_DIR

ROOT = Path(__file__).resolve().parents[2]
MOTOR_NEURON = v.OBO + "CL_0000100"
HEADER = '<owl:Ontology rdf:about="https://scidex.ai/kg/cl-module.owl">'
ROOT_TAG = "<rdf:RDF"


class Listener:
    """An HTTP server on 127.0.0.1 that answers 404 and records every request path."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        paths = self.paths

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                paths.append(self.path)
                self.send_response(404)
                self.end_headers()

            def log_message(self, *_args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def _import_spellings(url: str) -> dict[str, tuple[str, str]]:
    """(DOCTYPE, element inside the ontology header) per spelling of an import of ``url``."""
    owl = v.OWL
    return {
        "prefix": ("", f'<o:imports xmlns:o="{owl}" rdf:resource="{url}/prefix.owl"/>'),
        "default": ("", f'<imports xmlns="{owl}" rdf:resource="{url}/default.owl"/>'),
        "entity": (
            f"<!DOCTYPE rdf:RDF [<!ENTITY imp '<owl:imports rdf:resource=\"{url}/entity.owl\"/>'>]>",
            "&imp;",
        ),
    }


def _ontology(tmp_path: Path, name: str, doctype: str, inside_header: str) -> Path:
    text = shipped_module_path().read_text("utf-8")
    assert HEADER in text and ROOT_TAG in text
    text = text.replace(HEADER, f"{HEADER}\n        {inside_header}", 1)
    if doctype:
        text = text.replace(ROOT_TAG, f"{doctype}\n{ROOT_TAG}", 1)
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("spelling", ["prefix", "default", "entity"])
def test_no_import_spelling_is_fetched(tmp_path: Path, listener: Listener, spelling: str) -> None:
    """Regression: imports with another prefix or the default namespace were downloaded."""
    doctype, element = _import_spellings(listener.url)[spelling]
    path = _ontology(tmp_path, f"{spelling}.owl", doctype, element)
    onto = load(path)
    assert listener.paths == []
    assert onto.has(MOTOR_NEURON)


def test_build_and_validate_fetch_nothing(tmp_path: Path, listener: Listener) -> None:
    """`kg build --ontology F` and `kg validate --ontology F` with every spelling in one file."""
    spellings = _import_spellings(listener.url)
    path = _ontology(
        tmp_path,
        "all.owl",
        spellings["entity"][0],
        "\n".join(element for _, element in spellings.values()),
    )
    out = tmp_path / "build"
    runner = CliRunner()
    built = runner.invoke(
        cli, ["build", str(SEEDS_DIR), "--out", str(out), "--ontology", str(path)]
    )
    assert built.exit_code == 0, built.output
    checked = runner.invoke(cli, ["validate", "--build-dir", str(out), "--ontology", str(path)])
    assert checked.exit_code in (0, 1), checked.output
    assert f"ontology: {path.name}" in checked.stdout
    assert listener.paths == []


def test_the_owlready2_process_cannot_connect(listener: Listener) -> None:
    """The second guard: even a direct download in the ontology process never leaves it."""
    with pytest.raises(InputError, match=re.escape(NO_NETWORK)):
        run_isolated(urllib.request.urlopen, f"{listener.url}/direct.owl", where=Path("x.owl"))
    assert listener.paths == []


XXE = '<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
FIRST_LABEL = "<rdfs:label>cell</rdfs:label>"


@pytest.mark.parametrize("command", ["build", "validate"])
def test_xxe_is_refused_in_one_line(tmp_path: Path, seed_build: Path, command: str) -> None:
    """Regression: `kg validate --ontology` loaded a file declaring an external entity."""
    text = shipped_module_path().read_text("utf-8")
    assert FIRST_LABEL in text
    text = text.replace(ROOT_TAG, f"{XXE}\n{ROOT_TAG}", 1)
    text = text.replace(FIRST_LABEL, "<rdfs:label>&e;</rdfs:label>", 1)
    path = tmp_path / "xxe.owl"
    path.write_text(text, "utf-8")
    if command == "build":
        args = ["build", str(SEEDS_DIR), "--out", str(tmp_path / "b"), "--ontology", str(path)]
    else:
        args = ["validate", "--build-dir", str(seed_build), "--ontology", str(path)]
    line = text.splitlines().index(XXE) + 1
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        f"Error: {path}:{line}: external entity 'e' (file:///etc/passwd) refused: kg reads no file "
        "and no address an ontology points to; remove the <!ENTITY> declaration"
    ]
    assert "root:" not in r.output


def test_owlready2_output_never_reaches_the_terminal(tmp_path: Path, seed_build: Path) -> None:
    """Regression: owlready2's warnings (here: a cyclic subclass) were printed among kg's."""
    text = shipped_module_path().read_text("utf-8")
    cycle = f'{FIRST_LABEL}\n        <rdfs:subClassOf rdf:resource="{MOTOR_NEURON}"/>'
    path = tmp_path / "cyclic.owl"
    path.write_text(text.replace(FIRST_LABEL, cycle, 1), "utf-8")
    args = ["validate", "--build-dir", str(seed_build), "--ontology", str(path), "--no-reasoner"]
    r = subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert r.returncode in (0, 1), r.stderr
    assert r.stderr == ""
