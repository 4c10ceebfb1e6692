"""Find the names of known entities in a sentence: a dictionary matcher over the grounder's names.

:class:`NameMatcher` has two sources of names. A token trie (pure Python; a few milliseconds to
build) holds the small sets: the curated lexicons and the loaded ontology (:func:`lexicon_names`)
and the page-local names (the page's own entity, entity headings such as ``Upper Motor Neurons
(UMNs)``, added per page with :meth:`NameMatcher.extended`). The shipped vocabularies (about
440,000 names, ``kg.ground.vocabulary``) are looked up by hashing each run of up to
``max_tokens`` tokens, so matching stays linear in the sentence and nothing is built per page;
their candidates go through the prose rules of ``kg.ground.vocab_rules`` (gene symbols as
written, ambiguous names and common words left out). The longest match wins; on equal length
the trie (curated and page-local names) wins.

Rules a curator would accept:

* longest match wins, left to right, on token boundaries;
* a name written in capitals (a gene symbol or an abbreviation: ``SOD1``, ``ALS``, ``HB9``) only
  matches the same capitals in the text; other names match case-insensitively, and a final plural
  ``s`` is allowed (``astrocytes``);
* short tokens that are also words (``TH``, ``AR``, ``MS``, ``CNS``, ``NF``, ``Approach``,
  ``Disease``) and names of two characters or fewer never match from prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.ground.normalise import normalise, singular_variants
from kg.ground.vocab_rules import choose

if TYPE_CHECKING:
    from kg.ground import Grounder
    from kg.ground.vocabulary import VocabIndex

#: never matched from a sentence's common words (issue 10's list, plus words the lexicons hold).
STOP_NAMES = frozenset(
    {
        "th",
        "ar",
        "ms",
        "cns",
        "nf",
        "approach",
        "disease",
        "cell",
        "cells",
        "atlas",
        "ra",
        "gene",
        "protein",
        "neuron",
        "neurons",
        "type",
        "all",
        "can",
        "was",
        "set",
        "not",
    }
)
_TOKEN = re.compile(r"[A-Za-z0-9α-ωΑ-Ω](?:[A-Za-z0-9α-ωΑ-Ω'’]|[-./+](?=[A-Za-z0-9α-ω]))*")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A name found in a text: its character range in that text and the name as listed."""

    start: int
    end: int
    text: str  # as written in the sentence
    name: str  # the listed name it matched
    key: str  # what it stands for: a CURIE, or a page-local key


def lexicon_names(grounder: Grounder) -> Iterator[tuple[str, str]]:
    """(name, CURIE) for every name the grounder can ground (lexicons and ontology classes)."""
    names = getattr(grounder, "names", None)
    if callable(names):  # a grounder that lists its own names (the full vocabularies)
        yield from names()
        return
    for entry in grounder.lexicon.entries.values():
        for name, _match in entry.names():
            yield name, entry.curie
    for curie in grounder.ontology:
        cls = grounder.ontology.get(curie)
        if cls is None or cls.deprecated:
            continue
        for synonym in (cls.label, *cls.exact_synonyms):
            if synonym:
                yield synonym, curie


def _fold(token: str) -> str:
    t = token.lower().replace("’", "'")
    return t


def _is_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) * 2 > len(letters)


