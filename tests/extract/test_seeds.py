"""The facts of the two seed pages, asserted on their PageExtraction."""

from __future__ import annotations

from kg import vocab as v
from kg.extract.model import Match, PageExtraction
from kg.vocab import terms as p
from tests.extract.conftest import find, iri, literals, one, qualifier_values, references

MOTOR_NEURON = iri("CL:0000100")
BRAINSTEM_MOTOR_NEURON = iri("CL:2000047")
NEURON = iri("CL:0000540")
MNX1 = iri("HGNC:4979")  # HB9 is an alias of MNX1
ISL1 = iri("HGNC:6132")
CHAT = iri("HGNC:1912")
TUBB3 = iri("HGNC:20772")
MAP2 = iri("HGNC:6839")
RILUZOLE = iri("CHEBI:8863")
MOUSE, HUMAN = iri("NCBITaxon:10090"), iri("NCBITaxon:9606")
MACAQUE, ZEBRA_FINCH = iri("NCBITaxon:9539"), iri("NCBITaxon:59729")
ALS, SMA = iri("MONDO:0004976"), iri("MONDO:0001516")
IPSC_ENTITY = v.entity_iri("cell-types-ipsc-derived-motor-neurons")


# -- Motor Neurons ---------------------------------------------------------------------------


def test_motor_neurons_entity_is_the_cl_class(motor_neurons: PageExtraction) -> None:
    assert motor_neurons.entity is not None
    assert motor_neurons.entity.iri == MOTOR_NEURON
    assert motor_neurons.slug == "cell-types-motor-neurons"
    one(motor_neurons, MOTOR_NEURON, p.RDF_TYPE, v.BIOLINK + "Cell")
    assert not find(motor_neurons, s=MOTOR_NEURON, p=p.RDFS_LABEL)  # the class keeps CL's label
    same = one(motor_neurons, v.entity_iri("cell-types-motor-neurons"), p.SAME_AS, MOTOR_NEURON)
    assert same.object.match is Match.ID_ON_PAGE  # type: ignore[union-attr]
    # issue 11: the evidence is the smallest element, the cell holding the id, not the <tr>
    quote = same.evidence[0].quote
    assert "CL:0000100" in quote and "<tr>" not in quote and "<td" not in quote


def test_motor_neurons_links_the_narrower_brainstem_class(motor_neurons: PageExtraction) -> None:
    link = one(motor_neurons, MOTOR_NEURON, p.SKOS_NARROWER, BRAINSTEM_MOTOR_NEURON)
    assert "2000047" in link.evidence[0].quote
    assert not find(motor_neurons, s=BRAINSTEM_MOTOR_NEURON, p=p.SAME_AS)
    assert not find(motor_neurons, s=MOTOR_NEURON, p=p.SAME_AS)


def test_motor_neurons_drugs_with_mechanisms(motor_neurons: PageExtraction) -> None:
    mechanisms = {
        a.subject.label: a.object.value  # type: ignore[union-attr]
        for a in find(motor_neurons, p=p.MECHANISM_OF_ACTION)
    }
    assert mechanisms == {
        "Riluzole": "Glutamate inhibition",
        "Edaravone": "Free radical scavenger",
        "AMX0035": "Mitochondrial/ER protection",
        "Tofersen": "Antisense oligonucleotide",
    }
    affects = find(motor_neurons, p=p.BL_AFFECTS, o=MOTOR_NEURON)
    assert len(affects) == 4
    assert {a.relation_label for a in affects} == {None}  # a header row's words are no label
    assert {qualifier_values(a, p.MECHANISM_OF_ACTION)[0] for a in affects} == set(
        mechanisms.values()
    )
    assert (
        one(motor_neurons, RILUZOLE, p.BL_AFFECTS, MOTOR_NEURON).subject.match is Match.EXACT_LABEL
    )


def test_motor_neurons_species_with_conservation(motor_neurons: PageExtraction) -> None:
    levels = {
        taxon: qualifier_values(
            one(motor_neurons, MOTOR_NEURON, p.PRESENT_IN_TAXON, taxon), p.CONSERVATION_LEVEL
        )
        for taxon in (MOUSE, HUMAN, MACAQUE, ZEBRA_FINCH)
    }
    assert levels == {
        MOUSE: ["High"],
        HUMAN: ["Reference"],
        MACAQUE: ["High"],
        ZEBRA_FINCH: ["Moderate"],
    }
    assert len(find(motor_neurons, s=MOTOR_NEURON, p=p.PRESENT_IN_TAXON)) == 4


