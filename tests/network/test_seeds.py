"""The network layer on the seeds' build (tests/conftest.py `seed_build`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.network import Diagram, Network, build_diagram, open_network, render, shortest_paths
from kg.network.provenance import provenance
from tests.conftest import MOTOR_NEURONS_SEED
from tests.network.graphml_check import assert_valid_graphml, read_graphml
from tests.network.mermaid_check import parse_flowchart

MOTOR_NEURONS = "http://purl.obolibrary.org/obo/CL_0000100"
#: The seed's "Drug | Mechanism" sub-table: Riluzole, Edaravone, AMX0035 (Relyvrio), Tofersen.
SEED_DRUGS = ("riluzole", "edaravone", "amx0035", "tofersen")
#: Markers of the iPSC-derived motor neurons page ("CHAT, ISL1, HB9, ..."; HB9 is MNX1).
SEED_MARKERS = ("CHAT", "ISL1", "MNX1")


@pytest.fixture(scope="module")
def seed_net(seed_build: Path) -> Network:
    return open_network(seed_build)


@pytest.fixture(scope="module")
def mn_diagram(seed_net: Network) -> Diagram:
    centre = seed_net.entity("cell-types-motor-neurons")
    assert centre == MOTOR_NEURONS
    return build_diagram(seed_net.graph, centre, depth=2, max_edges=500)


def _edges(d: Diagram) -> set[tuple[str, str, str]]:
    return {
        (d.node(e.source).label.casefold(), e.label, d.node(e.target).label.casefold())
        for e in d.edges
    }


def test_motor_neurons_diagram_has_drugs_markers_and_links(mn_diagram: Diagram) -> None:
    centre = mn_diagram.node(MOTOR_NEURONS).label.casefold()
    edges = _edges(mn_diagram)
    for drug in SEED_DRUGS:
        assert any(
            s.startswith(drug) and rel == "affects" and o == centre for s, rel, o in edges
        ), drug
    ipsc = "ipsc-derived motor neurons"
    for marker in SEED_MARKERS:
        assert (ipsc, "expresses", marker.casefold()) in edges, marker
    # page links are navigation (rdfs:seeAlso, issue 11): drawn as "see also" edges
    assert (centre, "see also", "amyotrophic lateral sclerosis") in edges
    assert (ipsc, "see also", centre) in edges
    assert (centre, "has soma location", "hypoglossal nucleus") in edges
    assert (centre, "present in taxon", "mus musculus") in edges


def test_mermaid_of_the_seed_diagram_parses(mn_diagram: Diagram) -> None:
    chart = parse_flowchart(render(mn_diagram, "mermaid"))
    assert len(chart.edges) == len(mn_diagram.edges)
    assert len(chart.nodes) == len(mn_diagram.nodes)
    assert chart.styled == ["CL_0000100"]


def test_graphml_of_the_seed_diagram_reloads(mn_diagram: Diagram, tmp_path: Path) -> None:
    path = tmp_path / "mn.graphml"
    path.write_text(render(mn_diagram, "graphml"), encoding="utf-8")
    assert_valid_graphml(path)
    g = read_graphml(path)
    assert set(g.nodes) == {n.iri for n in mn_diagram.nodes}
    reloaded = sorted((u, v, d["label"], d["statements"]) for u, v, d in g.edges(data=True))
    assert reloaded == sorted((e.source, e.target, e.label, e.statements) for e in mn_diagram.edges)


def test_provenance_of_riluzole_names_page_lines_and_quote(seed_net: Network) -> None:
    drug = seed_net.entity("riluzole")
    prov = provenance(seed_net, drug, relation="affects", obj="CL:0000100")
    (fact,) = prov.facts
    assert fact.pages == ("cell-types-motor-neurons",)
    (st,) = fact.statements
    assert st.extractors == ("infobox.subtable.drug",)
    (src,) = st.sources
    assert Path(src.file or "").name == MOTOR_NEURONS_SEED.name
    text = MOTOR_NEURONS_SEED.read_text(encoding="utf-8")
    assert src.start is not None and src.end is not None
    assert text[src.start : src.end] == src.quote
    assert "Riluzole" in src.quote and "Glutamate inhibition" in src.quote
    assert src.line_start == text.count("\n", 0, src.start) + 1
    assert src.line_end == text.count("\n", 0, src.end - 1) + 1
    # the complete second copy of the infobox, not the truncated first one
    first, second = [i for i in range(len(text)) if text.startswith('"label">Riluzole<', i)]
    assert src.start <= second < src.end and not (src.start <= first < src.end)


def test_path_from_a_drug_to_a_marker(seed_net: Network) -> None:
    found = shortest_paths(seed_net.graph, seed_net.entity("riluzole"), seed_net.entity("ISL1"))
    assert found
    for path in found:
        assert path.nodes[0] == seed_net.entity("riluzole")
        assert all(r.statements >= 1 and r.pages for s in path.steps for r in s.relations)


def test_cli_on_the_seeds(seed_build: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["diagram", "motor neurons", "--build-dir", str(seed_build)])
    assert result.exit_code == 0, result.output
    assert "CL_0000100" in parse_flowchart(result.output).nodes
    out = tmp_path / "diagrams"
    result = runner.invoke(
        cli, ["diagram", "--all", "--out", str(out), "--build-dir", str(seed_build)]
    )
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["cell-types-ipsc-derived-motor-neurons.mmd", "cell-types-motor-neurons.mmd"]
    for p in out.iterdir():
        parse_flowchart(p.read_text(encoding="utf-8"))
    result = runner.invoke(
        cli, ["provenance", "riluzole", "--relation", "affects", "--build-dir", str(seed_build)]
    )
    assert result.exit_code == 0 and "000_249a800520ed50d9.txt:" in result.output
