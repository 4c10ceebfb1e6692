"""The duplicated rendering: a truncated first copy of the page, then a restart from the title.

Many exports hold the page twice: a first rendering that breaks off (mid-tag ``<td``, or with
``...``, sometimes glued to the restarted title as in ``...iPSC-Derived Motor Neurons``), then
the complete page again from its title. The complete copy wins; the first copy's lines become
SUPERSEDED so that no fact is read twice.

A restart is accepted only when everything the first copy holds is, line for line, the start of
the copy that follows it (blank lines ignored; the last line of the first copy may be cut
short). Line equality is checked with the Z-function over interned lines, so the scan is linear
in the number of lines (times the number of copies found, which is capped).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.parse.document import Document, Line
from kg.parse.model import Problem

MAX_COPIES = 8
MAX_HEAD = 12  # lines of repeated page head (title, card prelude) skipped around a restart
_ELLIPSES = ("...", "…")


@dataclass(frozen=True, slots=True, kw_only=True)
class CopyScan:
    """The copies found (view line indices)."""

    copies: int  # 1 when the page is not duplicated
    body_start: int  # first body line of the complete (last) copy
    superseded: tuple[tuple[int, int], ...] = ()  # [first, end) ranges of truncated copies
    restarts: tuple[int, ...] = ()  # restart title lines of later copies (USED)
    chrome: tuple[int, ...] = ()  # page chrome repeated before a restart
    problems: tuple[Problem, ...] = ()


def z_function(seq: Sequence[int]) -> list[int]:
    """``z[i]``: length of the longest common prefix of ``seq[i:]`` and ``seq`` (``z[0] = len``)."""
    n = len(seq)
    z = [0] * n
    if n:
        z[0] = n
    left = right = 0
    for i in range(1, n):
        k = min(right - i, z[i - left]) if i < right else 0
        while i + k < n and seq[k] == seq[i + k]:
            k += 1
        z[i] = k
        if i + k > right:
            left, right = i, i + k
    return z


def find_copies(
    doc: Document, body_start: int, titles: Sequence[str], prelude: Sequence[str] = ()
) -> CopyScan:
    """Find truncated copies after ``body_start`` that restart from one of ``titles``."""
    lines = doc.lines
    nonblank = [ln for ln in lines[body_start:] if ln.stripped]
    if not titles or len(nonblank) < 2:
        return CopyScan(copies=1, body_start=body_start)
    intern: dict[str, int] = {}
    ids = [intern.setdefault(ln.stripped, len(intern)) for ln in nonblank]
    title_set = frozenset(titles)
    start, copies = 0, 1
    superseded: list[tuple[int, int]] = []
    restarts: list[int] = []
    chrome: list[int] = []
    problems: list[Problem] = []
    while copies < MAX_COPIES:
        found = _next_restart(nonblank, ids, start, title_set, frozenset(prelude))
        if found is None:
            break
        end, restart, second = found
        first_line, last_line = nonblank[start], nonblank[end - 1] if end > start else None
        if last_line is not None:
            superseded.append((first_line.index, last_line.index + 1))
        chrome.extend(ln.index for ln in nonblank[end:restart])
        restarts.extend(ln.index for ln in nonblank[restart:second])
        problems.append(_problem(doc, first_line, last_line, nonblank[restart]))
        start, copies = second, copies + 1
    new_start = nonblank[start].index if copies > 1 else body_start
    return CopyScan(
        copies=copies,
        body_start=new_start,
        superseded=tuple(superseded),
        restarts=tuple(restarts),
        chrome=tuple(chrome),
        problems=tuple(problems),
    )


def _next_restart(
    nonblank: Sequence[Line],
    ids: Sequence[int],
    start: int,
    titles: frozenset[str],
    prelude: frozenset[str],
) -> tuple[int, int, int] | None:
    """``(end of the truncated copy, restart line, body start of the next copy)`` positions."""
    z: list[int] | None = None
    m = len(nonblank)
    head = titles | prelude  # a restart repeats the title lines and the page head's chrome
    for r in range(start + 1, m):
        kind, cut = _restart_kind(nonblank[r].stripped, titles)
        if kind is None:
            continue
        second = r + 1
        while (
            second < min(m, r + MAX_HEAD)
            and nonblank[second].stripped in head
            and nonblank[start].stripped not in head
        ):
            second += 1
        end = r
        while end - 1 > max(start, r - MAX_HEAD) and nonblank[end - 1].stripped in prelude:
            end -= 1  # "📗 Cite This Artifact" repeated before the restarted title
        if z is None:
            z = z_function(ids[start:])
        offset = second - start
        if offset >= len(z):
            continue
        full = end - start
        if kind == "exact":
            if full < 1 or z[offset] < full - 1 or second + full - 1 >= m:
                continue
            if z[offset] >= full or _cut_short(
                nonblank[end - 1].stripped, nonblank[second + full - 1].stripped
            ):
                return end, r, second
        elif (
            z[offset] >= full
            and (full or cut)
            and (
                not cut or (second + full < m and nonblank[second + full].stripped.startswith(cut))
            )
        ):
            return end, r, second
    return None


def _restart_kind(s: str, titles: frozenset[str]) -> tuple[str | None, str]:
    """``("exact", "")`` for a title line, ``("glued", cut)`` for ``cut...Title``, else None."""
    if s in titles:
        return "exact", ""
    for t in titles:
        if len(s) > len(t) and s.endswith(t):
            prefix = s[: -len(t)].rstrip()
            if prefix.endswith(_ELLIPSES):
                return "glued", _strip_ellipsis(prefix)
            if prefix.rfind("<") > prefix.rfind(">"):
                return "glued", prefix  # broken off mid-tag: "<tdTitle"
    return None, ""


def _strip_ellipsis(s: str) -> str:
    for e in _ELLIPSES:
        if s.endswith(e):
            return s[: -len(e)].rstrip()
    return s


def _cut_short(partial: str, complete: str) -> bool:
    """True when ``partial`` is ``complete`` broken off (``<td`` of ``<td>High</td>``)."""
    cut = _strip_ellipsis(partial)
    return bool(cut) and complete.startswith(cut)


def _problem(doc: Document, first: Line, last: Line | None, restart: Line) -> Problem:
    restart_line = doc.line_span(restart).first_line
    if last is None:
        span = doc.line_span(restart)
        text = (
            f"line {restart_line} breaks off a first copy of the page ({restart.stripped[:40]!r})"
        )
    else:
        span = doc.line_span(first, last)
        text = (
            f"lines {span.first_line}-{span.last_line} are a truncated first copy of the page "
            f"(it breaks off at {last.stripped[-40:]!r})"
        )
    return Problem(
        code="truncated-copy",
        message=f"{text}; the complete copy restarting at line {restart_line} is read instead",
        line=span.first_line,
        span=span,
    )
