"""Inline text: plain text, links of every form, citations, exact spans, linear time."""

from __future__ import annotations

import json

import pytest

from kg.pages import Page
from kg.parse.document import Document
from kg.parse.history import history_document
from kg.parse.inline import Inline, parse_inline
from kg.parse.limits import MAX_PAGE_CITATIONS
from tests.linearity import assert_linear


def _inline(text: str, owner: str | None = "bullet@0") -> Inline:
    doc = Document(Page.from_text(text))
    found = parse_inline(doc, 0, len(text), owner)
    for el in (*found.links, *found.citations):
        assert text[el.span.start : el.span.end] == el.source, el
    return found


def test_plain_text_drops_markup_and_keeps_link_text() -> None:
    found = _inline(
        "Astrocytes carrying [SOD1](/genes/sod1) <strong>mutations</strong> are "
        "**toxic** to<br>[motor neurons](/cell-types/motor-neurons)&nbsp;in ALS."
        "<!-- note -->[@nagai2007]"
    )
    assert found.text == ("Astrocytes carrying SOD1 mutations are toxic to motor neurons in ALS.")
    assert [k.wiki_path for k in found.links] == ["/genes/sod1", "/cell-types/motor-neurons"]
    assert [c.key for c in found.citations] == ["nagai2007"]
    assert found.citations[0].attached_to == "bullet@0"


def test_html_wiki_and_url_links() -> None:
    found = _inline(
        'under <a href="/wiki/mechanisms-excitotoxicity">Excitotoxicity</a>, '
        "in [[genes-slc1a2]] and [[Reactive Astrocytes|reactive ones]], "
        "see https://panglaodb.se/markers. Or <https://www.humancellatlas.org/>."
    )
    kinds = [(k.kind, k.text, k.target) for k in found.links]
    assert kinds == [
        ("html", "Excitotoxicity", "/wiki/mechanisms-excitotoxicity"),
        ("wiki", "genes-slc1a2", "genes-slc1a2"),
        ("wiki", "reactive ones", "Reactive Astrocytes"),
        ("url", "https://panglaodb.se/markers", "https://panglaodb.se/markers"),
        ("url", "https://www.humancellatlas.org/", "https://www.humancellatlas.org/"),
    ]
    assert found.links[0].wiki_path == "/wiki/mechanisms-excitotoxicity"
    assert "reactive ones" in found.text and "[[" not in found.text


def test_ontology_link_target_is_decoded_once_and_resolved() -> None:
    found = _inline(
        "[CL:0000100](https://www.ebi.ac.uk/ols4/ontologies/cl/classes/"
        "http%253A%252F%252Fpurl.obolibrary.org%252Fobo%252FCL_0000100)"
    )
    (link,) = found.links
    assert link.curie == "CL:0000100"
    assert link.target.endswith("http%3A%2F%2Fpurl.obolibrary.org%2Fobo%2FCL_0000100")
    assert found.text == "CL:0000100"


def test_unclosed_link_at_the_start_is_broken_elsewhere_literal() -> None:
    (broken,) = _inline("[Technologies Index  ").links
    assert (broken.kind, broken.text, broken.target) == ("broken", "Technologies Index", "")
    assert broken.source == "[Technologies Index"
    found = _inline("values in [0, 1 are fine")
    assert found.links == () and found.text == "values in [0, 1 are fine"


def test_destination_holding_another_link_is_broken_and_kept_as_written() -> None:
    found = _inline(
        "[Amyotrophic Lateral Sclerosis (ALS)](/diseases/technologies-index](/content/technologies)"
    )
    (link,) = found.links
    assert link.kind == "broken" and link.wiki_path is None
    assert link.text == "Amyotrophic Lateral Sclerosis (ALS)"
    assert link.target == "/diseases/technologies-index](/content/technologies"
    assert found.text == "Amyotrophic Lateral Sclerosis (ALS)"


def test_cut_off_tags_and_brackets_that_are_not_links() -> None:
    assert _inline("Ventricular system <td").text == "Ventricular system"
    assert _inline("TH, DAT, VMAT2</tr><tr></td>").text == "TH, DAT, VMAT2"
    assert _inline("p < 0.05 and [citation needed]").text == "p < 0.05 and [citation needed]"
    assert _inline("**Dopamine").text == "Dopamine"
    assert _inline("Stem Cell > iPSC > Motor Neuron").text == "Stem Cell > iPSC > Motor Neuron"


def test_range_inside_a_larger_text_and_across_lines() -> None:
    text = "head\n- [A](/genes/a) one\n  two [@k1]\ntail [B](/genes/b)"
    doc = Document(Page.from_text(text))
    start, end = text.index("[A]"), text.index("\ntail")
    found = parse_inline(doc, start, end, "bullet@5")
    assert found.text == "A one two"
    assert [k.text for k in found.links] == ["A"]
    (cite,) = found.citations
    assert (cite.span.first_line, cite.span.last_line) == (3, 3)


def test_history_view_spans_point_into_the_escaped_json() -> None:
    md = 'Binds A\u03b2.[@jonsson2013] See <a href="/genes/trem2">TREM2</a>.\n'
    raw = '{\n  "content_md": ' + json.dumps(md) + "\n}\n"
    page = Page.from_text(raw)
    view = history_document(page)
    assert view is not None
    doc = view.document
    found = parse_inline(doc, view.content_start, view.content_end, None)
    assert found.text == "Binds A\u03b2. See TREM2."
    (link,) = found.links
    assert link.source == '<a href=\\"/genes/trem2\\">TREM2</a>'
    assert raw[link.span.start : link.span.end] == link.source
    (cite,) = found.citations
    assert raw[cite.span.start : cite.span.end] == "[@jonsson2013]"


def _repeated(unit: str, size: int) -> object:
    text = unit * (size // len(unit))
    return parse_inline(Document(Page.from_text(text)), 0, len(text), None)


def test_long_line_parses_in_linear_time() -> None:
    unit = "Motor neurons [SOD1](/genes/sod1) <b>die</b> in ALS.[@rosen1993] "
    text = unit * (500_000 // len(unit))
    found = parse_inline(Document(Page.from_text(text)), 0, len(text), None)
    n = text.count(unit)
    # every link is read; citations up to the page's limit (kg.parse.limits, tests/pages/test_limits.py)
    assert len(found.links) == n and len(found.citations) == min(n, MAX_PAGE_CITATIONS)
    assert_linear(lambda size: _repeated(unit, size), 100_000)


@pytest.mark.parametrize("unit", ["[[a", "[@", "[a](", "<a ", "[x]("])
def test_adversarial_brackets_do_not_go_quadratic(unit: str) -> None:
    assert_linear(lambda size: _repeated(unit, size), 50_000)
