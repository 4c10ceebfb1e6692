"""The page cache in ``build/cache/``: one page's graph and its record, keyed by its inputs.

An entry is ``KEY.nq.gz`` (the page graph's sorted N-Quads lines, gzip level 1) and ``KEY.json`` (its
:class:`PageRecord`). ``KEY`` digests the configuration, the page's content hash and its file
name, so an entry is reused only when none of them changed. A sidecar that is not JSON, or
JSON of the wrong shape, or whose key is not the one asked for, is treated as missing: the
page is rebuilt, never a traceback.

The sidecar also records the graph file's size and modification time as written: an entry
whose graph file still has them is trusted without reading it (as ``make`` and git trust a
file's stat); any other is decompressed and checked against its sha256 (5 ms a page: 17 s of
CPU for 18,434 pages, spent on every build before). And it keeps the graph's share of the
dataset's triple count (kg.store.triple_count.graph_triples), computed once when it is built.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import json
import os
import zlib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from kg.json_shapes import rows, strings
from kg.store.atomic import nquads_bytes, write_atomic
from kg.store.triple_count import DIGEST, graph_triples

#: A cache entry's graph file: ``KEY.nq.gz``.
GRAPH_SUFFIX = ".nq.gz"

Term = tuple[str, str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class PageRecord:
    """What became of one input file (built, read from the cache, or failed)."""

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
    terms: tuple[Term, ...] = ()  # (iri, label, category) of the entities the page names
    slots: tuple[tuple[str, str], ...] = ()  # (predicate, Biolink slot) of its statements
    cache_key: str = ""
    graph_sha256: str = ""  # of the cached KEY.nq, checked before the entry is trusted
    graph_stat: tuple[int, int] = (0, 0)  # KEY.nq.gz's size and mtime_ns when it was written
    minted_triples: int = 0  # the graph's share of the triple count (kg.store.triple_count)
    triple_digests: bytes = b""

    def failed_with(self, error: str) -> PageRecord:
        return replace(self, status="failed", error=error)


_STR = (
    "file",
    "status",
    "sha256",
    "slug",
    "graph",
    "page_iri",
    "shell",
    "cache_key",
    "graph_sha256",
)


def record_from_json(data: Any) -> PageRecord | None:
    """The record a sidecar holds, or None when it is not of the expected shape."""
    if not isinstance(data, dict):
        return None
    try:
        if not all(isinstance(data[k], str) for k in _STR):
            return None
        if not all(isinstance(data[k], int) for k in ("facts", "quads")):
            return None
        title = data["title"]
        if title is not None and not isinstance(title, str):
            return None
        lists = {k: data[k] for k in ("problems", "ungrounded", "terms", "slots")}
        if not (strings(lists["problems"]) and strings(lists["ungrounded"])):
            return None
        if not (rows(lists["terms"], 3) and rows(lists["slots"], 2)):
            return None
        terms = tuple(map(tuple, lists["terms"]))
        slots = tuple(map(tuple, lists["slots"]))
        stat = data["graph_stat"]
        if not (isinstance(stat, list) and len(stat) == 2 and all(type(n) is int for n in stat)):
            return None
        if type(data["minted_triples"]) is not int or not isinstance(data["triple_digests"], str):
            return None
        digests = base64.b64decode(data["triple_digests"], validate=True)
        if len(digests) % DIGEST:
            return None
        return PageRecord(
            **{k: data[k] for k in _STR},
            graph_stat=(stat[0], stat[1]),
            minted_triples=data["minted_triples"],
            triple_digests=digests,
            title=title,
            facts=data["facts"],
            quads=data["quads"],
            problems=tuple(lists["problems"]),
            ungrounded=tuple(lists["ungrounded"]),
            terms=terms,  # type: ignore[arg-type]
            slots=slots,  # type: ignore[arg-type]
        )
    except (KeyError, TypeError, binascii.Error):
        return None


def record_to_json(record: PageRecord) -> dict[str, Any]:
    # shallow (asdict would deep-copy every term tuple only for the lists below to replace them)
    data = {f.name: getattr(record, f.name) for f in fields(record) if f.name != "error"}
    data["problems"] = list(record.problems)
    data["ungrounded"] = list(record.ungrounded)
    data["terms"] = [list(t) for t in record.terms]
    data["slots"] = [list(t) for t in record.slots]
    data["graph_stat"] = list(record.graph_stat)
    data["triple_digests"] = base64.b64encode(record.triple_digests).decode("ascii")
    return data


def _stat(path: Path | str) -> tuple[int, int]:
    """A file's size and modification time (ns); (-1, -1) when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def dedupe_slugs(records: list[PageRecord]) -> list[PageRecord]:
    """Two files with one slug would share a graph: the first (by file name) keeps it."""
    seen: dict[str, str] = {}
    out = []
    for r in sorted(records, key=lambda r: r.file):
        if r.status != "failed" and r.slug in seen:
            r = r.failed_with(
                f"{r.file}: page slug {r.slug!r} is already built from {seen[r.slug]}; "
                "skipped (remove one of the two copies)"
            )
        elif r.status != "failed":
            seen[r.slug] = r.file
        out.append(r)
    return out


@dataclass(frozen=True, slots=True)
class PageCache:
    """The cache folder of one build."""

    root: Path

    def graph_file(self, key: str) -> Path:
        """The entry's N-Quads, gzip-compressed (level 1: about 8x smaller, ~5 ms a page)."""
        return self.root / f"{key}{GRAPH_SUFFIX}"

    def read(self, key: str) -> PageRecord | None:
        """The cached record of ``key`` (status "cached"), or None when missing or damaged."""
        try:  # one open, one stat (a hit costs no more: 18,434 of them in each rebuild)
            with open(os.path.join(self.root, f"{key}.json"), "rb") as fh:
                record = record_from_json(json.loads(fh.read().decode("utf-8")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return None
        if record is None or record.cache_key != key or record.status != "built":
            return None
        # the graph file as it was written (same size and mtime) is not read again; any other
        # (garbage, another page's valid quads under this key, none) is read: rebuild, never copy
        graph = os.path.join(self.root, f"{key}{GRAPH_SUFFIX}")
        if _stat(graph) != record.graph_stat and not self.verify(record):
            return None
        return replace(record, status="cached")

    def write(self, record: PageRecord, lines: tuple[str, ...] | list[str]) -> PageRecord:
        """Store a built page: its graph first, then the sidecar that makes the entry valid."""
        nq = ("\n".join(lines) + "\n" if lines else "").encode("utf-8")
        graph = self.graph_file(record.cache_key)
        write_atomic(graph, gzip.compress(nq, 1, mtime=0))
        minted, digests = graph_triples(nq)
        record = replace(
            record,
            graph_sha256=hashlib.sha256(nq).hexdigest(),
            graph_stat=_stat(graph),
            minted_triples=minted,
            triple_digests=digests,
        )
        text = json.dumps(record_to_json(record), ensure_ascii=False, sort_keys=True)
        write_atomic(self.root / f"{record.cache_key}.json", text.encode("utf-8"))
        return record

    def verify(self, record: PageRecord) -> bool:
        """True when the entry's graph file holds the content its record names (read whole)."""
        try:
            graph = nquads_bytes(self.graph_file(record.cache_key))
        except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
            return False
        return hashlib.sha256(graph).hexdigest() == record.graph_sha256

    def prune(self, keep: set[str]) -> None:
        """Remove every entry not in ``keep`` (pages gone or changed since)."""
        for entry in self.root.iterdir():
            if entry.name.split(".", 1)[0] not in keep:
                entry.unlink(missing_ok=True)
