"""The page reader on the two seeds and on the orchestration rules (copies, chrome, lists, roles)."""

from __future__ import annotations

from functools import cache

import pytest

from kg.errors import PageReadError
from kg.pages import Page, read_page
from kg.parse import parse_file, parse_page
from kg.parse.model import Infobox, InfoboxRow, LineRole, ParsedPage, Shell
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR, line_count, line_of
from tests.linearity import assert_linear

CL_MOTOR_NEURON = "CL:0000100"
CL_BRAINSTEM_MOTOR_NEURON = "CL:2000047"
IPSC_INFOBOX_CITATIONS = ["donnelly2013", "kalkonde2022", "kino2015", "schizopoulos2024"]


@cache
def motor_neurons() -> ParsedPage:
    return parse_file(MOTOR_NEURONS_SEED)


@cache
def ipsc() -> ParsedPage:
    return parse_file(IPSC_SEED)


def subtable_rows(box: Infobox, header: tuple[str, str]) -> list[tuple[str, str]]:
    (sub,) = [s for s in box.subtables if s.header == header]
    return [(r.label.text, r.value.text) for r in sub.rows]


def every_row(box: Infobox) -> list[InfoboxRow]:
    return [*box.rows, *(r for s in box.subtables for r in s.rows)]


# -- Motor Neurons ----------------------------------------------------------------------------


def test_motor_neurons_page() -> None:
    p = motor_neurons()
    assert p.shell is Shell.CITE
    assert p.title == "Motor Neurons"
    assert p.copies == 2
    assert p.url == "http://scidex.ai/artifact/wiki-cell-types-motor-neurons"
    assert p.slug == "cell-types-motor-neurons"
    assert p.entity_type == "cell"
    assert [pr.code for pr in p.problems] == ["truncated-copy"]


def test_motor_neurons_metadata() -> None:
    meta = motor_neurons().metadata
    assert meta is not None and meta.form == "pipe"
    assert meta.get("slug") == "cell-types-motor-neurons"
    assert meta.get("wiki_page_id") == "wp-2643c9649cff"
    assert meta.get("entity_type") == "cell"
    assert meta.get("kg_node_id") == "None"
    assert meta.merged_from == (
        ("merged_at", "2026-05-13"),
        ("unprefixed_id", "cell-types-motor-neurons"),
    )
    assert (meta.span.first_line, meta.span.last_line) == (363, 370)


def test_motor_neurons_infobox() -> None:
    p = motor_neurons()
    (box,) = p.infoboxes
    assert (box.kind, box.title, box.complete) == ("cell", "Motor Neurons", True)
    # the complete copy: its second infobox, up to the first closing tag
    assert box.span.first_line == line_of(MOTOR_NEURONS_SEED, '<table class="infobox', 2)
    assert box.span.last_line == line_of(MOTOR_NEURONS_SEED, "</table>")
    (cl_row,) = [r for r in every_row(box) if r.label.text == "Cell Ontology (CL)"]
    assert [link.curie for link in cl_row.value.links] == [CL_MOTOR_NEURON]
    assert cl_row.value.text == CL_MOTOR_NEURON
    assert [s.header for s in box.subtables] == [
        ("Taxonomy", "ID"),
        ("Nucleus", "CN"),
        ("Drug", "Mechanism"),
        ("Species", "Conservation Level"),
    ]
    assert cl_row.subtable == box.subtables[0].id
    assert subtable_rows(box, ("Drug", "Mechanism")) == [
        ("Riluzole", "Glutamate inhibition"),
        ("Edaravone", "Free radical scavenger"),
        ("AMX0035 (Relyvrio)", "Mitochondrial/ER protection"),
        ("Tofersen (SOD1-ALS)", "Antisense oligonucleotide"),
    ]
    assert subtable_rows(box, ("Species", "Conservation Level")) == [
        ("Mouse", "High"),
        ("Human", "Reference"),
        ("Macaque", "High"),
        ("Zebra finch", "Moderate"),
    ]
    nuclei = subtable_rows(box, ("Nucleus", "CN"))
    assert len(nuclei) == 8  # eight nuclei; Ambiguus carries two nerves, so III-XII are nine
    nerves = [n.strip() for _, value in nuclei for n in value.split(",")]
    assert nerves == ["III", "IV", "V", "VI", "VII", "IX", "X", "XI", "XII"]
    assert nuclei[0] == ("Oculomotor", "III")
    assert nuclei[-1] == ("Hypoglossal", "XII")
    assert ("Ambiguus", "IX, X") in nuclei


