"""What a drug's mechanism and name say it acts on (kg.extract.mechanism), and place names."""

from __future__ import annotations

from kg.extract.model import Assertion, PageExtraction, Term
from kg.vocab import terms as p
from tests.conftest import MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR, line_of
from tests.extract.conftest import extract_file, extract_text, find, iri, qualifier_values

SOD1, ALS = iri("HGNC:11179"), iri("MONDO:0004976")
RILUZOLE = iri("CHEBI:8863")
THERAPEUTIC = PAGE_FIXTURES_DIR / "therapeutic_infobox.txt"

#: a cell page whose infobox flattens a Drug | Mechanism table (the form of docs/page-format.md)
DRUG_TABLE = """Purkinje Cells
<table class="infobox infobox-cell">
<tr><th class="infobox-header" colspan="2">Purkinje Cells</th></tr>
<tr><td class="label">Drug</td><td>Mechanism</td></tr>
<tr><td class="label">Riluzole</td><td>Glutamate inhibition</td></tr>
<tr><td class="label">Tofersen (SOD1-ALS)</td><td>Antisense oligonucleotide</td></tr>
<tr><td class="label">AMX0035 (Relyvrio)</td><td>Mitochondrial/ER protection</td></tr>
<tr><td class="label">Edaravone</td><td>Free radical scavenger</td></tr>
</table>
"""


def _on_line(facts: list[Assertion], line: int) -> list[Assertion]:
    return [
        a for a in facts if any(e.span.first_line <= line <= e.span.last_line for e in a.evidence)
    ]


def _labelled(ex: PageExtraction, label: str) -> list[Assertion]:
    return [a for a in ex.assertions if a.subject.label == label]


def test_an_inhibition_mechanism_states_what_the_drug_inhibits() -> None:
    _, ex = extract_text(DRUG_TABLE)
    (fact,) = find(ex, s=RILUZOLE, p=p.NEGATIVELY_REGULATES)
    assert isinstance(fact.object, Term) and fact.object.label == "Glutamate"
    assert fact.relation_label == "Glutamate inhibition"


def test_the_bracket_of_a_drug_name_names_its_disease_and_target() -> None:
    """``Tofersen (SOD1-ALS)``: the ALS of SOD1 carriers; a brand name in brackets says nothing."""
    _, ex = extract_text(DRUG_TABLE)
    (tofersen,) = {a.subject.iri for a in _labelled(ex, "Tofersen")}
    assert find(ex, s=tofersen, p=p.IS_SUBSTANCE_THAT_TREATS, o=ALS)
    assert find(ex, s=tofersen, p=p.MOLECULARLY_INTERACTS_WITH, o=SOD1)
    amx = {a.subject.iri for a in _labelled(ex, "AMX0035")}
    assert amx and not find(ex, s=amx.pop(), p=p.IS_SUBSTANCE_THAT_TREATS)


def test_a_mechanism_naming_nothing_keeps_only_the_relation_to_the_cell() -> None:
    _, ex = extract_text(DRUG_TABLE)
    assert ex.entity is not None
    edaravone = [a for a in _labelled(ex, "Edaravone") if isinstance(a.object, Term)]
    facts = [a for a in edaravone if a.predicate not in (p.RDF_TYPE, p.UNGROUNDED)]
    assert [(a.predicate, a.object.iri) for a in facts] == [(p.BL_AFFECTS, ex.entity.iri)]  # type: ignore[union-attr]
    assert qualifier_values(facts[0], p.MECHANISM_OF_ACTION) == ["Free radical scavenger"]


def test_header_words_are_no_relation_label() -> None:
    _, ex = extract_text(DRUG_TABLE)
    assert find(ex, p=p.BL_AFFECTS)
    for a in ex.assertions:
        assert "Mechanism" not in (a.relation_label or ""), a
        assert a.subject.label not in ("Drug", "Mechanism"), a


def test_seed_mechanisms_with_their_rows() -> None:
    """Motor Neurons: riluzole inhibits glutamate; tofersen (SOD1-ALS) targets SOD1, treats ALS."""
    _, ex = extract_file(MOTOR_NEURONS_SEED)
    # the export holds the page twice; the second (complete) copy is the one read
    glutamate = line_of(MOTOR_NEURONS_SEED, "<td>Glutamate inhibition</td>", occurrence=2)
    assert _on_line(find(ex, s=RILUZOLE, p=p.NEGATIVELY_REGULATES), glutamate)
    tofersen = line_of(MOTOR_NEURONS_SEED, "Tofersen (SOD1-ALS)", occurrence=2)
    assert _on_line(find(ex, p=p.MOLECULARLY_INTERACTS_WITH, o=SOD1), tofersen)
    assert _on_line(find(ex, p=p.IS_SUBSTANCE_THAT_TREATS, o=ALS), tofersen)


def test_a_mechanism_bullet_names_the_target() -> None:
    """``- Mechanism: RNase H-mediated degradation of SOD1 mRNA`` on the Tofersen page."""
    _, ex = extract_file(THERAPEUTIC)
    assert ex.entity is not None
    facts = find(ex, s=ex.entity.iri, p=p.MOLECULARLY_INTERACTS_WITH, o=SOD1)
    assert _on_line(facts, line_of(THERAPEUTIC, "- Mechanism: RNase H"))
    assert _on_line(facts, line_of(THERAPEUTIC, "<td>SOD1 mRNA degradation via RNase H</td>"))


LOCATION = """Microglia
<table class="infobox infobox-cell">
<tr><th class="infobox-header" colspan="2">Microglia</th></tr>
<tr><td class="label">Location</td><td>Throughout CNS, regional heterogeneity</td></tr>
</table>
Upper Motor Neurons
- Location: Layer V of primary motor cortex
"""


def test_a_location_is_a_place_not_the_words_around_it() -> None:
    _, ex = extract_text(LOCATION)
    assert ex.entity is not None
    places = {
        a.object.label
        for a in find(ex, s=ex.entity.iri)
        if a.predicate in (p.LOCATED_IN, p.HAS_SOMA_LOCATION) and isinstance(a.object, Term)
    }
    assert "CNS" in places and "primary motor cortex" in places
    assert not [x for x in places if "heterogeneity" in (x or "") or "Throughout" in (x or "")]
    line = LOCATION.splitlines().index(next(s for s in LOCATION.splitlines() if "regional" in s))
    assert any(f":{line + 1}:" in problem and "heterogeneity" in problem for problem in ex.problems)
