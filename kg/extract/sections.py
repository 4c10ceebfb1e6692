"""Which entity a section is about: headings that name an entity give the subject of what follows.

A heading names an entity when it grounds (``HB9 (MNX1)``, ``TDP-43 (TARDBP)``, ``Amyotrophic
Lateral Sclerosis (ALS)``), names the page's own entity, or has the form ``Name (ABBR)`` with a
capitalised abbreviation (``Upper Motor Neurons (UMNs)``, ``Kennedy Disease (X-linked SBMA)``):
then the name, unverified, is minted as a mention whose category its head word gives (``...
disease / syndrome / sclerosis / atrophy`` a disease, ``... neurons / cells`` a cell). Any other
heading names a topic (``Axonal Transport``, ``Excitotoxicity:``): it gives context, not a subject.

Scope: plain-text headings carry no level, so a disease heading's subject holds through the topic
headings after it (``Amyotrophic Lateral Sclerosis (ALS)`` > ``Pathophysiology`` >
``Excitotoxicity:``) until the next entity heading or a page-level heading; any other entity
heading's subject ends at the next heading (``Therapeutic
Approaches``, ``Molecular Biology``, ...; :data:`PAGE_LEVEL`). Where the export lost a heading,
no subject is invented: a bullet under an entity heading that names that entity itself
(``Co-expressed with HB9`` under ``HB9 (MNX1)``) shows that the bullets are about something else
from there on, and the subject is dropped for the rest of the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract import categories as cat
from kg.extract.context import ExtractionContext
from kg.extract.model import Match, Term
from kg.parse.model import Section

#: headings that open a new part of the page (they end an entity heading's scope).
PAGE_LEVEL = re.compile(
    r"^(overview|introduction|summary|background|molecular biology|neuroanatomy|"
    r"electrophysiology|anatomy|function|functions|genetics|pathology|clinical .*|"
    r"therapeutic .*|treatment|treatments|emerging therapies|symptomatic management|"
    r"disease modeling applications|co-culture systems|drug screening applications|"
    r"research applications|key references|references|see also|external links|"
    r"related pages|pathway diagram|.*cross-references|.*classification.*|"
    r".*database links|brain atlas resources|cross-species conservation.*|"
    r"differentiation protocol|marker expression|comparative analysis|"
    r"proteins implicated in .*|motor neuron identity .*|firing properties|"
    r"biomarkers?|mechanisms?|pathways?|therapeutics|diagnosis|epidemiology|prognosis|"
    r"history|future directions)$",
    re.IGNORECASE,
)
_NAME_ABBR = re.compile(r"^(?P<name>[A-Z][\w'’\- ]{2,60}?)\s*\((?P<abbr>[^()]*[A-Z]{2,}[^()]*)\)$")
_DISEASE_WORDS = re.compile(r"(disease|syndrome|sclerosis|atrophy|dementia|palsy|ataxia)$", re.I)
_CELL_WORDS = re.compile(r"(neurons?|cells?|glia|cytes?|umns?|lmns?)$", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionSubject:
    """The subject a section's heading gives, and the names it goes by on the page."""

    term: Term
    names: tuple[
        str, ...
    ]  # the heading's name and abbreviation (``Upper Motor Neurons``, ``UMNs``)


def heading_subject(ctx: ExtractionContext, section: Section) -> SectionSubject | None:
    """The entity a heading names, or None for a topic heading."""
    heading = section.heading.strip().rstrip(":").strip()
    if not heading or len(heading) > 80 or PAGE_LEVEL.match(heading):
        return None
    entity = ctx.entity_term()
    if ctx.names_entity(heading):
        return SectionSubject(term=entity, names=(heading,))
    m = _NAME_ABBR.match(heading)
    term = ctx.grounder.ground_name(heading)
    if term.match is not Match.UNGROUNDED and term.category:
        names = (m["name"].strip(), m["abbr"].strip()) if m else (heading,)
        return SectionSubject(term=ctx.ground(heading, term.category), names=names)
    if m is None:
        if _DISEASE_WORDS.search(heading) and len(heading.split()) <= 5:
            return SectionSubject(term=ctx.ground(heading, cat.DISEASE), names=(heading,))
        return None
    name = m["name"].strip()
    category = (
        cat.DISEASE
        if _DISEASE_WORDS.search(name)
        else cat.CELL
        if _CELL_WORDS.search(name)
        else None
    )
    if category is None:
        return None
    return SectionSubject(term=ctx.ground(heading, category), names=(name, m["abbr"].strip()))


def section_subjects(ctx: ExtractionContext) -> dict[str, SectionSubject]:
    """Section id -> the subject in force there (see the module docstring), computed once."""
    key = ("section_subjects", "")
    if key in ctx._memo:
        return ctx._memo[key]  # type: ignore[return-value]
    out: dict[str, SectionSubject] = {}
    current: SectionSubject | None = None
    for section in sorted(ctx.parsed.sections, key=lambda s: s.span.start):
        own = heading_subject(ctx, section)
        if own is not None:
            current = own
        elif current is not None and (
            current.term.category != cat.DISEASE
            or PAGE_LEVEL.match(section.heading.strip().rstrip(":").strip())
        ):
            current = None
        if current is not None:
            out[section.id] = current
    ctx._memo[key] = out
    return out


def names_of(subject: SectionSubject) -> tuple[str, ...]:
    """Every way the page writes the subject: the heading's names and the term's label."""
    extra = (subject.term.label,) if subject.term.label else ()
    singular = tuple(n[:-1] for n in subject.names if n.isupper() is False and n[:-1].isupper())
    return tuple(dict.fromkeys((*subject.names, *singular, *extra)))
