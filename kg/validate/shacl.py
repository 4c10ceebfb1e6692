"""Running pyshacl on one in-memory rdflib graph and reading its results.

The data graph is always an rdflib ``Graph`` in memory (never a pyoxigraph store: slow, and
wrong about ``sh:in`` on plain literals). Results come back as pyshacl's SHACL report graph
and are read into :class:`~kg.validate.report.ValidationResult` records. Advanced mode
(SHACL-AF) is switched on only when the shapes need it beyond what kg evaluates natively.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pyshacl
import rdflib
from rdflib.namespace import RDF, SH

from kg.errors import ValidationError
from kg.validate.evidence import NON_EMPTY_SHAPE
from kg.validate.report import Location, Severity, ValidationResult
from kg.validate.shape_eval import RawResult
from kg.validate.shapes import ShapeSet
from kg.validate.unit_graph import key, to_rdflib

#: SHACL-AF terms that need pyshacl's advanced mode.
_ADVANCED = (SH.target, SH.rule, SH.expression, SH.SPARQLTarget, SH.SPARQLFunction)

Locator = Callable[[str, str | None, str | None], Location | None]
Labeller = Callable[[str], str | None]


def needs_advanced(shapes: ShapeSet) -> bool:
    """True when a shape other than the natively evaluated ones uses SHACL-AF."""
    native = rdflib.URIRef(NON_EMPTY_SHAPE)
    for term in _ADVANCED:
        for s, _, _ in shapes.graph.triples((None, term, None)):
            if s != native:
                return True
        if any(s != native for s in shapes.graph.subjects(RDF.type, term)):
            return True
    return False


def run_pyshacl(
    data: rdflib.Graph, shapes: rdflib.Graph, files: Sequence[Path], *, advanced: bool
) -> rdflib.Graph:
    """pyshacl's report graph for ``data`` (validated in place: ``data`` is not copied)."""
    try:
        _conforms, report, _text = pyshacl.validate(
            data, shacl_graph=shapes, advanced=advanced, inplace=True
        )
    except Exception as exc:  # pyshacl raises its own and rdflib's errors for broken shapes
        raise ValidationError(
            f"pyshacl could not run the shapes ({type(exc).__name__}: {exc}); check the "
            f"shape files: {', '.join(str(f) for f in files)}"
        ) from exc
    return report


def read_results(
    report: rdflib.Graph,
    shapes: ShapeSet,
    *,
    keep: Callable[[str], bool],
    label: Labeller,
    locate: Locator,
    page: str | None,
) -> Iterable[ValidationResult]:
    """The results of a pyshacl report graph whose focus node ``keep`` accepts."""
    for r in report.objects(None, SH.result):
        focus = report.value(r, SH.focusNode)
        if focus is None:
            continue
        focus_key = str(focus) if isinstance(focus, rdflib.URIRef) else focus.n3()
        if not keep(focus_key):
            continue
        path = _path(report, report.value(r, SH.resultPath))
        value_node = report.value(r, SH.value)
        value = value_node.n3() if value_node is not None else None
        messages = sorted(str(m) for m in report.objects(r, SH.resultMessage))
        source_shape = report.value(r, SH.sourceShape)
        shape = shapes.name(source_shape) if source_shape is not None else "(anonymous shape)"
        yield ValidationResult(
            severity=Severity.from_iri(str(report.value(r, SH.resultSeverity))),
            focus_node=focus_key,
            path=path,
            value=value,
            message=messages[0] if messages else f"does not conform to {shape}",
            source_shape=shape,
            constraint=str(report.value(r, SH.sourceConstraintComponent)),
            focus_label=label(focus_key),
            page=page,
            location=locate(focus_key, path if path and "<" not in path else None, value),
            origin="shacl",
        )


def compiled_results(
    raw: Iterable[RawResult],
    shapes: ShapeSet,
    *,
    label: Labeller,
    locate: Locator,
    page: str | None,
) -> Iterable[ValidationResult]:
    """The compiled engine's results, as :func:`read_results` reads pyshacl's."""
    for r in raw:
        focus_key = key(r.focus)
        shape = r.shape
        path = shape.path.text if shape.path is not None else None
        value = to_rdflib(r.value).n3() if r.value is not None else None
        name = shapes.name(shape.node)
        messages = sorted(shape.messages)
        yield ValidationResult(
            severity=Severity.from_iri(shape.severity),
            focus_node=focus_key,
            path=path,
            value=value,
            message=messages[0] if messages else f"does not conform to {name}",
            source_shape=name,
            constraint=r.component,
            focus_label=label(focus_key),
            page=page,
            location=locate(focus_key, path if path and "<" not in path else None, value),
            origin="shacl",
        )


def _path(report: rdflib.Graph, path: rdflib.term.Node | None) -> str | None:
    """A property IRI, or a SPARQL path (``^<iri>``) for an inverse path."""
    if path is None:
        return None
    if isinstance(path, rdflib.URIRef):
        return str(path)
    inverse = report.value(path, SH.inversePath)
    if isinstance(inverse, rdflib.URIRef):
        return f"^<{inverse}>"
    return "(complex path)"
