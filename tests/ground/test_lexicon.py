"""The shipped lexicons: well-formed, verified ids with sources, and name look-up."""

from __future__ import annotations

import pytest

from kg import vocab as v
from kg.errors import InputError
from kg.extract.model import Match
from kg.ground import shipped_lexicon
from kg.ground.categories import DISEASE, GENE, SMALL_MOLECULE
from kg.ground.lexicon import COLUMNS, Lexicon, LexiconEntry, read_lexicon_file

HEADER = "\t".join(COLUMNS)


def test_every_entry_has_an_expandable_id_a_category_and_a_source() -> None:
    lex = shipped_lexicon()
    assert len(lex.entries) >= 40
    prefixes = {curie.split(":", 1)[0] for curie in lex.entries}
    assert prefixes >= {"HGNC", "MONDO", "CHEBI", "NCBITaxon", "UBERON"}
    for curie, entry in lex.entries.items():
        assert v.expand(curie).startswith(("http://", "https://"))
        assert entry.category.startswith(v.BIOLINK)
        assert entry.source
        assert entry.where.startswith("kg/data/lexicon/") and entry.where.endswith(
            tuple("0123456789")
        )


@pytest.mark.parametrize(
    ("name", "curie", "match"),
    [
        ("HB9", "HGNC:4979", Match.ALIAS),
        ("MNX1", "HGNC:4979", Match.EXACT_LABEL),
        ("CTIP2", "HGNC:13222", Match.ALIAS),
        ("EAAT2", "HGNC:10940", Match.ALIAS),
        ("GLT-1", "HGNC:10940", Match.ALIAS),
        ("TDP-43", "HGNC:11571", Match.ALIAS),
        ("SMI-32", "HGNC:7737", Match.ALIAS),
        ("βIII-tubulin", "HGNC:20772", Match.ALIAS),
        ("NKX2.2", "HGNC:7835", Match.EXACT_LABEL),  # by the loose key
        ("Riluzole", "CHEBI:8863", Match.EXACT_LABEL),
        ("amyotrophic lateral sclerosis", "MONDO:0004976", Match.EXACT_LABEL),
        ("Kennedy disease", "OMIM:313200", Match.EXACT_SYNONYM),
        ("Mouse", "NCBITaxon:10090", Match.EXACT_SYNONYM),
        ("Zebra finch", "NCBITaxon:59729", Match.EXACT_SYNONYM),
    ],
)
def test_lookup(name: str, curie: str, match: Match) -> None:
    hits = shipped_lexicon().lookup(name)
    assert [(e.curie, m) for e, m in hits] == [(curie, match)]


def test_lookup_respects_the_category() -> None:
    lex = shipped_lexicon()
    assert lex.lookup("ALS", DISEASE)[0][0].curie == "MONDO:0004976"
    assert lex.lookup("ALS", GENE) == ()
    assert lex.lookup("riluzole", v.BIOLINK + "Drug")[0][0].category == SMALL_MOLECULE
    assert lex.lookup("MNX1", v.BIOLINK + "Protein")[0][0].curie == "HGNC:4979"


def test_labels_win_over_aliases_and_ties_are_all_returned() -> None:
    a = LexiconEntry(curie="HGNC:1", label="AAA", category=GENE, aliases=("X1",), source="t")
    b = LexiconEntry(curie="HGNC:2", label="X1", category=GENE, source="t")
    c = LexiconEntry(curie="HGNC:3", label="CCC", category=GENE, aliases=("AAA2", "Y"), source="t")
    d = LexiconEntry(curie="HGNC:4", label="DDD", category=GENE, aliases=("Y",), source="t")
    lex = Lexicon.build([a, b, c, d])
    assert [(e.curie, m) for e, m in lex.lookup("x1")] == [("HGNC:2", Match.EXACT_LABEL)]
    assert {e.curie for e, _ in lex.lookup("Y")} == {"HGNC:3", "HGNC:4"}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("curie\tlabel\n", 1, "lexicon header"),
        (f"# a comment\n{HEADER}\nFOO:1\tx\tbiolink:Gene\t\t\tsrc\t\n", 3, "unknown prefix"),
        (f"{HEADER}\nHGNC:1\tx\tGene\t\t\tsrc\t\n", 2, "Biolink CURIE"),
        (f"{HEADER}\nHGNC:1\tx\tbiolink:Gene\t\t\t\t\n", 2, "needs a curie, a label and a source"),
        (f"{HEADER}\nHGNC:1\tx\tbiolink:Gene\n", 2, "tab-separated columns"),
    ],
)
def test_bad_rows_name_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        read_lexicon_file(text, "genes.tsv")
    assert (err.value.path, err.value.line) == ("genes.tsv", line)
