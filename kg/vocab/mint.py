"""The IRIs kg mints: pages, graphs, entities, mentions, references, statements, selectors.

Minted IRIs are flat (``https://scidex.ai/kg/stmt-<hash>``, not ``.../stmt/<hash>``): rdflib's
Turtle writer scans every namespace it has seen, and one namespace per node makes it
superlinear (docs/performance-notes.md). Every minted IRI is derived from content
(digests, slugs), never from counters or random numbers, so two builds of one input are equal.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from kg.vocab.namespaces import KG, SCIDEX_ARTIFACT

__all__ = [
    "ACTIVITY_PREFIX",
    "BUILD_GRAPH",
    "ENTITY_PREFIX",
    "GRAPH_PREFIX",
    "MAX_SLUG",
    "MENTION_PREFIX",
    "PAGE_PREFIX",
    "REFERENCE_PREFIX",
    "SELECTOR_PREFIX",
    "STATEMENT_PREFIX",
    "TERMS_GRAPH",
    "activity_iri",
    "digest",
    "entity_iri",
    "graph_iri",
    "mention_iri",
    "page_iri",
    "reference_iri",
    "safe_slug",
    "selector_iri",
    "selector_parts",
    "slugify",
    "statement_iri",
    "vocabulary_iri",
]

#: What each kind of minted IRI starts with (for telling minted nodes apart).
STATEMENT_PREFIX = f"{KG}stmt-"
SELECTOR_PREFIX = f"{KG}sel-"
REFERENCE_PREFIX = f"{KG}ref-"
ACTIVITY_PREFIX = f"{KG}build-"
GRAPH_PREFIX = f"{KG}graph-"
ENTITY_PREFIX = f"{KG}entity-"
MENTION_PREFIX = f"{KG}mention-"
PAGE_PREFIX = f"{SCIDEX_ARTIFACT}wiki-"

#: The graph that holds the build activity.
BUILD_GRAPH = f"{GRAPH_PREFIX}build"
#: The terms graph: one preferred label and the category of every entity used, plus what kg
#: copied from ontologies about them (parents, obsolete flags).
TERMS_GRAPH = f"{GRAPH_PREFIX}terms"


def digest(*parts: str, length: int = 16) -> str:
    """A short, stable hex digest of the parts (joined with a unit separator)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """``"AMX0035 (Relyvrio)"`` -> ``"amx0035-relyvrio"``: lower case, runs of other chars -> -."""
    return _SLUG_RE.sub("-", text.lower()).strip("-") or "x"


_UNSAFE_SLUG_RE = re.compile(r"[^A-Za-z0-9_-]+")
MAX_SLUG = 160


def safe_slug(raw: str) -> str:
    """A page slug fit for IRIs and file names: ``[A-Za-z0-9_-]`` only, at most ``MAX_SLUG`` chars.

    A slug that already is one is kept as it is. Otherwise each run of other characters (space,
    ``/``, ``\\``, ``>``, dots, CR, LF, NUL ...) becomes ``-``, cut to length, and a digest of the
    raw slug is appended, so that different raw slugs stay apart (``a/b`` is not ``a-b``). Strict parsers
    reject some local names rdflib writes (``kg:entity-.\\.``), so no dot is kept.
    """
    if raw and len(raw) <= MAX_SLUG and not _UNSAFE_SLUG_RE.search(raw) and raw.strip("-") == raw:
        return raw
    cleaned = _UNSAFE_SLUG_RE.sub("-", raw).strip("-")[: MAX_SLUG - 17].rstrip("-")
    return f"{cleaned}-{digest(raw)}".lstrip("-")


@cache
def page_iri(slug: str) -> str:
    """The canonical address of a wiki page: ``https://scidex.ai/artifact/wiki-<slug>``."""
    return f"{PAGE_PREFIX}{slug}"


def graph_iri(slug: str) -> str:
    """The named graph that holds everything one page contributes."""
    return f"{GRAPH_PREFIX}{slug}"


def entity_iri(slug: str) -> str:
    """A minted entity for a wiki page slug whose entity has no ontology id (yet)."""
    return f"{ENTITY_PREFIX}{slug}"


def mention_iri(label: str) -> str:
    """An ungrounded mention: one node per normalised name (``kg:mention-<slug>``).

    Case and punctuation variants (``Als``/``ALS``, ``TDP-43``/``TDP 43``) and the same name met
    by different extractors (a gene in an infobox, an untyped Mermaid node) are one node; the
    categories the pages gave it are its types.
    """
    return f"{MENTION_PREFIX}{slugify(label)}"


def reference_iri(key: str) -> str:
    """A cited reference, by its citation key (``rosen1993``)."""
    return f"{REFERENCE_PREFIX}{slugify(key)}"


def statement_iri(graph: str, s: str, p: str, o: str) -> str:
    return f"{STATEMENT_PREFIX}{digest(graph, s, p, o)}"


def selector_iri(page: str, start: int, end: int) -> str:
    return f"{SELECTOR_PREFIX}{digest(page, str(start), str(end))}"


def selector_parts(selector: str) -> tuple[str, str]:
    """The position and quote selectors of a selector node (its lines are on the node itself)."""
    return (f"{selector}-pos", f"{selector}-quote")


def vocabulary_iri(key: str, release: str) -> str:
    """A vocabulary release kg grounds against (``kg:vocabulary-mondo-2026-05-05``)."""
    return f"{KG}vocabulary-{slugify(key)}-{slugify(release)}"


def activity_iri(tool_version: str, input_hashes: list[str]) -> str:
    return f"{ACTIVITY_PREFIX}{digest(tool_version, *sorted(input_hashes))}"
