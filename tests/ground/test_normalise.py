"""The one normalisation used for ontology and lexicon look-ups."""

from __future__ import annotations

import pytest

from kg.ground.normalise import loose, normalise, singular_variants, split_parenthesised


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("  Motor   Neurons. ", "motor neurons"),
        ("ALS", "als"),
        ("Als", "als"),
        ("TDP\u201343", "tdp-43"),  # en dash
        ("Alzheimer\u2019s disease", "alzheimer's disease"),
        ("**HB9**", "hb9"),
    ],
)
def test_normalise_gives_the_strict_key(raw: str, key: str) -> None:
    assert normalise(raw) == key


def test_loose_key_joins_separator_variants() -> None:
    assert loose("NKX2.2") == loose("NKX2-2") == "nkx22"
    assert loose("TDP43") == loose("TDP-43")
    assert loose("Alzheimer_s_Disease") == loose("Alzheimer's disease")
    assert loose("SOD1") != loose("SOD2")


@pytest.mark.parametrize(
    ("key", "singular"),
    [
        ("motor neurons", ("motor neuron",)),
        ("microglial cells", ("microglial cell",)),
        ("neural progenitors", ("neural progenitor",)),
        ("bodies", ("body",)),
        ("nucleus", ()),  # -us is not a plural
        ("glia", ()),
        ("als", ()),  # too short to be a plural
    ],
)
def test_singular_variants_change_only_the_last_word(key: str, singular: tuple[str, ...]) -> None:
    assert singular_variants(key) == singular


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("HB9 (MNX1)", ("HB9", "MNX1")),
        ("TUBB3 (βIII-tubulin)", ("TUBB3", "βIII-tubulin")),
        ("Amyotrophic Lateral Sclerosis (ALS)", ("Amyotrophic Lateral Sclerosis", "ALS")),
        ("MNX1", None),
        ("(ALS)", None),
        ("A (B) C", None),
    ],
)
def test_split_parenthesised(text: str, parts: tuple[str, str] | None) -> None:
    assert split_parenthesised(text) == parts
