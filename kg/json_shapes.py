"""Whether a JSON value read back from a cache is of the shape kg wrote: lists of strings and
rows (lists of strings of one width).

The checks run over the values' types in C (``set(map(type, ...))``) rather than a Python
generator per item: a build or validation with nothing changed reads back a million such rows
at 18,434 pages, which the generators made 2.5-3.6 s of each run.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

_STR = frozenset([str])
_LIST = frozenset([list])


def strings(xs: Any) -> bool:
    """``xs`` is a list whose items are all ``str`` (exactly: not a subclass)."""
    return type(xs) is list and set(map(type, xs)) <= _STR


def rows(xs: Any, width: int) -> bool:
    """``xs`` is a list of lists of exactly ``width`` strings each."""
    return (
        type(xs) is list
        and set(map(type, xs)) <= _LIST
        and set(map(len, xs)) <= {width}
        and set(map(type, chain.from_iterable(xs))) <= _STR
    )
