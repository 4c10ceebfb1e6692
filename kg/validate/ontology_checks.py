"""Checks of the build against the Cell Ontology it was built with.

What each check uses:

* ``kgs:OntologyKnownId`` / ``kgs:OntologyObsoleteId`` — owlready2 (the class exists;
  ``owl:deprecated``, ``IAO:0100001`` term replaced by). Against a full release an id it lacks
  is a violation; against the shipped module (a subset, marked ``kgv:ontologyModule true``)
  it is only *unknown to the module* (info), with the hint to load a full release;
* ``kgs:OntologyLabel`` — owlready2 labels and exact synonyms, compared with what the page
  calls the class (kg.ground.normalise keys, singular forms: "Motor Neurons" = "motor neuron");
* ``kgs:OntologyLineage`` — owlready2 class hierarchy (kg.validate.lineage);
* ``kgs:Reasoner`` — HermiT through owlready2 (kg.validate.reasoner), where Java is present.

For an OBO file (which owlready2 cannot read) the first three use kg.ground's ontology index
and the reasoner is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import vocab as v
from kg.ground import Grounder
from kg.ground.normalise import normalise, singular_variants, split_parenthesised
from kg.validate import ontology_page_cache as opc
from kg.validate.lineage import (
    STATED_SUBCLASS_OF,
    SUBCLASS_OF,
    Resolver,
    Verdict,
    judge,
    page_claims,
)
from kg.validate.locate import PageIndex
from kg.validate.ontology import CL_PURL, Ontology, load
from kg.validate.report import Severity, ValidationResult
from kg.validate.result_cache import ResultCache
from kg.validate.source import BuildData, PageInfo, graph_bytes, pref_labels

_SHIPPED_MARK = "(shipped module)"
_SAME = (v.SAME_AS, v.SKOS_EXACT_MATCH)


def ontology_files(
    manifest: dict[str, Any], override: Sequence[Path] | None, roots: Sequence[Path]
) -> tuple[list[Path], list[str]]:
    """The ontology files to check against: ``override``, else those the manifest names."""
    from kg.ground import shipped_module_path

    if override:
        return [Path(p) for p in override], []
    files: list[Path] = []
    notes: list[str] = []
    for entry in manifest.get("ontologies") or []:
        name = str(entry)
        if _SHIPPED_MARK in name:
            files.append(shipped_module_path())
            continue
        found = next((r / name for r in roots if (r / name).is_file()), None)
        if found is None and Path(name).is_file():
            found = Path(name)
        if found is None:
            notes.append(
                f"ontology: the build used {name!r}, not found from here; checked against the "
                "shipped module instead (pass --ontology FILE to use the release)"
            )
        else:
            files.append(found)
    if not files:
        files.append(shipped_module_path())
    return list(dict.fromkeys(files)), notes


@dataclass(slots=True)
class CheckedPages:
    """The ontology checks of every page graph (before the reasoner)."""

    results: list[ValidationResult]
    notices: list[str]
    claims: list[tuple[PageInfo, Verdict]]
    same: set[tuple[str, str]]
    used: set[str]  # the cache keys read or written (kg.validate.result_cache)


#: graph -> (a digest of its content, the IRIs it names): what a page's cache key needs, known
#: without parsing the graph (kg.validate.indexed.Indexed.known)
Known = Callable[[str], tuple[str, tuple[str, ...]]]


def check_pages(
    data: BuildData,
    files: Sequence[Path],
    cache: ResultCache | None = None,
    known: Known | None = None,
) -> CheckedPages:
    """The checks of :func:`start_checks` but the reasoner (e.g. in another process).

    ``known``: with a cache, a page graph is parsed only when its checks are not stored."""
    from kg.ground import shipped_module_path

    onto = _merge([load(f, shipped_module=shipped_module_path()) for f in files])
    grounder: list[Grounder] = []  # loaded when a page is checked (not read from the cache)
    pref = pref_labels(data)
    config = opc.config_digest(files) if cache is not None else ""
    results: list[ValidationResult] = []
    claims: list[tuple[PageInfo, Verdict]] = []
    same: set[tuple[str, str]] = set()
    for page in data.pages:
        found, key = None, ""
        if cache is not None and known is not None:
            digest, names = known(page.graph)
            key = opc.page_key_of(config, page, f"index:{digest}", _pref(names, pref))
            found = opc.read(cache, key, page)
        if found is not None:
            results.extend(found.results)
            claims.extend((page, vd) for vd in found.verdicts)
            same.update(found.same)
            continue
        triples = data.graphs[page.graph]
        named = _named_nodes(triples)
        page_pref = _pref(named, pref)
        if cache is not None and known is None:
            raw = graph_bytes(data.graphs, page.graph)
            key = opc.page_key(config, page, raw, page_pref, cache.activities)
            found = opc.read(cache, key, page)
        if found is None:
            if not grounder:
                grounder.append(Grounder.load())
            found = _page_checks(page, triples, page_pref, onto, grounder[0], named)
            if cache is not None:
                opc.write(cache, key, page, found)
        results.extend(found.results)
        claims.extend((page, vd) for vd in found.verdicts)
        same.update(found.same)
    kind = " (a module)" if onto.is_module else ""
    notices = [f"ontology: {onto.name}{kind}, read with {onto.engine}"]
    used = set(cache.used) if cache is not None else set()
    return CheckedPages(results, notices, claims, same, used)


def _page_checks(
    page: PageInfo,
    triples: Sequence[ox.Triple],
    pref: dict[str, str],
    onto: Ontology,
    grounder: Grounder,
    named: set[str] | None = None,
) -> opc.PageChecks:
    """The checks of one page graph. ``pref``: the terms graph's preferred labels of (at
    least) the nodes the page names (no other node is looked up); ``named``: the IRIs of its
    subjects and objects (:func:`_named_nodes`), when already gathered."""
    named = _named_nodes(triples) if named is None else named
    from kg.validate.vocab_checks import vocab_results

    index = PageIndex.build(page.page_iri, page.source_file, triples)
    index.pref.update(pref)
    resolver = Resolver.for_page(onto, triples, pref)
    results = [
        *_ids(page, named, index, onto, grounder),
        *vocab_results(
            page,
            triples,
            index,
            grounder,
            onto.has,
            check_cl=onto.is_module,
            result=_result,
            named=named,
        ),
        *_labels(page, triples, index, onto),
    ]
    verdicts = judge(page_claims(triples), resolver)
    results.extend(_lineage(page, verdicts, index, resolver, onto))
    same = tuple(sorted((n, c) for n, c in resolver.same.items() if onto.has(c)))
    return opc.PageChecks(results=tuple(results), verdicts=verdicts, same=same)


def _pref(nodes: Iterable[str], pref: dict[str, str]) -> dict[str, str]:
    """The preferred labels of ``nodes`` (those the terms graph has)."""
    return {n: pref[n] for n in nodes if n in pref}


def _named_nodes(triples: Sequence[ox.Triple]) -> set[str]:
    found: set[str] = set()
    for t in triples:
        s, o = t.subject, t.object
        if type(s) is ox.NamedNode:
            found.add(s.value)
        if type(o) is ox.NamedNode:
            found.add(o.value)
    return found


def _ids(
    page: PageInfo,
    named: set[str],
    index: PageIndex,
    onto: Ontology,
    grounder: Grounder,
) -> Iterable[ValidationResult]:
    used = sorted(n for n in named if CL_PURL.match(n))
    for iri in used:
        curie = v.compress_or_iri(iri)
        if iri in onto.obsolete:
            repl = onto.replaced.get(iri)
            hint = (
                f"; replaced by {v.compress_or_iri(repl)} ({onto.label(repl) or '?'})"
                if repl
                else ""
            )
            yield _result(
                page,
                index,
                "OntologyObsoleteId",
                iri,
                Severity.VIOLATION,
                f"{curie} is obsolete in {onto.short} ({onto.label(iri) or 'no label'}){hint}",
            )
        elif not onto.has(iri):
            if onto.is_module:
                continue  # judged against the shipped CL release (kg.validate.vocab_checks)
            yield _result(
                page,
                index,
                "OntologyKnownId",
                iri,
                Severity.VIOLATION,
                f"{curie} does not exist in {onto.short}; if it is newer than that "
                "release, build with a newer one (`kg build --ontology FILE`)",
            )


def _labels(
    page: PageInfo, triples: Sequence[ox.Triple], index: PageIndex, onto: Ontology
) -> Iterable[ValidationResult]:
    same = {
        t.subject.value: t.object.value
        for t in triples
        if t.predicate.value in _SAME
        and isinstance(t.subject, ox.NamedNode)
        and isinstance(t.object, ox.NamedNode)
        and CL_PURL.match(t.object.value)
    }
    # a page whose topic is a CL class names it by its title (kg never writes a page's name
    # as the label of an ontology class): compare the title too
    same.update(
        (t.subject.value, t.object.value)
        for t in triples
        if t.predicate.value == v.FOAF_PRIMARY_TOPIC
        and isinstance(t.subject, ox.NamedNode)
        and isinstance(t.object, ox.NamedNode)
        and CL_PURL.match(t.object.value)
    )
    seen: set[tuple[str, str]] = set()
    for t in triples:
        named = t.predicate.value in (v.RDFS_LABEL, v.DCTERMS_TITLE)
        if not named or not isinstance(t.object, ox.Literal):
            continue
        node = t.subject.value if isinstance(t.subject, ox.NamedNode) else ""
        iri = node if CL_PURL.match(node) else same.get(node)
        if not iri or not onto.has(iri) or iri in onto.obsolete or (iri, t.object.value) in seen:
            continue
        seen.add((iri, t.object.value))
        if not _same_name(t.object.value, onto.names(iri)):
            yield _result(
                page,
                index,
                "OntologyLabel",
                node,
                Severity.WARNING,
                f"The page calls {v.compress_or_iri(iri)} {t.object.value!r}, but "
                f"{onto.short} names it {onto.label(iri)!r}: check that the id is the "
                "class the page means",
                path=t.predicate.value,
                value=str(t.object),
                # a title is located where the page types its topic (the title line)
                near=iri if t.predicate.value == v.DCTERMS_TITLE else None,
            )


def _same_name(name: str, names: Sequence[str]) -> bool:
    keys = {k for n in names for k in (normalise(n), *singular_variants(normalise(n)))}
    variants = [name]
    split = split_parenthesised(name)
    if split:
        variants.extend(split)
    for n in variants:
        key = normalise(n)
        if key in keys or any(s in keys for s in singular_variants(key)):
            return True
    return False


def _lineage(
    page: PageInfo,
    verdicts: Sequence[Verdict],
    index: PageIndex,
    resolver: Resolver,
    onto: Ontology,
) -> Iterable[ValidationResult]:
    for vd in verdicts:
        c = vd.claim
        rel = "a kind of" if c.predicate in (SUBCLASS_OF, STATED_SUBCLASS_OF) else "developing from"
        what = f"{resolver.name(c.child)} as {rel} {resolver.name(c.parent)}"
        path, value = c.predicate, f"<{c.parent}>"
        if vd.supported is None:
            missing = c.child if vd.child_class is None else c.parent
            yield _result(
                page,
                index,
                "OntologyLineage",
                c.child,
                Severity.INFO,
                f"Lineage not checkable: the page places {what}, but "
                f"{resolver.name(missing)!r} names no class of {onto.short}",
                path=path,
                value=value,
            )
        elif not vd.supported:
            assert vd.child_class and vd.parent_class
            parents = (
                ", ".join(
                    sorted(
                        onto.label(p) or v.compress_or_iri(p)
                        for p in onto.parents.get(vd.child_class, ())
                    )
                )
                or "none"
            )
            yield _result(
                page,
                index,
                "OntologyLineage",
                c.child,
                Severity.WARNING,
                f"The page places {what} ({_named(vd.child_class, onto)} below "
                f"{_named(vd.parent_class, onto)}), but the class hierarchy of "
                f"{onto.short} does not: {onto.label(vd.child_class)}'s parents are "
                f"{parents}",
                path=path,
                value=value,
            )


def _named(iri: str, onto: Ontology) -> str:
    return f"{v.compress_or_iri(iri)} {onto.label(iri) or ''}".strip()


def _result(
    page: PageInfo,
    index: PageIndex,
    check: str,
    focus: str,
    severity: Severity,
    message: str,
    *,
    path: str | None = None,
    value: str | None = None,
    near: str | None = None,
) -> ValidationResult:
    """``near``: locate the finding by the statements about this node instead of ``focus``."""
    return ValidationResult(
        severity=severity,
        focus_node=focus,
        path=path,
        value=value,
        message=message,
        source_shape=v.shape_iri(check),
        constraint=v.shape_iri(f"{check}Check"),
        focus_label=index.label(focus),
        page=page.slug,
        location=index.locate(near, v.RDF_TYPE) if near else index.locate(focus, path, value),
        origin="ontology",
    )


def _merge(ontologies: list[Ontology]) -> Ontology:
    """Several files as one (the first file's record of a class wins)."""
    first = ontologies[0]
    for other in ontologies[1:]:
        for table in ("labels", "synonyms", "replaced", "parents", "develops_from"):
            merged = dict(getattr(other, table))
            merged.update(getattr(first, table))
            setattr(first, table, merged)
        first.obsolete |= other.obsolete
        first.is_module = first.is_module and other.is_module
        first.name = f"{first.name} + {other.name}"
        first.short = f"{first.short} + {other.short}"
    first.index_names()
    return first
