"""The Grounder: ids and names on a page -> IRIs, each with how the match was made.

Order of look-up for a name (:meth:`Grounder.ground_name`):

1. the loaded ontology (a Cell Ontology release, or the shipped module): exact label, then
   exact synonym, then the singular form of a plural name (``kg.ground.normalise``); a class
   counts only when its prefix implies a category (CL -> Cell, UBERON -> anatomy, ...);
2. the shipped lexicons (``kg/data/lexicon``): label, synonym, alias (``HB9`` -> MNX1);
3. for ``"A (B)"`` forms, A and B separately: the id both (or the only one) resolve to.

Only kinds compatible with ``category`` are considered (``kg.ground.categories``). A name
that resolves to two different ids is *ambiguous*: it stays an ungrounded mention and
:meth:`Grounder.lookup_name` says why. Ungrounded mentions are minted with
``vocab.mention_iri(name)``, so ``Als``/``ALS`` or ``Dam``/``DAM`` are one node.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg import vocab as v
from kg.ground.categories import (
    NAMED_THING,
    category_iri,
    compatible,
    prefix_category,
)
from kg.ground.facts import ontology_facts
from kg.ground.lexicon import Lexicon, shipped_lexicon
from kg.ground.model import Match, OntologyFact, Term
from kg.ground.normalise import split_parenthesised
from kg.ground.ontology import OntologyIndex, load_ontology
from kg.ground.wiki import wiki_slug, wiki_target

_RANK = {Match.EXACT_LABEL: 0, Match.EXACT_SYNONYM: 1, Match.ALIAS: 2}
_PREFIXES = {p.casefold(): p for p in v.PREFIX_MAP}


def shipped_module_path() -> Path:
    """Where the shipped Cell Ontology module is (``kg/data/cl-module.owl``)."""
    return Path(str(resources.files("kg").joinpath("data/cl-module.owl")))


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    curie: str
    match: Match
    category: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class NameLookup:
    """The result of grounding a name: the term, the ids considered, and any problem."""

    term: Term
    candidates: tuple[str, ...] = ()
    problem: str | None = None  # e.g. "ambiguous name 'X': HGNC:1, HGNC:2; left ungrounded"


@dataclass(frozen=True, slots=True, kw_only=True)
class Grounder:
    """Grounds CURIEs, names and wiki links; answers what kg may say about a term."""

    ontology: OntologyIndex
    lexicon: Lexicon
    fallback: OntologyIndex | None = None  # the shipped module when a release was loaded

    @classmethod
    def load(cls, ontology_paths: Sequence[Path] = ()) -> Grounder:
        """With no paths, the shipped module; with paths, those files merged (first wins)."""
        module = load_ontology(shipped_module_path())
        if not ontology_paths:
            return cls(ontology=module, lexicon=shipped_lexicon())
        merged = load_ontology(ontology_paths[0])
        for p in ontology_paths[1:]:
            merged = merged.merge(load_ontology(p))
        return cls(ontology=merged, lexicon=shipped_lexicon(), fallback=module)

    # -- ids --------------------------------------------------------------------------------
    def ground_curie(
        self, curie: str, label: str | None = None, category: str | None = None
    ) -> Term:
        """An id the page gives (``CL:0000100``, an OBO PURL, ``hgnc:4979``)."""
        raw = curie.strip()
        want = category_iri(category) if category else None
        std = standard_curie(raw)
        if std is None:
            if raw.startswith(("http://", "https://")):
                return Term(iri=raw, label=label, category=want, match=Match.ID_ON_PAGE)
            return _mention(label or raw, want)
        implied = prefix_category(std)
        cat = want if want and (implied is None or compatible(want, implied)) else implied
        return Term(
            iri=v.expand(std),
            label=label or self._label(std),
            category=cat,
            match=Match.ID_ON_PAGE,
        )

    # -- names ------------------------------------------------------------------------------
    def ground_name(self, name: str, category: str | None = None) -> Term:
        """A name on the page -> a grounded term, or an ungrounded mention (never a guess)."""
        return self.lookup_name(name, category).term

    def lookup_name(self, name: str, category: str | None = None) -> NameLookup:
        """Like :meth:`ground_name`, with the candidates and the reason when ungrounded."""
        want = category_iri(category) if category else None
        text = " ".join(name.split())
        found = self._resolve(text, want, cell=True)
        if not found and (parts := split_parenthesised(text)):
            found = _unique(
                self._resolve(parts[0], want, cell=True) + self._resolve(parts[1], want, cell=True)
            )
        curies = tuple(sorted({c.curie for c in found}))
        if len(curies) == 1:
            best = found[0]
            return NameLookup(
                term=Term(
                    iri=v.expand(best.curie), label=text, category=best.category, match=best.match
                ),
                candidates=curies,
            )
        problem = None
        if curies:
            problem = f"ambiguous name {text!r}: {', '.join(curies)}; left ungrounded"
        return NameLookup(term=_mention(text, want), candidates=curies, problem=problem)

    def _resolve(self, text: str, want: str | None, *, cell: bool) -> tuple[Candidate, ...]:
        """Best-ranked candidates for a name: the ontology first, then the lexicons.

        Ontology classes count only when their prefix gives a category compatible with
        ``want`` (a full CL release also holds imported UBERON, GO, PR classes)."""
        if not text:
            return ()
        if cell:
            hits = [
                Candidate(curie=c, match=m, category=prefix_category(c))
                for c, m in self.ontology.find(text)
            ]
            hits = [h for h in hits if h.category is not None and compatible(want, h.category)]
            if hits:
                best = min(_RANK[h.match] for h in hits)
                return tuple(h for h in hits if _RANK[h.match] == best)
        return tuple(
            Candidate(curie=e.curie, match=m, category=e.category)
            for e, m in self.lexicon.lookup(text, want)
        )

    # -- wiki links -------------------------------------------------------------------------
    def ground_wiki_path(self, path: str, text: str | None = None) -> Term:
        """A link to another wiki page: the lexicon's id when the link names an entry."""
        slug = wiki_slug(path)
        section, names = wiki_target(path, text)
        want = section
        if want is not None:
            for name in names:
                found = self._resolve(name, want, cell=False)
                if not found and (parts := split_parenthesised(name)):
                    found = _unique(
                        self._resolve(parts[0], want, cell=False)
                        + self._resolve(parts[1], want, cell=False)
                    )
                if len({c.curie for c in found}) == 1:
                    return Term(
                        iri=v.expand(found[0].curie),
                        label=text or name,
                        category=found[0].category,
                        match=Match.WIKI_LINK,
                    )
        cat = want if want and want != NAMED_THING else None
        return Term(iri=v.entity_iri(slug), label=text, category=cat, match=Match.WIKI_LINK)

    # -- what kg may state about a term ------------------------------------------------------
    def term_facts(self, iri: str) -> tuple[OntologyFact, ...]:
        """prefLabel, Biolink type, CL parents, deprecation and version for the terms graph."""
        curie = v.compress(iri)
        if curie is None:
            return ()
        category = prefix_category(curie)
        cls = self.ontology.get(curie)
        if cls is not None:
            return ontology_facts(iri, cls, category, self.ontology.version)
        if self.fallback is not None and (old := self.fallback.get(curie)) is not None:
            return ontology_facts(iri, old, category, None, labels_only=True)
        entry = self.lexicon.get(curie)
        if entry is not None:
            return ontology_facts(iri, None, entry.category, None, label=entry.label)
        return ()

    def category_of(self, iri: str) -> str | None:
        """The Biolink category of a grounded IRI, or None when kg cannot tell."""
        curie = v.compress(iri)
        if curie is None:
            return None
        entry = self.lexicon.get(curie)
        if entry is not None:
            return entry.category
        return prefix_category(curie)

    def _label(self, curie: str) -> str | None:
        for index in (self.ontology, self.fallback):
            if index is not None and (lbl := index.label(curie)):
                return lbl
        entry = self.lexicon.get(curie)
        return entry.label if entry else None


def standard_curie(raw: str) -> str | None:
    """``hgnc:4979`` -> ``HGNC:4979``; ``CL_0000100`` -> ``CL:0000100``; an IRI -> its CURIE."""
    if raw.startswith(("http://", "https://")):
        return v.compress(raw)
    prefix, sep, local = raw.partition(":")
    if not sep:
        prefix, sep, local = raw.partition("_")
    canonical = _PREFIXES.get(prefix.strip().casefold())
    local = local.strip()
    if canonical is not None and local.casefold().startswith(canonical.casefold() + ":"):
        local = local[len(canonical) + 1 :]  # HGNC:HGNC:4979, as UniProt writes it
    if not sep or not local or canonical is None or " " in local:
        return None
    return f"{canonical}:{local}"


def _unique(found: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Candidates by id, keeping the best match of each."""
    best: dict[str, Candidate] = {}
    for c in found:
        if c.curie not in best or _RANK[c.match] < _RANK[best[c.curie].match]:
            best[c.curie] = c
    return tuple(best[k] for k in sorted(best))


def _mention(label: str, category: str | None) -> Term:
    cat = category or NAMED_THING
    return Term(iri=v.mention_iri(label), label=label, category=cat, match=Match.UNGROUNDED)
