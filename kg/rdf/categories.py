"""Counting entities per Biolink category from the terms graph's ``rdf:type`` N-Quads lines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kg import vocab as v


def entities_by_category(lines: Iterable[str]) -> dict[str, int]:
    """``{"biolink:Gene": 3, ...}`` from the terms graph's lines, sorted by category."""
    typ = f"<{v.RDF_TYPE}> <{v.BIOLINK}"
    graph = f"<{v.TERMS_GRAPH}> ."
    counts: Counter[str] = Counter()
    for ln in lines:
        if typ in ln and ln.endswith(graph):
            cat = ln.split(typ, 1)[1].split(">", 1)[0]
            counts[f"biolink:{cat}"] += 1
    return dict(sorted(counts.items()))
