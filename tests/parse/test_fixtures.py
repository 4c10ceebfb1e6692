"""What each fixture page was written to show (see tests/fixtures/README.md), and the seeds."""

from __future__ import annotations

from functools import cache

import pytest

from kg.pages import read_page
from kg.parse import parse_page
from kg.parse.model import (
    Infobox,
    InfoboxRow,
    LineRole,
    MermaidDiagram,
    ParsedPage,
    Shell,
)
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR

# Identifiers the fixtures carry (all real; see tests/fixtures/README.md).
CL_MOTOR_NEURON = "CL:0000100"
CL_BRAINSTEM_MOTOR_NEURON = "CL:2000047"
CL_PURKINJE_CELL = "CL:0000121"
CL_ASTROCYTE = "CL:0000127"
CL_OLIGODENDROCYTE = "CL:0000128"
CL_MICROGLIAL_CELL = "CL:0000129"
CL_NEURON = "CL:0000540"


@cache
def parsed(name: str) -> ParsedPage:
    path = PAGE_FIXTURES_DIR / name if "/" not in name else name
    return parse_page(read_page(path))


def only_box(p: ParsedPage) -> Infobox:
    assert len(p.infoboxes) == 1, [b.id for b in p.infoboxes]
    return p.infoboxes[0]


def all_rows(box: Infobox) -> tuple[InfoboxRow, ...]:
    return (*box.rows, *(row for sub in box.subtables for row in sub.rows))


def values(box: Infobox) -> dict[str, str]:
    """label -> value over every row; fails if a label appears twice."""
    out: dict[str, str] = {}
    for row in all_rows(box):
        assert row.label.text not in out, f"row {row.label.text!r} kept twice"
        out[row.label.text] = row.value.text
    return out


def row(box: Infobox, label: str) -> InfoboxRow:
    found = [r for r in all_rows(box) if r.label.text == label]
    assert len(found) == 1, (label, [r.label.text for r in all_rows(box)])
    return found[0]


def subtable(box: Infobox, header: tuple[str, str]) -> dict[str, str]:
    subs = [s for s in box.subtables if s.header == header]
    assert len(subs) == 1, (header, [s.header for s in box.subtables])
    return {r.label.text: r.value.text for r in subs[0].rows}


def curies(p: ParsedPage) -> set[str]:
    return {link.curie for link in p.links if link.curie}


def keys(p: ParsedPage) -> list[str]:
    return [c.key for c in p.citations]


def bullet_facts(p: ParsedPage) -> dict[str, str]:
    return {b.key: b.value for b in p.bullets if b.key is not None and b.value is not None}


def headings(p: ParsedPage) -> list[str]:
    return [s.heading for s in p.sections]


def edges(d: MermaidDiagram) -> set[tuple[str, str | None, str]]:
    return {(e.source_id, e.label, e.target_id) for e in d.edges}


def labels(d: MermaidDiagram) -> dict[str, str]:
    return {n.node_id: n.label for n in d.nodes}


def only_diagram(p: ParsedPage) -> MermaidDiagram:
    assert len(p.diagrams) == 1, [d.id for d in p.diagrams]
    return p.diagrams[0]


def line_no(name: str, text: str) -> int:
    """1-based number of the first line of a fixture equal to ``text``."""
    lines = (PAGE_FIXTURES_DIR / name).read_text(encoding="utf-8").split("\n")
    return lines.index(text) + 1


def contains_run(seq: list[str], run: list[str]) -> bool:
    return any(seq[i : i + len(run)] == run for i in range(len(seq) - len(run) + 1))


def problem_codes(p: ParsedPage) -> set[str]:
    return {pr.code for pr in p.problems}


# -- shells -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shell"),
    [
        ("cite_shell.txt", Shell.CITE),
        ("card_shell.txt", Shell.CARD),
        ("embed_view.txt", Shell.EMBED),
        ("embed_bare.txt", Shell.EMBED),
        ("prism_view.txt", Shell.PRISM),
        ("history_view.txt", Shell.HISTORY),
        ("entity_page.txt", Shell.ENTITY),
        ("mermaid_oneline.txt", Shell.EMBED),
        ("duplicated_td.txt", Shell.CITE),
        ("unclosed_table.txt", Shell.CITE),
        ("not_scidex.txt", Shell.UNKNOWN),
    ],
)
def test_shell_is_detected(name: str, shell: Shell) -> None:
    assert parsed(name).shell is shell


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("card_shell.txt", "Astroglia (Astrocytes)"),
        ("embed_view.txt", "Glial Cells Hub"),
        ("embed_bare.txt", "Reactive Astrocytes"),
        ("prism_view.txt", "Microglia"),
        ("history_view.txt", "TREM2 — Triggering Receptor Expressed on Myeloid Cells 2"),
        ("gene_infobox.txt", "TREM2 — Triggering Receptor Expressed on Myeloid Cells 2"),
        ("duplicated_td.txt", "Brainstem Motor Neurons"),
        ("duplicated_ellipsis.txt", "Spinal Cord Organoid Motor Neurons"),
    ],
)
def test_title(name: str, title: str) -> None:
    p = parsed(name)
    assert p.title == title
    assert p.title_span is not None


