"""What extractors return: assertions, each with the evidence it came from.

An :class:`Assertion` cannot exist without at least one :class:`Evidence`; every evidence
quotes the page text exactly (``quote == page.text[span.start:span.end]``).
Subjects and objects are :class:`Term` (an IRI, already grounded, with how) or
:class:`Value` (a literal).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import ModelError
from kg.ground.model import Match, OntologyFact, Term, Value
from kg.parse.model import Span
from kg.vocab import terms as v

#: extractors whose facts hold only under the condition their statement's qualifier names
CONDITIONAL_EXTRACTORS = frozenset({"prose.stage"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Where a fact was read: the page, the exact span and quote, the references cited there."""

    page_path: str
    span: Span
    quote: str
    extractor: str  # registered name of the extractor, e.g. "infobox.subtable.drug"
    references: tuple[str, ...] = ()  # citation keys cited for this fact

    def __post_init__(self) -> None:
        if len(self.quote) != self.span.end - self.span.start:
            raise ModelError(
                f"{self.page_path}:{self.span.first_line}: quote length {len(self.quote)} "
                f"does not match span {self.span.start}..{self.span.end}"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class Assertion:
    """One triple and its evidence.

    ``predicate`` is the IRI asserted directly (an RO / OBO / RDF / project property).
    ``biolink_predicate`` is the matching Biolink slot where there is one; ``relation_label``
    the label the page used (a Mermaid relation, a sub-table header); ``qualifiers`` extra
    facts about this statement (``kgv:conservationLevel "High"``) as (property IRI, Value).
    """

    subject: Term
    predicate: str
    object: Term | Value
    evidence: tuple[Evidence, ...]
    biolink_predicate: str | None = None
    relation_label: str | None = None
    qualifiers: tuple[tuple[str, Value], ...] = ()

    def __post_init__(self) -> None:
        if not self.evidence:
            raise ModelError(
                f"an assertion needs evidence: <{self.subject.iri}> <{self.predicate}> has none"
            )
        if not self.predicate.startswith(("http://", "https://")):
            raise ModelError(f"predicate must be an IRI, got {self.predicate!r}")

    @property
    def negated(self) -> bool:
        """The page says the triple does *not* hold (``kgv:negated true`` on the statement)."""
        return any(q == v.NEGATED and val.value == "true" for q, val in self.qualifiers)

    @property
    def conditional(self) -> bool:
        """Stated only under a condition: qualified by a (protocol) stage and every evidence
        from :data:`CONDITIONAL_EXTRACTORS` (a protocol stage's bullet says what the cells
        express *at that stage*). The statement is recorded with its qualifier; the triple is
        not asserted of the entity as such. Types and labels of the nodes are not conditional."""
        staged = any(q in (v.PROTOCOL_STAGE, v.STAGE) for q, _ in self.qualifiers)
        return staged and all(e.extractor in CONDITIONAL_EXTRACTORS for e in self.evidence)

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of the triple (for de-duplication): subject, predicate, object as strings."""
        o = self.object
        obj = o.iri if isinstance(o, Term) else f'"{o.value}"^^{o.datatype or ""}@{o.lang or ""}'
        return (self.subject.iri, self.predicate, obj)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageExtraction:
    """Everything extracted from one page."""

    path: str
    sha256: str
    page_iri: str
    graph_iri: str
    slug: str
    title: str | None
    url: str | None
    entity: Term | None  # the entity the page is about
    assertions: tuple[Assertion, ...]
    ontology_facts: tuple[OntologyFact, ...] = ()
    problems: tuple[str, ...] = ()  # warnings, "FILE:LINE: message"
    ungrounded: tuple[str, ...] = ()  # labels of mentions that could not be grounded


__all__ = ["Assertion", "Evidence", "Match", "OntologyFact", "PageExtraction", "Term", "Value"]