def test_motor_neurons_cranial_nerve_nuclei(motor_neurons: PageExtraction) -> None:
    nuclei = find(motor_neurons, s=MOTOR_NEURON, p=p.HAS_SOMA_LOCATION)
    nerves = {a.object.label: qualifier_values(a, p.CRANIAL_NERVE) for a in nuclei if a.qualifiers}  # type: ignore[union-attr]
    assert nerves["Oculomotor nucleus"] == ["III"]
    assert nerves["Ambiguus nucleus"] == ["IX", "X"]
    assert nerves["Hypoglossal nucleus"] == ["XII"]
    assert len(nerves) == 8


def test_motor_neurons_lineage_and_parent(motor_neurons: PageExtraction) -> None:
    lineage = one(motor_neurons, MOTOR_NEURON, p.LINEAGE, "Neuron > Glutamatergic > Motor neuron")
    assert lineage.evidence[0].extractor == "bullet.lineage"
    # "Glutamatergic" in a cell lineage is CL's glutamatergic neuron (issue 10: the seeds
    # ground it); the id is the one the shipped CL lists under that label
    from kg.ground.vocabulary import shipped_vocabularies

    (listed,) = {c[0] for c in shipped_vocabularies().find("glutamatergic neuron")}
    glutamatergic = v.expand(listed)
    claim = one(motor_neurons, MOTOR_NEURON, p.STATED_SUBCLASS_OF, glutamatergic)
    assert {e.extractor for e in claim.evidence} == {"bullet.parent", "bullet.lineage"}
    # issue 11: the chain's inner step is not a claim about glutamatergic neurons
    assert not find(motor_neurons, s=glutamatergic, p=p.STATED_SUBCLASS_OF)
    # regression (issue 11): a page's lineage is its claim, never a class axiom on a CL IRI
    assert not find(motor_neurons, s=MOTOR_NEURON, p=p.SUBCLASS_OF)
    assert not find(motor_neurons, s=glutamatergic, p=p.SUBCLASS_OF)
    assert "Glutamatergic" not in motor_neurons.ungrounded


def test_motor_neurons_metadata(motor_neurons: PageExtraction) -> None:
    one(motor_neurons, MOTOR_NEURON, p.WIKI_PAGE_ID, "wp-2643c9649cff")
    one(motor_neurons, MOTOR_NEURON, p.ENTITY_TYPE, "cell")
    assert not find(motor_neurons, p=p.KG_NODE_ID)  # the page says None
    assert literals(find(motor_neurons, p=p.MERGED_FROM)) == {
        "merged_at=2026-05-13",
        "unprefixed_id=cell-types-motor-neurons",
    }


def test_motor_neurons_wiki_link(motor_neurons: PageExtraction) -> None:
    """Regression (issue 11): the ``Related Pages`` link is navigation, not a relation."""
    link = one(motor_neurons, MOTOR_NEURON, p.RDFS_SEE_ALSO, ALS)
    assert [e.extractor for e in link.evidence] == ["link.wiki"]
    assert not find(motor_neurons, s=MOTOR_NEURON, p=p.BL_RELATED_TO, o=ALS)


# -- iPSC-Derived Motor Neurons -----------------------------------------------------------------


def test_ipsc_entity_is_minted_and_broadly_matched(ipsc: PageExtraction) -> None:
    assert ipsc.entity is not None and ipsc.entity.iri == IPSC_ENTITY
    match = one(ipsc, IPSC_ENTITY, p.SKOS_BROAD_MATCH, MOTOR_NEURON)
    assert qualifier_values(match, p.CONFIDENCE) == ["Medium"]
    assert {e.span.first_line for e in match.evidence} == {71, 87}  # both taxonomy tables
    assert not find(ipsc, p=p.SAME_AS)
    about_cl = {a.predicate for a in find(ipsc, s=MOTOR_NEURON)}
    assert about_cl <= {p.RDF_TYPE, p.RDFS_LABEL}  # only named and typed, no claim about it
    one(ipsc, IPSC_ENTITY, p.RDFS_LABEL, "iPSC-Derived Motor Neurons")


