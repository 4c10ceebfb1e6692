"""pyoxigraph's SPARQL syntax errors, made readable: line, column, what was expected, the line.

pyoxigraph reports ``error at 3:17: expected one of ABS, AVG, ..., ['0' ..= '9' | ...]``. The
position is where its parser gave up, which can be a little after the real mistake (at the end
of the line or of the query when a bracket is missing); the source line is shown with a caret
so that the reader sees both.
"""

from __future__ import annotations

import re

from kg.query.lexer import Kind, Token, tokenize
from kg.query.prefixes import PREFIXES
from kg.query.safety import declared_prefixes

_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
_MAX_ALTERNATIVES = 8


def describe(message: str, text: str) -> tuple[int | None, str]:
    """(line, readable message) for a pyoxigraph SyntaxError message about ``text``."""
    m = _POSITION.match(message)
    if m is None:
        return None, f"malformed SPARQL: {message}"
    line, column = int(m[1]), int(m[2])
    if "Prefix not found" in m[3]:
        tok = undeclared_prefix(text)
        if tok is not None:
            return tok.line, _unknown_prefix(tok, text)
    return line, (
        f"malformed SPARQL at line {line}, column {column}: {_expected(m[3])}\n"
        f"{_excerpt(text, line, column)}{_bracket_hint(text)}"
    )


def undeclared_prefix(text: str) -> Token | None:
    """The first prefixed name whose prefix is neither declared nor predeclared."""
    tokens = tokenize(text)
    known = set(PREFIXES) | {name for name, _ in declared_prefixes(tokens)}
    for i, tok in enumerate(tokens):
        if tok.kind is not Kind.PNAME or tok.text.startswith("_:"):
            continue
        if i > 0 and tokens[i - 1].is_word("PREFIX"):
            continue
        if tok.text.split(":", 1)[0] not in known:
            return tok
    return None


def _unknown_prefix(tok: Token, text: str) -> str:
    prefix = tok.text.split(":", 1)[0]
    return (
        f"unknown prefix '{prefix}:' in {tok.text} at line {tok.line}, column {tok.column}: "
        f"declare it (PREFIX {prefix}: <...>) or use a predeclared one "
        f"({', '.join(sorted(PREFIXES, key=str.lower))})\n{_excerpt(text, tok.line, tok.column)}"
    )


def _expected(detail: str) -> str:
    """``expected one of A, B, [char class], ...`` -> ``expected one of A, B, ...``."""
    head, sep, rest = detail.partition("expected one of ")
    if not sep:
        head, sep, rest = detail.partition("expected ")
        if not sep:
            return detail.strip()
    if "failed" in rest:  # a message, not alternatives: "expected IRI parsing failed"
        return rest.strip()
    items = [i.strip() for i in _strip_classes(rest).split(",")]
    items = [i for i in items if i and i != "Prefix not found"]
    if not items:
        return "unexpected text here"
    shown = ", ".join(items[:_MAX_ALTERNATIVES])
    more = len(items) - _MAX_ALTERNATIVES
    suffix = f", ... ({more} more)" if more > 0 else ""
    return f"{head}expected {'one of ' if len(items) > 1 else ''}{shown}{suffix}"


def _strip_classes(text: str) -> str:
    """Remove ``[...]`` character classes (which may contain quoted brackets and commas)."""
    out: list[str] = []
    depth = 0
    quote = False
    i = 0
    while i < len(text):
        ch = text[i]
        if depth and ch == "\\":
            i += 2
            continue
        if depth and ch == "'":
            quote = not quote
        elif not quote and ch == "[":
            depth += 1
        elif not quote and ch == "]" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
        i += 1
    return "".join(out)


_PAIRS = {")": "(", "}": "{", "]": "["}


def _bracket_hint(text: str) -> str:
    """A note on the first unbalanced bracket, the usual cause of an error at the very end."""
    stack: list[Token] = []
    for tok in tokenize(text):
        if tok.kind is not Kind.PUNCT:
            continue
        if tok.text in "({[":
            stack.append(tok)
        elif tok.text in _PAIRS:
            if not stack:
                return f"\nnote: '{tok.text}' at {_at(tok)} closes nothing"
            opener = stack.pop()
            if opener.text != _PAIRS[tok.text]:
                return (
                    f"\nnote: '{opener.text}' opened at {_at(opener)} is not closed "
                    f"before '{tok.text}' at {_at(tok)}"
                )
    if stack:
        return f"\nnote: '{stack[-1].text}' opened at {_at(stack[-1])} is never closed"
    return ""


def _at(tok: Token) -> str:
    return f"line {tok.line}, column {tok.column}"


def _excerpt(text: str, line: int, column: int) -> str:
    lines = text.splitlines() or [""]
    if not 1 <= line <= len(lines):
        return f"  {line} | (end of the query)"
    source = lines[line - 1].replace("\t", " ")
    caret = " " * (min(column, len(source) + 1) - 1) + "^"
    gutter = " " * len(str(line))
    return f"  {line} | {source}\n  {gutter} | {caret}"
