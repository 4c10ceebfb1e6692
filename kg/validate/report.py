"""The validation report: results a curator can act on, returned (never raised).

A :class:`Report` holds :class:`ValidationResult` records, one per finding, from the SHACL
shapes (pyshacl), from the Python checks over page graphs (facts without evidence, quotes
that do not match the source) and from the ontology checks (owlready2). Each result says
what is wrong (message, severity, the shape or check), where in the graph (focus node, path,
value) and where in the page (``FILE:LINE`` and the quoted text), so the page can be fixed.
Results are sorted, so the same build always gives the same report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from kg import vocab as v
from kg.errors import ModelError

#: Namespace of kg's shapes and checks (``kgs:``).
KGS = v.KGS
SH = v.SH


class Severity(StrEnum):
    """SHACL severities, most severe first (``sh:Violation`` is what a curator must fix)."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> str:
        return _IRIS[self]

    @property
    def rank(self) -> int:
        """0 for violations, 1 for warnings, 2 for infos (lower is more severe)."""
        return _RANKS[self]

    @classmethod
    def from_iri(cls, iri: str) -> Severity:
        name = iri.removeprefix(SH)
        try:
            return cls(name)
        except ValueError:
            raise ModelError(f"not a SHACL severity: {iri!r}") from None


_RANKS = {Severity.VIOLATION: 0, Severity.WARNING: 1, Severity.INFO: 2}
_IRIS = {
    Severity.VIOLATION: v.SH_VIOLATION,
    Severity.WARNING: v.SH_WARNING,
    Severity.INFO: v.SH_INFO,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """Where in a page a finding points: the file, the 1-based line and the quoted text there."""

    file: str
    line: int | None = None
    quote: str | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationResult:
    """One finding.

    ``focus_node`` and ``value`` are in N-Triples form (``<iri>`` or a quoted literal) so
    that literals and IRIs stay distinct; ``path`` is a property IRI in ``<>`` or a SPARQL
    property path such as ``^<iri>``. ``source_shape`` and ``constraint`` are IRIs (for a
    shape without an IRI: its parent shape's IRI and path). ``page`` is the slug of the page
    graph the focus node was validated in (None for the build activity and the terms graph).
    """

    severity: Severity
    focus_node: str
    message: str
    source_shape: str
    constraint: str
    path: str | None = None
    value: str | None = None
    focus_label: str | None = None
    page: str | None = None
    location: Location | None = None
    origin: str = "shacl"  # "shacl" | "evidence" | "ontology" | "reasoner"

    @property
    def key(self) -> tuple[str, ...]:
        """Identity of a finding: a shape's finding about a node two page graphs share is
        reported once (as whole-graph SHACL would); an ontology finding once per page."""
        return (
            self.page or "" if self.origin == "ontology" else "",
            self.source_shape,
            self.constraint,
            self.focus_node,
            self.path or "",
            self.value or "",
            self.severity.value,
            self.message,
        )

    @property
    def sort_key(self) -> tuple[object, ...]:
        loc = self.location
        return (
            self.page or "~",
            self.severity.rank,
            self.source_shape,
            self.constraint,
            loc.file if loc else "",
            loc.line if loc and loc.line is not None else 0,
            self.focus_node,
            self.path or "",
            self.value or "",
            self.message,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """Everything ``kg validate`` found, plus notices about checks that could not run fully."""

    results: tuple[ValidationResult, ...]
    notices: tuple[str, ...] = ()
    pages: int = 0
    checks: tuple[str, ...] = ()  # what ran: "shacl", "evidence", "ontology", "reasoner"
    shapes: tuple[str, ...] = field(default=())  # the shape files used, as given

    def conforms(self, fail_on: Severity = Severity.VIOLATION) -> bool:
        """True when no result is at least as severe as ``fail_on``."""
        return not any(r.severity.rank <= fail_on.rank for r in self.results)

    def count(self, severity: Severity) -> int:
        return sum(r.severity is severity for r in self.results)

    @property
    def counts(self) -> dict[str, int]:
        """Results per severity, every severity present (zero included)."""
        return {s.value: self.count(s) for s in Severity}

    @property
    def by_constraint(self) -> list[tuple[Severity, str, str, int]]:
        """(severity, shape, constraint, count), most severe and most frequent first."""
        c = Counter((r.severity, r.source_shape, r.constraint) for r in self.results)
        return sorted(
            ((sev, shape, comp, n) for (sev, shape, comp), n in c.items()),
            key=lambda t: (t[0].rank, -t[3], t[1], t[2]),
        )


def merge_results(results: list[ValidationResult]) -> tuple[ValidationResult, ...]:
    """Sorted results, each finding once (the first in page order wins)."""
    seen: set[tuple[str, ...]] = set()
    out: list[ValidationResult] = []
    for r in sorted(results, key=lambda r: r.sort_key):
        if r.key in seen:
            continue
        seen.add(r.key)
        out.append(r)
    return tuple(out)