def test_motor_neurons_truncated_copy_is_superseded_once() -> None:
    p = motor_neurons()
    superseded = p.lines_with(LineRole.SUPERSEDED)
    assert superseded == tuple(range(4, 79))
    assert p.lines[78] is LineRole.CHROME  # line 79: the title again, where the copy restarts
    (problem,) = p.problems
    assert problem.line == 4 and problem.span is not None and problem.span.last_line == 78
    riluzole = [r for r in every_row(p.infoboxes[0]) if r.label.text == "Riluzole"]
    assert len(riluzole) == 1
    assert not [el.id for el in p.elements() if el.span.first_line in superseded]


def test_motor_neurons_ids_citations_and_accounting() -> None:
    p = motor_neurons()
    assert {link.curie for link in p.links if link.curie} == {
        CL_MOTOR_NEURON,
        CL_BRAINSTEM_MOTOR_NEURON,
    }
    assert [c.key for c in p.citations] == [
        "william2003",
        "pfaff1996",
        "arlotta2008",
        "neumann2006",
        "rosen1993",
        "bensimon1994",
        "finkel2017",
    ]
    infobox_link = p.infoboxes[0].subtables[0].rows[0].value.links[0]
    assert infobox_link in p.links
    last = line_count(MOTOR_NEURONS_SEED)
    assert len(p.lines) == last
    assert p.lines[0] is LineRole.CHROME and p.lines[1] is LineRole.USED
    first_tail = line_of(MOTOR_NEURONS_SEED, "No provenance edges found")
    assert first_tail == last - 4  # provenance note, embed snippet, trailing link and URL
    for n in range(first_tail, last + 1):
        assert p.lines[n - 1] is LineRole.CHROME, n


# -- iPSC-Derived Motor Neurons ---------------------------------------------------------------


def test_ipsc_page_and_infobox() -> None:
    p = ipsc()
    assert (p.shell, p.copies, p.slug) == (Shell.CITE, 2, "cell-types-ipsc-derived-motor-neurons")
    assert p.metadata is not None and p.metadata.get("wiki_page_id") == "wp-aba2c665cff9"
    (box,) = p.infoboxes
    assert box.kind == "celltype"
    assert box.span.first_line == 34  # after the glued "...iPSC-Derived Motor Neurons"
    values = {r.label.text: r.value.text for r in every_row(box)}
    assert values["Lineage"] == "Stem Cell > iPSC > Motor Neuron"
    assert values["Markers"] == "CHAT, ISL1, HB9, SMI-32, TUBB3"
    assert values["Protocol"] == "Directed Differentiation (21-30 days)"
    assert [c.key for c in box.citations] == IPSC_INFOBOX_CITATIONS
    lineage = next(r for r in box.rows if r.label.text == "Lineage")
    assert {c.attached_to for c in box.citations} == {lineage.id}
    assert all(c in p.citations for c in box.citations)


def test_ipsc_glued_restart_line_and_markers_table() -> None:
    p = ipsc()
    assert p.lines_with(LineRole.SUPERSEDED) == tuple(range(4, 33))
    assert p.lines[32] is LineRole.CHROME  # "...iPSC-Derived Motor Neurons"
    keys = [c.key for c in p.citations]
    assert keys.count("donnelly2013") == 2  # once in the infobox, once in a bullet: not 3
    markers = next(t for t in p.tables if t.header == ("Marker", "Type", "Function"))
    assert [tuple(c.text for c in r.cells) for r in markers.rows] == [
        ("HB9 (MNX1)", "Transcription Factor", "Motor neuron specification"),
        ("ISL1", "Transcription Factor", "Motor neuron survival"),
        ("CHAT", "Enzyme", "Acetylcholine synthesis"),
        ("SMI-32", "Neurofilament", "Axonal integrity"),
        ("TUBB3 (βIII-tubulin)", "Cytoskeleton", "Neuronal identity"),
        ("MAP2", "Cytoskeleton", "Dendritic marking"),
    ]
    assert [h for h in (s.heading for s in p.sections) if h == "Introduction"] == ["Introduction"]


