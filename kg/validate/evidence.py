"""Checks of a page graph that SHACL over the merged graph cannot make (or makes slowly).

* ``kgs:FactEvidence`` — every fact of the page graph (``kg.rdf.layout.is_fact``) has a
  statement node (``rdf:subject``/``rdf:predicate``/``rdf:object``): only the page graph, not
  the union with the terms graph that the shapes see, tells a page's facts from copies;
* ``kgs:StatementAsserted`` — every statement describes a triple the page graph asserts;
* ``kgs:SelectorParts`` — every selector has one position and one quote part
  (as ``sh:qualifiedValueShape`` would say, at a quarter of pyshacl's time on a page graph);
* ``kgs:QuoteMatchesSource`` — every selector's quote is the page text at its offsets, and its
  lines are the lines of those offsets (the source file is read again; when it changed since
  the build, one warning says so instead);
* ``kgs:NonEmptyLiteralShape`` — shapes/literals.ttl, a SHACL-AF shape (SPARQL target):
  evaluated here, natively, with the message and severity the shape declares, because
  pyshacl's advanced mode costs ~0.3 s per page graph. ``pyshacl -a`` gives the same results.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import pyoxigraph as ox

from kg import vocab as v
from kg.errors import KgError
from kg.rdf.layout import is_fact
from kg.validate.locate import PageIndex
from kg.validate.report import Severity, ValidationResult
from kg.validate.source import PageInfo
from kg.validate.unit_graph import Row, Term

NON_EMPTY_SHAPE = v.SHAPE_NON_EMPTY_LITERAL_SHAPE
_BLANK = re.compile(r"^\s*$")
_STMT = v.RDF_STATEMENT


@dataclass(frozen=True, slots=True, kw_only=True)
class LiteralRule:
    """Severity and message of the shape behind the empty-literal check (from the shapes)."""

    severity: Severity
    message: str


def fact_evidence(
    page: PageInfo, triples: Sequence[Row], index: PageIndex
) -> Iterable[ValidationResult]:
    """Facts without a statement node, and statements whose triple is not asserted."""
    page_iri = page.page_iri or ""
    asserted: set[tuple[str, str, str]] = set()
    negated: set[str] = set()  # statements the page denies: their triple is never asserted
    staged: set[str] = set()  # statements of one protocol stage (Assertion.conditional): neither
    keys: dict[Term, str] = {}  # subject -> _key (a page's subjects repeat)
    for subject, pred, obj in triples:
        s = keys.get(subject)
        if s is None:
            s = keys[subject] = _key(subject)
        if pred == v.NEGATED and _obj(obj).startswith('"true"'):
            negated.add(s)
        if pred in (v.PROTOCOL_STAGE, v.STAGE):
            staged.add(s)
        if is_fact(s, page_iri):
            asserted.add((s, pred, _obj(obj)))
    described = {(st.subject, st.predicate, st.object): iri for iri, st in index.statements.items()}
    for s, p, o in sorted(asserted - described.keys()):
        yield _result(
            page,
            index,
            v.SHAPE_FACT_EVIDENCE,
            focus=s,
            path=p,
            value=_nt(o),
            message="Fact asserted without a statement node: nothing says where the page "
            "states it (no rdf:Statement with this rdf:subject, rdf:predicate, rdf:object)",
        )
    for (s, p, o), st in sorted(described.items(), key=lambda kv: kv[1]):
        if s and (s, p, o) not in asserted and st not in negated and st not in staged:
            yield _result(
                page,
                index,
                v.SHAPE_STATEMENT_ASSERTED,
                focus=st,
                path=v.RDF_SUBJECT,
                value=_nt(s),
                message="Statement about a triple the page graph does not assert: "
                "its evidence points at nothing",
            )


_PARTS = {
    v.OA_TEXT_POSITION_SELECTOR: "position",
    v.OA_TEXT_QUOTE_SELECTOR: "quote",
}


def selector_parts(
    page: PageInfo, triples: Sequence[Row], index: PageIndex
) -> Iterable[ValidationResult]:
    """Selectors with two parts, but not one of each kind."""
    kinds: dict[str, list[str]] = {}
    selectors: set[str] = set()
    for subject, p, o in triples:
        if p != v.RDF_TYPE or not isinstance(o, ox.NamedNode):
            continue
        if o.value == v.OA_SPECIFIC_RESOURCE:
            selectors.add(_key(subject))
        elif o.value in _PARTS:
            sel = index.parts.get(_key(subject))
            if sel is not None:
                kinds.setdefault(sel, []).append(_PARTS[o.value])
    for sel in sorted(selectors):
        found = kinds.get(sel, [])
        wrong = [k for k in _PARTS.values() if found.count(k) != 1]
        if wrong and len(found) == len(_PARTS):  # other counts: kgs:Selector-parts says so
            yield _result(
                page,
                index,
                v.SHAPE_SELECTOR_PARTS,
                focus=sel,
                path=v.OA_HAS_SELECTOR,
                value=None,
                message="A selector has exactly one position and one quote part "
                f"(oa:hasSelector); here: {', '.join(f'{found.count(k)} {k}' for k in wrong)}",
            )


def quotes(
    page: PageInfo, triples: Sequence[Row], index: PageIndex, text: str
) -> Iterable[ValidationResult]:
    """Selectors whose quote or lines disagree with the source text."""
    starts = _line_starts(text)
    for sel, (start, end, exact) in sorted(_selectors(triples, index).items()):
        if exact is not None and text[start:end] != exact:
            yield _result(
                page,
                index,
                v.SHAPE_QUOTE_MATCHES_SOURCE,
                focus=sel,
                path=v.OA_EXACT,
                value=str(ox.Literal(exact)),
                message=f"The quote is not the page text at offsets {start}..{end} "
                f"(the file has {text[start:end][:60]!r} there)",
            )
            continue
        first, last = _line_of(starts, start), _line_of(starts, max(start, end - 1))
        line = index.lines.get(sel)
        if line is not None and line != first:
            yield _result(
                page,
                index,
                v.SHAPE_QUOTE_MATCHES_SOURCE,
                focus=sel,
                path=v.LINE_START,
                value=str(ox.Literal(str(line), datatype=ox.NamedNode(v.XSD_INTEGER))),
                message=f"kgv:lineStart says line {line}, but offset {start} is on line {first}"
                f" (the span ends on line {last})",
            )


def source_changed(page: PageInfo, index: PageIndex, sha256: str) -> ValidationResult:
    return _result(
        page,
        index,
        v.SHAPE_SOURCE_UNCHANGED,
        focus=page.page_iri or page.graph,
        path=v.DCTERMS_IDENTIFIER,
        value=str(ox.Literal(f"sha256:{page.sha256}")),
        message=f"The source file changed since the build (now sha256:{sha256[:12]}…): "
        "rebuild with `kg build`; quotes were not checked against it",
        severity=Severity.WARNING,
    )


def empty_literals(
    page: PageInfo | None,
    triples: Iterable[Row],
    focus: frozenset[str],
    index: PageIndex,
    rule: LiteralRule,
) -> Iterable[ValidationResult]:
    """The native evaluation of kgs:NonEmptyLiteralShape (see the module docstring)."""
    for subject, p, o in triples:
        if isinstance(o, ox.Literal) and _BLANK.match(o.value) and _key(subject) in focus:
            yield ValidationResult(
                severity=rule.severity,
                focus_node=_key(subject),
                path=p,
                value=str(o),
                message=rule.message,
                source_shape=NON_EMPTY_SHAPE,
                constraint=v.SH_SPARQL_CONSTRAINT_COMPONENT,
                focus_label=index.label(_key(subject)),
                page=page.slug if page else None,
                location=index.locate(_key(subject), p, str(o)),
                origin="evidence",
            )


def source_digest(page: PageInfo, roots: Sequence[Path]) -> str | None:
    """The sha256 of the bytes of the page's source file (the file :func:`read_source` reads),
    or None when there is none: what a result cache key needs, without decoding the page
    (reading 18,434 pages whole for their keys took 2.8 s of an 11 s validation)."""
    return file_digest(page.source_file, roots)


def file_digest(source_file: str | None, roots: Sequence[Path]) -> str | None:
    """:func:`source_digest` of a page whose ``kgv:sourceFile`` is ``source_file`` (read once
    inside :func:`digests_remembered`)."""
    memo = _DIGESTS.get()
    if memo is not None:
        at = (source_file, tuple(roots))
        if at not in memo:
            memo[at] = _file_digest(source_file, roots)
        return memo[at]
    return _file_digest(source_file, roots)


def _file_digest(source_file: str | None, roots: Sequence[Path]) -> str | None:
    for path in _candidates(source_file, roots):
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
    return None


_DIGESTS: ContextVar[dict[tuple[str | None, tuple[Path, ...]], str | None] | None] = ContextVar(
    "kg_source_digests", default=None
)


@contextmanager
def digests_remembered() -> Iterator[None]:
    """Inside the block, each page file is read and hashed once (one validation run keys its
    whole report and each unit by them: kg.validate.run_reuse, result_cache)."""
    token = _DIGESTS.set({})
    try:
        yield
    finally:
        _DIGESTS.reset(token)


def _candidates(source_file: str | None, roots: Sequence[Path]) -> list[Path]:
    if not source_file:
        return []
    first = Path(source_file)
    return [first] if first.is_absolute() else [root / source_file for root in roots]


def read_source(page: PageInfo, roots: Sequence[Path]) -> tuple[str, str] | None:
    """(text, sha256) of the page's source file, found under one of ``roots``; None if absent."""
    from kg.pages.page import read_page

    for path in _candidates(page.source_file, roots):
        if path.is_file():
            try:
                p = read_page(path)
            except KgError:
                return None
            return p.text, p.sha256
    return None


