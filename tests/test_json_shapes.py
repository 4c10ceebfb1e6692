"""kg.json_shapes: the shape checks of JSON values read back from kg's caches."""

from __future__ import annotations

from typing import Any

import pytest

from kg.json_shapes import rows, strings


@pytest.mark.parametrize(
    ("value", "width", "ok"),
    [
        ([], 3, True),
        ([["a", "b", "c"], ["d", "e", "f"]], 3, True),
        ([["a", "b"]], 3, False),  # too narrow
        ([["a", "b", "c", "d"]], 3, False),  # too wide
        ([["a", "b", 3]], 3, False),  # a cell not a string
        ([("a", "b", "c")], 3, False),  # a row not a list
        ([["a", "b", "c"], "abc"], 3, False),  # a string of the right length is not a row
        ((["a", "b", "c"],), 3, False),  # not a list
        ([["a", "b", None]], 3, False),
        ([[True, "b", "c"]], 3, False),
    ],
)
def test_rows_are_checked_cell_by_cell(value: Any, width: int, ok: bool) -> None:
    """A cache entry read back (a graph summary, a page record) is used only when of the
    written shape."""
    assert rows(value, width) is ok
    assert strings(value[0] if ok and value else ["x"]) is True
    assert strings(["x", 1]) is False and strings("xy") is False and strings(("x",)) is False


class _Str(str):
    pass


def test_a_string_subclass_is_not_a_string_here() -> None:
    """As ``type(x) is str`` read them: JSON gives plain strings only."""
    assert strings([_Str("x")]) is False and rows([["a", _Str("b")]], 2) is False
