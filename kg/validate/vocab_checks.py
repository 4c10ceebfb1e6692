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
) -> Iterable[ValidationResult]:
    """Every finding of the module docstring for one page graph.

    ``known(iri)`` says whether the ontology the user passed has the class; ``result`` makes a
    ValidationResult located on the page (ontology_checks._result)."""
    prefixes = (*_CHECKED, "CL") if check_cl else _CHECKED
    used = sorted(
        {n.value for t in triples for n in (t.subject, t.object) if isinstance(n, ox.NamedNode)}
    )
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
    for t in triples:
        if (
            t.predicate.value in _SAME
            and isinstance(t.object, ox.NamedNode)
            and isinstance(t.subject, ox.NamedNode)
        ):
            for a, b in ((t.subject.value, t.object.value), (t.object.value, t.subject.value)):
                if (c := v.compress(b)) and c.startswith("HGNC:"):
                    hgnc_of.setdefault(a, set()).add(c)
    for t in triples:
        if t.predicate.value not in _ID_LINKS or not isinstance(t.object, ox.NamedNode):
            continue
        if not isinstance(t.subject, ox.NamedNode):
            continue
        given = v.compress(t.object.value)
        if given is None or (prefix := given.split(":", 1)[0]) not in _XREF:
            continue
        subject = t.subject.value
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
                path=t.predicate.value,
                value=f"<{t.object.value}>",
            )