# -- cite shell -------------------------------------------------------------------------------


def test_cite_shell_title_metadata_and_chrome() -> None:
    p = parsed("cite_shell.txt")
    assert p.title in (
        "Microglia — Chronic Neuroinflammation",
        "Microglia (Chronic Neuroinflammation)",
    )
    assert p.slug == "cell-types-microglia-in-neuroinflammation"
    assert p.entity_type == "cell"
    assert p.url is not None
    assert p.url.endswith("scidex.ai/artifact/wiki-cell-types-microglia-in-neuroinflammation")
    meta = p.metadata
    assert meta is not None and meta.form == "pipe"
    assert meta.get("wiki_page_id") == "wp-28a9ffa5178e"
    assert meta.get("origin_type") == "v1_polymorphic_backfill"
    assert meta.get("source_table") == "wiki_pages"
    assert dict(meta.merged_from) == {
        "merged_at": "2026-05-13",
        "unprefixed_id": "cell-types-microglia-in-neuroinflammation",
    }
    roles = p.lines
    for chrome in ("📗 Cite This Artifact", "No provenance edges found"):
        assert roles[line_no("cite_shell.txt", chrome) - 1] is LineRole.CHROME, chrome
    assert p.copies == 1
    assert "truncated-copy" not in problem_codes(p)


def test_cite_shell_infobox_bullets_table_citations() -> None:
    p = parsed("cite_shell.txt")
    box = only_box(p)
    assert box.kind == "cell"
    assert box.title == "Microglia in Chronic Neuroinflammation"
    assert values(box) == {
        "Cell Type": "Resident CNS macrophage, yolk sac origin",
        "Cell Ontology (CL)": CL_MICROGLIAL_CELL,
        "Key Markers": "TMEM119, P2RY12, CX3CR1, IBA1",
        "Location": "Throughout CNS, regional heterogeneity",
    }
    cl = row(box, "Cell Ontology (CL)").value
    assert [link.curie for link in cl.links] == [CL_MICROGLIAL_CELL]
    assert bullet_facts(p) == {
        "Parent Classification": "Myeloid",
        "Full Lineage": "Myeloid > Macrophage > Microglia",
        "Brain Regions": "Cortex, Hippocampus, White matter",
    }
    lineage = next(b for b in p.bullets if b.key == "Full Lineage")
    by_id = {s.id: s.heading for s in p.sections}
    assert by_id[str(lineage.section)] == "Classification & Lineage"
    assert {"Overview", "Classification & Lineage", "Disease-Associated Markers"} <= set(
        headings(p)
    )
    (table,) = p.tables
    assert table.header == ("Marker", "Direction", "Function")
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["TREM2", "Up", "Lipid sensing, phagocytosis"],
        ["APOE", "Up", "Lipid transport"],
        ["P2RY12", "Down", "Homeostatic surveillance"],
    ]
    assert by_id[str(table.section)] == "Disease-Associated Markers"
    assert keys(p) == ["ginhoux2010", "kerenshaul2017"]
    para = next(x for x in p.paragraphs if "resident macrophages" in x.text)
    assert "[@" not in para.text
    assert {c.attached_to for c in p.citations} == {para.id}
    wiki = {link.wiki_path for link in p.links if link.wiki_path}
    assert {"/diseases/alzheimers-disease", "/genes/trem2"} <= wiki


# -- card, embed, prism, history, entity -----------------------------------------------------


