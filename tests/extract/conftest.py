"""Extraction fixtures: the real reader and the real grounder (shipped ontology module)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import pytest

from kg import vocab as v
from kg.extract import extract_page
from kg.extract.model import Assertion, PageExtraction, Term, Value
from kg.ground import Grounder
from kg.pages import Page, read_page
from kg.parse import parse_page
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR, SEEDS_DIR


@cache
def grounder() -> Grounder:
    return Grounder.load()


@cache
def extract_file(path: Path) -> tuple[Page, PageExtraction]:
    page = read_page(path)
    return page, extract_page(page, parse_page(page), grounder())


def extract_text(text: str, path: str = "test.txt") -> tuple[Page, PageExtraction]:
    page = Page.from_text(text, path=path)
    return page, extract_page(page, parse_page(page), grounder())


def all_pages() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt")) + sorted(PAGE_FIXTURES_DIR.glob("*.txt"))


def iri(curie: str) -> str:
    return v.expand(curie)


def obj(a: Assertion) -> str:
    """The object of an assertion as a string: an IRI, or a literal's value."""
    return a.object.iri if isinstance(a.object, Term) else a.object.value


def find(
    ex: PageExtraction, s: str | None = None, p: str | None = None, o: str | None = None
) -> list[Assertion]:
    """Assertions matching subject / predicate / object (IRIs or literal values; None = any)."""
    return [
        a
        for a in ex.assertions
        if (s is None or a.subject.iri == s)
        and (p is None or a.predicate == p)
        and (o is None or obj(a) == o)
    ]


def one(ex: PageExtraction, s: str | None, p: str | None, o: str | None) -> Assertion:
    found = find(ex, s, p, o)
    assert len(found) == 1, f"expected one <{s}> <{p}> <{o}>, found {len(found)}"
    return found[0]


def qualifier_values(a: Assertion, prop: str) -> list[str]:
    return sorted(value.value for key, value in a.qualifiers if key == prop)


def references(a: Assertion) -> set[str]:
    return {r for e in a.evidence for r in e.references}


def literals(items: Iterable[Assertion]) -> set[str]:
    return {a.object.value for a in items if isinstance(a.object, Value)}


@pytest.fixture(scope="session")
def motor_neurons() -> PageExtraction:
    return extract_file(MOTOR_NEURONS_SEED)[1]


@pytest.fixture(scope="session")
def ipsc() -> PageExtraction:
    return extract_file(IPSC_SEED)[1]


@pytest.fixture(scope="session")
def fixture_page() -> Callable[[str], PageExtraction]:
    def get(name: str) -> PageExtraction:
        return extract_file(PAGE_FIXTURES_DIR / name)[1]

    return get
