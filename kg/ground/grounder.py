"""The Grounder: ids and names on a page -> IRIs, each with how the match was made.

Order of look-up for a name (:meth:`Grounder.ground_name`); the first layer that answers wins:

1. the loaded ontology (a Cell Ontology release passed with ``--ontology``, or the shipped
   module): exact label, then exact synonym, then the singular form of a plural name
   (``kg.ground.normalise``); a class counts only when its prefix implies a category;
2. the user's lexicons (``kg build --lexicon FILE``, SSSOM TSV; ``kg.ground.sssom``);
3. the curated lexicons (``kg/data/lexicon``): label, synonym, alias (``HB9`` -> MNX1);
4. the shipped vocabularies (``kg/data/vocab``: CL, MONDO, HGNC, UBERON, ChEBI, NCBITaxon)
   under the rules of ``kg.ground.vocab_rules`` (case-aware gene symbols, ambiguity,
   context-only words), the singular form of a plural name included;
5. for ``"A (B)"`` forms, A and B separately: the id both (or the only one) resolve to.

Only kinds compatible with ``category`` are considered (``kg.ground.categories``). A name
that resolves to two different ids is *ambiguous*: it stays an ungrounded mention with its
candidates (``kgv:ambiguous``, ``kgv:candidate``) and :meth:`Grounder.lookup_name` says why;
the page's context (ids it states) settles it when exactly one candidate is there.
Ungrounded mentions are minted with ``vocab.mention_iri(name)``, so ``Als``/``ALS`` are one node.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg import vocab as v
from kg.ground.categories import (
    CELL,
    GENE,
    NAMED_THING,
    category_iri,
    compatible,
    prefix_category,
)
from kg.ground.facts import ontology_facts
from kg.ground.id_syntax import is_local_id
from kg.ground.lexicon import Lexicon, LexiconEntry, shipped_lexicon
from kg.ground.model import Match, OntologyFact, Term
from kg.ground.normalise import normalise, singular_variants, split_parenthesised
from kg.ground.ontology import OntologyIndex, load_ontology
from kg.ground.vocab_rules import VOCAB_CATEGORY, choose, vocab_of
from kg.ground.vocabulary import VocabIndex, shipped_vocabularies
from kg.ground.wiki import wiki_slug, wiki_target

#: the source named on a match from the curated lexicons
CURATED = "kg curated lexicon"

_NEURON_CLASS = re.compile(r"^[A-Za-z]+ergic$")
#: (grounder, (name, category, context, prose) -> its answer): see Grounder.lookup_name
_LOOKUPS: list[tuple[Grounder, dict[tuple[str, str | None, frozenset[str], bool], NameLookup]]] = []
_LOOKUPS_MAX = 50_000
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
    source: str | None = None
    ambiguous: tuple[str, ...] = ()  # an ambiguous vocabulary answer: its candidates


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
    vocab: VocabIndex | None = None  # the shipped vocabularies
    user: tuple[tuple[str, Lexicon], ...] = ()  # --lexicon files: (display name, lexicon)

    @classmethod
    def load(cls, ontology_paths: Sequence[Path] = (), *, vocabularies: bool = True) -> Grounder:
        """With no paths, the shipped module; with paths, those files merged (first wins).

        Paths ending in ``.tsv`` are user lexicons (SSSOM TSV, ``kg build --lexicon``)."""
        from kg.ground.sssom import read_sssom_lexicon

        lexicons = [p for p in ontology_paths if p.name.endswith(".tsv")]
        ontologies = [p for p in ontology_paths if not p.name.endswith(".tsv")]
        user = tuple((f"--lexicon {p.name}", read_sssom_lexicon(p)) for p in lexicons)
        vocab = shipped_vocabularies() if vocabularies else None
        module = load_ontology(shipped_module_path())
        if not ontologies:
            return cls(ontology=module, lexicon=shipped_lexicon(), vocab=vocab, user=user)
        merged = load_ontology(ontologies[0])
        for p in ontologies[1:]:
            merged = merged.merge(load_ontology(p))
        return cls(
            ontology=merged, lexicon=shipped_lexicon(), fallback=module, vocab=vocab, user=user
        )

    def sources(self) -> tuple[tuple[str, str, str, str], ...]:
        """(IRI, title, sha256, licence) of every shipped vocabulary, for ``prov:used``."""
        out: list[tuple[str, str, str, str]] = []
        if self.vocab is not None:
            for s in self.vocab.sources:
                out.append((v.vocabulary_iri(s.key, s.release), s.title, s.sha256, s.licence))
        return tuple(out)

    # -- ids --------------------------------------------------------------------------------
    def ground_curie(
        self, curie: str, label: str | None = None, category: str | None = None
    ) -> Term:
        """An id the page gives (``CL:0000100``, an OBO PURL, ``hgnc:4979``)."""
        raw = curie.strip()
        want = category_iri(category) if category else None
        std = standard_curie(raw)
        if std is None:
            if raw.startswith(("http://", "https://")) and v.compress(raw) is None:
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
    def ground_name(
        self,
        name: str,
        category: str | None = None,
        *,
        context: frozenset[str] = frozenset(),
        prose: bool = False,
    ) -> Term:
        """A name on the page -> a grounded term, or an ungrounded mention (never a guess)."""
        return self.lookup_name(name, category, context=context, prose=prose).term

    def lookup_name(
        self,
        name: str,
        category: str | None = None,
        *,
        context: frozenset[str] = frozenset(),
        prose: bool = False,
    ) -> NameLookup:
        """Like :meth:`ground_name`, with the candidates and the reason when ungrounded.

        ``context`` holds the CURIEs the page states (they settle an ambiguous name);
        ``prose`` applies the stricter rules for names found in sentences. The answer depends
        on these arguments and the grounder's (fixed) indices only, so it is remembered: a
        name recurs in many sentences and pages."""
        if not _LOOKUPS or _LOOKUPS[0][0] is not self or len(_LOOKUPS[0][1]) > _LOOKUPS_MAX:
            _LOOKUPS[:] = [(self, {})]
        memo = _LOOKUPS[0][1]
        key = (name, category, context, prose)
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._lookup_name(name, category, context, prose)
        return found

    def _lookup_name(
        self, name: str, category: str | None, context: frozenset[str], prose: bool
    ) -> NameLookup:
        want = category_iri(category) if category else None
        text = " ".join(name.split())
        found = self._resolve(text, want, cell=True, context=context, prose=prose)
        if not found and want == CELL and _NEURON_CLASS.match(text):
            # a neuron class named by its transmitter, as CL names it: "Glutamatergic" in a
            # cell lineage is CL's "glutamatergic neuron"
            found = tuple(
                dataclasses.replace(c, match=Match.ALIAS)
                for c in self._resolve(f"{text} neuron", want, cell=True, context=context)
            )
        if not found and (parts := split_parenthesised(text)):
            found = _unique(
                self._resolve(parts[0], want, cell=True, context=context, prose=prose)
                + self._resolve(parts[1], want, cell=True, context=context, prose=prose)
            )
        unsure = tuple(sorted({c for f in found for c in f.ambiguous}))
        found = tuple(f for f in found if not f.ambiguous)
        curies = tuple(sorted({c.curie for c in found}))
        if len(curies) == 1:
            best = found[0]
            return NameLookup(
                term=Term(
                    iri=v.expand(best.curie),
                    label=text,
                    category=best.category,
                    match=best.match,
                    source=best.source,
                ),
                candidates=curies,
            )
        curies = curies or unsure
        problem = None
        if curies:
            problem = f"ambiguous name {text!r}: {', '.join(curies)}; left ungrounded"
        term = _mention(text, want, candidates=tuple(v.expand(c) for c in curies))
        return NameLookup(term=term, candidates=curies, problem=problem)

    def _resolve(
        self,
        text: str,
        want: str | None,
        *,
        cell: bool,
        context: frozenset[str] = frozenset(),
        prose: bool = False,
    ) -> tuple[Candidate, ...]:
        """Best-ranked candidates for a name, layer by layer (the module docstring).

        Ontology classes count only when their prefix gives a category compatible with
        ``want`` (a full CL release also holds imported UBERON, GO, PR classes)."""
        if not text:
            return ()
        if cell:
            hits = [
                Candidate(curie=c, match=m, category=prefix_category(c), source=self._onto_source)
                for c, m in self.ontology.find(text)
            ]
            hits = [h for h in hits if h.category is not None and compatible(want, h.category)]
            if hits:
                best = min(_RANK[h.match] for h in hits)
                return tuple(h for h in hits if _RANK[h.match] == best)
        for source, lexicon in (*self.user, (CURATED, self.lexicon)):
            found = tuple(
                Candidate(curie=e.curie, match=m, category=e.category, source=source)
                for e, m in lexicon.lookup(text, want)
                if _lexicon_ok(e, text, want, prose)
            )
            if found:
                return found
        if self.vocab is None:
            return ()
        for key in _vocab_keys(text):
            choice = choose(self.vocab, key, want, context=context, prose=prose)
            if not cell and choice.vocab == "cl":
                # a wiki link to a cell page names that page's entity, which the page decides
                # (an exact class or its own entity), not the vocabulary
                continue
            if choice.curie is not None and choice.vocab is not None and choice.match is not None:
                src = self.vocab.source(choice.vocab)
                return (
                    Candidate(
                        curie=choice.curie,
                        match=choice.match,
                        category=VOCAB_CATEGORY[choice.vocab],
                        source=f"{src.prefix} {src.release}" if src else None,
                    ),
                )
            if choice.ambiguous:
                return (
                    Candidate(
                        curie=choice.candidates[0],
                        match=Match.UNGROUNDED,
                        category=None,
                        ambiguous=choice.candidates,
                    ),
                )
        return ()

    @property
    def _onto_source(self) -> str:
        if not self.ontology.is_full_release:
            return "kg CL module"
        return f"CL {self.ontology.version}" if self.ontology.version else "CL (--ontology)"

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
        rec = self.vocab.record(curie) if self.vocab is not None else None
        if rec is not None and rec.label:
            return ontology_facts(iri, None, category, None, label=rec.label)
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

    def vocabulary_record(self, curie: str) -> tuple[str, str, bool, str] | None:
        """(vocabulary title, label, obsolete, replacement) of an id in the shipped releases."""
        if self.vocab is None or (rec := self.vocab.record(curie)) is None:
            return None
        src = self.vocab.source(rec.vocab)
        title = f"{src.prefix} {src.release}" if src else rec.vocab
        return title, rec.label, rec.obsolete, rec.replaced_by

    def ships(self, curie: str) -> bool:
        """Whether the shipped vocabularies cover the id's prefix (so absence means something)."""
        return vocab_of(curie) is not None and self.vocab is not None

    def _label(self, curie: str) -> str | None:
        for index in (self.ontology, self.fallback):
            if index is not None and (lbl := index.label(curie)):
                return lbl
        entry = self.lexicon.get(curie)
        if entry is not None:
            return entry.label
        rec = self.vocab.record(curie) if self.vocab is not None else None
        return rec.label or None if rec is not None else None


