"""Links: CURIEs from ontology and database addresses, wiki paths, links broken across lines."""

from __future__ import annotations

import pytest

from kg.pages import Page
from kg.parse.document import Document
from kg.parse.links import (
    database_curie,
    ontology_curie,
    repair_broken_links,
    resolve_curie,
    text_curie,
    wiki_path,
)
from tests.conftest import IPSC_SEED

OLS_MOTOR_NEURON = (
    "https://www.ebi.ac.uk/ols4/ontologies/cl/classes/"
    "http%253A%252F%252Fpurl.obolibrary.org%252Fobo%252FCL_0000100"
)
MOTOR_NEURON = "CL:0000100"
BRAINSTEM_MOTOR_NEURON = "CL:2000047"


def _doc(text: str) -> Document:
    return Document(Page.from_text(text))


@pytest.mark.parametrize(
    ("url", "curie"),
    [
        (OLS_MOTOR_NEURON, MOTOR_NEURON),
        ("http://purl.obolibrary.org/obo/CL_0000100", MOTOR_NEURON),
        ("https://obofoundry.org/ontology/cl/cl/2000047.html", BRAINSTEM_MOTOR_NEURON),
        ("http://purl.obolibrary.org/obo/UBERON_0002240", "UBERON:0002240"),
        (
            "https://www.ebi.ac.uk/ols4/ontologies/mondo/classes/"
            "http%253A%252F%252Fpurl.obolibrary.org%252Fobo%252FMONDO_0004976",
            "MONDO:0004976",
        ),
        ("https://www.ebi.ac.uk/ols4/ontologies/cl/terms?obo_id=CL:0000540", "CL:0000540"),
        ("https://obofoundry.org/ontology/ncbitaxon/ncbitaxon/9606.html", "NCBITaxon:9606"),
    ],
)
def test_ontology_addresses_give_curies(url: str, curie: str) -> None:
    assert ontology_curie(url) == curie


@pytest.mark.parametrize(
    ("url", "curie"),
    [
        ("https://www.ncbi.nlm.nih.gov/gene/6647", "NCBIGene:6647"),
        (
            "https://ensembl.org/Homo_sapiens/Gene/Summary?g=ENSG00000095970",
            "ENSEMBL:ENSG00000095970",
        ),
        ("https://omim.org/entry/147450", "OMIM:147450"),
        ("https://www.uniprot.org/uniprot/P00441", "UniProtKB:P00441"),
        ("https://www.uniprot.org/uniprotkb/P00441/entry", "UniProtKB:P00441"),
        ("https://pubmed.ncbi.nlm.nih.gov/35435793/", "PMID:35435793"),
        ("https://www.ncbi.nlm.nih.gov/pubmed/8302876", "PMID:8302876"),
        (
            "https://doi.org/10.1146/annurev.neuro.31.060407.125547",
            "DOI:10.1146/annurev.neuro.31.060407.125547",
        ),
        ("https://clinicaltrials.gov/study/NCT04480350", "NCT:04480350"),
    ],
)
def test_database_addresses_give_curies(url: str, curie: str) -> None:
    assert database_curie(url) == curie


def test_no_id_no_curie() -> None:
    assert resolve_curie("https://www.ebi.ac.uk/ols4/ontologies/cl", "Cell Ontology") is None
    assert resolve_curie("https://panglaodb.se/", "PanglaoDB") is None
    assert resolve_curie("/genes/sod1", "SOD1 Gene") is None


def test_bare_id_in_link_text_is_used_when_the_address_names_none() -> None:
    assert resolve_curie("https://example.org/x", "Cell Ontology (CL:0000100)") == MOTOR_NEURON
    # the address wins over the text
    assert resolve_curie("http://purl.obolibrary.org/obo/CL_0000540", "CL:0000100") == "CL:0000540"
    assert text_curie("UBERON:0002240 spinal cord") == "UBERON:0002240"
    assert text_curie("at 10:30 today") is None


