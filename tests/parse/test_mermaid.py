"""Mermaid diagrams in every form SciDEX pages show, and broken ones reported, not guessed."""

from __future__ import annotations

from kg.pages import Page, read_page
from kg.parse.document import Document
from kg.parse.history import history_document
from kg.parse.mermaid import DiagramScan, find_diagrams
from kg.parse.model import LineRole, MermaidDiagram
from tests.conftest import PAGE_FIXTURES_DIR
from tests.linearity import assert_linear


def _scan_text(text: str) -> tuple[Document, DiagramScan]:
    doc = Document(Page.from_text(text))
    return doc, find_diagrams(doc, doc.lines)


def _scan_fixture(name: str) -> tuple[Document, DiagramScan]:
    doc = Document(read_page(PAGE_FIXTURES_DIR / name))
    return doc, find_diagrams(doc, doc.lines)


def _check_spans(doc: Document, scan: DiagramScan) -> None:
    text = doc.page.text
    for d in scan.diagrams:
        for el in (d, *d.nodes, *d.edges):
            assert text[el.span.start : el.span.end] == el.source, el
        ids = [el.id for el in (*d.nodes, *d.edges)]
        assert len(ids) == len(set(ids))


def _edges(d: MermaidDiagram) -> list[tuple[str, str | None, str]]:
    return [(e.source_id, e.label, e.target_id) for e in d.edges]


def _labels(d: MermaidDiagram) -> dict[str, str]:
    return {n.node_id: n.label for n in d.nodes}


def test_multiline_with_numbered_ids_and_style_line() -> None:
    doc, scan = _scan_fixture("mermaid_multiline.txt")
    _check_spans(doc, scan)
    (d,) = scan.diagrams
    assert (d.form, d.direction) == ("multiline", "TD")
    assert [n.node_id for n in d.nodes] == [f"N{i}" for i in range(9)]
    assert _labels(d)["N0"] == "Betz Cells" and _labels(d)["N7"] == "Riluzole"
    assert ("N1", "expressed in", "N0") in _edges(d)
    assert ("N7", "therapeutic target", "N6") in _edges(d)
    assert _edges(d).count(("N0", "associated with", "N2")) == 2  # repeats kept as written
    style_line = next(ln for ln in doc.lines if ln.text.strip().startswith("style N0"))
    assert style_line.index in scan.used
    assert d.span.last_line == style_line.index + 1
    assert scan.problems == () and d.problems == ()
    assert doc.final_roles()[style_line.index] is LineRole.USED


def test_whole_diagram_on_one_line() -> None:
    doc, scan = _scan_fixture("mermaid_oneline.txt")
    _check_spans(doc, scan)
    (d,) = scan.diagrams
    assert d.form == "oneline" and d.span.first_line == d.span.last_line
    assert ("ASTROGLIA", "expresses", "C3") in _edges(d)
    assert ("P62", "expressed in", "astroglia") in _edges(d)
    # ids differ in case only: three distinct nodes, each with its own label
    assert {"ASTROGLIA", "Astroglia", "astroglia"} <= set(_labels(d))
    assert len(scan.used) == 1


def test_fenced_with_sanitised_ids_hypothesis_stadium_and_dotted() -> None:
    doc, scan = _scan_fixture("mermaid_fenced.txt")
    _check_spans(doc, scan)
    (d,) = scan.diagrams
    assert d.form == "fenced" and d.source.startswith("```mermaid") and d.source.endswith("```")
    labels = _labels(d)
    assert labels["TDP_43"] == "TDP-43"
    assert labels["Alzheimer_s_Disease"] == "Alzheimer's Disease"
    assert labels["h_7e846ceb"] == "h-7e846ceb"
    apoe4 = next(n for n in d.nodes if n.node_id == "APOE4")
    assert (apoe4.shape, apoe4.source) == ("stadium", 'APOE4(["APOE4"])')
    dotted = next(e for e in d.edges if e.style == "dotted")
    assert (dotted.source_id, dotted.label, dotted.target_id) == ("TDP_43", "inhibits", "STMN2")
    assert ("h_7e846ceb", "targets gene", "TDP_43") in _edges(d)
    assert scan.problems == ()


def test_broken_diagram_is_reported_not_guessed() -> None:
    doc, scan = _scan_fixture("mermaid_broken.txt")
    _check_spans(doc, scan)
    (d,) = scan.diagrams
    codes = {p.code for p in scan.problems}
    assert {
        "mermaid-self-loop",
        "mermaid-unlabelled-edge",
        "mermaid-undeclared-node",
        "mermaid-unclosed-subgraph",
    } <= codes
    assert ("M", "regulates", "M") in _edges(d)  # the self-loop is kept, and reported
    assert ("GC", None, "A") in _edges(d)  # unlabelled: label None, never invented
    gc = next(n for n in d.nodes if n.node_id == "GC")
    assert (gc.label, gc.shape) == ("GC", "bare")
    assert all(p.line is not None for p in scan.problems)
    assert len(d.problems) == len(scan.problems)


