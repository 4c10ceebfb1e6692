"""The verb-phrase rules of kg.extract.prose: a cue, and the categories it relates.

Each :class:`Rule` names a cue (a regular expression over the clause), the predicate it
asserts with its Biolink slot, and the categories of its subject and object; the first rule
that fits a clause's pair states it. :data:`KEY_RULES` are the ``Key: value`` keys that are
relations, :data:`MECHANISM_KEYS` those that give a drug's mechanism (kg.extract.mechanism).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract import categories as cat
from kg.extract.model import Term
from kg.vocab import terms as p

CELL, GENE, DISEASE, ANATOMY = cat.CELL, cat.GENE, cat.DISEASE, cat.ANATOMY
DRUGS = frozenset({cat.DRUG, cat.CHEMICAL, p.SMALL_MOLECULE})
GENES = frozenset({GENE, cat.PROTEIN})


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A verb phrase and the fact it states between a subject and an object category."""

    name: str
    cue: re.Pattern[str]
    predicate: str
    biolink: str | None
    subjects: frozenset[str]
    objects: frozenset[str]
    #: the subject is written before the cue and the object right after it (a copula:
    #: ``Microglia are the resident macrophages``), at most a few modifiers in between
    adjacent: bool = False


def _r(
    name: str,
    cue: str,
    pred: str,
    bl: str | None,
    s: Iterable[str],
    o: Iterable[str],
    adjacent: bool = False,
) -> Rule:
    return Rule(
        name=name,
        cue=re.compile(cue, re.IGNORECASE),
        predicate=pred,
        biolink=bl,
        subjects=frozenset(s),
        objects=frozenset(o),
        adjacent=adjacent,
    )


#: The verb-phrase rules, most specific first (a clause's pair gets the first rule that fits).
RULES: tuple[Rule, ...] = (
    _r("model", r"\bmodels?\s+(?:of|for)\b", p.IS_MODEL_OF, p.BL_MODEL_OF, [CELL], [DISEASE]),
    _r(
        "expresses",
        r"\b(?:co-)?express(?:es|ed|ing|ion)?\b|\bmarks?\b|\bmarkers?\b",
        p.EXPRESSES,
        p.BL_EXPRESSES,
        [CELL],
        GENES,
    ),
    _r(
        "causes",
        r"\bcaus(?:e|es|ed|ing|al)\b|\bmutations?\b|\brepeat expansions?\b|\bexpansions?\b"
        r"|\bdeletion\b|\bloss[- ]of[- ]function\b",
        p.CAUSES_CONDITION,
        p.BL_CAUSES,
        GENES,
        [DISEASE],
    ),
    _r(
        "risk",
        r"\brisk\b",
        p.BL_PREDISPOSES_TO_CONDITION,
        p.BL_PREDISPOSES_TO_CONDITION,
        GENES,
        [DISEASE],
    ),
    _r(
        "associated",
        r"\bassociated with\b|\blinked to\b|\bpathology\b|\baggregat\w*\b|\binclusions?\b"
        r"|\bimplicated\b",
        p.BL_GENE_ASSOCIATED_WITH_CONDITION,
        p.BL_GENE_ASSOCIATED_WITH_CONDITION,
        GENES,
        [DISEASE],
    ),
    _r(
        "treats",
        r"\btreat(?:s|ed|ing|ment|ments)?\b|\bextends? survival\b|\bapproved\b|\btherap(?:y|ies)\b"
        r"|\befficacy\b",
        p.IS_SUBSTANCE_THAT_TREATS,
        p.BL_TREATS,
        DRUGS,
        [DISEASE],
    ),
    _r(
        "targets",
        r"\btarget(?:s|ed|ing)?\b|\blowers?\b",
        p.MOLECULARLY_INTERACTS_WITH,
        p.BL_DIRECTLY_PHYSICALLY_INTERACTS_WITH,
        DRUGS,
        GENES,
    ),
    _r(
        "inhibits",
        r"\binhibit(?:s|ed|ing|or|ors|ion)?\b",
        p.SMALL_MOLECULE_INHIBITOR_OF,
        p.BL_AFFECTS,
        DRUGS,
        GENES,
    ),
    _r(
        "activates",
        r"\bactivat(?:es|ed|ing|ion)\b",
        p.POSITIVELY_REGULATES,
        p.BL_REGULATES,
        GENES,
        GENES,
    ),
    _r("regulates", r"\bregulat(?:es|ed|ing|ion)\b", p.REGULATES, p.BL_REGULATES, GENES, GENES),
    _r(
        "affects",
        r"\bdegeneration\b|\bloss\b|\binvolvement\b|\baffect(?:s|ed|ing)?\b|-only\b",
        p.DISEASE_HAS_LOCATION,
        p.BL_DISEASE_HAS_LOCATION,
        [DISEASE],
        [CELL],
    ),
    _r(
        "located",
        r"\borigin(?:at\w*|s)?\b|\blocated\b|\bresid\w*\b|\bfound in\b"
        r"|\bproject(?:s|ing)? from\b",
        p.LOCATED_IN,
        p.BL_LOCATED_IN,
        [CELL],
        [ANATOMY],
    ),
    _r(
        "part", r"\bpart of\b|\bcomponent of\b", p.PART_OF, p.BL_PART_OF, [CELL, ANATOMY], [ANATOMY]
    ),
    _r(
        "develops",
        r"\b(?:generated|derived|differentiated) from\b",
        p.DEVELOPS_FROM,
        p.BL_DEVELOPS_FROM,
        [CELL],
        [CELL],
    ),
    _r(
        "reagent",
        r"\bpattern(?:ing|ed)\b|\b(?:treated|treatment|supplemented|cultured) with\b"
        r"|\bexposure to\b|\baddition of\b",
        p.PROTOCOL_REAGENT,
        None,
        [CELL],
        DRUGS | GENES,
    ),
    _r(
        "progresses",
        r"\b(?:evolv(?:e|es|ed|ing)|progress(?:es|ed|ing)?)\s+(?:in)?to\b",
        p.BL_ASSOCIATED_WITH,
        p.BL_ASSOCIATED_WITH,
        [DISEASE],
        [DISEASE],
    ),
    _r(
        "lineage",
        r"\b(?:is|are)\s+(?:a|an|the)\b|\bbelongs?\s+to\s+the\b"
        r"|\b(?:a|one)\s+(?:type|kind|subtype|class)\s+of\b",
        p.STATED_SUBCLASS_OF,
        p.BL_SUBCLASS_OF,
        [CELL],
        [CELL],
        adjacent=True,
    ),
)