@pytest.mark.parametrize(
    ("target", "path"),
    [
        ("/diseases/als", "/diseases/als"),
        ("/genes/mapt", "/genes/mapt"),
        ("/cell-types/motor-neurons#markers", "/cell-types/motor-neurons"),
        ("/entities/c9orf72", "/entities/c9orf72"),
        ("/mechanisms/neuroinflammation", "/mechanisms/neuroinflammation"),
        ("/proteins/tau", "/proteins/tau"),
        ("/wiki/mechanisms-excitotoxicity", "/wiki/mechanisms-excitotoxicity"),
        ("https://scidex.ai/wiki/genes-trem2", "/wiki/genes-trem2"),
        ("https://prism.scidex.ai/wiki/cell-types-microglia", "/wiki/cell-types-microglia"),
        ("/cell-types", None),
        ("/content/technologies", None),
        ("https://example.org/diseases/als", None),
        ("genes-slc1a2", None),
    ],
)
def test_wiki_paths(target: str, path: str | None) -> None:
    assert wiki_path(target) == path


def test_link_broken_across_lines_in_the_seed_is_joined_to_its_target() -> None:
    doc = Document(Page.from_text(IPSC_SEED.read_text("utf-8")))
    repairs = repair_broken_links(doc, doc.lines)
    by_text = {link.text: link for link in repairs.links.values()}
    organoid = by_text["Spinal Cord Organoid Motor Neurons"]
    assert organoid.kind == "markdown"
    assert organoid.target == "/cell-types/spinal-cord-organoid-motor-neurons"
    assert organoid.wiki_path == "/cell-types/spinal-cord-organoid-motor-neurons"
    assert (organoid.span.first_line, organoid.span.last_line) == (186, 195)
    assert doc.page.text[organoid.span.start : organoid.span.end] == organoid.source
    assert organoid.source.startswith("[Spinal Cord Organoid Motor Neurons\n- [SOD1 Gene]")
    assert organoid.source.endswith("--tardbp-gene)")
    # the lines holding only the target's garbled continuation are consumed by the link
    assert repairs.tails == frozenset(range(190, 195))  # view indices of lines 191-195
    assert [p.code for p in repairs.problems] == ["link-repaired"]


def test_wrapped_link_text_is_joined() -> None:
    doc = _doc("- [Motor\nNeurons](/cell-types/motor-neurons)\n")
    link = next(iter(repair_broken_links(doc, doc.lines).links.values()))
    assert (link.kind, link.text, link.target) == (
        "markdown",
        "Motor Neurons",
        "/cell-types/motor-neurons",
    )
    assert link.source == "[Motor\nNeurons](/cell-types/motor-neurons)"


def test_target_that_does_not_match_the_text_is_not_guessed() -> None:
    doc = _doc("- [Technologies Index\n- [SOD1 Gene](/genes/sod1)\n](/content/technologies)\n")
    link = next(iter(repair_broken_links(doc, doc.lines).links.values()))
    assert link.kind == "broken"
    assert link.text == "Technologies Index"
    assert link.wiki_path is None and link.curie is None


def test_target_without_any_open_bracket_is_a_broken_link() -> None:
    doc = _doc("Overview\n](/cell-types/x\n--y-gene)\n")
    repairs = repair_broken_links(doc, doc.lines)
    (link,) = repairs.links.values()
    assert (link.kind, link.text, link.target) == ("broken", "", "/cell-types/x")
    assert repairs.tails == frozenset({1, 2})
    assert [p.code for p in repairs.problems] == ["broken-link"]


def test_open_brackets_out_of_the_window_are_not_joined() -> None:
    filler = "".join(f"- item {i}\n" for i in range(30))
    doc = _doc(f"- [Far Away\n{filler}](/cell-types/far-away)\n")
    (link,) = repair_broken_links(doc, doc.lines).links.values()
    assert link.kind == "broken" and link.text == ""
