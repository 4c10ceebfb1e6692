"""The relation-label table: every label SciDEX pages use maps to a documented predicate."""

from __future__ import annotations

import re

import pytest

from kg import vocab as v
from kg.extract.relations import FALLBACK, RELATIONS, normalise_label, relation_for
from kg.vocab import terms as p
from tests.conftest import ROOT

#: docs/page-format.md, "Relation labels seen, most frequent first".
PAGE_FORMAT_LABELS = (
    "associated with", "expressed in", "activates", "regulates", "related to", "involved in",
    "therapeutic target", "biomarker for", "causes", "drives", "expresses", "modulates",
    "promotes", "risk factor for", "targets gene", "inhibits", "reduces", "component of",
    "protects against", "mediates", "interacts with",
)  # fmt: skip


@pytest.mark.parametrize("label", PAGE_FORMAT_LABELS)
def test_every_page_format_label_is_in_the_table(label: str) -> None:
    rel = relation_for(label)
    assert not rel.fallback
    assert rel.label == label
    assert rel.predicate.startswith((v.OBO + "RO_", v.OBO + "BFO_", v.BIOLINK))
    assert rel.biolink.startswith(v.BIOLINK)


def test_the_shared_doc_lists_no_label_the_table_lacks() -> None:
    doc = ROOT.parent / "shared" / "docs" / "page-format.md"
    if not doc.exists():
        pytest.skip(f"needs {doc} (kept beside the project)")
    text = " ".join(doc.read_text("utf-8").split())
    m = re.search(r"Relation labels seen, most frequent first: (.*?)\.", text)
    assert m, "page-format.md still lists the relation labels"
    labels = [x.strip() for x in m.group(1).split(",")]
    assert set(labels) == set(PAGE_FORMAT_LABELS)
    assert all(label in RELATIONS for label in labels)


def test_the_verified_ro_terms_are_used() -> None:
    assert relation_for("expresses").predicate == p.EXPRESSES == v.expand("RO:0002292")
    assert relation_for("expressed in").predicate == v.expand("RO:0002206")
    assert relation_for("component of").predicate == v.expand("BFO:0000050")
    assert relation_for("causes").predicate == v.expand("RO:0003303")
    assert relation_for("activates").predicate == v.expand("RO:0002213")
    assert relation_for("inhibits").predicate == v.expand("RO:0002212")
    assert relation_for("risk factor for").biolink == v.BIOLINK + "predisposes_to_condition"


def test_labels_are_normalised() -> None:
    assert normalise_label(' "Expressed_In" ') == "expressed in"
    assert relation_for("Therapeutic  Target") is RELATIONS["therapeutic target"]


def test_unknown_labels_fall_back_to_related_to() -> None:
    rel = relation_for("phosphorylates")
    assert rel.fallback
    assert rel.predicate == FALLBACK == p.BL_RELATED_TO
    assert rel.label == "phosphorylates"
