"""What every extractor works with: the page, what the reader found, the grounder, the entity.

:class:`ExtractionContext` also holds the helpers that keep extractors honest:

* :meth:`~ExtractionContext.evidence` makes an :class:`Evidence` from a parsed element (or a
  span) whose quote is exactly ``page.text[start:end]`` and whose references are the citation
  keys of that element (its own citations, those the reader attached to it, and those inside
  its span);
* :meth:`~ExtractionContext.fact` builds an :class:`Assertion` for the running extractor;
* :meth:`~ExtractionContext.describe` types and labels a node the page mentions (and flags an
  ungrounded mention with ``kgv:ungrounded true``, listing its label);
* :meth:`~ExtractionContext.ground` grounds a name through the grounder (which also tries
  the parts of ``"HB9 (MNX1)"``); an ungrounded ``"Motor cortex (upper)"`` is minted as the
  mention ``Motor cortex``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kg import vocab
from kg.extract import categories as cat
from kg.extract.model import Assertion, Evidence, Match, Term, Value
from kg.extract.rows import BoxRow, box_rows
from kg.pages import Page
from kg.parse.model import Bullet, Cell, Citation, Element, InfoboxRow, ParsedPage, Span, TableRow
from kg.vocab import terms as p

if TYPE_CHECKING:
    from kg.ground import Grounder

TRUE = Value(value="true", datatype=p.XSD_BOOLEAN)

_PAREN = re.compile(r"^(?P<out>.*?)\s*\((?P<in>[^()]*)\)\s*(?P<rest>.*)$")
_LIST_SPLIT = re.compile(r"[,;]")
_CURIE_IN_TEXT = re.compile(r"\b(?:HGNC|MONDO|CHEBI|UBERON|CL|NCBITaxon):\d+")


def citation_key(c: Citation) -> str | None:
    """The reference key a citation stands for; None for junk keys (``[@view]``)."""
    if c.junk:
        return None
    if c.kind == "pubmed" and c.pmid:
        return f"pmid{c.pmid}"  # numbered links ([1](pubmed/N)) are page-local numbers
    return c.key or None


def expand(curie: str) -> str | None:
    """The IRI of a CURIE through the project's converter; None for an unknown prefix."""
    try:
        return vocab.expand(curie)
    except Exception:  # curies raises its own error types for unknown prefixes
        return None


def split_list(text: str) -> tuple[str, ...]:
    """``"A, B (x, y); C"`` -> ``("A", "B (x, y)", "C")``: commas inside brackets stay."""
    out: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and _LIST_SPLIT.match(ch):
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return tuple(s for s in (x.strip(" .*") for x in out) if s)


def _loose(text: str) -> str:
    """Case, punctuation and a final plural ``s`` ignored: ``"ASTROGLIA"`` ~ ``"Astroglia"``."""
    text = re.sub(r"[^a-z0-9]+", "", text.lower())
    return text[:-1] if text.endswith("s") else text


def core_name(name: str) -> str:
    """``"Motor cortex (upper)"`` -> ``"Motor cortex"``: the name without its bracket."""
    m = _PAREN.match(name)
    if m and m["out"].strip():
        return f"{m['out']} {m['rest']}".strip()
    return name


