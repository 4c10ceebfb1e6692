"""The history rendering: a page's markdown inside an escaped JSON string.

A history export holds ``"content_md": "# Title\\n\\n<table ..."``. :func:`history_document`
decodes that JSON string into a *view* whose markdown lines the other parser modules read
like any other page, with an offset map back to the raw text, so every span still points at
the escaped source as it is in the file. The decoded markdown is put on lines of its own (a
synthetic newline before and after it, mapped to the string's quotes), so that the JSON around
it stays on separate view lines.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from kg.pages import Page
from kg.parse.document import Document

CONTENT_KEY = '"content_md"'
_HEX = frozenset("0123456789abcdefABCDEF")

_SIMPLE_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryView:
    """The decoded view and where the markdown sits in it (view offsets)."""

    document: Document
    content_start: int  # view offset of the first markdown character
    content_end: int  # view offset just after the last markdown character
    bad_escapes: int  # escapes that were not valid JSON (kept as written)


def find_content_string(text: str) -> tuple[int, int] | None:
    """Raw offsets ``(first, end)`` of the characters inside the ``content_md`` JSON string.

    ``end`` is the offset of the closing quote (or the end of the text if it never closes).
    None when the text has no ``"content_md": "`` key.
    """
    key = text.find(CONTENT_KEY)
    while key != -1:
        i = key + len(CONTENT_KEY)
        n = len(text)
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i < n and text[i] == ":":
            i += 1
            while i < n and text[i] in " \t\r\n":
                i += 1
            if i < n and text[i] == '"':
                return i + 1, _string_end(text, i + 1)
        key = text.find(CONTENT_KEY, key + 1)
    return None


def _string_end(text: str, first: int) -> int:
    """Offset of the unescaped closing quote of a JSON string starting at ``first``."""
    i = first
    n = len(text)
    while True:
        quote = text.find('"', i)
        if quote == -1:
            return n
        back = quote - 1
        while back >= first and text[back] == "\\":
            back -= 1
        if (quote - 1 - back) % 2 == 0:  # an even run of backslashes: the quote is real
            return quote
        i = quote + 1


def decode_json_string(text: str, first: int, end: int) -> tuple[str, array, int]:
    """Decode the JSON string body ``text[first:end]``.

    Returns the decoded text, the raw offset of each decoded character, and how many escapes
    were invalid (those are kept as written). Linear in the length of the string.
    """
    parts: list[str] = []
    offsets = array("q")
    bad = 0
    i = first
    while i < end:
        slash = text.find("\\", i, end)
        stop = end if slash == -1 else slash
        if stop > i:
            parts.append(text[i:stop])
            offsets.extend(range(i, stop))
        if slash == -1:
            break
        char, width = _escape(text, slash, end)
        if char is None:
            bad += 1
            char, width = text[slash : slash + 2], min(2, end - slash)
            offsets.extend(range(slash, slash + width))
        else:
            offsets.append(slash)
        parts.append(char)
        i = slash + width
    return "".join(parts), offsets, bad


def _escape(text: str, slash: int, end: int) -> tuple[str | None, int]:
    """The character an escape at ``slash`` stands for and the escape's width."""
    if slash + 1 >= end:
        return None, 1
    code = text[slash + 1]
    simple = _SIMPLE_ESCAPES.get(code)
    if simple is not None:
        return simple, 2
    if code != "u":
        return None, 2
    high = _hex4(text, slash + 2, end)
    if high is None:
        return None, 2
    if 0xD800 <= high < 0xDC00 and text.startswith("\\u", slash + 6):
        low = _hex4(text, slash + 8, end)
        if low is not None and 0xDC00 <= low < 0xE000:
            return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)), 12
    if 0xD800 <= high < 0xE000:
        return "\ufffd", 6  # a lone surrogate cannot be a str character
    return chr(high), 6


def _hex4(text: str, start: int, end: int) -> int | None:
    digits = text[start : start + 4]
    if start + 4 > end or len(digits) != 4 or not all(c in _HEX for c in digits):
        return None
    return int(digits, 16)


def history_document(page: Page) -> HistoryView | None:
    """A :class:`Document` whose view decodes the page's ``content_md`` string, or None."""
    found = find_content_string(page.text)
    if found is None:
        return None
    first, end = found
    raw = page.text
    decoded, offsets, bad = decode_json_string(raw, first, end)
    view = "".join((raw[:first], "\n", decoded, "\n", raw[end:]))
    to_raw = array("q", range(first))
    to_raw.append(first)  # the synthetic newline before the markdown
    to_raw.extend(offsets)
    to_raw.append(end)  # the synthetic newline after it
    to_raw.extend(range(end, len(raw) + 1))
    content_start = first + 1
    return HistoryView(
        document=Document(page, view, to_raw),
        content_start=content_start,
        content_end=content_start + len(decoded),
        bad_escapes=bad,
    )
