"""Mermaid edges: one triple per labelled edge, through the relation table."""

from __future__ import annotations

from collections.abc import Callable

from kg import vocab as v
from kg.extract.context import ExtractionContext
from kg.extract.mermaid import mermaid_edges
from kg.extract.model import Assertion, PageExtraction
from kg.extract.page_entity import decide_entity
from kg.extract.relations import relation_for
from kg.ground.vocabulary import shipped_vocabularies
from kg.pages import Page
from kg.parse import parse_page
from kg.vocab import terms as p
from tests.extract.conftest import find, grounder, iri, one
from tests.linearity import assert_linear

NEURON, ASTROCYTE, MICROGLIAL_CELL = iri("CL:0000540"), iri("CL:0000127"), iri("CL:0000129")
#: APOE grounds in the shipped HGNC set (issue 10): the id HGNC lists for the symbol
APOE = iri(next(c[0] for c in shipped_vocabularies().find("APOE") if c[1] == "symbol"))
TREM2, ALS, ALZHEIMER = iri("HGNC:17761"), iri("MONDO:0004976"), iri("MONDO:0004975")

Get = Callable[[str], PageExtraction]


def test_case_variants_are_one_node_and_repeated_edges_one_fact(fixture_page: Get) -> None:
    ex = fixture_page("case_variants.txt")
    dam = v.mention_iri("DAM")
    assert dam == v.mention_iri("Dam")
    fact = one(ex, dam, relation_for("associated with").predicate, ALS)  # Als / ALS too
    assert fact.relation_label == "associated with"
    assert len({e.span.first_line for e in fact.evidence}) == 3
    assert all(e.extractor == "mermaid.edge" for e in fact.evidence)
    activates = one(ex, TREM2, p.POSITIVELY_REGULATES, dam)
    assert activates.biolink_predicate == v.BIOLINK + "regulates"


def test_the_page_node_is_the_entity_as_source_or_target(fixture_page: Get) -> None:
    prism = fixture_page("prism_view.txt")
    one(prism, MICROGLIAL_CELL, p.EXPRESSES, TREM2)  # entity as source
    one(prism, APOE, p.REGULATES, MICROGLIAL_CELL)
    oneline = fixture_page("mermaid_oneline.txt")  # ASTROGLIA / Astroglia / astroglia
    assert find(oneline, ASTROCYTE, p.EXPRESSES)
    assert find(oneline, p=p.EXPRESSED_IN, o=ASTROCYTE)


def test_dotted_edges_and_unknown_nodes(fixture_page: Get) -> None:
    ex = fixture_page("entity_page.txt")
    sting = v.mention_iri("STING")
    inhibits = one(ex, NEURON, p.NEGATIVELY_REGULATES, sting)
    assert inhibits.relation_label == "inhibits"
    assert "STING" in ex.ungrounded
    assert len(find(ex, NEURON, p.POSITIVELY_REGULATES)) == 2  # PARKINSON twice -> one fact


def test_unlabelled_edges_and_self_loops_are_no_facts(fixture_page: Get) -> None:
    ex = fixture_page("mermaid_broken.txt")
    mermaid = [a for a in ex.assertions if any(e.extractor == "mermaid.edge" for e in a.evidence)]
    edges = [a for a in mermaid if a.relation_label]
    assert [(a.subject.iri, a.object.iri) for a in edges] == [(ASTROCYTE, MICROGLIAL_CELL)]  # type: ignore[union-attr]
    assert not find(ex, MICROGLIAL_CELL, p.REGULATES, MICROGLIAL_CELL)


def test_fenced_diagram_of_a_history_view(fixture_page: Get) -> None:
    ex = fixture_page("history_view.txt")
    one(ex, TREM2, p.EXPRESSED_IN, MICROGLIAL_CELL)
    risk = one(ex, TREM2, v.BIOLINK + "predisposes_to_condition", ALZHEIMER)
    assert risk.relation_label == "risk factor for"
    (e,) = [e for e in risk.evidence if "-->" in e.quote]
    assert 'risk factor for\\"' in e.quote  # the raw, still escaped JSON text of the edge


def test_an_edge_quotes_the_declarations_of_its_two_nodes(fixture_page: Get) -> None:
    """Issue 11: ``N3 -->|"causes"| N2`` names neither end; its evidence includes
    ``N3["SOD1"]`` and ``N2["ALS"]``."""
    ex = fixture_page("mermaid_multiline.txt")
    (fact,) = [
        a
        for a in ex.assertions
        if a.relation_label == "causes" and any(e.extractor == "mermaid.edge" for e in a.evidence)
    ]
    quotes = {e.quote.strip() for e in fact.evidence}
    assert quotes == {'N3 -->|"causes"| N2', 'N3["SOD1"]', 'N2["ALS"]'}


def _chain_diagram(edges: int) -> str:
    """A page whose diagram declares ``edges + 1`` nodes and links each to the next."""
    lines = [
        "📗 Cite This Artifact",
        "Betz Cells",
        "Betz Cells",
        "Overview",
        "Text.",
        "flowchart TD",
    ]
    lines += [f'    N{i}["Gene {i}"]' for i in range(edges + 1)]
    lines += [f'    N{i} -->|"activates"| N{i + 1}' for i in range(edges)]
    return "\n".join(lines) + "\n"


def _edge_run(page: Page) -> Callable[[], list[Assertion]]:
    """The Mermaid extractor alone over one parsed page (the rest of extraction is linear)."""
    parsed = parse_page(page)
    ctx = ExtractionContext(page, parsed, grounder(), "betz-cells")
    ctx.decision = decide_entity(ctx)
    return lambda: list(mermaid_edges(ctx))


def test_edge_extraction_is_linear_in_the_nodes() -> None:
    """Issue 12 regression: every edge end looked its label up by scanning all nodes
    (quadratic: 2k/8k/16k/32k edges took 1.1/4.7/13.1/35.8 s)."""
    runs = {n: _edge_run(Page.from_text(_chain_diagram(n))) for n in (2_000, 16_000)}
    edges = [a for a in runs[2_000]() if a.relation_label == "activates"]
    assert [a.subject.label for a in edges[:2]] == ["Gene 0", "Gene 1"]
    assert len(edges) == 2_000
    assert_linear(lambda n: runs[n](), 2_000, factor=8)
