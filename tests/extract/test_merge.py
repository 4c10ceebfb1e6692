"""Merging: one assertion per triple, evidence and qualifiers unioned in a stable order."""

from __future__ import annotations

from kg.extract.merge import merge_assertions
from kg.extract.model import Assertion, Evidence, Term, Value
from kg.pages import Page
from kg.parse.model import Span
from kg.vocab import terms as p

TEXT = "Markers: HB9\n| HB9 (MNX1) | Transcription Factor |\n"
PAGE = Page.from_text(TEXT, path="merge.txt")
CELL = Term(iri="https://scidex.ai/kg/entity-x")
GENE = Term(iri="https://identifiers.org/hgnc:4979", label="HB9")


def _ev(start: int, end: int, line: int, extractor: str) -> Evidence:
    span = Span(start=start, end=end, first_line=line, last_line=line)
    return Evidence(page_path=PAGE.path, span=span, quote=TEXT[start:end], extractor=extractor)


def _expresses(ev: Evidence, *qualifiers: tuple[str, Value], label: str | None = None) -> Assertion:
    return Assertion(
        subject=CELL, predicate=p.EXPRESSES, object=GENE, evidence=(ev,), relation_label=label,
        qualifiers=qualifiers,
    )  # fmt: skip


def test_same_triple_is_merged_in_position_order() -> None:
    table = _ev(13, 50, 2, "table.markers")
    row = _ev(0, 12, 1, "infobox.markers")
    kind = (p.MARKER_TYPE, Value(value="Transcription Factor"))
    merged = merge_assertions([_expresses(table, kind), _expresses(row, label="Markers")])
    assert len(merged) == 1
    (a,) = merged
    assert [e.extractor for e in a.evidence] == ["infobox.markers", "table.markers"]
    assert a.qualifiers == (kind,)
    assert a.relation_label == "Markers"
    again = merge_assertions([_expresses(row, label="Markers"), _expresses(table, kind)])
    assert again == merged


def test_different_triples_keep_first_seen_order() -> None:
    row = _ev(0, 12, 1, "infobox.markers")
    label = Assertion(
        subject=GENE, predicate=p.RDFS_LABEL, object=Value(value="HB9"), evidence=(row,)
    )
    merged = merge_assertions([label, _expresses(row), label])
    assert [a.predicate for a in merged] == [p.RDFS_LABEL, p.EXPRESSES]
    assert merged[0].evidence == (row,)
