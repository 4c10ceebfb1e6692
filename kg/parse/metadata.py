"""The page's metadata block, in every form it comes in.

* cite shell: a pipe table ``| slug | cell-types-motor-neurons |`` (form ``"pipe"``);
* card shell: keys glued to their values, ``slugcell-types-astroglia``, one per line or all on
  one line (form ``"glued"``), plus the header line
  ``wiki page Created: ... By: ... Quality: 50% ✓ SciDEX ID: wiki-...`` (form ``"card-header"``);
* history view: the JSON keys around ``content_md`` (form ``"json"``).

``__merged_from`` is a Python dict literal: it is read with :func:`ast.literal_eval` (which
never runs code) under a size limit; when it cannot be read, the raw string stays the entry's
value and a :class:`~kg.parse.model.Problem` says so.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kg.parse.document import Document, Line, element_id
from kg.parse.model import Metadata, MetadataEntry, Problem, Span

#: The keys of the metadata block, in the order SciDEX writes them.
KNOWN_KEYS = (
    "slug",
    "kg_node_id",
    "entity_type",
    "origin_type",
    "source_table",
    "wiki_page_id",
    "__merged_from",
    "_schema_version",
)
MERGED_FROM = "__merged_from"
MAX_LITERAL = 20_000  # characters of __merged_from read as a literal at most
_KEYS_LONGEST_FIRST = tuple(sorted(KNOWN_KEYS, key=len, reverse=True))
_PIPE_ROW = re.compile(r"\|[ \t]{0,20}([A-Za-z_][A-Za-z0-9_]{0,60})[ \t]{0,20}\|")
_CARD_FIELDS = (("Created:", "created"), ("By:", "created_by"), ("Quality:", "quality"))
_SCIDEX_ID = "SciDEX ID:"
_JSON_PAIR = re.compile(
    r'"([A-Za-z_][A-Za-z0-9_]{0,60})"[ \t]{0,10}:[ \t]{0,10}'
    r'("(?:[^"\\\n]|\\.){0,5000}"|-?\d{1,20}(?:\.\d{1,20})?|true|false|null)'
)


@dataclass(frozen=True, slots=True, kw_only=True)
class MetadataScan:
    metadata: Metadata | None
    used: frozenset[int]  # view line indices
    problems: tuple[Problem, ...] = ()


def find_metadata(
    doc: Document, lines: Sequence[Line], card_header: Line | None = None
) -> MetadataScan:
    """The metadata block among ``lines`` (pipe or glued form) and the card header line."""
    header = _card_header(doc, card_header) if card_header is not None else []
    block, form = _pipe_block(doc, lines), "pipe"
    if not block:
        block, form = _glued_block(doc, lines), "glued"
    entries = header + [e for _, e in block]
    if not entries:
        return MetadataScan(metadata=None, used=frozenset())
    if block:
        span = doc.line_span(block[0][0], block[-1][0])
    else:
        span = doc.line_span(card_header)  # type: ignore[arg-type]
        form = "card-header"
    used = {ln.index for ln, _ in block}
    if card_header is not None and header:
        used.add(card_header.index)
    return _metadata(doc, form, span, entries, used)


def find_json_metadata(doc: Document, lines: Sequence[Line]) -> MetadataScan:
    """``"key": value`` pairs on the JSON lines around the history view's markdown."""
    entries: list[MetadataEntry] = []
    used: set[int] = set()
    for ln in lines:
        for m in _JSON_PAIR.finditer(ln.text):
            if m.group(1) == "content_md":
                continue
            try:
                value = json.loads(m.group(2))
            except ValueError:
                continue
            span = doc.span(ln.start + m.start(), ln.start + m.end())
            entries.append(_entry(doc, span, m.group(1), "" if value is None else str(value)))
            used.add(ln.index)
    if not entries:
        return MetadataScan(metadata=None, used=frozenset())
    first = min(used)
    last = max(used)
    span = doc.line_span(doc.lines[first], doc.lines[last])
    return _metadata(doc, "json", span, entries, used)


def _metadata(
    doc: Document, form: str, span: Span, entries: list[MetadataEntry], used: set[int]
) -> MetadataScan:
    problems: list[Problem] = []
    merged: tuple[tuple[str, str], ...] = ()
    for e in entries:
        if e.key == MERGED_FROM:
            merged, problem = parse_merged_from(e.value)
            if problem:
                problems.append(
                    Problem(
                        code="bad-merged-from", message=problem, line=e.span.first_line, span=e.span
                    )
                )
    meta = Metadata(
        id=element_id("metadata", span),
        span=span,
        source=doc.source(span),
        form=form,
        entries=tuple(sorted(entries, key=lambda e: e.span.start)),
        merged_from=merged,
    )
    return MetadataScan(metadata=meta, used=frozenset(used), problems=tuple(problems))


