"""``kg diagram ENTITY --compare``: the page's own Mermaid diagram against the graph.

The page's diagram is read from the build: the facts its Mermaid edges became (statements
whose extractor name starts with ``mermaid``), grounded like every other fact, with the
page's relation label and line. The graph counts only facts some other extractor found in
page text (any page), so a diagram never agrees with itself: a drawn edge is "in both" when
the whole graph has that fact from text; the graph's side of the comparison is the entity's
neighbourhood at depth 1 (its edges, and edges between its neighbours).

Two edges are the same fact when subject, predicate and object match (after ``owl:sameAs``).
An edge on one side only whose two ends are linked by another relation on the other side
says so (``other_relations``): the diagram and the text name the link differently.
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
from kg.network.relations import NON_EDGE_PREDICATES, edge_label
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

    @property
    def agrees(self) -> bool:
        return not self.page_only and not self.graph_only


def compare_diagram(net: Network, entity: str) -> Comparison:
    """Compare the Mermaid diagram(s) of ``entity``'s page(s) with the graph."""
    pages = [p for p in net.graph.graph["pages"].values() if p.topic == entity]
    if not pages:
        raise InputError(
            f"no page of the build is about {net.describe(entity)}: nothing to compare"
        )
    drawn, with_diagram = _drawn(net, pages)
    if not drawn:
        names = ", ".join(f"{p.slug} ({p.source_file})" for p in pages)
        raise InputError(
            f"the page of {net.describe(entity)} has no Mermaid diagram in the build: {names}"
        )
    nodes = _Nodes(net)
    drawn = _merge_drawn(drawn, nodes)
    both: list[ComparedEdge] = []
    page_only: list[ComparedEdge] = []
    for fact, info in sorted(drawn.items()):
        label = min(info["labels"] - {""}, default="") or _graph_label(net, fact)
        others = tuple(sorted(_textual_labels(nodes, fact[0], fact[2]) - {_graph_label(net, fact)}))
        edge = _edge(net, fact, label, tuple(sorted(info["where"])), others)
        (both if _textual(nodes, fact) else page_only).append(edge)
    graph_only: list[ComparedEdge] = []
    for fact, (label, pages_of) in sorted(_neighbourhood_facts(nodes, entity).items()):
        if fact not in drawn:
            others = tuple(
                sorted(
                    lab
                    for f, i in drawn.items()
                    if f != fact and {f[0], f[2]} == {fact[0], fact[2]}
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
    )


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


def _from_text(data: Mapping[str, Any]) -> bool:
    """Some extractor other than a Mermaid one found this fact."""
    return any(not x.startswith(MERMAID_EXTRACTOR_PREFIX) for x in data.get("extractors", ()))


class _Nodes:
    """Which nodes a comparison takes as one: an ungrounded mention is the node of its name.

    A diagram's "MBP" and an infobox's "MBP" may be minted as two mentions (different
    categories); they are the same thing drawn and written, so they compare equal, preferring
    a grounded node of that name when there is one.
    """

    def __init__(self, net: Network) -> None:
        self.net = net
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
        """Text-derived edges from a node of ``a`` to a node of ``b``."""
        succ = self.graph.succ
        targets = self.members(b)
        for u in self.members(a):
            for v, keys in succ.get(u, {}).items():
                if v in targets:
                    for k, d in keys.items():
                        if _from_text(d):
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


def _textual(nodes: _Nodes, fact: Fact) -> bool:
    s, p, o = fact
    return any(k == p for _, _, k, _ in nodes.edges(s, o))


def _textual_labels(nodes: _Nodes, a: str, b: str) -> set[str]:
    """Labels of the text-derived edges between two nodes, in either direction."""
    found = [*nodes.edges(a, b), *nodes.edges(b, a)]
    return {str(d.get("label", k)) for _, _, k, d in found}


def _neighbourhood_facts(nodes: _Nodes, entity: str) -> dict[Fact, tuple[str, tuple[str, ...]]]:
    """Facts near ``entity`` (depth 1) found by an extractor other than Mermaid."""
    g = nodes.graph
    hood = neighbourhood(g, entity, depth=1, keep=lambda _u, _v, _k, d: _from_text(d))
    out: dict[Fact, tuple[str, tuple[str, ...]]] = {}
    for u, v, k in hood.edges:
        d = g.succ[u][v][k]
        fact = (nodes.canon(u), k, nodes.canon(v))
        label, pages = out.get(fact, (str(d.get("label", k)), ()))
        out[fact] = (label, tuple(sorted({*pages, *d.get("pages", ())})))
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
    """A plain-text report of a comparison."""
    lines = [
        f"Diagram of {net.describe(cmp.entity)} on page(s) {', '.join(cmp.pages)}: "
        f"{len(cmp.both)} edge(s) in both, {len(cmp.page_only)} drawn only by the page, "
        f"{len(cmp.graph_only)} only in the graph."
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
