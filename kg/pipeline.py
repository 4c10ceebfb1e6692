"""The only place that chains the stages: pages -> parse -> extract/ground -> rdf -> store.

:func:`build` reads page files, turns each into its named graph (in parallel with ``jobs``),
reuses cached page graphs whose input and configuration did not change, assembles the
dataset (page graphs + terms graph + build activity), and writes the build folder
atomically (docs/rdf-layout.md). A page that fails is reported with its file and line; the
other pages still build.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from kg import __version__
from kg import vocab as v
from kg.errors import InputError, KgError
from kg.pages import find_pages, read_page
from kg.store.build_dir import BuildDir, write_atomic, write_json
from kg.store.dataset import Block, write_dataset

DEFAULT_INPUT = Path("seeds")


@dataclass(frozen=True, slots=True, kw_only=True)
class PageResult:
    """What became of one input file."""

    file: str  # as given (relative to the working folder when under it)
    status: str  # "built" | "cached" | "failed"
    sha256: str = ""
    slug: str = ""
    graph: str = ""
    page_iri: str = ""
    title: str | None = None
    shell: str = ""
    facts: int = 0
    quads: int = 0
    problems: tuple[str, ...] = ()
    ungrounded: tuple[str, ...] = ()
    error: str | None = None  # for failed pages: "FILE:LINE: message"


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildResult:
    out: Path
    pages: tuple[PageResult, ...]
    quads: int
    triples: int  # distinct triples in the union of all graphs
    entities_by_category: dict[str, int] = field(default_factory=dict)
    activity: str = ""
    # "full": store loaded whole; "incremental": only changed graphs replaced; "unchanged":
    # nothing changed, dataset.nq and the store were left as they were
    store_mode: str = "full"

    @property
    def failed(self) -> tuple[PageResult, ...]:
        return tuple(p for p in self.pages if p.status == "failed")

    @property
    def ungrounded(self) -> int:
        return len({u for p in self.pages for u in p.ungrounded})

    @property
    def warnings(self) -> int:
        return sum(len(p.problems) for p in self.pages)


# -- one page -----------------------------------------------------------------------------------

_GROUNDER: Any = None


def _init_worker(ontology_paths: Sequence[str]) -> None:
    global _GROUNDER
    from kg.ground import Grounder

    _GROUNDER = Grounder.load([Path(p) for p in ontology_paths])


def _process(file: str, cache_dir: str, config: str) -> dict[str, Any]:
    """Read, parse, extract and write one page; returns a JSON-able record (also cached)."""
    from kg.extract import extract_page
    from kg.parse import parse_page
    from kg.rdf.page_graph import page_graph

    try:
        page = read_page(file)
    except KgError as exc:
        return {"file": file, "status": "failed", "error": str(exc)}
    key = v.digest(config, page.sha256, file, length=32)
    sidecar = Path(cache_dir) / f"{key}.json"
    if sidecar.is_file() and sidecar.with_suffix(".nq").is_file():
        try:
            record: dict[str, Any] = json.loads(sidecar.read_text("utf-8"))
            record["status"] = "cached"
            return record
        except (OSError, json.JSONDecodeError):
            pass  # rebuild a damaged cache entry
    try:
        parsed = parse_page(page)
        extraction = extract_page(page, parsed, _GROUNDER)
        pg = page_graph(extraction, source_file=file, shell=str(parsed.shell))
    except KgError as exc:
        return {"file": file, "status": "failed", "sha256": page.sha256, "error": str(exc)}
    except Exception as exc:  # a bug must not stop the other pages; report it with the file
        return {
            "file": file,
            "status": "failed",
            "sha256": page.sha256,
            "error": f"{file}: internal error while building this page "
            f"({type(exc).__name__}: {exc}); please report it",
        }
    problems = [
        f"{file}:{p.line}: {p.message}" if p.line else f"{file}: {p.message}"
        for p in parsed.problems
    ]
    problems += list(extraction.problems)
    record = {
        "file": file,
        "status": "built",
        "sha256": page.sha256,
        "slug": extraction.slug,
        "graph": pg.graph,
        "page_iri": pg.page_iri,
        "title": extraction.title,
        "shell": str(parsed.shell),
        "facts": pg.facts,
        "quads": len(pg.lines),
        "terms": [list(t) for t in pg.terms],
        "problems": problems,
        "ungrounded": sorted(set(extraction.ungrounded)),
        "cache_key": key,
    }
    nq = "\n".join(pg.lines) + "\n" if pg.lines else ""
    write_atomic(sidecar.with_suffix(".nq"), nq.encode("utf-8"))
    write_atomic(sidecar, json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return record


# -- the build ----------------------------------------------------------------------------------


def config_digest(ontology_paths: Sequence[Path]) -> str:
    """Everything besides the page that decides its graph: tool version, data files, ontologies."""
    h = hashlib.sha256(__version__.encode())
    data = resources.files("kg").joinpath("data")
    for name in sorted(_walk(data)):
        h.update(name.encode())
        h.update(data.joinpath(name).read_bytes())
    for p in ontology_paths:
        h.update(hashlib.sha256(p.read_bytes()).hexdigest().encode())
    return h.hexdigest()


def _walk(root: Any, prefix: str = "") -> Iterable[str]:
    for entry in root.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            if entry.name != "shapes":  # shapes check the graph; they do not shape it
                yield from _walk(entry, name + "/")
        elif not entry.name.startswith("."):
            yield name


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def find_inputs(paths: Sequence[str | Path]) -> list[str]:
    """The page files a build of ``paths`` reads (default ``seeds/``), as displayed."""
    inputs = [Path(p) for p in paths] or [DEFAULT_INPUT]
    for p in inputs:
        if not p.exists():
            hint = " (no PATH given, so kg looked for seeds/ here)" if not paths else ""
            raise InputError(f"no such file or folder{hint}", path=p)
    files = [_display(f) for f in find_pages(inputs)]
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
    jobs: int = 1,
    progress: Callable[[PageResult, int], None] | None = None,
) -> BuildResult:
    """Build the knowledge graph of the given page files / folders (default ``seeds/``).

    ``progress(result, total)`` is called once per page file as it is done.
    """
    ontology_paths = [Path(o) for o in ontologies]
    for o in ontology_paths:
        if not o.is_file():
            raise InputError("ontology file not found", path=o)
    files = find_inputs(paths)
    b = BuildDir(Path(out))
    b.cache.mkdir(parents=True, exist_ok=True)
    config = config_digest(ontology_paths)
    records = _run(files, b, config, [str(o) for o in ontology_paths], jobs, progress)
    return _assemble(b, records, ontology_paths)


def _run(
    files: list[str],
    b: BuildDir,
    config: str,
    ontology_paths: list[str],
    jobs: int,
    progress: Callable[[PageResult, int], None] | None,
) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    args = [(f, str(b.cache), config) for f in files]
    if jobs <= 1 or len(files) < 2:
        _init_worker(ontology_paths)
        results: Iterable[dict[str, Any]] = (_process(*a) for a in args)
        for r in results:
            records.append(r)
            if progress:
                progress(_result(r), len(files))
        return records
    workers = min(jobs, os.cpu_count() or 1, len(files))
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(ontology_paths,)) as pool:
        chunk = max(1, min(64, len(files) // (workers * 8) or 1))
        for r in pool.map(_process, *zip(*args, strict=True), chunksize=chunk):
            records.append(r)
            if progress:
                progress(_result(r), len(files))
    return records


def _result(r: dict[str, Any]) -> PageResult:
    return PageResult(
        file=r["file"],
        status=r["status"],
        sha256=r.get("sha256", ""),
        slug=r.get("slug", ""),
        graph=r.get("graph", ""),
        page_iri=r.get("page_iri", ""),
        title=r.get("title"),
        shell=r.get("shell", ""),
        facts=r.get("facts", 0),
        quads=r.get("quads", 0),
        problems=tuple(r.get("problems", ())),
        ungrounded=tuple(r.get("ungrounded", ())),
        error=r.get("error"),
    )


def _dedupe_slugs(records: list[dict[str, Any]]) -> None:
    """Two files with one slug would share a graph: the first (by file name) keeps it."""
    seen: dict[str, str] = {}
    for r in records:
        if r["status"] == "failed":
            continue
        if r["slug"] in seen:
            r["status"] = "failed"
            r["error"] = (
                f"{r['file']}: page slug {r['slug']!r} is already built from {seen[r['slug']]}; "
                "skipped (remove one of the two copies)"
            )
        else:
            seen[r["slug"]] = r["file"]


def _assemble(
    b: BuildDir, records: list[dict[str, Any]], ontology_paths: list[Path]
) -> BuildResult:
    from kg.ground import Grounder
    from kg.rdf.page_graph import activity_link
    from kg.rdf.shared_graphs import activity_lines, terms_lines

    records.sort(key=lambda r: r["file"])
    _dedupe_slugs(records)
    ok = [r for r in records if r["status"] != "failed"]
    previous = _previous_manifest(b)
    activity = v.activity_iri(__version__, [r["sha256"] for r in ok])
    link_of = {r["graph"]: activity_link(r["page_iri"], r["graph"], activity) for r in ok}
    links = sorted(link_of.values())
    onto_names = [_display(p) for p in ontology_paths] or ["kg/data/cl-module.owl (shipped module)"]
    build_lines = activity_lines(
        activity, __version__, [(r["page_iri"], r["sha256"]) for r in ok], onto_names
    )
    grounder = _GROUNDER if _GROUNDER is not None else Grounder.load(ontology_paths)
    terms = [(t[0], t[1], t[2]) for r in ok for t in r["terms"]]
    term_lines = terms_lines(terms, grounder.term_facts)
    blocks = [
        Block(graph=r["graph"], path=b.cache / f"{r['cache_key']}.nq", lines=(link_of[r["graph"]],))
        for r in ok
    ]
    blocks.append(Block(graph=v.BUILD_GRAPH, lines=tuple(sorted(set(build_lines)))))
    blocks.append(Block(graph=v.TERMS_GRAPH, lines=tuple(sorted(set(term_lines)))))
    delta = _changes(previous, ok)
    if (
        delta == ([], [])
        and previous is not None
        and previous.get("activity") == activity
        and b.dataset.is_file()
        and b.store.is_dir()
    ):
        # same graphs, same activity: dataset.nq and the store would be written byte for byte
        quads, mode = int(previous["summary"]["quads"]), "unchanged"
    else:
        quads = write_dataset(b.dataset, blocks)
        old_activity = previous.get("activity", "") if previous else ""
        shared = links + build_lines + term_lines
        mode = _write_store(b, ok, delta, old_activity, activity, shared, quads)
    result = BuildResult(
        out=b.root,
        pages=tuple(_result(r) for r in records),
        quads=quads,
        triples=quads,
        entities_by_category=_categories(term_lines),
        activity=activity,
        store_mode=mode,
    )
    _prune_cache(b, {r.get("cache_key") for r in ok})
    write_json(b.manifest, _manifest(result, onto_names, records))
    return result


def _previous_manifest(b: BuildDir) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads(b.manifest.read_text("utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return data if data.get("version") == __version__ else None


def _changes(
    previous: dict[str, Any] | None, ok: list[dict[str, Any]]
) -> tuple[list[str], list[str]] | None:
    """Page graphs (changed or new, gone) since the previous build; None without one."""
    if previous is None:
        return None
    before = {i["graph"]: i.get("cache_key") for i in previous["inputs"] if i["status"] == "built"}
    now = {r["graph"]: r["cache_key"] for r in ok}
    changed = [g for g, k in now.items() if before.get(g) != k]
    gone = [g for g in before if g not in now]
    return changed, gone


def _write_store(
    b: BuildDir,
    ok: list[dict[str, Any]],
    delta: tuple[list[str], list[str]] | None,
    old_activity: str,
    activity: str,
    shared_lines: list[str],
    quads: int,
) -> str:
    """Replace only the changed graphs of the previous store; otherwise load the store whole."""
    from kg.store.oxigraph import StoreUpdate, load_store, update_store

    if delta is not None and len(delta[0]) + len(delta[1]) <= max(1, len(ok) // 2):
        changed, gone = delta
        rebuilt = set(changed)
        relink = bool(old_activity) and old_activity != activity
        update = StoreUpdate(
            drop_graphs=[*changed, *gone, v.BUILD_GRAPH, v.TERMS_GRAPH],
            drop_quads=[
                (r["page_iri"], v.PROV_WAS_GENERATED_BY, old_activity, r["graph"])
                for r in ok
                if relink and r["graph"] not in rebuilt
            ],
            load_files=[b.cache / f"{r['cache_key']}.nq" for r in ok if r["graph"] in rebuilt],
            load_lines=shared_lines,
        )
        if update_store(b.store, update, quads):
            return "incremental"
    load_store(b.dataset, b.store)
    return "full"


def _categories(lines: Iterable[str]) -> dict[str, int]:
    """Entities per Biolink category, from the terms graph's rdf:type lines."""
    typ = f"<{v.RDF_TYPE}> <{v.BIOLINK}"
    graph = f"<{v.TERMS_GRAPH}> ."
    counts: Counter[str] = Counter()
    for ln in lines:
        if typ in ln and ln.endswith(graph):
            cat = ln.split(typ, 1)[1].split(">", 1)[0]
            counts[f"biolink:{cat}"] += 1
    return dict(sorted(counts.items()))


