"""The only place that chains the stages: pages -> parse -> extract/ground -> rdf -> store.

:func:`build` finds the page files, builds each into its named graph in worker processes
(:mod:`kg.page_worker`, reusing :mod:`kg.store.page_cache` entries whose inputs and
configuration (:mod:`kg.config_hash`) did not change), assembles the dataset (page graphs +
terms graph + build activity), brings the store up to date (:mod:`kg.store.update_plan`) and
writes the manifest (:mod:`kg.store.manifest`). A page that fails is reported with its file
and line; the other pages still build.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg import vocab as v
from kg.config_hash import config_digest
from kg.errors import InputError
from kg.page_worker import WorkerState, run_pages
from kg.pages import found_pages
from kg.pages.shard import Shard
from kg.store.atomic import make_folder
from kg.store.build_dir import BuildDir
from kg.store.dataset import Block
from kg.store.generation import Generation, crash_point, remove_stale, switch_to
from kg.store.lock import build_lock, refuse_if_store_open
from kg.store.manifest import manifest_of, read_manifest_file, write_manifest
from kg.store.page_cache import PageCache, PageRecord, dedupe_slugs

DEFAULT_INPUT = Path("seeds")

PageResult = PageRecord


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildResult:
    out: Path
    pages: tuple[PageRecord, ...]
    quads: int
    triples: int  # distinct triples in the union of all graphs (Oxigraph's count)
    entities_by_category: dict[str, int] = field(default_factory=dict)
    activity: str = ""
    store_mode: str = "full"  # "full" | "incremental" | "unchanged" (kg.store.update_plan)
    repaired: tuple[str, ...] = ()  # how the previous build's files differed from its manifest

    @property
    def failed(self) -> tuple[PageRecord, ...]:
        return tuple(p for p in self.pages if p.status == "failed")

    @property
    def ungrounded(self) -> int:
        return len({u for p in self.pages for u in p.ungrounded})

    @property
    def warnings(self) -> int:
        return sum(len(p.problems) for p in self.pages)


def display_path(path: Path, cwd: Path | None = None, *, resolved: Path | None = None) -> str:
    """``path`` relative to the working folder (``cwd``, resolved; default the process's) when
    under it, else as given. ``resolved``: ``path.resolve()``, when already known."""
    try:
        return str((resolved or path.resolve()).relative_to(cwd or Path.cwd().resolve()))
    except ValueError:
        return str(path)


def find_inputs(paths: Sequence[str | Path]) -> list[str]:
    """The page files a build of ``paths`` reads (default ``seeds/``), as displayed."""
    inputs = [Path(p) for p in paths] or [DEFAULT_INPUT]
    for p in inputs:
        if not p.exists():
            hint = " (no PATH given, so kg looked for seeds/ here)" if not paths else ""
            raise InputError(f"no such file or folder{hint}", path=p)
    cwd = Path.cwd().resolve()
    files = [display_path(f, cwd, resolved=real) for f, real in found_pages(inputs)]
    if not files:
        raise InputError(
            "no page files found (looked for *.txt, *.md, *.html, *.json)", path=inputs[0]
        )
    return files


def build(
    paths: Sequence[str | Path] = (),
    *,
    out: str | Path = "build",
    ontologies: Sequence[str | Path] = (),
    lexicons: Sequence[str | Path] = (),
    jobs: int = 1,
    progress: Callable[[PageRecord, int], None] | None = None,
    shard: Shard | None = None,
    on_step: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the knowledge graph of the given page files / folders (default ``seeds/``).

    ``progress(result, total)`` is called once per page file as it is done; ``shard`` builds
    only the pages of that shard (:mod:`kg.pages.shard`); ``on_step(text)`` is told each
    long step after the pages (writing the dataset, loading or updating the store), as it
    starts: at the wiki's size they take minutes.
    """
    for lex in lexicons:  # SSSOM TSV files, read by kg.ground.sssom (they ride with the ontologies)
        if not str(lex).endswith(".tsv"):
            raise InputError("a --lexicon file is an SSSOM table ending in .tsv", path=lex)
    ontology_paths = [Path(o) for o in (*ontologies, *lexicons)]
    for o in ontology_paths:
        if not o.is_file():
            raise InputError("ontology or lexicon file not found", path=o)
    files = find_inputs(paths)
    files = shard.select(files) if shard is not None else files
    b = BuildDir(Path(out))
    make_folder(b.cache)
    with build_lock(b.root):
        refuse_if_store_open(b.store)
        remove_stale(b)  # what a killed build left
        config = config_digest(ontology_paths)
        onto = [str(o) for o in ontology_paths]
        records, state = run_pages(files, b.cache, config, onto, jobs, progress)
        state = state or WorkerState.load(ontology_paths)
        return _assemble(b, records, ontology_paths, state, jobs=jobs, on_step=on_step)


def _assemble(
    b: BuildDir,
    records: list[PageRecord],
    ontology_paths: list[Path],
    state: WorkerState,
    *,
    jobs: int = 1,
    on_step: Callable[[str], None] | None = None,
) -> BuildResult:
    from kg.rdf.categories import entities_by_category
    from kg.rdf.page_graph import activity_link
    from kg.rdf.shared_graphs import activity_lines, terms_lines
    from kg.store import integrity, update_plan

    records = dedupe_slugs(records)
    ok = [r for r in records if r.status != "failed"]
    cache = PageCache(b.cache)
    previous = read_manifest_file(b.manifest, version=__version__)
    recorded = integrity.artifacts_from_json(previous.artifacts) if previous else None
    damage = integrity.damage(b, recorded) if previous else []
    activity = v.activity_iri(__version__, [r.sha256 for r in ok])
    link_of = {r.graph: activity_link(r.page_iri, r.graph, activity) for r in ok}
    onto = [display_path(p) for p in ontology_paths] or ["kg/data/cl-module.owl (shipped module)"]
    pages = [(r.page_iri, r.sha256) for r in ok]
    build_lines = activity_lines(activity, __version__, pages, onto, state.grounder.sources())
    term_lines = terms_lines(
        [t for r in ok for t in r.terms],
        state.grounder.term_facts,
        slots=[s for r in ok for s in r.slots],
    )
    blocks = [
        Block(
            graph=r.graph,
            path=cache.graph_file(r.cache_key),
            lines=(link_of[r.graph],),
            sha256=r.graph_sha256,
            triples=(r.minted_triples, r.triple_digests),
        )
        for r in ok
    ]
    blocks.append(Block(graph=v.BUILD_GRAPH, lines=tuple(sorted(set(build_lines)))))
    blocks.append(Block(graph=v.TERMS_GRAPH, lines=tuple(sorted(set(term_lines)))))
    delta = None if damage else update_plan.delta_since(previous, ok)
    if previous and update_plan.is_unchanged(previous, delta, activity, b.dataset, b.store):
        quads, triples, mode, artifacts = (
            previous.quads,
            previous.triples,
            "unchanged",
            previous.artifacts,
        )
        target = b.manifest.resolve()  # the current generation's manifest, in place
    else:
        w = update_plan.write_generation(
            b,
            blocks,
            cache=cache,
            ok=ok,
            delta=delta,
            old_activity=previous.activity if previous else "",
            old_quads=recorded.store_quads if recorded else -1,  # checked by damage()
            activity=activity,
            shared_lines=sorted(link_of.values()) + build_lines,
            terms_lines=term_lines,
            jobs=jobs,
            on_step=on_step,
        )
        quads, triples, mode = w.dataset.quads, w.triples, w.mode
        artifacts = integrity.Artifacts(dataset=w.dataset, store_quads=quads).to_json()
        target = w.generation.manifest
    result = BuildResult(
        out=b.root,
        pages=tuple(records),
        quads=quads,
        triples=triples,
        entities_by_category=entities_by_category(term_lines),
        activity=activity,
        store_mode=mode,
        repaired=tuple(damage),
    )
    manifest = manifest_of(
        version=__version__,
        activity=activity,
        ontologies=onto,
        pages=records,
        quads=quads,
        triples=triples,
        entities_by_category=result.entities_by_category,
        artifacts=artifacts,
    )
    write_manifest(target, manifest)
    crash_point("manifest-written")
    if mode != "unchanged":
        switch_to(b, Generation(target.parent))
        crash_point("switched")
    remove_stale(b)
    cache.prune({r.cache_key for r in ok})
    return result
