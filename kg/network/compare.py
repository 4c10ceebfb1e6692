"""``kg diagram ENTITY --compare``: the page's own Mermaid diagram against the whole graph.

The page's diagram is read from the build: the facts its Mermaid edges became (statements
whose extractor name starts with ``mermaid``), grounded like every other fact, with the
page's relation label and line. The graph is every fact of the build (the store), from any
page and any extractor (text, infobox, tables, other pages' diagrams), except what only this
diagram states, so a diagram never agrees with itself. A drawn edge is "in both" when the graph
has it; the graph's side of the comparison is the entity's neighbourhood at depth 1 (its
edges, and edges between its neighbours).

Two edges are the same fact when subject and object match (after ``owl:sameAs``; an
ungrounded mention is the node of its name) and their relations are the same up to
equivalence (:func:`kg.network.relations.relation_keys`: an RO relation and its Biolink slot,
a fallback ``related to`` edge and the relation its label names, so a drawn "positively
regulates" is the text's "activates"). An edge on one side only whose two ends are linked by
another relation on the other side says so (``other_relations``). An entity whose page draws
no diagram gives an empty comparison that says so (:attr:`Comparison.has_diagram`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kg.errors import InputError
from kg.network.neighbourhood import neighbourhood
from kg.network.network import Network
from kg.network.projection import PageInfo
from kg.network.relations import NON_EDGE_PREDICATES, edge_label, relation_keys
from kg.network.sparql import select

MERMAID_EXTRACTOR_PREFIX = "mermaid"

PAGE_DIAGRAM_QUERY = f"""
SELECT ?g ?st ?s ?p ?o ?rl ?line ?quote WHERE {{
  GRAPH ?g {{
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgv:extractor ?ex .
    FILTER(isIRI(?o) && STRSTARTS(STR(?ex), "{MERMAID_EXTRACTOR_PREFIX}"))
    OPTIONAL {{ ?st kgv:relationLabel ?rl }}
    OPTIONAL {{
      ?st prov:wasDerivedFrom ?sel . ?sel kgv:lineStart ?line .
      OPTIONAL {{ ?sel oa:hasSelector ?q . ?q oa:exact ?quote }}
    }}
  }}
}}
"""

Fact = tuple[str, str, str]  # subject, predicate, object (node IRIs)

_ARROW = re.compile(r"--+>|-\.+->|==+>")
_EDGE_LABEL = re.compile(r'\|\s*\\?"?([^"|\\]*)\\?"?\s*\|')  # |"label"|, |label|, |\"label\"|


@dataclass(frozen=True, slots=True, kw_only=True)
class ComparedEdge:
    subject: str
    predicate: str
    object: str
    label: str  # the page's label for a page edge, the graph's for a graph edge
    subject_label: str
    object_label: str
    where: tuple[str, ...] = ()  # "FILE:LINE" of page edges; page slugs of graph edges
    other_relations: tuple[str, ...] = ()  # labels linking the same two nodes on the other side


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    entity: str
    pages: tuple[str, ...]  # slugs of the entity's pages with a diagram
    both: tuple[ComparedEdge, ...]
    page_only: tuple[ComparedEdge, ...]  # drawn by the page, missing from the graph
    graph_only: tuple[ComparedEdge, ...]  # in the graph, not drawn by the page
    without_diagram: tuple[str, ...] = ()  # "slug (file)" of the entity's pages drawing none
    graph_facts: int = 0  # facts of the graph's side (the entity's depth-1 neighbourhood)

    @property
    def has_diagram(self) -> bool:
        return bool(self.pages)

    @property
    def agrees(self) -> bool:
        return not self.page_only and not self.graph_only


def compare_diagram(net: Network, entity: str) -> Comparison:
    """Compare the Mermaid diagram(s) of ``entity``'s page(s) with the whole graph."""
    pages = [p for p in net.graph.graph["pages"].values() if p.topic == entity]
    if not pages:
        raise InputError(
            f"no page of the build is about {net.describe(entity)}: nothing to compare"
        )
    drawn, with_diagram = _drawn(net, pages)
    if not drawn:
        names = tuple(f"{p.slug} ({p.source_file or 'no file'})" for p in pages)
        return Comparison(
            entity=entity, pages=(), both=(), page_only=(), graph_only=(), without_diagram=names
        )
    nodes = _Nodes(net, own=frozenset(with_diagram))
    drawn = _merge_drawn(drawn, nodes)
    both: list[ComparedEdge] = []
    page_only: list[ComparedEdge] = []
    for fact, info in sorted(drawn.items()):
        labels = tuple(sorted(info["labels"] - {""}))
        label = labels[0] if labels else _graph_label(net, fact)
        found = list(nodes.edges(fact[0], fact[2]))
        same = [x for x in found if _same(fact[1], labels, x[2], x[3])]
        linked = {str(x[3].get("label", x[2])) for x in found if x not in same}
        linked |= {str(d.get("label", k)) for _, _, k, d in nodes.edges(fact[2], fact[0])}
        edge = _edge(net, fact, label, tuple(sorted(info["where"])), tuple(sorted(linked)))
        (both if same else page_only).append(edge)
    graph_only: list[ComparedEdge] = []
    hood = _neighbourhood_facts(nodes, entity)
    for fact, (label, keys, pages_of) in sorted(hood.items()):
        if any(_drawn_as(fact, keys, f, i) for f, i in drawn.items()):
            continue
        others = tuple(
            sorted(
                lab
                for f, i in drawn.items()
                if {f[0], f[2]} == {fact[0], fact[2]}
                for lab in (i["labels"] - {""}) or {_graph_label(net, f)}
            )
        )
        graph_only.append(_edge(net, fact, label, pages_of, others))
    return Comparison(
        entity=entity,
        pages=tuple(sorted(with_diagram)),
        both=tuple(both),
        page_only=tuple(page_only),
        graph_only=tuple(graph_only),
        without_diagram=tuple(
            f"{p.slug} ({p.source_file or 'no file'})" for p in pages if p.slug not in with_diagram
        ),
        graph_facts=len(hood),
    )


