"""The build as validation reads it: its quads grouped by named graph.

``build/dataset.nq`` is read with pyoxigraph's N-Quads parser (fast, streaming) and grouped by
graph; nothing is validated through the Oxigraph store (pyshacl over a pyoxigraph store is
slow and reports false ``sh:in`` failures, docs/performance-notes.md): each page becomes a
small in-memory rdflib graph later (kg.validate.units). An rdflib Dataset given to
:func:`kg.validate.validate_graph` is converted to the same form.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
import rdflib

from kg import vocab as v
from kg.errors import InputError

WIKI_PAGE = v.WIKI_PAGE
#: The terms graph (docs/rdf-layout.md), as a tuple for the places that iterate over it.
TERMS_GRAPHS = (v.TERMS_GRAPH,)
DEFAULT_GRAPH = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class PageInfo:
    """One page graph: its IRI, the page node and what the page node says about the file."""

    graph: str
    page_iri: str | None
    slug: str
    source_file: str | None
    sha256: str | None  # from dcterms:identifier, without "sha256:"


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildData:
    """Every triple of the build, by named graph ("" is the default graph).

    ``graphs`` is a dict for an in-memory dataset, and a :class:`DatasetGraphs` (each graph read
    from its byte ranges of ``dataset.nq`` when asked for) for a build, so that validation never
    holds the whole dataset in memory.
    """

    graphs: Mapping[str, tuple[ox.Triple, ...]]
    pages: tuple[PageInfo, ...]

    @property
    def terms_graph(self) -> tuple[ox.Triple, ...]:
        return tuple(t for g in TERMS_GRAPHS for t in self.graphs.get(g, ()))

    @property
    def build_graph(self) -> tuple[ox.Triple, ...]:
        return self.graphs.get(v.BUILD_GRAPH, ())

    @property
    def other_graphs(self) -> tuple[str, ...]:
        """Graphs that are neither a page graph nor the terms / build graph."""
        known = {p.graph for p in self.pages} | set(TERMS_GRAPHS) | {v.BUILD_GRAPH}
        return tuple(sorted(g for g in self.graphs if g not in known))


class DatasetGraphs(Mapping[str, tuple[ox.Triple, ...]]):
    """The graphs of an N-Quads file, each parsed from its byte ranges when asked for.

    The last few graphs asked for are kept (a unit and the ontology checks of one page ask in
    turn); nothing else of the file is held in memory.

    ``lenient``: for a file known to be the one a kg build wrote (its index and the manifest's
    digest say so: kg.validate.indexed), pyoxigraph skips checking each IRI again, as the
    build's store load does (kg.store.oxigraph.LENIENT: kg checked each IRI as it rendered it).
    The same quads, in half the parse time (2.01 against 1.05 ms a page graph, measured on 300
    graphs of a 2,000-page build); every page graph is read about three times a validation.
    """

    def __init__(
        self, path: Path, ranges: dict[str, list[tuple[int, int]]], *, lenient: bool = False
    ) -> None:
        self._path = path
        self._ranges = ranges
        self._lenient = lenient
        self._recent: OrderedDict[str, _Entry] = OrderedDict()

    def __getitem__(self, graph: str) -> tuple[ox.Triple, ...]:
        """The graph's statements. They are :class:`pyoxigraph.Quad` objects, which answer
        ``subject``, ``predicate`` and ``object`` like triples (making a Triple of each costs
        more than the parse)."""
        entry = self._entry(graph)
        if entry.quads is None:
            quads = ox.parse(entry.raw, format=ox.RdfFormat.N_QUADS, lenient=self._lenient)
            entry.quads = cast(tuple[ox.Triple, ...], tuple(quads))
        return entry.quads

    @property
    def path(self) -> Path:
        """The N-Quads file the graphs are read from."""
        return self._path

    def nt_lines(self, graph: str) -> list[str]:
        """The graph's lines as N-Triples, as the file has them (its graph term removed)."""
        raw = self.raw(graph)
        if graph:
            # no line has a newline inside (N-Quads escapes it), so " <graph> .\n" is found
            # only at the end of a line: when every line ends so, one replace strips them all
            text = raw.decode("utf-8")
            end = f" <{graph}> .\n"
            if text.endswith("\n") and text.count(end) == text.count("\n"):
                return text.replace(end, " .\n").split("\n")[:-1]
        return [f"{t.subject} {t.predicate} {t.object} ." for t in self[graph]]

    def raw(self, graph: str) -> bytes:
        """The graph's lines of the file (N-Quads), as they are (not parsed)."""
        return self._entry(graph).raw

    def _entry(self, graph: str) -> _Entry:
        """The graph's bytes (and quads, once parsed), read from the file when not recent."""
        found = self._recent.get(graph)
        if found is not None:
            self._recent.move_to_end(graph)
            return found
        with self._path.open("rb") as fh:
            chunks = []
            for start, end in self._ranges[graph]:
                fh.seek(start)
                chunks.append(fh.read(end - start))
        entry = _Entry(b"".join(chunks))
        self._recent[graph] = entry
        if len(self._recent) > _RECENT:
            self._recent.popitem(last=False)
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._ranges)

    def __len__(self) -> int:
        return len(self._ranges)


