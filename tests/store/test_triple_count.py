"""The streamed distinct-triple count agrees with Oxigraph's SPARQL count."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kg import vocab as v
from kg.store.dataset import Block, write_dataset
from kg.store.oxigraph import count_triples, load_store
from kg.store.triple_count import DIGEST, DistinctTriples, graph_triples

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


def test_shares_kept_per_graph_give_the_same_count(tmp_path: Path) -> None:
    """A page's share, computed when it is built (graph_triples), counts as its bytes would;
    the lines added in memory (the activity link) are still read."""
    link = f"<{v.KG}page> <{v.PROV_WAS_GENERATED_BY}> <{v.KG}build-x>"
    blocks = []
    for i, b in enumerate(_blocks()):
        data = ("\n".join(b.lines) + "\n").encode()
        path = tmp_path / f"{i}.nq"
        path.write_bytes(data)
        share = graph_triples(data)
        assert share[0] == 2 and len(share[1]) == 2 * DIGEST  # statement + selector; 2 others
        blocks.append(
            Block(graph=b.graph, path=path, lines=(f"{link} <{b.graph}> .",), triples=share)
        )
    shared = write_dataset(tmp_path / "shared.nq", blocks)
    read = write_dataset(tmp_path / "read.nq", [replace(b, triples=None) for b in blocks])
    assert (tmp_path / "shared.nq").read_bytes() == (tmp_path / "read.nq").read_bytes()
    load_store(tmp_path / "read.nq", tmp_path / "store")
    assert shared.triples == read.triples == count_triples(tmp_path / "store") == 7
    with pytest.raises(ValueError, match="multiple of 16"):
        DistinctTriples().add(0, b"short")
