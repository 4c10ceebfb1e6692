"""`kg push` into a second real server, Debian's Virtuoso (optional: skipped where it is not
installed; `.ci/run` tries to install it). Its Graph Store endpoint needs Digest auth."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.push import Credentials, Endpoints, push
from kg.store import read_manifest
from tests.conftest import SEEDS_DIR
from tests.push.servers import local_graphs, server_graphs, server_triples, virtuoso_server

DBA = Credentials(user="dba", password="dba")  # a fresh Virtuoso database's administrator


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base


def test_push_to_virtuoso_then_one_page_edited(tmp_path: Path, virtuoso: str) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(SEEDS_DIR, pages)
    out = tmp_path / "build"
    build([pages], out=out)
    endpoints = Endpoints.of(f"{virtuoso}/sparql-auth", gsp=f"{virtuoso}/sparql-graph-crud-auth")
    query = f"{virtuoso}/sparql"

    def assert_same() -> None:
        local = local_graphs(out)
        assert set(local) <= server_graphs(query)
        for graph, triples in local.items():
            assert server_triples(query, graph) == triples, graph

    first = push(out, endpoints, credentials=DBA)
    assert set(first.plan.replace) == set(local_graphs(out))
    assert_same()
    (edited,) = [p for p in pages.iterdir() if p.name.startswith("000_")]
    edited.write_bytes(edited.read_bytes() + b"\nOne more line.\n")
    build([pages], out=out)
    (graph,) = [i["graph"] for i in read_manifest(out)["inputs"] if i["file"].endswith(edited.name)]
    second = push(out, endpoints, credentials=DBA)
    assert graph in second.plan.replace and len(second.plan.relinked) == 1
    assert_same()
