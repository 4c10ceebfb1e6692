"""Links to other wiki pages: the slug of the target, and which names it can be grounded by.

``/genes/sod1`` -> slug ``genes-sod1`` (``vocab.entity_iri`` of it is the target entity when
no id is found). The first path segment says what kind of page it is; only sections that
name one kind of entity (genes, proteins, diseases, drugs, species, anatomy, cell types;
``entities`` may be any kind) are grounded through the lexicons, by the last path segment
(``amyotrophic-lateral-sclerosis``) and then the link text (``SOD1 Gene`` without its
trailing kind word). Links into ``mechanisms``, ``hypotheses`` or indexes stay wiki entities.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from kg import vocab as v
from kg.ground import categories as c

SECTION_CATEGORY: dict[str, str] = {
    "genes": c.GENE,
    "gene": c.GENE,
    "proteins": c.PROTEIN,
    "protein": c.PROTEIN,
    "diseases": c.DISEASE,
    "disease": c.DISEASE,
    "drugs": c.DRUG,
    "therapeutics": c.DRUG,
    "species": c.TAXON,
    "anatomy": c.ANATOMY,
    "brain-regions": c.ANATOMY,
    "cell-types": c.CELL,
    "entities": c.NAMED_THING,
    "entity": c.NAMED_THING,
}
_KIND_WORDS = re.compile(r"\s+(gene|genes|protein|proteins|disease|drug|cells?)$", re.IGNORECASE)


def _clean(path: str) -> str:
    p = unquote(path.strip()).split("#", 1)[0].split("?", 1)[0]
    p = re.sub(r"^https?://[^/]+", "", p)
    p = p.strip("/")
    return p.removeprefix("wiki/")


def wiki_slug(path: str) -> str:
    """``/cell-types/motor-neurons`` -> ``cell-types-motor-neurons`` (also ``/wiki/...``)."""
    return v.slugify(_clean(path))


def wiki_target(path: str, text: str | None) -> tuple[str | None, tuple[str, ...]]:
    """(category of the section or None, names to try in order) for a wiki link."""
    parts = [p for p in _clean(path).split("/") if p]
    if len(parts) < 2:
        return None, ()
    category = SECTION_CATEGORY.get(parts[0].lower())
    if category is None:
        return None, ()
    names = [parts[-1].replace("-", " ").replace("_", " ")]
    if text and text.strip():
        t = " ".join(text.split())
        names.append(t)
        stripped = _KIND_WORDS.sub("", t)
        if stripped != t:
            names.append(stripped)
    return category, tuple(dict.fromkeys(n for n in names if n.strip()))
