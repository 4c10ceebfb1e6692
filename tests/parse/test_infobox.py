"""Infoboxes: HTML tables (tidy and malformed), the div variant, prism and entity forms, sub-tables."""

from __future__ import annotations

import pytest

from kg.pages import Page
from kg.parse.document import Document
from kg.parse.infobox import InfoboxScan, find_entity_infobox, find_infoboxes, find_prism_infobox
from kg.parse.infobox_rows import is_header_pair
from kg.parse.model import Infobox, InfoboxRow, LineRole
from tests.linearity import assert_linear


def read(text: str) -> tuple[Document, Infobox, list[str]]:
    doc = Document(Page.from_text(text))
    scan = find_infoboxes(doc, doc.lines)
    assert len(scan.infoboxes) == 1, scan
    return doc, scan.infoboxes[0], [p.code for p in scan.problems]


def rows(box: Infobox) -> list[tuple[str, str]]:
    return [(r.label.text, r.value.text) for r in box.rows]


def check_spans(doc: Document, box: Infobox) -> None:
    text = doc.page.text
    all_rows: list[InfoboxRow] = [*box.rows, *(r for s in box.subtables for r in s.rows)]
    assert text[box.span.start : box.span.end] == box.source
    for r in all_rows:
        assert text[r.span.start : r.span.end] == r.source
        assert box.span.start <= r.span.start <= r.span.end <= box.span.end
        for cell in (r.label, r.value):
            assert r.span.start <= cell.span.start <= cell.span.end <= r.span.end
    for sub in box.subtables:
        assert text[sub.span.start : sub.span.end] == sub.source
        assert all(r.subtable == sub.id for r in sub.rows)


def test_table_on_one_line_with_header_and_links() -> None:
    doc, box, problems = read(
        'Intro\n<table class="infobox infobox-gene"><tr><th class="infobox-header" colspan="2">'
        'SOD1</th></tr><tr><td class="label">Symbol</td><td><strong>SOD1</strong></td></tr>'
        '<tr><td class="label">UniProt</td><td><a href="https://www.uniprot.org/uniprot/P00441">'
        "P00441</a></td></tr></table>\nAfter\n"
    )
    assert (box.kind, box.title, box.complete, problems) == ("gene", "SOD1", True, [])
    assert rows(box) == [("Symbol", "SOD1"), ("UniProt", "P00441")]
    (link,) = box.rows[1].value.links
    assert link.target == "https://www.uniprot.org/uniprot/P00441"
    assert box.source.startswith("<table") and box.source.endswith("</table>")
    check_spans(doc, box)
    assert doc.final_roles() == (LineRole.UNUSED, LineRole.USED, LineRole.UNUSED)


def test_cells_closed_in_the_wrong_order_and_citations_between_tags() -> None:
    doc, box, _ = read(
        '<table class="infobox infobox-cell">\n<tr> [@damier1999]\n<td class="label">Location</td>'
        " [@fu2016]\n<td>Substantia nigra</td>\n</tr> [@giguere2018]\n<tr>\n"
        '<td class="label">Key Markers</td>\n<td>TH, DAT, VMAT2</tr><tr></td>\n'
        '<td class="label">Transmitter</td>\n<td>**Dopamine</td>\n</tr>\n'
        "<!-- taxonomy-enrichment -->\n</table>\n"
    )
    assert rows(box) == [
        ("Location", "Substantia nigra"),
        ("Key Markers", "TH, DAT, VMAT2"),
        ("Transmitter", "Dopamine"),
    ]
    assert [c.key for c in box.citations] == ["damier1999", "fu2016", "giguere2018"]
    assert {c.attached_to for c in box.citations} == {box.rows[0].id}
    check_spans(doc, box)


def test_header_rows_start_subtables_and_data_labels_do_not() -> None:
    pairs = [
        ("Category", "Glia"),
        ("Taxonomy", "ID"),
        ("Cell Ontology (CL)", "[CL:0000100](http://purl.obolibrary.org/obo/CL_0000100)"),
        ("Gene", "Function"),
        ("SCA1", "ATXN1"),
        ("Drug", "Mechanism"),
        ("NCT04480350", "AAV"),
    ]
    body = "".join(f'<tr><td class="label">{a}</td><td>{b}</td></tr>\n' for a, b in pairs)
    doc, box, _ = read(f'<table class="infobox infobox-cell">\n{body}</table>\n')
    assert rows(box) == [("Category", "Glia")]
    assert [(s.header, [(r.label.text, r.value.text) for r in s.rows]) for s in box.subtables] == [
        (("Taxonomy", "ID"), [("Cell Ontology (CL)", "CL:0000100")]),
        (("Gene", "Function"), [("SCA1", "ATXN1")]),
        (("Drug", "Mechanism"), [("NCT04480350", "AAV")]),
    ]
    assert box.subtables[0].rows[0].value.links[0].curie == "CL:0000100"
    check_spans(doc, box)


@pytest.mark.parametrize(
    ("label", "value", "header"),
    [
        ("Taxonomy", "ID", True),
        ("Nucleus", "CN", True),
        ("Species", "Conservation Level", True),
        ("Database", "ID", True),
        ("Stage", "Region", True),
        ("Tissue", "Expression Level", True),
        ("Protein", "Role", True),  # an unknown pair of column-header words
        ("SCA1", "ATXN1", False),
        ("NCT04480350", "AAV", False),
        ("Type", "Cell Type", False),
        ("Gene", "SOD1", False),
        ("Stage 1", "Region", False),
        ("Drug Class", "Antisense oligonucleotide", False),
        ("Location", "Location", False),
    ],
)
def test_header_pair_rule(label: str, value: str, header: bool) -> None:
    assert is_header_pair(label, value) is header


