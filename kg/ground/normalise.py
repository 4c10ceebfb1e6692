"""How names are compared: one documented normalisation for ontology and lexicon look-ups.

* :func:`normalise` — the *strict key*: Unicode NFKC, every dash (‐ ‑ ‒ – — ― −) as ``-``,
  curly quotes as ``'``, case folded, runs of white space as one space, surrounding white
  space, quotes, asterisks and sentence punctuation (``. , ; :``) removed.
  ``"  Motor   Neurons. "`` -> ``"motor neurons"``; ``"Als"`` and ``"ALS"`` -> ``"als"``.
* :func:`loose` — the *loose key*, tried only when the strict key finds nothing: the strict
  key without spaces, hyphens, dots, underscores, slashes and apostrophes, so that
  ``NKX2.2`` meets ``NKX2-2``, ``TDP43`` meets ``TDP-43`` and the sanitised Mermaid id
  ``Alzheimer_s_Disease`` meets ``Alzheimer's disease``.
* :func:`singular_variants` — the plural rule used for cell-type names: the *last* word of
  the strict key is made singular (``neurons`` -> ``neuron``, ``cells`` -> ``cell``,
  ``progenitors`` -> ``progenitor``, ``-ies`` -> ``-y``, ``-ches/-shes/-xes/-sses`` -> drop
  ``es``); words ending in ``ss``, ``us`` or ``is`` are left alone. ``"Motor Neurons"`` ->
  ``"motor neuron"``.
* :func:`split_parenthesised` — ``"HB9 (MNX1)"`` -> ``("HB9", "MNX1")``.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032`\u00b4"), "'")
_SPACE_RE = re.compile(r"\s+")
_EDGE = " \t\"'*.,;:"
_LOOSE_DROP = re.compile(r"[\s\-_./']+")
_PAREN_RE = re.compile(r"^(?P<outer>[^()]*?)\s*\((?P<inner>[^()]+)\)\s*$")


def normalise(text: str) -> str:
    """The strict comparison key of a name (see the module docstring)."""
    s = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
    s = _SPACE_RE.sub(" ", s.casefold())
    return s.strip(_EDGE)


def loose(text: str) -> str:
    """The loose comparison key: the strict key without separators and apostrophes."""
    return _LOOSE_DROP.sub("", normalise(text))


def _singular(word: str) -> str | None:
    if len(word) < 4 or word.endswith(("ss", "us", "is")):
        return None
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return None


def singular_variants(key: str) -> tuple[str, ...]:
    """Singular forms of a strict key (empty when its last word does not look plural)."""
    head, _, last = key.rpartition(" ")
    single = _singular(last)
    if single is None:
        return ()
    return (f"{head} {single}" if head else single,)


def split_parenthesised(text: str) -> tuple[str, str] | None:
    """``"Amyotrophic Lateral Sclerosis (ALS)"`` -> ``("Amyotrophic Lateral Sclerosis", "ALS")``.

    None when the name does not end in one parenthesised part or either part is empty.
    """
    m = _PAREN_RE.match(text.strip())
    if m is None:
        return None
    outer, inner = m["outer"].strip(), m["inner"].strip()
    if not outer or not inner:
        return None
    return outer, inner
