"""Citations of every form: keys, runs, groups, quoted keys, numbered PubMed links, definitions."""

from __future__ import annotations

from kg.pages import Page
from kg.parse.blocks import parse_blocks
from kg.parse.citations import is_junk, match_keys, pmid_of_key
from kg.parse.document import Document
from kg.parse.inline import parse_inline
from kg.parse.model import Citation
from tests.conftest import MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR

OWNER = "paragraph@0"


def _cites(text: str) -> tuple[Citation, ...]:
    doc = Document(Page.from_text(text))
    found = parse_inline(doc, 0, len(text), OWNER)
    for c in found.citations:
        assert text[c.span.start : c.span.end] == c.source
        assert c.attached_to == OWNER
    return found.citations


def test_single_key() -> None:
    (c,) = _cites("Mutations cause toxic gain-of-function[@rosen1993]")
    assert (c.key, c.kind, c.source, c.junk, c.pmid) == (
        "rosen1993",
        "key",
        "[@rosen1993]",
        False,
        None,
    )
    assert c.id == f"citation@{c.span.start}"


def test_runs_and_groups_give_one_citation_per_key() -> None:
    run = _cites("in ALS.[@brown2017][@hardiman2017] [@lemon2008]")
    assert [c.key for c in run] == ["brown2017", "hardiman2017", "lemon2008"]
    assert [c.source for c in run] == ["[@brown2017]", "[@hardiman2017]", "[@lemon2008]"]
    group = _cites("in ALS.[@brown2017; @hardiman2017, @lemon2008]")
    assert [c.key for c in group] == ["brown2017", "hardiman2017", "lemon2008"]
    assert [c.source for c in group] == ["@brown2017", "@hardiman2017", "@lemon2008"]
    assert len({c.id for c in group}) == 3


def test_generated_and_junk_keys() -> None:
    auto, pmid, view = _cites("a.[@auto_37399327] b.[@pmid35435793] c.[@view]")
    assert (auto.key, auto.pmid, auto.junk) == ("auto_37399327", None, False)
    assert (pmid.key, pmid.pmid, pmid.junk) == ("pmid35435793", "35435793", False)
    assert (view.key, view.junk) == ("view", True)
    assert is_junk("edit") and not is_junk("sofroniew2010")
    assert pmid_of_key("PMID_123") == "123" and pmid_of_key("smith2020") is None


def test_quoted_key() -> None:
    (c,) = _cites('astrocytes.["@sofroniew2010"][@barres2008]')[:1]
    assert (c.key, c.kind, c.source) == ("sofroniew2010", "quoted", '["@sofroniew2010"]')


def test_numbered_pubmed_links_are_citations_not_links() -> None:
    text = (
        "records.[1](https://pubmed.ncbi.nlm.nih.gov/35435793) "
        "[2](https://pubmed.ncbi.nlm.nih.gov/37399327/)"
    )
    doc = Document(Page.from_text(text))
    found = parse_inline(doc, 0, len(text), OWNER)
    assert found.links == ()
    assert [(c.key, c.kind, c.pmid) for c in found.citations] == [
        ("1", "pubmed", "35435793"),
        ("2", "pubmed", "37399327"),
    ]
    assert found.text == "records."
    # a numbered link to anything but PubMed stays a link
    other = "see [3](https://example.org/paper)"
    found = parse_inline(Document(Page.from_text(other)), 0, len(other), OWNER)
    assert found.citations == () and [k.target for k in found.links] == [
        "https://example.org/paper"
    ]


def test_inline_definition() -> None:
    text = (
        "[@lemon2008]: [Lemon RN (2008) Descending pathways in motor control]"
        "(https://doi.org/10.1146/annurev.neuro.31.060407.125547)"
    )
    doc = Document(Page.from_text(text))
    found = parse_inline(doc, 0, len(text), None)
    (c,) = found.citations
    assert (c.key, c.kind, c.source) == ("lemon2008", "definition", text)
    assert c.doi == "10.1146/annurev.neuro.31.060407.125547" and c.pmid is None
    assert c.url == "https://doi.org/10.1146/annurev.neuro.31.060407.125547"
    (link,) = found.links
    assert link.text == "Lemon RN (2008) Descending pathways in motor control"
    assert found.text == ""