# -- orchestration ----------------------------------------------------------------------------


def test_links_and_citations_are_listed_once_in_page_order() -> None:
    for p in (motor_neurons(), ipsc()):
        for items in (p.links, p.citations):
            ids = [x.id for x in items]
            assert len(ids) == len(set(ids))
            starts = [x.span.start for x in items]
            assert starts == sorted(starts)


def test_not_a_scidex_page_gives_a_partial_result() -> None:
    p = parse_page(Page.from_text("Lab notes\n\nWe met on Monday.\n- buy tips\n"))
    assert p.shell is Shell.UNKNOWN and p.title is None
    assert [pr.code for pr in p.problems] == ["not-scidex-page"]
    assert LineRole.UNUSED not in p.lines[1:2]


@pytest.mark.parametrize("name", ["card_shell.txt", "history_view.txt", "prism_view.txt"])
def test_every_shell_fixture_reads_title_and_a_box(name: str) -> None:
    p = parse_file(PAGE_FIXTURES_DIR / name)
    assert p.title and p.infoboxes
    assert not p.lines_with(LineRole.UNUSED) or name == "prism_view.txt"


def test_history_view_title_metadata_and_roles() -> None:
    p = parse_file(PAGE_FIXTURES_DIR / "history_view.txt")
    assert p.shell is Shell.HISTORY
    assert p.entity_type == "gene"
    assert p.slug == "genes-trem2"  # the JSON "id", which is the page slug
    assert p.metadata is not None and p.metadata.form == "json"
    assert p.lines[0] is LineRole.CHROME and p.lines[-1] is LineRole.CHROME  # "{" and "}"
    assert p.title_span is not None and p.title_span.first_line == 5


def test_unrecognised_lines_stay_unused() -> None:
    text = "SciDEX navigation bar\nEntity Detail — Knowledge Graph Node\n| Name | TDP-43 |\n"
    p = parse_page(Page.from_text(text))
    assert p.shell is Shell.ENTITY and p.title == "TDP-43"
    assert p.lines == (LineRole.UNUSED, LineRole.CHROME, LineRole.USED)
    history = '{\n  "tags": ["a", "b"],\n  "content_md": "# T\\n\\nText."\n}\n'
    p = parse_page(Page.from_text(history))
    assert p.lines == (LineRole.CHROME, LineRole.UNUSED, LineRole.USED, LineRole.CHROME)


def test_bad_input_raises_page_read_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"text\n\x00\x01")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("ok\nMotor neurons caf\u00e9\n".encode("latin-1"))
    for path, line in ((empty, 1), (binary, 2), (latin, 2)):
        with pytest.raises(PageReadError) as info:
            parse_file(path)
        assert info.value.line == line
        assert str(path) in str(info.value)


def test_unclosed_table_at_the_end_warns() -> None:
    text = (
        '📗 Cite This Artifact\nEpendymal Cells\nEpendymal Cells\n<table class="infobox">\n<tr><td'
    )
    p = parse_page(Page.from_text(text))
    assert [pr.code for pr in p.problems] == ["unclosed-table"]
    assert p.infoboxes[0].complete is False


def test_parsing_scales_with_the_number_of_pages() -> None:
    """Parsing the seed n times costs n times one parse (no state grows between pages);
    the per-page time itself is measured by benchmarks/bench_parse.py."""
    page = read_page(MOTOR_NEURONS_SEED)
    assert_linear(lambda n: [parse_page(page) for _ in range(n)], 2)


def _long_line(n: int) -> Page:
    return Page.from_text("📗 Cite This Artifact\nT\nT\n" + "Motor neurons fire. " * n)


def test_a_long_line_is_read_in_linear_time() -> None:
    assert_linear(lambda n: parse_page(_long_line(n)), 25_000)
    p = parse_page(_long_line(100_000))
    assert p.shell is Shell.CITE and len(p.lines) == 4
    assert p.lines[3] is LineRole.USED
