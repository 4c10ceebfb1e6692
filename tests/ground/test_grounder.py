"""The Grounder API the extractors call: ids, names, wiki links and terms-graph facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import vocab as v
from kg.extract.model import Match, Value
from kg.ground import Grounder, load_ontology, shipped_module_path
from kg.ground.categories import CELL, DISEASE, GENE, NAMED_THING, PROTEIN, SMALL_MOLECULE, TAXON
from kg.ground.lexicon import Lexicon, LexiconEntry
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, shared_ontology

CL_MOTOR_NEURON = v.expand("CL:0000100")
MNX1 = v.expand("HGNC:4979")
ALS = v.expand("MONDO:0004976")


@pytest.fixture(scope="module")
def grounder() -> Grounder:
    return Grounder.load()


@pytest.mark.parametrize(
    ("seed", "name", "curie", "match", "category"),
    [
        (MOTOR_NEURONS_SEED, "Motor Neurons", "CL:0000100", Match.EXACT_LABEL, CELL),
        (IPSC_SEED, "HB9", "HGNC:4979", Match.ALIAS, GENE),
        (MOTOR_NEURONS_SEED, "Riluzole", "CHEBI:8863", Match.EXACT_LABEL, SMALL_MOLECULE),
        (MOTOR_NEURONS_SEED, "Mouse", "NCBITaxon:10090", Match.EXACT_SYNONYM, TAXON),
        (MOTOR_NEURONS_SEED, "Zebra finch", "NCBITaxon:59729", Match.EXACT_SYNONYM, TAXON),
        (IPSC_SEED, "ALS", "MONDO:0004976", Match.ALIAS, DISEASE),
        (IPSC_SEED, "HB9 (MNX1)", "HGNC:4979", Match.EXACT_LABEL, GENE),
        (IPSC_SEED, "TUBB3 (βIII-tubulin)", "HGNC:20772", Match.EXACT_LABEL, GENE),
        (
            IPSC_SEED,
            "Amyotrophic Lateral Sclerosis (ALS)",
            "MONDO:0004976",
            Match.EXACT_LABEL,
            DISEASE,
        ),
        (IPSC_SEED, "SMI-32", "HGNC:7737", Match.ALIAS, GENE),
        (IPSC_SEED, "NKX2.2", "HGNC:7835", Match.EXACT_LABEL, GENE),
        (
            MOTOR_NEURONS_SEED,
            "Kennedy Disease (X-linked SBMA)",
            "OMIM:313200",
            Match.EXACT_SYNONYM,
            DISEASE,
        ),
    ],
)
def test_seed_names(
    grounder: Grounder, seed: object, name: str, curie: str, match: Match, category: str
) -> None:
    assert name in seed.read_text("utf-8")  # type: ignore[attr-defined]
    term = grounder.ground_name(name)
    assert (term.iri, term.match, term.category, term.label) == (
        v.expand(curie),
        match,
        category,
        name,
    )


def test_case_variants_are_one_node(grounder: Grounder) -> None:
    assert grounder.ground_name("Als").iri == grounder.ground_name("ALS").iri == ALS
    dam, upper = grounder.ground_name("Dam"), grounder.ground_name("DAM")
    assert dam.iri == upper.iri == v.mention_iri("dam")
    assert dam.match is Match.UNGROUNDED


def test_unknown_names_become_flagged_mentions(grounder: Grounder) -> None:
    term = grounder.ground_name("Quux Cells of Nowhere")
    assert term.iri == v.mention_iri("Quux Cells of Nowhere")
    assert (term.label, term.category, term.match) == (
        "Quux Cells of Nowhere",
        NAMED_THING,
        Match.UNGROUNDED,
    )
    drug = grounder.ground_name("AMX0035 (Relyvrio)", "biolink:Drug")
    assert drug.iri == "https://scidex.ai/kg/mention-amx0035-relyvrio"
    assert drug.match is Match.UNGROUNDED
    assert grounder.ground_name("iPSC").match is Match.UNGROUNDED  # CL has no iPSC class


def test_category_restricts_the_lookup(grounder: Grounder) -> None:
    assert grounder.ground_name("Motor neuron", "biolink:Gene").match is Match.UNGROUNDED
    assert grounder.ground_name("ALS", "biolink:AnatomicalEntity").match is Match.UNGROUNDED
    assert grounder.ground_name("HB9", PROTEIN).iri == MNX1
    assert grounder.ground_name("motor neuron", "biolink:Cell").iri == CL_MOTOR_NEURON


def test_conflicting_parts_are_ambiguous(grounder: Grounder) -> None:
    found = grounder.lookup_name("SOD1 (FUS)")
    assert found.term.match is Match.UNGROUNDED
    assert found.candidates == ("HGNC:11179", "HGNC:4010")
    assert found.problem is not None and "ambiguous" in found.problem


def test_two_ids_for_one_alias_are_never_forced() -> None:
    lex = Lexicon.build(
        [
            LexiconEntry(curie="HGNC:1", label="AAA", category=GENE, aliases=("DUP",), source="t"),
            LexiconEntry(curie="HGNC:2", label="BBB", category=GENE, aliases=("DUP",), source="t"),
        ]
    )
    g = Grounder(ontology=load_ontology(shipped_module_path()), lexicon=lex)
    found = g.lookup_name("dup")
    assert found.term.match is Match.UNGROUNDED
    assert found.candidates == ("HGNC:1", "HGNC:2")
    assert found.problem == "ambiguous name 'dup': HGNC:1, HGNC:2; left ungrounded"


@pytest.mark.parametrize(
    ("raw", "iri", "category", "label"),
    [
        ("CL:0000100", CL_MOTOR_NEURON, CELL, "motor neuron"),
        ("CL_2000047", v.expand("CL:2000047"), CELL, "brainstem motor neuron"),
        ("http://purl.obolibrary.org/obo/CL_0000100", CL_MOTOR_NEURON, CELL, "motor neuron"),
        ("hgnc:4979", MNX1, GENE, "MNX1"),
        ("HGNC:HGNC:4979", MNX1, GENE, "MNX1"),
        ("NCBIGene:3110", "https://identifiers.org/ncbigene:3110", GENE, None),
        ("UniProtKB:P50219", "https://identifiers.org/uniprot:P50219", PROTEIN, None),
        (
            "OMIM:313200",
            "https://omim.org/entry/313200",
            DISEASE,
            "spinal and bulbar muscular atrophy",
        ),
        ("https://example.org/thing/1", "https://example.org/thing/1", None, None),
    ],
)
def test_ground_curie(
    grounder: Grounder, raw: str, iri: str, category: str | None, label: str | None
) -> None:
    term = grounder.ground_curie(raw)
    assert (term.iri, term.category, term.label, term.match) == (
        iri,
        category,
        label,
        Match.ID_ON_PAGE,
    )


def test_ground_curie_keeps_the_page_label_and_a_compatible_category(grounder: Grounder) -> None:
    term = grounder.ground_curie("HGNC:4979", label="HB9", category="biolink:Protein")
    assert (term.label, term.category) == ("HB9", PROTEIN)
    assert grounder.ground_curie("CL:0000100", category="biolink:Gene").category == CELL
    unknown = grounder.ground_curie("FOO:123", label="foo thing")
    assert (unknown.iri, unknown.match) == (
        v.mention_iri("foo thing"),
        Match.UNGROUNDED,
    )


@pytest.mark.parametrize(
    ("path", "text", "iri"),
    [
        ("/genes/sod1", "SOD1 Gene", v.expand("HGNC:11179")),
        ("/diseases/amyotrophic-lateral-sclerosis", "Amyotrophic Lateral Sclerosis", ALS),
        ("/wiki/diseases/als", None, ALS),
        ("https://scidex.ai/wiki/genes/mapt#function", "MAPT", v.expand("HGNC:6893")),
        ("/entities/c9orf72", "C9orf72 Gene", v.expand("HGNC:28337")),
        ("/cell-types/motor-neurons", "Motor Neurons", v.entity_iri("cell-types-motor-neurons")),
        (
            "/mechanisms/fus-als-ftd-causal-chain",
            "FUS Gene",
            v.entity_iri("mechanisms-fus-als-ftd-causal-chain"),
        ),
        ("/genes/not-a-gene", None, v.entity_iri("genes-not-a-gene")),
    ],
)
def test_ground_wiki_path(grounder: Grounder, path: str, text: str | None, iri: str) -> None:
    term = grounder.ground_wiki_path(path, text)
    assert (term.iri, term.match) == (iri, Match.WIKI_LINK)


def test_term_facts_for_a_cl_class(grounder: Grounder) -> None:
    facts = {(f.predicate, f.object) for f in grounder.term_facts(CL_MOTOR_NEURON)}
    assert (v.SKOS + "prefLabel", Value(value="motor neuron")) in facts
    assert (v.RDF_TYPE, CELL) in facts
    assert (v.RDFS + "subClassOf", v.expand("CL:0000527")) in facts
    versions = [o for p, o in facts if p == v.KGV + "ontologyVersion"]
    assert len(versions) == 1 and "2022-12-15" in versions[0].value  # type: ignore[union-attr]
    obsolete = {(f.predicate, f.object) for f in grounder.term_facts(v.expand("CL:0000717"))}
    assert (v.OWL + "deprecated", Value(value="true", datatype=v.XSD + "boolean")) in obsolete
    assert (v.OBO + "IAO_0100001", v.expand("CL:0008037")) in obsolete


def test_term_facts_for_lexicon_and_unknown_terms(grounder: Grounder) -> None:
    facts = grounder.term_facts(MNX1)
    assert [(f.predicate, f.object) for f in facts] == [
        (v.SKOS + "prefLabel", Value(value="MNX1")),
        (v.RDF_TYPE, GENE),
    ]
    assert grounder.term_facts(v.mention_iri("dam")) == ()
    assert grounder.term_facts(v.expand("CL:9999999")) == ()
    assert grounder.category_of(MNX1) == GENE
    assert grounder.category_of(CL_MOTOR_NEURON) == CELL
    assert grounder.category_of("https://example.org/x") is None


def test_a_release_replaces_the_module_which_stays_a_label_fallback() -> None:
    g = Grounder.load([shared_ontology("cl-basic.obo")])
    assert g.ontology.is_full_release
    assert g.ground_name("spinal cord motor neurons").iri == v.expand("CL:0011001")
    newer = v.expand("CL:4042025")  # in the shipped module, not in the 2022 release
    assert not g.ontology.has("CL:4042025")
    facts = g.term_facts(newer)
    assert [(f.predicate, f.object) for f in facts] == [
        (v.SKOS + "prefLabel", Value(value="substantia nigra dopaminergic neuron")),
        (v.RDF_TYPE, CELL),
    ]
    # the name is not in the release, so the shipped CL vocabulary answers, and says so
    named = g.ground_name("substantia nigra dopaminergic neuron")
    cl = next(s for s in g.vocab.sources if s.key == "cl") if g.vocab else None
    assert cl is not None
    assert (named.iri, named.source) == (newer, f"CL {cl.release}")


def test_imported_classes_of_a_release_keep_their_own_category(tmp_path: Path) -> None:
    release = tmp_path / "cl-with-imports.obo"
    release.write_text(
        "format-version: 1.2\n\n[Term]\nid: UBERON:0002240\nname: spinal cord\n\n"
        "[Term]\nid: GO:0005623\nname: cell part\n\n"
        "[Term]\nid: CL:0000100\nname: motor neuron\n",
        "utf-8",
    )
    g = Grounder.load([release])
    cord = g.ground_name("spinal cord")
    assert (cord.iri, cord.category) == (v.expand("UBERON:0002240"), v.BIOLINK + "AnatomicalEntity")
    assert g.ground_name("spinal cord", "biolink:Cell").match is Match.UNGROUNDED
    assert g.ground_name("cell part").match is Match.UNGROUNDED  # GO implies no category
    go_facts = g.term_facts(v.expand("GO:0005623"))
    assert [(f.predicate, f.object) for f in go_facts] == [
        (v.SKOS + "prefLabel", Value(value="cell part"))
    ]
    assert g.category_of(v.expand("GO:0005623")) is None
