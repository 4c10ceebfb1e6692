"""An immutable index of an ontology's classes: labels, synonyms, parents, obsolescence.

``load_ontology(path)`` reads an OWL (RDF/XML) or OBO file — decided by its first bytes, not
its name — and never follows ``owl:imports``. Loading is cached per file (path, size and
modification time), so the several places that ask for the same release share one index.

Look-up by name (:meth:`OntologyIndex.find`) compares strict keys (``kg.ground.normalise``):
exact label first, then exact synonym; when neither finds the name and its last word looks
plural, the singular form is tried (``"Motor Neurons"`` -> ``"motor neuron"``). Obsolete
classes are never returned by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from kg.errors import InputError
from kg.ground.model import Match, OntologyClass, OntologyHeader
from kg.ground.normalise import normalise, singular_variants
from kg.ground.obo import read_obo
from kg.ground.owl import read_owl


def _name_index(classes: Iterable[OntologyClass], names: str) -> Mapping[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for c in classes:
        if c.deprecated:
            continue
        values = (c.label,) if names == "label" else c.exact_synonyms
        for value in values:
            if value:
                index.setdefault(normalise(value), []).append(c.curie)
    return MappingProxyType({k: tuple(sorted(set(v))) for k, v in index.items()})


@dataclass(frozen=True, slots=True, kw_only=True)
class OntologyIndex:
    """The classes of one ontology file (or several, merged), read-only."""

    classes: Mapping[str, OntologyClass]
    source: str  # path of the (first) file
    sources: tuple[str, ...] = ()
    version: str | None = None
    is_full_release: bool = True
    imports: tuple[str, ...] = ()  # declared, never followed
    _labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _synonyms: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def build(
        cls,
        classes: Iterable[OntologyClass],
        *,
        source: str,
        header: OntologyHeader | None = None,
        sources: tuple[str, ...] = (),
        is_full_release: bool | None = None,
    ) -> OntologyIndex:
        """An index over ``classes`` (the first record of a CURIE wins)."""
        header = header or OntologyHeader()
        table: dict[str, OntologyClass] = {}
        for c in classes:
            table.setdefault(c.curie, c)
        ordered = dict(sorted(table.items()))
        return cls(
            classes=MappingProxyType(ordered),
            source=source,
            sources=sources or (source,),
            version=header.version,
            is_full_release=(not header.is_module) if is_full_release is None else is_full_release,
            imports=header.imports,
            _labels=_name_index(ordered.values(), "label"),
            _synonyms=_name_index(ordered.values(), "synonym"),
        )

    # -- single classes --------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.classes)

    def __iter__(self) -> Iterator[str]:
        return iter(self.classes)

    def get(self, curie: str) -> OntologyClass | None:
        return self.classes.get(curie)

    def has(self, curie: str) -> bool:
        return curie in self.classes

    def label(self, curie: str) -> str | None:
        c = self.classes.get(curie)
        return c.label if c else None

    def synonyms(self, curie: str) -> tuple[str, ...]:
        """Exact synonyms (related / narrow / broad are on :meth:`get`)."""
        c = self.classes.get(curie)
        return c.exact_synonyms if c else ()

    def parents(self, curie: str) -> tuple[str, ...]:
        c = self.classes.get(curie)
        return c.parents if c else ()

    def ancestors(self, curie: str) -> frozenset[str]:
        """Every class reachable by parents (not including ``curie`` itself)."""
        seen: set[str] = set()
        todo = list(self.parents(curie))
        while todo:
            p = todo.pop()
            if p not in seen and p != curie:
                seen.add(p)
                todo.extend(self.parents(p))
        return frozenset(seen)

    def is_obsolete(self, curie: str) -> bool:
        c = self.classes.get(curie)
        return bool(c and c.deprecated)

    def replaced_by(self, curie: str) -> str | None:
        c = self.classes.get(curie)
        return c.replaced_by if c else None

    # -- names -----------------------------------------------------------------------------
    def find(self, name: str) -> tuple[tuple[str, Match], ...]:
        """Classes a name denotes: exact label matches, then exact synonyms (see module doc)."""
        for key in (normalise(name), *singular_variants(normalise(name))):
            found = tuple((c, Match.EXACT_LABEL) for c in self._labels.get(key, ()))
            found += tuple(
                (c, Match.EXACT_SYNONYM)
                for c in self._synonyms.get(key, ())
                if all(c != f for f, _ in found)
            )
            if found:
                return found
        return ()

    # -- combining -------------------------------------------------------------------------
    def merge(self, other: OntologyIndex) -> OntologyIndex:
        """Both indexes; for a CURIE in both, this one's record wins."""
        header = OntologyHeader(
            version=self.version or other.version,
            imports=tuple(dict.fromkeys(self.imports + other.imports)),
        )
        return OntologyIndex.build(
            [*self.classes.values(), *other.classes.values()],
            source=self.source,
            header=header,
            sources=tuple(dict.fromkeys(self.sources + other.sources)),
            is_full_release=self.is_full_release or other.is_full_release,
        )


def _sniff(path: Path) -> str:
    """``"owl"`` or ``"obo"`` from the first bytes of the file."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError as exc:
        raise InputError("ontology file not found", path=path) from exc
    except OSError as exc:
        raise InputError(f"cannot read the ontology file ({exc.strerror})", path=path) from exc
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text:
        raise InputError("the ontology file is empty", path=path, line=1)
    if text.startswith(b"<"):
        return "owl"
    if b"format-version:" in head or b"[Term]" in head or b"data-version:" in head:
        return "obo"
    raise InputError(
        "not an ontology kg can read: expected OWL in RDF/XML (starting with '<') or OBO "
        "(with a 'format-version:' header); convert other syntaxes with ROBOT",
        path=path,
        line=1,
    )


@lru_cache(maxsize=16)
def _load(resolved: str, size: int, mtime_ns: int) -> OntologyIndex:
    path = Path(resolved)
    reader = read_owl if _sniff(path) == "owl" else read_obo
    header, classes = reader(path)
    return OntologyIndex.build(classes, source=resolved, header=header)


def load_ontology(path: str | Path) -> OntologyIndex:
    """Read one ontology file (OWL RDF/XML or OBO). Never follows ``owl:imports``."""
    p = Path(path)
    if not p.is_file():
        raise InputError("ontology file not found" if not p.exists() else "not a file", path=p)
    stat = p.stat()
    return _load(str(p.resolve()), stat.st_size, stat.st_mtime_ns)
