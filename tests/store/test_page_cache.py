"""The page cache: damaged or foreign sidecars are rebuilt, never trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.store.page_cache import PageCache, PageRecord

KEY = "k" * 32


def _record(key: str = KEY) -> PageRecord:
    return PageRecord(
        file="a.txt",
        status="built",
        sha256="s",
        slug="a",
        graph="https://g",
        page_iri="https://p",
        title="A",
        facts=1,
        quads=1,
        terms=(("https://t", "T", ""),),
        slots=(("https://p", "https://w3id.org/biolink/vocab/related_to"),),
        cache_key=key,
    )


def test_written_entry_reads_back_as_cached(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    cache.write(_record(), ["<a> <b> <c> <g> ."])
    got = cache.read(KEY)
    assert got is not None and got.status == "cached" and got.terms == _record().terms
    assert got.slots == _record().slots


def test_sidecar_without_the_predicate_slots_is_a_miss(tmp_path: Path) -> None:
    """An entry written before the slots moved to the terms graph holds a page graph with the
    old layout (a slot on every statement): it is rebuilt, never reused."""
    cache = PageCache(tmp_path)
    cache.write(_record(), ["<a> <b> <c> <g> ."])
    sidecar = tmp_path / f"{KEY}.json"
    data = json.loads(sidecar.read_text("utf-8"))
    del data["slots"]
    sidecar.write_text(json.dumps(data), "utf-8")
    assert cache.read(KEY) is None


@pytest.mark.parametrize(
    "sidecar",
    [b"\xff\xfe garbage", b"[1, 2]", b'{"file": 3}', b'{"file": "a", "terms": "x"}'],
)
def test_damaged_sidecar_is_a_miss(tmp_path: Path, sidecar: bytes) -> None:
    cache = PageCache(tmp_path)
    cache.write(_record(), ["<a> <b> <c> <g> ."])
    (tmp_path / f"{KEY}.json").write_bytes(sidecar)
    assert cache.read(KEY) is None


def test_sidecar_of_another_key_is_a_miss(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    other = "o" * 32
    cache.write(_record(other), ["<a> <b> <c> <g> ."])
    (tmp_path / f"{KEY}.json").write_bytes((tmp_path / f"{other}.json").read_bytes())
    (tmp_path / f"{KEY}.nq.gz").write_bytes((tmp_path / f"{other}.nq.gz").read_bytes())
    assert cache.read(KEY) is None


def test_graph_file_changed_since_written_is_read_and_checked(tmp_path: Path) -> None:
    """An entry is trusted by its graph file's stat; a file touched since is read: the same
    content is still a hit, other content a miss."""
    import gzip
    import os

    cache = PageCache(tmp_path)
    written = cache.write(_record(), ["<a> <b> <c> <g> .", "<a> <b> <d> <g> ."])
    graph = cache.graph_file(KEY)
    st = graph.stat()
    assert written.graph_stat == (st.st_size, st.st_mtime_ns)
    assert written.minted_triples == 0 and len(written.triple_digests) == 32
    os.utime(graph, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000))  # touched, same content
    got = cache.read(KEY)
    assert got is not None and got.triple_digests == written.triple_digests
    graph.write_bytes(gzip.compress(b"<a> <b> <e> <g> .\n"))  # other content
    assert cache.read(KEY) is None