def test_ipsc_expresses_the_six_markers(ipsc: PageExtraction) -> None:
    smi32 = one(ipsc, IPSC_ENTITY, p.EXPRESSES, iri("HGNC:7737")).object  # SMI-32: NEFH
    markers = {
        a.object.iri  # type: ignore[union-attr]
        for a in find(ipsc, s=IPSC_ENTITY, p=p.EXPRESSES)
        if any(e.extractor in ("infobox.markers", "table.markers") for e in a.evidence)
    }
    assert markers == {MNX1, ISL1, CHAT, TUBB3, MAP2, smi32.iri}  # type: ignore[union-attr]
    hb9 = one(ipsc, IPSC_ENTITY, p.EXPRESSES, MNX1)
    assert hb9.object.match is Match.ALIAS  # type: ignore[union-attr]
    assert {e.extractor for e in hb9.evidence} >= {"infobox.markers", "table.markers"}
    assert qualifier_values(hb9, p.MARKER_TYPE) == ["Transcription Factor"]
    assert qualifier_values(hb9, p.MARKER_FUNCTION) == ["Motor neuron specification"]


def test_ipsc_markers_between_tags_attach_to_no_fact(ipsc: PageExtraction) -> None:
    """Regression (issue 11): markers after <tr>/</td> on lines 38-41 close no cell."""
    facts = find(ipsc, s=IPSC_ENTITY, p=p.STATED_SUBCLASS_OF) + find(ipsc, p=p.LINEAGE)
    assert facts
    for fact in facts:
        assert not {"donnelly2013", "kalkonde2022", "kino2015", "schizopoulos2024"} & references(
            fact
        )
    for key in ("donnelly2013", "kalkonde2022", "kino2015", "schizopoulos2024"):
        ref = v.reference_iri(key)
        one(ipsc, ref, p.RDF_TYPE, v.BIOLINK + "Publication")
        one(ipsc, ref, p.CITATION_KEY, key)


def test_ipsc_lineage_is_a_classification_claim(ipsc: PageExtraction) -> None:
    """Regression (issue 11): ``Stem Cell > iPSC > Motor Neuron`` is not develops-from."""
    one(ipsc, IPSC_ENTITY, p.LINEAGE, "Stem Cell > iPSC > Motor Neuron")
    ipsc_cell = v.mention_iri("iPSC")
    one(ipsc, IPSC_ENTITY, p.STATED_SUBCLASS_OF, ipsc_cell)
    assert not find(ipsc, s=ipsc_cell, p=p.STATED_SUBCLASS_OF)  # an inner step (issue 11)
    assert not [a for a in find(ipsc, p=p.DEVELOPS_FROM) if a.evidence[0].span.first_line < 60]
    assert not find(ipsc, p=p.SUBCLASS_OF)


def test_ipsc_is_a_model_of_its_diseases(ipsc: PageExtraction) -> None:
    """Regression (issue 11): an in-vitro model's Disease Relevance is model-of."""
    for disease in (ALS, SMA):
        fact = one(ipsc, IPSC_ENTITY, p.IS_MODEL_OF, disease)
        assert fact.biolink_predicate == p.BL_MODEL_OF
        assert not find(ipsc, disease, p.DISEASE_HAS_LOCATION, IPSC_ENTITY)


def test_ipsc_protocol_and_stages(ipsc: PageExtraction) -> None:
    one(ipsc, IPSC_ENTITY, p.PROTOCOL, "Directed Differentiation (21-30 days)")
    stages = literals(find(ipsc, s=IPSC_ENTITY, p=p.PROTOCOL_STAGE))
    assert stages == {
        "Stage 1: Neural Induction (Days 0-7)",
        "Stage 2: Motor Neuron Specification (Days 7-14)",
        "Stage 3: Neuronal Maturation (Days 14-30+)",
    }


def test_ipsc_links_to_other_pages(ipsc: PageExtraction) -> None:
    """The ``Related Pages`` list points to the linked pages' entities and relates nothing."""
    one(ipsc, IPSC_ENTITY, p.RDFS_SEE_ALSO, v.entity_iri("cell-types-motor-neurons"))
    one(ipsc, IPSC_ENTITY, p.RDFS_SEE_ALSO, iri("HGNC:11179"))  # [SOD1 Gene](/genes/sod1)
    assert not find(ipsc, s=IPSC_ENTITY, p=p.BL_RELATED_TO)


def test_ipsc_in_vitro_region_is_not_made_a_location(ipsc: PageExtraction) -> None:
    """Regression: "Brain Regions: In Vitro (Spinal Cord Patterning)" names a culture condition;
    stating a soma location "In Vitro" would invent a fact. It is reported at its line instead."""
    entity = ipsc.entity
    assert entity is not None
    assert not find(ipsc, entity.iri, p.HAS_SOMA_LOCATION)
    assert not find(ipsc, entity.iri, p.LOCATED_IN)
    assert any(
        "001_fc51c25c67a0d5c9.txt:" in w and "'In Vitro' is not an anatomical location" in w
        for w in ipsc.problems
    ), ipsc.problems
