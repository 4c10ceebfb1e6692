"""Break statements, selectors, quotes and literals of the hand-written build.

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
    EXPRESSES,
    EXTRACTOR,
    HAS_SELECTOR,
    LABEL,
    LINE_DISEASE,
    LINE_DRUG,
    LINE_LINEAGE,
    LINE_MARKERS,
    MINI_TXT,
    MN,
    MNX1,
    PAGE,
    PRIMARY,
    RDF_TYPE,
    RILUZOLE,
    ROSEN,
    drop_statement,
    kgs,
    page_graph,
    selectors,
    set_literal,
    sh,
    statement,
    summary,
)

KGV = v.KGV
LINEAGE = URIRef(KGV + "lineage")
HAS_LOCATION = URIRef(v.OBO + "RO_0004026")


def at(line: int | None) -> str:
    return f"{MINI_TXT}:{line}" if line is not None else MINI_TXT


def test_a_statement_without_extractor(mini: rdflib.Dataset, in_fixtures) -> None:
    st = statement(mini, MN, EXPRESSES, MNX1)
    page_graph(mini).remove((st, EXTRACTOR, None))
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Violation",
            kgs("Statement-extractor"),
            sh("MinCountConstraintComponent"),
            str(st),
            str(EXTRACTOR),
            None,
            at(LINE_MARKERS),
        )
    }
    assert report.results[0].focus_label == "Motor Neurons —RO:0002292→ MNX1"


def test_a_statement_without_evidence_points_at_the_file(mini: rdflib.Dataset, in_fixtures) -> None:
    st = statement(mini, MN, LINEAGE)
    derived = URIRef(v.PROV + "wasDerivedFrom")
    page_graph(mini).remove((st, derived, None))
    assert summary(validate_graph(mini).results) == {
        (
            "Violation",
            kgs("Statement-evidence"),
            sh("MinCountConstraintComponent"),
            str(st),
            str(derived),
            None,
            at(None),
        )
    }


def test_a_fact_whose_statement_is_gone(mini: rdflib.Dataset, in_fixtures) -> None:
    drop_statement(mini, statement(mini, ALS, HAS_LOCATION, MN))
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Violation",
            kgs("FactEvidence"),
            kgs("FactEvidenceCheck"),
            str(ALS),
            str(HAS_LOCATION),
            f"<{MN}>",
            at(LINE_DISEASE),
        ),
        # the statement was the only one citing rosen1993
        (
            "Warning",
            kgs("Reference-cited"),
            sh("MinCountConstraintComponent"),
            str(ROSEN),
            f"^<{PRIMARY}>",
            None,
            at(LINE_DISEASE),
        ),
    }


def test_a_statement_about_a_triple_the_graph_does_not_assert(
    mini: rdflib.Dataset, in_fixtures
) -> None:
    st = statement(mini, MN, LINEAGE)
    page_graph(mini).remove((MN, LINEAGE, None))
    assert summary(validate_graph(mini).results) == {
        (
            "Violation",
            kgs("StatementAsserted"),
            kgs("StatementAssertedCheck"),
            str(st),
            v.RDF + "subject",
            f"<{MN}>",
            at(LINE_LINEAGE),
        )
    }


def test_empty_literals_in_a_fact_and_its_statement(mini: rdflib.Dataset, in_fixtures) -> None:
    set_literal(mini, RILUZOLE, LABEL, "Riluzole", Literal("  "))
    st = statement(mini, RILUZOLE, LABEL)
    report = validate_graph(mini)
    shape, comp = kgs("NonEmptyLiteralShape"), sh("SPARQLConstraintComponent")
    assert summary(report.results) == {
        ("Violation", shape, comp, str(RILUZOLE), str(LABEL), '"  "', at(LINE_DRUG)),
        ("Violation", shape, comp, str(st), v.RDF + "object", '"  "', at(LINE_DRUG)),
    }
    assert report.results[0].message == (
        "Empty literal: an empty or blank value is a value the page did not give"
    )
    labels = {r.focus_label for r in report.results}
    assert "riluzole" in labels  # the preferred label, not the empty page label


def test_a_quote_selector_without_its_text(mini: rdflib.Dataset, in_fixtures) -> None:
    sel = selectors(mini, statement(mini, MN, LINEAGE))[0]
    quote = URIRef(str(sel) + "-quote")
    exact = URIRef(v.OA + "exact")
    page_graph(mini).remove((quote, exact, None))
    assert summary(validate_graph(mini).results) == {
        (
            "Violation",
            kgs("Quote-exact"),
            sh("MinCountConstraintComponent"),
            str(quote),
            str(exact),
            None,
            at(LINE_LINEAGE),
        )
    }


def test_a_selector_with_lines_backwards_and_a_lost_part(mini: rdflib.Dataset, in_fixtures) -> None:
    sel = selectors(mini, statement(mini, RILUZOLE, URIRef(v.OBO + "RO_0002606")))[0]
    g = page_graph(mini)
    line_start = URIRef(KGV + "lineStart")
    g.set((sel, line_start, Literal(20, datatype=XSD.integer)))
    g.remove((sel, HAS_SELECTOR, URIRef(str(sel) + "-quote")))
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Violation",
            kgs("Selector-lineStart"),
            sh("LessThanOrEqualsConstraintComponent"),
            str(sel),
            str(line_start),
            '"20"^^<http://www.w3.org/2001/XMLSchema#integer>',
            at(20),
        ),
        (
            "Violation",
            kgs("Selector-parts"),
            sh("MinCountConstraintComponent"),
            str(sel),
            str(HAS_SELECTOR),
            None,
            at(20),
        ),
        (
            "Violation",
            kgs("Part-selector"),
            sh("MinCountConstraintComponent"),
            str(sel) + "-quote",
            f"^<{HAS_SELECTOR}>",
            None,
            at(None),
        ),
        (
            "Violation",
            kgs("QuoteMatchesSource"),
            kgs("QuoteMatchesSourceCheck"),
            str(sel),
            str(line_start),
            '"20"^^<http://www.w3.org/2001/XMLSchema#integer>',
            at(20),
        ),
    }
    mismatch = next(r for r in report.results if r.source_shape == kgs("QuoteMatchesSource"))
    assert mismatch.message == (
        f"kgv:lineStart says line 20, but offset {_offset(mini, sel)} is on line {LINE_DRUG} "
        f"(the span ends on line {LINE_DRUG})"
    )


def test_a_selector_with_two_quotes_and_no_position(mini: rdflib.Dataset, in_fixtures) -> None:
    sel = selectors(mini, statement(mini, MN, LINEAGE))[0]
    pos = URIRef(str(sel) + "-pos")
    g = page_graph(mini)
    g.remove((pos, RDF_TYPE, URIRef(v.OA + "TextPositionSelector")))
    g.add((pos, RDF_TYPE, URIRef(v.OA + "TextQuoteSelector")))
    g.add((pos, URIRef(v.OA + "exact"), Literal("- Full Lineage")))
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Violation",
            kgs("SelectorParts"),
            kgs("SelectorPartsCheck"),
            str(sel),
            str(HAS_SELECTOR),
            None,
            at(LINE_LINEAGE),
        )
    }
    assert report.results[0].message == (
        "A selector has exactly one position and one quote part "
        "(oa:hasSelector); here: 0 position, 2 quote"
    )


def test_a_quote_that_is_not_the_page_text(mini: rdflib.Dataset, in_fixtures) -> None:
    sel = selectors(mini, statement(mini, MN, LINEAGE))[0]
    quote = URIRef(str(sel) + "-quote")
    exact = URIRef(v.OA + "exact")
    page_graph(mini).set((quote, exact, Literal("- Full Lineage: Neuron > Motor neuron")))
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Violation",
            kgs("QuoteMatchesSource"),
            kgs("QuoteMatchesSourceCheck"),
            str(sel),
            str(exact),
            '"- Full Lineage: Neuron > Motor neuron"',
            at(LINE_LINEAGE),
        )
    }
    assert "(the file has '- Full Lineage: Neuron > Glutamatergic > Motor neur" in (
        report.results[0].message
    )


def test_a_source_file_changed_since_the_build(mini: rdflib.Dataset, tmp_path, monkeypatch) -> None:
    from tests.validate.conftest import FIXTURES

    text = (FIXTURES / MINI_TXT).read_text("utf-8").replace("Riluzole", "Edaravone")
    (tmp_path / MINI_TXT).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    report = validate_graph(mini)
    assert summary(report.results) == {
        (
            "Warning",
            kgs("SourceUnchanged"),
            kgs("SourceUnchangedCheck"),
            str(PAGE),
            v.DCTERMS + "identifier",
            _identifier(mini),
            at(1),
        )
    }
    assert "rebuild with `kg build`; quotes were not checked" in report.results[0].message


def _offset(ds: rdflib.Dataset, sel: URIRef) -> int:
    value = page_graph(ds).value(URIRef(str(sel) + "-pos"), URIRef(v.OA + "start"))
    assert isinstance(value, rdflib.Literal), sel
    return int(value)


def _identifier(ds: rdflib.Dataset) -> str:
    value = page_graph(ds).value(PAGE, URIRef(v.DCTERMS + "identifier"))
    return Literal(str(value)).n3()
