"""A unit to validate or to read from the result cache: its cache key first, the unit if needed.

The runner (kg.validate.runner) asks each candidate for its key; only on a miss does it ask for
the :class:`~kg.validate.units.Unit` itself. :class:`Made` is a unit already made (the scan's
way: kg.validate.units.iter_units). :class:`Summarized` is a page unit known from its graph's
summary (kg.validate.graph_summary, read through the build's index: kg.validate.indexed): its
key is computed from the summary, the terms graph and the Linked lines, without parsing the
page graph, and the unit is made only when the key is not in the cache: from the summary and
the graph's lines, still without parsing them (:meth:`Summarized.unit`).

:func:`context_lines` is the context the unit would have (kg.validate.units._unit: the terms
triples and Linked lines of its nodes, but its own lines), computed from the summary; a test
checks that it is the made unit's, graph by graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kg import vocab as v
from kg.rdf.layout import is_fact
from kg.validate.evidence import source_digest
from kg.validate.graph_summary import MINTED, Own
from kg.validate.indexed import Indexed
from kg.validate.result_cache import renamed, unit_key
from kg.validate.source import PageInfo
from kg.validate.units import Context, Linked, Unit, page_unit, tail_units, unit_context

FORMAT = 1


class Candidate(Protocol):
    @property
    def name(self) -> str: ...

    def key(self, config: str, roots: Sequence[Path], activities: Sequence[str]) -> str: ...

    def unit(self) -> Unit: ...


@dataclass(frozen=True, slots=True)
class Made:
    """A unit already made."""

    made: Unit

    @property
    def name(self) -> str:
        return self.made.name

    def key(self, config: str, roots: Sequence[Path], activities: Sequence[str]) -> str:
        return unit_key(self.made, config, roots, activities)

    def unit(self) -> Unit:
        return self.made


@dataclass(slots=True)
class Summarized:
    """A page unit known from its graph's summary (see the module docstring)."""

    ix: Indexed
    page: PageInfo
    summary: Own  # the graph's part of its summary this pass reads
    ctx: Context
    _context: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.page.slug

    @property
    def focus(self) -> frozenset[str]:
        """The unit's focus nodes but kg's minted ones (which no other graph names)."""
        return frozenset(self.summary.focus) - self.ctx.build_subjects

    def key(self, config: str, roots: Sequence[Path], activities: Sequence[str]) -> str:
        """Everything the unit's results depend on, as :func:`kg.validate.result_cache.unit_key`
        digests it, with the graph's own statements read as the index's digest of them."""
        page = self.page
        h = hashlib.sha256(f"kg-summarized-unit-{FORMAT}\x1f{config}\x1f".encode())
        found = source_digest(page, roots)
        parts = [
            page.slug,
            page.graph,
            page.page_iri or "",
            page.source_file or "",
            page.sha256 or "",
            found or "(source not found)",
            self.ix.digests[page.graph],
            self.summary.minted_focus,
        ]
        focus = sorted(self.focus)
        parts.append(str(len(focus)))
        parts += focus
        for part in parts:
            h.update(f"{part}\x1f".encode())
        context = renamed(_doc(self.context()), activities)
        h.update(hashlib.sha256(context.encode()).digest())
        return "s" + h.hexdigest()[:39]

    def context(self) -> list[str]:
        """The unit's context lines (:func:`context_lines`), computed once."""
        if self._context is None:
            self._context = context_lines(self.summary, self.ctx)
        return self._context

    def unit(self) -> Unit:
        """The unit, made from the summary and the graph's lines without parsing them (the
        unit :func:`kg.validate.units.page_unit` makes: a test compares them graph by graph);
        made the long way when a line is not one triple as pyoxigraph writes it."""
        graphs = self.ix.graphs
        own = graphs.nt_lines(self.page.graph)
        minted = _minted_focus(own, self.page.page_iri or "")
        if minted is None:
            return page_unit(self.ix.data, self.page, self.ctx)
        focus = (set(self.summary.focus) | minted) - self.ctx.build_subjects
        return Unit(
            name=self.page.slug,
            page=self.page,
            triples=_doc(own),
            context=_doc(self.context()),
            focus=frozenset(focus),
        )


def _minted_focus(lines: list[str], page_iri: str) -> set[str] | None:
    """The focus nodes kg minted (kg.validate.units._page_unit's, but those the summary has):
    the minted subjects, and the minted IRIs a fact links to. None when a line is not one
    triple as pyoxigraph writes it (``S P O .``, one space apart)."""
    found: set[str] = set()
    rdf_type = f"<{v.RDF_TYPE}>"
    for line in lines:
        cut = line.split(" ", 2)
        if len(cut) != 3 or not line.endswith(" ."):
            return None
        s, p, o = cut
        if s[:1] not in _SUBJECT or s[:2] == "<<" or p[:1] != "<" or not o.endswith(" ."):
            return None  # RDF-star, or another layout
        subject = s[1:-1] if s[0] == "<" else s
        if subject.startswith(MINTED):
            found.add(subject)
        if o.startswith(_MINTED_IRI) and p != rdf_type and is_fact(subject, page_iri):
            found.add(o[1:-3])  # "<iri> ."
    return found


_SUBJECT = ("<", "_")
_MINTED_IRI = tuple(f"<{prefix}" for prefix in MINTED)


def context_lines(summary: Own, ctx: Context) -> list[str]:
    """The context lines of the unit of the graph ``summary`` describes (sorted)."""
    linked = ctx.linked
    cited = frozenset((p, n) for n, p in summary.cited if p in linked.witness)
    found = linked.context_of(summary.nodes, cited, ctx.terms_nt)
    return sorted(found.difference(summary.overlap))


def iter_candidates(ix: Indexed, linked: Linked) -> Iterator[Candidate]:
    """The units of :func:`kg.validate.units.iter_units`, in its order, as candidates: page
    units :class:`Summarized` (but for a graph whose summary is not ``exact``)."""
    data = ix.data
    ctx = unit_context(data, linked)
    owned: set[str] = set()
    terms = ctx.terms.keys()
    for page in data.pages:
        summary = ix.own(page.graph)
        if summary.exact:
            found = Summarized(ix, page, summary, ctx)
            owned |= found.focus & terms
            yield found
        else:
            unit = page_unit(data, page, ctx)
            owned |= unit.focus & terms
            yield Made(unit)
    for unit in tail_units(data, ctx, owned):
        yield Made(unit)


def _doc(lines: list[str]) -> str:
    text = "\n".join(lines)
    return text + "\n" if text else ""
