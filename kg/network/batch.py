"""``kg diagram --all``: one diagram per page entity, as SciDEX would need for every page.

The graph is projected once; each page's entity gets the bounded search of
:mod:`kg.network.neighbourhood` (never ``ego_graph`` per centre), rendered in one format and
written to ``<out>/<slug><suffix>`` (the slug made a safe file name by
:func:`kg.store.file_names.path_in`: a hostile slug cannot write outside ``out``), each file
atomically. Pages without an entity in the graph are listed, not
guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.network.diagram import DEFAULT_DEPTH, DEFAULT_MAX_EDGES, build_diagram
from kg.network.formats import SUFFIXES, render
from kg.network.network import open_network
from kg.store.atomic import make_folder, write_text_atomic
from kg.store.file_names import path_in


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchResult:
    written: tuple[tuple[str, Path], ...]  # (slug, file), by slug
    skipped: tuple[str, ...]  # slugs of pages whose entity is not in the graph


def write_all_diagrams(
    source: Any,
    out_dir: str | Path,
    *,
    fmt: str = "mermaid",
    depth: int = DEFAULT_DEPTH,
    max_edges: int | None = DEFAULT_MAX_EDGES,
    relations: tuple[str, ...] = (),
) -> BatchResult:
    """Write one diagram per page of the build into ``out_dir`` (created with its parents)."""
    net = open_network(source)
    out = Path(out_dir)
    make_folder(out)
    written: list[tuple[str, Path]] = []
    skipped: list[str] = []
    for slug, page in sorted(net.graph.graph["pages"].items()):
        if page.topic is None or page.topic not in net.graph:
            skipped.append(slug)
            continue
        diagram = build_diagram(
            net.graph, page.topic, depth=depth, max_edges=max_edges, relations=relations
        )
        path = path_in(out, slug, SUFFIXES[fmt])
        write_text_atomic(path, render(diagram, fmt))
        written.append((slug, path))
    return BatchResult(written=tuple(written), skipped=tuple(skipped))
