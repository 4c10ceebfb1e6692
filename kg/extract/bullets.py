"""``Key: value`` bullets and stage headings in the page body.

* ``- Parent Classification: Glutamatergic`` -> ``entity rdfs:subClassOf`` that class;
* ``- Full Lineage: Neuron > Glutamatergic > Motor neuron`` -> the lineage chain
  (kg.extract.statements);
* ``- Brain Regions: A, B, C`` -> soma location / located in each region;
* ``- Markers: A, B`` -> expresses each; under a ``Markers`` heading, ``- GFAP: Pan-astrocytic
  marker`` -> expresses GFAP with ``kgv:markerFunction``;
* under a ``Disease Relevance`` heading, ``- Multiple System Atrophy: ...`` -> the disease
  (disease has location, for a cell);
* ``- Stage 2: ...`` bullets and ``Stage 1: Neural Induction (Days 0-7)`` headings:
  ``kgv:protocolStage`` under a protocol / differentiation heading, else ``kgv:stage``.

Other bullets are prose and make no fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract import categories as cat
from kg.extract import statements as st
from kg.extract.context import ExtractionContext, split_list
from kg.extract.model import Assertion, Value
from kg.extract.registry import register
from kg.extract.rows import PROTOCOL, STAGE, headings, section_index
from kg.parse.model import Bullet
from kg.vocab import terms as p

_SYMBOL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-./αβγδκ]{0,14}$")


def _gene_like(key: str) -> bool:
    """``GFAP``, ``ALDH1L1``, ``Iba1``: one word, all capitals or with a digit."""
    key = key.strip()
    return bool(_SYMBOL.match(key)) and (key.isupper() or any(ch.isdigit() for ch in key))


def _keyed(ctx: ExtractionContext, *keys: str) -> Iterable[Bullet]:
    for b in ctx.parsed.bullets:
        if b.key and b.value and b.key.strip().lower() in keys:
            yield b


@register("bullet.parent")
def parent_classification(ctx: ExtractionContext) -> Iterable[Assertion]:
    for b in _keyed(ctx, "parent classification", "parent class", "parent"):
        yield from st.parent_class(ctx, b.value or "", ctx.evidence(b))


@register("bullet.lineage")
def full_lineage(ctx: ExtractionContext) -> Iterable[Assertion]:
    for b in _keyed(ctx, "full lineage", "lineage"):
        yield from st.lineage(ctx, b.value or "", ctx.evidence(b))


@register("bullet.brain-regions")
def brain_regions(ctx: ExtractionContext) -> Iterable[Assertion]:
    for b in _keyed(ctx, "brain regions", "brain region", "regions", "location"):
        places = [ctx.ground(st.place_name(n), cat.ANATOMY) for n in split_list(b.value or "")]
        yield from st.locations(ctx, places, ctx.evidence(b), label=b.key)


@register("bullet.markers")
def marker_bullets(ctx: ExtractionContext) -> Iterable[Assertion]:
    for b in _keyed(ctx, "markers", "key markers", "marker genes"):
        yield from st.markers(ctx, split_list(b.value or ""), ctx.evidence(b), label=b.key)
    sections = section_index(ctx.parsed)
    for b in ctx.parsed.bullets:
        if not (b.key and _gene_like(b.key)):
            continue
        if any(re.search(r"\bmarkers?\b", h, re.I) for h in headings(sections, b.section)):
            qual = [(p.MARKER_FUNCTION, Value(value=b.value))] if b.value else []
            yield from st.markers(ctx, [b.key.strip()], ctx.evidence(b), qualifiers=qual)


@register("bullet.disease")
def disease_bullets(ctx: ExtractionContext) -> Iterable[Assertion]:
    sections = section_index(ctx.parsed)
    for b in ctx.parsed.bullets:
        if not b.key:
            continue
        around = list(headings(sections, b.section))
        if around and re.search(r"disease\s+(relevance|vulnerability)", around[0], re.I):
            disease = ctx.ground(b.key, cat.DISEASE)
            yield from st.diseases(ctx, [disease], ctx.evidence(b), label=around[0])


@register("bullet.stage")
def stage_bullets(ctx: ExtractionContext) -> Iterable[Assertion]:
    """``- Stage 2: ...`` bullets (see the module docstring)."""
    entity = ctx.entity_term()
    sections = section_index(ctx.parsed)
    for b in ctx.parsed.bullets:
        if b.key and b.value and STAGE.match(b.key.strip()):
            prop = _stage_property(headings(sections, b.section))
            yield ctx.literal(entity, prop, f"{b.key.strip()}: {b.value.strip()}", ctx.evidence(b))


@register("section.stage")
def stage_headings(ctx: ExtractionContext) -> Iterable[Assertion]:
    """``Stage 1: Neural Induction (Days 0-7)`` headings (see the module docstring)."""
    entity = ctx.entity_term()
    sections = section_index(ctx.parsed)
    for s in ctx.parsed.sections:
        if STAGE.match(s.heading.strip()) and ":" in s.heading:
            prop = _stage_property(headings(sections, s.id))
            yield ctx.literal(entity, prop, s.heading.strip(), ctx.evidence(s))


def _stage_property(around: Iterable[str]) -> str:
    return p.PROTOCOL_STAGE if any(PROTOCOL.search(h) for h in around) else p.STAGE
