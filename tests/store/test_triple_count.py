"""The streamed distinct-triple count agrees with Oxigraph's SPARQL count."""

from __future__ import annotations

from pathlib import Path

from kg import vocab as v
from kg.store.dataset import Block, write_dataset
from kg.store.oxigraph import count_triples, load_store

FACT = "<http://purl.obolibrary.org/obo/CL_0000100> <http://purl.obolibrary.org/obo/RO_0002292>"
TRICKY = '"a quote with <angle> and \\" <g> . inside"'  # " <" inside a literal object


def _blocks() -> list[Block]:
    stmt = v.statement_iri("g", "s", "p", "o")
    sel = v.selector_iri("page", 1, 2)
    graphs = [f"https://scidex.ai/kg/graph-{n}" for n in ("a", "b")]
    blocks = []
    for g in graphs:
        lines = (
            f"{FACT} <http://identifiers.org/hgnc/4979> <{g}> .",  # the same fact in both graphs
            f"<{v.KG}ref-x> <{v.RDFS_LABEL}> {TRICKY} <{g}> .",  # and a tricky literal
            f"<{stmt}{g[-1]}> <{v.RDF_TYPE}> <{v.RDF_STATEMENT}> <{g}> .",
            f"<{sel}{g[-1]}-quote> <{v.OA_EXACT}> {TRICKY} <{g}> .",
        )
        blocks.append(Block(graph=g, lines=tuple(sorted(lines))))
    return blocks


def test_count_matches_oxigraph(tmp_path: Path) -> None:
    dataset = tmp_path / "dataset.nq"
    artifact = write_dataset(dataset, _blocks())
    load_store(dataset, tmp_path / "store")
    assert artifact.quads == 8
    assert artifact.triples == count_triples(tmp_path / "store") == 6  # two repeat across graphs
