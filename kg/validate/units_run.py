"""Validating units, one process per job: shapes (pyshacl) plus the page-graph checks.

Each worker reads the shapes once (the process initializer); a unit arrives as N-Triples text,
is parsed by pyoxigraph, checked (kg.validate.evidence), turned into a fresh in-memory rdflib
graph for pyshacl, validated, and dropped. Results come back as frozen records; nothing here
prints or keeps global state besides the worker's shapes.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg import vocab as v
from kg.validate import evidence
from kg.validate.locate import PageIndex
from kg.validate.report import Severity, ValidationResult
from kg.validate.shacl import compiled_results, needs_advanced, read_results, run_pyshacl
from kg.validate.shape_eval import evaluate
from kg.validate.shape_plan import Plan, compile_shapes
from kg.validate.shapes import ShapeSet, load_shape_files
from kg.validate.unit_graph import LineRows, Row, UnitGraph, parse_rows
from kg.validate.units import Unit


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """What one unit gave: its results, and whether its source file could be re-read."""

    unit: str
    results: tuple[ValidationResult, ...]
    source_missing: str | None = None  # the source file, when the quote check was skipped


#: The SHACL engines: kg's compiled shapes (default) and pyshacl itself (the reference).
ENGINES = ("compiled", "pyshacl")
DEFAULT_ENGINE = "compiled"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Config:
    shapes: ShapeSet
    pyshacl_shapes: rdflib.Graph | None  # what pyshacl runs (None: nothing is left to it)
    advanced: bool
    literal_rule: evidence.LiteralRule | None
    roots: tuple[Path, ...]
    plan: Plan | None  # the compiled shapes (None with the pyshacl engine)
    context: LineRows  # the context lines read so far (units share most of them)


_CONFIG: _Config | None = None


def configure(
    shape_files: Sequence[Path], roots: Sequence[Path], engine: str = DEFAULT_ENGINE
) -> None:
    """Load the shapes for this process (also the worker initializer)."""
    global _CONFIG
    shapes = load_shape_files(shape_files)
    native = [evidence.NON_EMPTY_SHAPE]
    plan = None
    pyshacl_shapes: rdflib.Graph | None = shapes.without(native)
    if engine == "compiled":
        plan = compile_shapes(shapes, skip=frozenset(native))
        compiled = [str(t.shape.node) for t in plan.shapes]
        pyshacl_shapes = shapes.without(native + compiled) if plan.fallback else None
    elif engine != "pyshacl":
        raise ValueError(f"unknown SHACL engine {engine!r} (one of {', '.join(ENGINES)})")
    _CONFIG = _Config(
        shapes=shapes,
        pyshacl_shapes=pyshacl_shapes,
        advanced=needs_advanced(shapes),
        literal_rule=_literal_rule(shapes),
        roots=tuple(roots),
        plan=plan,
        context=LineRows(),
    )


def run_units(
    units: Iterable[Unit],
    shape_files: Sequence[Path],
    roots: Sequence[Path],
    jobs: int = 1,
    progress: Callable[[Outcome], None] | None = None,
    engine: str = DEFAULT_ENGINE,
) -> list[Outcome]:
    """Validate every unit, in ``jobs`` processes; outcomes in the order of ``units``.

    ``units`` is consumed as the workers need more (at most a few batches per worker are
    waiting), so a generator of units keeps memory flat whatever the build's size. A sequence
    of fewer units than ``jobs`` starts no more processes than it has units.
    """
    outcomes: list[Outcome] = []
    count = len(units) if isinstance(units, Sequence) else jobs
    workers = max(1, min(jobs, os.cpu_count() or 1, count))
    if workers == 1:
        configure(shape_files, roots, engine)
        for unit in units:
            outcomes.append(validate_unit(unit))
            if progress:
                progress(outcomes[-1])
        return outcomes
    with ProcessPoolExecutor(
        workers, initializer=configure, initargs=(tuple(shape_files), tuple(roots), engine)
    ) as pool:
        waiting: deque[Future[list[Outcome]]] = deque()

        def collect() -> None:
            for outcome in waiting.popleft().result():
                outcomes.append(outcome)
                if progress:
                    progress(outcome)

        for batch in _batches(units, _BATCH):
            waiting.append(pool.submit(_validate_batch, batch))
            if len(waiting) >= workers * _WAITING:
                collect()
        while waiting:
            collect()
    return outcomes


_BATCH = 8  # units sent to a worker at a time
_WAITING = 3  # batches per worker submitted ahead


def _batches(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    for unit in units:
        batch.append(unit)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _validate_batch(units: Sequence[Unit]) -> list[Outcome]:
    return [validate_unit(u) for u in units]


def validate_unit(unit: Unit) -> Outcome:
    """Shapes and page-graph checks for one unit (in the calling process's configuration).

    Python's cycle collector is paused while a unit is checked: a unit makes some 10^5
    containers (its rows, the index's sets) that live until the unit ends and are freed by
    reference counting then, and the collector's passes over them (and over everything else
    the process holds) cost about a quarter of a unit's CPU. It resumes after each unit, so
    any cycle a unit leaves (pyshacl's graphs) is collected as before.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _validate_unit(unit)
    finally:
        if collecting:
            gc.enable()


def _validate_unit(unit: Unit) -> Outcome:
    if _CONFIG is None:
        raise RuntimeError("kg.validate.units_run.configure() was not called in this process")
    cfg = _CONFIG
    own = parse_rows(unit.triples)
    every = own + cfg.context.parse(unit.context)
    page = unit.page
    index = PageIndex.from_rows(
        page.page_iri if page else None, page.source_file if page else None, every
    )
    results: list[ValidationResult] = []
    missing = None
    if page is not None:
        results.extend(evidence.fact_evidence(page, own, index))
        results.extend(evidence.selector_parts(page, own, index))
        source = evidence.read_source(page, cfg.roots)
        if source is None:
            missing = page.source_file or "(no kgv:sourceFile)"
        elif page.sha256 and source[1] != page.sha256:
            results.append(evidence.source_changed(page, index, source[1]))
        else:
            results.extend(evidence.quotes(page, own, index, source[0]))
    if cfg.literal_rule is not None:
        results.extend(evidence.empty_literals(page, every, unit.focus, index, cfg.literal_rule))
    slug = page.slug if page else None

    def keep(f: str) -> bool:
        return f in unit.focus or f.startswith("_:")

    if cfg.plan is not None:
        raw = evaluate(cfg.plan, UnitGraph(every, cfg.plan.predicates), keep)
        results.extend(
            compiled_results(raw, cfg.shapes, label=index.label, locate=index.locate, page=slug)
        )
    if cfg.pyshacl_shapes is not None:
        data = to_rdflib(every)
        report = run_pyshacl(data, cfg.pyshacl_shapes, cfg.shapes.files, advanced=cfg.advanced)
        results.extend(
            read_results(
                report, cfg.shapes, keep=keep, label=index.label, locate=index.locate, page=slug
            )
        )
    return Outcome(unit=unit.name, results=tuple(results), source_missing=missing)


def fallback_notice(shape_files: Sequence[Path], engine: str) -> str | None:
    """A notice naming the shapes the compiled engine leaves to pyshacl, and why."""
    if engine != "compiled":
        return None
    plan = compile_shapes(load_shape_files(shape_files), skip=frozenset([evidence.NON_EMPTY_SHAPE]))
    if not plan.fallback:
        return None
    why = "; ".join(f"{shape}: {reason}" for shape, reason in plan.fallback)
    return f"shacl: {len(plan.fallback)} shape(s) validated by pyshacl, not compiled ({why})"


def to_rdflib(triples: Sequence[Row]) -> rdflib.Graph:
    """An in-memory rdflib graph of pyoxigraph triples (faster than rdflib's N-Triples
    parser, which costs more than pyshacl on a small page graph)."""
    cache: dict[object, rdflib.term.Node] = {}

    def term(node: object) -> rdflib.term.Node:
        found = cache.get(node)
        if found is None:
            found = cache[node] = _term(node)
        return found

    graph = rdflib.Graph()
    predicates: dict[str, rdflib.URIRef] = {}

    def predicate(iri: str) -> rdflib.URIRef:
        found = predicates.get(iri)
        if found is None:
            found = predicates[iri] = rdflib.URIRef(iri)
        return found

    graph.addN((term(s), predicate(p), term(o), graph) for s, p, o in triples)
    return graph


def _term(node: object) -> rdflib.term.Node:
    if isinstance(node, ox.NamedNode):
        return rdflib.URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return rdflib.BNode(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return rdflib.Literal(node.value, lang=node.language)
        dt = node.datatype.value
        if dt == _XSD_STRING:
            return rdflib.Literal(node.value)
        return rdflib.Literal(node.value, datatype=rdflib.URIRef(dt))
    raise TypeError(f"unsupported RDF term {node!r}")


_XSD_STRING = v.XSD_STRING


def _literal_rule(shapes: ShapeSet) -> evidence.LiteralRule | None:
    """The severity and message of kgs:NonEmptyLiteralShape, when the shapes have it."""
    shape = rdflib.URIRef(evidence.NON_EMPTY_SHAPE)
    sh = rdflib.namespace.SH
    if (shape, None, None) not in shapes.graph:
        return None
    severity = shapes.graph.value(shape, sh.severity)
    messages = sorted(
        str(m)
        for c in shapes.graph.objects(shape, sh.sparql)
        for m in shapes.graph.objects(c, sh.message)
    )
    return evidence.LiteralRule(
        severity=Severity.from_iri(str(severity)) if severity else Severity.VIOLATION,
        message=messages[0] if messages else "Empty literal",
    )
