"""What a push must move: the build's graphs against what the server was last sent.

A page graph whose body changed (or that the server does not have) is *replaced* (PUT); one
whose body is the server's but whose activity link moved is *relinked* (one SPARQL update per
batch re-points the links); one the server has but the build no longer does is *deleted*. The
terms and build graphs follow ``shared``: ``replace`` (PUT, the default), ``merge`` (POST: for
shard builds pushing into one server, each adding its terms and activity), or ``skip``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg import vocab as v
from kg.push.graphs import LocalGraph
from kg.push.state import Pushed

SHARED_GRAPHS = (v.BUILD_GRAPH, v.TERMS_GRAPH)
SHARED_MODES = ("replace", "merge", "skip")


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """The requests a push makes (graph IRIs, sorted)."""

    replace: tuple[str, ...]  # PUT
    merge: tuple[str, ...]  # POST (shared graphs with shared="merge")
    relink: dict[str, tuple[str, ...]]  # old activity -> page graphs whose link it re-points
    delete: tuple[str, ...]  # DELETE
    unchanged: tuple[str, ...]
    activity: str  # the activity the build's page graphs link to

    @property
    def relinked(self) -> tuple[str, ...]:
        return tuple(sorted(g for gs in self.relink.values() for g in gs))

    @property
    def empty(self) -> bool:
        return not (self.replace or self.merge or self.relink or self.delete)


def plan_push(
    local: Mapping[str, LocalGraph],
    pushed: Mapping[str, Pushed],
    *,
    activity: str,
    shared: str = "replace",
) -> Plan:
    """The plan that makes the server's copy (``pushed``) the build's (``local``)."""
    if shared not in SHARED_MODES:
        raise ValueError(f"shared must be one of {SHARED_MODES}, got {shared!r}")
    replace: list[str] = []
    merge: list[str] = []
    relink: dict[str, list[str]] = {}
    unchanged: list[str] = []
    for graph, g in sorted(local.items()):
        if graph in SHARED_GRAPHS and shared == "skip":
            continue
        before = pushed.get(graph)
        if before == Pushed(g.body, g.activity):
            unchanged.append(graph)
        elif graph in SHARED_GRAPHS and shared == "merge":
            merge.append(graph)
        elif before is not None and before.body == g.body and before.activity and g.activity:
            relink.setdefault(before.activity, []).append(graph)
        else:
            replace.append(graph)
    delete = sorted(g for g in pushed if g not in local and g not in SHARED_GRAPHS)
    return Plan(
        replace=tuple(replace),
        merge=tuple(merge),
        relink={a: tuple(gs) for a, gs in sorted(relink.items())},
        delete=tuple(delete),
        unchanged=tuple(unchanged),
        activity=activity,
    )
