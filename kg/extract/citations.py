"""Citations: one reference node per citation key.

``kg:ref-<key> a biolink:Publication ; kgv:citationKey "<key>"``, plus
``dcterms:identifier <https://identifiers.org/pubmed:N>`` where the page gives a PMID (a
PubMed link, or a ``pmidN`` key) and ``<https://doi.org/...>`` where it gives a DOI. Every
occurrence of a key is evidence for its node. Numbered PubMed links (``[1](pubmed/N)``) are
keyed ``pmidN``, since their numbers are only page-local. Junk keys (``[@view]``) are not
references: they are reported. The facts a citation supports carry its key in their evidence
(kg.extract.context).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg import vocab as v
from kg.extract import categories as cat
from kg.extract.context import ExtractionContext, citation_key, expand
from kg.extract.model import Assertion, Match, Term, Value
from kg.extract.registry import register
from kg.vocab import terms as p

_PMID_KEY = re.compile(r"^pmid(\d{1,9})$", re.IGNORECASE)


@register("citation.reference")
def references(ctx: ExtractionContext) -> Iterable[Assertion]:
    reported: set[str] = set()
    for c in sorted(ctx.parsed.citations, key=lambda c: (c.span.start, c.span.end)):
        key = citation_key(c)
        if key is None:
            if c.key not in reported:
                reported.add(c.key)
                ctx.report(c.span.first_line, f"citation key {c.key!r} names no reference; ignored")
            continue
        ref = Term(iri=v.reference_iri(key), category=cat.PUBLICATION, match=Match.MINTED)
        ev = ctx.evidence(c, cited=False)
        yield ctx.fact(ref, p.RDF_TYPE, Term(iri=cat.PUBLICATION), ev)
        yield ctx.fact(ref, p.CITATION_KEY, Value(value=key), ev)
        pmid = c.pmid or (m.group(1) if (m := _PMID_KEY.match(key)) else None)
        for curie in (f"PMID:{pmid}" if pmid else None, f"DOI:{c.doi}" if c.doi else None):
            iri = expand(curie) if curie else None
            if iri:
                yield ctx.fact(ref, p.DCTERMS_IDENTIFIER, Term(iri=iri, match=Match.ID_ON_PAGE), ev)
