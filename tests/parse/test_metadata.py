"""The metadata block: pipe table, glued keys, card header, history JSON, __merged_from."""

from __future__ import annotations

from kg.pages import Page
from kg.parse.document import Document
from kg.parse.metadata import find_json_metadata, find_metadata, parse_merged_from

PIPE = """Intro line
| Marker | Type |
| slug | cell-types-motor-neurons |
| kg_node_id | None |
| entity_type | cell |
| wiki_page_id | wp-2643c9649cff |
| __merged_from | {'merged_at': '2026-05-13', 'unprefixed_id': 'cell-types-motor-neurons'} |
| _schema_version | 1 |
No provenance edges found
"""


def doc_of(text: str) -> Document:
    return Document(Page.from_text(text))


def test_pipe_block() -> None:
    doc = doc_of(PIPE)
    scan = find_metadata(doc, doc.lines)
    meta = scan.metadata
    assert meta is not None and meta.form == "pipe"
    assert (meta.span.first_line, meta.span.last_line) == (2, 8)  # the run starts at "| Marker |"
    assert meta.get("slug") == "cell-types-motor-neurons"
    assert meta.get("kg_node_id") == "None"
    assert meta.get("entity_type") == "cell"
    assert meta.get("wiki_page_id") == "wp-2643c9649cff"
    assert meta.get("_schema_version") == "1"
    assert meta.merged_from == (
        ("merged_at", "2026-05-13"),
        ("unprefixed_id", "cell-types-motor-neurons"),
    )
    for entry in meta.entries:
        assert doc.page.text[entry.span.start : entry.span.end] == entry.source
        assert entry.source.startswith("|") and entry.source.endswith("|")
    assert scan.used == frozenset(range(1, 8))
    assert scan.problems == ()


def test_a_pipe_table_without_metadata_keys_is_not_metadata() -> None:
    doc = doc_of("| Marker | Type |\n| slug | x |\n| Gene | Function |\n")
    assert find_metadata(doc, doc.lines).metadata is None


def test_glued_block_one_key_per_line() -> None:
    text = (
        "Related Entities\nslugcell-types-astroglia\nkg_node_idNone\nentity_typecell\n"
        "wiki_page_idwp-d27fe6d43f15\n__merged_from{'merged_at': '2026-05-13'}\n_schema_version1\n"
    )
    doc = doc_of(text)
    meta = find_metadata(doc, doc.lines).metadata
    assert meta is not None and meta.form == "glued"
    assert [(e.key, e.value) for e in meta.entries] == [
        ("slug", "cell-types-astroglia"),
        ("kg_node_id", "None"),
        ("entity_type", "cell"),
        ("wiki_page_id", "wp-d27fe6d43f15"),
        ("__merged_from", "{'merged_at': '2026-05-13'}"),
        ("_schema_version", "1"),
    ]
    assert meta.merged_from == (("merged_at", "2026-05-13"),)


def test_glued_block_all_on_one_line() -> None:
    text = (
        "slugcell-types-astrogliakg_node_idNoneentity_typecell"
        "__merged_from{'unprefixed_id': 'slug-entity_type-x'}_schema_version1\n"
    )
    doc = doc_of(text)
    meta = find_metadata(doc, doc.lines).metadata
    assert meta is not None
    assert [(e.key, e.value) for e in meta.entries] == [
        ("slug", "cell-types-astroglia"),
        ("kg_node_id", "None"),
        ("entity_type", "cell"),
        ("__merged_from", "{'unprefixed_id': 'slug-entity_type-x'}"),
        ("_schema_version", "1"),
    ]
    for e in meta.entries:
        assert e.source == doc.page.text[e.span.start : e.span.end]


def test_card_header_line() -> None:
    text = (
        "wiki page Created: 2026-04-02T07:19:39 By: crosslink-migration Quality: 50% ✓ "
        "SciDEX ID: wiki-cell-types-x\nBody\n"
    )
    doc = doc_of(text)
    scan = find_metadata(doc, doc.lines[1:], doc.lines[0])
    meta = scan.metadata
    assert meta is not None and meta.form == "card-header"
    assert [(e.key, e.value) for e in meta.entries] == [
        ("created", "2026-04-02T07:19:39"),
        ("created_by", "crosslink-migration"),
        ("quality", "50% ✓"),
        ("scidex_id", "wiki-cell-types-x"),
    ]
    assert meta.entries[3].source == "SciDEX ID: wiki-cell-types-x"
    assert scan.used == frozenset({0})


def test_history_json_keys() -> None:
    text = '{\n  "id": "genes-trem2",\n  "revision": 7,\n  "title": "TREM2 \\u2014 X",\n  "ok": true\n}\n'
    doc = doc_of(text)
    meta = find_json_metadata(doc, doc.lines).metadata
    assert meta is not None and meta.form == "json"
    assert [(e.key, e.value) for e in meta.entries] == [
        ("id", "genes-trem2"),
        ("revision", "7"),
        ("title", "TREM2 \u2014 X"),
        ("ok", "True"),
    ]
    assert meta.entries[2].source == '"title": "TREM2 \\u2014 X"'


def test_merged_from_is_read_as_data_never_evaluated() -> None:
    pairs, problem = parse_merged_from("{'merged_at': '2026-05-13', 'n': 2, 'none': None}")
    assert pairs == (("merged_at", "2026-05-13"), ("n", "2"), ("none", ""))
    assert problem is None
    pairs, problem = parse_merged_from("__import__('os').system('echo pwned')")
    assert pairs == () and problem is not None and "not a Python dict literal" in problem
    pairs, problem = parse_merged_from("['a', 'b']")
    assert pairs == () and problem is not None and "list" in problem
    pairs, problem = parse_merged_from("{" + "'k': 'v', " * 5000 + "}")
    assert pairs == () and problem is not None and "limit" in problem
    pairs, problem = parse_merged_from("{'a': " * 1000 + "1" + "}" * 1000)
    assert pairs == () and problem is not None


def test_bad_merged_from_keeps_the_raw_value_and_warns() -> None:
    doc = doc_of("| slug | x |\n| __merged_from | {'merged_at': oops} |\n")
    scan = find_metadata(doc, doc.lines)
    assert scan.metadata is not None
    assert scan.metadata.get("__merged_from") == "{'merged_at': oops}"
    assert scan.metadata.merged_from == ()
    (problem,) = scan.problems
    assert problem.code == "bad-merged-from" and problem.line == 2