def test_subheader_th_starts_a_subtable() -> None:
    doc, box, _ = read(
        '<table class="infobox infobox-gene">\n<tr><th class="infobox-header">TREM2</th></tr>\n'
        '<tr><td class="label">Symbol</td><td>TREM2</td></tr>\n'
        '<tr><th class="infobox-subheader" colspan="2">Key Mutations</th></tr>\n'
        '<tr><td colspan="2">R47H, R62H</td></tr>\n</table>\n'
    )
    assert box.title == "TREM2"
    assert rows(box) == [("Symbol", "TREM2")]
    (sub,) = box.subtables
    assert sub.header == ("Key Mutations", "")
    assert [(r.label.text, r.value.text) for r in sub.rows] == [("", "R47H, R62H")]
    check_spans(doc, box)


def test_div_variant() -> None:
    doc, box, _ = read(
        '<div class="infobox infobox-cell">\n<div class="infobox-header">Oligodendrocytes</div>\n'
        '<div class="infobox-row"><span class="infobox-label">Category</span>'
        '<span class="infobox-value"><span>Glia</span>, macroglia</span></div>\n</div>\nText\n'
    )
    assert (box.kind, box.title) == ("cell", "Oligodendrocytes")
    assert rows(box) == [("Category", "Glia, macroglia")]
    assert box.source.endswith("</div>")
    check_spans(doc, box)


def test_unclosed_table_at_the_end_is_partial() -> None:
    doc, box, problems = read(
        'Intro\n<table class="infobox infobox-cell">\n<tr><td class="label">Category</td>'
        '<td>Glia</td></tr>\n<tr>\n<td class="label">Location</td>\n<td>Ventricular'
    )
    assert box.complete is False
    assert problems == ["unclosed-table"]
    assert rows(box) == [("Category", "Glia"), ("Location", "Ventricular")]
    check_spans(doc, box)


def test_table_cut_mid_tag_and_followed_by_prose() -> None:
    _, box, problems = read(
        '<table class="infobox infobox-cell">\n<tr><td class="label">A</td><td>1</td></tr>\n'
        "Overview\nProse after a table that never closed.\n"
    )
    assert (box.complete, problems, rows(box)) == (False, ["unclosed-table"], [("A", "1")])
    assert box.span.last_line == 2
    _, box, problems = read('<table class="infobox">\n<tr><td class="label">A</td><td')
    assert (box.complete, problems, box.kind) == (False, ["unclosed-table"], "table")


def test_prism_flattened_rows() -> None:
    text = (
        "Cell Ontology (CL) [CL:0000129](http://purl.obolibrary.org/obo/CL_0000129)\n"
        "Category Immune cell\nGene Function\nTREM2 Triggering receptor on myeloid cells 2\n"
        "APOE Lipid transport\nOverview\nMicroglia are cells.\n"
    )
    doc = Document(Page.from_text(text))
    (box,) = find_prism_infobox(doc, doc.lines).infoboxes
    assert box.kind == "prism"
    assert rows(box) == [("Cell Ontology (CL)", "CL:0000129"), ("Category", "Immune cell")]
    (sub,) = box.subtables
    assert sub.header == ("Gene", "Function")
    assert [(r.label.text, r.value.text) for r in sub.rows] == [
        ("TREM2", "Triggering receptor on myeloid cells 2"),
        ("APOE", "Lipid transport"),
    ]
    assert box.span.last_line == 5
    check_spans(doc, box)


def test_entity_key_value_table() -> None:
    text = "Intro\n| Name | NEURONS |\n| Key Genes/Proteins | APP, MAPT |\nAfter\n"
    doc = Document(Page.from_text(text))
    (box,) = find_entity_infobox(doc, doc.lines).infoboxes
    assert (box.kind, rows(box)) == (
        "entity",
        [("Name", "NEURONS"), ("Key Genes/Proteins", "APP, MAPT")],
    )
    check_spans(doc, box)


def test_a_long_line_with_unclosed_angle_brackets_stays_linear() -> None:
    """Many ``<`` without a ``>`` nearby: each ``>`` is looked up once, not once per ``<``."""
    cell = '<tr><td class="label">L</td><td>v < w <b>x</b> [@k]</td></tr>'

    def scan_of(n: int) -> object:
        junk = "a <x " * (100 * n)  # "<x" whose ">" is the table's last character
        text = '<table class="infobox infobox-cell">' + cell * n + junk + "</table>"
        doc = Document(Page.from_text(text))
        return find_infoboxes(doc, doc.lines)

    assert_linear(scan_of, 500)
    scan = scan_of(2_000)
    assert isinstance(scan, InfoboxScan)
    (box,) = scan.infoboxes
    assert len(box.rows) == 2_000
    assert len(box.citations) == 2_000
    assert box.complete


def test_a_quoted_gt_inside_an_attribute_does_not_end_the_tag() -> None:
    """Regression: ``title="a>b"`` used to end the tag at its ``>``, giving the label ``b">Category``."""
    text = (
        '<table class="infobox infobox-cell">\n'
        '<tr><td class="label" title="a>b">Category</td><td>Motor neuron</td></tr>\n'
        "<tr><td class='label' title='x>y>z'>Location</td><td>Spinal cord</td></tr>\n"
        "</table>\n"
    )
    doc = Document(Page.from_text(text))
    (box,) = find_infoboxes(doc, doc.lines).infoboxes
    assert [(r.label.text, r.value.text) for r in box.rows] == [
        ("Category", "Motor neuron"),
        ("Location", "Spinal cord"),
    ]
