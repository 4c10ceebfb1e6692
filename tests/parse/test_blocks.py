"""Body blocks: headings, bullets with Key: value, pipe tables, paragraphs, on seeds and strings."""

from __future__ import annotations

import pytest

from kg.pages import Page
from kg.parse.blocks import Blocks, is_heading, parse_blocks, split_key
from kg.parse.document import Document, element_id
from kg.parse.model import Element, LineRole
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR
from tests.linearity import assert_linear

MARKERS = (
    ("HB9 (MNX1)", "Transcription Factor", "Motor neuron specification"),
    ("ISL1", "Transcription Factor", "Motor neuron survival"),
    ("CHAT", "Enzyme", "Acetylcholine synthesis"),
    ("SMI-32", "Neurofilament", "Axonal integrity"),
    ("TUBB3 (βIII-tubulin)", "Cytoskeleton", "Neuronal identity"),
    ("MAP2", "Cytoskeleton", "Dendritic marking"),
)


def _blocks(text: str) -> tuple[Document, Blocks]:
    doc = Document(Page.from_text(text))
    return doc, parse_blocks(doc, doc.lines)


def _elements(blocks: Blocks) -> list[Element]:
    out: list[Element] = [*blocks.sections, *blocks.bullets, *blocks.paragraphs]
    out += [*blocks.links, *blocks.citations]
    for table in blocks.tables:
        out += [table, *table.rows]
    return out


def _check_spans(doc: Document, blocks: Blocks) -> None:
    text = doc.page.text
    elements = _elements(blocks)
    for el in elements:
        assert text[el.span.start : el.span.end] == el.source, el
    ids = [el.id for el in elements]
    assert len(ids) == len(set(ids))
    for table in blocks.tables:
        for row in table.rows:
            for cell in row.cells:
                assert row.span.start <= cell.span.start <= cell.span.end <= row.span.end


@pytest.fixture(scope="module")
def ipsc() -> tuple[Document, Blocks]:
    return _blocks(IPSC_SEED.read_text("utf-8"))


@pytest.fixture(scope="module")
def motor() -> tuple[Document, Blocks]:
    return _blocks(MOTOR_NEURONS_SEED.read_text("utf-8"))


def test_ipsc_markers_table(ipsc: tuple[Document, Blocks]) -> None:
    doc, blocks = ipsc
    _check_spans(doc, blocks)
    table = next(t for t in blocks.tables if t.header == ("Marker", "Type", "Function"))
    assert tuple(tuple(c.text for c in row.cells) for row in table.rows) == MARKERS
    sections = {s.id: s.heading for s in blocks.sections}
    assert sections[str(table.section)] == "Marker Expression"
    assert (table.span.first_line, table.span.last_line) == (113, 120)


def test_ipsc_cl_table_cell_keeps_its_link(ipsc: tuple[Document, Blocks]) -> None:
    _, blocks = ipsc
    table = next(t for t in blocks.tables if t.header == ("Taxonomy", "ID", "Name / Label"))
    (row,) = table.rows
    (link,) = row.cells[1].links
    assert (row.cells[1].text, link.curie) == ("CL:0000100", "CL:0000100")


def test_ipsc_headings_and_bullets(ipsc: tuple[Document, Blocks]) -> None:
    _, blocks = ipsc
    headings = [s.heading for s in blocks.sections]
    for heading in ("Overview", "Stage 1: Neural Induction (Days 0-7)", "Marker Expression"):
        assert heading in headings
    c9 = next(b for b in blocks.bullets if b.key == "C9orf72 hexanucleotide expansions")
    assert c9.value == "RNA foci formation, dipeptide repeat protein aggregation"
    assert [c.key for c in c9.citations] == ["donnelly2013"]


def test_ipsc_see_also_links(ipsc: tuple[Document, Blocks]) -> None:
    _, blocks = ipsc
    see_also = next(s for s in blocks.sections if s.heading == "See Also")
    bullets = [b for b in blocks.bullets if b.section == see_also.id]
    assert [b.text for b in bullets][:3] == [
        "Cell Types Index",
        "Technologies Index",
        "Amyotrophic Lateral Sclerosis (ALS)",
    ]
    organoid = next(b for b in bullets if b.text == "Spinal Cord Organoid Motor Neurons")
    (link,) = organoid.links
    assert link.wiki_path == "/cell-types/spinal-cord-organoid-motor-neurons"
    technologies = next(b for b in bullets if b.text == "Technologies Index")
    assert [k.kind for k in technologies.links] == ["broken"]
    assert {p.code for p in blocks.problems} == {"broken-link", "link-repaired"}


