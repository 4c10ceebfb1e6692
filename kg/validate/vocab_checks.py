"""Checks of the ids a build uses against the shipped vocabularies (``kg/data/vocab``).

* ``kgs:VocabularyKnownId`` — an HGNC, MONDO, ChEBI, UBERON or NCBITaxon id (and a CL id when
  the build used the shipped CL module) that the shipped release lacks: a warning that says
  "a wrong id, or newer than the shipped release", never "wrong" outright; an id the ontology
  passed with ``--ontology`` has is not reported (version skew told apart from bad ids).
  NCBITaxon ships only taxa with a common name, so a missing taxon is not reported.
* ``kgs:VocabularyObsoleteId`` — an obsolete or withdrawn id, naming its replacement.
* ``kgs:GeneIdMismatch`` — a database id a page gives for a gene (NCBI Gene, Ensembl,
  UniProt; ``skos:exactMatch`` / ``RO:0002205`` has gene product) that differs from the HGNC
  record of that gene, at the id's ``FILE:LINE``, naming both values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache

import pyoxigraph as ox

from kg import vocab as v
from kg.ground import Grounder
from kg.validate.locate import PageIndex
from kg.validate.report import Severity, ValidationResult
from kg.validate.source import PageInfo

_CHECKED = ("HGNC", "MONDO", "CHEBI", "UBERON")
_XREF = {"NCBIGene": 0, "ENSEMBL": 1, "UniProtKB": 2}
_XREF_NAME = {"NCBIGene": "NCBI Gene", "ENSEMBL": "Ensembl", "UniProtKB": "UniProt"}
_ID_LINKS = (v.SKOS_EXACT_MATCH, v.HAS_GENE_PRODUCT)
_SAME = (v.SKOS_EXACT_MATCH, v.SAME_AS)
_READ = frozenset((*_ID_LINKS, *_SAME))

Result = Callable[..., ValidationResult]


def vocab_results(
    page: PageInfo,
    triples: Sequence[ox.Triple],
    index: PageIndex,
    grounder: Grounder,
    known: Callable[[str], bool],
    *,
    check_cl: bool,
    result: Result,
    named: set[str] | None = None,
) -> Iterable[ValidationResult]:
    """Every finding of the module docstring for one page graph.

    ``known(iri)`` says whether the ontology the user passed has the class; ``result`` makes a
    ValidationResult located on the page (ontology_checks._result). ``named``: the IRIs of the
    graph's subjects and objects, when already gathered."""
    prefixes = (*_CHECKED, "CL") if check_cl else _CHECKED
    starts = _iri_prefixes(prefixes)
    hits = _used(triples, starts) if named is None else {n for n in named if n.startswith(starts)}
    used = sorted(hits)
    for iri in used:
        curie = v.compress(iri)
        if curie is None or curie.split(":", 1)[0] not in prefixes:
            continue
        if curie.startswith("CL:") and known(iri):
            continue  # the module has it: kg.validate.ontology_checks checks it there
        found = grounder.vocabulary_record(curie)
        if found is None:
            if known(iri):
                continue
            release = _release(grounder, curie)
            yield result(
                page,
                index,
                "VocabularyKnownId",
                iri,
                Severity.WARNING,
                f"{curie} is not in the shipped {release}: a wrong id, or one newer than the "
                "shipped release (pass a newer release with `kg build --ontology FILE`)",
            )
            continue
        title, label, obsolete, replaced = found
        if obsolete:
            repl = grounder.vocabulary_record(replaced) if replaced else None
            hint = f"; replaced by {replaced} ({repl[1] or '?'})" if replaced and repl else ""
            kind = "withdrawn" if curie.startswith("HGNC:") else "obsolete"
            yield result(
                page,
                index,
                "VocabularyObsoleteId",
                iri,
                Severity.WARNING,
                f"{curie} ({label or 'no label'}) is {kind} in {title}{hint}",
            )
    yield from _gene_ids(page, triples, index, grounder, result)


def _used(triples: Iterable[ox.Triple], starts: tuple[str, ...]) -> set[str]:
    """The IRIs of the subjects and objects that start with one of ``starts``."""
    found: set[str] = set()
    for t in triples:
        s, o = t.subject, t.object
        if isinstance(s, ox.NamedNode) and (iri := s.value).startswith(starts):
            found.add(iri)
        if isinstance(o, ox.NamedNode) and (iri := o.value).startswith(starts):
            found.add(iri)
    return found


@cache
def _iri_prefixes(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The IRI prefixes that compress to a CURIE of ``prefixes``: an IRI that starts with none
    of them has no such CURIE, and is not compressed (most of a page's IRIs are its own)."""
    reverse = v.CONVERTER.reverse_prefix_map
    return tuple(sorted(iri for iri, prefix in reverse.items() if prefix in prefixes))


def _release(grounder: Grounder, curie: str) -> str:
    prefix = curie.split(":", 1)[0]
    for _iri, title, _sha, _licence in grounder.sources():
        if title.startswith(prefix + " "):
            return title.split(" (", 1)[0]
    return prefix


def _gene_ids(
    page: PageInfo,
    triples: Sequence[ox.Triple],
    index: PageIndex,
    grounder: Grounder,
    result: Result,
) -> Iterable[ValidationResult]:
    hgnc_of: dict[str, set[str]] = {}
    links: list[tuple[str, str, str]] = []  # (subject, predicate, object) of the id links
    for t in triples:
        p = t.predicate.value  # read once, and the terms only for the predicates used here
        if p not in _READ:
            continue
        s, o = t.subject, t.object
        if not isinstance(o, ox.NamedNode) or not isinstance(s, ox.NamedNode):
            continue
        if p in _ID_LINKS:
            links.append((s.value, p, o.value))
        if p in _SAME:
            for a, b in ((s.value, o.value), (o.value, s.value)):
                if (c := v.compress(b)) and c.startswith("HGNC:"):
                    hgnc_of.setdefault(a, set()).add(c)
    for subject, link, obj in links:
        given = v.compress(obj)
        if given is None or (prefix := given.split(":", 1)[0]) not in _XREF:
            continue
        genes = set(hgnc_of.get(subject, ()))
        if (c := v.compress(subject)) and c.startswith("HGNC:"):
            genes.add(c)
        for gene in sorted(genes):
            xrefs = grounder.vocab.gene_xrefs(gene) if grounder.vocab else None
            if xrefs is None:
                continue
            expected = [x for x in xrefs[_XREF[prefix]].split("|") if x]
            local = given.split(":", 1)[1]
            if not expected or local in expected:
                continue
            record = grounder.vocabulary_record(gene)
            symbol = record[1] if record else gene
            title = record[0] if record else "HGNC"
            yield result(
                page,
                index,
                "GeneIdMismatch",
                subject,
                Severity.WARNING,
                f"the page gives {_XREF_NAME[prefix]} {local} for {symbol}, but {title} "
                f"records {', '.join(expected)} for {gene} ({symbol})",
                path=link,
                value=f"<{obj}>",
            )
