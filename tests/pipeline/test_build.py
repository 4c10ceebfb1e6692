"""`kg build` end to end: the build folder, determinism, failures, incremental and parallel builds."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.pipeline import build
from kg.store import open_store, read_manifest
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, SEEDS_DIR


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("dataset.nq", "manifest.json")}


def test_seed_build_writes_a_readable_build_folder(seed_build: Path) -> None:
    manifest = read_manifest(seed_build)
    summary = manifest["summary"]
    assert summary["pages"] == 2 and summary["failed"] == 0
    assert summary["triples"] > 100
    files = {i["file"].rsplit("/", 1)[-1] for i in manifest["inputs"]}
    assert files == {MOTOR_NEURONS_SEED.name, IPSC_SEED.name}
    store = open_store(seed_build)
    graphs = {g.value for g in store.named_graphs()}
    assert "https://scidex.ai/kg/graph-cell-types-motor-neurons" in graphs
    assert "https://scidex.ai/kg/graph-cell-types-ipsc-derived-motor-neurons" in graphs
    assert (
        "https://scidex.ai/kg/graph-terms" in graphs
        and "https://scidex.ai/kg/graph-build" in graphs
    )


def test_two_builds_give_the_same_bytes(tmp_path: Path, seed_build: Path) -> None:
    out = tmp_path / "again"
    build([SEEDS_DIR], out=out)
    assert _files(out) == _files(seed_build)


def test_rebuild_in_place_reuses_the_cache_and_gives_the_same_bytes(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(SEEDS_DIR, pages)
    out = tmp_path / "build"
    first = build([pages], out=out)
    before = _files(out)
    written = (out / "dataset.nq").stat().st_mtime_ns
    second = build([pages], out=out)
    assert {p.status for p in first.pages} == {"built"}
    assert {p.status for p in second.pages} == {"cached"}
    assert _files(out) == before
    assert second.store_mode == "unchanged"
    assert (out / "dataset.nq").stat().st_mtime_ns == written, "nothing changed: nothing rewritten"
    _assert_store_matches_dataset(out)
    # change one page: only that one is rebuilt, and its graph changes
    changed = pages / IPSC_SEED.name
    changed.write_text(
        changed.read_text("utf-8").replace("Directed Differentiation", "Direct Conversion"), "utf-8"
    )
    third = build([pages], out=out)
    status = {Path(p.file).name: p.status for p in third.pages}
    assert status == {MOTOR_NEURONS_SEED.name: "cached", IPSC_SEED.name: "built"}
    assert third.store_mode == "incremental"
    assert _files(out)["dataset.nq"] != before["dataset.nq"]
    _assert_store_matches_dataset(out)
    # remove a page: its graph leaves the dataset and the store
    (pages / MOTOR_NEURONS_SEED.name).unlink()
    fourth = build([pages], out=out)
    assert [Path(p.file).name for p in fourth.pages] == [IPSC_SEED.name]
    assert fourth.store_mode == "incremental"
    assert "graph-cell-types-motor-neurons" not in (out / "dataset.nq").read_text("utf-8")
    _assert_store_matches_dataset(out)


def test_an_edit_that_changes_a_few_terms_updates_only_them_in_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that names one gene more (then no longer): the store keeps its terms graph and
    has the gene's two term lines added (then removed), and after each build it holds exactly
    the quads of dataset.nq, which is the file a fresh build of the same pages writes."""
    import kg.store.update_plan as plan

    updates: list[object] = []
    real = plan.update_store

    def recorded(*args: object, **kwargs: object) -> bool:  # the real update, its input kept
        updates.append(args[2])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plan, "update_store", recorded)
    pages = tmp_path / "pages"
    shutil.copytree(SEEDS_DIR, pages)
    out = tmp_path / "build"
    build([pages], out=out)
    page = pages / IPSC_SEED.name
    original = page.read_text("utf-8")
    named = original.replace("(C9orf72, SOD1, FUS, TARDBP)", "(C9orf72, SOD1, FUS, TARDBP, APOE)")
    assert named != original
    apoe = "<https://identifiers.org/hgnc:613>"  # APOE's HGNC id
    for text, gained in ((named, True), (original, False)):
        page.write_text(text, "utf-8")
        result = build([pages], out=out)
        assert result.store_mode == "incremental"
        update = updates[-1]
        assert "https://scidex.ai/kg/graph-terms" not in update.drop_graphs  # type: ignore[attr-defined]
        moved = update.load_lines if gained else update.drop_lines  # type: ignore[attr-defined]
        terms = [x for x in moved if x.endswith("<https://scidex.ai/kg/graph-terms> .")]
        assert len(terms) == 2 and all(x.startswith(apoe) for x in terms)
        _assert_store_matches_dataset(out)
        fresh = tmp_path / f"fresh-{gained}"
        build([pages], out=fresh)
        assert (out / "dataset.nq").read_bytes() == (fresh / "dataset.nq").read_bytes()


