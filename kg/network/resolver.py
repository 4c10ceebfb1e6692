"""Find the node a user means: a CURIE, an IRI, a page slug or a label (case-insensitive).

Tried in this order, the first that matches wins:

1. an IRI of a node, or of an IRI merged into one by ``owl:sameAs``;
2. a CURIE (``CL:0000100``; the prefix in any case);
3. a page slug (``cell-types-motor-neurons``), a wiki path (``/cell-types/motor-neurons``) or
   a page address (``wiki-cell-types-motor-neurons``): the page's entity;
4. a label or any name of a node, ignoring case and surrounding space.

An unknown name, or a label that names several nodes, raises :class:`InputError` listing the
closest matches (``difflib``) so the user can retry with a CURIE.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

import networkx as nx

from kg.errors import InputError
from kg.vocab import CONVERTER, PAGE_PREFIX, PREFIX_MAP, SCIDEX_ARTIFACT, entity_iri

_PREFIXES = {p.casefold(): p for p in PREFIX_MAP}
MAX_SUGGESTIONS = 8


class Resolver:
    """An index of a projected graph's names, built once and used for many look-ups."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.aliases: dict[str, str] = graph.graph.get("aliases", {})
        self.pages = graph.graph.get("pages", {})
        by_name: dict[str, set[str]] = defaultdict(set)
        for node, data in graph.nodes(data=True):
            for name in (data.get("label"), data.get("curie"), *data.get("names", ())):
                if name:
                    by_name[_fold(name)].add(node)
        self.by_name = {k: tuple(sorted(v)) for k, v in by_name.items()}

    def resolve(self, text: str) -> str:
        """The IRI of the node ``text`` names (see the module docstring)."""
        query = text.strip()
        if not query:
            raise InputError("empty entity name: give a CURIE, an IRI, a page slug or a label")
        for candidate in (self._by_iri(query), self._by_curie(query), self._by_slug(query)):
            if candidate is not None:
                return candidate
        found = self.by_name.get(_fold(query), ())
        if len(found) == 1:
            return found[0]
        if found:
            listed = ", ".join(self.describe(n) for n in found[:MAX_SUGGESTIONS])
            raise InputError(f"{query!r} names {len(found)} entities: {listed}; give a CURIE")
        raise InputError(self._unknown_message(query))

    def describe(self, node: str) -> str:
        """``"motor neuron (CL:0000100)"``."""
        data = self.graph.nodes[node]
        return f"{data.get('label', node)} ({data.get('curie', node)})"

    def _node(self, iri: str) -> str | None:
        iri = self.aliases.get(iri, iri)
        return iri if iri in self.graph else None

    def _by_iri(self, query: str) -> str | None:
        if not query.startswith(("http://", "https://")):
            return None
        if query.startswith(PAGE_PREFIX):
            return self._by_slug(query[len(SCIDEX_ARTIFACT) :])
        return self._node(query)

    def _by_curie(self, query: str) -> str | None:
        prefix, sep, local = query.partition(":")
        known = _PREFIXES.get(prefix.strip().casefold())
        if not sep or known is None or not local:
            return None
        iri = CONVERTER.expand(f"{known}:{local.strip()}")
        return self._node(iri) if iri else None

    def _by_slug(self, query: str) -> str | None:
        slug = query.strip("/").replace("/", "-").casefold()
        slug = slug.removeprefix("wiki-")
        page = self.pages.get(slug)
        if page is not None and page.topic and page.topic in self.graph:
            return page.topic
        return self._node(entity_iri(slug))

    def _unknown_message(self, query: str) -> str:
        keys = list(self.by_name) + list(self.pages)
        folded = _fold(query)
        close = difflib.get_close_matches(folded, keys, n=MAX_SUGGESTIONS, cutoff=0.6)
        close += sorted(k for k in keys if folded in k and k not in close)
        shown: list[str] = []
        for key in close:
            if key in self.pages:
                shown.append(f"{key} (page slug)")
            else:
                shown.extend(self.describe(n) for n in self.by_name[key])
        shown = list(dict.fromkeys(shown))[:MAX_SUGGESTIONS]
        hint = f"; closest matches: {', '.join(shown)}" if shown else ""
        return f"no entity {query!r} in the build (tried IRI, CURIE, page slug and label){hint}"


def resolve(graph: nx.MultiDiGraph, text: str) -> str:
    """The IRI of the node ``text`` names in ``graph`` (one look-up; see :class:`Resolver`)."""
    return Resolver(graph).resolve(text)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
