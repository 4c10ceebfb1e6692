"""The Cell Ontology the build used, loaded with owlready2 for the ontology checks.

owlready2 gets its own ``World()`` (never the default world), in its own process that cannot
open a socket (:mod:`kg.validate.sandbox`), and never sees an ``owl:imports``: the file is
parsed and every import element, in whatever spelling, is removed before owlready2 reads it
(:mod:`kg.validate.owl_xml`; the 2026 editors' file declares remote imports; kg never touches
the network). For the reasoner axiom annotations (``owl:Axiom`` blocks) are removed too.

:class:`Ontology` answers what the checks ask: does a class exist, is it obsolete, its label
and exact synonyms, its named ancestors (``rdfs:subClassOf`` plus the genus of an
``owl:equivalentClass`` intersection; optionally ``RO:0002202 develops from`` fillers), and
which classes a name denotes (kg.ground.normalise keys, singular forms tried).
OBO files, which owlready2 cannot read, are answered from kg.ground's ontology index instead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import vocab as v
from kg.errors import InputError
from kg.ground.model import MODULE_MARKER
from kg.ground.normalise import normalise, singular_variants
from kg.validate.ontology_cache import cache_key, read_cached, write_cached
from kg.validate.owl_xml import import_free_xml
from kg.validate.sandbox import run_isolated

CL_PURL = re.compile(r"^http://purl\.obolibrary\.org/obo/CL_[0-9]{7}$")
DEVELOPS_FROM = v.DEVELOPS_FROM
_OIO = "http://www.geneontology.org/formats/oboInOwl#"
_REPLACED_BY = v.IAO_REPLACED_BY


def ontology_bytes(path: Path, *, for_reasoner: bool = False) -> bytes:
    """The file as XML without import declarations (and, for HermiT, axiom annotations)."""
    return import_free_xml(path, for_reasoner=for_reasoner)


def is_obo(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise InputError(f"cannot read the ontology ({exc.strerror})", path=path) from None
    return not head.startswith(b"<")


@dataclass(slots=True, kw_only=True)
class Ontology:
    """Classes of one ontology file, read through owlready2 (or kg.ground for OBO)."""

    path: Path
    name: str  # the file name and version (for the notice)
    short: str  # the file name (for messages)
    is_module: bool  # the shipped module (or a file marked kgv:ontologyModule true)
    engine: str  # "owlready2" or "kg.ground index (OBO)"
    labels: dict[str, str] = field(default_factory=dict)
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    obsolete: set[str] = field(default_factory=set)
    replaced: dict[str, str] = field(default_factory=dict)
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    develops_from: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def has(self, iri: str) -> bool:
        return iri in self.parents

    def label(self, iri: str) -> str | None:
        return self.labels.get(iri)

    def names(self, iri: str) -> tuple[str, ...]:
        label = self.labels.get(iri)
        return ((label,) if label else ()) + self.synonyms.get(iri, ())

    def ancestors(self, iri: str, *, developmental: bool = False) -> set[str]:
        """Named superclasses (and, if asked, what it develops from), transitively."""
        seen: set[str] = set()
        todo = [iri]
        while todo:
            node = todo.pop()
            nxt = list(self.parents.get(node, ()))
            if developmental:
                nxt += self.develops_from.get(node, ())
            for p in nxt:
                if p not in seen and p != iri:
                    seen.add(p)
                    todo.append(p)
        return seen

    def find(self, name: str) -> tuple[str, ...]:
        """Live classes whose label or exact synonym is ``name`` (strict key, then singular)."""
        key = normalise(name)
        for k in (key, *singular_variants(key)):
            if k in self._names:
                return self._names[k]
        return ()

    def index_names(self) -> None:
        names: dict[str, set[str]] = {}
        for iri in self.parents:
            if iri in self.obsolete:
                continue
            for n in self.names(iri):
                names.setdefault(normalise(n), set()).add(iri)
        self._names = {k: tuple(sorted(s)) for k, s in names.items()}


def load(path: Path, *, shipped_module: Path | None = None) -> Ontology:
    """Read one ontology file for the checks (see the module docstring)."""
    if not path.is_file():
        raise InputError("ontology file not found", path=path)
    onto = _from_index(path) if is_obo(path) else _owl(path)
    if shipped_module is not None and path.resolve() == shipped_module.resolve():
        onto.is_module = True
    onto.index_names()
    return onto


#: What the parse cache keeps of an Ontology (the rest is the file's path, or derived).
_CACHED = (
    "name",
    "is_module",
    "engine",
    "labels",
    "synonyms",
    "obsolete",
    "replaced",
    "parents",
    "develops_from",
)


def _owl(path: Path) -> Ontology:
    """An OWL file through owlready2, or its tables from the parse cache (same content)."""
    key = cache_key(path)
    cached = read_cached(key)
    if cached is not None and set(cached) == set(_CACHED):
        return Ontology(path=path, short=path.name, **cached)
    onto = run_isolated(_from_owlready, path, where=path)
    write_cached(key, {name: getattr(onto, name) for name in _CACHED})
    return onto


def _from_owlready(path: Path) -> Ontology:
    """Run in the sandbox's child process (see :func:`load`)."""
    import owlready2

    data = ontology_bytes(path)
    world = owlready2.World()
    try:
        world.get_ontology(path.resolve().as_uri()).load(fileobj=io.BytesIO(data))
    except Exception as exc:  # owlready2 raises many types for unreadable files
        raise InputError(f"owlready2 cannot read this ontology ({exc})", path=path) from None
    onto = Ontology(
        path=path,
        name=_display_name(path, world),
        short=path.name,
        is_module=any(
            r[0] in (True, "true")
            for r in _sparql(world, f"SELECT ?o WHERE {{ ?x <{MODULE_MARKER}> ?o }}")
        ),
        engine="owlready2",
    )
    for c in world.classes():
        iri = c.iri
        if not iri.startswith(v.OBO):
            continue
        onto.parents[iri] = tuple(sorted(_named_parents(c, owlready2)))
        dev = _develops_from(c, owlready2)
        if dev:
            onto.develops_from[iri] = tuple(sorted(dev))
    for c, label in _sparql(world, "SELECT ?c ?l WHERE { ?c rdfs:label ?l }"):
        onto.labels.setdefault(_iri(c), str(label))
    syn: dict[str, list[str]] = {}
    for c, s in _sparql(world, f"SELECT ?c ?s WHERE {{ ?c <{_OIO}hasExactSynonym> ?s }}"):
        syn.setdefault(_iri(c), []).append(str(s))
    onto.synonyms = {k: tuple(sorted(set(s))) for k, s in syn.items()}
    onto.obsolete = {
        _iri(r[0]) for r in _sparql(world, "SELECT ?c WHERE { ?c owl:deprecated true }")
    }
    for c, r in _sparql(world, f"SELECT ?c ?r WHERE {{ ?c <{_REPLACED_BY}> ?r }}"):
        onto.replaced.setdefault(_iri(c), _iri(r))
    world.close()
    return onto


