"""From a node of a page graph to what a curator needs: a name, ``FILE:LINE`` and the quote.

A :class:`PageIndex` is built once per page graph. A finding about a statement points at its
evidence; about a selector, at the selector's lines; about an entity or a reference, at the
statement that asserts the finding's triple (or any statement about the node). Where several
spans qualify, the first line of the page wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import vocab as v
from kg.validate.report import Location
from kg.validate.unit_graph import Row, Term

#: The predicates :meth:`PageIndex._add` reads (the others are skipped before the call).
_WANTED = frozenset(
    (
        v.RDF_SUBJECT,
        v.RDF_PREDICATE,
        v.RDF_OBJECT,
        v.PROV_WAS_DERIVED_FROM,
        v.OA_HAS_SELECTOR,
        v.LINE_START,
        v.OA_EXACT,
        v.RDFS_LABEL,
        v.DCTERMS_TITLE,
        v.CITATION_KEY,
        v.PREF_LABEL,
    )
)
_STATEMENT_PARTS = frozenset(
    (v.RDF_SUBJECT, v.RDF_PREDICATE, v.RDF_OBJECT, v.PROV_WAS_DERIVED_FROM)
)
_NAMES = frozenset((v.RDFS_LABEL, v.DCTERMS_TITLE, v.CITATION_KEY))


@dataclass(slots=True)
class _Statement:
    subject: str = ""
    predicate: str = ""
    object: str = ""  # N-Triples form
    selectors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PageIndex:
    """What :meth:`locate` and :meth:`label` need from one page graph (plus terms labels)."""

    page_iri: str | None
    source_file: str | None
    statements: dict[str, _Statement] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # selector -> first line
    parts: dict[str, str] = field(default_factory=dict)  # sub-selector -> selector
    quotes: dict[str, str] = field(default_factory=dict)  # selector -> quoted text
    names: dict[str, str] = field(default_factory=dict)  # node -> page's name for it
    pref: dict[str, str] = field(default_factory=dict)  # node -> skos:prefLabel
    about: dict[str, list[str]] = field(default_factory=dict)  # node -> statements naming it

    @classmethod
    def build(
        cls, page_iri: str | None, source_file: str | None, triples: Iterable[ox.Triple]
    ) -> PageIndex:
        """The index of pyoxigraph triples (or quads): the subject and object of a triple are
        read only when its predicate is one the index keeps (each read makes an object)."""
        wanted = _WANTED
        kept: list[Row] = []
        for t in triples:
            p = t.predicate.value
            if p in wanted:
                kept.append((t.subject, p, t.object))  # type: ignore[arg-type]
        return cls.from_rows(page_iri, source_file, kept)

    @classmethod
    def from_rows(
        cls, page_iri: str | None, source_file: str | None, triples: Iterable[Row]
    ) -> PageIndex:
        """:meth:`build` of triples already read as rows (kg.validate.unit_graph.rows)."""
        idx = cls(page_iri=page_iri, source_file=source_file)
        quote_parts: dict[str, str] = {}
        wanted = _WANTED
        for s, p, o in triples:
            if p in wanted:
                idx._add(s, p, o, quote_parts)
        per_selector: dict[str, list[str]] = {}
        for part, text in quote_parts.items():
            if part in idx.parts:
                per_selector.setdefault(idx.parts[part], []).append(text)
        # a selector with two quotes has no quote to check (kgs:SelectorParts says why)
        idx.quotes = {sel: texts[0] for sel, texts in per_selector.items() if len(texts) == 1}
        for st_iri, st in sorted(idx.statements.items()):
            for node in (st.subject, st.object):
                idx.about.setdefault(node, []).append(st_iri)
        return idx

    def _add(self, subject: Term, p: str, o: Term, quote_parts: dict[str, str]) -> None:
        s = subject.value if isinstance(subject, ox.NamedNode) else str(subject)
        if p in _STATEMENT_PARTS:
            st = self.statements.get(s)
            if st is None:
                st = self.statements[s] = _Statement()
            if p == v.PROV_WAS_DERIVED_FROM:
                st.selectors.append(_key(o))
            elif p == v.RDF_OBJECT:
                st.object = str(o) if isinstance(o, ox.Literal) else _key(o)
            elif p == v.RDF_SUBJECT:
                st.subject = _key(o)
            else:
                st.predicate = _key(o)
        elif p == v.OA_HAS_SELECTOR:
            self.parts[_key(o)] = s
        elif not isinstance(o, ox.Literal):
            return  # the other predicates are read for their literals only
        elif p == v.LINE_START:
            self.lines[s] = int(o.value) if o.value.isdigit() else 0
        elif p == v.OA_EXACT:
            quote_parts[s] = o.value
        elif p in _NAMES:
            if s not in self.names and (text := o.value).strip():
                self.names[s] = text
        elif p == v.PREF_LABEL and s not in self.pref and (text := o.value).strip():
            self.pref[s] = text

    # -- names ------------------------------------------------------------------------------

    def label(self, node: str) -> str | None:
        """The page's name for a node, else its preferred label; a statement is named by its
        triple (``Motor Neurons —RO:0002292→ MNX1``)."""
        st = self.statements.get(node)
        if st is not None and st.subject:
            obj = st.object
            obj_name = obj if obj.startswith('"') else self._name(obj)
            return f"{self._name(st.subject)} —{v.compress_or_iri(st.predicate)}→ {obj_name}"
        return self.names.get(node) or self.pref.get(node)

    def _name(self, node: str) -> str:
        return self.names.get(node) or self.pref.get(node) or v.compress_or_iri(node)

    # -- locations --------------------------------------------------------------------------

    def locate(
        self, focus: str, path: str | None = None, value: str | None = None
    ) -> Location | None:
        """``FILE:LINE`` and quote for a finding about ``focus`` (None without a source file).

        ``path`` is a property IRI; ``value`` is in N-Triples form (``<iri>`` or a literal).
        """
        if self.source_file is None:
            return None
        if value is not None and value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
        selector = self._selector_for(focus, path, value)
        if selector is None:
            line = 1 if focus == self.page_iri else None
            return Location(file=self.source_file, line=line)
        return Location(
            file=self.source_file, line=self.lines.get(selector), quote=self.quotes.get(selector)
        )

    def _selector_for(self, focus: str, path: str | None, value: str | None) -> str | None:
        if focus in self.statements:
            return self._first(self.statements[focus].selectors)
        if focus in self.lines:
            return focus
        if focus in self.parts:
            return self.parts[focus]
        stmts = self.about.get(focus, [])
        exact = [
            s
            for s in stmts
            if self.statements[s].subject == focus
            and (path is None or self.statements[s].predicate == path)
            and (value is None or self.statements[s].object == value)
        ]
        chosen = exact or stmts
        return self._first([sel for s in chosen for sel in self.statements[s].selectors])

    def _first(self, selectors: list[str]) -> str | None:
        known = [s for s in selectors if s in self.lines]
        if not known:
            return selectors[0] if selectors else None
        return min(known, key=lambda s: (self.lines[s], s))


def _key(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return node.value if isinstance(node, ox.NamedNode) else str(node)
