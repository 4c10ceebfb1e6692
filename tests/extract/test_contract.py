"""The extraction contract, over both seeds and every reader fixture.

Every page extracts; every evidence quote is the page text at its span; every evidence names
a registered extractor; every predicate is one the project documents; assertions are unique
per triple; ungrounded mentions are flagged, not dropped; a second run gives the same result.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import vocab as v
from kg.extract import EXTRACTORS, extract_page
from kg.extract.model import Match, Term
from kg.extract.relations import RELATIONS
from kg.pages import read_page
from kg.parse import parse_page
from kg.vocab import terms as p
from tests.conftest import PAGE_FIXTURES_DIR
from tests.extract.conftest import all_pages, extract_file, find, grounder

PAGES = all_pages()

#: Every predicate an extractor may assert: the documented constants and the relation table.
ALLOWED = {
    value
    for name, value in vars(p).items()
    if name.isupper()
    and isinstance(value, str)
    and value.startswith("http")
    and not value.endswith("_")
} | {r.predicate for r in RELATIONS.values()}


def test_there_are_pages_to_check() -> None:
    assert len(PAGES) >= 20


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_quote_is_the_page_text_at_its_span(path: Path) -> None:
    page, ex = extract_file(path)
    assert ex.assertions or path.name == "not_scidex.txt", "every SciDEX page yields facts"
    for a in ex.assertions:
        assert a.evidence
        for e in a.evidence:
            assert e.quote == page.text[e.span.start : e.span.end]
            assert e.page_path == page.path
            assert e.extractor in EXTRACTORS
            lines = page.text[: e.span.start].count("\n") + 1
            assert e.span.first_line == lines


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_triples_are_unique_and_use_documented_predicates(path: Path) -> None:
    _, ex = extract_file(path)
    keys = [a.key for a in ex.assertions]
    assert len(keys) == len(set(keys))
    used = {a.predicate for a in ex.assertions}
    assert used <= ALLOWED, used - ALLOWED


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_ungrounded_mentions_are_flagged_and_listed(path: Path) -> None:
    _, ex = extract_file(path)
    mentions = {
        t.iri: t
        for a in ex.assertions
        for t in (a.subject, a.object)
        if isinstance(t, Term) and t.match is Match.UNGROUNDED
    }
    for mention_iri, term in mentions.items():
        assert mention_iri.startswith(v.KG + "mention-")
        assert find(ex, mention_iri, p.UNGROUNDED, "true"), mention_iri
        assert find(ex, mention_iri, p.RDFS_LABEL), mention_iri
        assert term.label in ex.ungrounded or any(
            a.object.value in ex.ungrounded  # type: ignore[union-attr]
            for a in find(ex, mention_iri, p.RDFS_LABEL)
        )
    assert len(ex.ungrounded) == len(set(ex.ungrounded))
    assert list(ex.ungrounded) == sorted(ex.ungrounded)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_page_identity_and_problems(path: Path) -> None:
    page, ex = extract_file(path)
    assert ex.page_iri == v.page_iri(ex.slug)
    assert ex.graph_iri == v.graph_iri(ex.slug)
    assert ex.sha256 == page.sha256
    assert ex.entity is not None and ex.entity.match is Match.PAGE_ENTITY
    for problem in ex.problems:
        assert problem.startswith(f"{page.path}:"), problem


@pytest.mark.parametrize("path", PAGES[:6], ids=lambda p: p.name)
def test_extraction_is_deterministic(path: Path) -> None:
    page = read_page(path)
    first = extract_page(page, parse_page(page), grounder())
    second = extract_page(page, parse_page(page), grounder())
    assert first == second


def test_registry_order_and_names() -> None:
    names = list(EXTRACTORS)
    assert names[0] == "page.entity"
    assert names.index("infobox.cell-ontology") < names.index("infobox.markers")
    assert names[-1] == "metadata.page"
    assert len(names) == len(set(names))
    for name in names:
        assert name == name.lower() and "." in name and " " not in name


def test_a_page_that_is_not_scidex_yields_no_facts_and_says_why() -> None:
    _, ex = extract_file(PAGE_FIXTURES_DIR / "not_scidex.txt")
    assert ex.assertions == ()
    assert any("no title" in problem for problem in ex.problems)