def _named_parents(cls: Any, owlready2: Any) -> Iterable[str]:
    for sup in list(cls.is_a) + list(cls.equivalent_to):
        if isinstance(sup, owlready2.ThingClass):
            if sup.iri != owlready2.Thing.iri and sup is not cls:
                yield sup.iri
        elif isinstance(sup, owlready2.And):
            for part in sup.Classes:
                if isinstance(part, owlready2.ThingClass) and part is not cls:
                    yield part.iri


def _develops_from(cls: Any, owlready2: Any) -> set[str]:
    out: set[str] = set()
    for sup in list(cls.is_a) + list(cls.equivalent_to):
        parts = sup.Classes if isinstance(sup, owlready2.And) else [sup]
        for part in parts:
            if (
                isinstance(part, owlready2.Restriction)
                and getattr(part.property, "iri", None) == DEVELOPS_FROM
                and isinstance(part.value, owlready2.ThingClass)
            ):
                out.add(part.value.iri)
    return out


def _sparql(world: Any, query: str) -> list[list[Any]]:
    return list(world.sparql(query, error_on_undefined_entities=False))


def _iri(node: Any) -> str:
    return str(getattr(node, "iri", node))


def _display_name(path: Path, world: Any) -> str:
    versions = _sparql(world, "SELECT ?v WHERE { ?o a owl:Ontology . ?o owl:versionIRI ?v }")
    if not versions:
        versions = _sparql(world, "SELECT ?v WHERE { ?o a owl:Ontology . ?o owl:versionInfo ?v }")
    return f"{path.name} ({_iri(versions[0][0])})" if versions else path.name


def _from_index(path: Path) -> Ontology:
    """An OBO file, read by kg.ground (owlready2 reads no OBO); the reasoner is skipped."""
    from kg.ground import load_ontology

    index = load_ontology(path)
    onto = Ontology(
        path=path,
        name=f"{path.name} ({index.version})" if index.version else path.name,
        short=path.name,
        is_module=not index.is_full_release,
        engine="kg.ground index (OBO: owlready2 reads no OBO)",
    )
    for curie in index:
        cls = index.get(curie)
        iri = _expand(curie)
        if cls is None or iri is None:
            continue
        onto.parents[iri] = tuple(p for p in map(_expand, cls.parents) if p)
        if cls.label:
            onto.labels[iri] = cls.label
        onto.synonyms[iri] = cls.exact_synonyms
        if cls.deprecated:
            onto.obsolete.add(iri)
        replaced = _expand(cls.replaced_by) if cls.replaced_by else None
        if replaced:
            onto.replaced[iri] = replaced
    return onto


def _expand(curie: str) -> str | None:
    if curie.startswith(("http://", "https://")):
        return curie
    return v.CONVERTER.expand(curie)