def standard_curie(raw: str) -> str | None:
    """``hgnc:4979`` -> ``HGNC:4979``; ``CL_0000100`` -> ``CL:0000100``; an IRI -> its CURIE."""
    if raw.startswith(("http://", "https://")):
        curie = v.compress(raw)
        if curie is None:
            return None
        prefix, _, local = curie.partition(":")
        return curie if is_local_id(prefix, local) else None
    prefix, sep, local = raw.partition(":")
    if not sep:
        prefix, sep, local = raw.partition("_")
    canonical = _PREFIXES.get(prefix.strip().casefold())
    local = local.strip()
    if canonical is not None and local.casefold().startswith(canonical.casefold() + ":"):
        local = local[len(canonical) + 1 :]  # HGNC:HGNC:4979, as UniProt writes it
    if not sep or not local or canonical is None or " " in local:
        return None
    if not is_local_id(canonical, local):
        return None  # "UniProtKB:Search" from a "Search UniProt" link: text, not an id
    return f"{canonical}:{local}"


_WORD_HYPHEN = re.compile(r"(?<=[^\W\d])-(?=[^\W\d])")


def _vocab_keys(text: str) -> tuple[str, ...]:
    """The names tried in the vocabularies: as written, its singular, and, for a hyphen between
    two words, the words spaced (``Post-Polio Syndrome`` is MONDO's ``Post Polio Syndrome``)."""
    keys = [text, *singular_variants(normalise(text))]
    spaced = _WORD_HYPHEN.sub(" ", text)
    if spaced != text:
        keys += [spaced, *singular_variants(normalise(spaced))]
    return tuple(keys)


def _lexicon_ok(entry: LexiconEntry, text: str, want: str | None, prose: bool) -> bool:
    """The vocabulary rules for lexicon names too: a two-letter token needs a category, and
    in prose a gene's symbol or alias must be written exactly as listed."""
    if want in (None, NAMED_THING) and text.isalpha() and len(text) <= 2:
        return False
    if prose and compatible(GENE, entry.category):
        return text in (entry.label, *entry.aliases, *entry.synonyms)
    return True


def _unique(found: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Candidates by id, keeping the best match of each."""
    best: dict[str, Candidate] = {}
    for c in found:
        if c.curie not in best or _RANK.get(c.match, 9) < _RANK.get(best[c.curie].match, 9):
            best[c.curie] = c
    return tuple(best[k] for k in sorted(best))


def _mention(label: str, category: str | None, candidates: tuple[str, ...] = ()) -> Term:
    cat = category or NAMED_THING
    return Term(
        iri=v.mention_iri(label),
        label=label,
        category=cat,
        match=Match.UNGROUNDED,
        candidates=candidates,
    )
