"""Citations: the syntax of citation keys and what a key or a reference link tells.

Forms read (``kind`` of the :class:`~kg.parse.model.Citation`):

* ``"key"``: ``[@rosen1993]``; runs ``[@a][@b]`` are one citation each; a group ``[@a; @b]``
  (or ``,``) gives one citation per key whose span is that key's ``@key`` text;
* ``"quoted"``: ``["@sofroniew2010"]`` (also ``['@key']`` and ``["@a", "@b"]``);
* ``"pubmed"``: a numbered PubMed link ``[1](https://pubmed.ncbi.nlm.nih.gov/NNN)``, key ``"1"``;
* ``"definition"``: ``[@key]: [Author ...](url)``, with ``url`` and the ``pmid`` / ``doi`` read
  from it. The link in a definition is also a :class:`~kg.parse.model.Link` of its own.

Generated keys give their PubMed id when they carry one explicitly (``pmid35435793``); keys such as
``auto_37399327`` are kept as written (the number is not known to be a PMID). Keys that name no
reference (``view``, ``edit``, ...) are ``junk``.

A marker supports the statement it closes: the sentence, bullet or table / infobox cell it stands
in. One that stands where no statement is (between ``<tr>`` and ``<td>``, after ``</td>``, on a
heading, alone on a line) is a reference of the page that supports no fact:
:func:`unattached_citations` lists them (``kg parse`` prints them with their lines).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.parse.document import Document, element_id
from kg.parse.links import database_curie
from kg.parse.model import Citation, ParsedPage, Span

#: Keys seen on pages that are export debris, not references.
JUNK_KEYS = frozenset(
    {"view", "edit", "source", "history", "talk", "cite", "top", "back", "hide", "show", "citation"}
)

# Key characters exclude "[" so that failed attempts never overlap (linear time).
_KEY = r"[A-Za-z0-9_][^\s\[\]@;,\"']*"
_SINGLE = re.compile(rf"\[@({_KEY})\]")
_GROUP = re.compile(rf"\[@{_KEY}(?:\s*[;,]\s*@{_KEY})+\]")
_QUOTED = re.compile(rf"""\[(["'])@({_KEY})\1(?:\s*,\s*["']@{_KEY}["'])*\]""")
_GROUP_KEY = re.compile(rf"@({_KEY})")
_DEFINITION_GAP = re.compile(r":[ \t]*(?=\[)")
_PMID_KEY = re.compile(r"pmid[_:\-]?(\d{1,9})$", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,4}")


@dataclass(frozen=True, slots=True)
class KeyMatch:
    """One key found in citation syntax: view offsets of the span it gets, and its kind."""

    key: str
    start: int
    end: int
    kind: str


def match_keys(text: str, pos: int, limit: int) -> tuple[tuple[KeyMatch, ...], int] | None:
    """At ``[``: the keys of a ``[@key]``, ``[@a; @b]`` or ``["@key"]`` and the end offset."""
    m = _SINGLE.match(text, pos, limit)
    if m:
        return (KeyMatch(m.group(1), pos, m.end(), "key"),), m.end()
    m = _QUOTED.match(text, pos, limit)
    if m:
        quoted = list(_GROUP_KEY.finditer(text, pos, m.end()))
        if len(quoted) == 1:
            return (KeyMatch(quoted[0].group(1), pos, m.end(), "quoted"),), m.end()
        return tuple(KeyMatch(g.group(1), g.start(), g.end(), "quoted") for g in quoted), m.end()
    m = _GROUP.match(text, pos, limit)
    if m:
        keys = _GROUP_KEY.finditer(text, pos, m.end())
        return tuple(KeyMatch(g.group(1), g.start(), g.end(), "key") for g in keys), m.end()
    return None


def definition_gap(text: str, pos: int, limit: int) -> int | None:
    """After ``[@key]``: the offset of the ``[`` of a definition's link (``]: [``), or None."""
    m = _DEFINITION_GAP.match(text, pos, limit)
    return m.end() if m else None


def is_number(text: str) -> bool:
    """Link text of a numbered reference (``1``, ``12``)."""
    return _NUMBER.fullmatch(text.strip()) is not None


def pmid_of_url(url: str) -> str | None:
    curie = database_curie(url)
    return curie.split(":", 1)[1] if curie and curie.startswith("PMID:") else None


def doi_of_url(url: str) -> str | None:
    curie = database_curie(url)
    return curie.split(":", 1)[1] if curie and curie.startswith("DOI:") else None


def pmid_of_key(key: str) -> str | None:
    m = _PMID_KEY.match(key)
    return m.group(1) if m else None


def is_junk(key: str) -> bool:
    return key.lower() in JUNK_KEYS or not any(c.isalnum() for c in key)


def make_citation(
    doc: Document,
    start: int,
    end: int,
    *,
    key: str,
    kind: str,
    attached_to: str | None,
    url: str | None = None,
) -> Citation:
    """A citation over view offsets ``[start, end)``, with what its key and URL tell."""
    span = doc.span(start, end)
    pmid = (pmid_of_url(url) if url else None) or pmid_of_key(key)
    return Citation(
        id=element_id("citation", span),
        span=span,
        source=doc.source(span),
        key=key,
        kind=kind,
        attached_to=attached_to,
        url=url,
        pmid=pmid,
        doi=doi_of_url(url) if url else None,
        junk=kind in ("key", "quoted") and is_junk(key),
    )


def statement_spans(parsed: ParsedPage) -> list[Span]:
    """The spans of the elements that state something: infobox and table cells, bullets and
    paragraphs (whose sentences close with their markers)."""
    spans: list[Span] = []
    for box in parsed.infoboxes:
        rows = [*box.rows, *(r for sub in box.subtables for r in sub.rows)]
        spans.extend(cell.span for r in rows for cell in (r.label, r.value))
    spans.extend(cell.span for t in parsed.tables for r in t.rows for cell in r.cells)
    spans.extend(b.span for b in parsed.bullets)
    spans.extend(p.span for p in parsed.paragraphs)
    return spans


def unattached_citations(parsed: ParsedPage) -> tuple[Citation, ...]:
    """Markers (not definitions, not junk) inside no statement's span, in page order."""
    spans = sorted((s.start, s.end) for s in statement_spans(parsed))
    starts = [a for a, _ in spans]
    reach: list[int] = []  # the furthest end among spans starting at or before index i
    for _, end in spans:
        reach.append(max(end, reach[-1]) if reach else end)
    out: list[Citation] = []
    for c in sorted(parsed.citations, key=lambda c: (c.span.start, c.span.end)):
        if c.kind == "definition" or c.junk:
            continue
        i = bisect.bisect_right(starts, c.span.start) - 1
        if i < 0 or reach[i] < c.span.end:
            out.append(c)
    return tuple(out)
