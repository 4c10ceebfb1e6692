"""Which rendering a page export is, its title, its canonical URL, and its page chrome.

The six renderings are described in ``docs/page-format.md`` (see :class:`~kg.parse.model.Shell`).
:func:`detect_shell` looks only at a few lines at the top of the page and at the chrome lines,
so it is linear in the page size. Chrome lines are page furniture (``📗 Cite This Artifact``,
the embed snippet, ``No provenance edges found``, ...): recognised and deliberately skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit, urlunsplit

from kg.parse.document import Document, Line
from kg.parse.metadata import KNOWN_KEYS
from kg.parse.model import Problem, Shell, Span

CITE_MARK = "📗 Cite This Artifact"
BOOK = "📖"
EMBED_END = "View on SciDEX ↗"
ENTITY_MARK = "Knowledge Graph Node"
PRISM_MARK = "SciDEX wiki"

_CHROME_EXACT = frozenset(
    {
        CITE_MARK,
        BOOK,
        "📖 Wiki Page",
        EMBED_END,
        "📖 View canonical wiki page →",
        "Related Entities",
        "No provenance edges found",
        "Pathway Diagram",
        "📊 Evidence Profile",
        "Evidence Profile",
        "No AI portrait yet",
        "Knowledge base pages for this entity",
    }
)
_CHROME_PREFIXES = (
    "Use ?embed=1",
    "<iframe",
    "▸Metadata",
    "The following diagram shows the key molecular relationships involving",
    "This page aggregates everything SciDEX knows about",
    "Entity Detail",
)
_EVIDENCE = re.compile(r"Incoming\s{0,3}\d{1,9}\s{0,3}Outgoing\s{0,3}\d{1,9}")
_WORD_COUNT = re.compile(r"([a-z][a-z_]{0,40})(\d[\d,]{0,12}) words")
_IFRAME_SRC = re.compile(r"""src=["']([^"'\s]{1,2000})["']""")
_TRAILING_LINK = re.compile(r"\[[^\]\n]{0,500}\]\((https?://[^)\s]{1,2000})\)")
_BARE_URL = re.compile(r"https?://\S{1,2000}")
_URL_SLUG = re.compile(r"/wiki[-/]([A-Za-z0-9][A-Za-z0-9_-]{0,300})/?$")
_NAME_ROW = re.compile(r"\|\s{0,5}Name\s{0,5}\|\s{0,5}([^|]{1,300}?)\s{0,5}\|")
_SLUG_LINE = re.compile(r"[a-z0-9]{1,60}(?:-[a-z0-9]{1,60}){1,30}")
_HEAD_LINES = 40  # the shell is decided by the first non-blank lines


@dataclass(frozen=True, slots=True, kw_only=True)
class ShellInfo:
    """What the top and the furniture of a page say (line numbers are view line indices)."""

    shell: Shell
    title: str | None = None
    title_span: Span | None = None
    title_lines: tuple[int, ...] = ()  # lines holding the title (USED)
    titles: tuple[str, ...] = ()  # every title variant as written (for restart detection)
    prelude: tuple[str, ...] = ()  # stripped chrome lines of the page head (before the body)
    body_start: int = 0  # first line of the page body
    chrome: frozenset[int] = field(default_factory=frozenset)
    card_header: int | None = None  # the "wiki page Created: ... SciDEX ID: ..." line
    url: str | None = None
    url_slug: str | None = None
    entity_type: str | None = None  # from "cell1210 words" or "cell · SciDEX wiki"
    problems: tuple[Problem, ...] = ()


def is_chrome(stripped: str) -> bool:
    """True for a line of page furniture that carries no page content."""
    if stripped in _CHROME_EXACT or stripped.startswith(_CHROME_PREFIXES):
        return True
    if stripped.startswith("<!--") and stripped.endswith("-->"):
        return True
    if stripped.startswith("Metadata") and (
        len(stripped) == 8 or stripped[8] in "_abcdefghijklmnopqrstuvwxyz"
    ):
        return True  # "Metadataorigin_type: ..." (the collapsed metadata summary)
    return stripped.startswith("Incoming") and _EVIDENCE.fullmatch(stripped) is not None


def chrome_lines(lines: Sequence[Line]) -> set[int]:
    """Indices of chrome lines, multi-line HTML comments and the trailing page links included."""
    out: set[int] = set()
    in_comment = related = False
    for ln in lines:
        s = ln.stripped
        if related and _SLUG_LINE.fullmatch(s) and not s.startswith(KNOWN_KEYS):
            out.add(ln.index)  # the related-entity slugs listed under "Related Entities"
            continue
        related = s == "Related Entities"
        if in_comment:
            out.add(ln.index)
            in_comment = "-->" not in s
        elif s.startswith("<!--") and "-->" not in s:
            out.add(ln.index)
            in_comment = True
        elif s and is_chrome(s):
            out.add(ln.index)
    for run in (reversed(lines), lines):  # page links at the end ("[Title](url)", url) and top
        for ln in run:
            s = ln.stripped
            if not s or (ln.index in out and ln.index > 0):
                continue
            if not is_page_url_line(s):
                break
            out.add(ln.index)
    return out


def is_page_url_line(s: str) -> bool:
    """``https://scidex.ai/...`` alone on a line, or ``[Title](https://scidex.ai/...)``."""
    return "scidex.ai/" in s and bool(_TRAILING_LINK.fullmatch(s) or _BARE_URL.fullmatch(s))