def test_card_shell_glued_metadata_and_infobox() -> None:
    p = parsed("card_shell.txt")
    assert p.slug == "cell-types-astroglia"
    assert p.entity_type == "cell"
    meta = p.metadata
    assert meta is not None and meta.form == "glued"
    assert meta.get("slug") == "cell-types-astroglia"
    assert meta.get("entity_type") == "cell"
    assert meta.get("wiki_page_id") == "wp-d27fe6d43f15"
    assert meta.get("origin_type") == "v1_polymorphic_backfill"
    assert meta.get("_schema_version") == "1"
    assert dict(meta.merged_from) == {
        "merged_at": "2026-05-13",
        "unprefixed_id": "cell-types-astroglia",
    }
    box = only_box(p)
    assert values(box) == {"Name": "Astroglia (Astrocytes)", "Type": "Cell Type"}
    assert keys(p) == ["sofroniew2010", "barres2008", "liddelow2017"]
    run = [c for c in p.citations if c.key in ("sofroniew2010", "barres2008")]
    assert run[0].attached_to is not None and run[0].attached_to == run[1].attached_to
    assert bullet_facts(p)["AQP4"] == "Water channel at perivascular end-feet"
    for chrome in ("📖 View canonical wiki page →", "Related Entities"):
        assert p.lines[line_no("card_shell.txt", chrome) - 1] is LineRole.CHROME, chrome


def test_embed_view_without_metadata() -> None:
    p = parsed("embed_view.txt")
    assert p.metadata is None
    assert p.entity_type == "cell"  # from "cell753 wordssynced 2026-04-02"
    assert values(only_box(p))["Astrocytes"] == "GFAP, S100β, Aldh1l1, AQP4"
    assert p.lines[line_no("embed_view.txt", "View on SciDEX ↗") - 1] is LineRole.CHROME
    wiki = [link.wiki_path for link in p.links if link.wiki_path]
    assert wiki == [
        "/cell-types/astroglia",
        "/cell-types/microglia-in-neuroinflammation",
        "/cell-types/oligodendrocytes",
    ]


def test_embed_bare_celltype_infobox() -> None:
    p = parsed("embed_bare.txt")
    box = only_box(p)
    assert box.kind == "celltype"
    assert values(box) == {
        "Lineage": "Glia > Astrocyte > Reactive",
        "Markers": "GFAP, VIM, SERPINA3, C3",
        "Brain Regions": "Cortex, Hippocampus, Spinal cord",
        "Disease Vulnerability": "Alzheimer's Disease, Amyotrophic Lateral Sclerosis (ALS)",
    }
    assert bullet_facts(p)["Full Lineage"] == "Glia > Astrocyte > Reactive"
    assert keys(p) == ["escartin2021", "liddelow2017"]


def test_prism_flattened_infobox_and_inline_mermaid() -> None:
    p = parsed("prism_view.txt")
    assert p.entity_type == "cell"
    box = only_box(p)
    assert box.kind == "prism"
    assert row(box, "Cell Ontology (CL)").value.links[0].curie == CL_MICROGLIAL_CELL
    assert row(box, "Category").value.text == "Immune cell"
    assert row(box, "Key Markers").value.text == "TMEM119, P2RY12, CX3CR1, IBA1"
    assert subtable(box, ("Gene", "Function")) == {
        "TREM2": "Triggering receptor on myeloid cells 2",
        "APOE": "Lipid transport, Aβ binding",
        "CX3CR1": "Fractalkine receptor, neuron–microglia signalling",
    }
    d = only_diagram(p)
    assert edges(d) == {
        ("MICROGLIA", "expresses", "TREM2"),
        ("TREM2", "activates", "DAM"),
        ("APOE", "regulates", "MICROGLIA"),
        ("MICROGLIA", "associated with", "AD"),
    }
    assert labels(d)["AD"] == "Alzheimer's Disease"
    assert d.problems == ()


def test_history_view_decodes_markdown_and_maps_spans_to_raw() -> None:
    p = parsed("history_view.txt")
    box = only_box(p)
    assert box.kind == "gene"
    assert values(box) == {
        "Symbol": "TREM2",
        "Chromosome": "6p21.1",
        "NCBI Gene": "54209",
        "UniProt": "Q9NZC2",
    }
    ncbi = row(box, "NCBI Gene").value.links
    assert [link.target for link in ncbi] == ["https://www.ncbi.nlm.nih.gov/gene/54209"]
    assert '\\"' in box.source  # the raw, escaped JSON text
    level2 = [s.heading for s in p.sections if s.level == 2]
    assert level2 == ["Overview", "Function", "Pathway Diagram"]
    para = next(x for x in p.paragraphs if "lipoprotein" in x.text)
    assert "Aβ–lipoprotein" in para.text
    assert "A\\u03b2\\u2013lipoprotein" in para.source
    assert keys(p) == ["jonsson2013", "guerreiro2013"]
    assert bullet_facts(p)["Signalling"] == "Through the adaptor TYROBP (DAP12)"
    d = only_diagram(p)
    assert d.form == "fenced"
    assert ("TREM2", "risk factor for", "Alzheimer_s_Disease") in edges(d)
    assert labels(d)["Alzheimer_s_Disease"] == "Alzheimer's Disease"