class NameMatcher:
    """A token trie of names (see the module docstring)."""

    __slots__ = ("_local", "_root", "_vocab")

    def __init__(
        self,
        root: dict[str, object] | None = None,
        vocab: VocabIndex | None = None,
        local: dict[str, object] | None = None,
    ):
        self._root: dict[str, object] = root if root is not None else {}
        self._vocab = vocab
        #: page-local names, looked up beside the shared trie as if merged into it
        self._local: dict[str, object] | None = local

    @classmethod
    def build(
        cls, names: Iterable[tuple[str, str]], vocab: VocabIndex | None = None
    ) -> NameMatcher:
        m = cls(vocab=vocab)
        m._add_all(names)
        return m

    def extended(self, names: Iterable[tuple[str, str]]) -> NameMatcher:
        """A matcher with more names (page-local ones); this matcher is left unchanged.

        The shared trie is not copied: the new names go into a small trie of their own that
        :meth:`find` walks beside it, with the answers a merged trie would give."""
        local = _copy(self._local) if self._local is not None else {}
        m = NameMatcher(self._root, self._vocab, local)
        m._add_all(names, local)
        return m

    def _add_all(
        self, names: Iterable[tuple[str, str]], root: dict[str, object] | None = None
    ) -> None:
        for name, key in names:
            tokens = [t.group(0) for t in _TOKEN.finditer(name)]
            folded = " ".join(tokens).lower()
            if not tokens or len(folded) <= 2 or folded in STOP_NAMES:
                continue
            node = self._root if root is None else root
            for t in tokens:
                node = node.setdefault(_fold(t), {})  # type: ignore[assignment]
            entries = node.setdefault("", [])
            assert isinstance(entries, list)
            entry = (name, key, _is_caps(name))
            if entry not in entries:
                entries.append(entry)

    def find(self, text: str) -> list[Mention]:
        """Longest matches, left to right, without overlap."""
        tokens = list(_TOKEN.finditer(text))
        words = [t.group(0) for t in tokens]
        starts = [t.start() for t in tokens]
        ends = [t.end() for t in tokens]
        keys = [_token_key(w) for w in words] if self._vocab is not None else []
        out: list[Mention] = []
        i = 0
        local = self._local
        n = len(tokens)
        while i < n:
            best: tuple[int, str, str] | None = None
            node: dict[str, object] | None = self._root
            mine: dict[str, object] | None = local
            for j in range(i, n):
                if mine is None:
                    node = _step(node, words[j])  # type: ignore[assignment]
                    if node is None:
                        break
                    hit = _accept(node, text[starts[i] : ends[j]]) if "" in node else None
                else:
                    node, mine = _step_both(node, mine, words[j])
                    if node is None and mine is None:
                        break
                    listed = (node is not None and "" in node) or (mine is not None and "" in mine)
                    hit = _accept_both(node, mine, text[starts[i] : ends[j]]) if listed else None
                if hit:
                    best = (j, *hit)
            if self._vocab is not None:
                longer = self._vocab_hit(text, starts, ends, keys, i, best[0] if best else i - 1)
                best = longer or best
            if best is None:
                i += 1
                continue
            j, name, key = best
            start, end = starts[i], ends[j]
            out.append(Mention(start=start, end=end, text=text[start:end], name=name, key=key))
            i = j + 1
        return out

    def _vocab_hit(
        self,
        text: str,
        starts: list[int],
        ends: list[int],
        keys: list[str],
        i: int,
        beyond: int,
    ) -> tuple[int, str, str] | None:
        """The longest run of tokens from ``i``, longer than ``beyond``, that the vocabularies
        name under the prose rules: (last token, the text as written, CURIE)."""
        vocab = self._vocab
        assert vocab is not None
        if not _HITS or _HITS[0][0] is not vocab or len(_HITS[0][1]) > _HITS_MAX:
            _HITS[:] = [(vocab, {}, {})]
        _, memo, reach = _HITS[0]
        word = keys[i]
        longest = reach.get(word)
        if longest is None:  # how many words a key starting with this one has (0: none)
            first = _first_words(vocab)
            longest = first.get(word, 0)
            if not longest and (" " in word or any(k in first for k in singular_variants(word))):
                longest = 1
            reach[word] = longest
        if not longest:
            return None  # no vocabulary key is this word (or its singular) or starts with it
        last = min(len(starts), i + min(longest, vocab.max_tokens)) - 1
        if last <= beyond:
            return None
        window = (text[starts[i] : ends[last]], last - i, beyond - i)
        if window in memo:
            got = memo[window]
            return None if got is None else (i + got[0], got[1], got[2])
        hit = self._vocab_run(text, starts, ends, keys, i, last, beyond)
        memo[window] = None if hit is None else (hit[0] - i, hit[1], hit[2])
        return hit

    def _vocab_run(
        self,
        text: str,
        starts: list[int],
        ends: list[int],
        keys: list[str],
        i: int,
        last: int,
        beyond: int,
    ) -> tuple[int, str, str] | None:
        vocab = self._vocab
        assert vocab is not None
        for j in range(last, beyond, -1):
            key = " ".join(keys[i : j + 1])
            if len(key) <= 2 or key in STOP_NAMES:
                continue
            written = text[starts[i] : ends[j]]
            for k in (key, *singular_variants(key)):
                if not vocab.has_key(k):
                    continue
                choice = choose(vocab, written, None, prose=True, candidates=vocab.find_key(k))
                if choice.curie is not None:
                    return j, written, choice.curie
        return None


