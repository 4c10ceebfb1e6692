"""``kg push``: bring a SPARQL server's copy of a build up to date, graph by graph.

:func:`push` pins the build's current generation, digests its graphs, plans against the push
state recorded for the server (:mod:`kg.push.state`, :mod:`kg.push.plan`) and then, in this
order: deletes the graphs of pages gone, replaces (PUT, N-Triples) the page graphs that
changed, re-points the activity links of the unchanged pages (SPARQL update, batched), and
replaces or merges the terms and build graphs. Every request is idempotent, and each graph is
recorded as soon as the server took it, so a push that stopped (a refusal, a lost connection)
is finished by running it again. ``dry_run`` plans and sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg import vocab as v
from kg.push.credentials import Credentials
from kg.push.graphs import Build, LocalGraph
from kg.push.gsp import Client, Endpoints
from kg.push.plan import Plan, plan_push
from kg.push.state import Pushed, PushState
from kg.rdf.terms import iri

#: page graphs whose links one SPARQL update re-points
RELINK_BATCH = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class PushReport:
    """What a push moved (or, with ``dry_run``, would move)."""

    endpoint: str  # the Graph Store URL the state is keyed by
    plan: Plan
    quads: dict[str, int]  # graph -> quads sent (replace / merge)
    dry_run: bool
    requests: int = 0

    @property
    def quads_sent(self) -> int:
        return sum(self.quads.values())


def push(
    build_dir: str | Path,
    endpoints: Endpoints,
    *,
    credentials: Credentials | None = None,
    shared: str = "replace",
    full: bool = False,
    dry_run: bool = False,
    progress: Callable[[str, str], None] | None = None,
) -> PushReport:
    """Push the build in ``build_dir`` to the server at ``endpoints``.

    ``full`` ignores what the state says the server holds (send everything, e.g. after the
    server was emptied). ``progress(action, graph)`` is called after each graph moved.
    """
    root = Path(build_dir)
    build = Build.open(root)
    local = build.digests()
    state = PushState.load(root)
    pushed = state.of(endpoints.gsp)
    if full:
        pushed.clear()
    plan = plan_push(local, pushed, activity=build.manifest.activity, shared=shared)
    quads = {g: local[g].quads for g in (*plan.replace, *plan.merge)}
    if dry_run or plan.empty:
        return PushReport(endpoint=endpoints.gsp, plan=plan, quads=quads, dry_run=dry_run)
    client = Client(endpoints, credentials)
    step = progress or (lambda _action, _graph: None)
    try:
        requests = _apply(client, build, local, plan, pushed, step)
    finally:
        state.save()
    return PushReport(
        endpoint=endpoints.gsp, plan=plan, quads=quads, dry_run=False, requests=requests
    )


def _apply(
    client: Client,
    build: Build,
    local: dict[str, LocalGraph],
    plan: Plan,
    pushed: dict[str, Pushed],
    step: Callable[[str, str], None],
) -> int:
    requests = 0
    for graph in plan.delete:
        client.delete_graph(graph)
        pushed.pop(graph, None)
        requests += 1
        step("delete", graph)
    shared = set(plan.merge) | {g for g in plan.replace if g in (v.TERMS_GRAPH, v.BUILD_GRAPH)}
    pages = [g for g in plan.replace if g not in shared]
    for graph, data in build.ntriples(set(pages)):
        client.put_graph(graph, data)
        pushed[graph] = Pushed(local[graph].body, local[graph].activity)
        requests += 1
        step("replace", graph)
    for old, graphs in plan.relink.items():
        for start in range(0, len(graphs), RELINK_BATCH):
            batch = graphs[start : start + RELINK_BATCH]
            client.update(relink_update(old, plan.activity, batch))
            for graph in batch:
                pushed[graph] = Pushed(local[graph].body, plan.activity)
                step("relink", graph)
            requests += 1
    for graph, data in build.ntriples(shared):
        if graph in plan.merge:
            client.post_graph(graph, data)
        else:
            client.put_graph(graph, data)
        pushed[graph] = Pushed(local[graph].body, local[graph].activity)
        requests += 1
        step("merge" if graph in plan.merge else "replace", graph)
    return requests


def relink_update(old: str, new: str, graphs: Sequence[str]) -> str:
    """The SPARQL update re-pointing the page links of ``graphs`` from ``old`` to ``new``."""
    values = " ".join(iri(g) for g in graphs)
    p = iri(v.PROV_WAS_GENERATED_BY)
    return (
        f"DELETE {{ GRAPH ?g {{ ?page {p} {iri(old)} }} }}\n"
        f"INSERT {{ GRAPH ?g {{ ?page {p} {iri(new)} }} }}\n"
        f"WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?page {p} {iri(old)} }} }}\n"
    )
