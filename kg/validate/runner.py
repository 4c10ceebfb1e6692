"""The validation of a build: shapes per page graph in parallel, then the ontology checks.

:func:`validate_build` reads ``build/dataset.nq`` and the manifest, cuts the dataset into
units (kg.validate.units: one per page graph, with the context its shapes need), validates
them in ``jobs`` processes (kg.validate.units_run), checks the Cell Ontology ids, labels and
lineages against the ontology the build used (kg.validate.ontology_checks, owlready2), runs
HermiT where Java is present (kg.validate.reasoner), and returns one :class:`Report`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
import rdflib

from kg import vocab as v
from kg.store import BuildDir
from kg.validate import reasoner as rz
from kg.validate import run_reuse
from kg.validate.candidates import Candidate, Made, iter_candidates
from kg.validate.evidence import digests_remembered
from kg.validate.indexed import Indexed, read_indexed
from kg.validate.ontology_side import OntologyPages
from kg.validate.reasoner import java
from kg.validate.report import Report, ValidationResult, merge_results
from kg.validate.result_cache import ResultCache, config_digest
from kg.validate.shapes import (
    ShapeSet,
    builtin_shapes_dir,
    load_shape_files,
    load_shapes,
    shape_files,
)
from kg.validate.source import BuildData, dataset_path, from_rdflib, read_dataset, read_manifest
from kg.validate.units import Linked, Unit, iter_units, make_units
from kg.validate.units_run import DEFAULT_ENGINE, Outcome, fallback_notice, run_units

T = TypeVar("T")


def validate_build(
    build_dir: Path,
    shapes_dirs: Sequence[Path] = (),
    jobs: int = 1,
    ontology_paths: Sequence[Path] | None = None,
    *,
    reasoner: bool = True,
    reasoner_timeout: float = 120.0,
    progress: Callable[[Outcome], None] | None = None,
    engine: str = DEFAULT_ENGINE,
    cache: bool = True,
    stats: RunStats | None = None,
) -> Report:
    """Validate a build folder (see the module docstring). A report is returned, not raised.

    ``ontology_paths`` overrides the ontology files the manifest names (default: the shipped
    module). ``engine`` is the SHACL engine (kg.validate.units_run.ENGINES): ``compiled``
    (kg's compiled shapes, pyshacl for any shape it cannot compile) or ``pyshacl``. Raises
    :class:`kg.errors.InputError` for a missing or unreadable build or shapes.

    ``cache``: read the results of units whose inputs did not change since the last run from
    ``build/validation-cache/`` (kg.validate.result_cache), store the others', and drop the
    entries no unit used; when none of the run's inputs changed, read its whole report back
    (kg.validate.run_reuse). ``stats``, when given, is filled with what was evaluated.
    """
    with digests_remembered():  # each page file hashed once (the run's and the units' keys)
        return _validate_build(
            Path(build_dir),
            shapes_dirs,
            jobs,
            ontology_paths,
            reasoner=reasoner,
            reasoner_timeout=reasoner_timeout,
            progress=progress,
            engine=engine,
            cache=cache,
            stats=stats if stats is not None else RunStats(),
        )


def _validate_build(
    build_dir: Path,
    shapes_dirs: Sequence[Path],
    jobs: int,
    ontology_paths: Sequence[Path] | None,
    *,
    reasoner: bool,
    reasoner_timeout: float,
    progress: Callable[[Outcome], None] | None,
    engine: str,
    cache: bool,
    stats: RunStats,
) -> Report:
    from kg.validate.ontology_checks import ontology_files
    from kg.validate.ontology_reasoner import PendingChecks, reasoner_ontology, start_reasoner

    dataset = dataset_path(build_dir)
    manifest = read_manifest(build_dir)
    files = _shape_files(shapes_dirs)
    shapes = load_shape_files(files)  # a broken shape file fails here, before any work
    store = ResultCache(build_dir) if cache else None
    roots = _roots(build_dir)
    onto_files, onto_notes = ontology_files(manifest, ontology_paths, roots)
    whole = None  # the digest of this run's inputs, when its report may be kept whole
    if store is not None:
        whole = run_reuse.inputs_digest(
            config=config_digest(files, engine),
            dataset=dataset,
            dataset_sha256=_dataset_sha256(manifest),
            manifest=BuildDir(build_dir).manifest,
            ontology_files=onto_files,
            ontology_notes=onto_notes,
            reasoner=(reasoner, reasoner_timeout, java()),
            roots=roots,
            shapes_shown=[_display(f) for f in files],
        )
        reused = run_reuse.read(store, whole, roots) if whole is not None else None
        if reused is not None:
            stats.units = stats.cached = reused.units
            stats.indexed = stats.reused = True
            return reused.report
    # the reasoner's child reads the ontology while the pages are checked (started once the
    # whole report could not be read back)
    with rz.warmed(reasoner_ontology(onto_files) if reasoner else None):
        linked, data, ix = _read(dataset, manifest, shapes, store, jobs)
        sources = run_reuse.sources_of([p.source_file for p in data.pages], roots) if whole else []
        if store is not None:
            store.activities = _activities(data)
        stats.indexed = ix is not None
        pending: list[PendingChecks] = []  # the reasoner, started once the ontology checks end

        def start_when_ready(ontology: OntologyPages) -> None:
            if not pending and ontology.ready():
                checked = ontology.result()
                pending.append(
                    start_reasoner(
                        data, onto_files, checked, reasoner=reasoner, timeout=reasoner_timeout
                    )
                )

        try:
            known = ix.known if ix is not None else None
            parts = min(jobs, os.cpu_count() or 1)  # as many as the unit workers (units_run)
            with OntologyPages(
                data, onto_files, store, beside=jobs > 1, known=known, parts=parts
            ) as ontology:
                start_when_ready(ontology)
                found: Iterable[Candidate] = (
                    iter_candidates(ix, linked)
                    if ix is not None
                    else (Made(u) for u in iter_units(data, shapes.inverse_paths, linked=linked))
                )
                units = _watching(found, lambda: start_when_ready(ontology))
                outcomes = _run_cached(units, store, files, roots, jobs, progress, engine, stats)
                checked = ontology.result()
                start_when_ready(ontology)
        except BaseException:
            for p in pending:
                p.cancel()  # never leave a reasoner running behind an error
            raise
        onto = pending[0].finish()
    stats.summarized = list(ix.made) if ix is not None else []
    report = _report(
        data,
        outcomes,
        files,
        extra=list(onto.results),
        notices=[*onto_notes, *onto.notices, *_engine_notes(files, engine)],
        checks=("shacl", "evidence", *onto.checks),
    )
    if store is not None:
        if whole is not None and onto.settled:
            run_reuse.write(store, whole, sources, report, stats.units)
        store.used |= checked.used
        stats.pruned = store.prune()
    return report


def _read(
    dataset: Path,
    manifest: dict[str, Any],
    shapes: ShapeSet,
    store: ResultCache | None,
    jobs: int = 1,
) -> tuple[Linked, BuildData, Indexed | None]:
    """The build's data and the units' cross-graph context: through the build's index when it
    describes the dataset and results are cached (kg.validate.indexed), else by a scan."""
    if store is not None:
        linked = _linked(shapes)
        activity = str(manifest.get("activity") or "")
        ix = read_indexed(
            dataset,
            linked,
            store,
            sha256=_dataset_sha256(manifest),
            activity=activity,
            jobs=jobs,
        )
        if ix is not None and _activities(ix.data) == (activity,):
            return linked, ix.data, ix
    linked = _linked(shapes)
    data = read_dataset(dataset, on_quad=linked.add)  # gathers the units' context as it scans
    return linked, data, None


def _linked(shapes: ShapeSet) -> Linked:
    return Linked(shapes.inverse_paths, minted_local=True, witness=shapes.witness_paths)


def _dataset_sha256(manifest: dict[str, Any]) -> str | None:
    try:
        found = manifest["artifacts"]["dataset"]["sha256"]
    except (KeyError, TypeError):
        return None
    return found if isinstance(found, str) else None


@dataclass(slots=True)
class RunStats:
    """What one :func:`validate_build` did: units made, evaluated and read from the cache."""

    units: int = 0
    evaluated: list[str] = field(default_factory=list)  # unit names, in order
    cached: int = 0
    pruned: int = 0
    indexed: bool = False  # the dataset was read through the build's index (kg.validate.indexed)
    reused: bool = False  # the last run's whole report, its inputs unchanged (run_reuse)
    summarized: list[str] = field(default_factory=list)  # graphs parsed to summarize them


def _run_cached(
    units: Iterable[Candidate],
    store: ResultCache | None,
    files: Sequence[Path],
    roots: Sequence[Path],
    jobs: int,
    progress: Callable[[Outcome], None] | None,
    engine: str,
    stats: RunStats,
) -> list[Outcome]:
    """Outcomes in the order of ``units``: cached ones read back, the others validated (in
    ``jobs`` processes) and stored."""
    config = config_digest(files, engine) if store is not None else ""
    found: dict[int, Outcome] = {}
    todo: list[tuple[int, str]] = []  # (position, key) of the units sent to validation

    def misses() -> Iterator[Unit]:
        for i, unit in enumerate(units):
            stats.units += 1
            if store is None:
                todo.append((i, ""))
                yield unit.unit()
                continue
            key = unit.key(config, roots, store.activities)
            hit = store.get(key, unit.name)
            if hit is not None:
                found[i] = hit
                if progress:
                    progress(hit)
                continue
            todo.append((i, key))
            yield unit.unit()

    pending = misses()
    first = list(islice(pending, jobs))
    if len(first) < jobs:  # fewer units to validate than jobs: no more processes than units
        fresh = run_units(first, files, roots, jobs, progress, engine)
    else:
        fresh = run_units(chain(first, pending), files, roots, jobs, progress, engine)
    for (i, key), outcome in zip(todo, fresh, strict=True):
        found[i] = outcome
        stats.evaluated.append(outcome.unit)
        if store is not None:
            store.put(key, outcome)
    stats.cached = stats.units - len(todo)
    return [found[i] for i in range(stats.units)]


def validate_graph(
    data: rdflib.Graph | rdflib.Dataset,
    shapes: ShapeSet | None = None,
    *,
    engine: str = DEFAULT_ENGINE,
) -> Report:
    """SHACL shapes and page-graph checks over one in-memory graph or dataset.

    A Dataset is cut into units like a build (one per page graph); a plain Graph is one unit
    whose every subject is a focus node. ``shapes`` defaults to kg's own shapes.
    """
    shapes = shapes or load_shapes()
    if isinstance(data, rdflib.Dataset):
        built = from_rdflib(data)
    else:
        ds = rdflib.Dataset()
        named = ds.graph(rdflib.URIRef("urn:kg:validate:graph"))
        for t in data:
            named.add(t)
        built = from_rdflib(ds)
    units = make_units(built, shapes.inverse_paths)
    outcomes = run_units(units, shapes.files, [Path.cwd()], jobs=1, engine=engine)
    notices = _engine_notes(shapes.files, engine)
    return _report(
        built, outcomes, shapes.files, extra=[], notices=notices, checks=("shacl", "evidence")
    )


def _engine_notes(files: Sequence[Path], engine: str) -> list[str]:
    note = fallback_notice(files, engine)
    return [note] if note else []


def _report(
    data: BuildData,
    outcomes: list[Outcome],
    files: Sequence[Path],
    *,
    extra: list[ValidationResult],
    notices: list[str],
    checks: tuple[str, ...],
) -> Report:
    results = [r for o in outcomes for r in o.results] + extra
    missing = sorted({o.source_missing for o in outcomes if o.source_missing})
    if missing:
        notices.append(
            f"quotes not checked against the source for {len(missing)} page(s): source file "
            f"not found from here (first: {missing[0]}); run kg validate where kg build ran"
        )
    return Report(
        results=merge_results(results),
        notices=tuple(notices),
        pages=len(data.pages),
        checks=checks,
        shapes=tuple(_display(f) for f in files),
    )


def _watching(units: Iterable[T], check: Callable[[], None]) -> Iterator[T]:
    """``units``, calling ``check`` before each is made."""
    it = iter(units)
    while True:
        check()
        unit = next(it, None)
        if unit is None:
            return
        yield unit


def _activities(data: BuildData) -> tuple[str, ...]:
    """The IRIs of the build activities (kg.vocab.mint.activity_iri) the build graph holds."""
    prefix = v.ACTIVITY_PREFIX
    subjects = {t.subject.value for t in data.build_graph if isinstance(t.subject, ox.NamedNode)}
    return tuple(sorted(s for s in subjects if s.startswith(prefix)))


def _shape_files(shapes_dirs: Sequence[Path]) -> tuple[Path, ...]:
    folders = [builtin_shapes_dir(), *(Path(d) for d in shapes_dirs)]
    return tuple(f for folder in folders for f in shape_files(folder))


def _roots(build_dir: Path) -> tuple[Path, ...]:
    """Where page files named relatively (as given to kg build) are looked for."""
    roots = [Path.cwd(), build_dir.resolve().parent]
    return tuple(dict.fromkeys(roots))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
