"""A :class:`~kg.parse.model.ParsedPage` as JSON (everything, with spans) or as a text summary.

Both are deterministic: the same page gives the same bytes. The JSON keys are sorted; the
unused lines (with their numbers and text) are listed in both, so nothing is silently dropped.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from kg.pages import Page
from kg.parse.citations import unattached_citations
from kg.parse.model import Infobox, InfoboxRow, LineRole, ParsedPage, Span

MAX_TEXT = 100  # characters of a line or value shown in the text summary


def to_data(obj: Any) -> Any:
    """Plain JSON data: dataclasses as dicts, enums as their values, tuples as lists."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, tuple | list):
        return [to_data(x) for x in obj]
    return obj


def unused_lines(parsed: ParsedPage, page: Page) -> list[tuple[int, str]]:
    """``(line number, text)`` of every UNUSED line."""
    return [(n, line_text(page, n)) for n in parsed.lines_with(LineRole.UNUSED)]


def line_text(page: Page, n: int) -> str:
    starts = page.line_starts
    end = starts[n] - 1 if n < len(starts) else len(page.text)
    return page.text[starts[n - 1] : end].rstrip("\r")


def role_counts(parsed: ParsedPage) -> dict[str, int]:
    return {role.value: len(parsed.lines_with(role)) for role in LineRole}


def render_json(parsed: ParsedPage, page: Page) -> str:
    """The full ParsedPage (every element with its span), plus line-role counts and unused lines."""
    data = to_data(parsed)
    data["line_roles"] = role_counts(parsed)
    data["unused_lines"] = [{"line": n, "text": t} for n, t in unused_lines(parsed, page)]
    data["unattached_citations"] = [
        {"key": c.key, "line": c.span.first_line} for c in unattached_citations(parsed)
    ]
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def render_text(parsed: ParsedPage, page: Page) -> str:
    """A readable summary: shell, title, metadata, infoboxes, counts, problems, unused lines."""
    out = [
        f"page: {parsed.path}",
        f"shell: {parsed.shell.value}   copies: {parsed.copies}",
        f"title: {parsed.title or '-'}{_where(parsed.title_span)}",
        f"url: {parsed.url or '-'}",
        f"slug: {parsed.slug or '-'}",
        f"entity type: {parsed.entity_type or '-'}",
    ]
    meta = parsed.metadata
    if meta is not None:
        out.append(f"metadata ({meta.form}){_where(meta.span)}:")
        out.extend(f"  {e.key} = {_short(e.value)}" for e in meta.entries)
        if meta.merged_from:
            pairs = ", ".join(f"{k}={v}" for k, v in meta.merged_from)
            out.append(f"  __merged_from read as data: {pairs}")
    for box in parsed.infoboxes:
        out.extend(_infobox(box))
    out.append(
        "counts: "
        f"sections {len(parsed.sections)}, bullets {len(parsed.bullets)}, "
        f"tables {len(parsed.tables)}, paragraphs {len(parsed.paragraphs)}, "
        f"links {len(parsed.links)}, citations {len(parsed.citations)}, "
        f"diagrams {len(parsed.diagrams)}"
    )
    for d in parsed.diagrams:
        out.append(
            f"diagram {d.form} {d.direction}{_where(d.span)}: "
            f"{len(d.nodes)} nodes, {len(d.edges)} edges, {len(d.problems)} problems"
        )
    stray = unattached_citations(parsed)
    out.append(
        f"unattached citations (page references, attached to no fact): {len(stray) or 'none'}"
    )
    out.extend(f"  line {c.span.first_line}: [@{c.key}]" for c in stray)
    out.append(f"problems: {len(parsed.problems) or 'none'}")
    for p in parsed.problems:
        where = f"line {p.line}: " if p.line is not None else ""
        out.append(f"  {where}{p.code}: {p.message}")
    counts = role_counts(parsed)
    out.append("lines: " + ", ".join(f"{role} {n}" for role, n in counts.items()))
    unused = unused_lines(parsed, page)
    out.append(f"unused lines: {len(unused) or 'none'}")
    out.extend(f"  {n}: {_short(text)}" for n, text in unused)
    return "\n".join(out) + "\n"


def _infobox(box: Infobox) -> list[str]:
    state = "" if box.complete else " (incomplete: the table is cut off)"
    title = f" {box.title!r}" if box.title else ""
    out = [f"infobox {box.kind}{title}{_where(box.span)}{state}:"]
    out.extend(_row(r, "  ") for r in box.rows)
    for sub in box.subtables:
        out.append(f"  sub-table {sub.header[0]} | {sub.header[1]}{_where(sub.span)}:")
        out.extend(_row(r, "    ") for r in sub.rows)
    if box.citations:
        out.append("  citations: " + ", ".join(c.key for c in box.citations))
    return out


def _row(row: InfoboxRow, indent: str) -> str:
    ids = [link.curie for link in row.value.links if link.curie]
    extra = f"  [{', '.join(ids)}]" if ids else ""
    return f"{indent}{row.label.text} | {_short(row.value.text)}{extra}"


def _where(span: Span | None) -> str:
    if span is None:
        return ""
    if span.first_line == span.last_line:
        return f" (line {span.first_line})"
    return f" (lines {span.first_line}-{span.last_line})"


def _short(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
