"""Everything kg prints goes through :func:`terminal_safe`: page text cannot drive the terminal.

Page titles, labels, quotes and file names are text from outside. Printed raw, an OSC sequence
(``ESC ] 0 ; title BEL``) retitles the window or writes the clipboard, a DCS or APC sequence
talks to the terminal, a C1 control (``\\x9b`` is CSI on its own), a lone carriage return or a
bidirectional override (U+202E) makes a line read differently from what it holds. So every
C0 control except newline and tab (a carriage return only when a newline follows it, as in
SPARQL CSV line ends), DEL, every C1 control, the bidi embedding, override and isolate controls
and the line and paragraph separators are written as ``\\uXXXX``. An escape sequence thus loses
its introducer and shows as text: nothing is removed, nothing is interpreted.

``\\uXXXX`` is chosen because it is also the escape of the formats kg prints: inside a JSON
string, an N-Triples / Turtle literal or IRI, or a SPARQL TSV term it reads back as exactly the
character it replaces, so ``--format json`` / ``tsv`` and ``kg export`` stay lossless on standard
output. Plain text (tables, CSV, reports) shows the escape; files written with ``-o`` keep the
exact data and never pass through here.

:func:`echo` is ``click.secho`` after :func:`terminal_safe`; :class:`SafeStream` does the same
for binary output streamed to standard output (``kg export``), and :class:`SafeFormatter` for log
records.
"""

from __future__ import annotations

import codecs
import logging
import re
from typing import IO, Any

import click

_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
    "|\r(?!\n)"
)


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control character that could act on a terminal written ``\\uXXXX``."""
    return _UNSAFE.sub(_escape, text)


def echo(message: str = "", *, err: bool = False, nl: bool = True, **style: Any) -> None:
    """Print ``message`` (made :func:`terminal_safe`) like ``click.secho``."""
    click.secho(terminal_safe(message), err=err, nl=nl, **style)


class SafeStream:
    """A binary stream wrapper: UTF-8 written to it reaches ``target`` made terminal-safe.

    Chunks may end inside a character or just after a carriage return; both are held back
    until the next write (or :meth:`close`), so the result equals one call on the whole text.
    """

    def __init__(self, target: IO[bytes]) -> None:
        self._target = target
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = ""

    def write(self, data: bytes) -> int:
        text = self._pending + self._decoder.decode(bytes(data))
        self._pending = ""
        if text.endswith("\r"):
            text, self._pending = text[:-1], "\r"
        self._target.write(terminal_safe(text).encode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self._target.flush()

    def close(self) -> None:
        """Write what is held back (a final carriage return, an incomplete character)."""
        tail = self._pending + self._decoder.decode(b"", final=True)
        self._pending = ""
        if tail:
            self._target.write(terminal_safe(tail).encode("utf-8"))
        self._target.flush()


class SafeFormatter(logging.Formatter):
    """A log formatter whose lines are :func:`terminal_safe`."""

    def format(self, record: logging.LogRecord) -> str:
        return terminal_safe(super().format(record))


__all__ = ["SafeFormatter", "SafeStream", "echo", "terminal_safe"]