def test_definition_with_pubmed_url_gives_its_pmid() -> None:
    text = "[@pmid35435793]: [PubMed 35435793](https://pubmed.ncbi.nlm.nih.gov/35435793/)"
    (c,) = _cites(text)
    assert (c.kind, c.pmid, c.url) == (
        "definition",
        "35435793",
        "https://pubmed.ncbi.nlm.nih.gov/35435793/",
    )


def test_not_citations() -> None:
    assert _cites("an email user@example.org, a [@ spaced] key, [@unclosed") == ()
    assert match_keys("[@a]", 0, 4) is not None
    assert match_keys("[@]", 0, 3) is None


def test_citations_fixture_attaches_each_citation_to_its_element() -> None:
    page = Page.from_text((PAGE_FIXTURES_DIR / "citations.txt").read_text("utf-8"))
    doc = Document(page)
    blocks = parse_blocks(doc, doc.lines)
    ids = {el.id for el in (*blocks.bullets, *blocks.paragraphs, *blocks.sections)}
    for c in blocks.citations:
        assert page.text[c.span.start : c.span.end] == c.source
        assert c.attached_to is None or c.attached_to in ids
    definitions = [c for c in blocks.citations if c.kind == "definition"]
    assert {c.key for c in definitions} >= {"lemon2008", "pmid35435793"}
    assert all(c.attached_to is None for c in definitions)
    betz = next(b for b in blocks.bullets if b.key == "Betz cells")
    assert [c.key for c in betz.citations] == ["brown2017", "hardiman2017"]
    assert all(c.attached_to == betz.id for c in betz.citations)
    kinds = {c.kind for c in blocks.citations}
    assert kinds == {"key", "quoted", "pubmed", "definition"}
    assert any(c.junk and c.key == "view" for c in blocks.citations)


def test_line_of_citations_only_attaches_to_the_element_before_it() -> None:
    text = "Overview\n- Riluzole extends survival\n[@bensimon1994][@miller2012]\n"
    doc = Document(Page.from_text(text))
    blocks = parse_blocks(doc, doc.lines)
    (bullet,) = blocks.bullets
    assert [c.attached_to for c in blocks.citations] == [bullet.id, bullet.id]
    assert 2 in blocks.used and blocks.paragraphs == ()


def test_seed_citation_keys_on_their_bullets() -> None:
    page = Page.from_text(MOTOR_NEURONS_SEED.read_text("utf-8"))
    doc = Document(page)
    blocks = parse_blocks(doc, doc.lines)
    bullets = {b.id: b for b in blocks.bullets}
    where = {
        c.key: bullets[c.attached_to].text for c in blocks.citations if c.attached_to in bullets
    }
    assert where["william2003"] == "Marks spinal and cranial motor neuron identity"
    assert where["pfaff1996"] == "Required for motor neuron survival and axon pathfinding"
    assert where["rosen1993"] == "Mutations cause toxic gain-of-function"
    assert where["bensimon1994"] == "Riluzole (glutamate inhibitor) modestly extends survival"


def test_markers_where_no_statement_is_are_unattached() -> None:
    """Issue 11: between <tr> and <td>, after </td>, on a heading, alone on a line."""
    from kg.parse import parse_page
    from kg.parse.citations import unattached_citations

    text = (
        "# Motor Neurons\n"
        '<table class="infobox infobox-cell">\n'
        "<tr> [@between]\n"
        '<td class="label">Location</td>\n'
        "<td>Spinal cord [@incell]</td> [@aftercell]\n"
        "</tr>\n"
        "</table>\n"
        "## Overview\n"
        "Motor neurons control voluntary movement.[@insentence]\n"
        "## Molecular Biology [@onheading]\n"
        "- Riluzole extends survival[@inbullet]\n"
        "[@alone]\n"
        "[@def1]: [Author (2001) A paper](https://doi.org/10.1/x)\n"
    )
    parsed = parse_page(Page.from_text(text))
    stray = unattached_citations(parsed)
    lines = {c.key: c.span.first_line for c in stray}
    for key in ("between", "aftercell", "onheading", "alone"):
        assert lines[key] == next(
            n for n, line in enumerate(text.splitlines(), 1) if f"[@{key}]" in line
        )
    assert set(lines) == {"between", "aftercell", "onheading", "alone"}
    assert {c.key for c in parsed.citations} >= {"incell", "insentence", "inbullet", "def1"}
