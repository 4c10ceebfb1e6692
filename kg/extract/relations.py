"""The one explicit table from SciDEX relation labels to RO and Biolink predicates.

Mermaid edges (``A -->|"activates"| B``) and a few sub-table headers carry a relation label.
Each label maps to the predicate asserted directly (a Relation Ontology property where RO has
one that fits, otherwise the Biolink slot itself) and the Biolink slot recorded on the
statement (``kgv:biolinkPredicate``); the page's own label is always kept
(``kgv:relationLabel``). A label not in the table falls back to ``biolink:related_to``.

Choices, each checked against Biolink 4.x ``exact_mappings`` / ``aliases``:

* ``associated with`` -> ``biolink:associated_with`` (no RO equivalent; RO:0002610 is the
  narrower ``correlated with``).
* ``expressed in`` / ``expresses`` -> RO:0002206 / RO:0002292 (Biolink exact mappings).
* ``activates``, ``promotes`` -> RO:0002213 positively regulates; ``inhibits``, ``reduces`` ->
  RO:0002212 negatively regulates; ``regulates``, ``modulates`` -> RO:0002211 regulates; all
  with ``biolink:regulates`` (Biolink 4 dropped the signed regulation slots).
* ``involved in`` -> RO:0002331 involved in = ``biolink:actively_involved_in`` (alias).
* ``therapeutic target`` -> ``biolink:target_for`` (gene is a target for a disease).
* ``biomarker for`` -> ``biolink:biomarker_for`` (RO:0002607 is only a broad mapping).
* ``causes`` -> RO:0003303 causes condition = ``biolink:causes`` (exact mapping).
* ``drives``, ``mediates`` -> RO:0002326 contributes to = ``biolink:contributes_to``: both say
  the subject is part of what brings the object about, without claiming sole cause.
* ``risk factor for`` -> ``biolink:predisposes_to_condition`` (its Biolink alias).
* ``targets gene`` -> RO:0002436 molecularly interacts with =
  ``biolink:directly_physically_interacts_with`` (modelling.md: drug binds target).
* ``component of`` -> BFO:0000050 part of = ``biolink:part_of``.
* ``protects against`` -> ``biolink:preventative_for_condition`` (alias "prevents").
* ``interacts with`` -> ``biolink:interacts_with``; ``related to`` -> ``biolink:related_to``.
* ``treats`` -> RO:0002606 is substance that treats = ``biolink:treats`` (a drug's indication).

Sub-table headers: ``Drug | Mechanism`` on a page relates each drug to the page's entity with
``drug`` -> ``biolink:affects`` (the drug acts on the entity; nothing more is stated); what the
mechanism names is read by kg.extract.mechanism with the labels above. The header's words are
only the sub-table's kind: never a relation label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg import vocab as v
from kg.vocab import terms as p

B = v.BIOLINK


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation:
    """What one relation label means: the predicate asserted and the Biolink slot."""

    label: str  # normalised label (lower case, single spaces)
    predicate: str  # asserted directly
    biolink: str  # Biolink slot (kgv:biolinkPredicate)
    fallback: bool = False  # True when the label is not in the table


def _r(label: str, predicate: str, biolink: str | None = None) -> Relation:
    return Relation(label=label, predicate=predicate, biolink=biolink or predicate)


#: Labels seen on SciDEX pages (docs/page-format.md), most frequent first, then headers.
RELATIONS: dict[str, Relation] = {
    r.label: r
    for r in (
        _r("associated with", v.BL_ASSOCIATED_WITH),
        _r("expressed in", p.EXPRESSED_IN, p.BL_EXPRESSED_IN),
        _r("activates", p.POSITIVELY_REGULATES, v.BL_REGULATES),
        _r("regulates", p.REGULATES, v.BL_REGULATES),
        _r("related to", p.BL_RELATED_TO),
        _r("involved in", p.INVOLVED_IN, v.BL_ACTIVELY_INVOLVED_IN),
        _r("therapeutic target", v.BL_TARGET_FOR),
        _r("biomarker for", v.BL_BIOMARKER_FOR),
        _r("causes", p.CAUSES_CONDITION, v.BL_CAUSES),
        _r("drives", p.CONTRIBUTES_TO, v.BL_CONTRIBUTES_TO),
        _r("expresses", p.EXPRESSES, p.BL_EXPRESSES),
        _r("modulates", p.REGULATES, v.BL_REGULATES),
        _r("promotes", p.POSITIVELY_REGULATES, v.BL_REGULATES),
        _r("risk factor for", v.BL_PREDISPOSES_TO_CONDITION),
        _r("targets gene", p.MOLECULARLY_INTERACTS_WITH, v.BL_DIRECTLY_PHYSICALLY_INTERACTS_WITH),
        _r("inhibits", p.NEGATIVELY_REGULATES, v.BL_REGULATES),
        _r("reduces", p.NEGATIVELY_REGULATES, v.BL_REGULATES),
        _r("component of", p.PART_OF, p.BL_PART_OF),
        _r("protects against", v.BL_PREVENTATIVE_FOR_CONDITION),
        _r("mediates", p.CONTRIBUTES_TO, v.BL_CONTRIBUTES_TO),
        _r("interacts with", v.BL_INTERACTS_WITH),
        _r("treats", p.IS_SUBSTANCE_THAT_TREATS, p.BL_TREATS),
        _r("drug", p.BL_AFFECTS),
    )
}

#: The predicate for a label the table does not know (the original label is kept).
FALLBACK = p.BL_RELATED_TO

_SPACE = re.compile(r"[\s_]+")


def normalise_label(label: str) -> str:
    """``' "Expressed_In" '`` -> ``'expressed in'``: quotes, case and spacing do not matter."""
    return _SPACE.sub(" ", label.strip().strip("\"'").strip()).lower()


def relation_for(label: str) -> Relation:
    """The relation a label stands for; unknown labels fall back to ``biolink:related_to``."""
    key = normalise_label(label)
    found = RELATIONS.get(key)
    if found is not None:
        return found
    return Relation(label=key, predicate=FALLBACK, biolink=FALLBACK, fallback=True)
