"""The build's graphs as a push sees them: read one graph at a time from ``dataset.nq``.

``dataset.nq`` holds one contiguous block of N-Quads lines per named graph
(:mod:`kg.store.dataset`). A page graph's block is the page's own lines followed by one line
tying its page node to the build activity (:func:`kg.rdf.page_graph.activity_link`). A push
keys a graph by its *body* (every line but that link) and the activity it links to, so that a
build whose activity moved (any page changed) re-sends only the pages that changed and
re-points the other pages' links with one update.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg import vocab as v
from kg.errors import InputError
from kg.rdf.page_graph import activity_link
from kg.store.build_dir import BuildDir
from kg.store.manifest import Manifest, read_manifest_file


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalGraph:
    """One graph of the build: its body's sha256, its quads (link included), the activity it links to
    (``""`` for the terms and build graphs, which carry no link)."""

    graph: str
    body: str
    quads: int
    activity: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Build:
    """One generation of a build folder, pinned (a later build does not move it)."""

    dataset: Path
    manifest: Manifest
    links: dict[str, str]  # page graph -> its activity-link N-Quads line

    @classmethod
    def open(cls, build_dir: Path) -> Build:
        b = BuildDir(build_dir).require()
        manifest_path = b.manifest.resolve()  # the current generation's, pinned
        manifest = read_manifest_file(manifest_path)
        if manifest is None:
            raise InputError("manifest is damaged: run `kg build` again", path=b.manifest)
        dataset = manifest_path.parent / b.dataset.name
        links = {
            i.graph: activity_link(str(i.data["page"]), i.graph, manifest.activity)
            for i in manifest.inputs
            if i.status == "built"
        }
        return cls(dataset=dataset, manifest=manifest, links=links)

    @property
    def graphs(self) -> list[str]:
        """Every graph the build holds, in the dataset's order."""
        return sorted([*self.links, v.TERMS_GRAPH, v.BUILD_GRAPH])

    def digests(self) -> dict[str, LocalGraph]:
        """Every graph's :class:`LocalGraph`, reading the dataset once."""
        found: dict[str, LocalGraph] = {}
        for graph, lines in self.blocks():
            h = hashlib.sha256()
            link = self.links.get(graph)
            linked = False
            for line in lines:
                if link is not None and line == link:
                    linked = True
                    continue
                h.update(line.encode("utf-8"))
                h.update(b"\n")
            activity = self.manifest.activity if linked else ""
            found[graph] = LocalGraph(
                graph=graph, body=h.hexdigest(), quads=len(lines), activity=activity
            )
        return found

    def ntriples(self, wanted: Collection[str]) -> Iterator[tuple[str, bytes]]:
        """``(graph, N-Triples bytes)`` of each graph in ``wanted``, one at a time."""
        for graph, lines in self.blocks():
            if graph in wanted:
                text = "".join(_triple_of(line) + "\n" for line in lines)
                yield graph, text.encode("utf-8")

    def blocks(self) -> Iterator[tuple[str, list[str]]]:
        """``(graph, its N-Quads lines)`` per block of the dataset, in file order."""
        known = set(self.graphs)
        current: str | None = None
        lines: list[str] = []
        seen: set[str] = set()
        with self.dataset.open(encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                line = raw.rstrip("\n")
                if not line:
                    continue
                graph = _graph_of(line)
                if graph not in known:
                    raise InputError(
                        f"a quad outside the build's graphs ({graph!r}): run `kg build` again",
                        path=self.dataset,
                        line=n,
                    )
                if graph != current:
                    if current is not None:
                        yield current, lines
                    if graph in seen:
                        raise InputError(
                            f"graph {graph} is not one block: run `kg build` again",
                            path=self.dataset,
                            line=n,
                        )
                    seen.add(graph)
                    current, lines = graph, []
                lines.append(line)
        if current is not None:
            yield current, lines


def _graph_of(line: str) -> str:
    """The graph IRI of an N-Quads line ``S P O <G> .`` (``""`` when it has none)."""
    if not line.endswith("> ."):
        return ""
    start = line.rfind(" <", 0, len(line) - 3)
    return line[start + 2 : -3] if start != -1 else ""


def _triple_of(line: str) -> str:
    """The N-Triples line of an N-Quads line: the graph term dropped."""
    start = line.rfind(" <", 0, len(line) - 3)
    return line[:start] + " ."