def test_entity_page_table_and_flowchart() -> None:
    p = parsed("entity_page.txt")
    assert p.title is not None and p.title.upper() == "NEURONS"
    pairs = {
        r.cells[0].text: r.cells[1].text for t in p.tables for r in t.rows if len(r.cells) == 2
    }
    if p.metadata is not None:
        pairs.update({e.key: e.value for e in p.metadata.entries})
    for box in p.infoboxes:  # the name table may be read as an infobox of kind "entity"
        pairs.update({r.label.text: r.value.text for r in all_rows(box)})
    for t in p.tables:
        if len(t.header) == 2:
            pairs[t.header[0]] = t.header[1]
    assert pairs["Name"] == "NEURONS"
    assert pairs["Key Genes/Proteins"] == "3r-tau, 4r-tau, AB, ABCA1, ABCA7, ACHE"
    assert pairs["Related Diseases"] == "acetylcholine, ACETYLCHOLINE"
    d = only_diagram(p)
    assert d.direction == "TD"
    shapes = {n.node_id: n.shape for n in d.nodes}
    assert shapes["PARKIN"] == shapes["STING"] == shapes["OPTN"] == "stadium"
    assert shapes["NEURONS"] == "box"
    assert labels(d)["PARKINSON_S_DISEASE"] == "PARKINSON'S DISEASE"
    assert edges(d) == {
        ("NEURONS", "activates", "PARKINSON"),
        ("NEURONS", "activates", "PARKINSON_S_DISEASE"),
        ("NEURONS", "biomarker for", "PARKIN"),
        ("NEURONS", "inhibits", "STING"),
        ("NEURONS", "causes", "OPTN"),
        ("NEURONS", "reduces", "SPINAL_CORD"),
    }
    dotted = [e for e in d.edges if e.style == "dotted"]
    assert [(e.source_id, e.target_id) for e in dotted] == [("NEURONS", "STING")]
    assert d.problems == ()


# -- infobox kinds ----------------------------------------------------------------------------


def test_gene_infobox_with_database_links() -> None:
    p = parsed("gene_infobox.txt")
    box = only_box(p)
    assert box.kind == "gene"
    v = values(box)
    assert v["Symbol"] == "TREM2"
    assert v["Full Name"] == "Triggering Receptor Expressed on Myeloid Cells 2"
    assert v["Chromosome"] == "6p21.1"
    assert v["NCBI Gene"] == "54209"
    assert v["Ensembl"] == "ENSG00000095970"
    assert v["OMIM"] == "605086"
    assert v["UniProt"] == "Q9NZC2"
    assert v["Expression"] == "Microglia, Cerebral cortex, Hippocampus"
    assert [link.target for link in row(box, "Ensembl").value.links] == [
        "https://ensembl.org/Homo_sapiens/Gene/Summary?g=ENSG00000095970"
    ]
    assert [link.wiki_path for link in row(box, "Diseases").value.links] == [
        "/diseases/alzheimers-disease",
        "/diseases/frontotemporal-dementia",
        "/diseases/nasu-hakola-disease",
    ]
    assert row(box, "Diseases").value.text == (
        "Alzheimer's Disease, Frontotemporal Dementia, Nasu-Hakola Disease"
    )
    mutations = [r for r in all_rows(box) if r.value.text == "R47H, R62H, D87N, T66M, Y38C"]
    assert len(mutations) == 1
    sub_headers = [s.header[0] for s in box.subtables]
    assert mutations[0].label.text == "Key Mutations" or "Key Mutations" in sub_headers


def test_gene_infobox_plain_labels() -> None:
    box = only_box(parsed("gene_infobox_plain.txt"))
    v = values(box)
    assert v["Gene Symbol"] == "SOD1"
    assert v["Aliases"] == "ALS1, IPOA, hSod1"
    assert v["Chromosomal Location"] == "21q22.11"
    assert v["NCBI Gene ID"] == "6647"
    assert v["UniProt ID"] == "P00441"
    assert v["Ensembl ID"] == "ENSG00000142168"
    assert v["OMIM ID"] == "147450"
    assert v["Liver"] == "Highest"
    assert v["Kidney"] == "High"


