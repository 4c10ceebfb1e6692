"""Merging the assertions of one page: one per distinct triple, evidence unioned.

Two extractors (or two copies of a page, or an id repeated) often find the same triple. The
merged assertion keeps the first subject and object terms seen, the first relation label
and Biolink slot, the union of qualifiers (sorted; a stage qualifier only when every
finding of the triple is conditional) and the union of evidence (sorted by
position, then extractor), so the result does not depend on how often a fact was found.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg import vocab as v
from kg.extract.model import Assertion

_STAGE_QUALIFIERS = (v.PROTOCOL_STAGE, v.STAGE)


def merge_assertions(assertions: Iterable[Assertion]) -> tuple[Assertion, ...]:
    """One assertion per ``Assertion.key``, in first-seen order."""
    groups: dict[tuple[str, str, str], list[Assertion]] = {}
    for a in assertions:
        groups.setdefault(a.key, []).append(a)
    return tuple(_merge(group) for group in groups.values())


def _merge(group: list[Assertion]) -> Assertion:
    first = group[0]
    if len(group) == 1:
        return first
    evidence = sorted(
        {e for a in group for e in a.evidence},
        key=lambda e: (e.span.start, e.span.end, e.extractor, e.references),
    )
    # A stage qualifier says "only at this stage": it does not belong on a triple the page also
    # states without a condition (an infobox marker that a stage bullet repeats); that
    # statement keeps the stage bullet as evidence, not its condition.
    asserted = any(not a.conditional for a in group)
    qualifiers = sorted(
        {
            q
            for a in group
            for q in a.qualifiers
            if not (asserted and a.conditional and q[0] in _STAGE_QUALIFIERS)
        },
        key=lambda q: (q[0], q[1].value),
    )
    return Assertion(
        subject=first.subject,
        predicate=first.predicate,
        object=first.object,
        evidence=tuple(evidence),
        biolink_predicate=next((a.biolink_predicate for a in group if a.biolink_predicate), None),
        relation_label=next((a.relation_label for a in group if a.relation_label), None),
        qualifiers=tuple(qualifiers),
    )
