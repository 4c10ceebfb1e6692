"""`kg push` into a real Oxigraph server on loopback: every graph lands, only what moved moves."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import vocab as v
from kg.cli import cli
from kg.errors import InputError
from kg.pages.shard import Shard
from kg.pipeline import build
from kg.push import STATE_FILE, push
from kg.store import read_manifest
from tests.conftest import PAGE_FIXTURES_DIR, SEEDS_DIR
from tests.push.servers import (
    Oxigraph,
    local_graphs,
    oxigraph_server,
    server_graphs,
    server_triples,
    sparql_update,
)

#: fixture pages built beside the seeds (each its own page graph)
FIXTURE_PAGES = ("gene_infobox.txt", "therapeutic_infobox.txt", "mechanism_infobox.txt")
SHARED = {v.TERMS_GRAPH, v.BUILD_GRAPH}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Oxigraph]:
    with oxigraph_server(tmp_path / "oxigraph") as s:
        yield s


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """The seeds and a few fixture pages, copied so that a test may edit them."""
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS_DIR, folder)
    for name in FIXTURE_PAGES:
        shutil.copy(PAGE_FIXTURES_DIR / name, folder / name)
    return folder


def page_graph_of(build_dir: Path, file_name: str) -> str:
    (graph,) = [
        i["graph"] for i in read_manifest(build_dir)["inputs"] if i["file"].endswith(file_name)
    ]
    return str(graph)


def assert_server_holds_build(server: Oxigraph, build_dir: Path) -> None:
    """The server's named graphs are the build's, with the same triples in each."""
    local = local_graphs(build_dir)
    assert server_graphs(server.endpoints.query) == set(local)
    for graph, triples in local.items():
        assert server_triples(server.endpoints.query, graph) == triples, graph


def kg(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_first_push_loads_every_graph(tmp_path: Path, pages: Path, server: Oxigraph) -> None:
    out = tmp_path / "build"
    build([pages], out=out)
    report = push(out, server.endpoints)
    local = local_graphs(out)
    page_graphs = {i["graph"] for i in read_manifest(out)["inputs"] if i["status"] == "built"}
    assert set(local) == page_graphs | {v.TERMS_GRAPH, v.BUILD_GRAPH}
    assert set(report.plan.replace) == set(local)
    assert report.quads_sent == sum(len(t) for t in local.values())
    assert_server_holds_build(server, out)
    again = push(out, server.endpoints)
    assert again.plan.empty and again.requests == 0
    assert set(again.plan.unchanged) == set(local)


def test_one_page_edited_moves_one_page_graph(
    tmp_path: Path, pages: Path, server: Oxigraph
) -> None:
    out = tmp_path / "build"
    build([pages], out=out)
    push(out, server.endpoints)
    edited = pages / FIXTURE_PAGES[0]
    edited.write_bytes(edited.read_bytes() + b"\nOne more line of prose.\n")
    build([pages], out=out)
    graph = page_graph_of(out, edited.name)
    page_graphs = {i["graph"] for i in read_manifest(out)["inputs"] if i["status"] == "built"}
    before_terms = server_triples(server.endpoints.query, v.TERMS_GRAPH)

    report = push(out, server.endpoints)

    assert [g for g in report.plan.replace if g in page_graphs] == [graph]
    # every other page graph only had its link to the build activity re-pointed
    assert set(report.plan.relinked) == page_graphs - {graph}
    assert v.BUILD_GRAPH in report.plan.replace  # its activity and input hashes moved
    terms_moved = before_terms != local_graphs(out)[v.TERMS_GRAPH]
    assert (v.TERMS_GRAPH in report.plan.replace) == terms_moved
    assert_server_holds_build(server, out)
    sha = hashlib.sha256(edited.read_bytes()).hexdigest()
    assert any(
        o.value == f"sha256:{sha}" for _, _, o in server_triples(server.endpoints.query, graph)
    )


def test_removed_page_graph_is_deleted(tmp_path: Path, pages: Path, server: Oxigraph) -> None:
    out = tmp_path / "build"
    build([pages], out=out)
    push(out, server.endpoints)
    gone = page_graph_of(out, FIXTURE_PAGES[1])
    (pages / FIXTURE_PAGES[1]).unlink()
    build([pages], out=out)
    report = push(out, server.endpoints)
    assert report.plan.delete == (gone,)
    assert gone not in server_graphs(server.endpoints.query)
    assert_server_holds_build(server, out)


def test_dry_run_sends_nothing_and_says_what_would_move(
    tmp_path: Path, seed_build: Path, server: Oxigraph
) -> None:
    out = tmp_path / "build"
    shutil.copytree(seed_build, out, symlinks=True)
    code, stdout, _ = kg("push", "--build-dir", str(out), *server.cli_args, "--dry-run")
    assert code == 0
    graphs = set(local_graphs(out))
    assert stdout.splitlines()[0].startswith(
        f"Would push to {server.endpoints.gsp}: {len(graphs)} graphs replaced"
    )
    assert {line.split()[-1] for line in stdout.splitlines()[1:]} == graphs
    assert server_graphs(server.endpoints.query) == set()
    assert not (out / STATE_FILE).exists()


def test_cli_push_then_nothing_to_do(tmp_path: Path, seed_build: Path, server: Oxigraph) -> None:
    out = tmp_path / "build"
    shutil.copytree(seed_build, out, symlinks=True)
    code, stdout, stderr = kg("push", "--build-dir", str(out), *server.cli_args)
    assert (code, stderr) == (0, "")
    assert stdout.startswith(
        f"Pushed to {server.endpoints.gsp}: {len(local_graphs(out))} graphs replaced"
    )
    assert_server_holds_build(server, out)
    code, stdout, _ = kg("push", "--build-dir", str(out), *server.cli_args)
    assert code == 0 and " 0 graphs replaced (0 quads)" in stdout and "(0 requests)" in stdout


def test_full_resends_after_the_server_was_emptied(
    tmp_path: Path, seed_build: Path, server: Oxigraph
) -> None:
    out = tmp_path / "build"
    shutil.copytree(seed_build, out, symlinks=True)
    push(out, server.endpoints)
    sparql_update(server.endpoints.update, "DROP ALL")
    assert server_graphs(server.endpoints.query) == set()
    assert push(out, server.endpoints).plan.empty  # the state says the server holds them
    assert set(push(out, server.endpoints, full=True).plan.replace) == set(local_graphs(out))
    assert_server_holds_build(server, out)


def test_a_damaged_state_file_means_push_everything(
    tmp_path: Path, seed_build: Path, server: Oxigraph
) -> None:
    out = tmp_path / "build"
    shutil.copytree(seed_build, out, symlinks=True)
    push(out, server.endpoints)
    state = json.loads((out / STATE_FILE).read_text())
    assert set(state["servers"][server.endpoints.gsp]) == set(local_graphs(out))
    (out / STATE_FILE).write_text("{not json")
    assert set(push(out, server.endpoints).plan.replace) == set(local_graphs(out))
    assert_server_holds_build(server, out)


def test_shards_pushed_to_one_server_hold_every_page(
    tmp_path: Path, pages: Path, server: Oxigraph
) -> None:
    """N shard builds pushed with --shared merge: every page graph as its shard built it, the
    terms graph the union of the shards' (docs in tests/pages/test_shard.py)."""
    shards = [tmp_path / f"shard-{i}" for i in (1, 2)]
    for i, out in enumerate(list(shards), 1):
        try:
            build([pages], out=out, shard=Shard(i, 2))
        except InputError:  # a shard that got no page: the other holds them all
            shards.remove(out)
    for out in shards:
        push(out, server.endpoints, shared="merge")
    locals_ = [local_graphs(out) for out in shards]
    page_graphs = {g: t for lg in locals_ for g, t in lg.items() if g not in SHARED}
    assert server_graphs(server.endpoints.query) == set(page_graphs) | SHARED
    for graph, triples in page_graphs.items():
        assert server_triples(server.endpoints.query, graph) == triples
    for shared in SHARED:
        union = set().union(*(lg[shared] for lg in locals_))
        assert server_triples(server.endpoints.query, shared) == union