_RECENT = 4


class _Entry:
    """One graph read from the file: its bytes, and its quads once asked for."""

    __slots__ = ("quads", "raw")

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.quads: tuple[ox.Triple, ...] | None = None


def graph_bytes(graphs: Mapping[str, tuple[ox.Triple, ...]], graph: str) -> bytes:
    """A graph's statements as bytes that change when (and only when) they do: the file's
    lines for a build, sorted N-Triples for an in-memory dataset."""
    if isinstance(graphs, DatasetGraphs):
        return graphs.raw(graph)
    lines = sorted(f"{t.subject} {t.predicate} {t.object} ." for t in graphs.get(graph, ()))
    return "\n".join(lines).encode("utf-8")


def graph_key(q: ox.Quad | ox.Triple) -> str:
    """The name a statement's graph is known by here: its IRI, "" for the default graph."""
    g = q.graph_name if isinstance(q, ox.Quad) else None
    return g.value if isinstance(g, ox.NamedNode) else DEFAULT_GRAPH


_CHUNK = 1 << 22  # bytes parsed at a time while scanning


def read_dataset(path: Path, on_quad: Callable[[ox.Quad], None] | None = None) -> BuildData:
    """Scan ``dataset.nq`` once: where each graph's lines are, and the page graphs' page nodes.

    ``on_quad`` sees every quad of the scan (what else a caller needs from the whole dataset is
    gathered in the same pass, not in another parse). An error names the file and line of a
    malformed quad. A file whose lines are not one quad each (comments, blank lines: not
    written by kg) is read whole into memory instead.
    """
    try:
        scan = _scan(path, on_quad)
        if scan is None:
            with path.open("rb") as fh:
                quads = list(ox.parse(fh, format=ox.RdfFormat.N_QUADS))
            if on_quad is not None:
                for q in quads:
                    on_quad(q)
            return group_quads(quads)
    except SyntaxError as exc:
        raise InputError(f"malformed N-Quads: {exc}", path=path, line=exc.lineno) from None
    except OSError as exc:
        raise InputError(f"cannot read the dataset: {exc.strerror}", path=path) from None
    ranges, pages = scan
    graphs = DatasetGraphs(path, dict(sorted(ranges.items())))
    return BuildData(graphs=graphs, pages=page_infos(pages))


@dataclass(slots=True)
class PageNode:
    """What the scan keeps of one graph to find its page node (as :func:`_pages` would)."""

    wiki_pages: list[str] = field(default_factory=list)
    about: dict[tuple[str, str], str] = field(default_factory=dict)


_ABOUT = (v.DCTERMS_IDENTIFIER, v.SLUG, v.SOURCE_FILE)


def _scan(
    path: Path, on_quad: Callable[[ox.Quad], None] | None
) -> tuple[dict[str, list[tuple[int, int]]], dict[str, PageNode]] | None:
    ranges: dict[str, list[tuple[int, int]]] = {}
    nodes: dict[str, PageNode] = {}
    offset = 0
    line_no = 0
    with path.open("rb") as fh:
        rest = b""
        while True:
            block = fh.read(_CHUNK)
            data = rest + block
            cut = data.rfind(b"\n") + 1 if block else len(data)
            chunk, rest = data[:cut], data[cut:]
            if not chunk:
                break
            lines = chunk.split(b"\n")
            if lines and lines[-1] == b"":
                lines.pop()
            try:
                quads = list(ox.parse(chunk, format=ox.RdfFormat.N_QUADS))
            except SyntaxError as exc:
                line = line_no + exc.lineno if exc.lineno is not None else None
                raise SyntaxError(str(exc), (str(path), line, 0, "")) from None
            if len(quads) != len(lines):
                return None
            for q, raw in zip(quads, lines, strict=True):
                key = graph_key(q)
                spans = ranges.get(key)
                end = offset + len(raw) + 1
                if spans is None:
                    ranges[key] = [(offset, end)]
                elif spans[-1][1] == offset:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((offset, end))
                offset = end
                _note(nodes, key, q.subject, q.predicate.value, q.object)
                if on_quad is not None:
                    on_quad(q)
            line_no += len(lines)
            if not block:
                break
    return ranges, nodes