def test_conflicting_ids_are_all_kept() -> None:
    p = parsed("conflicting_ids.txt")
    v = values(only_box(p))
    assert v["NCBI Gene ID"] == "54206"
    assert v["Ensembl ID"] == "ENSG00000160310"
    targets = {link.target for link in p.links}
    assert "https://www.ncbi.nlm.nih.gov/gene/54209" in targets
    assert "https://www.ncbi.nlm.nih.gov/gene/83433" in targets
    assert "https://ensembl.org/Homo_sapiens/Gene/Summary?g=ENSG00000095970" in targets


def test_protein_infobox() -> None:
    box = only_box(parsed("protein_infobox.txt"))
    assert box.kind == "protein"
    v = values(box)
    assert v["Gene"] == "SOD1"
    assert v["UniProt"] == "P00441"
    assert v["PDB"] == "2C9V"
    assert v["Molecular Weight"] == "~16 kDa (153 aa, homodimer)"
    assert v["Localization"] == "Cytoplasm, Mitochondrial intermembrane space, Nucleus"
    assert v["Family"] == "Cu-Zn superoxide dismutase family"
    assert row(box, "Gene").value.links[0].wiki_path == "/genes/sod1"


def test_therapeutic_infobox_with_data_like_label() -> None:
    box = only_box(parsed("therapeutic_infobox.txt"))
    assert box.kind == "therapeutic"
    assert [r.label.text for r in box.rows] == [
        "Drug Class",
        "Target",
        "Indication",
        "Administration",
    ]
    assert subtable(box, ("Drug", "Mechanism")) == {
        "Tofersen": "SOD1 mRNA degradation via RNase H",
        "NCT04480350": "AAV",
    }
    assert row(box, "Target").value.text == "SOD1 mRNA"


def test_mechanism_infobox_stage_region() -> None:
    box = only_box(parsed("mechanism_infobox.txt"))
    assert box.kind == "mechanism"
    assert subtable(box, ("Stage", "Region")) == {
        "Stage 1": "Agranular motor cortex, spinal cord",
        "Stage 2": "Prefrontal neocortex, brainstem",
        "Stage 3": "Postcentral neocortex, striatum",
        "Stage 4": "Hippocampus",
    }
    assert [link.wiki_path for link in row(box, "Key Proteins").value.links] == [
        "/proteins/tdp-43",
        "/genes/c9orf72",
    ]
    assert row(box, "Cellular Location").value.text == "Nucleus → Cytoplasm"


def test_div_infobox() -> None:
    p = parsed("div_infobox.txt")
    box = only_box(p)
    assert box.kind in ("div", "cell")
    assert values(box) == {
        "Cell Ontology": CL_OLIGODENDROCYTE,
        "Category": "Glia",
        "Key Markers": "MBP, PLP1, MOG, OLIG2",
        "Location": "White matter, Grey matter",
    }
    assert row(box, "Cell Ontology").value.links[0].curie == CL_OLIGODENDROCYTE


def test_subtables_and_data_like_labels() -> None:
    box = only_box(parsed("subtables.txt"))
    assert [r.label.text for r in box.rows] == ["Category"]
    assert [s.header for s in box.subtables] == [
        ("Database", "ID"),
        ("Gene", "Function"),
        ("Stage", "Region"),
        ("Drug", "Mechanism"),
        ("Species", "Conservation Level"),
    ]
    assert subtable(box, ("Gene", "Function")) == {
        "CALB1": "Calcium buffering",
        "PCP2": "G-protein signalling regulator",
        "SCA1": "ATXN1",
    }
    assert subtable(box, ("Drug", "Mechanism")) == {
        "Troriluzole": "Glutamate modulation",
        "NCT04480350": "AAV",
    }
    assert subtable(box, ("Species", "Conservation Level")) == {
        "Mouse": "High",
        "Human": "Reference",
    }
    assert subtable(box, ("Stage", "Region")) == {
        "Early": "Cerebellar vermis",
        "Late": "Cerebellar hemispheres",
    }
    db = row(box, "Cell Ontology (CL)")
    assert db.value.links[0].curie == CL_PURKINJE_CELL


# -- duplicated rendering and malformed markup -----------------------------------------------


