"""A small SPARQL tokenizer: enough to see a query's form, its prefixes and its risky keywords.

It is not a parser (pyoxigraph parses); it only has to tell keywords apart from the same
letters inside strings, IRIs, comments, variables and prefixed names, so that the safety
checks (:mod:`kg.query.safety`) never mistake ``"SERVICE"`` in a literal for a SERVICE call,
and never miss a real one. Positions are 1-based lines and columns (code points), as in
pyoxigraph's syntax errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    WORD = "word"  # a bare name: a keyword (SELECT, SERVICE, a) or a function name
    PNAME = "pname"  # a prefixed name (CL:0000100, kg:, :x) or a blank node label (_:b)
    IRI = "iri"  # <http://...>
    VAR = "var"  # ?x or $x
    STRING = "string"
    PUNCT = "punct"  # anything else, one character at a time (numbers too)


# The order matters: comments and strings first, so that nothing inside them becomes a token.
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
             | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
             | '(?:[^'\\\n]|\\.)*'
             | "(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\ufffd]+)
  | (?P<pname>(?:[A-Za-z_\u00c0-\ufffd][\w\-.\u00b7\u00c0-\ufffd]*)?:
               (?:[\w\-.%\\\u00b7\u00c0-\ufffd]|:)*(?<!\.))
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    kind: Kind
    text: str
    line: int  # 1-based
    column: int  # 1-based, in code points

    def is_word(self, *words: str) -> bool:
        """True when this is a bare word equal (case-insensitively) to one of ``words``."""
        return self.kind is Kind.WORD and self.text.upper() in words


def tokenize(text: str) -> tuple[Token, ...]:
    """The significant tokens of a SPARQL query or update (no whitespace, no comments)."""
    tokens: list[Token] = []
    line, line_start = 1, 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        start = m.start()
        if kind not in ("ws", "comment"):
            tokens.append(
                Token(kind=Kind(kind), text=m.group(), line=line, column=start - line_start + 1)
            )
        newlines = m.group().count("\n")
        if newlines:
            line += newlines
            line_start = m.start() + m.group().rindex("\n") + 1
    return tuple(tokens)
