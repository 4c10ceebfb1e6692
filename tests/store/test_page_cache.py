"""The page cache: damaged or foreign sidecars are rebuilt, never trusted."""

from __future__ import annotations

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
        cache_key=key,
    )


def test_written_entry_reads_back_as_cached(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    cache.write(_record(), ["<a> <b> <c> <g> ."])
    got = cache.read(KEY)
    assert got is not None and got.status == "cached" and got.terms == _record().terms


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
