"""Choosing how to bring the store up to date: unchanged, incremental, or a full load.

``unchanged``: the same page graphs under the same activity as the previous build, so
dataset.nq and the store would be written byte for byte. ``incremental``: at most half the
page graphs changed, so a checkpoint of the old store has only those replaced (and is checked
by its quad count). ``full``: anything else (or the previous build's files do not match its
manifest); the store is loaded whole from dataset.nq. Both write a new generation.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg import vocab as v
from kg.store.build_dir import BuildDir
from kg.store.dataset import Artifact, Block, Previous, write_dataset
from kg.store.dataset_index import read_index, write_index
from kg.store.generation import Generation, crash_point, new_generation
from kg.store.manifest import Manifest
from kg.store.oxigraph import StoreUpdate, count_triples, load_store, update_store
from kg.store.page_cache import PageCache, PageRecord
from kg.store.store_stamp import write_stamp


@dataclass(frozen=True, slots=True, kw_only=True)
class Delta:
    """Page graphs changed or new, and gone, since the previous build."""

    changed: tuple[str, ...]
    gone: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.changed and not self.gone


def delta_since(previous: Manifest | None, ok: Sequence[PageRecord]) -> Delta | None:
    """What changed since ``previous``; None without a previous build."""
    if previous is None:
        return None
    before = previous.built_graphs()
    now = {r.graph: r.cache_key for r in ok}
    return Delta(
        changed=tuple(g for g, k in now.items() if before.get(g) != k),
        gone=tuple(g for g in before if g not in now),
    )


def is_unchanged(
    previous: Manifest | None, delta: Delta | None, activity: str, dataset: Path, store: Path
) -> bool:
    """True when the previous build's dataset and store are this build's, byte for byte."""
    return (
        previous is not None
        and delta is not None
        and delta.empty
        and previous.activity == activity
        and dataset.is_file()
        and store.is_dir()
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Written:
    """A new generation, written whole but not yet current."""

    generation: Generation
    dataset: Artifact
    triples: int
    mode: str  # "full" | "incremental"


def write_generation(
    b: BuildDir,
    blocks: Sequence[Block],
    *,
    cache: PageCache,
    ok: Sequence[PageRecord],
    delta: Delta | None,
    old_activity: str,
    old_quads: int,
    activity: str,
    shared_lines: Sequence[str],
    terms_lines: Sequence[str] = (),
    jobs: int = 1,
    on_step: Callable[[str], None] | None = None,
) -> Written:
    """Dataset and store of a new generation: the store from the previous one when few
    graphs changed (``delta``; None: load it whole), else bulk-loaded from the dataset.

    ``shared_lines``: the lines of the build graph and the pages' links to the activity;
    ``terms_lines``: the terms graph's. When few of those changed, the store's terms graph
    is kept and only they are removed and added (dropping it and loading its 38,113 quads
    again took about 3 s of a one-page edit at 18,434 pages). ``jobs``: the build's processes;
    a bulk load uses as many threads (at most :data:`LOAD_THREADS`). ``on_step`` is told
    each step as it starts."""
    step = on_step or (lambda _text: None)
    gen = new_generation(b)
    previous = _previous_dataset(b, old_activity) if delta is not None else None
    step(f"writing dataset.nq ({len(blocks):,} graphs)")
    artifact = write_dataset(gen.dataset, blocks, activity=activity, previous=previous)
    write_index(gen.dataset, artifact)
    crash_point("dataset-written")
    mode = "full"
    changed = len(delta.changed) + len(delta.gone) if delta is not None else len(ok)
    if delta is not None and changed <= max(1, len(ok) // 2):
        rebuilt = set(delta.changed)
        relink = bool(old_activity) and old_activity != activity
        terms = _terms_delta(previous, terms_lines)
        keep_terms = terms is not None  # else the terms graph is dropped and loaded again
        drop_terms, load_terms = terms if terms is not None else ([], list(terms_lines))
        update = StoreUpdate(
            drop_graphs=[
                *delta.changed,
                *delta.gone,
                v.BUILD_GRAPH,
                *([] if keep_terms else [v.TERMS_GRAPH]),
            ],
            drop_quads=[
                (r.page_iri, v.PROV_WAS_GENERATED_BY, old_activity, r.graph)
                for r in ok
                if relink and r.graph not in rebuilt
            ],
            drop_lines=drop_terms,
            load_files=[cache.graph_file(r.cache_key) for r in ok if r.graph in rebuilt],
            load_lines=[*shared_lines, *load_terms],
        )
        step(f"updating the store ({changed:,} page graph{'' if changed == 1 else 's'} changed)")
        if update_store(b.store, gen.store, update, artifact.quads, old_quads=old_quads):
            mode = "incremental"
    if mode == "full":
        step(f"loading the store ({artifact.quads:,} quads)")
        load_store(gen.dataset, gen.store, threads=load_threads(jobs))
    write_stamp(gen.store, artifact.quads)
    crash_point("store-loaded")
    triples = artifact.triples if artifact.triples is not None else count_triples(gen.store)
    return Written(generation=gen, dataset=artifact, triples=triples, mode=mode)


#: The most threads a bulk load uses, whatever ``--jobs``: each holds a block and its sorted
#: runs (about 0.25 GB), and the build's memory must stay bounded.
LOAD_THREADS = 4


def load_threads(jobs: int) -> int:
    """Threads for the store's bulk load: one per build process, no more than the machine's
    cores or :data:`LOAD_THREADS`."""
    return max(1, min(jobs, os.cpu_count() or 1, LOAD_THREADS))


def _previous_dataset(b: BuildDir, activity: str) -> Previous | None:
    """The previous build's dataset.nq and its spans, when its index still describes it."""
    if not b.dataset.is_file():
        return None
    path = b.dataset.resolve()
    spans = read_index(path)
    if spans is None:
        return None
    return Previous(path=path, spans={s.graph: s for s in spans}, activity=activity)


def _terms_delta(
    previous: Previous | None, lines: Sequence[str]
) -> tuple[list[str], list[str]] | None:
    """The terms graph's lines to remove and to add since the previous build (its block in the
    previous dataset.nq); None when that block cannot be read or most of the graph changed."""
    if previous is None:
        return None
    with previous.reader() as read:
        data = read(v.TERMS_GRAPH)
    if data is None:
        return None
    old = set(data.decode("utf-8").splitlines())
    new = set(lines)
    removed, added = sorted(old - new), sorted(new - old)
    if len(removed) + len(added) > len(new) // 2:
        return None
    return removed, added