#: per vocabulary: (the words from token ``i`` to the last that could start a name, as written;
#: how many tokens after ``i`` that is; how many after ``i`` a match must end beyond) -> the
#: look-up's answer relative to ``i``. A pure function of those words, so a word run met again
#: (in this sentence, page or any other) is answered from here: the same matches, faster. The
#: third table: a word -> the most words a vocabulary key starting with it has (0: none).
_HITS: list[
    tuple[VocabIndex, dict[tuple[str, int, int], tuple[int, str, str] | None], dict[str, int]]
] = []
_HITS_MAX = 100_000
_KEYS: dict[str, str] = {}


def _token_key(token: str) -> str:
    """``normalise`` of one token, remembered (a sentence's words recur across a corpus)."""
    key = _KEYS.get(token)
    if key is None:
        if len(_KEYS) > _HITS_MAX:
            _KEYS.clear()
        key = _KEYS[token] = normalise(token)
    return key


def _first_words(vocab: VocabIndex) -> dict[str, int]:
    """First word of the vocabularies' keys -> the most words a key starting with it has.

    A run of tokens from ``i`` can only be a key if a key starts with token ``i``'s key (a
    singular variant changes only the last word), so longer runs are not looked up. The table
    is kept with the vocabulary index (:meth:`VocabIndex.first_words`).
    """
    return vocab.first_words()


def _step(node: object, token: str) -> object | None:
    assert isinstance(node, dict)
    f = _fold(token)
    if f in node:
        return node[f]
    if len(f) > 3 and f.endswith("s") and f[:-1] in node:  # a plural: astrocytes
        return node[f[:-1]]
    if len(f) > 4 and f.endswith("es") and f[:-2] in node:
        return node[f[:-2]]
    return None


def _step_both(
    node: dict[str, object] | None, mine: dict[str, object] | None, token: str
) -> tuple[dict[str, object] | None, dict[str, object] | None]:
    """:func:`_step` in the merge of the shared trie's node and the page-local one."""
    f = _fold(token)
    a, b = node or {}, mine or {}
    if f in a or f in b:
        k = f
    elif len(f) > 3 and f.endswith("s") and (f[:-1] in a or f[:-1] in b):
        k = f[:-1]
    elif len(f) > 4 and f.endswith("es") and (f[:-2] in a or f[:-2] in b):
        k = f[:-2]
    else:
        return None, None
    return a.get(k), b.get(k)  # type: ignore[return-value]


def _accept_both(
    node: dict[str, object] | None, mine: dict[str, object] | None, written: str
) -> tuple[str, str] | None:
    """:func:`_accept` over the merged entries: the shared ones, then the page's new ones."""
    if mine is None or not mine.get(""):
        return _accept(node, written) if node is not None else None
    shared: list[tuple[str, str, bool]] = node.get("", []) if node is not None else []  # type: ignore[assignment]
    extra = [e for e in mine[""] if e not in shared]  # type: ignore[attr-defined]
    return _accept({"": [*shared, *extra]}, written)


def _accept(node: object, written: str) -> tuple[str, str] | None:
    assert isinstance(node, dict)
    entries = node.get("")
    if not entries:
        return None
    for name, key, caps in entries:  # type: ignore[union-attr]
        if caps and not _caps_match(name, written):
            continue
        return name, key
    return None


def _caps_match(name: str, written: str) -> bool:
    """A capitalised name matches only the same capitals (``SOD1`` / ``SOD1s``, not ``sod1``)."""
    a = re.sub(r"[^A-Za-z0-9]", "", name)
    b = re.sub(r"[^A-Za-z0-9]", "", written)
    return b == a or (b.endswith("s") and b[:-1] == a)


def _copy(node: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for k, val in node.items():
        out[k] = list(val) if k == "" else _copy(val)  # type: ignore[call-overload, arg-type]
    return out
