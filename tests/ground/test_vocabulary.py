"""The shipped vocabularies (kg/data/vocab) and the grounding rules of issue 10.

Every expected id is looked up in the shipped files themselves (``rows`` reads the gzip TSV
directly, not through the index under test), never typed from memory.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import vocab as v
from kg.extract.model import Term
from kg.ground import Grounder
from kg.ground.categories import ANATOMY, CELL, DISEASE, GENE, SMALL_MOLECULE
from kg.ground.model import Match
from kg.ground.vocab_rules import choose
from kg.ground.vocabulary import build_index, load_index, vocab_folder
from tests.conftest import PAGE_FIXTURES_DIR as PAGES
from tests.extract.conftest import extract_text

FOLDER = vocab_folder()


def rows(key: str) -> Iterator[dict[str, str]]:
    """The rows of one shipped file as dicts (header line after the ``#`` metadata)."""
    with gzip.open(FOLDER / f"{key}.tsv.gz", "rt", encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if not ln.startswith("#")]
    header = lines[0].split("\t")
    for ln in lines[1:]:
        yield dict(zip(header, ln.split("\t"), strict=True))


def hgnc(symbol: str) -> dict[str, str]:
    (row,) = [r for r in rows("hgnc") if r["symbol"] == symbol and r["status"] == "Approved"]
    return row


def ontology_ids(key: str, name: str, column: str = "label") -> set[str]:
    found = set()
    for r in rows(key):
        names = r[column].split("|") if column == "synonyms" else [r[column]]
        if name in names and r["obsolete"] != "1":
            found.add(r["id"])
    return found


@pytest.fixture(scope="module")
def grounder() -> Grounder:
    return Grounder.load()


def test_sources_name_every_file_with_its_hash_release_and_licence() -> None:
    sources = json.loads((FOLDER / "sources.json").read_text())["vocabularies"]
    assert set(sources) == {"cl", "uberon", "mondo", "chebi", "ncbitaxon", "hgnc"}
    for key, s in sources.items():
        data = (FOLDER / f"{key}.tsv.gz").read_bytes()
        assert hashlib.sha256(data).hexdigest() == s["sha256"]
        assert s["release"] and s["licence"] and s["package"] and s["package_version"]
        with gzip.open(FOLDER / f"{key}.tsv.gz", "rt") as fh:
            head = fh.read(400)
        assert f"# release: {s['release']}" in head
    total = sum((FOLDER / f"{k}.tsv.gz").stat().st_size for k in sources)
    assert total < 8_000_000  # "a few MB compressed in all" (issue 10)


def test_the_cached_index_equals_the_parsed_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    first = load_index(FOLDER)  # parses and writes the cache
    (cache,) = tmp_path.glob("vocab-*.marshal")
    again = load_index(FOLDER)  # reads it
    assert again.find("APOE") == first.find("APOE") == build_index(FOLDER).find("APOE")
    cache.write_bytes(b"garbage")  # a damaged cache is parsed again, never trusted
    assert load_index(FOLDER).find("APOE") == first.find("APOE")


def test_approved_symbols_are_case_aware(grounder: Grounder) -> None:
    apoe = hgnc("APOE")["id"]
    assert grounder.ground_name("APOE").iri == v.expand(apoe)
    trem2 = hgnc("TREM2")["id"]
    # another case grounds in a gene row, never from a sentence
    assert grounder.ground_name("Trem2", GENE).iri == v.expand(trem2)
    assert grounder.ground_name("Trem2", prose=True).match is Match.UNGROUNDED


def test_a_withdrawn_symbol_resolves_to_its_replacement(grounder: Grounder) -> None:
    (withdrawn,) = [r for r in rows("hgnc") if r["symbol"] == "NURR1"]
    assert withdrawn["status"] != "Approved" and withdrawn["replaced_by"]
    term = grounder.ground_name("NURR1", GENE)
    assert term.iri == v.expand(withdrawn["replaced_by"]) == v.expand(hgnc("NR4A2")["id"])


def test_an_alias_of_several_genes_is_ambiguous_and_lists_them(grounder: Grounder) -> None:
    owners = {
        r["id"]
        for r in rows("hgnc")
        if r["status"] == "Approved" and "p62" in {a.lower() for a in r["aliases"].split("|")}
    }
    assert len(owners) > 1  # p62 (SQSTM1, NUP62 ...) and P62 (GTF2H1 ...)
    for written in ("p62", "P62"):
        lookup = grounder.lookup_name(written, GENE)
        assert lookup.term.match is Match.UNGROUNDED
        assert set(lookup.candidates) == owners
        assert set(lookup.term.candidates) == {v.expand(c) for c in owners}
        assert lookup.problem and "ambiguous" in lookup.problem
    # the page's context settles it: the page states SQSTM1's id
    sqstm1 = hgnc("SQSTM1")["id"]
    settled = grounder.ground_name("p62", GENE, context=frozenset({sqstm1}))
    assert settled.iri == v.expand(sqstm1) and settled.match is Match.ALIAS


def test_short_words_ground_only_in_context(grounder: Grounder) -> None:
    th = hgnc("TH")["id"]
    assert grounder.ground_name("TH").match is Match.UNGROUNDED  # no category: a word
    assert grounder.ground_name("TH", GENE).iri == v.expand(th)  # a gene row: the gene
    (cns,) = ontology_ids("uberon", "CNS", "synonyms")
    assert grounder.ground_name("CNS").match is Match.UNGROUNDED
    assert grounder.ground_name("CNS", ANATOMY).iri == v.expand(cns)
    for word in ("Approach", "Disease", "MS", "AR"):
        assert grounder.ground_name(word).match is Match.UNGROUNDED, word


def test_the_category_decides_the_vocabulary(grounder: Grounder) -> None:
    (als,) = ontology_ids("mondo", "ALS", "synonyms")
    assert grounder.ground_name("ALS", DISEASE).iri == v.expand(als)
    assert grounder.ground_name("ALS", ANATOMY).match is Match.UNGROUNDED
    (edaravone,) = ontology_ids("chebi", "edaravone")
    assert grounder.ground_name("Edaravone", SMALL_MOLECULE).iri == v.expand(edaravone)
    assert grounder.ground_name("edaravone", GENE).match is Match.UNGROUNDED


def test_names_from_held_out_pages_ground(grounder: Grounder) -> None:
    """Names issue 10 lists as ungrounded on 73 real pages, each with the id the file lists."""
    for symbol in ("APOE", "AQP4", "S100B", "SOX10", "MBP", "ABCA1", "SYK", "C3", "CD68"):
        assert grounder.ground_name(symbol, GENE).iri == v.expand(hgnc(symbol)["id"]), symbol
    for name, key in (
        ("substantia nigra", "uberon"),
        ("cerebral cortex", "uberon"),
        ("liver", "uberon"),
        ("Huntington disease", "mondo"),
        ("facial nucleus", "uberon"),
        ("trochlear nucleus", "uberon"),
        ("hypoglossal nucleus", "uberon"),
        ("glutamatergic neuron", "cl"),
    ):
        (expected,) = ontology_ids(key, name)
        assert grounder.ground_name(name).iri == v.expand(expected), name
    (oculomotor,) = ontology_ids("uberon", "oculomotor nucleus", "synonyms")
    assert grounder.ground_name("Oculomotor nucleus").iri == v.expand(oculomotor)
    # plural names: the singular form is tried
    (nucleus,) = ontology_ids("uberon", "facial nucleus")
    assert grounder.ground_name("facial nuclei", ANATOMY).match is Match.UNGROUNDED or (
        grounder.ground_name("facial nuclei", ANATOMY).iri == v.expand(nucleus)
    )


def test_neuron_classes_named_by_their_transmitter(grounder: Grounder) -> None:
    (glut,) = ontology_ids("cl", "glutamatergic neuron")
    term = grounder.ground_name("Glutamatergic", CELL)
    assert term.iri == v.expand(glut) and term.match is Match.ALIAS
    assert grounder.ground_name("Glutamatergic").match is Match.UNGROUNDED  # only for cells


def test_priority_between_vocabularies_with_equal_matches(grounder: Grounder) -> None:
    """A name that is a label in two vocabularies takes the first of PRIORITY (CL before
    MONDO before HGNC ...): fed real candidates of two real ids."""
    assert grounder.vocab is not None
    (cl_id,) = ontology_ids("cl", "motor neuron")
    (mondo_id,) = ontology_ids("mondo", "amyotrophic lateral sclerosis")
    cands = [(mondo_id, "label", "x", False), (cl_id, "label", "x", False)]
    assert choose(grounder.vocab, "x", None, candidates=cands).curie == cl_id
    # a better kind of match wins over the priority: a MONDO label over a CL synonym
    cands = [(mondo_id, "label", "x", False), (cl_id, "synonym", "x", False)]
    assert choose(grounder.vocab, "x", None, candidates=cands).curie == mondo_id


def test_statements_record_the_vocabulary_release(grounder: Grounder) -> None:
    term = grounder.ground_name("Huntington disease")
    mondo = next(s for s in grounder.vocab.sources if s.key == "mondo") if grounder.vocab else None
    assert mondo is not None and term.source == f"MONDO {mondo.release}"


def test_an_id_that_is_not_an_id_is_never_minted(grounder: Grounder) -> None:
    """`UniProtKB:Search` from a "Search UniProt" link is text, not an accession: a mention,
    never an identifier IRI; well-formed ids of the same databases are kept."""
    for text in (
        "UniProtKB:Search",
        "uniprotkb:Search UniProt",
        "https://identifiers.org/uniprot:Search",
        "NCBIGene:see",
        "ENSEMBL:Search",
        "HGNC:TREM2",
    ):
        term = grounder.ground_curie(text, label="Search UniProt")
        assert term.match is Match.UNGROUNDED, text
        assert term.iri.startswith(v.KG), text
    for text, iri in (
        ("UniProtKB:Q9NZC2", "https://identifiers.org/uniprot:Q9NZC2"),
        ("NCBIGene:54209", "https://identifiers.org/ncbigene:54209"),
        ("ENSEMBL:ENSG00000095970", "https://identifiers.org/ensembl:ENSG00000095970"),
    ):
        assert grounder.ground_curie(text).iri == iri


def test_a_search_link_in_an_infobox_mints_no_id() -> None:
    """The TREM2 infobox with its UniProt cell a search link and its NCBI Gene cell text."""
    text = (PAGES / "gene_infobox.txt").read_text("utf-8")
    accession = '<a href="https://www.uniprot.org/uniprot/Q9NZC2" target="_blank">Q9NZC2</a>'
    ncbi = '<a href="https://www.ncbi.nlm.nih.gov/gene/54209" target="_blank">54209</a>'
    assert accession in text and ncbi in text
    text = text.replace(
        accession, '<a href="https://www.uniprot.org/uniprotkb?query=TREM2">Search UniProt</a>'
    ).replace(ncbi, "see below")
    _, ex = extract_text(text)
    iris = {t.iri for a in ex.assertions for t in (a.subject, a.object) if isinstance(t, Term)}
    assert not {i for i in iris if "uniprot" in i.casefold() or "ncbigene" in i}
    # the same page with its real ids states them
    _, real = extract_text((PAGES / "gene_infobox.txt").read_text("utf-8"))
    real_iris = {
        t.iri for a in real.assertions for t in (a.subject, a.object) if isinstance(t, Term)
    }
    assert "https://identifiers.org/uniprot:Q9NZC2" in real_iris


def test_a_hyphen_between_words_meets_the_spaced_name(grounder: Grounder) -> None:
    """The seed's "Post-Polio Syndrome" is MONDO's exact synonym "Post Polio Syndrome"."""
    (expected,) = ontology_ids("mondo", "Post Polio Syndrome", "synonyms")
    assert not ontology_ids("mondo", "Post-Polio Syndrome", "synonyms")
    assert grounder.ground_name("Post-Polio Syndrome").iri == v.expand(expected)
    # a hyphen inside a symbol is not a word break: TDP-43 is listed as written
    assert grounder.ground_name("TDP-43").iri == v.expand(hgnc("TARDBP")["id"])
