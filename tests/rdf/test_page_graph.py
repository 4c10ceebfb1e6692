"""The page graph writer: layout, statement per fact, exact quotes, determinism."""

from __future__ import annotations

import pyoxigraph as ox

from kg import vocab as v
from kg.extract.model import Assertion, Evidence, Match, PageExtraction, Term, Value
from kg.pages import Page
from kg.parse.document import Document
from kg.rdf.layout import is_fact
from kg.rdf.page_graph import page_graph

TEXT = "Motor Neurons\n- Markers: HB9, ISL1[@william2003]\n- Full Lineage: Neuron > Motor neuron\n"
MN = v.expand("CL:0000100")
MNX1 = v.expand("HGNC:4979")
EXPRESSES = v.expand("RO:0002292")


def _evidence(page: Page, needle: str, extractor: str, refs: tuple[str, ...] = ()) -> Evidence:
    start = page.text.index(needle)
    span = Document(page).span(start, start + len(needle))
    return Evidence(
        page_path=page.path,
        span=span,
        quote=page.text[span.start : span.end],
        extractor=extractor,
        references=refs,
    )


def _extraction(page: Page) -> PageExtraction:
    cell = Term(iri=MN, label="Motor Neurons", category=v.BIOLINK + "Cell", match=Match.ID_ON_PAGE)
    gene = Term(iri=MNX1, label="HB9", category=v.BIOLINK + "Gene", match=Match.ALIAS)
    markers = _evidence(
        page, "- Markers: HB9, ISL1[@william2003]", "bullet.markers", ("william2003",)
    )
    title = _evidence(page, "Motor Neurons", "page.entity")
    return PageExtraction(
        path=page.path,
        sha256=page.sha256,
        page_iri=v.page_iri("t"),
        graph_iri=v.graph_iri("t"),
        slug="t",
        title="Motor Neurons",
        url=None,
        entity=cell,
        assertions=(
            Assertion(
                subject=cell,
                predicate=EXPRESSES,
                object=gene,
                evidence=(markers,),
                biolink_predicate=v.BIOLINK + "expresses",
            ),
            Assertion(
                subject=cell,
                predicate=v.RDFS_LABEL,
                object=Value(value="Motor Neurons"),
                evidence=(title,),
            ),
            # the same fact again from another element: one statement, two selectors
            Assertion(subject=cell, predicate=EXPRESSES, object=gene, evidence=(title,)),
        ),
    )


def _store(lines: tuple[str, ...]) -> ox.Store:
    store = ox.Store()
    store.load(("\n".join(lines) + "\n").encode(), format=ox.RdfFormat.N_QUADS)
    return store


def test_every_fact_has_a_statement_with_exact_quotes() -> None:
    page = Page.from_text(TEXT, path="t.txt")
    pg = page_graph(_extraction(page), source_file="t.txt", shell="cite")
    store = _store(pg.lines)
    g = ox.NamedNode(v.graph_iri("t"))
    facts = [
        q
        for q in store.quads_for_pattern(None, None, None, g)
        if is_fact(q.subject.value, v.page_iri("t"))
    ]
    assert len(facts) == 2
    for q in facts:
        found = bool(
            store.query(
                "ASK { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }",
                prefixes={"rdf": v.RDF},
                substitutions={
                    ox.Variable("s"): q.subject,
                    ox.Variable("p"): q.predicate,
                    ox.Variable("o"): q.object,
                },
                use_default_graph_as_union=True,
            )
        )
        assert found, f"no statement for {q}"
    sels = store.query(
        """SELECT ?start ?end ?exact ?l1 ?l2 WHERE { GRAPH ?g {
             ?sel oa:hasSelector ?pos, ?quote ; kgv:lineStart ?l1 ; kgv:lineEnd ?l2 .
             ?pos oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact } }""",
        prefixes={"oa": v.OA, "kgv": v.KGV},
    )
    seen = 0
    for row in sels:
        start, end = int(row["start"].value), int(row["end"].value)
        assert TEXT[start:end] == row["exact"].value
        assert int(row["l1"].value) == TEXT.count("\n", 0, start) + 1
        seen += 1
    assert seen == 2  # two distinct elements -> two selectors


def test_duplicate_fact_is_one_statement_with_two_sources_and_references() -> None:
    page = Page.from_text(TEXT, path="t.txt")
    pg = page_graph(_extraction(page), source_file="t.txt", shell="cite")
    store = _store(pg.lines)
    rows = list(
        store.query(  # type: ignore[arg-type]  # a SELECT gives solutions
            f"SELECT ?st (COUNT(DISTINCT ?sel) AS ?n) WHERE {{ ?st rdf:object <{MNX1}> ;"
            " prov:wasDerivedFrom ?sel } GROUP BY ?st",
            prefixes={"rdf": v.RDF, "prov": v.PROV},
            use_default_graph_as_union=True,
        )
    )
    assert len(rows) == 1 and int(rows[0]["n"].value) == 2
    refs = {
        r["r"].value
        for r in store.query(
            "SELECT ?r WHERE { ?st prov:hadPrimarySource ?r }",
            prefixes={"prov": v.PROV},
            use_default_graph_as_union=True,
        )
    }
    assert refs == {v.reference_iri("william2003")}


def test_page_graph_is_deterministic_and_sorted() -> None:
    page = Page.from_text(TEXT, path="t.txt")
    a = page_graph(_extraction(page), source_file="t.txt", shell="cite")
    b = page_graph(_extraction(page), source_file="t.txt", shell="cite")
    assert a.lines == b.lines == tuple(sorted(set(a.lines)))
    assert f'"sha256:{page.sha256}"' in "\n".join(a.lines)


def test_nothing_is_written_twice_the_slot_per_predicate_and_the_lines_per_selector() -> None:
    """docs/rdf-layout.md: a selector is a position and a quote part, its lines said once (no
    RFC 5147 fragment repeating them); the Biolink slot goes to the terms graph per predicate."""
    page = Page.from_text(TEXT, path="t.txt")
    pg = page_graph(_extraction(page), source_file="t.txt", shell="cite")
    store = _store(pg.lines)
    predicates = {q.predicate.value for q in store}
    assert v.BIOLINK_PREDICATE not in predicates
    assert v.DCTERMS_CONFORMS_TO not in predicates and v.RDF_VALUE not in predicates
    assert pg.slots == ((EXPRESSES, v.BIOLINK + "expresses"),)
    sel_iris = {
        q.subject.value
        for q in store.quads_for_pattern(
            None, ox.NamedNode(v.RDF_TYPE), ox.NamedNode(v.OA_SPECIFIC_RESOURCE)
        )
    }
    assert len(sel_iris) == 2
    for sel in sel_iris:
        parts = {
            q.object.value
            for q in store.quads_for_pattern(
                ox.NamedNode(sel), ox.NamedNode(v.OA_HAS_SELECTOR), None
            )
        }
        assert parts == set(v.selector_parts(sel))
        # 11 quads a selector: its own 6 (type, source, 2 parts, 2 lines), position 3, quote 2
        about = [q for q in store if q.subject.value in {sel, *parts}]
        assert len(about) == 11, about
