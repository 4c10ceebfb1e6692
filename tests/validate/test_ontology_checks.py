"""Checks against the Cell Ontology: ids, obsolete ids, labels, lineage claims, the reasoner.

Builds are written from the hand-written fixture (tests/validate/conftest.py); the shipped
module is kg/data/cl-module.owl, the full releases are in ../shared/ontologies (skipped when
absent). Ids: CL:0000100 motor neuron, CL:0000540 neuron, CL:0000679 glutamatergic neuron,
CL:0000527 efferent neuron, CL:0000717 obsolete fusimotor neuron (replaced by CL:0008037
gamma motor neuron), CL:0000236 B cell (in the releases, not in the module), CL:4042025
substantia nigra dopaminergic neuron (in the 2026 editors' file only), CL:0000039 germ line
cell (disjoint with somatic cell, an ancestor of motor neuron, in the 2022 release).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib import Literal, URIRef

from kg import vocab as v
from kg.validate import Severity, validate_build
from kg.validate.ontology_checks import ontology_files
from kg.validate.report import Report
from tests.conftest import shared_ontology
from tests.validate.conftest import (
    LABEL,
    LINE_CL_ROW,
    LINE_LINEAGE,
    LINE_TITLE,
    MINI_TXT,
    MN,
    add_fact,
    kgs,
    page_graph,
    set_literal,
    statement,
    summary,
    write_build,
)

GLUT = URIRef(v.mention_iri("Glutamatergic"))
SUBCLASS = URIRef(v.RDFS + "subClassOf")
RELATED = URIRef(v.SKOS + "related")
CL = v.OBO + "CL_"


def _validate(ds: rdflib.Dataset, tmp_path: Path, **kw: Any) -> Report:
    kw.setdefault("reasoner", False)
    return validate_build(write_build(ds, tmp_path / "build"), **kw)


def _ontology(report: Report) -> set[tuple[object, ...]]:
    return summary(r for r in report.results if r.origin in ("ontology", "reasoner"))


def _cl_row(ds: rdflib.Dataset) -> URIRef:
    return statement(ds, MN, URIRef(v.RDF_TYPE))


def test_lineage_the_class_hierarchy_does_not_support(mini, in_fixtures, tmp_path) -> None:
    report = _validate(mini, tmp_path)
    assert _ontology(report) == {
        (
            "Warning",
            kgs("OntologyLineage"),
            kgs("OntologyLineageCheck"),
            str(MN),
            str(SUBCLASS),
            f"<{GLUT}>",
            f"{MINI_TXT}:{LINE_LINEAGE}",
        )
    }
    (r,) = report.results
    assert r.message == (
        "The page places Motor Neurons as a kind of Glutamatergic (CL:0000100 motor neuron "
        "below CL:0000679 glutamatergic neuron), but the class hierarchy of cl-module.owl "
        "does not: motor neuron's parents are efferent neuron"
    )
    assert r.location is not None
    assert r.location.quote == "- Full Lineage: Neuron > Glutamatergic > Motor neuron"
    assert report.conforms() and not report.conforms(Severity.WARNING)
    assert any("cl-module.owl" in n and "(a module)" in n for n in report.notices)


def test_a_lineage_the_ontology_supports_gives_nothing(mini, in_fixtures, tmp_path) -> None:
    set_literal(mini, GLUT, LABEL, "Glutamatergic", Literal("Efferent"))  # efferent neuron
    assert _ontology(_validate(mini, tmp_path)) == set()


def test_a_lineage_step_naming_no_class_cannot_be_checked(mini, in_fixtures, tmp_path) -> None:
    set_literal(mini, GLUT, LABEL, "Glutamatergic", Literal("Glutamatergic-ish"))
    report = _validate(mini, tmp_path)
    where = f"{MINI_TXT}:{LINE_LINEAGE}"
    assert _ontology(report) == {
        (
            "Info",
            kgs("OntologyLineage"),
            kgs("OntologyLineageCheck"),
            str(MN),
            str(SUBCLASS),
            f"<{GLUT}>",
            where,
        ),
        (
            "Info",
            kgs("OntologyLineage"),
            kgs("OntologyLineageCheck"),
            str(GLUT),
            str(SUBCLASS),
            f"<{CL}0000540>",
            where,
        ),
    }
    assert {r.message for r in report.results} == {
        "Lineage not checkable: the page places Motor Neurons as a kind of Glutamatergic-ish, "
        "but 'Glutamatergic-ish' names no class of cl-module.owl",
        "Lineage not checkable: the page places Glutamatergic-ish as a kind of Neuron, "
        "but 'Glutamatergic-ish' names no class of cl-module.owl",
    }


def test_a_label_naming_another_class(mini, in_fixtures, tmp_path) -> None:
    set_literal(mini, MN, LABEL, "Motor Neurons", Literal("Purkinje Cells"))
    report = _validate(mini, tmp_path)
    label = [r for r in report.results if r.source_shape == kgs("OntologyLabel")]
    assert summary(label) == {
        (
            "Warning",
            kgs("OntologyLabel"),
            kgs("OntologyLabelCheck"),
            str(MN),
            str(LABEL),
            '"Purkinje Cells"',
            f"{MINI_TXT}:{LINE_TITLE}",
        )
    }
    assert label[0].message == (
        "The page calls CL:0000100 'Purkinje Cells', but cl-module.owl names it 'motor neuron': "
        "check that the id is the class the page means"
    )


@pytest.mark.parametrize(
    "name", ["Motor Neurons", "motor neuron", "MOTONEURONS", "Motor neuron (MN)"]
)
def test_plural_case_and_synonyms_match_the_label(mini, in_fixtures, tmp_path, name) -> None:
    set_literal(mini, MN, LABEL, "Motor Neurons", Literal(name))
    report = _validate(mini, tmp_path)
    assert not [r for r in report.results if r.source_shape == kgs("OntologyLabel")]


def test_an_obsolete_id_is_a_violation_naming_its_replacement(mini, in_fixtures, tmp_path) -> None:
    old = URIRef(CL + "0000717")
    add_fact(mini, MN, RELATED, old, like=_cl_row(mini))
    report = _validate(mini, tmp_path)
    obsolete = [r for r in report.results if r.source_shape == kgs("OntologyObsoleteId")]
    assert summary(obsolete) == {
        (
            "Violation",
            kgs("OntologyObsoleteId"),
            kgs("OntologyObsoleteIdCheck"),
            str(old),
            None,
            None,
            f"{MINI_TXT}:{LINE_CL_ROW}",
        )
    }
    assert obsolete[0].message == (
        "CL:0000717 is obsolete in cl-module.owl (obsolete fusimotor neuron); replaced by "
        "CL:0008037 (gamma motor neuron)"
    )
    assert not report.conforms()


def test_an_id_the_module_lacks_is_checked_against_the_shipped_cl(
    mini, in_fixtures, tmp_path
) -> None:
    # B cell is not in the module but in the shipped CL release: known, nothing to report
    b_cell = URIRef(CL + "0000236")
    add_fact(mini, MN, RELATED, b_cell, like=_cl_row(mini))
    # CL:9999999 is in neither: a warning that tells a wrong id from a newer one
    unknown = URIRef(CL + "9999999")
    add_fact(mini, MN, RELATED, unknown, like=_cl_row(mini))
    report = _validate(mini, tmp_path)
    known = [
        r
        for r in report.results
        if r.source_shape in (kgs("OntologyKnownId"), kgs("VocabularyKnownId"))
    ]
    assert summary(known) == {
        (
            "Warning",
            kgs("VocabularyKnownId"),
            kgs("VocabularyKnownIdCheck"),
            str(unknown),
            None,
            None,
            f"{MINI_TXT}:{LINE_CL_ROW}",
        )
    }
    assert "not in the shipped CL " in known[0].message
    assert "a wrong id, or one newer than the shipped release" in known[0].message
    assert "`kg build --ontology FILE`" in known[0].message
    assert report.conforms()


def test_against_a_full_release_a_missing_id_is_a_violation(mini, in_fixtures, tmp_path) -> None:
    release = shared_ontology("cl-simple.owl")
    newer = URIRef(CL + "4042025")
    b_cell = URIRef(CL + "0000236")
    add_fact(mini, MN, RELATED, newer, like=_cl_row(mini))
    add_fact(mini, MN, RELATED, b_cell, like=_cl_row(mini))
    report = _validate(mini, tmp_path, ontology_paths=[release])
    known = [r for r in report.results if r.source_shape == kgs("OntologyKnownId")]
    assert summary(known) == {
        (
            "Violation",
            kgs("OntologyKnownId"),
            kgs("OntologyKnownIdCheck"),
            str(newer),
            None,
            None,
            f"{MINI_TXT}:{LINE_CL_ROW}",
        )
    }
    assert known[0].message == (
        "CL:4042025 does not exist in cl-simple.owl; if it is newer than that release, build "
        "with a newer one (`kg build --ontology FILE`)"
    )


def test_the_newer_release_knows_the_newer_id(mini, in_fixtures, tmp_path) -> None:
    core = shared_ontology("cl-2026-08-core.owl")
    add_fact(mini, MN, RELATED, URIRef(CL + "4042025"), like=_cl_row(mini))
    report = _validate(mini, tmp_path, ontology_paths=[core])
    assert not [r for r in report.results if r.source_shape == kgs("OntologyKnownId")]


def test_an_obo_release_is_read_through_the_index(mini, in_fixtures, tmp_path) -> None:
    obo = shared_ontology("cl-basic.obo")
    report = _validate(mini, tmp_path, ontology_paths=[obo], reasoner=True)
    assert {r.source_shape for r in report.results} == {kgs("OntologyLineage")}
    assert "reasoner: skipped (owlready2 reads no OBO file)" in report.notices
    assert any("kg.ground index" in n for n in report.notices)


def test_the_reasoner_finds_a_claim_against_a_disjointness_axiom(
    mini, in_fixtures, tmp_path
) -> None:
    if __import__("shutil").which("java") is None:
        pytest.skip("needs Java for HermiT")
    release = shared_ontology("cl-simple.owl")
    germ = URIRef(CL + "0000039")  # germ line cell, disjoint with somatic cell
    lineage = statement(mini, MN, SUBCLASS)
    add_fact(mini, MN, SUBCLASS, germ, like=lineage)
    report = _validate(mini, tmp_path, ontology_paths=[release], reasoner=True)
    reasoner = [r for r in report.results if r.origin == "reasoner"]
    assert summary(reasoner) == {
        (
            "Violation",
            kgs("Reasoner"),
            kgs("ReasonerCheck"),
            str(MN),
            str(SUBCLASS),
            f"<{germ}>",
            f"{MINI_TXT}:{LINE_LINEAGE}",
        ),
        (
            "Violation",
            kgs("Reasoner"),
            kgs("ReasonerCheck"),
            str(MN),
            str(SUBCLASS),
            f"<{GLUT}>",
            f"{MINI_TXT}:{LINE_LINEAGE}",
        ),
    }
    assert reasoner[0].message.startswith("CL:0000100 is unsatisfiable (HermiT)")
    assert "reasoner" in report.checks
    # motor neuron and every class below it: how many depends on the release
    assert any(
        re.fullmatch(
            r"reasoner: HermiT found \d+ unsatisfiable class\(es\) with the build's "
            r"3 class assertion\(s\)",
            n,
        )
        for n in report.notices
    )


def test_the_reasoner_finds_the_module_and_claims_consistent(mini, in_fixtures, tmp_path) -> None:
    if __import__("shutil").which("java") is None:
        pytest.skip("needs Java for HermiT")
    report = _validate(mini, tmp_path, reasoner=True)
    assert "reasoner" in report.checks
    assert (
        "reasoner: HermiT found the ontology plus the build's 2 class assertion(s) consistent"
        in report.notices
    )


def test_without_java_the_reasoner_is_skipped_with_one_line(
    mini, in_fixtures, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on it
    report = _validate(mini, tmp_path, reasoner=True)
    assert "reasoner" not in report.checks
    assert "reasoner: skipped (no Java found: install a JRE to run HermiT)" in report.notices
    assert {r.source_shape for r in report.results} == {kgs("OntologyLineage")}


def test_a_reasoner_past_its_deadline_is_stopped(mini, in_fixtures, tmp_path) -> None:
    if __import__("shutil").which("java") is None:
        pytest.skip("needs Java for HermiT")
    report = validate_build(write_build(mini, tmp_path / "b"), reasoner_timeout=0.01)
    assert "reasoner: HermiT did not finish within 0.01 s; consistency not checked" in (
        report.notices
    )
    assert "reasoner" not in report.checks


def test_ontology_files_from_the_manifest(tmp_path) -> None:
    from kg.ground import shipped_module_path

    files, notes = ontology_files(
        {"ontologies": ["kg/data/cl-module.owl (shipped module)"]}, None, [tmp_path]
    )
    assert (files, notes) == ([shipped_module_path()], [])
    release = tmp_path / "cl-simple.owl"
    release.write_text("<rdf:RDF/>")
    files, notes = ontology_files({"ontologies": ["cl-simple.owl"]}, None, [tmp_path])
    assert (files, notes) == ([release], [])
    files, notes = ontology_files({"ontologies": ["gone.owl"]}, None, [tmp_path])
    assert files == [shipped_module_path()]
    assert notes == [
        "ontology: the build used 'gone.owl', not found from here; checked against the shipped "
        "module instead (pass --ontology FILE to use the release)"
    ]
    override = [tmp_path / "x.owl"]
    assert ontology_files({"ontologies": ["gone.owl"]}, override, [tmp_path]) == (override, [])


def test_page_graph_helper_sees_the_claims(mini) -> None:
    g = page_graph(mini)
    assert (MN, SUBCLASS, GLUT) in g
    assert (GLUT, SUBCLASS, URIRef(CL + "0000540")) in g


def _shipped_row(key: str, pick: Any) -> dict[str, str]:
    """The first row of a shipped vocabulary file that ``pick`` accepts (ids never typed)."""
    import gzip

    from kg.ground.vocabulary import vocab_folder

    with gzip.open(vocab_folder() / f"{key}.tsv.gz", "rt", encoding="utf-8") as fh:
        lines = [ln.rstrip("\n").split("\t") for ln in fh if not ln.startswith("#")]
    header = lines[0]
    return next(r for r in (dict(zip(header, ln, strict=True)) for ln in lines[1:]) if pick(r))


def test_ids_of_other_vocabularies_are_checked_against_the_shipped_releases(
    mini, in_fixtures, tmp_path
) -> None:
    withdrawn = _shipped_row("hgnc", lambda r: r["status"] != "Approved" and r["replaced_by"])
    replacement = _shipped_row("hgnc", lambda r: r["id"] == withdrawn["replaced_by"])
    unknown = "MONDO:9999999"
    with pytest.raises(StopIteration):  # not in the shipped MONDO
        _shipped_row("mondo", lambda r: r["id"] == unknown)
    for curie in (withdrawn["id"], unknown):
        add_fact(mini, MN, RELATED, URIRef(v.expand(curie)), like=_cl_row(mini))
    report = _validate(mini, tmp_path)
    found = {
        (r.source_shape, r.focus_node): r
        for r in report.results
        if r.source_shape in (kgs("VocabularyKnownId"), kgs("VocabularyObsoleteId"))
    }
    old = found[(kgs("VocabularyObsoleteId"), v.expand(withdrawn["id"]))]
    assert old.severity is Severity.WARNING and str(old.location) == f"{MINI_TXT}:{LINE_CL_ROW}"
    assert f"replaced by {replacement['id']} ({replacement['symbol']})" in old.message
    new = found[(kgs("VocabularyKnownId"), v.expand(unknown))]
    assert "not in the shipped MONDO" in new.message and "newer" in new.message
    assert report.conforms()  # warnings: a newer release may have the id


def test_database_ids_are_cross_checked_with_hgnc(tmp_path: Path) -> None:
    """conflicting_ids.txt gives TREM2's NCBI Gene id as 54206 in its infobox and 54209 in its
    links; HGNC records one of them: the other is a finding naming both, at the id's line."""
    from kg.pipeline import build
    from tests.conftest import PAGE_FIXTURES_DIR

    page = PAGE_FIXTURES_DIR / "conflicting_ids.txt"
    trem2 = _shipped_row("hgnc", lambda r: r["symbol"] == "TREM2" and r["status"] == "Approved")
    out = build([page], out=tmp_path / "build")
    assert not out.failed
    report = validate_build(tmp_path / "build", reasoner=False)
    mismatches = [r for r in report.results if r.source_shape == kgs("GeneIdMismatch")]
    text = page.read_text()
    given = {"54206", "54209"} - {trem2["ncbigene"]}
    assert len(given) == 1  # the test's premise: HGNC names exactly one of the page's two ids
    (wrong,) = given
    (ncbi,) = [r for r in mismatches if f"NCBI Gene {wrong}" in r.message]
    assert trem2["ncbigene"] in ncbi.message and trem2["id"] in ncbi.message
    line = text[: text.index(wrong)].count("\n") + 1
    assert ncbi.location is not None and ncbi.location.line == line  # the cell, not its <tr>