def test_duplicated_copy_cut_at_td() -> None:
    p = parsed("duplicated_td.txt")
    assert p.copies == 2
    assert "truncated-copy" in problem_codes(p)
    box = only_box(p)
    assert subtable(box, ("Nucleus", "CN")) == {
        "Oculomotor": "III",
        "Facial": "VII",
        "Hypoglossal": "XII",
    }
    assert values(box)["Cell Ontology (CL)"] == CL_BRAINSTEM_MOTOR_NEURON
    cut = line_no("duplicated_td.txt", "<td")
    assert box.span.first_line > cut
    assert set(range(4, cut + 1)) <= set(p.lines_with(LineRole.SUPERSEDED))
    assert {CL_BRAINSTEM_MOTOR_NEURON, CL_MOTOR_NEURON} == curies(p)
    ols = [link for link in p.links if link.curie == CL_BRAINSTEM_MOTOR_NEURON]
    assert (
        len(ols) == 2
    )  # the complete copy's infobox link and the obofoundry link, not the cut copy's


def test_duplicated_copy_cut_with_ellipsis() -> None:
    p = parsed("duplicated_ellipsis.txt")
    assert p.copies == 2
    assert "truncated-copy" in problem_codes(p)
    box = only_box(p)
    assert values(box) == {
        "Lineage": "Stem Cell > iPSC > Organoid > Motor Neuron",
        "Markers": "MNX1, ISL1, CHAT",
        "Protocol": "3D neuromesodermal patterning (30-50 days)",
    }
    assert [c.key for c in box.citations] == ["kawada2017"]
    assert headings(p).count("Introduction") == 1
    assert headings(p).count("Overview") == 1
    restart = line_no("duplicated_ellipsis.txt", "...Spinal Cord Organoid Motor Neurons")
    assert set(range(4, restart)) <= set(p.lines_with(LineRole.SUPERSEDED))
    assert keys(p).count("kawada2017") == 1


def test_malformed_markup() -> None:
    p = parsed("malformed_markup.txt")
    box = only_box(p)
    v = values(box)
    assert v["Location"] == "Substantia nigra pars compacta, Ventral tegmental area"
    assert v["Key Markers"] == "TH, DAT, VMAT2"
    assert "Dopamine" in v["Primary Neurotransmitter"]
    assert v["Disease Vulnerability"] == "Parkinson's Disease"
    assert all("<" not in text and "[@" not in text for text in v.values())
    assert [c.key for c in box.citations] == ["damier1999", "fu2016", "surmeier2017", "giguere2018"]
    assert "fearnley1991" in keys(p)
    para = next(x for x in p.paragraphs if "substantia nigra" in x.text)
    assert "Parkinson's disease" in para.text
    for comment in ("<!-- multi-taxonomy-enrichment -->", "<!-- enrichment-end -->"):
        assert p.lines[line_no("malformed_markup.txt", comment) - 1] is not LineRole.UNUSED


def test_unclosed_table_gives_partial_infobox_and_warning() -> None:
    p = parsed("unclosed_table.txt")
    box = only_box(p)
    assert box.complete is False
    assert "unclosed-table" in problem_codes(p)
    assert row(box, "Category").value.text == "Glia"
    assert bullet_facts(p)["Key Markers"] == "FOXJ1, S100B, VIM"


def test_not_scidex_is_partial_with_warning() -> None:
    p = parsed("not_scidex.txt")
    assert p.shell is Shell.UNKNOWN
    assert p.problems
    assert p.infoboxes == ()
    assert p.metadata is None


# -- citations and links ----------------------------------------------------------------------


def test_every_citation_form() -> None:
    p = parsed("citations.txt")
    by_kind: dict[str, list[str]] = {}
    for c in p.citations:
        by_kind.setdefault(c.kind, []).append(c.key)
    assert by_kind["quoted"] == ["sofroniew2010"]
    assert by_kind["pubmed"] == ["1", "2"]
    assert sorted(by_kind["definition"]) == ["lemon2008", "pmid35435793"]
    assert {
        "brown2017",
        "lemon2008",
        "hardiman2017",
        "auto_37399327",
        "pmid35435793",
        "view",
    } <= set(by_kind["key"])
    junk = {c.key for c in p.citations if c.junk}
    assert junk == {"view"}
    pubmed = {c.key: c.pmid for c in p.citations if c.kind == "pubmed"}
    assert pubmed == {"1": "35435793", "2": "37399327"}
    defs = {c.key: c for c in p.citations if c.kind == "definition"}
    assert defs["lemon2008"].doi == "10.1146/annurev.neuro.31.060407.125547"
    assert defs["pmid35435793"].pmid == "35435793"
    para = next(x for x in p.paragraphs if "spasticity" in x.text)
    assert contains_run([c.key for c in para.citations], ["brown2017", "hardiman2017"])
    assert all(c.attached_to == para.id for c in para.citations)
    betz = next(b for b in p.bullets if b.key == "Betz cells")
    assert [c.key for c in betz.citations] == ["brown2017", "hardiman2017"]
    assert "[@" not in betz.text and "[@" not in (betz.value or "")
    assert [c.key for c in only_box(p).citations] == ["brown2017", "lemon2008"]