def _assert_store_matches_dataset(out: Path) -> None:
    """The incrementally updated store holds exactly the quads of dataset.nq."""
    store = open_store(out)
    in_store = {f"{q} ." for q in store.quads_for_pattern(None, None, None, None)}
    in_file = set((out / "dataset.nq").read_text("utf-8").splitlines())
    assert in_store == in_file


def test_parallel_build_gives_the_same_bytes(tmp_path: Path, seed_build: Path) -> None:
    out = tmp_path / "parallel"
    build([SEEDS_DIR], out=out, jobs=2)
    assert _files(out) == _files(seed_build)


def test_a_parallel_build_loads_a_large_dataset_by_blocks_in_threads(
    tmp_path: Path, seed_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dataset above LOAD_WHOLE is loaded by blocks, one thread per process: the seeds'
    dataset made "large" (the threshold set to 0) and cut into 64 KB blocks, so that
    ``--jobs 2`` loads several at once. The store then holds exactly the dataset's quads, and
    the files are the one-process build's."""
    from kg.store import oxigraph

    monkeypatch.setattr(oxigraph, "LOAD_WHOLE", 0)
    monkeypatch.setattr(oxigraph, "PARALLEL_BLOCK", 1 << 16)
    loads: list[int] = []
    real = oxigraph.load_store

    def counted(dataset: Path, store_dir: Path, **kw: Any) -> None:
        loads.append(kw.get("threads", 1))
        real(dataset, store_dir, **kw)

    from kg.store import update_plan as plan

    monkeypatch.setattr(plan, "load_store", counted)
    out = tmp_path / "parallel"
    build([SEEDS_DIR], out=out, jobs=2)
    assert loads == [min(2, os.cpu_count() or 1)]
    assert _files(out) == _files(seed_build)
    dumped = open_store(out).dump(format=ox.RdfFormat.N_QUADS, from_graph=None)
    assert isinstance(dumped, bytes)
    assert sorted(dumped.splitlines()) == sorted((out / "dataset.nq").read_bytes().splitlines())


def test_the_manifest_and_index_record_the_written_file_s_sha256(tmp_path: Path) -> None:
    """After a fresh build and after an edit (blocks copied from the previous file), the
    manifest and the index record the sha256, size and line count of the file as it is, and a
    reader trusts the index (it describes the file)."""
    import hashlib

    from kg.store.dataset_index import read_index

    pages, out = tmp_path / "pages", tmp_path / "b"
    shutil.copytree(SEEDS_DIR, pages)
    for edit in (False, True):
        if edit:
            page = sorted(pages.glob("*.txt"))[0]
            page.write_text(page.read_text("utf-8") + "\nAn added closing line.\n", "utf-8")
        result = build([pages], out=out)
        assert result.store_mode == ("incremental" if edit else "full")
        data = (out / "dataset.nq").read_bytes()
        recorded = json.loads((out / "manifest.json").read_text("utf-8"))["artifacts"]["dataset"]
        assert recorded["sha256"] == hashlib.sha256(data).hexdigest()
        assert (recorded["bytes"], recorded["quads"]) == (len(data), data.count(b"\n"))
        assert read_index((out / "dataset.nq").resolve(), recorded["sha256"]) is not None


def test_bad_pages_are_reported_and_the_others_still_build(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(SEEDS_DIR, pages)
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (pages / "latin1.txt").write_bytes("Motor Neurons\nCaf\xe9\n".encode("latin-1"))
    result = build([pages], out=tmp_path / "build")
    failed = {Path(p.file).name: p.error for p in result.failed}
    assert set(failed) == {"empty.txt", "binary.txt", "latin1.txt"}
    assert failed["latin1.txt"] is not None and "latin1.txt:2:" in failed["latin1.txt"]
    assert failed["binary.txt"] is not None and "binary.txt:3:" in failed["binary.txt"]
    assert len([p for p in result.pages if p.status == "built"]) == 2
    manifest = json.loads((tmp_path / "build" / "manifest.json").read_text())
    assert manifest["summary"]["failed"] == 3


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="no such file or folder"):
        build([tmp_path / "nope"], out=tmp_path / "build")


def test_store_answers_sparql_on_the_cl_iri(seed_build: Path) -> None:
    store = open_store(seed_build)
    ask = store.query(
        "ASK { <http://purl.obolibrary.org/obo/CL_0000100> ?p ?o }", use_default_graph_as_union=True
    )
    assert bool(ask)
    assert isinstance(store, ox.Store)


def test_the_store_holds_exactly_the_dataset_s_quads(seed_build: Path) -> None:
    """The store is loaded without re-checking what kg wrote (kg.store.oxigraph.LENIENT): it must
    still hold the dataset's quads, each as written (same terms, same escapes)."""
    store = open_store(seed_build)
    dumped = store.dump(format=ox.RdfFormat.N_QUADS, from_graph=None)
    assert isinstance(dumped, bytes)
    lines = (seed_build / "dataset.nq").read_bytes().splitlines()
    assert sorted(dumped.splitlines()) == sorted(lines)


def test_triples_counts_distinct_triples_not_quads(seed_build: Path) -> None:
    """Regression: BuildResult.triples and the manifest said the quad count (2,958 for the seeds)."""
    summary = read_manifest(seed_build)["summary"]
    store = open_store(seed_build)
    distinct = {(q.subject, q.predicate, q.object) for q in store}
    assert summary["triples"] == len(distinct)
    assert summary["quads"] == len(store) > len(distinct)


def test_cached_pages_are_read_here_and_only_the_others_go_to_the_workers(tmp_path: Path) -> None:
    """run_pages reads the pages whose cache entry is valid in the calling process; only the
    others reach the worker processes (which load the grounder). Workers told to load an
    ontology that does not exist fail at start: a run with every page cached must not start
    them, and a run with one page changed must."""
    from concurrent.futures.process import BrokenProcessPool

    from kg.config_hash import config_digest
    from kg.page_worker import run_pages
    from kg.pipeline import find_inputs

    pages = tmp_path / "pages"
    shutil.copytree(SEEDS_DIR, pages)
    out = tmp_path / "build"
    build([pages], out=out, jobs=2)
    files = find_inputs([pages])
    config = config_digest([])
    nowhere = [str(tmp_path / "nonexistent.owl")]
    seen: list[str] = []
    records, state = run_pages(
        files, out / "cache", config, nowhere, 2, lambda r, n: seen.append(r.file)
    )
    assert [r.file for r in records] == files  # in the order of the files
    assert [r.status for r in records] == ["cached", "cached"] and state is None
    assert sorted(seen) == sorted(files)

    edited = pages / IPSC_SEED.name
    edited.write_text(edited.read_text("utf-8") + "\nAn added line.\n", "utf-8")
    (pages / "000_unreadable.txt").write_bytes(b"a page\x00 with a NUL byte\n")
    files = find_inputs([pages])
    with pytest.raises(BrokenProcessPool):
        run_pages(files, out / "cache", config, nowhere, 2, None)
    records, _ = run_pages(files, out / "cache", config, [], 2, None)
    assert [r.file for r in records] == files
    statuses = {Path(r.file).name: r.status for r in records}
    assert statuses == {
        "000_unreadable.txt": "failed",  # said why by a worker, as before
        MOTOR_NEURONS_SEED.name: "cached",
        IPSC_SEED.name: "built",
    }
    failed = next(r for r in records if r.status == "failed")
    assert "NUL" in (failed.error or "")
