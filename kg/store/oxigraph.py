"""The Oxigraph store in ``build/store/``: loaded from dataset.nq, opened by every command.

Why Oxigraph (measured in benchmarks/bench_store.py and docs/performance-notes.md): bulk
loading N-Quads and SPARQL joins are one to two orders of magnitude faster than rdflib's
in-memory store, and the store persists on disk so no command re-parses the dataset.

A build makes a new store in its own generation folder (:mod:`kg.store.generation`): a fresh
bulk load, or a RocksDB checkpoint of the previous store with only the changed graphs
replaced. The previous store is only read.
"""

from __future__ import annotations

import shutil
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.store.atomic import nquads_bytes
from kg.store.build_dir import BuildDir


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreUpdate:
    """What changed since the store was last written (see :func:`update_store`)."""

    drop_graphs: Sequence[str]  # page graphs removed or rebuilt, and the shared graphs
    load_files: Sequence[Path]  # N-Quads files of the rebuilt pages
    load_lines: Sequence[str] = field(default_factory=tuple)  # shared graphs, activity links
    drop_quads: Sequence[tuple[str, str, str, str]] = field(
        default_factory=tuple
    )  # s, p, o IRIs, g
    # N-Quads lines removed from a graph that is kept (the terms graph's lines no page makes now)
    drop_lines: Sequence[str] = field(default_factory=tuple)


#: kg writes every line it loads (kg.rdf.terms: each IRI checked once by pyoxigraph as it is first
#: rendered, literals escaped as pyoxigraph escapes them), so the loader need not check them again:
#: ``lenient`` skips that second check, about a third of the load's time, and loads the same quads
#: (the store dumps to the same sorted lines either way; measured on a 1.8M-quad dataset).
LENIENT = True


#: A dataset larger than this is loaded ``LOAD_BLOCK`` bytes at a time (cut at a line end). One
#: ``bulk_load`` of a whole file holds memory that grows with it (measured: 1.5 GB for 1.8M quads,
#: 2.2 GB for 7.3M; 2.49 GB at 38M quads, 18,434 pages); a 64 MB block holds about 0.5 GB whatever
#: the dataset's size, at the same CPU time. The price: RocksDB compacts the blocks' files into
#: levels Oxigraph leaves uncompressed, so the store is larger (1.8M quads: 492 MB instead of
#: 339 MB; 7.3M quads: 1.96 GB instead of 1.38 GB). A small dataset is loaded whole (compact).
LOAD_WHOLE = 384 << 20
LOAD_BLOCK = 64 << 20

#: With ``threads`` > 1, blocks of this size are loaded by that many threads at once into the
#: one store. pyoxigraph's ``bulk_load`` parses a block in the calling thread and lets go of
#: the GIL, so two threads keep two cores busy where one kept about one (plus RocksDB's
#: compactions, which grow with the store). Measured, the same quads in the store either way:
#: 1.8M quads, 11.5 s wall against 17.9-19.6 s for one thread (about the same CPU time), 487 MB
#: peak; the 18,434-page dataset (32.8M quads), 287.5 s against 334.5 s, 616 MB peak against
#: 658 MB. 64 MB blocks in two threads: 277.6 s, but 1,122 MB. Each load writes its own sorted
#: files and RocksDB ingests them; blocks share no line, and a term in two blocks gets the same
#: id (a hash of it) in both.
PARALLEL_BLOCK = 32 << 20


def load_store(
    dataset: Path, store_dir: Path, *, block: int | None = None, threads: int = 1
) -> None:
    """Create the on-disk store at ``store_dir`` (a new folder) from an N-Quads file: whole when
    small, else ``block`` bytes at a time so that memory stays bounded whatever the file's size,
    ``threads`` blocks at once."""
    store = ox.Store(str(store_dir))
    if block is None and dataset.stat().st_size <= LOAD_WHOLE:
        store.bulk_load(path=str(dataset), format=ox.RdfFormat.N_QUADS, lenient=LENIENT)
        store.flush()
        return
    block = block or (PARALLEL_BLOCK if threads > 1 else LOAD_BLOCK)

    def load(data: bytes) -> None:
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=LENIENT)

    if threads <= 1:
        for data in _line_blocks(dataset, block):
            load(data)
    else:
        with ThreadPoolExecutor(threads, thread_name_prefix="kg-store-load") as pool:
            running: deque[Future[None]] = deque()
            for data in _line_blocks(dataset, block):
                if len(running) >= threads:
                    running.popleft().result()  # ``threads`` blocks loading and one read; errors raised
                running.append(pool.submit(load, data))
            while running:
                running.popleft().result()
    store.flush()


def _line_blocks(dataset: Path, block: int) -> Iterator[bytes]:
    """The file's bytes in pieces of about ``block`` bytes, each ending at a line end (the last
    one may lack its newline)."""
    rest = b""
    with dataset.open("rb") as fh:
        while chunk := fh.read(block):
            data = rest + chunk
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            if cut:
                yield data[:cut]
    if rest:  # a last line without its newline
        yield rest