def test_motor_neuron_bullets_split_key_value(motor: tuple[Document, Blocks]) -> None:
    doc, blocks = motor
    _check_spans(doc, blocks)
    facts = {b.key: b.value for b in blocks.bullets if b.key}
    assert facts["Parent Classification"] == "Glutamatergic"
    assert facts["Full Lineage"] == "Neuron > Glutamatergic > Motor neuron"
    assert facts["Brain Regions"] == (
        "Spinal cord ventral horn, Brainstem motor nuclei, Motor cortex (upper)"
    )
    lineage = next(b for b in blocks.bullets if b.key == "Full Lineage")
    sections = {s.id: s.heading for s in blocks.sections}
    assert sections[str(lineage.section)] == "Classification & Lineage"
    assert lineage.source == "- Full Lineage: Neuron > Glutamatergic > Motor neuron"
    link_bullet = next(b for b in blocks.bullets if b.text.startswith("Cell Ontology (CL"))
    assert link_bullet.key is None  # the colon of CL:0000100 does not split


def test_motor_neuron_citations_attach_to_bullets_under_their_heading(
    motor: tuple[Document, Blocks],
) -> None:
    _, blocks = motor
    sections = {s.id: s.heading for s in blocks.sections}
    bullet = next(b for b in blocks.bullets if any(c.key == "william2003" for c in b.citations))
    assert sections[str(bullet.section)] == "HB9 (MNX1)"
    assert bullet.citations[0].attached_to == bullet.id == element_id("bullet", bullet.span)
    keys = {c.key for c in blocks.citations}
    assert {"william2003", "pfaff1996", "rosen1993", "bensimon1994"} <= keys


def test_motor_neuron_links(motor: tuple[Document, Blocks]) -> None:
    _, blocks = motor
    paths = {k.wiki_path for k in blocks.links}
    assert "/diseases/amyotrophic-lateral-sclerosis" in paths
    mapping = next(s for s in blocks.sections if s.heading == "Cell Ontology Mapping")
    under = [b for b in blocks.bullets if b.section == mapping.id]
    assert [k.curie for b in under for k in b.links] == ["CL:0000100", "CL:2000047"]
    assert [b.text for b in under] == [
        "motor neuron (CL:0000100)",
        "brainstem motor neuron (CL:2000047)",
    ]


def test_motor_neuron_key_value_prose_line_is_a_paragraph(motor: tuple[Document, Blocks]) -> None:
    _, blocks = motor
    origin = next(p for p in blocks.paragraphs if p.text.startswith("Origin: Layer V"))
    assert origin.span.first_line == 191
    assert "Origin: Layer V of primary motor cortex" not in {s.heading for s in blocks.sections}


@pytest.mark.parametrize(
    "line",
    [
        "Overview",
        "Molecular Biology",
        "HB9 (MNX1)",
        "Stage 1: Neural Induction (Days 0-7)",
        "Morphology & Electrophysiology",
        "iPSC-Derived Motor Neurons",
    ],
)
def test_headings(line: str) -> None:
    assert is_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "Origin: Layer V of primary motor cortex (Betz cells), premotor cortex",
        "Pathways:",
        "Motor neurons are the final common pathway for all voluntary movement.",
        "Next meeting: Thursday at 10:00 in the seminar room",
        "- Parent Classification: Glutamatergic",
        "| Marker | Type |",
        "[Motor Neurons](/cell-types/motor-neurons)",
        "Stem Cell > iPSC > Motor Neuron",
        "A sentence. Another one",
        "one two three four five six seven eight nine ten eleven",
    ],
)
def test_not_headings(line: str) -> None:
    assert not is_heading(line)


def test_split_key() -> None:
    assert split_key("Full Lineage: Neuron > Glutamatergic") == (
        "Full Lineage",
        "Neuron > Glutamatergic",
    )
    assert split_key("Unknown (PanglaoDB):") is None
    assert split_key("See https://example.org: a site") is None
    assert split_key("Recruitment follows the size principle of Henneman: smaller first") is None
    assert split_key("Ratio (mean: 3): high") is None


def test_markdown_headings_levels_and_parents() -> None:
    doc, blocks = _blocks("# TREM2\n\n## Overview\n\nText.\n\n### Variants ##\n\n- R47H\n")
    title, overview, variants = blocks.sections
    assert [(s.heading, s.level) for s in blocks.sections] == [
        ("TREM2", 1),
        ("Overview", 2),
        ("Variants", 3),
    ]
    assert (title.parent, overview.parent, variants.parent) == (None, title.id, overview.id)
    assert blocks.bullets[0].section == variants.id
    _check_spans(doc, blocks)


