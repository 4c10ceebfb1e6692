"""Break the page node, entity ids, references or the build activity of the hand-written build.

Each test changes motor_mini.trig in one way and checks the whole result set: severity,
shape, constraint, focus node, path, value and the FILE:LINE pointer (and the message).
"""

from __future__ import annotations

import rdflib
from rdflib import XSD, Literal, URIRef

from kg import vocab as v
from kg.validate import validate_graph
from tests.validate.conftest import (
    ALS,
    BUILD,
    LINE_DISEASE,
    LINE_DRUG,
    LINE_MARKERS,
    LINE_TITLE,
    MINI_TXT,
    MN,
    MNX1,
    PAGE,
    PRIMARY,
    RDF_TYPE,
    RILUZOLE,
    ROSEN,
    TERMS,
    kgs,
    page_graph,
    rename,
    sh,
    summary,
)

KGV = v.KGV
LINEAGE = URIRef(KGV + "lineage")
HAS_LOCATION = URIRef(v.OBO + "RO_0004026")


def at(line: int | None) -> str:
    return f"{MINI_TXT}:{line}" if line is not None else MINI_TXT


def test_the_fixture_conforms_with_no_result_at_all(mini: rdflib.Dataset, in_fixtures) -> None:
    report = validate_graph(mini)
    assert report.results == ()
    assert report.notices == ()
    assert report.pages == 1


def test_page_without_source_file_cannot_point_at_lines(mini: rdflib.Dataset, in_fixtures) -> None:
    page_graph(mini).remove((PAGE, URIRef(KGV + "sourceFile"), None))
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Violation",
            kgs("Page-sourceFile"),
            sh("MinCountConstraintComponent"),
            str(PAGE),
            KGV + "sourceFile",
            None,
            None,
        )
    }
    assert report.results[0].message.startswith("A page names exactly one source file")
    assert report.results[0].focus_label == "Motor Neurons"
    assert "(no kgv:sourceFile)" in report.notices[0]


def test_unknown_rendering_is_not_in_the_list(mini: rdflib.Dataset, in_fixtures) -> None:
    page_graph(mini).set((PAGE, URIRef(KGV + "shell"), Literal("weird")))
    assert summary(validate_graph(mini).results) == {
        (
            "Violation",
            kgs("Page-shell"),
            sh("InConstraintComponent"),
            str(PAGE),
            KGV + "shell",
            '"weird"',
            at(1),
        )
    }


def test_a_content_hash_that_is_not_sha256_is_reported_and_the_quotes_left_alone(
    mini: rdflib.Dataset, in_fixtures
) -> None:
    ident = URIRef(v.DCTERMS + "identifier")
    page_graph(mini).set((PAGE, ident, Literal("md5:abc")))
    assert summary(validate_graph(mini).results) == {
        (
            "Violation",
            kgs("Page-identifier"),
            sh("PatternConstraintComponent"),
            str(PAGE),
            str(ident),
            '"md5:abc"',
            at(1),
        )
    }


def test_cl_iri_that_is_not_an_obo_purl(mini: rdflib.Dataset, in_fixtures) -> None:
    bad = URIRef(v.OBO + "CL_000010")  # six digits
    rename(mini, MN, bad)
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Violation",
            kgs("CellTypeShape"),
            sh("PatternConstraintComponent"),
            str(bad),
            None,
            f"<{bad}>",
            at(LINE_TITLE),
        ),
        (
            "Violation",
            kgs("ClIriShape"),
            sh("OrConstraintComponent"),
            str(bad),
            None,
            f"<{bad}>",
            at(LINE_TITLE),
        ),
    }
    messages = {r.source_shape: r.message for r in report.results}
    assert (
        "OBO PURL (http://purl.obolibrary.org/obo/CL_ and 7 digits)"
        in messages[kgs("CellTypeShape")]
    )


