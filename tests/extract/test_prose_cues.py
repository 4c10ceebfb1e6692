"""The any-cue prefilter of kg.extract.prose finds a cue exactly where one of the rules does.

``_ANY_CUE`` puts a zero-width prefix (a word boundary before a letter, or a ``-``) before the
union of the rule cues; it is only equivalent if every branch of every cue starts that way.
"""

from __future__ import annotations

import re
import re._constants as c  # type: ignore[import-not-found]
import re._parser as sre  # type: ignore[import-not-found]

import pytest

from kg.extract import prose
from kg.extract.prose_rules import RULES, Rule


def _first_chars(items: list[tuple[object, object]]) -> set[str]:
    """The characters a match of the parsed sequence can start with ("" for anything else)."""
    if not items:
        return {""}  # an empty match: what follows decides; the caller treats it as unknown
    op, arg = items[0]
    if op is c.LITERAL:
        return {chr(arg)}  # type: ignore[arg-type]
    if op is c.BRANCH:
        return {ch for alt in arg[1] for ch in _first_chars(list(alt))}  # type: ignore[index]
    if op is c.SUBPATTERN:
        return _first_chars([*arg[3], *items[1:]])  # type: ignore[index]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low: int = arg[0]  # type: ignore[index]
        body: list[tuple[object, object]] = list(arg[2])  # type: ignore[index]
        first = _first_chars([*body, *items[1:]])
        return first if low else first | _first_chars(items[1:])
    return {""}


def _branches(pattern: str) -> list[list[tuple[object, object]]]:
    items = list(sre.parse(pattern))
    if len(items) == 1 and items[0][0] is c.BRANCH:
        return [list(alt) for alt in items[0][1][1]]  # type: ignore[index]
    return [items]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_cue_branch_starts_at_a_boundary_and_letter_or_a_dash(rule: Rule) -> None:
    for parsed in _branches(rule.cue.pattern):
        if parsed[0] == (c.LITERAL, ord("-")):
            continue
        assert parsed[0] == (c.AT, c.AT_BOUNDARY), (rule.name, parsed)
        first = _first_chars(parsed[1:])
        assert all(ch.isalpha() and ch.isascii() for ch in first), (rule.name, first)


SAMPLES = [
    "TREM2 is expressed in microglia",
    "SOD1 mutations cause ALS",
    "loss-of-function and ALS-only forms",
    "microglia -only in the cortex",
    "Astrocytes are a type of glial cell",
    "nothing here at all, 12% of cells",
    "Co-expression of markers",
    "derived from iPSCs; treated with riluzole",
    "progresses into dementia",
    "",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_any_cue_agrees_with_the_rules(text: str) -> None:
    union = re.compile("|".join(f"(?:{r.cue.pattern})" for r in RULES), re.IGNORECASE)
    got, want = prose._ANY_CUE.search(text), union.search(text)
    assert (got is None) == (want is None)
    if got is not None and want is not None:
        assert got.span() == want.span()