def _prune_cache(b: BuildDir, keep: set[Any]) -> None:
    for entry in b.cache.iterdir():
        if entry.stem not in keep:
            entry.unlink(missing_ok=True)


def _manifest(
    result: BuildResult, ontologies: list[str], records: list[dict[str, Any]]
) -> dict[str, Any]:
    keys = {r["file"]: r.get("cache_key") for r in records}
    return {
        "tool": "kg",
        "version": __version__,
        "activity": result.activity,
        "ontologies": ontologies,
        "summary": {
            "pages": len(result.pages),
            "built": sum(p.status != "failed" for p in result.pages),
            "failed": len(result.failed),
            "quads": result.quads,
            "triples": result.triples,
            "entities_by_category": result.entities_by_category,
            "ungrounded_mentions": result.ungrounded,
            "warnings": result.warnings,
        },
        "inputs": [
            {
                "file": p.file,
                "sha256": p.sha256,
                "slug": p.slug,
                "graph": p.graph,
                "page": p.page_iri,
                "title": p.title,
                "shell": p.shell,
                "status": "failed" if p.status == "failed" else "built",
                "facts": p.facts,
                "quads": p.quads,
                "problems": list(p.problems),
                "ungrounded": list(p.ungrounded),
                "error": p.error,
                "cache_key": keys.get(p.file) if p.status != "failed" else None,
            }
            for p in result.pages
        ],
    }