def _note(
    nodes: dict[str, PageNode],
    graph: str,
    s: ox.NamedNode | ox.BlankNode | ox.Triple,
    p: str,
    o: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple,
) -> None:
    if not isinstance(s, ox.NamedNode) or graph in TERMS_GRAPHS or graph == v.BUILD_GRAPH:
        return
    if p == v.RDF_TYPE and isinstance(o, ox.NamedNode) and o.value == WIKI_PAGE:
        nodes.setdefault(graph, PageNode()).wiki_pages.append(s.value)
    elif p in _ABOUT and not isinstance(o, ox.Triple):
        nodes.setdefault(graph, PageNode()).about[(s.value, p)] = o.value


def pref_labels(data: BuildData) -> dict[str, str]:
    """The terms graph's skos:prefLabel of each node."""
    pref = v.PREF_LABEL
    return {
        t.subject.value: t.object.value
        for t in data.terms_graph
        if t.predicate.value == pref
        and isinstance(t.subject, ox.NamedNode)
        and isinstance(t.object, ox.Literal)
    }


def from_rdflib(data: rdflib.Dataset) -> BuildData:
    """The same grouping for an in-memory rdflib Dataset (triples in the default graph too)."""
    text = data.serialize(format="nquads")
    return group_quads(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def group_quads(quads: Iterable[ox.Quad]) -> BuildData:
    graphs: dict[str, list[ox.Triple]] = {}
    for q in quads:
        key = graph_key(q)
        graphs.setdefault(key, []).append(q.triple)
    frozen = {g: tuple(ts) for g, ts in sorted(graphs.items())}
    return BuildData(graphs=frozen, pages=_pages(frozen))


def _pages(graphs: Mapping[str, tuple[ox.Triple, ...]]) -> tuple[PageInfo, ...]:
    """Every graph (other than terms / build) that holds a kgv:WikiPage node, by slug."""
    nodes: dict[str, PageNode] = {}
    for g, triples in graphs.items():
        for t in triples:
            _note(nodes, g, t.subject, t.predicate.value, t.object)
    return page_infos(nodes)


def page_infos(nodes: dict[str, PageNode]) -> tuple[PageInfo, ...]:
    """The page of each graph: its first kgv:WikiPage node (a graph without one is not a page
    graph: it is validated as a plain graph, kg.validate.units)."""
    pages = []
    for g, node in nodes.items():
        if not node.wiki_pages:
            continue
        page = node.wiki_pages[0]
        about = {p: value for (s, p), value in node.about.items() if s == page}
        ident = about.get(v.DCTERMS_IDENTIFIER, "")
        pages.append(
            PageInfo(
                graph=g,
                page_iri=page,
                slug=about.get(v.SLUG) or g.rsplit("graph-", 1)[-1],
                source_file=about.get(v.SOURCE_FILE),
                sha256=ident.removeprefix("sha256:") if ident.startswith("sha256:") else None,
            )
        )
    return tuple(sorted(pages, key=lambda p: (p.slug, p.graph)))


def read_manifest(build_dir: Path) -> dict[str, Any]:
    """The manifest, through kg.store (its errors already say how to make a build)."""
    from kg.store import read_manifest as store_manifest

    return store_manifest(build_dir)


def dataset_path(build_dir: Path) -> Path:
    """``build/dataset.nq``, or an :class:`InputError` saying how to make a build."""
    from kg.store import BuildDir

    if not build_dir.is_dir():
        raise InputError(
            "build folder not found: run `kg build` first (or pass --build-dir)", path=build_dir
        )
    return BuildDir(build_dir).require().dataset
