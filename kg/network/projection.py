"""Project the RDF dataset of a build into a networkx ``MultiDiGraph`` of entities.

Nodes are keyed by IRI, with ``label`` (``skos:prefLabel`` from the terms graph, else the
most used ``rdfs:label``), ``names`` (every label seen, for lookup), ``category`` (Biolink
category IRI), ``curie`` and ``ungrounded``. ``owl:sameAs`` collapses nodes: a minted
``kg:entity-<slug>`` and the ontology IRI it is the same as become one node keyed by the
ontology IRI; the other IRIs are listed in ``aliases``.

There is one edge per fact (subject, predicate, object) whose object is an entity, with
key = predicate IRI and the evidence behind it: ``statements`` (statement nodes, i.e. page
graphs stating it), ``evidence`` (text spans), ``pages`` (slugs), ``references`` (reference
IRIs), ``extractors``, the page's ``relation_labels``, ``biolink`` slots, ``label`` and
``kind`` (see :mod:`kg.network.relations`).

Provenance nodes (statements, selectors, pages, references, the build activity), types,
labels and literal-valued facts never become entity edges; :mod:`kg.network.provenance`
reads them. The graph is read with four SPARQL queries over the store (edges aggregated in
the store, then names, identities, pages), never triple by triple.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg import vocab
from kg.network.relations import NON_EDGE_PREDICATES, edge_label, relation_kind
from kg.network.source import as_store
from kg.network.sparql import SEP, select, split
from kg.vocab import (
    ACTIVITY_PREFIX,
    BIOLINK,
    GRAPH_PREFIX,
    REFERENCE_PREFIX,
    SCIDEX_ARTIFACT,
    SELECTOR_PREFIX,
    STATEMENT_PREFIX,
    compress,
)

#: IRIs of provenance and bookkeeping nodes: never entities.
_NON_ENTITY_PREFIXES = (
    STATEMENT_PREFIX,
    SELECTOR_PREFIX,
    REFERENCE_PREFIX,
    ACTIVITY_PREFIX,
    GRAPH_PREFIX,
)
_NON_ENTITY_TYPES = frozenset(
    {
        vocab.PUBLICATION,
        vocab.WIKI_PAGE,
        vocab.RDF_STATEMENT,
        vocab.OA_SPECIFIC_RESOURCE,
        vocab.OA_TEXT_QUOTE_SELECTOR,
        vocab.OA_TEXT_POSITION_SELECTOR,
        vocab.PROV_ACTIVITY,
    }
)
_GRAPH_PREFIX = GRAPH_PREFIX

EDGES_QUERY = f"""
SELECT ?s ?p ?o
  (COUNT(DISTINCT ?st) AS ?n) (COUNT(DISTINCT ?sel) AS ?ev)
  (GROUP_CONCAT(DISTINCT STR(?g); separator="{SEP}") AS ?graphs)
  (GROUP_CONCAT(DISTINCT COALESCE(STR(?ref), ""); separator="{SEP}") AS ?refs)
  (GROUP_CONCAT(DISTINCT COALESCE(?ex, ""); separator="{SEP}") AS ?exs)
  (GROUP_CONCAT(DISTINCT COALESCE(?rl, ""); separator="{SEP}") AS ?rls)
  (GROUP_CONCAT(DISTINCT COALESCE(STR(?bl), ""); separator="{SEP}") AS ?bls)
WHERE {{
  GRAPH ?g {{
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    FILTER(isIRI(?o))
    OPTIONAL {{ ?st prov:wasDerivedFrom ?sel }}
    OPTIONAL {{ ?st prov:hadPrimarySource ?ref }}
    OPTIONAL {{ ?st kgv:extractor ?ex }}
    OPTIONAL {{ ?st kgv:relationLabel ?rl }}
  }}
  OPTIONAL {{ GRAPH ?terms {{ ?p kgv:biolinkPredicate ?bl }} }}
}} GROUP BY ?s ?p ?o
"""

NAMES_QUERY = """
SELECT ?n ?k ?v WHERE {
  VALUES ?k { skos:prefLabel rdfs:label kgv:ungrounded }
  GRAPH ?g { ?n ?k ?v }
}
"""

#: Biolink categories only: statements, selectors and the like are typed too, by the thousand.
TYPES_QUERY = """
SELECT ?n ?v WHERE {
  GRAPH ?g { ?n rdf:type ?v FILTER(STRSTARTS(STR(?v), "https://w3id.org/biolink/vocab/")) }
}
"""

SAME_AS_QUERY = "SELECT DISTINCT ?a ?b WHERE { GRAPH ?g { ?a owl:sameAs ?b } }"

PAGES_QUERY = """
SELECT ?page ?slug ?title ?file ?topic ?g WHERE {
  GRAPH ?g {
    ?page a kgv:WikiPage .
    OPTIONAL { ?page kgv:slug ?slug }
    OPTIONAL { ?page dcterms:title ?title }
    OPTIONAL { ?page kgv:sourceFile ?file }
    OPTIONAL { ?page foaf:primaryTopic ?topic }
  }
}
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class PageInfo:
    """A page of the build: its address, slug, title, source file and entity (canonical IRI)."""

    iri: str
    slug: str
    graph: str
    title: str | None = None
    source_file: str | None = None
    topic: str | None = None


