"""`kg diagram --compare` on fixture pages with Mermaid diagrams in each form, built for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ground.vocabulary import shipped_vocabularies
from kg.network import Network, compare_diagram, open_network
from kg.parse import parse_file
from tests.conftest import PAGE_FIXTURES_DIR
from tests.network.conftest import FIXTURES

#: One page per Mermaid form (docs/page-format.md), plus a page whose text and diagram overlap.
FORMS = {
    "multiline": PAGE_FIXTURES_DIR / "mermaid_multiline.txt",
    "oneline": PAGE_FIXTURES_DIR / "mermaid_oneline.txt",
    "fenced": PAGE_FIXTURES_DIR / "mermaid_fenced.txt",
    "broken": PAGE_FIXTURES_DIR / "mermaid_broken.txt",
    "inline (prism)": PAGE_FIXTURES_DIR / "prism_view.txt",
    "history json": PAGE_FIXTURES_DIR / "history_view.txt",
    "entity page": PAGE_FIXTURES_DIR / "entity_page.txt",
}
OVERLAP = FIXTURES / "pages" / "oligodendrocytes_compare.txt"


@pytest.fixture(scope="module")
def pages_net(tmp_path_factory: pytest.TempPathFactory) -> Network:
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("compare-build") / "build"
    result = build([*FORMS.values(), OVERLAP], out=out)
    assert not result.failed
    return open_network(out)


def _topic(net: Network, path: Path) -> str:
    pages = net.graph.graph["pages"].values()
    (page,) = [p for p in pages if Path(p.source_file or "").resolve() == path.resolve()]
    assert page.topic is not None
    return page.topic


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_drawn_edge_is_compared(pages_net: Network, form: str) -> None:
    path = FORMS[form]
    cmp = compare_diagram(pages_net, _topic(pages_net, path))
    drawn = {
        (e.span.first_line, " ".join(e.label.split()).casefold())
        for d in parse_file(path).diagrams
        for e in d.edges
        if e.label and e.label.strip() and e.source_id != e.target_id
    }
    assert drawn, "the fixture draws labelled edges"
    compared = {
        (int(w.rsplit(":", 1)[1]), e.label.casefold())
        for e in (*cmp.page_only, *cmp.both)
        for w in e.where
    }
    assert compared == drawn
    assert all(
        Path(w.rsplit(":", 1)[0]).resolve() == path.resolve()
        for e in cmp.page_only
        for w in e.where
    )


def test_diagram_and_text_overlap(pages_net: Network) -> None:
    cmp = compare_diagram(pages_net, _topic(pages_net, OVERLAP))
    both = {(e.subject_label, e.label, e.object_label) for e in cmp.both}
    page_only = {(e.subject_label, e.label, e.object_label.casefold()) for e in cmp.page_only}
    graph_only = {(e.subject_label, e.label, e.object_label) for e in cmp.graph_only}
    # MBP: the infobox marker and the drawn edge; SOD1 causes ALS: this page draws it and so
    # does mermaid_multiline.txt (N3 -->|"causes"| N2): the whole graph has it
    assert 'N3 -->|"causes"| N2' in FORMS["multiline"].read_text("utf-8")
    # the page's entity is CL:0000128: the diagram names it by the class's own label, never by
    # the page's title "Oligodendrocytes" (issue 10: a page never renames an ontology class)
    record = shipped_vocabularies().record("CL:0000128")
    assert record is not None
    assert both == {
        (record.label, "expresses", "MBP"),
        ("SOD1", "causes", "amyotrophic lateral sclerosis"),
    }
    assert page_only == set()
    assert (record.label, "expresses", "PLP1") in graph_only  # infobox only
    assert not cmp.agrees
