"""The reasoner's part of the ontology checks: the pages' class claims as axioms, HermiT run in
the background (kg.validate.reasoner), and its verdict as findings located on the pages.

kg.validate.ontology_checks checks each page graph and collects its lineage verdicts
(:class:`~kg.validate.ontology_checks.CheckedPages`); :func:`start_reasoner` turns them into
axioms and starts HermiT; :meth:`PendingChecks.finish` waits for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import vocab as v
from kg.validate import reasoner as rz
from kg.validate.lineage import STATED_SUBCLASS_OF, SUBCLASS_OF, Verdict
from kg.validate.locate import PageIndex
from kg.validate.ontology import is_obo
from kg.validate.ontology_checks import CheckedPages
from kg.validate.report import Severity, ValidationResult
from kg.validate.result_cache import ResultCache
from kg.validate.source import BuildData, PageInfo, pref_labels


@dataclass(frozen=True, slots=True, kw_only=True)
class OntologyOutcome:
    results: tuple[ValidationResult, ...]
    notices: tuple[str, ...]
    checks: tuple[str, ...]
    settled: bool = True  # the reasoner's verdict is not a timeout or a crash


@dataclass(slots=True)
class PendingChecks:
    """Ontology checks done, the reasoner (maybe) still running: :meth:`finish` waits."""

    results: list[ValidationResult]
    notices: list[str]
    claims: list[tuple[PageInfo, Verdict]]
    running: rz.Running
    reasoner_note: str | None
    index: Callable[[PageInfo], PageIndex]  # a page's index, for the reasoner's findings

    def cancel(self) -> None:
        self.running.stop()

    def finish(self) -> OntologyOutcome:
        verdict = self.running.result()
        checks = ["ontology"]
        if verdict.status not in ("skipped", "error"):
            checks.append("reasoner")
        results = self.results + list(_reasoner_results(verdict, self.claims, self.index))
        notices = [*self.notices, self.reasoner_note or verdict.notice]
        return OntologyOutcome(
            results=tuple(results),
            notices=tuple(notices),
            checks=tuple(checks),
            settled=verdict.settled,
        )


def start_checks(
    data: BuildData,
    files: Sequence[Path],
    *,
    reasoner: bool = True,
    timeout: float = 120.0,
    cache: ResultCache | None = None,
) -> PendingChecks:
    """Run the ontology checks over every page graph and start the reasoner in the background.

    ``cache``: read the checks of a page graph whose inputs did not change from there
    (kg.validate.ontology_page_cache), and store the others'.
    """
    from kg.validate.ontology_checks import check_pages

    checked = check_pages(data, files, cache)
    return start_reasoner(data, files, checked, reasoner=reasoner, timeout=timeout)


def start_reasoner(
    data: BuildData,
    files: Sequence[Path],
    checked: CheckedPages,
    *,
    reasoner: bool = True,
    timeout: float = 120.0,
) -> PendingChecks:
    """Start the reasoner (in the background) on the class claims ``checked`` found."""
    owl = reasoner_ontology(files)
    axioms = _axioms([vd for _, vd in checked.claims], checked.same)
    running = rz.start(
        owl or files[0], axioms, timeout=timeout, enabled=reasoner and owl is not None
    )
    note = None if owl is not None else "reasoner: skipped (owlready2 reads no OBO file)"
    pref: dict[str, str] = {}

    def index(page: PageInfo) -> PageIndex:
        if not pref:
            pref.update(pref_labels(data))
        found = PageIndex.build(page.page_iri, page.source_file, data.graphs[page.graph])
        found.pref.update(pref)
        return found

    return PendingChecks(checked.results, checked.notices, checked.claims, running, note, index)


def reasoner_ontology(files: Sequence[Path]) -> Path | None:
    """The ontology file HermiT reads: the first that is not OBO (owlready2 reads no OBO)."""
    return next((f for f in files if not is_obo(f)), None)


def _axioms(verdicts: Sequence[Verdict], same: set[tuple[str, str]]) -> rz.Axioms:
    pairs = {
        (vd.child_class, vd.parent_class)
        for vd in verdicts
        if vd.claim.predicate in (SUBCLASS_OF, STATED_SUBCLASS_OF)
        and vd.child_class
        and vd.parent_class
        and vd.child_class != vd.parent_class
    }
    return rz.Axioms(subclass=tuple(sorted(pairs)), same=tuple(sorted(same)))  # type: ignore[arg-type]


def _reasoner_results(
    verdict: rz.ReasonerResult,
    claims: Sequence[tuple[PageInfo, Verdict]],
    index_of: Callable[[PageInfo], PageIndex],
) -> Iterable[ValidationResult]:
    """Inconsistency as one build-level violation; an unsatisfiable class at each claim that
    names it (its subclasses, unsatisfiable with it, are only counted in the notice)."""
    check: dict[str, Any] = {"source_shape": v.SHAPE_REASONER, "constraint": v.SHAPE_REASONER_CHECK}
    unsat = set(verdict.unsatisfiable)
    located = [(p, vd) for p, vd in claims if {vd.child_class, vd.claim.child} & unsat]
    if verdict.status == "inconsistent" or (unsat and not located):
        yield ValidationResult(
            severity=Severity.VIOLATION,
            focus_node=v.BUILD_GRAPH,
            message=verdict.notice,
            origin="reasoner",
            **check,
        )
    indexes: dict[str, PageIndex] = {}
    for page, vd in located:
        index = indexes.get(page.graph) or indexes.setdefault(page.graph, index_of(page))
        c = vd.claim
        cls = vd.child_class if vd.child_class in unsat else c.child
        value = f"<{c.parent}>"
        yield ValidationResult(
            severity=Severity.VIOLATION,
            focus_node=c.child,
            path=c.predicate,
            value=value,
            message=f"{v.compress_or_iri(cls or c.child)} is unsatisfiable (HermiT) once the "
            "pages' class claims are added: a claim contradicts a disjointness axiom of the "
            "ontology",
            focus_label=index.label(c.child),
            page=page.slug,
            location=index.locate(c.child, c.predicate, value),
            origin="reasoner",
            **check,
        )