class ExtractionContext:
    """One page being extracted (see the module docstring)."""

    __slots__ = (
        "_cite_starts",
        "_cites",
        "_memo",
        "decision",
        "entity",
        "entity_is_neuron",
        "extractor",
        "grounder",
        "page",
        "parsed",
        "problems",
        "slug",
        "ungrounded",
    )

    def __init__(self, page: Page, parsed: ParsedPage, grounder: Grounder, slug: str):
        self.page = page
        self.parsed = parsed
        self.grounder = grounder
        self.slug = slug
        self.entity: Term | None = None  # set by kg.extract.page_entity before the extractors
        self.entity_is_neuron = False
        self.decision: object = None  # the EntityDecision of kg.extract.page_entity
        self.extractor = ""  # name of the running extractor (set by extract_page)
        self.problems: list[str] = []
        self.ungrounded: dict[str, str] = {}  # mention IRI -> first label seen
        self._memo: dict[tuple[str, str], object] = {}
        cites = sorted(parsed.citations, key=lambda c: (c.span.start, c.span.end, c.key))
        self._cites = cites
        self._cite_starts = [c.span.start for c in cites]

    # -- problems ----------------------------------------------------------------------------
    def report(self, line: int | None, message: str) -> None:
        """Record a warning as ``FILE:LINE: message``."""
        where = f"{self.page.path}:{line}" if line else self.page.path
        self.problems.append(f"{where}: {message}")

    # -- evidence -------------------------------------------------------------------------------
    def references(
        self, element: Element | Cell | None, span: Span | None = None
    ) -> tuple[str, ...]:
        """Citation keys of an element: its own and those inside its span (a marker supports
        the sentence, bullet or cell it closes; one alone on the next line, or between tags,
        supports nothing: kg.parse.citations.unattached_citations)."""
        found: list[Citation] = []
        if element is not None:
            found.extend(_own_citations(element))
            if isinstance(element, Element) and not isinstance(element, InfoboxRow):
                span = span or element.span
        if isinstance(element, InfoboxRow):  # only markers inside a cell close it
            spans = [element.label.span, element.value.span]
        else:
            spans = [span] if span is not None else []
        for span in spans:
            lo = bisect.bisect_left(self._cite_starts, span.start)
            hi = bisect.bisect_left(self._cite_starts, span.end)
            found.extend(c for c in self._cites[lo:hi] if c.span.end <= span.end)
        keys = (citation_key(c) for c in found)
        return tuple(dict.fromkeys(k for k in keys if k))

    def evidence(
        self, source: Element | Span, references: Sequence[str] | None = None, *, cited: bool = True
    ) -> Evidence:
        """Evidence for the running extractor: the exact page text at the element's span.

        ``cited=False`` leaves out the citations inside the span (for a citation itself).
        """
        span = source.span if isinstance(source, Element) else source
        refs: tuple[str, ...] = ()
        if cited:
            refs = self.references(source if isinstance(source, Element) else None, span)
        if references:
            refs = tuple(dict.fromkeys((*refs, *references)))
        return Evidence(
            page_path=self.page.path,
            span=span,
            quote=self.page.text[span.start : span.end],
            extractor=self.extractor,
            references=refs,
        )

    # -- assertions -----------------------------------------------------------------------------
    def fact(
        self,
        subject: Term,
        predicate: str,
        obj: Term | Value,
        evidence: Evidence,
        *,
        biolink: str | None = None,
        label: str | None = None,
        qualifiers: Iterable[tuple[str, Value]] = (),
    ) -> Assertion:
        return Assertion(
            subject=subject,
            predicate=predicate,
            object=obj,
            evidence=(evidence,),
            biolink_predicate=biolink,
            relation_label=label,
            qualifiers=tuple(qualifiers),
        )

    def literal(
        self,
        subject: Term,
        predicate: str,
        value: str,
        evidence: Evidence,
        label: str | None = None,
    ) -> Assertion:
        """A plain string literal fact (``kgv:mechanismOfAction "Glutamate inhibition"``)."""
        return self.fact(subject, predicate, Value(value=value), evidence, label=label)

    def describe(self, term: Term, evidence: Evidence) -> Iterable[Assertion]:
        """Type and label a node as the page names it; flag and list an ungrounded mention.

        A page never renames an ontology class: only nodes kg minted (mentions, page entities)
        get the page's name as their ``rdfs:label``; a grounded term keeps its ontology label
        (in the terms graph) and the page's wording stays in the statement's quote.
        """
        if term.category:
            yield self.fact(term, p.RDF_TYPE, Term(iri=term.category), evidence)
        if term.label and is_minted(term):
            yield self.literal(term, p.RDFS_LABEL, term.label, evidence)
        if term.match is Match.UNGROUNDED:
            yield self.fact(term, p.UNGROUNDED, TRUE, evidence)
            if term.candidates:  # several ids answer the name: listed, none asserted
                yield self.fact(term, p.AMBIGUOUS, TRUE, evidence)
                for candidate in term.candidates:
                    yield self.fact(term, p.CANDIDATE, Term(iri=candidate), evidence)
            if term.label:
                self.ungrounded.setdefault(term.iri, term.label)

    # -- grounding ------------------------------------------------------------------------------
    def ground(self, name: str, category: str | None = None) -> Term:
        """Ground a name; an ungrounded ``"A (B)"`` is minted under ``A`` so that it meets
        the same mention written without the bracket."""
        name = " ".join(name.replace("*", " ").split())
        if not name:
            raise ValueError("cannot ground an empty name")
        term = self.grounder.ground_name(name, category=category, context=self.page_ids())
        if term.match is not Match.UNGROUNDED:
            return dataclasses.replace(term, label=name)
        if term.candidates:  # ambiguous: the mention keeps the whole name and its candidates
            return term
        core = core_name(name)
        mention_category = term.category or cat.NAMED_THING
        return Term(
            iri=vocab.mention_iri(core),
            label=core,
            category=mention_category,
            match=Match.UNGROUNDED,
        )

    def page_ids(self) -> frozenset[str]:
        """The CURIEs the page states (ids in its text and its entity): context for grounding."""
        key = ("page_ids", "")
        if key not in self._memo:
            found = set(_CURIE_IN_TEXT.findall(self.page.text))
            if self.entity is not None and (c := vocab.compress(self.entity.iri)):
                found.add(c)
            self._memo[key] = frozenset(found)
        return self._memo[key]  # type: ignore[return-value]

    def ancestors(self, iri: str) -> frozenset[str]:
        """The ontology ancestors of a term, as IRIs (empty when the ontology lacks it)."""
        key = ("ancestors", iri)
        if key not in self._memo:
            curie = vocab.compress(iri)
            found = self.grounder.ontology.ancestors(curie) if curie else frozenset()
            self._memo[key] = frozenset(_obo_iri(c) for c in found)
        return self._memo[key]  # type: ignore[return-value]

    def box_rows(self) -> tuple[BoxRow, ...]:
        """Every infobox row of the page with its sub-table (kg.extract.rows), computed once."""
        key = ("box_rows", "")
        if key not in self._memo:
            self._memo[key] = box_rows(self.parsed)
        return self._memo[key]  # type: ignore[return-value]

    def ground_any(self, name: str, categories: Sequence[str], fallback: str) -> Term:
        """Ground a name trying several categories in order; else a mention under ``fallback``."""
        for category in categories:
            term = self.ground(name, category)
            if term.match is not Match.UNGROUNDED:
                return term
        return self.ground(name, fallback)

    def names_entity(self, name: str) -> bool:
        """True when a name is the page's own title (``Tofersen`` on the Tofersen page)."""
        key = _loose(name)
        return bool(key) and key in self._own_names()

    def _own_names(self) -> set[str]:
        names = {self.parsed.title or ""}
        if self.entity is not None and self.entity.label:
            names.add(self.entity.label)
        if self.parsed.infobox and self.parsed.infobox.title:
            names.add(self.parsed.infobox.title)
        out: set[str] = set()
        for n in names:
            m = _PAREN.match(n)
            parts = (n, core_name(n), m["in"] if m else "")
            out.update(_loose(x) for x in parts)
        out.discard("")
        return out

    def entity_term(self) -> Term:
        if self.entity is None:
            raise RuntimeError("the page entity is decided before extractors run")
        return self.entity

    @property
    def entity_is_cell(self) -> bool:
        return cat.is_cell(self.entity.category if self.entity else None)


def is_minted(term: Term) -> bool:
    """Whether kg minted the node (a mention or page entity), as opposed to an ontology / database id."""
    return term.iri.startswith(vocab.KG)


def _obo_iri(curie: str) -> str:
    """``CL:0000540`` -> its OBO PURL (ontology ancestors are OBO classes)."""
    return vocab.obo_iri(curie)


def _own_citations(element: Element | Cell) -> tuple[Citation, ...]:
    if isinstance(element, InfoboxRow):
        return element.label.citations + element.value.citations
    if isinstance(element, TableRow):
        return tuple(c for cell in element.cells for c in cell.citations)
    if isinstance(element, Bullet | Cell):
        return element.citations
    return tuple(getattr(element, "citations", ()))
