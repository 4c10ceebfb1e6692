"""Merging the assertions of one page: one per distinct triple, evidence unioned.

Two extractors (or two copies of a page, or an id repeated) often find the same triple. The
merged assertion keeps the first subject and object terms seen, the first relation label
and Biolink slot, the union of qualifiers (sorted) and the union of evidence (sorted by
position, then extractor), so the result does not depend on how often a fact was found.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.model import Assertion


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
    qualifiers = sorted({q for a in group for q in a.qualifiers}, key=lambda q: (q[0], q[1].value))
    return Assertion(
        subject=first.subject,
        predicate=first.predicate,
        object=first.object,
        evidence=tuple(evidence),
        biolink_predicate=next((a.biolink_predicate for a in group if a.biolink_predicate), None),
        relation_label=next((a.relation_label for a in group if a.relation_label), None),
        qualifiers=tuple(qualifiers),
    )
