"""The prose name matcher (kg.extract.mentions): page-local names and remembered look-ups.

The speed-ups of issue 11 must not change an answer: a matcher extended with a page's names
finds what one trie holding every name finds, and a word run or name looked up again gets the
answer the first look-up got.
"""

from __future__ import annotations

from kg.extract import categories as cat
from kg.extract import mentions
from kg.extract.mentions import Mention, NameMatcher
from kg.ground import Grounder

SHARED = [
    ("astrocyte", "CL:0000127"),
    ("motor neuron", "CL:0000100"),
    ("SOD1", "HGNC:11179"),
    ("upper motor neuron", "CL:0000540"),
]
LOCAL = [
    ("astrocytes of the cortex", "page:s1"),  # the plural is the local trie's own word
    ("motor neuron", "page:entity"),  # the same name as a shared one: listed after it
    ("Upper Motor Neurons (UMNs)", "page:s2"),
    ("UMNs", "page:s2"),
    ("SOD1", "HGNC:11179"),  # an entry the shared trie already has
]
TEXTS = [
    "Astrocytes of the cortex and astrocytes support motor neurons.",
    "Upper motor neurons (UMNs) and UMNs; SOD1 and sod1 in astrocytes of the spinal cord.",
    "Motor neuron loss; upper motor neuron signs.",
]


def _found(m: NameMatcher, text: str) -> list[Mention]:
    return m.find(text)


def test_a_matcher_extended_with_page_names_finds_what_one_trie_of_all_names_finds() -> None:
    extended = NameMatcher.build(SHARED).extended(LOCAL)
    merged = NameMatcher.build([*SHARED, *LOCAL])
    for text in TEXTS:
        assert _found(extended, text) == _found(merged, text), text
    got = {(m.text, m.key) for t in TEXTS for m in extended.find(t)}
    assert ("Astrocytes of the cortex", "page:s1") in got
    assert ("motor neurons", "CL:0000100") in got  # the shared entry comes first
    assert ("UMNs", "page:s2") in got


def test_extending_leaves_the_shared_matcher_unchanged() -> None:
    shared = NameMatcher.build(SHARED)
    before = [shared.find(t) for t in TEXTS]
    shared.extended(LOCAL)
    assert [shared.find(t) for t in TEXTS] == before
    assert not any(m.key.startswith("page:") for found in before for m in found)


def test_vocabulary_look_ups_answer_the_same_when_remembered() -> None:
    g = Grounder.load()
    matcher = NameMatcher.build([], g.vocab)
    text = "Riluzole and edaravone act on motor neurons; SOD1 and TARDBP in ALS."
    mentions._HITS.clear()
    first = matcher.find(text)
    assert mentions._HITS and mentions._HITS[0][1]  # the runs were remembered
    assert matcher.find(text) == first
    mentions._HITS.clear()
    assert matcher.find(text) == first
    assert {m.text for m in first} >= {"Riluzole", "edaravone", "SOD1", "TARDBP", "ALS"}


def test_a_name_grounded_again_gets_the_same_answer_and_context_still_counts() -> None:
    g = Grounder.load()
    a = g.lookup_name("motor neurons", cat.CELL)
    assert g.lookup_name("motor neurons", cat.CELL) == a
    assert a.term.iri.endswith("CL_0000100")
    # another category is another question (not the remembered answer)
    gene = g.lookup_name("SOD1", cat.GENE).term
    assert gene.iri.endswith("hgnc:11179")
    assert g.lookup_name("SOD1", cat.DISEASE).term.iri != gene.iri


def test_the_cached_first_word_table_is_the_one_the_keys_give() -> None:
    """The table kept with the vocabulary index (issue 11) is the one its keys make."""
    from kg.ground.vocabulary import first_words_of

    vocab = Grounder.load().vocab
    assert vocab is not None
    table = vocab.first_words()
    assert table == first_words_of(vocab.keys())
    assert table["amyotrophic"] >= 3  # amyotrophic lateral sclerosis
