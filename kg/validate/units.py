"""Cutting the build into units that pyshacl validates one at a time (in parallel).

Whole-graph pyshacl does not scale (docs/performance-notes.md), and kg's shapes are local to a
page: each page graph is validated with just the context its shapes need,

* the page graph itself;
* the terms graph's triples about every node the page mentions (``skos:prefLabel``, the
  Biolink category, CL parents), so "exactly one preferred label" is checked on the union of
  the page graph and the terms graph;
* the ``rdf:type`` of every node the page links to, from any graph (``sh:class`` needs them);
* for the properties the shapes follow backwards (``sh:inversePath``, e.g. "a reference is
  cited by some statement"), the triples of other graphs that point at the page's nodes;

and results are kept only for the page's *own* nodes (the focus nodes): the subjects of the
page graph and the IRIs its facts link to. The build activity is one more unit, and terms no
page owns one last unit. A finding about a node two pages share is reported once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kg import vocab as v
from kg.rdf.layout import is_fact
from kg.validate.source import BuildData, DatasetGraphs, PageInfo

_MINTED = (v.STATEMENT_PREFIX, v.SELECTOR_PREFIX)
BUILD_UNIT = "(build)"
TERMS_UNIT = "(terms)"


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """One pyshacl run: the unit's own triples, its context and its focus nodes.

    ``triples`` and ``context`` are N-Triples documents (cheap to send to a worker process).
    """

    name: str  # page slug, BUILD_UNIT or TERMS_UNIT
    page: PageInfo | None
    triples: str
    context: str
    focus: frozenset[str]  # IRIs of the nodes whose results this unit reports


def make_units(data: BuildData, inverse: frozenset[str] = frozenset()) -> tuple[Unit, ...]:
    """Every page unit (sorted by slug), then the build unit and the terms unit if non-empty.

    ``inverse`` are the predicates the shapes follow backwards (see the module docstring).
    """
    return tuple(iter_units(data, inverse))


class Linked:
    """Node -> the N-Triples lines a unit that mentions the node needs from other graphs: its
    ``rdf:type``, and the triples of the inverse-path properties that point at it. Fed one
    statement at a time (:meth:`add`), e.g. by the scan of ``dataset.nq``
    (kg.validate.source.read_dataset's ``on_quad``), so the dataset is not parsed again for it.
    A line is kept once, however many graphs hold it.

    ``minted_local``: the statement and selector nodes kg mints are named after their page graph
    (kg.vocab.mint), so in a kg build each is mentioned by its own graph only, and the types of
    such nodes are no other unit's context; they are not collected. Only for kg's own builds.

    ``witness``: inverse-path properties for which one pointing statement is enough
    (kg.validate.shapes.ShapeSet.witness_paths). Of their lines only the least one per node and
    property is kept (:attr:`least`), and a unit takes it only when its own graph has no such
    line for the node (:meth:`context_of`): its context stays the size of the page, not of the
    number of pages that cite the same reference, and does not change when they do.
    """

    def __init__(
        self,
        inverse: frozenset[str] = frozenset(),
        *,
        minted_local: bool = False,
        witness: frozenset[str] = frozenset(),
    ):
        self.inverse = inverse
        self.minted_local = minted_local
        self.witness = (witness & inverse) - {v.RDF_TYPE}
        self.lines: dict[str, dict[str, None]] = {}  # made once per statement, not once per unit
        self.least: dict[str, dict[str, str]] = {}  # node -> witness property -> least line

    def add(self, t: ox.Triple | ox.Quad) -> None:
        p = t.predicate.value
        if p == v.RDF_TYPE:
            s = _iri(t.subject)
            if not (self.minted_local and s.startswith(_MINTED)):
                self.note(s, p, _nt(t))
        if p in self.inverse and isinstance(t.object, ox.NamedNode):
            self.note(t.object.value, p, _nt(t))

    def note(self, node: str, p: str, line: str) -> None:
        """Keep ``line`` (of property ``p``) as context for ``node``."""
        if p in self.witness:
            found = self.least.setdefault(node, {})
            old = found.get(p)
            if old is None or line < old:
                found[p] = line
        else:
            self.lines.setdefault(node, {})[line] = None

    def context_of(
        self,
        nodes: Iterable[str],
        cited: frozenset[tuple[str, str]] | set[tuple[str, str]],
        terms: dict[str, list[str]],
    ) -> set[str]:
        """The context lines of a unit naming ``nodes``: the terms-graph lines about each
        (``terms``), its kept lines and, for each witness property the unit does not itself use
        for the node (``cited``: (property, node) pairs), the least line (the unit's own lines
        are not left out here)."""
        found: set[str] = set()
        lines, least = self.lines, self.least
        for n in nodes:
            t = terms.get(n)
            if t:
                found.update(t)
            kept = lines.get(n)
            if kept:
                found.update(kept)
            one = least.get(n)
            if one:
                found.update(line for p, line in one.items() if (p, n) not in cited)
        return found

    def cited(self, triples: Iterable[ox.Triple]) -> frozenset[tuple[str, str]]:
        """The witness (property, node) pairs of ``triples``."""
        if not self.witness:
            return frozenset()
        return frozenset(
            (t.predicate.value, t.object.value)
            for t in triples
            if t.predicate.value in self.witness and isinstance(t.object, ox.NamedNode)
        )


@dataclass(frozen=True, slots=True)
class Context:
    """What every unit draws its context from: the terms graph by subject (as statements and
    as N-Triples lines), the Linked lines, and the build graph's subjects (never a page's focus)."""

    terms: dict[str, list[ox.Triple]]
    terms_nt: dict[str, list[str]]
    linked: Linked
    build_subjects: frozenset[str]


def unit_context(data: BuildData, linked: Linked) -> Context:
    terms = _by_subject(data.terms_graph)
    return Context(
        terms=terms,
        terms_nt={s: [_nt(t) for t in ts] for s, ts in terms.items()},
        linked=linked,
        build_subjects=frozenset(_iri(t.subject) for t in data.build_graph),
    )


def iter_units(
    data: BuildData, inverse: frozenset[str] = frozenset(), *, linked: Linked | None = None
) -> Iterator[Unit]:
    """The units of :func:`make_units`, made one at a time (a build's graphs are read from
    ``dataset.nq`` as each unit is made, so memory does not grow with the build). ``linked``:
    the cross-graph context when already gathered (it must have seen every statement of
    ``data``); otherwise it is gathered here, in one pass over ``data``.
    """
    if linked is None:
        linked = Linked(inverse)
        for triples in data.graphs.values():
            for t in triples:
                linked.add(t)
    ctx = unit_context(data, linked)
    owned: set[str] = set()
    for page in data.pages:
        unit = page_unit(data, page, ctx)
        owned |= unit.focus & ctx.terms.keys()  # only terms decide what is left for the terms unit
        yield unit
    yield from tail_units(data, ctx, owned)


def page_unit(data: BuildData, page: PageInfo, ctx: Context) -> Unit:
    """The unit of one page graph."""
    graphs = data.graphs
    lines = graphs.nt_lines(page.graph) if isinstance(graphs, DatasetGraphs) else None
    return _page_unit(
        page, graphs[page.graph], ctx.terms_nt, ctx.linked, set(ctx.build_subjects), lines
    )


def tail_units(data: BuildData, ctx: Context, owned: set[str]) -> Iterator[Unit]:
    """The units after the page units: graphs that are no page's, the build unit, and the
    terms unit (the terms no unit so far had as a focus node: ``owned`` are those it had)."""
    build_subjects = set(ctx.build_subjects)
    terms = ctx.terms
    for g in data.other_graphs:
        triples = data.graphs[g]
        focus = _nodes(triples) - build_subjects
        owned |= focus & terms.keys()
        yield _unit(g or "(default graph)", None, triples, ctx.terms_nt, ctx.linked, focus)
    if data.build_graph:
        yield _unit(BUILD_UNIT, None, data.build_graph, {}, ctx.linked, frozenset(build_subjects))
    orphans = frozenset(terms) - owned - build_subjects
    if orphans:
        triples = tuple(t for s in sorted(orphans) for t in terms[s])
        yield _unit(TERMS_UNIT, None, triples, {}, ctx.linked, orphans)


def _page_unit(
    page: PageInfo,
    triples: Sequence[ox.Triple],
    terms: dict[str, list[str]],
    linked: Linked,
    build_subjects: set[str],
    own_lines: list[str] | None = None,
) -> Unit:
    """The unit of a page graph: its focus nodes are its subjects and the IRIs its facts link
    to; its nodes, its subjects and every IRI in object position (one pass over the graph)."""
    page_iri = page.page_iri or ""
    focus: set[str] = set()
    objects: set[str] = set()
    cited: set[tuple[str, str]] = set()
    facts: dict[str, bool] = {}  # subject -> is_fact (subjects repeat)
    witness, rdf_type = linked.witness, v.RDF_TYPE
    for t in triples:
        subject = t.subject
        s = subject.value if type(subject) is ox.NamedNode else str(subject)
        focus.add(s)
        o = t.object
        if type(o) is not ox.NamedNode:
            continue
        iri = o.value
        objects.add(iri)
        p = t.predicate.value
        if p == rdf_type:
            continue
        fact = facts.get(s)
        if fact is None:
            fact = facts[s] = is_fact(s, page_iri)
        if fact:
            focus.add(iri)
        if p in witness:
            cited.add((p, iri))
    nodes = focus | objects  # focus holds every subject
    context = linked.context_of(nodes, cited, terms)
    own = [_nt(t) for t in triples] if own_lines is None else own_lines
    extra = sorted(context.difference(own))
    return Unit(
        name=page.slug,
        page=page,
        triples=_doc(own),
        context=_doc(extra),
        focus=frozenset(focus - build_subjects),
    )


def _unit(
    name: str,
    page: PageInfo | None,
    triples: Sequence[ox.Triple],
    terms: dict[str, list[str]],
    linked: Linked,
    focus: frozenset[str],
    own_lines: list[str] | None = None,
) -> Unit:
    """``own_lines``: the N-Triples of ``triples`` when already at hand (a build's file)."""
    nodes = {_iri(t.subject) for t in triples}
    nodes |= {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)}
    context = linked.context_of(nodes, linked.cited(triples), terms)
    own = [_nt(t) for t in triples] if own_lines is None else own_lines
    extra = sorted(context.difference(own))
    return Unit(name=name, page=page, triples=_doc(own), context=_doc(extra), focus=focus)


def _nodes(triples: Sequence[ox.Triple]) -> frozenset[str]:
    """Subjects, and IRIs in object position other than classes (objects of rdf:type)."""
    nodes = {_iri(t.subject) for t in triples}
    nodes |= {
        t.object.value
        for t in triples
        if isinstance(t.object, ox.NamedNode) and t.predicate.value != v.RDF_TYPE
    }
    return frozenset(nodes)


def _by_subject(triples: Iterable[ox.Triple]) -> dict[str, list[ox.Triple]]:
    out: dict[str, list[ox.Triple]] = {}
    for t in triples:
        out.setdefault(_iri(t.subject), []).append(t)
    return out


def _iri(node: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    """The key of a subject: its IRI, or ``_:id`` for a blank node."""
    return node.value if isinstance(node, ox.NamedNode) else str(node)


def _nt(t: ox.Triple | ox.Quad) -> str:
    """N-Triples of a statement: a build's graphs give quads (kg.validate.source)."""
    return f"{t.triple if isinstance(t, ox.Quad) else t} ."


def _doc(lines: Iterable[str]) -> str:
    text = "\n".join(lines)
    return text + "\n" if text else ""