def project(source: Any) -> nx.MultiDiGraph:
    """The entity graph of a build folder, a pyoxigraph store or an rdflib dataset.

    ``graph.graph`` holds ``pages`` (slug -> :class:`PageInfo`) and ``aliases``
    (every IRI merged by ``owl:sameAs`` -> its node).
    """
    store = as_store(source)
    canon = _same_as(store)
    names = _names(store)
    g = nx.MultiDiGraph()
    g.graph["aliases"] = dict(sorted(canon.items()))
    g.graph["pages"] = _pages(store, canon)
    edges = _edges(store, canon, names)
    nodes = {u for u, _, _ in edges} | {v for _, v, _ in edges}
    nodes |= {canon.get(n, n) for n, info in names.items() if _is_entity_by_type(info)}
    nodes |= {p.topic for p in g.graph["pages"].values() if p.topic}
    nodes = {n for n in nodes if _is_entity(n, names.get(n))}
    merged = _merge_names(names, canon)
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias, target in sorted(canon.items()):
        aliases[target].append(alias)
    for n in sorted(nodes):
        g.add_node(n, **_node_attrs(n, merged.get(n), tuple(aliases.get(n, ()))))
    for (u, v, p), attrs in sorted(edges.items()):
        if u in nodes and v in nodes:
            attrs["predicate_label"] = _predicate_label(names.get(p))
            attrs["label"] = edge_label(
                p, attrs["predicate_label"] or None, attrs["biolink"], attrs["relation_labels"]
            )
            g.add_edge(u, v, key=p, **attrs)
    return g


@dataclass(slots=True)
class _Names:
    """Everything the dataset says to name and type one IRI."""

    prefs: Counter[str]
    labels: Counter[str]
    types: Counter[str]
    ungrounded: bool = False

    @property
    def pref(self) -> str | None:
        return min(self.prefs) if self.prefs else None

    @property
    def best(self) -> str | None:
        """The most used label (ties: the first in code-point order)."""
        if not self.labels:
            return None
        return min(self.labels, key=lambda x: (-self.labels[x], x))


def _predicate_label(info: _Names | None) -> str:
    """The ontology's label of a predicate, when the build copied one ("" otherwise)."""
    if info is None:
        return ""
    return info.pref or info.best or ""


def _names(store: Any) -> dict[str, _Names]:
    out: dict[str, _Names] = {}

    def of(n: str) -> _Names:
        info = out.get(n)
        if info is None:
            info = out[n] = _Names(Counter(), Counter(), Counter())
        return info

    for n, k, v in select(store, NAMES_QUERY):
        if n is None or v is None:
            continue
        if k == vocab.PREF_LABEL:
            of(n).prefs[v] += 1
        elif k == vocab.RDFS_LABEL:
            of(n).labels[v] += 1
        elif v == "true":
            of(n).ungrounded = True
    for n, v in select(store, TYPES_QUERY):
        if n is not None and v is not None:
            of(n).types[v] += 1
    return out


def _merge_names(names: dict[str, _Names], canon: dict[str, str]) -> dict[str, _Names]:
    """Names of merged IRIs pooled on their canonical node; where the canonical IRI has its
    own ``skos:prefLabel`` (an ontology class), the aliases' preferred labels (a page's title,
    ``Motor Neurons``) become other names of the node, never its label."""
    merged = dict(names)

    def own_prefs(target: str) -> bool:
        info = names.get(target)
        return bool(info and info.prefs)

    for alias, target in canon.items():
        extra = names.get(alias)
        if extra is None:
            continue
        base = merged.get(target)
        if base is None:
            merged[target] = _Names(
                Counter(extra.prefs), Counter(extra.labels), Counter(extra.types)
            )
        elif own_prefs(target):  # the ontology's own label wins: a page never renames a class
            merged[target] = _Names(
                base.prefs,
                base.labels + extra.labels + extra.prefs,
                base.types + extra.types,
                base.ungrounded and extra.ungrounded,
            )
        else:
            merged[target] = _Names(
                base.prefs + extra.prefs,
                base.labels + extra.labels,
                base.types + extra.types,
                base.ungrounded and extra.ungrounded,
            )
    return merged