def test_entity_page_declarations_then_bare_edges() -> None:
    doc, scan = _scan_fixture("entity_page.txt")
    _check_spans(doc, scan)
    (d,) = scan.diagrams
    assert _labels(d)["PARKINSON_S_DISEASE"] == "PARKINSON'S DISEASE"
    assert {n.shape for n in d.nodes} == {"box", "stadium"}
    assert ("NEURONS", "inhibits", "STING") in _edges(d)
    assert scan.problems == ()


def test_history_view_fence_inside_escaped_json() -> None:
    page = read_page(PAGE_FIXTURES_DIR / "history_view.txt")
    view = history_document(page)
    assert view is not None
    doc = view.document
    scan = find_diagrams(doc, doc.lines)
    _check_spans(doc, scan)
    (d,) = scan.diagrams
    assert ("TREM2", "risk factor for", "Alzheimer_s_Disease") in _edges(d)
    assert d.edges[0].source.startswith('TREM2[\\"TREM2\\"]')  # the raw, escaped text


def test_statement_forms() -> None:
    text = (
        "flowchart LR\n"
        '  A["Alpha"] -->|activates| B("Beta") ==> C{"Gamma"}\n'
        "  A & B -- causes --> D((Delta))\n"
        '  D -.-> E>"Eps"]\n'
        "  classDef hot fill:#f96,stroke:#333\n"
        "  class A,B hot\n"
        "  linkStyle 0 stroke:#ff3,stroke-width:4px\n"
        "  %% a comment\n"
        "Next paragraph of prose.\n"
    )
    doc, scan = _scan_text(text)
    _check_spans(doc, scan)
    (d,) = scan.diagrams
    assert d.direction == "LR"
    assert [(e.source_id, e.label, e.target_id, e.style) for e in d.edges] == [
        ("A", "activates", "B", "solid"),
        ("B", None, "C", "thick"),
        ("A", "causes", "D", "solid"),
        ("B", "causes", "D", "solid"),
        ("D", None, "E", "dotted"),
    ]
    shapes = {n.node_id: n.shape for n in d.nodes}
    assert shapes == {"A": "box", "B": "round", "C": "rhombus", "D": "circle", "E": "asymmetric"}
    assert scan.used == frozenset(range(8))  # the prose line after it is not taken
    assert [p.code for p in scan.problems] == ["mermaid-unlabelled-edge"] * 2


def test_first_label_wins_and_conflicts_are_reported() -> None:
    _, scan = _scan_text('graph TD\nX["TDP-43"] --> |"drives"| Y["ALS"]\nX["TARDBP"]\n')
    (d,) = scan.diagrams
    assert _labels(d)["X"] == "TDP-43"
    assert [p.code for p in scan.problems] == ["mermaid-label-conflict"]


def test_stray_end_unsupported_and_unclosed_fence() -> None:
    _, scan = _scan_text("graph TD\nA --> B\nend\n")
    assert "mermaid-stray-end" in {p.code for p in scan.problems}
    _, scan = _scan_text("```mermaid\nsequenceDiagram\nA->>B: hi\n```\n")
    (d,) = scan.diagrams
    assert d.nodes == () and [p.code for p in scan.problems] == ["mermaid-unsupported"]
    _, scan = _scan_text('```mermaid\ngraph TD\nA["a"] -->|"x"| B["b"]\nProse after.\n')
    (d,) = scan.diagrams
    assert _edges(d) == [("A", "x", "B")]
    assert "mermaid-unclosed-fence" in {p.code for p in scan.problems}
    assert 3 not in scan.used


def test_syntax_errors_keep_what_was_read() -> None:
    _, scan = _scan_text('graph TD\nA["a"] -->|"x"| B["b"] --> \nC["unclosed\n')
    (d,) = scan.diagrams
    assert _edges(d) == [("A", "x", "B")]
    assert [p.code for p in scan.problems] == ["mermaid-syntax", "mermaid-syntax"]


def test_inline_form_after_prose_and_prose_mentioning_graphs() -> None:
    _, scan = _scan_text('Diagram: graph TD A["a"] -->|"x"| B["b"]\n')
    (d,) = scan.diagrams
    assert d.form == "inline" and d.source.startswith("graph TD")
    _, scan = _scan_text("The knowledge graph TD analysis shows links.\nflowchart\n")
    assert scan.diagrams == ()


def test_long_one_line_diagram_is_linear() -> None:
    def make(n: int) -> str:
        body = "".join(
            f'N{i}["Node {i}"] -->|"activates"| N{i + 1}["Node {i + 1}"] ' for i in range(n)
        )
        return "flowchart TD " + body + "\n"

    assert_linear(lambda n: _scan_text(make(n)), 1_000)
    _, scan = _scan_text(make(10_000))
    (d,) = scan.diagrams
    assert len(d.edges) == 10_000 and len(d.nodes) == 10_001
