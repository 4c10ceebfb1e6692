"""The extractor contract and the registry of every extractor, in the order they run.

An extractor is a callable taking the :class:`~kg.extract.context.ExtractionContext` of one
page and yielding :class:`~kg.extract.model.Assertion` objects; it reports warnings through
``ctx.report``. Its registered name is stable: it is written on every statement it produced
(``kgv:extractor``). Modules register their extractors with :func:`register` when
:mod:`kg.extract` imports them, in a fixed order, so :data:`EXTRACTORS` is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

from kg.extract.model import Assertion

if TYPE_CHECKING:
    from kg.extract.context import ExtractionContext


class Extractor(Protocol):
    """Reads one kind of fact from a parsed page."""

    def __call__(self, ctx: ExtractionContext) -> Iterable[Assertion]: ...


#: name -> extractor, in run order.
EXTRACTORS: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Extractor], Extractor]:
    """Decorator: register an extractor under a stable name (each name once)."""

    def deco(fn: Extractor) -> Extractor:
        if name in EXTRACTORS and EXTRACTORS[name] is not fn:
            raise ValueError(f"extractor {name!r} is registered twice")
        EXTRACTORS[name] = fn
        return fn

    return deco


@contextmanager
def disabled(prefix: str) -> Iterator[None]:
    """Run without the extractors whose name starts with ``prefix`` (``"prose."``), in this process.

    For benchmarks only (``benchmarks/bench_build.py`` measures the cost of prose extraction):
    the build cache does not know, so use a fresh build folder and ``jobs=1``.
    """
    saved = dict(EXTRACTORS)
    for name in [n for n in EXTRACTORS if n.startswith(prefix)]:
        del EXTRACTORS[name]
    try:
        yield
    finally:
        EXTRACTORS.clear()
        EXTRACTORS.update(saved)
