"""The grounding rules applied to the shipped vocabularies' candidates (README, "Grounding").

* The category decides the vocabulary (:data:`VOCAB_CATEGORY`): a ``Gene`` row looks in HGNC
  only, a cell name in CL, and so on. A name with no category is tried against all of them; the
  best kind of match wins (label or approved symbol, then synonym, previous symbol or gene name,
  then alias), and between vocabularies with equally good matches the order of
  :data:`kg.ground.vocabulary.PRIORITY` decides (CL, MONDO, HGNC, UBERON, ChEBI, NCBITaxon).
* **Gene symbols are case-aware**: the approved symbol as written (``SOD1``), else a previous
  symbol as written (``NURR1`` -> NR4A2, the withdrawn symbol's replacement), else the approved
  symbol in another case (``Trem2``), else an alias. An alias that belongs to several genes,
  in any case (``p62``: SQSTM1, NUP62, DCTN4 ...; ``P62``: GTF2H1, IGF2BP2), is **ambiguous**.
* Ontology labels and exact synonyms match case-insensitively, except abbreviations written in
  capitals (``ALS``, ``SMA``), which match only the same capitals.
* Two ids of one vocabulary with equally good matches are ambiguous; the page's context (ids it
  states, its title's entity) settles it when exactly one candidate is there.
* A name flagged *context-only* (a common English word or a generic term, see
  ``ontologies/make_vocabularies.py``) grounds only when a category is given (the page's
  structure says it is a name); prose never matches it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection
from dataclasses import dataclass

from kg.ground.categories import (
    ANATOMY,
    CELL,
    DISEASE,
    GENE,
    NAMED_THING,
    SMALL_MOLECULE,
    TAXON,
    compatible,
)
from kg.ground.model import Match
from kg.ground.vocabulary import (
    ALIAS,
    GENE_NAME,
    LABEL,
    PREVIOUS,
    PRIORITY,
    RANK,
    SYMBOL,
    Candidate,
    VocabIndex,
)

#: the category each vocabulary's terms have
VOCAB_CATEGORY = {
    "cl": CELL,
    "hgnc": GENE,
    "mondo": DISEASE,
    "chebi": SMALL_MOLECULE,
    "uberon": ANATOMY,
    "ncbitaxon": TAXON,
}
_PREFIX_VOCAB = {
    "CL": "cl",
    "HGNC": "hgnc",
    "MONDO": "mondo",
    "CHEBI": "chebi",
    "UBERON": "uberon",
    "NCBITaxon": "ncbitaxon",
}
_MATCH = {
    LABEL: Match.EXACT_LABEL,
    SYMBOL: Match.EXACT_LABEL,
    "synonym": Match.EXACT_SYNONYM,
    GENE_NAME: Match.EXACT_SYNONYM,
    PREVIOUS: Match.ALIAS,
    ALIAS: Match.ALIAS,
}
_ALNUM = re.compile(r"[^A-Za-z0-9]")


@dataclass(frozen=True, slots=True, kw_only=True)
class VocabChoice:
    """What the shipped vocabularies say about a name."""

    curie: str | None  # the chosen id, None when nothing (or nothing unambiguous) answers
    match: Match | None = None
    vocab: str | None = None
    candidates: tuple[str, ...] = ()  # the ids considered at the deciding step
    ambiguous: bool = False
    by_context: bool = False


def vocab_of(curie: str) -> str | None:
    return _PREFIX_VOCAB.get(curie.split(":", 1)[0])


def is_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) * 2 > len(letters)


def same_caps(listed: str, written: str) -> bool:
    return _ALNUM.sub("", listed) == _ALNUM.sub("", written)


def choose(
    index: VocabIndex,
    name: str,
    category: str | None,
    *,
    context: Collection[str] = (),
    prose: bool = False,
    candidates: list[Candidate] | None = None,
) -> VocabChoice:
    """The id a name grounds to under the rules of the module docstring."""
    found = index.find(name) if candidates is None else candidates
    if not found:
        return VocabChoice(curie=None)
    allow_context_only = not prose and category not in (None, NAMED_THING)
    by_vocab: dict[str, list[Candidate]] = {}
    for cand in found:
        vocab = vocab_of(cand[0])
        if vocab is None or not compatible(category, VOCAB_CATEGORY[vocab]):
            continue
        if cand[3] and not allow_context_only:
            continue
        by_vocab.setdefault(vocab, []).append(cand)
    best: VocabChoice | None = None
    best_rank = 99
    for vocab in PRIORITY:
        cands = by_vocab.get(vocab)
        if not cands:
            continue
        got = _gene(cands, name, prose) if vocab == "hgnc" else _ontology(cands, name)
        if got is None:
            continue
        choice, rank = got
        if choice.ambiguous and context:
            inside = [c for c in choice.candidates if c in context]
            if len(inside) == 1:
                choice = VocabChoice(
                    curie=inside[0],
                    match=Match.ALIAS,
                    vocab=vocab,
                    candidates=choice.candidates,
                    by_context=True,
                )
        if rank < best_rank:
            best, best_rank = dataclasses.replace(choice, vocab=vocab), rank
    return best or VocabChoice(curie=None)


def _pick(cands: list[Candidate], rank: int) -> tuple[VocabChoice, int]:
    ids = tuple(sorted({c[0] for c in cands}))
    if len(ids) == 1:
        return VocabChoice(curie=ids[0], match=_MATCH[cands[0][1]], candidates=ids), rank
    return VocabChoice(curie=None, candidates=ids, ambiguous=True), rank


def _ontology(cands: list[Candidate], written: str) -> tuple[VocabChoice, int] | None:
    ok = [c for c in cands if not is_caps(c[2]) or same_caps(c[2], written)]
    if not ok:
        return None
    rank = min(RANK[c[1]] for c in ok)
    return _pick([c for c in ok if RANK[c[1]] == rank], rank)


def _gene(cands: list[Candidate], written: str, prose: bool) -> tuple[VocabChoice, int] | None:
    """Approved symbol as written, previous as written, symbol in another case, gene name, alias.

    In prose a symbol or alias must be written exactly as listed (``Trem2`` or ``sod1`` in a
    sentence are not taken); an alias is still ambiguous when another gene has it in any case."""
    steps = (
        (0, [c for c in cands if c[1] == SYMBOL and c[2] == written]),
        (1, [c for c in cands if c[1] == PREVIOUS and c[2] == written]),
        (1, [] if prose else [c for c in cands if c[1] == SYMBOL]),
        (1, [c for c in cands if c[1] == GENE_NAME]),
        (2, [c for c in cands if c[1] in (ALIAS, PREVIOUS)]),
    )
    for rank, hits in steps:
        if not hits:
            continue
        if prose and rank == 2 and not any(c[2] == written for c in hits):
            return None
        return _pick(hits, rank)
    return None