def test_bullet_markers_and_numbered_items() -> None:
    _, blocks = _blocks("Agenda\n1. Freezer: full again\n* Tips: order more\n+ Lid\n")
    assert [(b.key, b.value, b.text) for b in blocks.bullets] == [
        ("Freezer", "full again", "Freezer: full again"),
        ("Tips", "order more", "Tips: order more"),
        (None, None, "Lid"),
    ]


def test_table_rows_with_other_cell_counts_are_kept_and_reported() -> None:
    doc, blocks = _blocks(
        "Markers\n| Marker | Type |\n|---|---|\n| GFAP | Filament | extra |\n| AQP4 |\n"
    )
    (table,) = blocks.tables
    assert [len(r.cells) for r in table.rows] == [3, 1]
    assert [p.code for p in blocks.problems] == ["table-row-cells", "table-row-cells"]
    assert [p.line for p in blocks.problems] == [4, 5]
    _check_spans(doc, blocks)


def test_headerless_key_value_table_and_wikilink_cells() -> None:
    doc, blocks = _blocks(
        "Entity\n| Name | NEURONS |\n| Key Genes | [[genes-mapt|MAPT]], APP \\| PSEN1 |\n"
    )
    (table,) = blocks.tables
    assert table.header == ()
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Name", "NEURONS"],
        ["Key Genes", "MAPT, APP \\| PSEN1"],
    ]
    assert table.rows[1].cells[1].links[0].target == "genes-mapt"
    _check_spans(doc, blocks)


def test_paragraphs_join_wrapped_lines_until_a_sentence_ends() -> None:
    text = (
        "## Overview\nMicroglia are the resident\nimmune cells.[@ginhoux2010]\n"
        "They clear debris.\n\nAfter a blank line\n"
    )
    doc, blocks = _blocks(text)
    texts = [p.text for p in blocks.paragraphs]
    assert texts == [
        "Microglia are the resident immune cells.",
        "They clear debris.",
        "After a blank line",  # markdown: a short line is prose, not a heading
    ]
    assert [s.heading for s in blocks.sections] == ["Overview"]
    first = blocks.paragraphs[0]
    assert (first.span.first_line, first.span.last_line) == (2, 3)
    assert first.citations[0].attached_to == first.id
    _check_spans(doc, blocks)


def test_text_export_puts_each_paragraph_on_its_own_line() -> None:
    text = "Overview\nFirst paragraph.[@a]\nSecond paragraph.\nShort heading\nThird.\n"
    _, blocks = _blocks(text)
    assert [p.text for p in blocks.paragraphs] == [
        "First paragraph.",
        "Second paragraph.",
        "Third.",
    ]
    assert [s.heading for s in blocks.sections] == ["Overview", "Short heading"]
    assert blocks.paragraphs[2].section == blocks.sections[1].id


def test_line_accounting_and_gaps() -> None:
    text = "Overview\nFirst line.\n<!-- enrichment -->\nSecond line.\n\n- A bullet\n"
    doc = Document(Page.from_text(text))
    lines = [ln for ln in doc.lines if ln.index != 1]  # a gap where another parser took a line
    blocks = parse_blocks(doc, lines)
    assert [p.text for p in blocks.paragraphs] == ["Second line."]
    assert blocks.used == frozenset({0, 3, 5})  # the comment line is left to the reader
    roles = doc.final_roles()
    assert roles[0] is LineRole.USED and roles[2] is LineRole.UNUSED and roles[4] is LineRole.BLANK


def test_every_fixture_keeps_exact_spans() -> None:
    for path in sorted(PAGE_FIXTURES_DIR.glob("*.txt")):
        doc, blocks = _blocks(path.read_text("utf-8"))
        _check_spans(doc, blocks)


def test_two_megabyte_paragraph_line_is_linear() -> None:
    unit = (
        "Motor neurons [SOD1](/genes/sod1) die in ALS[@rosen1993], see | and : the final "
        "common pathway for all voluntary movement, conveying signals from the central "
        "nervous system to skeletal muscles. "
    )

    def make(size: int) -> str:
        return "Overview\n" + unit * (size // len(unit)) + "\n- Key: value\n"

    def run(size: int) -> object:
        doc = Document(Page.from_text(make(size)))
        return parse_blocks(doc, doc.lines)

    assert_linear(run, 100_000)
    text = make(400_000)
    doc = Document(Page.from_text(text))
    blocks = parse_blocks(doc, doc.lines)
    (paragraph,) = blocks.paragraphs
    assert len(paragraph.links) == text.count("[SOD1]")
    assert blocks.bullets[0].key == "Key"
