"""Loading the store block by block (kg.store.oxigraph.load_store): every quad, once, as written,
whether one thread loads the blocks or several load them into the one store at once."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import update_plan
from kg.store.oxigraph import load_store


def _dumped(store_dir: Path) -> list[bytes]:
    data = ox.Store.read_only(str(store_dir)).dump(format=ox.RdfFormat.N_QUADS, from_graph=None)
    assert isinstance(data, bytes)
    return sorted(data.splitlines())


@pytest.mark.parametrize("threads", [1, 2, 3])
@pytest.mark.parametrize("block", [1 << 30, 1 << 16])  # one block; blocks cut inside lines
def test_blocks_cut_anywhere_load_the_dataset_s_quads(
    seed_build: Path, tmp_path: Path, block: int, threads: int
) -> None:
    dataset = seed_build / "dataset.nq"
    lines = dataset.read_bytes().splitlines()
    assert len(dataset.read_bytes()) > 8 * (1 << 16)  # so 64 KB makes several blocks
    load_store(dataset, tmp_path / "store", block=block, threads=threads)
    assert _dumped(tmp_path / "store") == sorted(lines)


def test_blocks_loaded_at_once_share_terms_and_graphs(tmp_path: Path) -> None:
    """Blocks name the same predicates, literals (non-ASCII, as kg writes them) and graphs, and
    each line is in one block only: loaded by four threads at once, the store has each quad
    once and each term as written (a term two loads both wrote is one term, not two)."""
    nq = tmp_path / "d.nq"
    lines = sorted(
        f'<https://s{i // 5}> <https://p{i % 7}> "shared é {i % 3}" <https://g{i % 5}> .'.encode()
        for i in range(2000)
    )
    assert len(set(lines)) == len(lines)
    nq.write_bytes(b"\n".join(lines) + b"\n")
    load_store(nq, tmp_path / "store", block=512, threads=4)
    assert _dumped(tmp_path / "store") == lines
    store = ox.Store.read_only(str(tmp_path / "store"))
    assert len(list(store.named_graphs())) == 5
    shared = ox.Literal("shared é 1")
    assert len(list(store.quads_for_pattern(None, None, shared, None))) == len(
        [line for line in lines if "shared é 1".encode() in line]
    )


def test_a_bad_block_among_parallel_loads_raises(tmp_path: Path) -> None:
    """A malformed line in a middle block is an error of the load (not lost in a thread), and
    the load returns rather than waiting on the other threads forever."""
    nq = tmp_path / "d.nq"
    lines = [f"<https://a{i}> <https://p> <https://o> <https://g> .".encode() for i in range(400)]
    lines[200] = b"<https://a200> <https://p> this is not N-Quads ."
    nq.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(SyntaxError):
        load_store(nq, tmp_path / "store", block=256, threads=2)


@pytest.mark.parametrize(
    ("jobs", "cores", "expected"), [(1, 2, 1), (2, 2, 2), (8, 2, 2), (8, 16, 4)]
)
def test_a_build_loads_with_a_thread_per_process_within_the_cores_and_the_cap(
    monkeypatch: pytest.MonkeyPatch, jobs: int, cores: int, expected: int
) -> None:
    monkeypatch.setattr(update_plan.os, "cpu_count", lambda: cores)
    assert update_plan.load_threads(jobs) == expected


def test_a_block_shorter_than_a_line_and_a_last_line_without_newline(tmp_path: Path) -> None:
    nq = tmp_path / "d.nq"
    lines = [f'<https://a{i}> <https://p> "x{i}" <https://g> .'.encode() for i in range(5)]
    nq.write_bytes(b"\n".join(lines))  # no newline after the last line
    load_store(nq, tmp_path / "store", block=16)
    assert _dumped(tmp_path / "store") == sorted(lines)
