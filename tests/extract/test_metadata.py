"""Page metadata as literals on the entity."""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.model import PageExtraction
from kg.vocab import terms as p
from tests.extract.conftest import find, iri, literals, one


def test_glued_card_metadata(fixture_page: Callable[[str], PageExtraction]) -> None:
    ex = fixture_page("card_shell.txt")
    astrocyte = iri("CL:0000127")
    slug = one(ex, astrocyte, p.SLUG, "cell-types-astroglia")
    assert "cell-types-astroglia" in slug.evidence[0].quote
    one(ex, astrocyte, p.WIKI_PAGE_ID, "wp-d27fe6d43f15")
    assert literals(find(ex, astrocyte, p.MERGED_FROM)) == {
        "merged_at=2026-05-13",
        "unprefixed_id=cell-types-astroglia",
    }
    assert not find(ex, p=p.KG_NODE_ID)
    assert not [
        a for a in ex.assertions if "v1_polymorphic_backfill" in str(getattr(a.object, "value", ""))
    ]