def canonical_url(lines: Sequence[Line], chrome: set[int]) -> str | None:
    """The page URL from the iframe embed snippet, else the trailing link or bare URL."""
    found: dict[str, str] = {}
    for i in sorted(chrome):
        s = lines[i].stripped
        if s.startswith("<iframe") and "src=" in s:
            m = _IFRAME_SRC.search(s)
            if m:
                found.setdefault("iframe", _strip_embed(m.group(1)))
        elif (m := _TRAILING_LINK.fullmatch(s)) is not None:
            found.setdefault("link", m.group(1))
        elif _BARE_URL.fullmatch(s):
            found.setdefault("bare", s)
    for kind in ("iframe", "link", "bare"):
        if kind in found:
            return found[kind]
    return None


def _strip_embed(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:  # a bracket in the host: keep the address as the page wrote it
        return url
    query = "&".join(q for q in parts.query.split("&") if q and q != "embed=1")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def url_slug(url: str | None) -> str | None:
    """``cell-types-motor-neurons`` from ``.../artifact/wiki-cell-types-motor-neurons``."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:  # a bracket in the host
        return None
    m = _URL_SLUG.search(path)
    return m.group(1) if m else None


def detect_shell(doc: Document, content: tuple[int, int] | None = None) -> ShellInfo:
    """Decide the rendering and read the title, URL and chrome.

    ``content`` is the view line range ``[first, end)`` of decoded markdown for the history
    rendering (see :mod:`kg.parse.history`), None otherwise.
    """
    lines = _without_bom(doc.lines)
    chrome = chrome_lines(lines)
    url = canonical_url(lines, chrome)
    if content is not None:
        info = _history(doc, content)
    else:
        top = lines[: _HEAD_LINES * 4]
        head = [ln for ln in top if ln.stripped and not is_page_url_line(ln.stripped)]
        head = head[:_HEAD_LINES]
        info = _top(doc, head, has_embed_end=_has_line(lines, chrome, EMBED_END))
    extra = set(info.chrome)
    if info.shell in (Shell.CARD, Shell.EMBED) and info.title_lines:
        extra |= _prelude_chrome(lines, info.title_lines[0], info.body_start)
    chrome |= extra
    head_chrome = (lines[i].stripped for i in sorted(chrome) if i < info.body_start)
    prelude = tuple(dict.fromkeys((*info.prelude, *head_chrome)))
    return _replace(
        info, chrome=frozenset(chrome), prelude=prelude, url=url, url_slug=url_slug(url)
    )


def _without_bom(lines: list[Line]) -> list[Line]:
    """The lines with a byte-order mark at the start of the page read as space."""
    if not lines or not lines[0].text.startswith("\ufeff"):
        return lines
    first = lines[0]
    return [Line(first.index, first.start + 1, first.end, first.text[1:]), *lines[1:]]


def _has_line(lines: Sequence[Line], chrome: set[int], text: str) -> bool:
    return any(lines[i].stripped == text for i in chrome)


def _top(doc: Document, head: list[Line], *, has_embed_end: bool) -> ShellInfo:
    if not head:
        return _unknown("the page has no text")
    first = head[0].stripped
    if first.startswith(CITE_MARK):
        return _cite(doc, head)
    for ln in head[:20]:
        if ln.stripped.startswith("Entity Detail") and ENTITY_MARK in ln.stripped:
            return _entity(doc, head, ln)
    for ln in head[:10]:
        if ln.stripped.endswith(PRISM_MARK) and "·" in ln.stripped:
            return _prism(doc, head, ln)
    card_marks = first == BOOK or any(
        ln.stripped == "📖 Wiki Page" or ln.stripped.startswith("wiki page Created:")
        for ln in head[:12]
    )
    if card_marks:
        return _card(doc, head, Shell.EMBED if has_embed_end else Shell.CARD)
    if has_embed_end or (len(head) > 1 and _is_infobox_start(head[1].stripped)):
        return _titled(doc, Shell.EMBED, [head[0]], body_start=head[0].index + 1)
    return _unknown(
        "not a SciDEX page: none of the six renderings (cite, card, embed, prism, history, "
        f"entity) was recognised from its first line {first[:60]!r}; read as plain text"
    )


def _is_infobox_start(s: str) -> bool:
    return s.startswith(("<table", "<div")) and "infobox" in s[:200]


def _unknown(message: str) -> ShellInfo:
    return ShellInfo(
        shell=Shell.UNKNOWN, problems=(Problem(code="not-scidex-page", message=message, line=1),)
    )


def _cite(doc: Document, head: list[Line]) -> ShellInfo:
    titles = [ln for ln in head[1:3] if _title_like(ln.stripped)]
    if len(titles) == 2 and not similar_titles(titles[0].stripped, titles[1].stripped):
        titles = titles[:1]
    if not titles:
        return ShellInfo(shell=Shell.CITE, body_start=head[0].index + 1, prelude=(CITE_MARK,))
    return _titled(doc, Shell.CITE, titles, body_start=titles[-1].index + 1, prelude=(CITE_MARK,))


def _card(doc: Document, head: list[Line], shell: Shell) -> ShellInfo:
    """📖, title, active, "wiki page Created: ...", 📖 Wiki Page, "cell1210 words", body."""
    start = 1 if head[0].stripped == BOOK else 0
    title = next((ln for ln in head[start:12] if not _card_prelude(ln.stripped)), None)
    if title is None:
        return ShellInfo(shell=shell, body_start=head[-1].index + 1)
    header = entity_type = None
    body_start = title.index + 1
    rest = [ln for ln in head if ln.index > title.index]
    for ln in rest[:8]:
        s = ln.stripped
        if s.startswith("wiki page"):
            header = ln.index
        elif (m := _WORD_COUNT.match(s)) is not None:
            entity_type = m.group(1)
        elif not _card_prelude(s):
            break
        body_start = ln.index + 1
    titles = [title]
    after = [ln for ln in rest if ln.index >= body_start][:1]
    if after and after[0].stripped == title.stripped:
        titles.append(after[0])
        body_start = after[0].index + 1
    prelude = (BOOK,) if start else ()
    info = _titled(doc, shell, titles, body_start=body_start, prelude=prelude)
    return _replace(info, card_header=header, entity_type=entity_type)


def _card_prelude(s: str) -> bool:
    return (
        s in (BOOK, "active", "📖 Wiki Page")
        or s.startswith("wiki page")
        or _WORD_COUNT.match(s) is not None
    )


def _prelude_chrome(lines: Sequence[Line], title: int, body_start: int) -> set[int]:
    """The card prelude lines between the title and the body ("active", word count, ...)."""
    return {
        i
        for i in range(0, body_start)
        if i != title and lines[i].stripped and _card_prelude(lines[i].stripped)
    }


def _prism(doc: Document, head: list[Line], header: Line) -> ShellInfo:
    """``cell · SciDEX wiki``, then the title (or the title first, then the header)."""
    kind = header.stripped.split("·")[0].strip()
    entity_type = kind if kind and " " not in kind and kind.islower() else None
    before = [ln for ln in head if ln.index < header.index]
    after = [ln for ln in head if ln.index > header.index]
    title = before[0] if before else (after[0] if after else None)
    info = ShellInfo(shell=Shell.PRISM, body_start=header.index + 1)
    if title is not None:
        body_start = max(title.index, header.index) + 1
        info = _titled(doc, Shell.PRISM, [title], body_start=body_start)
    return _replace(info, chrome=frozenset({header.index}), entity_type=entity_type)


def _entity(doc: Document, head: list[Line], header: Line) -> ShellInfo:
    """``Entity Detail — Knowledge Graph Node`` with the name in a ``| Name | X |`` row."""
    for ln in head:
        m = _NAME_ROW.match(ln.stripped) if ln.index > header.index else None
        if m is not None:
            start = ln.start + (len(ln.text) - len(ln.text.lstrip())) + m.start(1)
            span = doc.span(start, start + len(m.group(1)))
            return ShellInfo(
                shell=Shell.ENTITY,
                title=m.group(1),
                title_span=span,
                titles=(m.group(1),),
                body_start=header.index + 1,
            )
    return ShellInfo(shell=Shell.ENTITY, body_start=header.index + 1)


def _history(doc: Document, content: tuple[int, int]) -> ShellInfo:
    """The markdown's first ``# Title`` heading is the title."""
    first, end = content
    for ln in doc.lines[first : min(end, first + _HEAD_LINES * 4)]:
        s = ln.stripped
        if s.startswith("# "):
            lead = len(ln.text) - len(ln.text.lstrip()) + 2
            lead += len(ln.text[lead:]) - len(ln.text[lead:].lstrip())
            span = doc.span(ln.start + lead, ln.start + lead + len(s[2:].strip()))
            title = s[2:].strip()
            return ShellInfo(
                shell=Shell.HISTORY,
                title=title,
                title_span=span,
                title_lines=(ln.index,),
                titles=(title,),
                body_start=ln.index + 1,
            )
        if s:
            break
    return ShellInfo(shell=Shell.HISTORY, body_start=first)


def _titled(
    doc: Document,
    shell: Shell,
    titles: list[Line],
    *,
    body_start: int,
    prelude: tuple[str, ...] = (),
) -> ShellInfo:
    first = titles[0]
    lead = len(first.text) - len(first.text.lstrip())
    span = doc.span(first.start + lead, first.start + lead + len(first.stripped))
    return ShellInfo(
        shell=shell,
        title=first.stripped,
        title_span=span,
        title_lines=tuple(ln.index for ln in titles),
        titles=tuple(dict.fromkeys(ln.stripped for ln in titles)),
        prelude=prelude,
        body_start=body_start,
    )


def _title_like(s: str) -> bool:
    return bool(s) and len(s) <= 300 and not s.startswith(("<", "- ", "|", "#", "```"))


def _words(s: str) -> set[str]:
    return {w for w in re.split(r"[^0-9a-z]+", s.lower()) if w}


def similar_titles(a: str, b: str) -> bool:
    """Two title lines of one page: equal words up to punctuation, or mostly shared words."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return a == b
    return len(wa & wb) * 2 >= min(len(wa), len(wb))


def _replace(info: ShellInfo, **changes: object) -> ShellInfo:
    return replace(info, **changes)  # type: ignore[arg-type]
