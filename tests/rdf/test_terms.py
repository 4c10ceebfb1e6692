"""kg's fast N-Quads term rendering gives exactly pyoxigraph's bytes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.ground.model import Value
from kg.rdf.terms import literal, text

#: every code point except the surrogates, which a Python str of text never holds from a page
ALL_CODE_POINTS = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


def test_every_code_point_is_escaped_as_pyoxigraph_does() -> None:
    wrong = [
        hex(c) for c in ALL_CODE_POINTS if text(f"a{chr(c)}b") != str(ox.Literal(f"a{chr(c)}b"))
    ]
    assert wrong == []


@pytest.mark.parametrize("char", ["\t", "\x01", "\x7f", "\b", "\f", "\x00", "\ufffe", '"', "\\"])
def test_the_controls_the_issue_names(char: str) -> None:
    """A raw tab, \\x01, DEL, \\b or \\f used to be written unescaped."""
    rendered = text(f"x{char}y")
    assert rendered == str(ox.Literal(f"x{char}y"))
    assert char not in rendered[1:-1] or char in '"\\'


def test_typed_literals_match_pyoxigraph() -> None:
    xsd_int = "http://www.w3.org/2001/XMLSchema#integer"
    value = Value(value="4\t2", datatype=xsd_int)
    assert literal(value) == str(ox.Literal("4\t2", datatype=ox.NamedNode(xsd_int)))
