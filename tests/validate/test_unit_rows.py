"""kg.validate.unit_graph.parse_rows and LineRows read a unit's N-Triples as pyoxigraph does.

The fast path cuts lines at their first two spaces and parses only the distinct terms; these
tests hold it to pyoxigraph's own parse of the whole document, term for term and in order,
including the documents it must hand back to that parse (comments, blank lines, other
layouts) and the ones pyoxigraph rejects.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.validate.unit_graph import LineRows, Row, parse_rows, rows

XSD = "http://www.w3.org/2001/XMLSchema#"

LINES = [
    "<http://x/s> <http://x/p> <http://x/o> .",
    "_:b0 <http://x/p> _:b1 .",
    '<http://x/s> <http://x/label> "plain" .',
    '<http://x/s> <http://x/label> "Hello"@EN-gb .',
    f'<http://x/s> <http://x/n> "12"^^<{XSD}integer> .',
    f'<http://x/s> <http://x/n> "x"^^<{XSD}string> .',
    '<http://x/s> <http://x/q> "a \\"quoted\\" . <http://x/s> <http://x/p> word" .',
    '<http://x/s> <http://x/q> "tab\\tnew\\nline \\u00e9 \\U0001F600" .',
    '<http://x/s> <http://x/q> "  " .',
    '<http://x/s> <http://x/q> "" .',
    "<http://x/caf\\u00e9> <http://x/p> <http://x/o> .",
    "<http://x/s> <http://x/p> <http://x/o> .",  # a repeated line
]


def _reference(text: str) -> list[Row]:
    return rows(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n".join(LINES) + "\n",
        "\n".join(LINES),  # no final newline
        "\n".join(LINES[:3]) + "\n\n" + "\n".join(LINES[3:]) + "\n",  # a blank line
        "# a comment\n" + "\n".join(LINES) + "\n",
        "<http://x/s> <http://x/p> <http://x/o> . # a comment\n",
        "<http://x/s>\t<http://x/p>\t<http://x/o> .\n",
        "<http://x/s>  <http://x/p> <http://x/o> .\n",
        "<http://x/s> <http://x/p> <http://x/o>  .\n",
        "<http://x/s> <http://x/p> <http://x/o> .\r\n",
    ],
)
def test_parse_rows_is_pyoxigraphs_reading(text: str) -> None:
    assert parse_rows(text) == _reference(text)


@pytest.mark.parametrize(
    "text",
    [
        '"literal" <http://x/p> <http://x/o> .\n',
        "<http://x/s> _:b <http://x/o> .\n",
        '<http://x/s> <http://x/p> "unterminated .\n',
        "<http://x/s> <http://x/p> <not an iri> .\n",
        "<relative> <http://x/p> <http://x/o> .\n",
        "<http://x/a> <http://x/p> <http://x/o> . <http://x/b> <http://x/p> <http://x/o> .\n",
    ],
)
def test_parse_rows_rejects_what_pyoxigraph_rejects(text: str) -> None:
    with pytest.raises(SyntaxError):
        _reference(text)
    with pytest.raises(SyntaxError):
        parse_rows(text)


def test_line_rows_remembers_lines_and_starts_afresh() -> None:
    known = LineRows(limit=5)
    docs = ["\n".join(LINES[i : i + 4]) + "\n" for i in range(len(LINES) - 3)]
    for _ in range(2):
        for doc in docs:
            assert known.parse(doc) == _reference(doc)
    odd = "# a comment\n" + docs[0]
    assert known.parse(odd) == _reference(odd)
    assert known.parse("") == []