def test_hgnc_iri_with_the_symbol_instead_of_the_number(mini: rdflib.Dataset, in_fixtures) -> None:
    bad = URIRef("https://identifiers.org/hgnc:MNX1")
    rename(mini, MNX1, bad)
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Violation",
            kgs("GeneShape"),
            sh("PatternConstraintComponent"),
            str(bad),
            None,
            f"<{bad}>",
            at(LINE_MARKERS),
        )
    }
    assert (
        "HGNC https://identifiers.org/hgnc:<number> (not the symbol)" in report.results[0].message
    )
    assert report.results[0].location is not None
    assert report.results[0].location.quote == (
        '<tr><td class="label">Key Markers</td><td>MNX1</td></tr>'
    )


def test_malformed_disease_and_drug_ids(mini: rdflib.Dataset, in_fixtures) -> None:
    bad_disease = URIRef(v.OBO + "MONDO_4976")
    bad_drug = URIRef(v.OBO + "CHEBI_riluzole")
    rename(mini, ALS, bad_disease)
    rename(mini, RILUZOLE, bad_drug)
    assert summary(validate_graph(mini).results) == {
        (
            "Violation",
            kgs("DiseaseShape"),
            sh("PatternConstraintComponent"),
            str(bad_disease),
            None,
            f"<{bad_disease}>",
            at(LINE_DISEASE),
        ),
        (
            "Violation",
            kgs("DrugShape"),
            sh("PatternConstraintComponent"),
            str(bad_drug),
            None,
            f"<{bad_drug}>",
            at(LINE_DRUG),
        ),
    }


def test_an_entity_with_two_preferred_labels_and_one_with_none(
    mini: rdflib.Dataset, in_fixtures
) -> None:
    pref = URIRef(v.SKOS + "prefLabel")
    mini.graph(TERMS).add((MNX1, pref, Literal("HB9")))
    mini.graph(TERMS).remove((ALS, pref, None))
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Violation",
            kgs("Entity-prefLabel"),
            sh("MaxCountConstraintComponent"),
            str(MNX1),
            str(pref),
            None,
            at(LINE_MARKERS),
        ),
        (
            "Violation",
            kgs("Entity-prefLabel"),
            sh("MinCountConstraintComponent"),
            str(ALS),
            str(pref),
            None,
            at(LINE_DISEASE),
        ),
    }
    assert {r.message for r in report.results} == {
        "Every entity has exactly one preferred label (skos:prefLabel in the terms graph)"
    }


def test_a_reference_nothing_cites(mini: rdflib.Dataset, in_fixtures) -> None:
    page_graph(mini).remove((None, PRIMARY, ROSEN))
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Warning",
            kgs("Reference-cited"),
            sh("MinCountConstraintComponent"),
            str(ROSEN),
            f"^<{PRIMARY}>",
            None,
            at(LINE_DISEASE),
        )
    }
    r = report.results[0]
    assert r.focus_label == "rosen1993"
    assert r.location is not None and r.location.quote == "[@rosen1993]"
    assert report.conforms() and not report.conforms(fail_on=r.severity)


def test_the_build_activity_must_not_record_a_time(mini: rdflib.Dataset, in_fixtures) -> None:
    build = mini.graph(BUILD)
    activity = next(build.subjects(RDF_TYPE, URIRef(v.PROV + "Activity")))
    started = URIRef(v.PROV + "startedAtTime")
    build.add((activity, started, Literal("2026-01-01T00:00:00", datatype=XSD.dateTime)))
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Violation",
            kgs("Activity-startTime"),
            sh("MaxCountConstraintComponent"),
            str(activity),
            str(started),
            None,
            None,
        )
    }
    assert report.results[0].page is None
    assert report.results[0].focus_label == "kg build"


def test_an_ungrounded_mention_with_a_malformed_iri(mini: rdflib.Dataset, in_fixtures) -> None:
    bad = URIRef(v.KG + "mention-Cell-Glutamatergic")
    terms = mini.graph(TERMS)
    terms.add((bad, RDF_TYPE, URIRef(v.BIOLINK + "Cell")))
    terms.add((bad, URIRef(v.SKOS + "prefLabel"), Literal("Glutamatergic")))
    terms.add((bad, URIRef(KGV + "ungrounded"), Literal(True)))
    assert summary(validate_graph(mini).results) == {
        (
            "Violation",
            kgs("MentionShape"),
            sh("PatternConstraintComponent"),
            str(bad),
            None,
            f"<{bad}>",
            None,
        )
    }
