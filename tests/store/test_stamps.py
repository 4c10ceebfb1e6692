"""A build trusts the previous dataset and store by their stat only while they are unchanged.

kg.store.dataset_index.describes and kg.store.store_stamp let `kg build` skip hashing the
dataset and counting the store when their files are those it wrote; any change to the files
(even one keeping the dataset's size) sends it back to hashing and counting, which still find
the damage. kg.store.oxigraph.update_store checks the quads it touched against the previous
count instead of counting the whole store.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import vocab as v
from kg.cli import cli
from kg.pipeline import build
from kg.rdf.page_graph import activity_link
from kg.store import open_store
from kg.store.dataset_index import describes, index_path
from kg.store.integrity import Artifacts, artifacts_from_json, dataset_damage
from kg.store.oxigraph import SCAN_GROUP, StoreUpdate, _held, update_store
from kg.store.page_cache import PageCache
from kg.store.store_stamp import stamp_path, stamped_quads
from tests.conftest import SEEDS_DIR


def _copy(seed_build: Path, tmp_path: Path) -> Path:
    out = tmp_path / "b"
    shutil.copytree(seed_build, out, symlinks=True)
    return out


def _artifacts(out: Path) -> Artifacts:
    arts = artifacts_from_json(json.loads((out / "manifest.json").read_text())["artifacts"])
    assert arts is not None
    return arts


def test_dataset_rewritten_in_place_is_hashed_again(tmp_path: Path, seed_build: Path) -> None:
    out = _copy(seed_build, tmp_path)
    dataset = out / "dataset.nq"
    expected = _artifacts(out).dataset
    assert describes(dataset, expected.sha256)
    assert not describes(dataset, "0" * 64)  # another sha256 than the index's
    assert dataset_damage(dataset, expected, trust_stat=True) is None
    data = bytearray(dataset.read_bytes())
    data[100] = ord("X") if data[100] != ord("X") else ord("Y")  # same size, new content
    dataset.resolve().write_bytes(bytes(data))
    assert not describes(dataset, expected.sha256)
    why = dataset_damage(dataset, expected, trust_stat=True)
    assert why is not None and "sha256 differs" in why
    result = build([SEEDS_DIR], out=out)
    assert result.repaired and "sha256 differs" in result.repaired[0]
    assert (out / "dataset.nq").read_bytes() == (seed_build / "dataset.nq").read_bytes()


def test_store_written_to_is_counted_again(tmp_path: Path, seed_build: Path) -> None:
    out = _copy(seed_build, tmp_path)
    quads = _artifacts(out).store_quads
    assert stamped_quads(out / "store") == quads == len(open_store(out))
    rows = open_store(out).query("SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 5")  # reading
    assert isinstance(rows, ox.QuerySolutions) and len(list(rows)) == 5
    assert stamped_quads(out / "store") == quads
    update = "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> <https://example.org/p> 1 } }"
    r = CliRunner().invoke(cli, ["query", "--build-dir", str(out), "--update", update])
    assert r.exit_code == 0, r.output
    assert stamped_quads(out / "store") is None  # the store's files changed
    result = build([SEEDS_DIR], out=out)
    assert (
        result.repaired
        and f"{quads + 1:,} quads where the build loaded {quads:,}" in result.repaired[0]
    )
    assert result.store_mode == "full"
    assert stamped_quads(out / "store") == len(open_store(out)) == quads


def test_store_update_checks_the_quads_it_touched(tmp_path: Path, seed_build: Path) -> None:
    """Reloading one page graph gives back the same count; a wrong previous count is refused."""
    manifest = json.loads((seed_build / "manifest.json").read_text())
    page = next(p for p in manifest["inputs"] if p["status"] == "built")
    cache = PageCache(seed_build / "cache")
    quads = _artifacts(seed_build).store_quads
    link = activity_link(page["page"], page["graph"], manifest["activity"])
    update = StoreUpdate(  # the page graph: its cached lines and its link to the build
        drop_graphs=[page["graph"]],
        load_files=[cache.graph_file(page["cache_key"])],
        load_lines=[link],
    )
    good = tmp_path / "good"
    assert update_store(seed_build / "store", good, update, quads, old_quads=quads)
    assert len(ox.Store.read_only(str(good))) == quads
    bad = tmp_path / "bad"
    assert not update_store(seed_build / "store", bad, update, quads, old_quads=quads - 1)
    assert not bad.exists()
    # a link removed and not put back: one quad fewer than expected
    quad = (page["page"], v.PROV_WAS_GENERATED_BY, manifest["activity"], page["graph"])
    lost = StoreUpdate(drop_graphs=[], load_files=[], drop_quads=[quad])
    assert not update_store(seed_build / "store", tmp_path / "lost", lost, quads, old_quads=quads)
    assert update_store(seed_build / "store", tmp_path / "ok", lost, quads - 1, old_quads=quads)


def test_loose_quads_are_counted_by_pattern_as_by_lookup(tmp_path: Path) -> None:
    """A large group of loose quads (one predicate and object, as the activity links are) is
    counted by one scan of its pattern: the same count as a lookup per quad, with quads of the
    pattern the group does not hold, and quads of the group the store does not hold."""
    store = ox.Store(str(tmp_path / "s"))
    p = ox.NamedNode(v.PROV_WAS_GENERATED_BY)
    act, other = ox.NamedNode("urn:x:activity"), ox.NamedNode("urn:x:other")
    n = 3 * SCAN_GROUP

    def link(i: int, o: ox.NamedNode) -> ox.Quad:
        return ox.Quad(ox.NamedNode(f"urn:x:p{i}"), p, o, ox.NamedNode(f"urn:x:g{i}"))

    store.extend([link(i, act) for i in range(0, n, 2)])  # half the group's quads
    store.extend([link(i, act) for i in range(n, n + 10)])  # the pattern's, not the group's
    store.extend([link(i, other) for i in range(3)])
    group = {link(i, act) for i in range(n)}
    small = {link(i, other) for i in range(5)}  # below SCAN_GROUP: one lookup each
    both = group | small
    assert len(group) >= SCAN_GROUP > len(small)
    assert _held(store, both) == sum(q in store for q in both) == n // 2 + 3
    assert _held(store, set()) == 0


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"format": 1, "files": 3}', b"[]"])
def test_a_damaged_stamp_or_index_means_reading_again(
    tmp_path: Path, seed_build: Path, garbage: bytes
) -> None:
    """A stamp or index that is not what the build wrote is never trusted: the store is
    counted and the dataset hashed, and a build on top finds nothing damaged."""
    out = _copy(seed_build, tmp_path)
    expected = _artifacts(out).dataset
    stamp_path(out / "store").write_bytes(garbage)
    index_path(out / "dataset.nq").write_bytes(garbage)
    assert stamped_quads(out / "store") is None
    assert not describes(out / "dataset.nq", expected.sha256)
    assert dataset_damage(out / "dataset.nq", expected, trust_stat=True) is None  # hashed: fine
    result = build([SEEDS_DIR], out=out)
    assert result.repaired == () and result.store_mode == "unchanged"
    # the count matched, so the store is stamped again: the next build trusts its stat
    assert stamped_quads(out / "store") == _artifacts(out).store_quads