def _same_as(store: Any) -> dict[str, str]:
    """alias IRI -> canonical IRI (ontology IRIs win over minted ``kg:`` ones)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in select(store, SAME_AS_QUERY):
        if a is None or b is None:
            continue
        ra, rb = find(a), find(b)
        if ra != rb:
            keep, drop = sorted((ra, rb), key=_canon_rank)
            parent[drop] = keep
    return {x: find(x) for x in parent}


def _canon_rank(iri: str) -> tuple[bool, str]:
    return (iri.startswith(vocab.KG), iri)


def _edges(
    store: Any, canon: dict[str, str], names: dict[str, _Names]
) -> dict[tuple[str, str, str], dict[str, Any]]:
    acc: dict[tuple[str, str, str], dict[str, Any]] = {}
    for s, p, o, n, ev, graphs, refs, exs, rls, bls in select(store, EDGES_QUERY):
        if s is None or p is None or o is None or p in NON_EDGE_PREDICATES:
            continue
        key = (canon.get(s, s), canon.get(o, o), p)
        a = acc.get(key)
        if a is None:
            a = acc[key] = {"statements": 0, "evidence": 0, "sets": defaultdict(set)}
        a["statements"] += int(n or 0)
        a["evidence"] += int(ev or 0)
        sets = a["sets"]
        sets["pages"].update(_slug(g) for g in split(graphs))
        sets["references"].update(split(refs))
        sets["extractors"].update(split(exs))
        sets["relation_labels"].update(split(rls))
        sets["biolink"].update(split(bls))
    out = {}
    for key, a in acc.items():
        attrs = {k: tuple(sorted(v)) for k, v in sorted(a["sets"].items())}
        for field in ("pages", "references", "extractors", "relation_labels", "biolink"):
            attrs.setdefault(field, ())
        out[key] = {
            "predicate": key[2],
            "predicate_curie": compress(key[2]) or key[2],
            "statements": a["statements"],
            "evidence": a["evidence"],
            "kind": int(relation_kind(key[2])),
            **attrs,
        }
    return out


def _slug(graph: str) -> str:
    return graph[len(_GRAPH_PREFIX) :] if graph.startswith(_GRAPH_PREFIX) else graph


def _is_entity_by_type(info: _Names) -> bool:
    return any(t.startswith(BIOLINK) for t in info.types) and not (
        set(info.types) & _NON_ENTITY_TYPES
    )


def _is_entity(iri: str, info: _Names | None) -> bool:
    if iri.startswith(_NON_ENTITY_PREFIXES) or iri.startswith(SCIDEX_ARTIFACT):
        return False
    return info is None or not (set(info.types) & _NON_ENTITY_TYPES)


def _node_attrs(iri: str, info: _Names | None, aliases: tuple[str, ...]) -> dict[str, Any]:
    label = None
    category = ""
    names: tuple[str, ...] = ()
    ungrounded = False
    if info is not None:
        label = info.pref or info.best
        cats = [t for t in info.types if t.startswith(BIOLINK) and t not in _NON_ENTITY_TYPES]
        if cats:
            category = min(cats, key=lambda t: (-info.types[t], t))
        names = tuple(sorted(set(info.prefs) | set(info.labels)))
        ungrounded = info.ungrounded
    curie = compress(iri) or iri
    return {
        "label": label or curie,
        "names": names,
        "category": category,
        "curie": curie,
        "ungrounded": ungrounded,
        "aliases": aliases,
    }


def _pages(store: Any, canon: dict[str, str]) -> dict[str, PageInfo]:
    pages: dict[str, PageInfo] = {}
    for iri, slug, title, file, topic, graph in select(store, PAGES_QUERY):
        if iri is None:
            continue
        slug = slug or _slug(graph or "") or iri.rsplit("wiki-", 1)[-1]
        topic = canon.get(topic, topic) if topic else None
        info = PageInfo(
            iri=iri, slug=slug, graph=graph or "", title=title, source_file=file, topic=topic
        )
        old = pages.get(slug)
        if old is None or (old.topic is None and topic is not None):
            pages[slug] = info
    return dict(sorted(pages.items()))
