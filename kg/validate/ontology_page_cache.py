"""The ontology checks of one page graph, kept between runs (kg.validate.result_cache).

What kg.validate.ontology_checks finds in a page graph depends on the page record, the page
graph's statements, the ``skos:prefLabel`` of the nodes the page names (from the terms graph),
the ontology files and kg's code and shipped data (the vocabularies the grounder reads).
:func:`page_key` digests exactly these; :class:`PageChecks` (the results, the lineage verdicts
the reasoner needs and the same-as pairs) is stored as JSON and read back only when whole and
of the written shape.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.validate.lineage import Claim, Verdict
from kg.validate.ontology_cache import cache_key
from kg.validate.report import ValidationResult
from kg.validate.result_cache import (
    ACTIVITY,
    ResultCache,
    code_digest,
    mentions,
    result_from_json,
    result_to_json,
)
from kg.validate.source import PageInfo

FORMAT = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class PageChecks:
    """What the ontology checks of one page gave."""

    results: tuple[ValidationResult, ...]
    verdicts: tuple[Verdict, ...]
    same: tuple[tuple[str, str], ...]  # (node, CL class) pairs the reasoner asserts


def config_digest(ontology_files: Sequence[Path]) -> str:
    """The ontology files' contents, and kg's code and shipped data."""
    h = hashlib.sha256(f"kg-ontology-page-checks-{FORMAT}\x1f".encode())
    for f in ontology_files:
        h.update(f"{cache_key(Path(f))}\x1f".encode())
    h.update(code_digest().encode())
    return h.hexdigest()


def page_key(
    config: str,
    page: PageInfo,
    graph: bytes,
    pref: Mapping[str, str],
    activities: Sequence[str] = (),
) -> str:
    """``graph``: the page graph's statements, as the build has them (N-Quads lines); the
    build activities' IRIs in it are read as one fixed name (kg.validate.result_cache)."""
    for iri in activities:
        graph = graph.replace(f"<{iri}>".encode(), ACTIVITY.encode())
    return page_key_of(config, page, f"sha256:{hashlib.sha256(graph).hexdigest()}", pref)


def page_key_of(config: str, page: PageInfo, content: str, pref: Mapping[str, str]) -> str:
    """:func:`page_key` with the page graph's statements given as ``content``: a digest of
    them, with the kind of digest first (``sha256:`` of the lines as :func:`page_key` reads
    them, ``index:`` the build index's, kg.store.dataset_index)."""
    h = hashlib.sha256(config.encode())
    for part in (page.graph, page.page_iri or "", page.slug, page.source_file or ""):
        h.update(f"{part}\x1f".encode())
    h.update(f"{page.sha256 or ''}\x1f".encode())
    h.update(f"{content}\x1f".encode())
    for node in sorted(pref):
        h.update(f"{node}\x1f{pref[node]}\x1e".encode())
    return "o" + h.hexdigest()[:39]


def read(cache: ResultCache, key: str, page: PageInfo) -> PageChecks | None:
    data = cache.get_payload(key, f"ontology:{page.graph}")
    try:
        if not isinstance(data, dict):
            return None
        results = tuple(result_from_json(r) for r in data["results"])
        verdicts = tuple(_verdict(d) for d in data["verdicts"])
        same = tuple(_pair(d) for d in data["same"])
    except (KeyError, TypeError, ValueError):
        return None
    return PageChecks(results=results, verdicts=verdicts, same=same)


def write(cache: ResultCache, key: str, page: PageInfo, checks: PageChecks) -> None:
    """Store ``checks`` (unless a result or verdict names a build activity)."""
    names = cache.activities
    if mentions(checks.results, names) or any(
        n in x for p in checks.same for x in p for n in names
    ):
        return
    if any(
        n in x
        for vd in checks.verdicts
        for x in (vd.claim.child, vd.claim.parent, vd.child_class or "", vd.parent_class or "")
        for n in names
    ):
        return
    payload = {
        "results": [result_to_json(r) for r in checks.results],
        "verdicts": [
            [
                vd.claim.child,
                vd.claim.parent,
                vd.claim.predicate,
                vd.child_class,
                vd.parent_class,
                vd.supported,
            ]
            for vd in checks.verdicts
        ],
        "same": [list(p) for p in checks.same],
    }
    cache.put_payload(key, f"ontology:{page.graph}", payload)


def _verdict(data: Any) -> Verdict:
    child, parent, predicate, child_class, parent_class, supported = data
    if not all(isinstance(x, str) for x in (child, parent, predicate)):
        raise TypeError("bad claim")
    if not all(x is None or isinstance(x, str) for x in (child_class, parent_class)):
        raise TypeError("bad class")
    if not (supported is None or isinstance(supported, bool)):
        raise TypeError("bad verdict")
    return Verdict(
        claim=Claim(child=child, parent=parent, predicate=predicate),
        child_class=child_class,
        parent_class=parent_class,
        supported=supported,
    )


def _pair(data: Any) -> tuple[str, str]:
    a, b = data
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("bad pair")
    return (a, b)