def update_store(
    old: Path, new: Path, update: StoreUpdate, expected_quads: int, *, old_quads: int
) -> bool:
    """Make ``new`` a checkpoint of the store ``old`` with ``update`` applied.

    ``old_quads``: the old store's quad count, as the previous build checked it. The quads the
    update touches (the dropped and reloaded graphs, the relinked activity links) are counted
    before and after; the rest is the checkpoint's, unchanged. Returns False (and removes
    ``new``) when ``old`` cannot be read or the updated store does not hold ``expected_quads``
    quads; the caller then loads the store whole. (Counting the whole store instead took 6 s
    at 32.8 M quads.)
    """
    try:
        ox.Store.read_only(str(old)).backup(str(new))
    except OSError:
        shutil.rmtree(new, ignore_errors=True)
        return False
    store = ox.Store(str(new))
    graphs = [ox.NamedNode(g) for g in update.drop_graphs]
    dropped = set(graphs)
    lines = ("\n".join(update.load_lines) + "\n").encode("utf-8") if update.load_lines else b""
    added = list(ox.parse(lines, format=ox.RdfFormat.N_QUADS, lenient=LENIENT))
    # the single quads the update touches outside the dropped graphs: removed or (re)added
    removed = [
        ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), ox.NamedNode(g))
        for s, p, o, g in update.drop_quads
    ]
    if update.drop_lines:
        text = ("\n".join(update.drop_lines) + "\n").encode("utf-8")
        removed += ox.parse(text, format=ox.RdfFormat.N_QUADS, lenient=LENIENT)
    loose = {*removed, *(q for q in added if q.graph_name not in dropped)}
    before = _touched(store, graphs, loose)
    for graph in graphs:
        store.remove_graph(graph)
    for quad in removed:
        store.remove(quad)
    # Inserted in transactions, one file at a time, not bulk-loaded: a bulk load writes its own
    # files, and flushing them into a store of millions of quads took seconds (6 s at 3.6 M
    # quads for 7,000 new ones), against 0.1 s for the same quads inserted.
    for path in update.load_files:
        store.extend(ox.parse(nquads_bytes(path), format=ox.RdfFormat.N_QUADS, lenient=LENIENT))
    store.extend(added)
    store.flush()
    ok = old_quads - before + _touched(store, graphs, loose) == expected_quads
    del store
    if not ok:
        shutil.rmtree(new)
    return ok


def _touched(store: ox.Store, graphs: Sequence[ox.NamedNode], loose: set[ox.Quad]) -> int:
    """The quads of ``graphs`` and those of ``loose`` that the store holds."""
    n = 0
    for g in graphs:  # counted by Oxigraph: a Python loop over the quads took 1 s at 2,000 pages
        rows = store.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH {g} {{ ?s ?p ?o }} }}")
        assert isinstance(rows, ox.QuerySolutions)
        found = next(iter(rows))["n"]
        assert isinstance(found, ox.Literal)
        n += int(found.value)
    return n + _held(store, loose)


#: A group of loose quads sharing a predicate and object at least this large is found by one
#: scan of that pattern rather than one lookup per quad.
SCAN_GROUP = 64


def _held(store: ox.Store, quads: set[ox.Quad]) -> int:
    """How many of ``quads`` the store holds. The loose quads of an update are mostly the
    pages' links to the old and the new build activity: one predicate and object each. One
    lookup per quad in a just-made checkpoint took 1.4 to 2.6 s for 36,868 links at 18,434
    pages (each lookup reads RocksDB blocks afresh); one scan of each pattern, 0.18 s."""
    groups: dict[
        tuple[ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple], set[ox.Quad]
    ] = {}
    for q in quads:
        groups.setdefault((q.predicate, q.object), set()).add(q)
    n = 0
    for (p, o), group in groups.items():
        if len(group) >= SCAN_GROUP:
            n += sum(q in group for q in store.quads_for_pattern(None, p, o, None))
        else:
            n += sum(q in store for q in group)
    return n


def store_quads(store_dir: Path) -> int | None:
    """The number of quads in the store at ``store_dir``; None when it cannot be opened."""
    try:
        return len(ox.Store.read_only(str(store_dir)))
    except Exception:  # RocksDB reports damage as several error types: all mean "unreadable"
        return None


def open_store(build_dir: str | Path, *, read_only: bool = True) -> ox.Store:
    """The build's store. Read-only by default; several processes may read it at once."""
    b = BuildDir(Path(build_dir)).require()
    if not b.store.is_dir():
        raise InputError("the build has no store: run `kg build` again", path=b.store)
    try:
        return ox.Store.read_only(str(b.store)) if read_only else ox.Store(str(b.store))
    except OSError as exc:
        raise InputError(f"cannot open the store: {exc}", path=b.store) from None


_DISTINCT_TRIPLES = "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"


def count_triples(store_dir: Path) -> int:
    """Distinct triples in the union of the store's named graphs (a quad count counts repeats)."""
    store = ox.Store.read_only(str(store_dir))
    rows = store.query(_DISTINCT_TRIPLES)
    assert isinstance(rows, ox.QuerySolutions)
    n = next(iter(rows))["n"]
    assert isinstance(n, ox.Literal)
    return int(n.value)
