"""Markdown pipe tables: markers with their columns as qualifiers."""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.model import PageExtraction
from kg.vocab import terms as p
from tests.extract.conftest import find, iri, one, qualifier_values

Get = Callable[[str], PageExtraction]


def test_marker_table_columns_are_qualifiers(fixture_page: Get) -> None:
    ex = fixture_page("cite_shell.txt")
    trem2 = one(ex, iri("CL:0000129"), p.EXPRESSES, iri("HGNC:17761"))
    assert qualifier_values(trem2, p.MARKER_DIRECTION) == ["Up"]
    assert qualifier_values(trem2, p.MARKER_FUNCTION) == ["Lipid sensing, phagocytosis"]
    assert [e.extractor for e in trem2.evidence] == ["table.markers"]


def test_tables_that_are_prose_make_no_fact(ipsc: PageExtraction) -> None:
    assert not [a for a in ipsc.assertions if "Primary fetal tissue" in a.evidence[0].quote]
    structured = [
        a
        for a in find(ipsc, p=p.EXPRESSES)
        if any(e.extractor.startswith(("table", "infobox")) for e in a.evidence)
    ]
    assert len(structured) == 6
