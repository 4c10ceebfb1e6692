"""Cytoscape JSON loaded by the real cytoscape.js (headless, under node).

cytoscape.js is installed by ``.ci/test-tools`` (``npm install cytoscape`` into
``${XDG_CACHE_HOME:-~/.cache}/kg-tests/node``; ``KG_NODE_MODULES`` may name another
``node_modules`` folder). Without node or that package the test skips with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.network import Diagram, Network, build_diagram, render
from tests.network.conftest import CL_MOTOR_NEURON

LOAD_SCRIPT = """
const cytoscape = require('cytoscape');
const fs = require('fs');
const json = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const warnings = [];
console.warn = (...args) => warnings.push(args.join(' '));
const cy = cytoscape({ headless: true, elements: json.elements, data: json.data });
process.stdout.write(JSON.stringify({
  nodes: cy.nodes().length,
  edges: cy.edges().length,
  name: cy.data('name'),
  centre: cy.data('centre'),
  depth: cy.data('depth'),
  centreName: cy.getElementById(cy.data('centre')).data('name'),
  edgeIds: cy.edges().map(e => e.id()),
  warnings: warnings,
}));
"""


def node_modules() -> Path:
    env = os.environ.get("KG_NODE_MODULES")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = Path(env) if env else cache / "kg-tests" / "node" / "node_modules"
    if shutil.which("node") is None:
        pytest.skip("node is not installed (`apt-get install nodejs`)")
    if not (folder / "cytoscape" / "package.json").is_file():
        pytest.skip(f"cytoscape.js is not installed in {folder} (run `bash .ci/test-tools`)")
    return folder


@pytest.fixture(scope="module")
def diagram(net: Network) -> Diagram:
    return build_diagram(net.graph, CL_MOTOR_NEURON, depth=2)


def test_cytoscape_js_loads_names_and_ids(diagram: Diagram, tmp_path: Path) -> None:
    """Regression (issue 12): the top-level ``data`` was a list of pairs (cytoscape.js lost
    name, centre and depth) and edges had no ``id``."""
    modules = node_modules()
    path = tmp_path / "d.cyjs"
    path.write_text(render(diagram, "cyjs"), encoding="utf-8")
    data = json.loads(path.read_text("utf-8"))
    ids = [el["data"].get("id") for group in ("nodes", "edges") for el in data["elements"][group]]
    assert None not in ids and len(ids) == len(set(ids))
    script = tmp_path / "load.js"
    script.write_text(LOAD_SCRIPT, encoding="utf-8")
    proc = subprocess.run(
        ["node", str(script), str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NODE_PATH": str(modules)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    cy = json.loads(proc.stdout)
    assert cy["warnings"] == []
    assert cy["nodes"] == len(diagram.nodes) and cy["edges"] == len(diagram.edges)
    assert cy["name"] == diagram.title and cy["centre"] == CL_MOTOR_NEURON
    assert cy["depth"] == diagram.depth
    assert cy["centreName"] == diagram.node(CL_MOTOR_NEURON).label
    assert sorted(cy["edgeIds"]) == sorted(el["data"]["id"] for el in data["elements"]["edges"])
