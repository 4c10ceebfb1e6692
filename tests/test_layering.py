"""The package's layering: no import circles between sub-packages, and IRIs come from kg.vocab.

``kg.vocab`` is the bottom layer (namespaces, the CURIE converter, minting, one constant per
term): it imports nothing of the project's. Every other sub-package imports only upstream, so
the import graph between sub-packages has no cycle. Outside ``kg/vocab`` no term IRI is built
by concatenating a namespace with a string.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx

KG = Path(__file__).resolve().parents[1] / "kg"


def _unit(path: Path) -> str:
    """The sub-package (or top-level module) a file belongs to: ``kg/extract/x.py`` -> extract."""
    rel = path.relative_to(KG).with_suffix("")
    return rel.parts[0]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "kg":
                names = [f"kg.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        found |= {n.split(".")[1] for n in names if n.startswith("kg.")}
    units = {
        p.stem if p.is_file() else p.name for p in KG.iterdir() if p.suffix == ".py" or p.is_dir()
    }
    return found & units  # ``from kg import __version__`` names kg/__init__.py, not a unit


def import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for path in KG.rglob("*.py"):
        unit = _unit(path)
        g.add_node(unit)
        for target in _imports(path) - {unit}:
            g.add_edge(unit, target, file=str(path.relative_to(KG.parent)))
    return g


def test_no_import_circles_between_subpackages() -> None:
    g = import_graph()
    cycles = list(nx.simple_cycles(g))
    described = [
        " -> ".join(f"{a} ({g.edges[a, b]['file']})" for a, b in zip(c, c[1:] + c[:1], strict=True))
        for c in cycles
    ]
    assert not cycles, "import circles:\n" + "\n".join(described)


def test_vocab_is_the_bottom_layer() -> None:
    g = import_graph()
    assert set(g.successors("vocab")) == set(), "kg.vocab must import nothing of the project's"
    for unit in ("pages", "parse", "ground", "extract", "rdf"):
        assert "vocab" not in nx.descendants(g, "vocab") and unit in g


def test_the_graph_sees_a_planted_circle(tmp_path: Path) -> None:
    """The check above could fail: a circle between two units is found by the same walk."""
    g = nx.DiGraph([("extract", "rdf"), ("rdf", "extract")])
    assert list(nx.simple_cycles(g))


_NAMESPACES = (
    "RDF|RDFS|OWL|XSD|PROV|OA|DCTERMS|SKOS|FOAF|SH|SEMAPV|OIO|BIOLINK|OBO|KG|KGV|KGS|"
    "SCIDEX_ARTIFACT|RFC5147|B|K|RO"
)
#: ``v.KGV + "x"``, ``KGV + "x"``, ``_OWL + "x"``, ``f"{v.KGV}x"`` and ``f"<{v.RDF}x"``
CONCAT = re.compile(
    rf"""\b(?:v\.|vocab\.)?_?(?:{_NAMESPACES})\s*\+\s*[\w"']"""
    rf"""|f["']<?\{{(?:v\.|vocab\.)?_?(?:{_NAMESPACES})\}}"""
)


def concatenations(root: Path) -> list[str]:
    hits = []
    for path in sorted(root.rglob("*.py")):
        if path.is_relative_to(root / "vocab"):
            continue
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if CONCAT.search(line):
                hits.append(f"{path.relative_to(root.parent)}:{n}: {line.strip()}")
    return hits


def test_no_iri_is_concatenated_outside_vocab() -> None:
    hits = concatenations(KG)
    assert not hits, "build these IRIs in kg/vocab (a named constant):\n" + "\n".join(hits)


def test_the_concatenation_check_finds_one(tmp_path: Path) -> None:
    pkg = tmp_path / "kg"
    pkg.mkdir()
    (pkg / "a.py").write_text('X = v.KGV + "thing"\nY = f"{v.RDF}type"\nZ = "plain" + "text"\n')
    assert [h.split(":")[1] for h in concatenations(pkg)] == ["1", "2"]


def test_networkx_through_its_public_api_only() -> None:
    """``G.succ`` / ``G.pred`` / ``G.adj`` are networkx's API; ``G._succ`` and friends are not."""
    private = re.compile(r"\.(_succ|_pred|_adj|_node|_nodes|_edges)\b(?!\()")  # not own methods
    hits = [
        f"{path.relative_to(KG.parent)}:{n}"
        for path in sorted((KG / "network").rglob("*.py"))
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if private.search(line)
    ]
    assert not hits, "networkx internals used at " + ", ".join(hits)
