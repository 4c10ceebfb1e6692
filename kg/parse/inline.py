"""Inline text: plain text, links and citations of a range of the view.

:func:`parse_inline` reads view offsets ``[start, end)`` once, left to right. Plain text is the
range with HTML tags and comments, markdown link syntax (the link text is kept), ``**`` and
citations removed, HTML entities decoded and whitespace folded. Every link (markdown, HTML
``<a>``, ``[[wiki]]``, bare URL, autolink ``<https://...>``) and citation found is returned with
its exact span. Markdown links never cross a line here (see
:func:`kg.parse.links.repair_broken_links` for those that do); a ``[`` that starts the range and
never closes on its line is a ``"broken"`` link.

Linear time: the scanner jumps between special characters with one regular expression, and every
"where is the next ``]`` / ``>`` / newline" question is answered by a cached forward search, so no
character is scanned more than a constant number of times.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from kg.parse import citations as cites
from kg.parse import links
from kg.parse.document import Document
from kg.parse.model import Citation, Link

_SPECIAL = re.compile(r"\[|<|https?://|\*\*")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_ANY_TAG = re.compile(r"<[^<>\n]*>")
_CLOSE_A = re.compile(r"</a\s*>", re.IGNORECASE)
#: Tags dropped without leaving a space (inline formatting); every other tag becomes a space.
_INLINE_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "span", "sup", "sub", "small", "code", "u"}
)
#: Tag names treated as a cut-off tag when their ``>`` is missing on the line.
_BLOCK_TAGS = "table tr td th thead tbody div p br hr ul ol li img iframe h1 h2 h3 h4 h5 h6 pre"
_HTML_TAGS = _INLINE_TAGS | frozenset(_BLOCK_TAGS.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Inline:
    """What a range of text says: its plain text, and the links and citations in it."""

    text: str
    links: tuple[Link, ...] = ()
    citations: tuple[Citation, ...] = ()


def parse_inline(doc: Document, start: int, end: int, attached_to: str | None) -> Inline:
    """Plain text, links and citations of view range ``[start, end)`` (see the module doc)."""
    if _SPECIAL.search(doc.text, start, end) is None:
        return Inline(text=fold([doc.text[start:end]]))
    scan = _Scan(doc, start, end, attached_to)
    scan.run()
    return Inline(text=fold(scan.pieces), links=tuple(scan.links), citations=tuple(scan.cites))


def fold(pieces: list[str]) -> str:
    """Join text pieces, decode HTML entities, fold whitespace."""
    return " ".join(html.unescape("".join(pieces)).replace("\ufeff", " ").split())


def plain(text: str) -> str:
    """Link text without tags and ``**``, whitespace folded."""
    return fold([_ANY_TAG.sub(" ", text).replace("**", "")])


class _Next:
    """The next occurrence of a fixed string at or after a position that only moves forward."""

    __slots__ = ("at", "end", "needle", "text")

    def __init__(self, text: str, needle: str, end: int) -> None:
        self.text, self.needle, self.end, self.at = text, needle, end, -2

    def find(self, pos: int) -> int:
        if self.at == -1 or self.at >= pos:
            return self.at
        self.at = self.text.find(self.needle, pos, self.end)
        return self.at


@dataclass(slots=True)
class _Scan:
    doc: Document
    start: int
    end: int
    attached_to: str | None
    pieces: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    cites: list[Citation] = field(default_factory=list)
    _finders: dict[str, _Next] = field(default_factory=dict)
    _close_a: re.Match[str] | None = None  # the next </a> found so far
    _no_close_a: bool = False  # no </a> is left in the range
    _first: int = -1  # first non-blank offset of the range (computed once)

    def at_range_start(self, i: int) -> bool:
        if self._first == -1:
            text, k = self.doc.text, self.start
            while k < self.end and text[k] in " \t\r\n":
                k += 1
            self._first = k
        return i == self._first

    def next(self, needle: str, pos: int) -> int:
        finder = self._finders.get(needle)
        if finder is None:
            finder = self._finders[needle] = _Next(self.doc.text, needle, self.end)
        return finder.find(pos)

    def line_end(self, pos: int) -> int:
        nl = self.next("\n", pos)
        end = self.end if nl == -1 else nl
        return end - 1 if end > pos and self.doc.text[end - 1] == "\r" else end

    def run(self) -> None:
        text, pos = self.doc.text, self.start
        while pos < self.end:
            m = _SPECIAL.search(text, pos, self.end)
            if m is None:
                self.pieces.append(text[pos : self.end])
                return
            i = m.start()
            self.pieces.append(text[pos:i])
            ch = text[i]
            if ch == "[":
                after = self.bracket(i)
            elif ch == "<":
                after = self.angle(i)
            elif ch == "*":
                after = i + 2
            else:
                after = self.bare_url(i)
            if after is None:
                self.pieces.append(ch)
                after = i + 1
            pos = after

    # -- [ ... ------------------------------------------------------------------------------
    def bracket(self, i: int) -> int | None:
        text = self.doc.text
        nxt = text[i + 1 : i + 3]
        if nxt.startswith("["):
            return self.wikilink(i)
        if nxt.startswith("@") or nxt in ('"@', "'@"):
            return self.citation(i)
        return self.markdown(i)

    def wikilink(self, i: int) -> int | None:
        close = self.next("]]", i + 2)
        eol = self.line_end(i)
        if close == -1 or close > eol or close == i + 2 or -1 < self.next("[", i + 2) < close:
            return None
        inner = self.doc.text[i + 2 : close]
        target, _, shown = inner.partition("|")
        shown = shown or target
        self.add_link(i, close + 2, plain(shown), target.strip(), "wiki")
        self.pieces.append(plain(shown))
        return close + 2

    def citation(self, i: int) -> int | None:
        found = cites.match_keys(self.doc.text, i, self.line_end(i))
        if found is None:
            return None
        keys, after = found
        if len(keys) == 1 and keys[0].kind == "key":
            gap = cites.definition_gap(self.doc.text, after, self.line_end(i))
            if gap is not None and (done := self.definition(i, keys[0].key, gap)) is not None:
                return done
        doc = self.doc
        if doc.citations_left < len(keys):  # past the page's limit: read no more markers
            if doc.first_unread_citation is None:
                doc.first_unread_citation = keys[max(doc.citations_left, 0)].start
            doc.citations_left = 0
            return after
        doc.citations_left -= len(keys)
        for k in keys:
            self.cites.append(
                cites.make_citation(
                    self.doc, k.start, k.end, key=k.key, kind=k.kind, attached_to=self.attached_to
                )
            )
        return after

    def definition(self, i: int, key: str, at: int) -> int | None:
        found = self.link_at(at)
        if found is None or found[0].kind != "markdown":
            return None
        link, after = found
        self.links.append(link)
        cite = cites.make_citation(
            self.doc,
            i,
            after,
            key=key,
            kind="definition",
            attached_to=self.attached_to,
            url=link.target,
        )
        self.cites.append(cite)
        return after

    def markdown(self, i: int) -> int | None:
        found = self.link_at(i)
        if found is None:
            return None
        link, after = found
        numbered = link.kind == "markdown" and cites.is_number(link.text)
        if numbered and cites.pmid_of_url(link.target):
            key = link.text.strip()
            self.cites.append(
                cites.make_citation(
                    self.doc,
                    i,
                    after,
                    key=key,
                    kind="pubmed",
                    attached_to=self.attached_to,
                    url=link.target,
                )
            )
            return after
        self.links.append(link)
        self.pieces.append(link.text)
        return after

    def link_at(self, i: int) -> tuple[Link, int] | None:
        """A markdown link (or a broken one) starting at ``[``, without recording it."""
        text, eol = self.doc.text, self.line_end(i)
        close = self.next("]", i + 1)
        if close == -1 or close > eol:
            if self.at_range_start(i) and text[i + 1 : eol].strip():
                label = plain(text[i + 1 : eol])
                return links.make_link(
                    self.doc, i, _rstrip(text, i, eol), text=label, target="", kind="broken"
                ), eol
            return None
        if -1 < self.next("[", i + 1) < close or close + 1 >= eol or text[close + 1] != "(":
            return None
        label = plain(text[i + 1 : close])
        dest = links.match_destination(text, close + 1, eol)
        if dest is not None and "](" not in dest[0]:
            target, after = dest
            return links.make_link(
                self.doc, i, after, text=label, target=target, kind="markdown"
            ), after
        paren = self.next(")", close + 2)
        after = paren + 1 if -1 < paren < eol else _rstrip(text, i, eol)
        written = text[close + 2 : after - 1 if text[after - 1] == ")" else after].strip()
        return links.make_link(self.doc, i, after, text=label, target=written, kind="broken"), after

    # -- < ... ------------------------------------------------------------------------------
    def angle(self, i: int) -> int | None:
        text = self.doc.text
        if text.startswith("<!--", i):
            close = self.next("-->", i + 4)
            return self.end if close == -1 else close + 3
        m = _AUTOLINK.match(text, i, self.line_end(i))
        if m:
            self.add_link(i, m.end(), m.group(1), m.group(1), "url")
            self.pieces.append(m.group(1))
            return m.end()
        m = _TAG.match(text, i, self.end)
        if m is None:
            return None
        name = m.group(1).lower()
        eol = self.line_end(i)
        gt = self.next(">", m.end())
        if gt == -1 or gt > eol:
            return eol if name in _HTML_TAGS else None
        if name == "a" and not text.startswith("</", i):
            return self.anchor(i, gt)
        self.pieces.append("" if name in _INLINE_TAGS else " ")
        return gt + 1

    def anchor(self, i: int, gt: int) -> int:
        text = self.doc.text
        href = links.href_of(text[i : gt + 1])
        close = self.find_close_a(gt + 1)
        if href is None:
            return gt + 1
        if close is None:
            self.add_link(i, gt + 1, "", html.unescape(href), "html")
            return gt + 1
        inner = text[gt + 1 : close.start()]
        label = plain(inner)
        self.add_link(i, close.end(), label, html.unescape(href), "html")
        self.pieces.append(label)
        return close.end()

    def find_close_a(self, pos: int) -> re.Match[str] | None:
        if self._no_close_a:
            return None
        if self._close_a is None or self._close_a.start() < pos:
            self._close_a = _CLOSE_A.search(self.doc.text, pos, self.end)
            self._no_close_a = self._close_a is None
        return self._close_a

    # -- http ... ---------------------------------------------------------------------------
    def bare_url(self, i: int) -> int | None:
        after = links.match_bare_url(self.doc.text, i, self.end)
        if after is None:
            return None
        url = self.doc.text[i:after]
        self.add_link(i, after, url, url, "url")
        self.pieces.append(url)
        return after

    def add_link(self, start: int, end: int, text: str, target: str, kind: str) -> None:
        self.links.append(
            links.make_link(self.doc, start, end, text=text, target=target, kind=kind)
        )


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\r":
        end -= 1
    return end
