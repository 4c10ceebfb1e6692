"""The shipped vocabularies (``kg/data/vocab``): CL, UBERON, MONDO, ChEBI, NCBITaxon and HGNC.

The files are made by ``ontologies/make_vocabularies.py`` (its docstring gives the columns and
what is kept). Reading them takes about two seconds, so the parsed index is cached by the
sha256 of the files (``$KG_CACHE_DIR`` or ``~/.cache/kg``; a marshal file written atomically):
a later build loads it in a fraction of that. An unwritable cache folder only costs the time.

The index answers three questions:

* :meth:`VocabIndex.find` — the candidates of a name: ``(curie, kind, written, context_only)``
  for every label, synonym, approved symbol, previous symbol, alias or gene name whose strict
  key (``kg.ground.normalise.normalise``) equals the name's; the caller applies the rules
  (case-aware gene symbols, ranks, ambiguity: ``kg.ground.vocab_rules``);
* :meth:`VocabIndex.record` — label, obsolete flag and replacement of an id, and which
  vocabulary (and release) it comes from; None for an id the shipped releases do not have;
* :meth:`VocabIndex.gene_xrefs` — the NCBI Gene, Ensembl and UniProt ids of an HGNC gene.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import marshal
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.ground.normalise import normalise

#: bump when the cached index's shape changes
INDEX_FORMAT = 4
_US, _RS = "\x1f", "\x1e"  # unit and record separators inside the cached strings
#: vocabulary keys in the priority order used when a name has no category (README, Grounding)
PRIORITY = ("cl", "mondo", "hgnc", "uberon", "chebi", "ncbitaxon")

# the kind of a name, best first (rank = position)
LABEL, SYNONYM, SYMBOL, PREVIOUS, ALIAS, GENE_NAME = (
    "label",
    "synonym",
    "symbol",
    "previous",
    "alias",
    "name",
)
RANK = {LABEL: 0, SYMBOL: 0, GENE_NAME: 1, SYNONYM: 1, PREVIOUS: 1, ALIAS: 2}

Candidate = tuple[str, str, str, bool]  # curie, kind, the name as listed, context-only


@dataclass(frozen=True, slots=True, kw_only=True)
class VocabSource:
    """One shipped vocabulary: where it came from (for ``prov:used`` and the README)."""

    key: str
    prefix: str
    release: str
    licence: str
    package: str
    package_version: str
    sha256: str
    rows: int

    @property
    def title(self) -> str:
        return f"{self.prefix} {self.release} ({self.package} {self.package_version})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    curie: str
    label: str
    obsolete: bool
    replaced_by: str
    vocab: str  # key of the vocabulary


@dataclass(frozen=True, slots=True, kw_only=True)
class VocabIndex:
    """Names and ids of the shipped vocabularies (see the module docstring)."""

    sources: tuple[VocabSource, ...]
    # values are strings (marshal loads them several times faster than tuples); see _encode
    _names: dict[str, str] = field(repr=False)
    _records: dict[str, str] = field(repr=False)
    _xrefs: dict[str, str] = field(repr=False)
    max_tokens: int = 8
    #: first word of a key -> the most words a key starting with it has (see first_words)
    _first: dict[str, int] = field(default_factory=dict, repr=False)

    def find(self, name: str) -> list[Candidate]:
        return self.find_key(normalise(name))

    def has_key(self, key: str) -> bool:
        return key in self._names

    def find_key(self, key: str) -> list[Candidate]:
        """Candidates of an already-normalised key (the prose matcher's n-grams)."""
        got = self._names.get(key)
        if got is None:
            return []
        out: list[Candidate] = []
        for item in got.split(_RS):
            curie, kind, written, flag = item.split(_US)
            out.append((curie, kind, written, flag == "1"))
        return out

    def record(self, curie: str) -> Record | None:
        got = self._records.get(curie)
        if got is None:
            return None
        label, obsolete, replaced, vocab = got.split(_US)
        return Record(
            curie=curie, label=label, obsolete=obsolete == "1", replaced_by=replaced, vocab=vocab
        )

    def gene_xrefs(self, curie: str) -> tuple[str, str, str] | None:
        """(NCBI Gene ids, Ensembl ids, UniProt ids) of an HGNC id, each ``|``-separated."""
        got = self._xrefs.get(curie)
        if got is None:
            return None
        ncbi, ensembl, uniprot = got.split(_US)
        return ncbi, ensembl, uniprot

    def source(self, key: str) -> VocabSource | None:
        return next((s for s in self.sources if s.key == key), None)

    def keys(self) -> Iterator[str]:
        yield from self._names

    def first_words(self) -> dict[str, int]:
        """First word of the keys -> the most words a key starting with it has (the prose
        matcher looks up no longer run of words). Kept in the cached index: building it walks
        every key (about 0.3 s), which each build process would otherwise pay."""
        if not self._first and self._names:
            object.__setattr__(self, "_first", first_words_of(self._names))
        return self._first

    def __len__(self) -> int:
        return len(self._records)


def first_words_of(keys: Iterable[str]) -> dict[str, int]:
    """See :meth:`VocabIndex.first_words`."""
    table: dict[str, int] = {}
    for key in keys:
        first, _, rest = key.partition(" ")
        n = rest.count(" ") + 2 if rest else 1
        if n > table.get(first, 0):
            table[first] = n
    return table


def vocab_folder() -> Path:
    return Path(str(resources.files("kg").joinpath("data/vocab")))


def read_sources(folder: Path) -> tuple[VocabSource, ...]:
    data = json.loads((folder / "sources.json").read_text("utf-8"))["vocabularies"]
    return tuple(
        VocabSource(
            key=key,
            prefix=d["prefix"],
            release=d["release"],
            licence=d["licence"],
            package=d["package"],
            package_version=d["package_version"],
            sha256=d["sha256"],
            rows=d["rows"],
        )
        for key, d in sorted(data.items(), key=lambda kv: PRIORITY.index(kv[0]))
    )


def _rows(path: Path) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header: list[str] | None = None
        for line in fh:
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            yield cells


def _split(cell: str) -> list[str]:
    return [c for c in cell.split("|") if c]


def _add(names: dict[str, list[str]], name: str, cand: Candidate) -> int:
    key = normalise(name)
    if not key:
        return 0
    curie, kind, written, context = cand
    item = _US.join((curie, kind, written, "1" if context else ""))
    bucket = names.setdefault(key, [])
    if item not in bucket:
        bucket.append(item)
    return key.count(" ") + 1


def build_index(folder: Path) -> VocabIndex:
    """Parse the shipped files (slow path; :func:`shipped_vocabularies` caches the result)."""
    sources = read_sources(folder)
    names: dict[str, list[str]] = {}
    records: dict[str, str] = {}
    xrefs: dict[str, str] = {}
    longest = 1
    for src in sources:
        path = folder / f"{src.key}.tsv.gz"
        if src.key == "hgnc":
            for row in _rows(path):
                curie, symbol, gname, status, aliases, previous = row[:6]
                context = set(_split(row[11]))
                withdrawn = "" if status == "Approved" else "1"
                records[curie] = _US.join((symbol, withdrawn, row[10], src.key))
                if status != "Approved":
                    continue  # a withdrawn symbol is found as its replacement's previous symbol
                xrefs[curie] = _US.join((row[6], row[7], row[8]))
                for n, kind in (
                    (symbol, SYMBOL),
                    (gname, GENE_NAME),
                    *((p, PREVIOUS) for p in _split(previous)),
                    *((a, ALIAS) for a in _split(aliases)),
                ):
                    if n:
                        longest = max(longest, _add(names, n, (curie, kind, n, n in context)))
            continue
        for row in _rows(path):
            curie, label, synonyms, obsolete, replaced, context_cell = row
            records[curie] = _US.join((label, obsolete, replaced, src.key))
            if obsolete == "1":
                continue
            context = set(_split(context_cell))
            for n, kind in ((label, LABEL), *((s, SYNONYM) for s in _split(synonyms))):
                if n:
                    longest = max(longest, _add(names, n, (curie, kind, n, n in context)))
    return VocabIndex(
        sources=sources,
        _names={k: _RS.join(v) for k, v in names.items()},
        _records=records,
        _xrefs=xrefs,
        max_tokens=min(longest, 8),
        _first=first_words_of(names),
    )


def cache_dir() -> Path:
    """Where kg keeps parsed indexes between runs: ``$KG_CACHE_DIR``, else ``~/.cache/kg``."""
    env = os.environ.get("KG_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg"


def index_key(folder: Path) -> str:
    h = hashlib.sha256(f"kg-vocab-index-{INDEX_FORMAT}".encode())
    h.update((folder / "sources.json").read_bytes())
    return h.hexdigest()[:24]


def load_index(folder: Path) -> VocabIndex:
    """The index of ``folder``, from the cache when its key matches, else parsed and cached."""
    key = index_key(folder)
    cache = cache_dir() / f"vocab-{key}.marshal"
    sources = read_sources(folder)
    try:
        names, records, xrefs, longest, first = marshal.loads(cache.read_bytes())
        return VocabIndex(
            sources=sources,
            _names=names,
            _records=records,
            _xrefs=xrefs,
            max_tokens=longest,
            _first=first,
        )
    except (OSError, ValueError, EOFError, TypeError):
        pass
    index = build_index(folder)
    blob = marshal.dumps(
        (index._names, index._records, index._xrefs, index.max_tokens, index.first_words())
    )
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".vocab-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, cache)
    except OSError:
        pass  # no cache: the next build parses again
    return index


@lru_cache(maxsize=1)
def shipped_vocabularies() -> VocabIndex:
    """The shipped vocabularies (read once per process)."""
    return load_index(vocab_folder())
