"""The build as validation reads it: its quads grouped by named graph.

``build/dataset.nq`` is read with pyoxigraph's N-Quads parser (fast, streaming) and grouped by
graph; nothing is validated through the Oxigraph store (pyshacl over a pyoxigraph store is
slow and reports false ``sh:in`` failures, docs/performance-notes.md): each page becomes a
small in-memory rdflib graph later (kg.validate.units). An rdflib Dataset given to
:func:`kg.validate.validate_graph` is converted to the same form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    """Every triple of the build, by named graph ("" is the default graph)."""

    graphs: dict[str, tuple[ox.Triple, ...]]
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


def read_dataset(path: Path) -> BuildData:
    """Read ``dataset.nq`` (an error names the file and line of a malformed quad)."""
    try:
        with path.open("rb") as fh:
            return group_quads(ox.parse(fh, format=ox.RdfFormat.N_QUADS))
    except SyntaxError as exc:
        raise InputError(f"malformed N-Quads: {exc}", path=path, line=exc.lineno) from None
    except OSError as exc:
        raise InputError(f"cannot read the dataset: {exc.strerror}", path=path) from None


def from_rdflib(data: rdflib.Dataset) -> BuildData:
    """The same grouping for an in-memory rdflib Dataset (triples in the default graph too)."""
    text = data.serialize(format="nquads")
    return group_quads(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def group_quads(quads: Iterable[ox.Quad]) -> BuildData:
    graphs: dict[str, list[ox.Triple]] = {}
    for q in quads:
        g = q.graph_name
        key = g.value if isinstance(g, ox.NamedNode) else DEFAULT_GRAPH
        graphs.setdefault(key, []).append(q.triple)
    frozen = {g: tuple(ts) for g, ts in sorted(graphs.items())}
    return BuildData(graphs=frozen, pages=_pages(frozen))


def _pages(graphs: dict[str, tuple[ox.Triple, ...]]) -> tuple[PageInfo, ...]:
    """Every graph (other than terms / build) that holds a kgv:WikiPage node, by slug."""
    pages = []
    for g, triples in graphs.items():
        if g in TERMS_GRAPHS or g == v.BUILD_GRAPH:
            continue
        page = next(
            (
                t.subject.value
                for t in triples
                if t.predicate.value == v.RDF_TYPE
                and isinstance(t.object, ox.NamedNode)
                and t.object.value == WIKI_PAGE
                and isinstance(t.subject, ox.NamedNode)
            ),
            None,
        )
        if page is None:
            continue  # not a page graph: validated as a plain graph (kg.validate.units)
        about = {
            t.predicate.value: t.object.value
            for t in triples
            if isinstance(t.subject, ox.NamedNode)
            and t.subject.value == page
            and not isinstance(t.object, ox.Triple)
        }
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
