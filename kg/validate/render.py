"""A report as text (for people), JSON or Turtle (the standard SHACL report graph).

Text starts with the verdict and the counts (by severity, then by shape / constraint), then
lists the results by page and constraint. Each line starts ``FILE:LINE: severity:`` (the form
compilers use, so editors jump to it), names the node, the property and the value, and
quotes the page; long groups are cut after ``limit`` lines with a count of the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from itertools import groupby

import rdflib
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.util import from_n3

from kg import vocab as v
from kg.validate.report import KGS, Report, Severity, ValidationResult

FORMATS: dict[str, Callable[..., str]] = {}
_QUOTE_WIDTH = 100
_SPELLING = ("#PatternConstraintComponent", "#OrConstraintComponent")


def _register(name: str) -> Callable[[Callable[..., str]], Callable[..., str]]:
    def deco(fn: Callable[..., str]) -> Callable[..., str]:
        FORMATS[name] = fn
        return fn

    return deco


def render(
    report: Report, fmt: str, *, fail_on: Severity = Severity.VIOLATION, limit: int = 10
) -> str:
    return FORMATS[fmt](report, fail_on=fail_on, limit=limit)


def summary_line(report: Report, fail_on: Severity = Severity.VIOLATION) -> str:
    """The verdict and the counts, for the end of ``kg build``:
    ``does not conform: 2 violations, 12 warnings, 2 info``."""
    verdict = "conforms" if report.conforms(fail_on) else "does not conform"
    return f"{verdict}: {_counts(report)}"


def _counts(report: Report) -> str:
    n = report.counts
    parts = [
        _plural(n["Violation"], "violation"),
        _plural(n["Warning"], "warning"),
        f"{n['Info']} info",
    ]
    return ", ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _c(iri: str | None) -> str:
    """A CURIE for display (``kgs:`` for kg's shapes, which the project converter lacks)."""
    if iri is None:
        return ""
    if iri.startswith("^<") and iri.endswith(">"):
        return "^" + _c(iri[2:-1])
    if iri.startswith(KGS):
        return "kgs:" + iri[len(KGS) :]
    return v.compress_or_iri(iri)


def _value(value: str | None) -> str:
    if value is None:
        return ""
    if value.startswith("<") and value.endswith(">"):
        return _c(value[1:-1])
    return value


# -- text ---------------------------------------------------------------------------------


@_register("text")
def render_text(report: Report, *, fail_on: Severity = Severity.VIOLATION, limit: int = 10) -> str:
    out = _text_summary(report, fail_on)
    groups = groupby(report.results, key=lambda r: r.page or "")
    for page, page_results in groups:
        results = list(page_results)
        out.append("")
        out.append(_page_header(page, results))
        keyed = groupby(results, key=lambda r: (r.severity, r.source_shape, r.constraint))
        for (severity, shape, constraint), group in keyed:
            out.extend(_text_group(severity, shape, constraint, list(group), limit))
    return "\n".join(out) + "\n"


def _text_summary(report: Report, fail_on: Severity) -> list[str]:
    verdict = "conforms" if report.conforms(fail_on) else "DOES NOT CONFORM"
    out = [
        f"kg validate: {verdict} (fail on {fail_on.value.lower()}): {_counts(report)} "
        f"in {_plural(report.pages, 'page')}",
        f"checks: {', '.join(report.checks)}",
    ]
    out.extend(f"  {n}" for n in report.notices)
    if report.by_constraint:
        out.append("")
        out.append("by shape / constraint:")
        for severity, shape, constraint, n in report.by_constraint:
            out.append(f"  {severity.value.lower():9} {n:5}  {_c(shape)}  ({_c(constraint)})")
    return out


def _page_header(page: str, results: list[ValidationResult]) -> str:
    files = sorted({r.location.file for r in results if r.location})
    where = f"  {files[0]}" if files else ""
    return f"== {page or '(build and terms graphs)'}{where} =="


def _text_group(
    severity: Severity, shape: str, constraint: str, group: list[ValidationResult], limit: int
) -> list[str]:
    messages = {r.message for r in group}
    shared = len(messages) == 1
    head = (
        f"{severity.value.lower()}: {_c(shape)} ({_c(constraint)}), {_plural(len(group), 'result')}"
    )
    out = [head + (f": {group[0].message}" if shared else "")]
    for r in group[:limit]:
        out.extend(_text_result(r, with_message=not shared))
    if len(group) > limit:
        out.append(f"  ... and {len(group) - limit} more like this (--format json lists all)")
    return out


def _text_result(r: ValidationResult, *, with_message: bool) -> list[str]:
    where = str(r.location) if r.location else "(no source line)"
    # where the spelling of an IRI is the problem, show it in full, not as a CURIE
    spelled = r.constraint.endswith(_SPELLING)
    node = r.focus_node if spelled else _c(r.focus_node)
    name = f"{r.focus_label} <{node}>" if r.focus_label else node
    prop = f" {_c(r.path)}" if r.path else ""
    value = r.value if spelled else _value(r.value)
    val = f" = {value}" if r.value is not None else ""
    lines = [f"  {where}: {r.severity.value.lower()}: {name}{prop}{val}"]
    if with_message:
        lines.append(f"      {r.message}")
    if r.location and r.location.quote:
        lines.extend(f"      | {q}" for q in _quote_lines(r.location.quote))
    return lines


def _quote_lines(quote: str) -> Iterable[str]:
    lines = quote.splitlines() or [""]
    for line in lines[:2]:
        yield line if len(line) <= _QUOTE_WIDTH else line[: _QUOTE_WIDTH - 1] + "…"
    if len(lines) > 2:
        yield f"(… {len(lines) - 2} more lines)"


# -- json ---------------------------------------------------------------------------------


@_register("json")
def render_json(report: Report, *, fail_on: Severity = Severity.VIOLATION, limit: int = 10) -> str:
    data = {
        "conforms": report.conforms(fail_on),  # kg's verdict at fail_on (the exit code)
        "shacl_conforms": not report.results,  # SHACL's: no result at all
        "fail_on": fail_on.value,
        "counts": report.counts,
        "pages": report.pages,
        "checks": list(report.checks),
        "shapes": list(report.shapes),
        "notices": list(report.notices),
        "by_constraint": [
            {"severity": s.value, "shape": shape, "constraint": c, "count": n}
            for s, shape, c, n in report.by_constraint
        ],
        "results": [_json_result(r) for r in report.results],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _json_result(r: ValidationResult) -> dict[str, object]:
    loc = r.location
    return {
        "severity": r.severity.value,
        "page": r.page,
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "quote": loc.quote if loc else None,
        "focus_node": r.focus_node,
        "focus_label": r.focus_label,
        "path": r.path,
        "value": r.value,
        "message": r.message,
        "source_shape": r.source_shape,
        "constraint": r.constraint,
        "origin": r.origin,
    }


# -- turtle -------------------------------------------------------------------------------


@_register("turtle")
def render_turtle(
    report: Report, *, fail_on: Severity = Severity.VIOLATION, limit: int = 10
) -> str:
    """The standard SHACL report graph (sh:ValidationReport), with kgs: extensions for the
    page, the ``FILE:LINE`` location and the quote.

    ``sh:conforms`` is SHACL's: true only when there is no result at all (warnings and infos
    included), as pyshacl, Jena and rudof say on the same data. kg's own verdict, which sets the
    exit code, is separate: ``kgs:failOn`` (the ``--fail-on`` level) and ``kgs:passes`` (no
    result at least that severe). Every ``sh:sourceShape`` is a shape of kg's shapes graph
    (the Python checks are declared in shapes/checks.ttl); a property shape without an IRI is
    a blank node labelled ``<parent shape> / <path>``."""
    g = rdflib.Graph()
    for prefix, ns in (("sh", str(SH)), ("kgs", KGS), *v.PREFIX_MAP.items()):
        g.bind(prefix, ns, override=True)
    rep = rdflib.BNode("report")
    g.add((rep, RDF.type, SH.ValidationReport))
    g.add((rep, SH.conforms, rdflib.Literal(not report.results)))
    kgs = rdflib.Namespace(KGS)
    g.add((rep, kgs.failOn, rdflib.URIRef(fail_on.iri)))
    g.add((rep, kgs.passes, rdflib.Literal(report.conforms(fail_on))))
    for note in report.notices:
        g.add((rep, RDFS.comment, rdflib.Literal(note)))
    for i, r in enumerate(report.results, start=1):
        _turtle_result(g, rep, rdflib.BNode(f"r{i:06d}"), r)
    return g.serialize(format="turtle")


def _turtle_result(
    g: rdflib.Graph, rep: rdflib.BNode, node: rdflib.BNode, r: ValidationResult
) -> None:
    kgs = rdflib.Namespace(KGS)
    g.add((rep, SH.result, node))
    g.add((node, RDF.type, SH.ValidationResult))
    g.add((node, SH.resultSeverity, rdflib.URIRef(r.severity.iri)))
    focus = (
        rdflib.BNode(r.focus_node[2:])
        if r.focus_node.startswith("_:")
        else rdflib.URIRef(r.focus_node)
    )
    g.add((node, SH.focusNode, focus))
    if r.path:
        if r.path.startswith("^<"):
            path = rdflib.BNode(f"{node}-path")
            g.add((path, SH.inversePath, rdflib.URIRef(r.path[2:-1])))
            g.add((node, SH.resultPath, path))
        elif not r.path.startswith("("):
            g.add((node, SH.resultPath, rdflib.URIRef(r.path)))
    if r.value is not None:
        g.add((node, SH.value, from_n3(r.value)))  # type: ignore[arg-type]
    g.add((node, SH.resultMessage, rdflib.Literal(r.message)))
    g.add((node, SH.sourceShape, _shape_node(g, r.source_shape)))
    g.add((node, SH.sourceConstraintComponent, rdflib.URIRef(r.constraint)))
    if r.page:
        g.add((node, kgs.page, rdflib.Literal(r.page)))
    if r.location:
        g.add((node, kgs.location, rdflib.Literal(str(r.location))))
        if r.location.line is not None:
            g.add((node, kgs.line, rdflib.Literal(r.location.line, datatype=XSD.integer)))
        if r.location.quote:
            g.add((node, kgs.quote, rdflib.Literal(r.location.quote)))


def _shape_node(g: rdflib.Graph, shape: str) -> rdflib.term.Node:
    """A shape's IRI, or for a shape named ``<parent> / <path>`` (a blank property shape) a
    blank node with that name as its label (sh:sourceShape is a node, never a literal)."""
    if " " not in shape:
        return rdflib.URIRef(shape)
    node = rdflib.BNode("shape-" + hashlib.sha256(shape.encode("utf-8")).hexdigest()[:16])
    g.add((node, RDFS.label, rdflib.Literal(shape)))
    return node
