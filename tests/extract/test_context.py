"""The helpers every extractor shares: lists, names, citation keys, evidence, grounding."""

from __future__ import annotations

from pathlib import Path

from kg import vocab as v
from kg.extract.context import ExtractionContext, citation_key, core_name, split_list
from kg.extract.model import Match
from kg.pages import read_page
from kg.parse import parse_page
from tests.conftest import IPSC_SEED, PAGE_FIXTURES_DIR
from tests.extract.conftest import grounder


def _ctx(path: Path) -> ExtractionContext:
    page = read_page(path)
    return ExtractionContext(page, parse_page(page), grounder(), "test")


def test_split_list_keeps_brackets_together() -> None:
    assert split_list("Spinal cord ventral horn, Brainstem motor nuclei, Motor cortex (upper)") == (
        "Spinal cord ventral horn",
        "Brainstem motor nuclei",
        "Motor cortex (upper)",
    )
    assert split_list("A (x, y); B, , **C") == ("A (x, y)", "B", "C")


def test_core_name() -> None:
    assert core_name("Motor cortex (upper)") == "Motor cortex"
    assert core_name("(SMA)") == "(SMA)"
    assert core_name("TREM2") == "TREM2"


def test_citation_keys() -> None:
    parsed = parse_page(read_page(PAGE_FIXTURES_DIR / "citations.txt"))
    keys = {c.key: citation_key(c) for c in parsed.citations}
    assert keys["view"] is None  # junk
    assert keys["sofroniew2010"] == "sofroniew2010"  # the quoted form
    numbered = [c for c in parsed.citations if c.kind == "pubmed"]
    assert numbered and all(citation_key(c) == f"pmid{c.pmid}" for c in numbered)


def test_evidence_of_a_row_has_no_stray_citations() -> None:
    """Regression (issue 11): markers between the row's tags close no cell."""
    ctx = _ctx(IPSC_SEED)
    ctx.extractor = "infobox.lineage"
    lineage = next(r for r in ctx.parsed.infoboxes[0].rows if r.label.text == "Lineage")
    ev = ctx.evidence(lineage)
    assert ev.quote == ctx.page.text[lineage.span.start : lineage.span.end] == lineage.source
    assert ev.references == ()
    assert ev.extractor == "infobox.lineage"
    assert ctx.evidence(lineage.span, cited=False).references == ()


def test_ground_mints_an_unknown_bracketed_name_under_its_core() -> None:
    ctx = _ctx(IPSC_SEED)
    term = ctx.ground("Motor field of nowhere (upper)", v.BIOLINK + "AnatomicalEntity")
    assert term.match is Match.UNGROUNDED
    assert term.label == "Motor field of nowhere"
    assert term.iri == v.mention_iri("Motor field of nowhere")
    # a known core name grounds through it: "motor cortex" is an UBERON exact synonym
    assert ctx.grounder.vocab is not None
    (listed,) = {c[0] for c in ctx.grounder.vocab.find("motor cortex")}
    cortex = ctx.ground("Motor cortex (upper)", v.BIOLINK + "AnatomicalEntity")
    assert cortex.iri == v.expand(listed) and cortex.match is Match.EXACT_SYNONYM
    hb9 = ctx.ground("HB9 (MNX1)", v.BIOLINK + "Gene")
    assert hb9.iri == v.expand("HGNC:4979") and hb9.label == "HB9 (MNX1)"


def test_names_entity() -> None:
    ctx = _ctx(PAGE_FIXTURES_DIR / "mermaid_oneline.txt")
    ctx.entity = None
    assert ctx.names_entity("ASTROGLIA") and ctx.names_entity("astrocytes")
    assert not ctx.names_entity("C3")
