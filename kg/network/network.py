"""A build opened for the network layer: its store, its projected entity graph, a resolver."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.network.projection import project
from kg.network.resolver import Resolver
from kg.network.source import as_store


@dataclass(frozen=True, slots=True, eq=False)
class Network:
    """The store (for provenance queries), the entity graph, and its name index."""

    store: ox.Store
    graph: nx.MultiDiGraph
    resolver: Resolver

    def entity(self, text: str) -> str:
        """The node IRI ``text`` names (CURIE, IRI, page slug or label)."""
        return self.resolver.resolve(text)

    def describe(self, iri: str) -> str:
        return self.resolver.describe(iri) if iri in self.graph else iri


def open_network(source: Any) -> Network:
    """Open a build folder, a pyoxigraph store or an rdflib dataset, and project it."""
    if isinstance(source, Network):
        return source
    store = as_store(source)
    graph = project(store)
    return Network(store=store, graph=graph, resolver=Resolver(graph))