#: ``Key: value`` bullet keys that are relations (the section's subject -> each listed name).
KEY_RULES: dict[str, tuple[str, str]] = {
    "treatment": ("treats", cat.DRUG),
    "treatments": ("treats", cat.DRUG),
    "therapy": ("treats", cat.DRUG),
    "drugs": ("treats", cat.DRUG),
    "origin": ("located", cat.ANATOMY),
    "location": ("located", cat.ANATOMY),
    "target": ("targets", cat.GENE),
    "targets": ("targets", cat.GENE),
}
#: ``- Mechanism: RNase H-mediated degradation of SOD1 mRNA`` of a drug: read by
#: kg.extract.mechanism (what it names is the drug's target)
MECHANISM_KEYS = frozenset({"mechanism", "mechanism of action", "moa"})


def kind_of(term: Term) -> str | None:
    """The kind a rule's categories speak of: genes and proteins, drugs, anatomy, else the
    term's category."""
    c = term.category
    if c in GENES:
        return GENE
    if c in DRUGS:
        return cat.DRUG
    if c in (cat.ANATOMY, p.GROSS_ANATOMICAL_STRUCTURE, p.ANATOMICAL_STRUCTURE):
        return ANATOMY
    return c


def fits_kind(allowed: frozenset[str], k: str | None) -> bool:
    return (
        k in allowed
        or (k == cat.DRUG and bool(allowed & DRUGS))
        or (k == GENE and bool(allowed & GENES))
    )


def _kinds_fitting(allowed: frozenset[str]) -> frozenset[str]:
    """The kinds (:func:`kind_of`) that :func:`fits_kind` accepts for ``allowed``."""
    extra = {cat.DRUG} if allowed & DRUGS else set()
    return allowed | extra | ({GENE} if allowed & GENES else set())


#: each rule with the kinds its subject and its object may have (kg.extract.prose checks the
#: clause's names against them before searching the rule's cue)
RULE_KINDS: tuple[tuple[Rule, frozenset[str], frozenset[str]], ...] = tuple(
    (r, _kinds_fitting(r.subjects), _kinds_fitting(r.objects)) for r in RULES
)
