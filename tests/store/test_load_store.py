"""Loading the store block by block (kg.store.oxigraph.load_store): every quad, once, as written."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store.oxigraph import load_store


def _dumped(store_dir: Path) -> list[bytes]:
    data = ox.Store.read_only(str(store_dir)).dump(format=ox.RdfFormat.N_QUADS, from_graph=None)
    assert isinstance(data, bytes)
    return sorted(data.splitlines())


@pytest.mark.parametrize("block", [1 << 30, 1 << 16])  # one block; blocks cut inside lines
def test_blocks_cut_anywhere_load_the_dataset_s_quads(
    seed_build: Path, tmp_path: Path, block: int
) -> None:
    dataset = seed_build / "dataset.nq"
    lines = dataset.read_bytes().splitlines()
    assert len(dataset.read_bytes()) > 8 * (1 << 16)  # so 64 KB makes several blocks
    load_store(dataset, tmp_path / "store", block=block)
    assert _dumped(tmp_path / "store") == sorted(lines)


def test_a_block_shorter_than_a_line_and_a_last_line_without_newline(tmp_path: Path) -> None:
    nq = tmp_path / "d.nq"
    lines = [f'<https://a{i}> <https://p> "x{i}" <https://g> .'.encode() for i in range(5)]
    nq.write_bytes(b"\n".join(lines))  # no newline after the last line
    load_store(nq, tmp_path / "store", block=16)
    assert _dumped(tmp_path / "store") == sorted(lines)
