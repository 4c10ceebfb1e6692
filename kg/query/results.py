"""The result of one query: solutions (SELECT), a boolean (ASK), triples (CONSTRUCT/DESCRIBE).

Terms are pyoxigraph terms (``NamedNode``, ``BlankNode``, ``Literal``, ``Triple``); an unbound
variable is ``None``. Renderers live in :mod:`kg.query.formats` (SPARQL results formats,
Turtle) and :mod:`kg.query.table` (the terminal table).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class ResultKind(StrEnum):
    SOLUTIONS = "solutions"  # SELECT
    BOOLEAN = "boolean"  # ASK
    GRAPH = "graph"  # CONSTRUCT, DESCRIBE
    UPDATE = "update"  # an update ran (with --update)


@dataclass(frozen=True, slots=True, kw_only=True)
class QueryResult:
    kind: ResultKind
    variables: tuple[str, ...] = ()  # SELECT: the projected variables, in order (no "?")
    rows: tuple[tuple[Term | None, ...], ...] = ()  # SELECT: one tuple per solution
    boolean: bool | None = None  # ASK
    triples: tuple[ox.Triple, ...] = ()  # CONSTRUCT / DESCRIBE, sorted
    truncated: bool = False  # the limit cut the rows (or triples) short
    limit: int | None = None
    warnings: tuple[str, ...] = ()  # e.g. a --param IRI the build does not name (kg.query.hints)

    def column(self, variable: str) -> tuple[Term | None, ...]:
        """Every value of one variable, in row order."""
        i = self.variables.index(variable)
        return tuple(row[i] for row in self.rows)

    def records(self) -> tuple[dict[str, Term], ...]:
        """The solutions as dicts (unbound variables left out)."""
        return tuple(
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        )

    def __len__(self) -> int:
        return len(self.triples) if self.kind is ResultKind.GRAPH else len(self.rows)
