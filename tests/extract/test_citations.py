"""Reference nodes and the citation keys in every fact's evidence."""

from __future__ import annotations

from collections.abc import Callable

from kg import vocab as v
from kg.extract.model import PageExtraction
from kg.vocab import terms as p
from tests.extract.conftest import find, iri, one, references

Get = Callable[[str], PageExtraction]


def test_reference_nodes(fixture_page: Get) -> None:
    ex = fixture_page("citations.txt")
    ref = v.reference_iri("pmid35435793")  # [@pmid35435793] and [1](pubmed/35435793) meet
    one(ex, ref, p.RDF_TYPE, v.BIOLINK + "Publication")
    one(ex, ref, p.CITATION_KEY, "pmid35435793")
    one(ex, ref, p.DCTERMS_IDENTIFIER, iri("PMID:35435793"))
    one(
        ex,
        v.reference_iri("lemon2008"),
        p.DCTERMS_IDENTIFIER,
        "https://doi.org/10.1146/annurev.neuro.31.060407.125547",
    )
    assert len(find(ex, p=p.CITATION_KEY)) == len(
        {a.subject.iri for a in find(ex, p=p.CITATION_KEY)}
    )


def test_junk_keys_are_reported_not_referenced(fixture_page: Get) -> None:
    ex = fixture_page("citations.txt")
    assert not find(ex, v.reference_iri("view"))
    assert any("'view'" in pr for pr in ex.problems)
    assert all("view" not in references(a) for a in ex.assertions)


def test_facts_carry_the_keys_of_their_element(fixture_page: Get) -> None:
    ex = fixture_page("citations.txt")
    assert ex.entity is not None
    (location,) = [
        a for a in find(ex, ex.entity.iri, p.HAS_SOMA_LOCATION) if a.relation_label == "Location"
    ]
    # issue 11: markers after <tr> / </td> close no cell: page references, attached to no fact
    # (the same place stated by a cited sentence, line 14, keeps that sentence's marker)
    row = [e for e in location.evidence if e.extractor == "infobox.location"]
    assert row and all(e.references == () for e in row)
    one(ex, v.reference_iri("brown2017"), p.CITATION_KEY, "brown2017")
    for a in find(ex, p=p.CITATION_KEY):  # a reference node does not cite itself
        assert references(a) == set()


def test_a_marker_alone_on_a_line_supports_no_fact() -> None:
    """Issue 11: a marker supports the bullet it closes, not the bullet before its line."""
    from tests.extract.conftest import extract_text

    text = (
        "Amyotrophic Lateral Sclerosis\n"
        "Treatments\n"
        "- Riluzole treats amyotrophic lateral sclerosis[@closes]\n"
        "- Edaravone treats amyotrophic lateral sclerosis\n"
        "[@alone]\n"
    )
    _, ex = extract_text(text)
    cited = {k for a in ex.assertions for e in a.evidence for k in e.references}
    assert "closes" in cited and "alone" not in cited
    one(ex, v.reference_iri("alone"), p.CITATION_KEY, "alone")  # still a reference of the page
