"""The shipped lexicons of genes, diseases, drugs, species and anatomy (``kg/data/lexicon``).

Each ``*.tsv`` file has the header ``curie label category synonyms aliases source note``
(tab-separated; ``#`` lines are comments). ``synonyms`` and ``aliases`` are ``|``-separated;
``source`` says where the id was checked. A name matches an entry by its label
(:attr:`Match.EXACT_LABEL`), a synonym (:attr:`Match.EXACT_SYNONYM`) or an alias
(:attr:`Match.ALIAS`), compared by strict key and, failing that, by loose key
(``kg.ground.normalise``). When several entries answer, only those of the best kind
(label before synonym before alias) are returned; a caller treats two or more as ambiguous.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType

from kg import vocab as v
from kg.errors import InputError
from kg.ground.categories import category_iri, compatible
from kg.ground.model import Match
from kg.ground.normalise import loose, normalise

COLUMNS = ("curie", "label", "category", "synonyms", "aliases", "source", "note")
_RANK = {Match.EXACT_LABEL: 0, Match.EXACT_SYNONYM: 1, Match.ALIAS: 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class LexiconEntry:
    """One identifier with its names, category and the source that confirms it."""

    curie: str
    label: str
    category: str  # Biolink category IRI
    synonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    source: str
    note: str = ""
    where: str = ""  # FILE:LINE of the row

    def names(self) -> Iterable[tuple[str, Match]]:
        yield self.label, Match.EXACT_LABEL
        for s in self.synonyms:
            yield s, Match.EXACT_SYNONYM
        for a in self.aliases:
            yield a, Match.ALIAS


_Index = Mapping[str, tuple[tuple[str, Match], ...]]


def _index(entries: Iterable[LexiconEntry], key: Callable[[str], str]) -> _Index:
    table: dict[str, dict[str, Match]] = {}
    for e in entries:
        for name, match in e.names():
            k = key(name)
            if not k:
                continue
            found = table.setdefault(k, {})
            if e.curie not in found or _RANK[match] < _RANK[found[e.curie]]:
                found[e.curie] = match
    return MappingProxyType({k: tuple(sorted(d.items())) for k, d in table.items()})


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    """All lexicon entries, by CURIE and by name."""

    entries: Mapping[str, LexiconEntry]
    _strict: _Index = field(default_factory=dict, repr=False, compare=False)
    _loose: _Index = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, entries: Iterable[LexiconEntry]) -> Lexicon:
        table = {e.curie: e for e in sorted(entries, key=lambda e: e.curie)}
        return cls(
            entries=MappingProxyType(table),
            _strict=_index(table.values(), normalise),
            _loose=_index(table.values(), loose),
        )

    def get(self, curie: str) -> LexiconEntry | None:
        return self.entries.get(curie)

    def lookup(
        self, name: str, category: str | None = None
    ) -> tuple[tuple[LexiconEntry, Match], ...]:
        """Entries the name denotes, restricted to ``category`` (a Biolink IRI) when given."""
        for index, key in ((self._strict, normalise(name)), (self._loose, loose(name))):
            hits = [
                (self.entries[c], m)
                for c, m in index.get(key, ())
                if compatible(category, self.entries[c].category)
            ]
            if hits:
                best = min(_RANK[m] for _, m in hits)
                return tuple((e, m) for e, m in hits if _RANK[m] == best)
        return ()


def _split(cell: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in cell.split("|") if s.strip())


def _entry(row: dict[str, str], where: str, name: str, line: int) -> LexiconEntry:
    curie, label, category = row["curie"].strip(), row["label"].strip(), row["category"].strip()
    if not curie or not label or not row["source"].strip():
        raise InputError("a lexicon row needs a curie, a label and a source", path=name, line=line)
    try:
        v.expand(curie)
    except ValueError as exc:
        raise InputError(
            f"unknown prefix in {curie!r} (not in kg/data/prefixes.json)", path=name, line=line
        ) from exc
    if not category.startswith("biolink:"):
        raise InputError(
            f"category must be a Biolink CURIE, got {category!r}", path=name, line=line
        )
    return LexiconEntry(
        curie=curie,
        label=label,
        category=category_iri(category),
        synonyms=_split(row.get("synonyms") or ""),
        aliases=_split(row.get("aliases") or ""),
        source=row["source"].strip(),
        note=(row.get("note") or "").strip(),
        where=where,
    )


def read_lexicon_file(text: str, name: str) -> list[LexiconEntry]:
    """Entries of one TSV file (``name`` is used in error messages)."""
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln and not ln.startswith("#")]
    if not lines or tuple(lines[0][1].split("\t")) != COLUMNS:
        raise InputError(
            f"lexicon header must be {' '.join(COLUMNS)!r} (tab-separated)",
            path=name,
            line=lines[0][0] if lines else 1,
        )
    out = []
    reader = csv.DictReader([ln for _, ln in lines], delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _), row in zip(lines[1:], reader, strict=True):
        if None in row or any(value is None for value in row.values()):
            raise InputError(
                f"expected {len(COLUMNS)} tab-separated columns", path=name, line=number
            )
        out.append(_entry(row, f"{name}:{number}", name, number))
    return out


def _files(folder: Traversable) -> list[Traversable]:
    return sorted((f for f in folder.iterdir() if f.name.endswith(".tsv")), key=lambda f: f.name)


@lru_cache(maxsize=1)
def shipped_lexicon() -> Lexicon:
    """The lexicons shipped in ``kg/data/lexicon`` (read once per process)."""
    folder = resources.files("kg").joinpath("data/lexicon")
    entries: list[LexiconEntry] = []
    seen: dict[str, str] = {}
    for f in _files(folder):
        name = f"kg/data/lexicon/{f.name}"
        for e in read_lexicon_file(f.read_text("utf-8"), name):
            if e.curie in seen:
                raise InputError(
                    f"{e.curie} is already listed at {seen[e.curie]}",
                    path=name,
                    line=int(e.where.rsplit(":", 1)[1]),
                )
            seen[e.curie] = e.where
            entries.append(e)
    return Lexicon.build(entries)