def test_every_link_form() -> None:
    p = parsed("links.txt")
    assert p.infoboxes == ()
    wiki = {link.wiki_path for link in p.links if link.wiki_path}
    assert {
        "/genes/sod1",
        "/cell-types/motor-neurons",
        "/diseases/als",
        "/entities/c9orf72",
        "/proteins/tau",
        "/genes/mapt",
        "/mechanisms/neuroinflammation",
        "/cell-types/astroglia",
    } <= wiki
    html = [link for link in p.links if link.kind == "html"]
    assert ("Excitotoxicity", "/wiki/mechanisms-excitotoxicity") in {
        (link.text, link.target) for link in html
    }
    assert "https://www.uniprot.org/uniprot/P00441" in {link.target for link in html}
    wikilinks = {link.text for link in p.links if link.kind == "wiki"}
    assert {"genes-slc1a2", "Reactive Astrocytes"} <= wikilinks
    assert [link.curie for link in p.links if (link.curie or "").startswith("CL:")] == [
        CL_ASTROCYTE,
        CL_ASTROCYTE,
        CL_NEURON,
    ]
    no_id = [link for link in p.links if link.target == "https://www.ebi.ac.uk/ols4/ontologies/cl"]
    assert len(no_id) == 1 and no_id[0].curie is None
    see_also = line_no("links.txt", "See Also")
    broken = [
        link
        for link in p.links
        if link.span.first_line > see_also and "/cell-types/motor-neurons" in link.target
    ]
    assert broken, "the link broken across lines (text and target on different lines) is lost"
    assert "https://www.ncbi.nlm.nih.gov/gene/6647" in {link.target for link in p.links}


# -- Mermaid ----------------------------------------------------------------------------------


def test_mermaid_multiline_n0_to_n8() -> None:
    d = only_diagram(parsed("mermaid_multiline.txt"))
    assert d.form == "multiline"
    assert d.direction == "TD"
    assert labels(d) == {
        "N0": "Betz Cells",
        "N1": "TDP-43",
        "N2": "ALS",
        "N3": "SOD1",
        "N4": "C9orf72",
        "N5": "Corticospinal Tract",
        "N6": "Glutamate",
        "N7": "Riluzole",
        "N8": "Neurofilament Light",
    }
    assert edges(d) == {
        ("N0", "associated with", "N2"),
        ("N1", "expressed in", "N0"),
        ("N3", "causes", "N2"),
        ("N4", "risk factor for", "N2"),
        ("N0", "component of", "N5"),
        ("N6", "activates", "N0"),
        ("N7", "therapeutic target", "N6"),
        ("N8", "biomarker for", "N2"),
    }
    assert d.problems == ()


def test_mermaid_one_line() -> None:
    p = parsed("mermaid_oneline.txt")
    d = only_diagram(p)
    assert d.form == "oneline"
    assert d.span.first_line == d.span.last_line
    assert edges(d) == {
        ("ASTROGLIA", "expresses", "C3"),
        ("C3", "expressed in", "Astroglia"),
        ("Thyroid_Hormone", "modulates", "Astroglia"),
        ("Thyroid_Hormone_Deficit", "causes", "Astroglia"),
        ("P62", "expressed in", "astroglia"),
    }
    assert {"ASTROGLIA", "Astroglia", "astroglia"} <= set(labels(d))
    assert [(c.key, c.kind) for c in p.citations] == [
        ("sofroniew2010", "quoted"),
        ("barres2008", "key"),
    ]