def test_a_uniprot_id_of_another_protein_is_a_finding(tmp_path: Path) -> None:
    """The TDP-43 page gives UniProt Q7J653 (not TDP-43's accession): the infobox of
    conflicting_ids.txt turned into TARDBP's, with that UniProt id."""
    from kg.pipeline import build
    from tests.conftest import PAGE_FIXTURES_DIR

    tardbp = _shipped_row("hgnc", lambda r: r["symbol"] == "TARDBP" and r["status"] == "Approved")
    text = (PAGE_FIXTURES_DIR / "conflicting_ids.txt").read_text("utf-8")
    text = text.split("Overview")[0].replace("TREM2", "TARDBP")
    for old, new in (("54206", tardbp["ncbigene"]), ("Q9NZC2", "Q7J653")):
        assert f"<td>{old}</td>" in text
        text = text.replace(f"<td>{old}</td>", f"<td>{new}</td>")
    text = text.replace("<td>ENSG00000160310</td>", f"<td>{tardbp['ensembl']}</td>")
    page = tmp_path / "tdp-43.txt"
    page.write_text(text + "Overview\nTDP-43 aggregates in neurons.\n", "utf-8")
    assert tardbp["uniprot"] != "Q7J653"
    out = build([page], out=tmp_path / "build")
    assert not out.failed
    report = validate_build(tmp_path / "build", reasoner=False)
    (found,) = [r for r in report.results if r.source_shape == kgs("GeneIdMismatch")]
    assert "UniProt Q7J653" in found.message and tardbp["uniprot"] in found.message
    line = text[: text.index("<td>Q7J653</td>")].count("\n") + 1
    assert found.location is not None and found.location.line == line
