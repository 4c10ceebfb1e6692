"""Sentences of paragraphs and bullets, each with its exact span in the page.

A paragraph or bullet is split after ``.``, ``!`` or ``?`` (and the citation markers that close
the sentence, ``...survival.[@bensimon1994]``) where the next sentence starts with a capital
letter or a digit; abbreviations such as ``e.g.``, ``i.e.``, ``et al.``, ``vs.`` and single
capitals (``J. Neurosci``) do not end a sentence. A sentence's span covers its closing markers,
so the citations it carries are exactly those inside its span (kg.extract.context).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.pages import Page
from kg.parse.model import Span

_END = re.compile(
    r"(?<=[.!?])(?P<marks>(?:\s*\[\s*\"?@[^\]]+\]|\s*\[\d+\]\([^)]*\))*)(?P<gap>\s+)(?=[A-Z0-9\[(])"
)
_NO_END = re.compile(r"(?:\be\.g|\bi\.e|\bet al|\bvs|\bcf|\bFig|\bapprox|\b[A-Z])\.$")
_MARKER = re.compile(r"\s*(?:\[\s*\"?@[^\]]+\]|\[\d+\]\([^)]*\))")


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """One sentence: its span in the page, its raw text, and its text without citation markers."""

    span: Span
    raw: str  # == page.text[span.start:span.end]
    text: str  # markers removed


def line_span(page: Page, start: int, end: int) -> Span:
    """The span of page offsets ``start..end`` with its 1-based lines."""
    first = bisect.bisect_right(page.line_starts, start)
    last = bisect.bisect_right(page.line_starts, max(start, end - 1))
    return Span(start=start, end=end, first_line=max(first, 1), last_line=max(last, first, 1))


def split_sentences(page: Page, span: Span, skip: int = 0) -> Iterable[Sentence]:
    """The sentences of the page text inside ``span`` (after ``skip`` leading characters)."""
    raw = page.text[span.start : span.end]
    pos = skip
    for m in _END.finditer(raw, skip):
        cut = m.start("gap")
        if _NO_END.search(raw[pos : m.start("marks")].rstrip()):
            continue
        yield from _sentence(page, span.start, raw, pos, cut)
        pos = m.end("gap")
    yield from _sentence(page, span.start, raw, pos, len(raw.rstrip()))


def _sentence(page: Page, base: int, raw: str, start: int, end: int) -> Iterable[Sentence]:
    while start < end and raw[start].isspace():
        start += 1
    if end <= start:
        return
    piece = raw[start:end]
    yield Sentence(
        span=line_span(page, base + start, base + end),
        raw=piece,
        text=" ".join(_MARKER.sub("", piece).split()),
    )