def _selectors(triples: Sequence[Row], index: PageIndex) -> dict[str, tuple[int, int, str | None]]:
    """selector -> (start, end, quote) for every selector with both offsets."""
    start: dict[str, int] = {}
    end: dict[str, int] = {}
    for subject, p, o in triples:
        if p in (v.OA_START, v.OA_END) and isinstance(o, ox.Literal):
            if not o.value.isdigit():
                continue
            sel = index.parts.get(_key(subject))
            if sel is not None:
                (start if p.endswith("start") else end)[sel] = int(o.value)
    return {
        sel: (start[sel], end[sel], index.quotes.get(sel))
        for sel in start
        if sel in end and start[sel] <= end[sel]
    }


def _line_starts(text: str) -> list[int]:
    """The offset of each line's first character (the lines' lengths summed, not a Python
    loop over the characters of the page)."""
    lengths = [len(line) + 1 for line in text.split("\n")[:-1]]
    return list(accumulate(lengths, initial=0))


def _line_of(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset)


def _result(
    page: PageInfo,
    index: PageIndex,
    shape: str,
    *,
    focus: str,
    path: str,
    value: str | None,
    message: str,
    severity: Severity = Severity.VIOLATION,
) -> ValidationResult:
    return ValidationResult(
        severity=severity,
        focus_node=focus,
        path=path,
        value=value,
        message=message,
        source_shape=shape,
        constraint=shape + "Check",
        focus_label=index.label(focus),
        page=page.slug,
        location=index.locate(focus, path, value),
        origin="evidence",
    )


def _key(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return node.value if isinstance(node, ox.NamedNode) else str(node)


def _obj(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """A statement object as PageIndex keeps it: the IRI, or the literal in N-Triples form."""
    return str(node) if isinstance(node, ox.Literal) else _key(node)


def _nt(obj: str) -> str:
    return obj if obj.startswith(('"', "_:")) else f"<{obj}>"