def parse_merged_from(raw: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """``{'merged_at': '2026-05-13', ...}`` as ``(("merged_at", "2026-05-13"), ...)``.

    Read as a literal, never evaluated. Returns the pairs and None, or ``()`` and a message.
    """
    text = raw.strip()
    if len(text) > MAX_LITERAL:
        return (
            (),
            f"__merged_from is {len(text):,} characters long; not read (limit {MAX_LITERAL:,})",
        )
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return (), f"__merged_from is not a Python dict literal; kept as text: {text[:80]!r}"
    if not isinstance(value, dict):
        return (), f"__merged_from is a {type(value).__name__}, not a dict; kept as text"
    return tuple((str(k), "" if v is None else str(v)) for k, v in value.items()), None


def _entry(doc: Document, span: Span, key: str, value: str) -> MetadataEntry:
    return MetadataEntry(
        id=element_id("metadata-entry", span),
        span=span,
        source=doc.source(span),
        key=key,
        value=value,
    )


def _first_run(lines: Sequence[Line], keys_of: Callable[[Line], list[str]]) -> list[Line]:
    """The first run of consecutive lines with keys that names at least two known keys."""
    run: list[Line] = []
    known = 0
    for ln in lines:
        keys = keys_of(ln)
        if keys and run and ln.index == run[-1].index + 1:
            run.append(ln)
            known += sum(1 for k in keys if k in KNOWN_KEYS)
            continue
        if known >= 2:
            return run
        run = [ln] if keys else []
        known = sum(1 for k in keys if k in KNOWN_KEYS)
    return run if known >= 2 else []


def _pipe_block(doc: Document, lines: Sequence[Line]) -> list[tuple[Line, MetadataEntry]]:
    """The first run of ``| key | value |`` rows naming at least two known keys."""
    return [(ln, _pipe_entry(doc, ln)) for ln in _first_run(lines, _pipe_key)]


def _pipe_key(ln: Line) -> list[str]:
    s = ln.text.strip()
    if not s.startswith("|") or not s.endswith("|"):
        return []
    m = _PIPE_ROW.match(s)
    return [m.group(1)] if m is not None and len(s) > m.end() else []


def _pipe_entry(doc: Document, ln: Line) -> MetadataEntry:
    s = ln.text.strip()
    m = _PIPE_ROW.match(s)
    assert m is not None  # checked by _pipe_key
    lead = len(ln.text) - len(ln.text.lstrip())
    span = doc.span(ln.start + lead, ln.start + lead + len(s))
    return _entry(doc, span, m.group(1), s[m.end() : -1].strip())


def _glued_block(doc: Document, lines: Sequence[Line]) -> list[tuple[Line, MetadataEntry]]:
    """The first run of lines starting with a known key glued to its value."""
    run = _first_run(lines, lambda ln: [key for _, key in _glued_cuts(ln.text)])
    return [(ln, e) for ln in run for e in _glued_entries(doc, ln)]


def _glued_cuts(text: str) -> list[tuple[int, str]]:
    """Where the keys of ``slugcell-types-x`` / ``slugxkg_node_idNone...`` start (in order)."""
    lead = len(text) - len(text.lstrip())
    key = _key_at(text, lead)
    if key is None:
        return []
    cuts: list[tuple[int, str]] = [(lead, key)]
    pos = lead + len(key)
    for later in KNOWN_KEYS[KNOWN_KEYS.index(key) + 1 :]:
        if cuts[-1][1] == MERGED_FROM and text.startswith("{", pos):
            close = text.find("}", pos)
            pos = close + 1 if close != -1 else pos
        at = text.find(later, pos)
        if at != -1:
            cuts.append((at, later))
            pos = at + len(later)
    return cuts


def _glued_entries(doc: Document, ln: Line) -> list[MetadataEntry]:
    text = ln.text
    cuts = _glued_cuts(text)
    end = len(text.rstrip())
    out = []
    for i, (at, name) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else end
        value = text[at + len(name) : stop].strip()
        out.append(_entry(doc, doc.span(ln.start + at, ln.start + stop), name, value))
    return out


def _key_at(text: str, pos: int) -> str | None:
    for key in _KEYS_LONGEST_FIRST:
        if text.startswith(key, pos) and len(text) > pos + len(key):
            return key
    return None


def _card_header(doc: Document, ln: Line) -> list[MetadataEntry]:
    """``wiki page Created: T By: X Quality: 50% ✓ SciDEX ID: wiki-slug`` as entries."""
    text = ln.text
    marks: list[tuple[int, int, str]] = []  # (label start, value start, key)
    pos = 0
    for label, key in (*_CARD_FIELDS, (_SCIDEX_ID, "scidex_id")):
        at = text.find(label, pos)
        if at != -1:
            marks.append((at, at + len(label), key))
            pos = at + len(label)
    out = []
    end = len(text.rstrip())
    for i, (at, value_start, key) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else end
        value = text[value_start:stop].strip()
        if value:
            stop = value_start + len(text[value_start:stop].rstrip())
            out.append(_entry(doc, doc.span(ln.start + at, ln.start + stop), key, value))
    return out
