"""Validation through the build's index (kg.store.dataset_index, kg.validate.indexed).

A build writes where each graph of ``dataset.nq`` is and a digest of its content; validation
then finds the graphs without scanning the file, and a graph whose digest it has seen is not
parsed again: its summary (kg.validate.graph_summary) gives the page node, the cross-graph
context it adds, and what its unit's cache key needs. These tests check that this shortcut gives
exactly what the long way gives: the same graphs, the same unit contexts and focus nodes, the
same report; that an index which does not describe the file is not used; and that a reference
cited by many pages brings one line into a unit, not one line per citing statement.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import vocab as v
from kg.pipeline import build
from kg.store.dataset_index import index_path, read_index
from kg.validate import indexed, validate_build
from kg.validate.candidates import Summarized, _minted_focus, context_lines, iter_candidates
from kg.validate.ontology_checks import ontology_files
from kg.validate.ontology_side import OntologyPages
from kg.validate.render import render
from kg.validate.result_cache import ResultCache
from kg.validate.runner import RunStats, _read
from kg.validate.shapes import load_shapes
from kg.validate.source import read_dataset, read_manifest
from kg.validate.units import Linked, page_unit
from tests.conftest import SEEDS_DIR

MINTED = (v.STATEMENT_PREFIX, v.SELECTOR_PREFIX)


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two seeds and 24 generated pages (benchmarks/corpus.py: references shared between
    pages, every rendering), built once."""
    root = tmp_path_factory.mktemp("indexed")
    pages = root / "pages"
    shutil.copytree(SEEDS_DIR, pages)
    generate = importlib.import_module("benchmarks.corpus").generate_corpus
    generate(pages / "generated", 24, seed=11)
    out = root / "build"
    build([pages], out=out)
    return out


@pytest.fixture
def fresh(corpus_build: Path, tmp_path: Path) -> Path:
    """A copy of the build (links kept) with no validation cache."""
    out = tmp_path / "build"
    shutil.copytree(
        corpus_build, out, symlinks=True, ignore=shutil.ignore_patterns("validation-cache")
    )
    return out


def _validate(out: Path, *, cache: bool = True, jobs: int = 1) -> tuple[str, RunStats]:
    stats = RunStats()
    report = validate_build(out, reasoner=False, cache=cache, stats=stats, jobs=jobs)
    return render(report, "json"), stats


def test_the_index_finds_every_graph_as_the_scan_does(corpus_build: Path) -> None:
    dataset = corpus_build / "dataset.nq"
    manifest = read_manifest(corpus_build)
    spans = read_index(dataset, manifest["artifacts"]["dataset"]["sha256"])
    assert spans is not None
    scanned = read_dataset(dataset)  # the long way: every quad parsed
    assert [s.graph for s in spans] == list(scanned.graphs)
    raw = dataset.read_bytes()
    for span in spans:
        block = raw[span.start : span.end]
        assert block == scanned.graphs.raw(span.graph)  # type: ignore[attr-defined]
        graphs = {q.graph_name.value for q in ox.parse(block, format=ox.RdfFormat.N_QUADS)}
        assert graphs == {span.graph}
    assert len({s.digest for s in spans}) == len(spans)


def test_the_index_reads_the_graphs_the_strict_parse_reads(fresh: Path) -> None:
    """Through a build's index, graphs are parsed without pyoxigraph's second check of each
    IRI (kg wrote and checked them): every graph holds the quads the strict scan reads."""
    dataset = fresh / "dataset.nq"
    _, _, ix = _read(dataset, read_manifest(fresh), load_shapes(), ResultCache(fresh))
    assert ix is not None
    scanned = read_dataset(dataset)
    assert list(ix.graphs) == list(scanned.graphs)
    for graph in scanned.graphs:
        assert ix.graphs[graph] == scanned.graphs[graph], graph


