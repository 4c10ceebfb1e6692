"""Export formats: Turtle and N-Triples (union of all graphs), TriG and N-Quads (every named
graph), JSON-LD (named graphs, compact ``@context`` of the project prefixes, never remote).

Turtle, N-Triples and TriG are written by Oxigraph, JSON-LD by kg.export.jsonld: rdflib's Turtle writer is superlinear on large graphs (473 s for
1M triples, docs/performance-notes.md) while Oxigraph writes the same in about a second.
Output is deterministic: the same dataset gives the same bytes (``dataset.nq`` is grouped by
graph in a fixed order; the other writers sort).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.export.jsonld import context as jsonld_context
from kg.export.jsonld import write_jsonld
from kg.export.sssom import write_sssom_file
from kg.store.integrity import verify_dataset
from kg.vocab import PREFIX_MAP


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str
    media_type: str
    write: Callable[[Path, BinaryIO], None]
    graphs: bool  # keeps named graphs (False: the union of all graphs)


def _quads(dataset: Path) -> Iterator[ox.Quad]:
    with dataset.open("rb") as fh:
        yield from ox.parse(fh, format=ox.RdfFormat.N_QUADS)


def _union_triples(dataset: Path) -> list[ox.Triple]:
    seen = {ox.Triple(q.subject, q.predicate, q.object) for q in _quads(dataset)}
    return sorted(seen, key=str)


def _prefixes() -> dict[str, str]:
    return dict(sorted(PREFIX_MAP.items()))


def _write_nquads(dataset: Path, out: BinaryIO) -> None:
    with dataset.open("rb") as fh:  # dataset.nq: unique N-Quads, grouped by graph
        while chunk := fh.read(1 << 20):
            out.write(chunk)


def _write_ntriples(dataset: Path, out: BinaryIO) -> None:
    ox.serialize(_union_triples(dataset), out, format=ox.RdfFormat.N_TRIPLES)


def _write_turtle(dataset: Path, out: BinaryIO) -> None:
    ox.serialize(_union_triples(dataset), out, format=ox.RdfFormat.TURTLE, prefixes=_prefixes())


def _write_trig(dataset: Path, out: BinaryIO) -> None:
    ox.serialize(_quads(dataset), out, format=ox.RdfFormat.TRIG, prefixes=_prefixes())


def _write_jsonld(dataset: Path, out: BinaryIO) -> None:
    """JSON-LD with the project prefixes as a compact, inline ``@context`` (no remote context)."""
    write_jsonld(_quads(dataset), out)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", ".ttl", "text/turtle", _write_turtle, graphs=False),
        Format("ntriples", ".nt", "application/n-triples", _write_ntriples, graphs=False),
        Format("trig", ".trig", "application/trig", _write_trig, graphs=True),
        Format("nquads", ".nq", "application/n-quads", _write_nquads, graphs=True),
        Format("jsonld", ".jsonld", "application/ld+json", _write_jsonld, graphs=True),
        # not RDF: the grounding decisions as an SSSOM mapping table (kg.export.sssom)
        Format("sssom", ".sssom.tsv", "text/tab-separated-values", write_sssom_file, graphs=False),
    )
}


def export(build_dir: str | Path, fmt: str, out: BinaryIO) -> None:
    """Write the build in format ``fmt`` (a key of :data:`FORMATS`) to a binary stream.

    Raises :class:`~kg.errors.InputError` when dataset.nq is not what the build wrote.
    """
    dataset = verify_dataset(build_dir)
    FORMATS[fmt].write(dataset, out)


def context() -> str:
    """The JSON-LD ``@context`` kg uses, as JSON text (for users who want it separately)."""
    return json.dumps({"@context": jsonld_context()}, indent=2, sort_keys=True)