def test_mermaid_fenced_sanitised_ids_and_hypotheses() -> None:
    d = only_diagram(parsed("mermaid_fenced.txt"))
    assert d.form == "fenced"
    lab = labels(d)
    assert lab["TDP_43"] == "TDP-43"
    assert lab["Alzheimer_s_Disease"] == "Alzheimer's Disease"
    assert lab["h_7e846ceb"] == "h-7e846ceb"
    assert {n.node_id: n.shape for n in d.nodes}["APOE4"] == "stadium"
    assert ("h_7e846ceb", "targets gene", "TDP_43") in edges(d)
    (dotted,) = [e for e in d.edges if e.style == "dotted"]
    assert (dotted.source_id, dotted.label, dotted.target_id) == ("TDP_43", "inhibits", "STMN2")
    assert len(edges(d)) == 5
    assert d.problems == ()
    assert d.source.startswith("```mermaid") or d.source.startswith("flowchart")


def test_mermaid_broken_is_reported() -> None:
    p = parsed("mermaid_broken.txt")
    d = only_diagram(p)
    text = " ".join(d.problems).lower()
    assert "subgraph" in text
    assert "self" in text or "loop" in text
    assert "label" in text
    assert ("A", "interacts with", "M") in edges(d)
    assert any("mermaid" in code for code in problem_codes(p))


def test_mermaid_case_variants_stay_apart() -> None:
    d = only_diagram(parsed("case_variants.txt"))
    lab = labels(d)
    assert lab["DAM"] == "DAM" and lab["Dam"] == "Dam"
    assert lab["ALS"] == "ALS" and lab["Als"] == "Als"
    assert {("DAM", "associated with", "ALS"), ("Dam", "associated with", "Als")} <= edges(d)
    assert len(edges(d)) == 5


# -- the seeds --------------------------------------------------------------------------------


def test_motor_neurons_seed() -> None:
    p = parsed(str(MOTOR_NEURONS_SEED))
    assert p.shell is Shell.CITE
    assert p.title == "Motor Neurons"
    assert p.copies == 2
    assert p.slug == "cell-types-motor-neurons"
    assert p.entity_type == "cell"
    assert p.metadata is not None and p.metadata.get("wiki_page_id") == "wp-2643c9649cff"
    box = only_box(p)
    assert values(box)["Cell Ontology (CL)"] == CL_MOTOR_NEURON
    assert subtable(box, ("Drug", "Mechanism")) == {
        "Riluzole": "Glutamate inhibition",
        "Edaravone": "Free radical scavenger",
        "AMX0035 (Relyvrio)": "Mitochondrial/ER protection",
        "Tofersen (SOD1-ALS)": "Antisense oligonucleotide",
    }
    assert subtable(box, ("Species", "Conservation Level")) == {
        "Mouse": "High",
        "Human": "Reference",
        "Macaque": "High",
        "Zebra finch": "Moderate",
    }
    nuclei = subtable(box, ("Nucleus", "CN"))
    assert list(nuclei.values()) == ["III", "IV", "V", "VI", "VII", "IX, X", "XI", "XII"]
    assert curies(p) == {CL_MOTOR_NEURON, CL_BRAINSTEM_MOTOR_NEURON}
    assert {"william2003", "pfaff1996", "arlotta2008", "neumann2006", "rosen1993"} <= set(keys(p))
    assert bullet_facts(p)["Full Lineage"] == "Neuron > Glutamatergic > Motor neuron"


def test_ipsc_seed() -> None:
    p = parsed(str(IPSC_SEED))
    assert p.copies == 2
    assert p.slug == "cell-types-ipsc-derived-motor-neurons"
    box = only_box(p)
    assert box.kind == "celltype"
    assert [c.key for c in box.citations] == [
        "donnelly2013",
        "kalkonde2022",
        "kino2015",
        "schizopoulos2024",
    ]
    assert values(box)["Lineage"] == "Stem Cell > iPSC > Motor Neuron"
    markers = next(t for t in p.tables if t.header == ("Marker", "Type", "Function"))
    assert [[c.text for c in r.cells] for r in markers.rows] == [
        ["HB9 (MNX1)", "Transcription Factor", "Motor neuron specification"],
        ["ISL1", "Transcription Factor", "Motor neuron survival"],
        ["CHAT", "Enzyme", "Acetylcholine synthesis"],
        ["SMI-32", "Neurofilament", "Axonal integrity"],
        ["TUBB3 (βIII-tubulin)", "Cytoskeleton", "Neuronal identity"],
        ["MAP2", "Cytoskeleton", "Dendritic marking"],
    ]
    assert CL_MOTOR_NEURON in curies(p)