def test_ontology_checks_cut_into_processes_give_one_run_s_result(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages' ontology checks run in several forked processes, each a run of consecutive
    pages, and joined: the results, verdicts and notices of one run over every page, in order,
    and every cache key each process used (a key lost in the join would be pruned)."""
    data = read_dataset(fresh / "dataset.nq")
    files, _ = ontology_files(read_manifest(fresh), None, [fresh])
    # an empty parse cache: each process reads the ontology with owlready2 in a child of its
    # own (a daemonic process could not start it: `kg validate --jobs 2` failed so on a
    # machine where the ontology had never been parsed)
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "kg-cache"))
    with OntologyPages(data, files, ResultCache(fresh), beside=True, parts=3) as pages:
        assert len(pages._processes) == 3
        cut = pages.result()  # each process checks its pages and stores them
    alone = OntologyPages(data, files, ResultCache(fresh), beside=False).result()  # read back
    assert alone.results and alone.claims  # something to compare
    assert cut.results == alone.results
    assert cut.claims == alone.claims
    assert (cut.same, cut.notices) == (alone.same, alone.notices)
    assert len(cut.used) == len(data.pages) and cut.used == alone.used


def test_a_page_graphs_digest_changes_only_with_its_statements(tmp_path: Path) -> None:
    """The build activity's IRI (in every page graph) changes with any edit; the digests leave it
    out, so the page that was not edited keeps its digest, and the edited one does not."""
    pages = tmp_path / "pages"
    shutil.copytree(SEEDS_DIR, pages)
    out = tmp_path / "build"
    build([pages], out=out)
    before = {s.graph: s.digest for s in read_index(out / "dataset.nq") or ()}
    activity = read_manifest(out)["activity"]
    edited = pages / "001_fc51c25c67a0d5c9.txt"
    edited.write_text(edited.read_text("utf-8") + "\nAn added closing line.\n", "utf-8")
    build([pages], out=out)
    after = {s.graph: s.digest for s in read_index(out / "dataset.nq") or ()}
    assert read_manifest(out)["activity"] != activity
    assert before.keys() == after.keys() and len(before) == 4  # two pages, terms, build
    changed = {g for g in before if before[g] != after[g]}
    page_graphs = set(before) - {v.BUILD_GRAPH, v.TERMS_GRAPH}
    assert len(changed & page_graphs) == 1  # the edited page only


def test_an_index_that_does_not_describe_the_file_is_not_used(fresh: Path) -> None:
    dataset = fresh / "dataset.nq"
    expected, stats = _validate(fresh)
    assert stats.indexed
    real = dataset.resolve()
    stat = real.stat()
    os.utime(real, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # touched
    assert read_index(dataset) is None
    again, stats = _validate(fresh)
    assert not stats.indexed and again == expected  # scanned instead, same report
    os.utime(real, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert read_index(dataset) is not None
    assert read_index(dataset, "0" * 64) is None  # not the manifest's file
    index = index_path(dataset)
    original = index.read_text("utf-8")
    data = json.loads(original)
    swapped = json.loads(original)  # two page graphs' names exchanged, the spans kept
    (a, b) = swapped["graphs"][0][0], swapped["graphs"][1][0]
    swapped["graphs"][0][0], swapped["graphs"][1][0] = b, a
    index.write_text(json.dumps(swapped), "utf-8")
    assert read_index(dataset) is not None  # it looks whole: the graphs' statements tell
    again, stats = _validate(fresh)
    assert not stats.indexed and again == expected
    data["graphs"][1][1] += 1  # spans that do not cover the file in order
    index.write_text(json.dumps(data), "utf-8")
    assert read_index(dataset) is None
    index.write_text("{not json", "utf-8")
    assert read_index(dataset) is None
    again, stats = _validate(fresh)
    assert not stats.indexed and again == expected


def test_summaries_give_each_unit_its_context_and_focus(fresh: Path) -> None:
    """For every page, the unit made from its summary and lines (no parse) is the unit made
    the long way (kg.validate.units.page_unit): the same lines, context and focus nodes."""
    shapes = load_shapes()
    linked, data, ix = _read(fresh / "dataset.nq", read_manifest(fresh), shapes, ResultCache(fresh))
    assert ix is not None
    checked = minted = 0
    for candidate in iter_candidates(ix, linked):
        if not isinstance(candidate, Summarized):
            continue
        made = page_unit(data, candidate.page, candidate.ctx)
        unit = candidate.unit()
        assert unit == made, unit.name
        assert context_lines(candidate.summary, candidate.ctx) == made.context.splitlines()
        assert candidate.focus == {f for f in made.focus if not f.startswith(MINTED)}
        minted += any(f.startswith(MINTED) for f in made.focus)
        checked += 1
    assert checked == len(data.pages) == 26
    assert minted == checked  # every page graph has minted focus nodes (its statements)


def test_a_line_not_as_pyoxigraph_writes_it_makes_the_unit_the_long_way() -> None:
    lines = ["<urn:x:a> <urn:x:p> <urn:x:b> .", "<urn:x:a>  <urn:x:p> <urn:x:c> ."]
    assert _minted_focus(lines[:1], "urn:x:page") == set()
    assert _minted_focus(lines, "urn:x:page") is None  # two spaces: not pyoxigraph's line
    quoted = "<< <urn:x:a> <urn:x:p> <urn:x:b> >> <urn:x:q> <urn:x:c> ."
    assert _minted_focus([quoted], "urn:x:page") is None  # RDF-star: made the long way


def test_indexed_scanned_and_uncached_reports_agree(fresh: Path) -> None:
    """Cold and warm through the index, without the cache (a scan), and with the cache but
    no index (a scan): one report. A second run parses no graph."""
    cold, stats = _validate(fresh)
    assert stats.indexed and stats.cached == 0
    assert len(stats.summarized) == 26  # every page graph, once
    warm, stats = _validate(fresh)
    assert stats.indexed and stats.summarized == [] and stats.evaluated == []
    assert warm == cold
    uncached, stats = _validate(fresh, cache=False)
    assert not stats.indexed and uncached == cold
    index_path(fresh / "dataset.nq").unlink()
    shutil.rmtree(fresh / "validation-cache")
    scanned, stats = _validate(fresh)
    assert not stats.indexed and scanned == cold


def test_missing_summaries_are_made_in_processes_before_the_first_pass(fresh: Path) -> None:
    """With one job they are left to the first pass; with two, every page graph's two parts are
    stored (by the pool's processes) before it starts."""
    dataset = fresh / "dataset.nq"
    spans = read_index(dataset)
    assert spans is not None
    shapes = load_shapes()
    activity = read_manifest(fresh)["activity"]
    cache = ResultCache(fresh)
    ix = indexed._indexed(
        dataset, spans, cache, activity, shapes.inverse_paths, shapes.witness_paths
    )
    pages = [s.graph for s in spans if s.graph not in (v.BUILD_GRAPH, v.TERMS_GRAPH)]
    indexed._summarize_missing(spans, ix, 1)
    assert ix.made == [] and not any(ix.stored(g) for g in pages)
    indexed._summarize_missing(spans, ix, 2)
    assert ix.made == pages and all(ix.stored(g) for g in pages)
    assert all(ix.links(g) is not None for g in pages) and ix.made == pages  # read, not made


def test_summaries_made_in_processes_give_the_same_report(fresh: Path) -> None:
    """With --jobs 2 and no stored summary, the 26 summaries are made in two processes before
    the first pass (kg.validate.indexed._summarize_missing); one damaged part is made again by
    the first pass itself. The reports are those of a run without the cache."""
    uncached, _ = _validate(fresh, cache=False)
    cold, stats = _validate(fresh, jobs=2)
    assert stats.indexed and len(stats.summarized) == 26 == len(set(stats.summarized))
    assert cold == uncached
    links = sorted((fresh / "validation-cache").glob("g*.json"))
    assert len(links) == 2 * 26  # both parts of every page graph's summary
    links[0].write_bytes(links[0].read_bytes()[:-9])  # one part damaged
    (fresh / "validation-cache" / "run.json").unlink()  # else the whole report is read back
    warm, stats = _validate(fresh, jobs=2)
    assert len(stats.summarized) == 1 and warm == uncached


def test_a_reference_many_pages_cite_adds_one_line_to_a_unit(fresh: Path) -> None:
    """Of the prov:hadPrimarySource statements that point at a reference, Linked keeps one (the
    least), and a unit takes it only when its own graph cites the reference nowhere."""
    shapes = load_shapes()
    assert shapes.witness_paths == {v.PROV_HAD_PRIMARY_SOURCE}
    every = Linked(shapes.inverse_paths, minted_local=True)  # all lines, as before
    least = Linked(shapes.inverse_paths, minted_local=True, witness=shapes.witness_paths)

    def both(q: ox.Quad) -> None:
        every.add(q)
        least.add(q)

    read_dataset(fresh / "dataset.nq", on_quad=both)
    cited = {
        n: len([ln for ln in lines if f"<{v.PROV_HAD_PRIMARY_SOURCE}>" in ln])
        for n, lines in every.lines.items()
    }
    shared = [n for n, count in cited.items() if count > 5]
    assert shared  # references cited by many statements of many pages
    for n in shared:
        assert set(least.least[n]) == {v.PROV_HAD_PRIMARY_SOURCE}
        line = least.least[n][v.PROV_HAD_PRIMARY_SOURCE]
        assert line == min(ln for ln in every.lines[n] if v.PROV_HAD_PRIMARY_SOURCE in ln)
        kept = set(least.lines.get(n, ()))
        assert least.context_of([n], frozenset(), {}) == kept | {line}
        assert least.context_of([n], {(v.PROV_HAD_PRIMARY_SOURCE, n)}, {}) == kept
        assert every.context_of([n], frozenset(), {}) >= {line}  # all the citing lines


def test_a_shape_that_reads_the_values_keeps_every_line(tmp_path: Path) -> None:
    """A user shape with sh:maxCount on the same inverse path needs every citing statement:
    the property is no longer a witness path."""
    extra = tmp_path / "shapes"
    extra.mkdir()
    (extra / "many.ttl").write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix ex: <https://example.org/> .
ex:CitedAtMostTwice a sh:NodeShape ;
    sh:targetClass <https://w3id.org/biolink/vocab/Publication> ;
    sh:property [ sh:path [ sh:inversePath prov:hadPrimarySource ] ; sh:maxCount 2 ] .
""",
        "utf-8",
    )
    shapes = load_shapes([extra])
    assert v.PROV_HAD_PRIMARY_SOURCE in shapes.inverse_paths
    assert shapes.witness_paths == frozenset()
