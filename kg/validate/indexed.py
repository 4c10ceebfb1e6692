"""Reading a build through its index: no scan of ``dataset.nq``, no parse of a graph seen before.

kg.validate.source scans the whole dataset to find each graph and its page node, feeding
:class:`kg.validate.units.Linked` as it goes. When the build left an index of the file that
still describes it (kg.store.dataset_index) and the result cache is on, the graphs are found
from the index instead, and each page graph's part of that scan comes from its
:class:`~kg.validate.graph_summary.Summary`, stored under the graph's digest: only the graphs
whose content changed since the last run are parsed (and the terms and build graphs, which
every unit needs). The result, :class:`Indexed`, is the same :class:`BuildData` and the same
Linked lines as the scan's.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from kg import vocab as v
from kg.store.dataset import Span
from kg.store.dataset_index import read_index
from kg.validate import graph_summary as gs
from kg.validate.result_cache import ResultCache
from kg.validate.source import (
    TERMS_GRAPHS,
    BuildData,
    DatasetGraphs,
    PageInfo,
    PageNode,
    graph_key,
    page_infos,
)
from kg.validate.units import Linked


@dataclass(frozen=True, slots=True, kw_only=True)
class Indexed:
    """A build read through its index: its data, and what made each page graph's summary."""

    data: BuildData
    graphs: DatasetGraphs
    digests: dict[str, str]  # graph -> the index's digest of its content
    activity: str
    inverse: frozenset[str]
    witness: frozenset[str]
    cache: ResultCache
    made: list[str]  # the graphs summarized (parsed) in this run, in order

    def links(self, graph: str) -> gs.Links:
        """What the first pass needs of ``graph``: stored, or made (see :meth:`summarize`)."""
        keys = self._keys(graph)
        found = gs.read_links(self.cache, keys[0], graph, self.activity)
        return found if found is not None else self.summarize(graph, keys).links

    def own(self, graph: str) -> gs.Own:
        """What the second pass needs of ``graph``: stored, or made (see :meth:`summarize`)."""
        keys = self._keys(graph)
        found = gs.read_own(self.cache, keys[1], graph, self.activity)
        return found if found is not None else self.summarize(graph, keys).own

    def summarize(self, graph: str, keys: tuple[str, str]) -> gs.Summary:
        """The summary of ``graph`` made from the graph (parsed), and stored."""
        quads = self.graphs[graph]
        if any(graph_key(q) != graph for q in quads):
            raise IndexMismatch(graph)
        found = gs.summarize(quads, self.graphs.nt_lines(graph), self.inverse, self.witness)
        self.made.append(graph)
        gs.write(self.cache, keys, graph, found, self.activity)
        return found

    def stored(self, graph: str) -> bool:
        """Whether both parts of ``graph``'s summary have an entry (damaged or not)."""
        return all(self.cache.has(key) for key in self._keys(graph))

    def _keys(self, graph: str) -> tuple[str, str]:
        digest = self.digests[graph]
        links, own = (
            gs.summary_key(graph, digest, self.inverse, self.witness, part) for part in gs.PARTS
        )
        return links, own

    def known(self, graph: str) -> tuple[str, tuple[str, ...]]:
        """The index's digest of ``graph`` and the nodes it names (for
        kg.validate.ontology_checks, whose cache key needs no more)."""
        return self.digests[graph], self.own(graph).nodes


def read_indexed(
    dataset: Path,
    linked: Linked,
    cache: ResultCache,
    *,
    sha256: str | None,
    activity: str,
    jobs: int = 1,
) -> Indexed | None:
    """The build through its index, feeding ``linked`` as the scan would; None when there is
    no usable index (then the caller scans). ``sha256``: the manifest's digest of the file;
    ``jobs``: processes to make the missing summaries in (:func:`_summarize_missing`)."""
    spans = read_index(dataset, sha256)
    if spans is None or not activity or not linked.minted_local:
        return None
    ix = _indexed(dataset, spans, cache, activity, linked.inverse, linked.witness)
    try:
        _summarize_missing(spans, ix, jobs)
        pages = _pages(spans, ix, linked)
    except IndexMismatch:
        return None  # the caller scans, with a Linked of its own
    return replace(ix, data=BuildData(graphs=ix.graphs, pages=pages))


def _indexed(
    dataset: Path,
    spans: Sequence[Span],
    cache: ResultCache,
    activity: str,
    inverse: frozenset[str],
    witness: frozenset[str],
) -> Indexed:
    """The graphs of ``spans`` in ``dataset``, before their pages are known."""
    # read_index found the index to describe this file as the manifest has it: kg wrote it
    graphs = DatasetGraphs(dataset, {s.graph: [(s.start, s.end)] for s in spans}, lenient=True)
    return Indexed(
        data=BuildData(graphs=graphs, pages=()),
        graphs=graphs,
        digests={s.graph: s.digest for s in spans},
        activity=activity,
        inverse=inverse,
        witness=witness,
        cache=cache,
        made=[],
    )


def _pages(spans: tuple[Span, ...], ix: Indexed, linked: Linked) -> tuple[PageInfo, ...]:
    """Feed ``linked`` from every graph (summaries for page graphs); the pages found."""
    nodes: dict[str, PageNode] = {}
    for span in spans:
        if _shared(span):
            for t in ix.graphs[span.graph]:
                if graph_key(t) != span.graph:
                    raise IndexMismatch(span.graph)
                linked.add(t)
            continue
        links = ix.links(span.graph)
        for node, p, line in links.linked:
            linked.note(node, p, line)
        if links.wiki_pages or links.about:
            nodes[span.graph] = PageNode(
                wiki_pages=list(links.wiki_pages),
                about={(s, p): value for s, p, value in links.about},
            )
    return page_infos(nodes)


def _summarize_missing(spans: tuple[Span, ...], ix: Indexed, jobs: int) -> None:
    """Make the summaries the cache lacks in ``jobs`` processes, before the first pass reads
    them: on a first run that is every page graph, and the first pass is serial (it feeds one
    Linked), so parsing them there left the other processes idle (at 18,434 pages, about a
    third of a cold validation). Fewer than a few per process are left to the first pass."""
    missing = [s for s in spans if not _shared(s) and not ix.stored(s.graph)]
    if jobs <= 1 or len(missing) < 4 * jobs:
        return
    build_dir = str(ix.cache.root.parent)
    tasks = [
        (str(ix.graphs.path), s, ix.activity, ix.inverse, ix.witness, build_dir) for s in missing
    ]
    chunk = max(1, min(32, len(tasks) // (jobs * 8)))
    with ProcessPoolExecutor(min(jobs, len(tasks))) as pool:
        for span, ok in zip(missing, pool.map(_summarize, tasks, chunksize=chunk), strict=True):
            if not ok:
                raise IndexMismatch(span.graph)
            ix.made.append(span.graph)


def _summarize(task: tuple[str, Span, str, frozenset[str], frozenset[str], str]) -> bool:
    """Process-pool task: make and store one graph's summary; False when its span holds
    another graph's statements."""
    dataset, span, activity, inverse, witness, build_dir = task
    cache = ResultCache(Path(build_dir))
    ix = _indexed(Path(dataset), (span,), cache, activity, inverse, witness)
    try:
        ix.summarize(span.graph, ix._keys(span.graph))
    except IndexMismatch:
        return False
    return True


class IndexMismatch(ValueError):
    """The index's span of a graph holds another graph's statements (the index was not written
    with this file): the dataset is scanned instead."""


def _shared(span: Span) -> bool:
    return span.graph in TERMS_GRAPHS or span.graph == v.BUILD_GRAPH
