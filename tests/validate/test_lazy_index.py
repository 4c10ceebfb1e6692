"""kg.validate.locate.LazyIndex: a page graph's index made only when a finding needs it, and
then the very index (same names, same locations) the eager build gives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.validate.locate import LazyIndex, PageIndex
from kg.validate.source import PageInfo, dataset_path, read_dataset


def _counting(
    page: PageInfo, triples: Sequence[ox.Triple], made: list[str]
) -> Callable[[], PageIndex]:
    def make() -> PageIndex:
        made.append(page.graph)
        return PageIndex.build(page.page_iri, page.source_file, triples)

    return make


def test_an_index_is_made_once_and_only_when_asked(seed_build: Path) -> None:
    data = read_dataset(dataset_path(seed_build))
    made: list[str] = []
    for page in data.pages:
        triples = data.graphs[page.graph]
        lazy = LazyIndex(_counting(page, triples, made))
        assert page.graph not in made  # not by LazyIndex() itself
        eager = PageIndex.build(page.page_iri, page.source_file, triples)
        nodes = sorted({t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)})
        assert len(nodes) > 50
        for node in nodes:
            assert lazy.label(node) == eager.label(node)
            assert lazy.locate(node) == eager.locate(node)
        assert made.count(page.graph) == 1  # made at the first question, then kept