def _same(p: str, labels: tuple[str, ...], k: str, data: Mapping[str, Any]) -> bool:
    """A drawn relation (predicate, page labels) and a graph edge are the same relation."""
    theirs = relation_keys(k, tuple(data.get("relation_labels", ())))
    return bool(relation_keys(p, labels) & theirs)


def _drawn_as(fact: Fact, keys: frozenset[str], drawn: Fact, info: Mapping[str, set[str]]) -> bool:
    if (drawn[0], drawn[2]) != (fact[0], fact[2]):
        return False
    return bool(relation_keys(drawn[1], tuple(sorted(info["labels"] - {""}))) & keys)


def _drawn(
    net: Network, pages: list[PageInfo]
) -> tuple[dict[Fact, dict[str, set[str]]], list[str]]:
    """The edges the pages draw (labels used, FILE:LINE), and the slugs of pages that draw."""
    drawn: dict[Fact, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    with_diagram = []
    for page in pages:
        found = _page_edges(net, page.graph)
        if found:
            with_diagram.append(page.slug)
        for fact, label, line in found:
            drawn[fact]["labels"].add(label)
            drawn[fact]["where"].add(
                f"{page.source_file or page.slug}:{line}" if line else page.slug
            )
    return drawn, with_diagram


def _page_edges(net: Network, graph_iri: str) -> list[tuple[Fact, str, int | None]]:
    """(fact, the page's label, line) of every Mermaid edge of one page graph.

    A statement also found elsewhere on the page (an infobox row) carries that evidence
    too; only the spans whose quote is a Mermaid edge (``A -->|"label"| B``) are the
    diagram's, and the label is read from that quote.
    """
    aliases = net.graph.graph["aliases"]
    rows: dict[str, list[tuple[Fact, str, int | None, str | None]]] = defaultdict(list)
    for _g, st, s, p, o, rl, line, quote in select(net.store, PAGE_DIAGRAM_QUERY, {"g": graph_iri}):
        if st is None or s is None or p is None or o is None or p in NON_EDGE_PREDICATES:
            continue
        fact = (aliases.get(s, s), p, aliases.get(o, o))
        rows[st].append((fact, rl or "", int(line) if line else None, quote))
    out = []
    for found in rows.values():
        drawn = [(f, _EDGE_LABEL.search(q), n) for f, _, n, q in found if q and _ARROW.search(q)]
        if drawn:
            out += [(f, m.group(1).strip() if m else "", n) for f, m, n in drawn]
        else:  # no quotes recorded: every span and label of the statement
            out += [(f, rl, n) for f, rl, n, _ in found]
    return out


def _elsewhere(data: Mapping[str, Any], own: frozenset[str]) -> bool:
    """The graph has this fact from something other than the compared diagram: another
    page, or an extractor other than a Mermaid one on the page itself."""
    if any(page not in own for page in data.get("pages", ())):
        return True
    return any(not x.startswith(MERMAID_EXTRACTOR_PREFIX) for x in data.get("extractors", ()))


class _Nodes:
    """Which nodes a comparison takes as one: an ungrounded mention is the node of its name.

    A diagram's "MBP" and an infobox's "MBP" may be minted as two mentions (different
    categories); they are the same thing drawn and written, so they compare equal, preferring
    a grounded node of that name when there is one.
    """

    def __init__(self, net: Network, own: frozenset[str]) -> None:
        self.net = net
        self.own = own  # slugs of the pages whose diagram is compared
        self.graph = net.graph
        self._canon: dict[str, str] = {}

    def canon(self, iri: str) -> str:
        found = self._canon.get(iri)
        if found is None:
            found = self._canon[iri] = self._find(iri)
        return found

    def _find(self, iri: str) -> str:
        data = self.graph.nodes.get(iri) if iri in self.graph else None
        if not data or not data.get("ungrounded"):
            return iri
        same = self.net.resolver.by_name.get(_fold(str(data.get("label", ""))), (iri,))
        return min((*same, iri), key=lambda n: (bool(self.graph.nodes[n].get("ungrounded")), n))

    def members(self, c: str) -> set[str]:
        """Every node that compares as ``c``."""
        out = {c}
        data = self.graph.nodes.get(c) if c in self.graph else None
        if data:
            for name in (data.get("label", ""), *data.get("names", ())):
                for n in self.net.resolver.by_name.get(_fold(str(name)), ()):
                    if self.canon(n) == c:
                        out.add(n)
        return out

    def edges(self, a: str, b: str) -> Iterator[tuple[str, str, str, Mapping[str, Any]]]:
        """The graph's edges (see :func:`_elsewhere`) from a node of ``a`` to one of ``b``."""
        succ = self.graph.succ
        targets = self.members(b)
        for u in self.members(a):
            for v, keys in succ.get(u, {}).items():
                if v in targets:
                    for k, d in keys.items():
                        if _elsewhere(d, self.own):
                            yield u, v, k, d


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _merge_drawn(
    drawn: dict[Fact, dict[str, set[str]]], nodes: _Nodes
) -> dict[Fact, dict[str, set[str]]]:
    merged: dict[Fact, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (s, p, o), info in drawn.items():
        target = merged[(nodes.canon(s), p, nodes.canon(o))]
        for key, values in info.items():
            target[key] |= values
    return merged


def _neighbourhood_facts(
    nodes: _Nodes, entity: str
) -> dict[Fact, tuple[str, frozenset[str], tuple[str, ...]]]:
    """The graph's facts near ``entity`` (depth 1): label, relation keys, pages."""
    g = nodes.graph
    hood = neighbourhood(g, entity, depth=1, keep=lambda _u, _v, _k, d: _elsewhere(d, nodes.own))
    out: dict[Fact, tuple[str, frozenset[str], tuple[str, ...]]] = {}
    for u, v, k in hood.edges:
        d = g.succ[u][v][k]
        fact = (nodes.canon(u), k, nodes.canon(v))
        keys = relation_keys(k, tuple(d.get("relation_labels", ())))
        label, old_keys, pages = out.get(fact, (str(d.get("label", k)), frozenset(), ()))
        out[fact] = (label, old_keys | keys, tuple(sorted({*pages, *d.get("pages", ())})))
    return out


def _graph_label(net: Network, fact: Fact) -> str:
    s, p, o = fact
    data = net.graph.succ.get(s, {}).get(o, {}).get(p)
    return str(data.get("label", p)) if data else edge_label(p, None, (), ())


def _edge(
    net: Network, fact: Fact, label: str, where: tuple[str, ...], others: tuple[str, ...]
) -> ComparedEdge:
    s, p, o = fact
    return ComparedEdge(
        subject=s,
        predicate=p,
        object=o,
        label=label or _graph_label(net, fact),
        subject_label=_label(net, s),
        object_label=_label(net, o),
        where=where,
        other_relations=others,
    )


def _label(net: Network, iri: str) -> str:
    return str(net.graph.nodes[iri].get("label", iri)) if iri in net.graph else iri


def render_comparison(cmp: Comparison, net: Network) -> str:
    """A plain-text report of a comparison, saying first what was compared with what."""
    if not cmp.has_diagram:
        return (
            f"No diagram to compare: the page(s) of {net.describe(cmp.entity)} draw no "
            f"Mermaid diagram in the build: {', '.join(cmp.without_diagram)}.\n"
        )
    drawn = len(cmp.both) + len(cmp.page_only)
    lines = [
        f"Compared the Mermaid diagram of {net.describe(cmp.entity)} on page(s) "
        f"{', '.join(cmp.pages)} ({drawn} drawn edge(s)) with the whole graph of the build: "
        "every fact from any page and extractor except what only this diagram states "
        f"({cmp.graph_facts} fact(s) within one hop of the entity); relations are the same "
        "up to equivalence (an RO relation and its Biolink slot; a 'related to' edge and "
        "the relation its label names).",
        f"{len(cmp.both)} edge(s) in both, {len(cmp.page_only)} drawn only by the page, "
        f"{len(cmp.graph_only)} only in the graph.",
    ]
    for title, edges in (
        ("Drawn by the page, missing from the graph:", cmp.page_only),
        ("In the graph, not drawn by the page:", cmp.graph_only),
        ("In both:", cmp.both),
    ):
        lines.append("")
        lines.append(title)
        lines += [_line(e) for e in edges] or ["  (none)"]
    return "\n".join(lines) + "\n"


def _line(e: ComparedEdge) -> str:
    text = f"  {e.subject_label} --[{e.label}]--> {e.object_label}"
    if e.where:
        text += f"  ({', '.join(e.where)})"
    if e.other_relations:
        text += f"  [other side links them as: {', '.join(e.other_relations)}]"
    return text
