"""Relations stated in sentences and bullet prose, read with explicit verb-phrase rules.

Each paragraph and bullet is split into sentences (kg.extract.sentences) and each sentence into
clauses (at ``;``, ``, while``, ``, whereas``). The names of known entities in a clause are found
by the dictionary matcher (kg.extract.mentions) and grounded; the section's subject
(kg.extract.sections) stands in where the clause names none (``- Marks spinal and cranial motor
neuron identity`` under ``HB9 (MNX1)``), ``these cells`` / ``this cell type`` is the page's own
entity. A clause yields a fact only where a rule's cue (:data:`RULES`) is in it *and* the
clause holds a subject and an object of the categories the rule relates; the direction follows
the categories (``SMA ... caused by SMN1`` is ``SMN1 causes SMA``). The page's verb phrase is
kept on the statement (``kgv:relationLabel``). Two names with no cue make no fact.

* **Negation**: ``not``, ``no``, ``never``, ``without``, ``lack of`` before the object in its
  clause -> the statement carries ``kgv:negated true`` and the direct triple is not asserted.
* **Hedging and quantifiers**: ``may``, ``might``, ``can``, ``possibly``, ``likely``,
  ``proposed``, ``modestly``, ``most``, ``some``, ``~10%``, ``95%``, and a claim under test
  (``efficacy testing``, ``trials``) -> ``kgv:hedge`` with the
  words as written, on the statement.
* **Pronouns**: a sentence opening with ``Their`` / ``They`` / ``Its`` is about the first
  thing the previous sentence of its section names.
* **Abbreviations**: ``induced pluripotent stem cells (iPSCs)`` is one name (the bracket's
  initials), not the ``pluripotent stem cells`` inside it.
* ``Key: value`` bullets whose key is a relation (``Treatment:``, ``Origin:``, ``Target:``)
  relate the section's subject to each name the value lists; a drug's ``Mechanism:`` is read
  as the ``Drug | Mechanism`` cells are (kg.extract.mechanism).

Evidence is the sentence itself (its closing citation markers included, so its references are
exactly the markers that close it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.extract import categories as cat
from kg.extract.context import ExtractionContext, split_list
from kg.extract.mechanism import mechanism_facts
from kg.extract.mentions import NameMatcher, lexicon_names
from kg.extract.model import Assertion, Evidence, Match, Term, Value
from kg.extract.prose_rules import (
    CELL,
    DISEASE,
    DRUGS,
    GENES,
    KEY_RULES,
    MECHANISM_KEYS,
    RULE_KINDS,
    RULES,
    Rule,
    fits_kind,
    kind_of,
)
from kg.extract.registry import register
from kg.extract.rows import PROTOCOL, headings, section_index
from kg.extract.sections import SectionSubject, names_of, section_subjects
from kg.extract.sentences import Sentence, line_span, split_sentences
from kg.extract.statements import place_name
from kg.parse.model import Bullet, Paragraph, Span
from kg.vocab import terms as p

_BY_NAME = {r.name: r for r in RULES}
#: any rule's cue. Every branch of every cue starts with ``\b`` and a letter, or with the ``-``
#: of ``-only`` (tests/extract/test_prose_cues.py checks it), so the zero-width prefix holds
#: wherever a cue matches: the search tries the branches only there (2.5x faster, same matches).
_ANY_CUE = re.compile(
    r"(?:\b(?=[a-z])|(?=-))(?:" + "|".join(f"(?:{r.cue.pattern})" for r in RULES) + ")",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r";|,\s*(?:while|whereas|but)\b|\bwhile\b")
_NEG = re.compile(r"\b(?:not|no|never|without|lack of|absence of|neither|nor)\b", re.I)
_HEDGE = re.compile(
    r"~\s?\d+(?:\.\d+)?\s?%|\b\d+(?:\.\d+)?\s?%|\b(?:may|might|could|can|possibly|likely|"
    r"proposed|putative|modestly|most|some|often|partially|testing|tested|trials?)\b",
    re.I,
)
_THIS = re.compile(r"\b(?:these|such) cells\b|\bthis cell type\b", re.I)
#: drug classes a sentence names without a lexicon entry (kept as mentions).
DRUG_CLASSES = (
    ("antisense oligonucleotide", "antisense oligonucleotide"),
    ("ASOs", "antisense oligonucleotide"),
)
_PAGE = "page:"


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    term: Term
    start: int
    end: int


def _matcher(ctx: ExtractionContext) -> NameMatcher:
    """The grounder's names plus the page's own (its entity, its entity headings)."""
    key = ("matcher", "")
    if key not in ctx._memo:
        base = _base_matcher(ctx)
        local: list[tuple[str, str]] = [(n, f"{_PAGE}entity") for n in _entity_names(ctx)]
        for sid, sub in section_subjects(ctx).items():
            local += [(n, f"{_PAGE}{sid}") for n in names_of(sub)]
        local += [(n, f"{_PAGE}drug:{k}") for n, k in DRUG_CLASSES]
        ctx._memo[key] = base.extended(local)
    return ctx._memo[key]  # type: ignore[return-value]


_BASE: dict[int, NameMatcher] = {}


def _base_matcher(ctx: ExtractionContext) -> NameMatcher:
    g = ctx.grounder
    if id(g) not in _BASE:
        _BASE.clear()
        _BASE[id(g)] = NameMatcher.build(lexicon_names(g), g.vocab)
    return _BASE[id(g)]


def _entity_names(ctx: ExtractionContext) -> list[str]:
    names = [ctx.parsed.title or ""]
    if ctx.entity is not None and ctx.entity.label:
        names.append(ctx.entity.label)
    return [n for n in names if n]


def _resolve(ctx: ExtractionContext, key: str, name: str) -> Term | None:
    if key == f"{_PAGE}entity":
        return ctx.entity_term()
    if key.startswith(f"{_PAGE}drug:"):
        return ctx.ground(key.removeprefix(f"{_PAGE}drug:"), cat.DRUG)
    if key.startswith(_PAGE):
        sub = section_subjects(ctx).get(key.removeprefix(_PAGE))
        return sub.term if sub else None
    term = ctx.grounder.ground_name(name)
    if term.match is Match.UNGROUNDED:
        return None
    return ctx.ground(name, term.category)


def _resolved(ctx: ExtractionContext) -> dict[tuple[str, str], Term | None]:
    """The page's (key, name) -> term cache (a name recurs in many sentences)."""
    key = ("prose-resolved", "")
    if key not in ctx._memo:
        ctx._memo[key] = {}
    return ctx._memo[key]  # type: ignore[return-value]


def _mentions(ctx: ExtractionContext, text: str) -> list[Found]:
    """The things ``text`` names, in order (a new list: callers may change it).

    A pure function of the page's context and the text, kept per page: a quarter of the
    clauses of a page repeat one seen before (copies of the body, repeated bullets)."""
    key = ("prose-mentions", text)
    found = ctx._memo.get(key)
    if found is None:
        found = ctx._memo[key] = tuple(_find_mentions(ctx, text))
    return list(found)  # type: ignore[call-overload]


def _find_mentions(ctx: ExtractionContext, text: str) -> list[Found]:
    out: list[Found] = []
    memo = _resolved(ctx)
    for m in _matcher(ctx).find(_SYMBOL_SLASH.sub(r"\1 ", text)):
        if (m.key, m.name) not in memo:
            memo[(m.key, m.name)] = _resolve(ctx, m.key, m.name)
        term, start = memo[(m.key, m.name)], m.start
        if term is not None and term.category == CELL:
            term = _coordinated_head(ctx, text, m.start, m.text) or term
        if term is not None and text.startswith(("(", " ("), m.end):
            term, start = _spelled_out(ctx, text, m.start, m.end, term) or (term, start)
        if term is not None and not any(f.term.iri == term.iri for f in out):
            out.append(Found(term=term, start=start, end=m.end))
    for this in _THIS.finditer(text):
        if ctx.entity_is_cell:
            out.append(Found(term=ctx.entity_term(), start=this.start(), end=this.end()))
    return sorted(out, key=lambda f: f.start)


_ABBREVIATION = re.compile(r"\s?\(([A-Za-z][A-Za-z0-9]{1,11})\)")


def _spelled_out(
    ctx: ExtractionContext, text: str, start: int, end: int, term: Term | None
) -> tuple[Term, int] | None:
    """``induced pluripotent stem cells (iPSCs)``: the name the bracket abbreviates is the
    written-out name, with the words before the matched ``pluripotent stem cells`` whose
    initials the abbreviation starts with. Grounded as written, else a mention of the
    matched term's category."""
    m = _ABBREVIATION.match(text, end)
    if term is None or m is None:
        return None
    abbr = m.group(1).lower().removesuffix("s")
    initials = "".join(w[0] for w in text[start:end].lower().split())
    extra = len(abbr) - len(initials)
    if extra <= 0 or not abbr.endswith(initials):
        return None
    before = re.search(rf"((?:\b[A-Za-z][\w\-]*\s+){{{extra}}})$", text[:start])
    if before is None or "".join(w[0] for w in before.group(1).lower().split()) != abbr[:extra]:
        return None
    name = text[before.start() : end]
    found = ctx.grounder.ground_name(name)
    category = found.category if found.match is not Match.UNGROUNDED else term.category
    return ctx.ground(name, category), before.start()


#: ``FUS/TARDBP``: a slash between two symbols lists them (same length, so offsets hold)
_SYMBOL_SLASH = re.compile(r"\b([A-Z][A-Z0-9]{1,9})/(?=[A-Z][A-Z0-9]{1,9}\b)")
_COORD = re.compile(r"\b([A-Za-z]+)\s+(?:and|or)\s+$")


def _coordinated_head(ctx: ExtractionContext, text: str, start: int, written: str) -> Term | None:
    """``spinal and cranial motor neuron``: the modifiers share the head noun, so the clause
    is about both kinds; when the elided one (``spinal motor neuron``) has no term, the shared
    head (``motor neuron``) is what the clause states it of."""
    m = _COORD.search(text[:start])
    words = written.split()
    if m is None or len(words) < 2:
        return None
    head = " ".join(words[1:])
    elided = ctx.grounder.ground_name(f"{m.group(1)} {head}")
    if elided.match is not Match.UNGROUNDED:
        return None
    term = ctx.grounder.ground_name(head)
    if term.match is Match.UNGROUNDED or term.category != CELL:
        return None
    return ctx.ground(head, CELL)


def _fits(allowed: frozenset[str], term: Term) -> bool:
    return fits_kind(allowed, kind_of(term))


def clause_facts(
    ctx: ExtractionContext, text: str, subject: Term | None
) -> Iterator[tuple[Rule, Term, Term, str, bool, str | None]]:
    """(rule, subject, object, verb phrase, negated, hedge) for one clause."""
    if not _ANY_CUE.search(text):
        return  # no rule's cue: no fact, whatever the clause names
    found = _mentions(ctx, text)
    terms = [f.term for f in found]
    if subject is not None and all(t.iri != subject.iri for t in terms):
        found.insert(0, Found(term=subject, start=-1, end=-1))
    if len({f.term.iri for f in found}) < 2:
        return  # a fact needs two different things
    kinds = [(f, kind_of(f.term)) for f in found]
    seen: set[tuple[str, str]] = set()
    hedge: list[str | None] = []  # the clause's hedge words, looked for at its first fact
    for rule, fit_s, fit_o in RULE_KINDS:
        # the categories first: most rules relate none of the clause's names, and their cue
        # need not be searched (the same facts, fewer regular-expression searches)
        subs = [f for f, k in kinds if k in fit_s]
        if not subs:
            continue
        objs = [f for f, k in kinds if k in fit_o]
        if not objs:
            continue
        cue = rule.cue.search(text)
        if cue is None:
            continue
        if rule.adjacent:
            subs = [f for f in subs if f.end <= cue.start()]
            objs = [
                f
                for f in objs
                if f.start >= cue.end() and _MODIFIERS.match(text[cue.end() : f.start])
            ]
        if not subs or not objs:
            continue
        if rule.subjects == {DISEASE} and len(subs) > 1:
            # ``loss causes spasticity and hyperreflexia in ALS``: the disease is the one "in"
            subs = [f for f in subs if _IN_BEFORE.search(text[: max(f.start, 0)])] or subs
        subs = _first_list(text, subs)
        if len(objs) > 1:  # the list the cue governs: not names after a second verb
            after = [o for o in objs if o.start >= cue.start()]
            objs = _first_list(text, after) if after else objs
        pairs = [(s, objs[0]) for s in subs] if len(objs) == 1 else [(subs[0], o) for o in objs]
        for s, o in pairs:
            if o.term.iri == s.term.iri or (s.term.iri, o.term.iri) in seen:
                continue
            seen.add((s.term.iri, o.term.iri))
            before = text[max(0, min(cue.start(), o.start) - 30) : max(o.start, 0)]
            negated = bool(_NEG.search(before)) if o.start >= 0 else bool(_NEG.search(text))
            if not hedge:
                hedge.append(" ".join(h.group(0) for h in _HEDGE.finditer(text)) or None)
            yield rule, s.term, o.term, cue.group(0), negated, hedge[0]


_IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?$", re.I)
#: between a copula and its noun: a few lower-case modifiers (``are the resident macrophages``)
_MODIFIERS = re.compile(r"^(?:\s*[a-z][\w\-]*){0,3}\s*$")
_PARENS = re.compile(r"\([^()]*\)")
#: between two listed names: commas, ``and``/``or``; a name's parenthesis may close before it
#: and the next may be written ``description (NAME)`` (``and neurofilament (SMI-32)``)
_LIST_GAP = re.compile(r"^\)?[\s,/]*(?:and|or)?[\s,/]*(?:other\s+)?(?:[A-Za-z][\w\- ]{0,40}\()?$")


def _first_list(text: str, found: list[Found]) -> list[Found]:
    """The first mention and those listed with it (``C9orf72, SOD1, FUS and TARDBP``)."""
    out = found[:1]
    for f in found[1:]:
        prev = out[-1]
        if prev.start < 0 or not _LIST_GAP.match(_PARENS.sub("", text[prev.end : f.start])):
            break
        out.append(f)
    return out


def _clauses(sentence: Sentence) -> Iterator[str]:
    yield from (c for c in _CLAUSE.split(sentence.text) if c.strip())


def sentence_assertions(
    ctx: ExtractionContext,
    sentence: Sentence,
    subject: Term | None,
    extra: tuple[tuple[str, Value], ...] = (),
) -> Iterator[Assertion]:
    """The facts of one sentence; ``extra`` qualifiers ride on each (a protocol stage)."""
    ev: Evidence | None = None  # made for the first fact (most sentences state none)
    for clause in _clauses(sentence):
        for rule, s, o, phrase, negated, hedge in clause_facts(ctx, clause, subject):
            ev = ev or ctx.evidence(sentence.span)
            yield from _fact(ctx, rule, s, o, ev, phrase, negated, hedge, extra)


def _fact(
    ctx: ExtractionContext,
    rule: Rule,
    s: Term,
    o: Term,
    ev: Evidence,
    phrase: str,
    negated: bool = False,
    hedge: str | None = None,
    extra: tuple[tuple[str, Value], ...] = (),
) -> Iterator[Assertion]:
    qualifiers: list[tuple[str, Value]] = list(extra)
    if negated:
        qualifiers.append((p.NEGATED, Value(value="true", datatype=p.XSD_BOOLEAN)))
    if hedge:
        qualifiers.append((p.HEDGE, Value(value=hedge)))
    predicate = rule.predicate
    if predicate == p.LOCATED_IN and ctx.ancestors(s.iri) & {p.NEURON}:
        predicate = p.HAS_SOMA_LOCATION
    for t in (s, o):
        yield from ctx.describe(t, ev)
    yield ctx.fact(s, predicate, o, ev, biolink=rule.biolink, label=phrase, qualifiers=qualifiers)


def _subject_for(ctx: ExtractionContext, section_id: str | None) -> SectionSubject | None:
    return section_subjects(ctx).get(section_id or "")


@register("prose.sentence")
def paragraph_relations(ctx: ExtractionContext) -> Iterable[Assertion]:
    """Relations in the sentences of paragraphs (see the module docstring)."""
    prev: tuple[str | None, Sentence] | None = None  # the section's last sentence
    for para in ctx.parsed.paragraphs:
        sub = _subject_for(ctx, para.section)
        span = para.span
        keyed = _keyed_line(ctx, para)
        if keyed is not None:  # ``Origin: Layer V of primary motor cortex (Betz cells), ...``
            line, key, value, rule = keyed
            owner = sub.term if sub else ctx.entity_term()
            yield from _keyed(ctx, ctx.evidence(line), key, value, owner, *rule)
            if line.end >= span.end:
                continue
            span = line_span(ctx.page, line.end, span.end)
        for sentence in split_sentences(ctx.page, span):
            subject: Term | None = sub.term if sub else None
            if prev is not None and prev[0] == para.section and _PRONOUN.match(sentence.text):
                subject = _topic(ctx, prev[1]) or subject
            yield from sentence_assertions(ctx, sentence, subject)
            prev = (para.section, sentence)


#: a sentence that opens with a pronoun (``Their loss causes spasticity ... in ALS.``) is about
#: the first thing the section's previous sentence names (``Upper motor neurons project ...``)
_PRONOUN = re.compile(r"^\W*(?:their|they|its)\b", re.I)


def _topic(ctx: ExtractionContext, sentence: Sentence) -> Term | None:
    found = _mentions(ctx, sentence.text)
    return found[0].term if found else None


def _keyed_line(
    ctx: ExtractionContext, para: Paragraph
) -> tuple[Span, str, str, tuple[str, str]] | None:
    """The paragraph's first line when it is a ``Key: value`` whose key is a relation (the
    export dropped the bullet's ``- ``): its span, key, value and rule."""
    raw = ctx.page.text[para.span.start : para.span.end]
    first = raw.split("\n", 1)[0]
    kv = _KEY_VALUE.match(_MARKER.sub("", first).strip())
    rule = KEY_RULES.get(kv["key"].lower()) if kv else None
    if kv is None or rule is None:
        return None
    end = para.span.start + len(first.rstrip())
    return line_span(ctx.page, para.span.start, end), kv["key"], kv["value"], rule


#: citation markers (the evidence keeps them; a value read from a raw line drops them)
_MARKER = re.compile(r"\[\s*\"?@[^\]]*\]")
#: a paragraph line written as a bullet's ``Key: value`` (the export dropped the ``- ``)
_KEY_VALUE = re.compile(r"^(?P<key>[A-Z][A-Za-z ]{1,30}):\s+(?P<value>\S.*)$")


@register("prose.bullet")
def bullet_relations(ctx: ExtractionContext) -> Iterable[Assertion]:
    """Relations in bullets: ``Key: value`` relation keys, then the bullet's prose."""
    for b, subject, stage in _bullet_plan(ctx):
        if not stage:
            yield from _bullet_facts(ctx, b, subject, stage)


@register("prose.stage")
def stage_relations(ctx: ExtractionContext) -> Iterable[Assertion]:
    """Relations in the bullets of a protocol stage: the entity's, qualified by the stage."""
    for b, subject, stage in _bullet_plan(ctx):
        if stage:
            yield from _bullet_facts(ctx, b, subject, stage)


_Plan = list[tuple[Bullet, Term | None, tuple[tuple[str, Value], ...]]]


def _bullet_plan(ctx: ExtractionContext) -> _Plan:
    """Each bullet with its subject and its protocol stage qualifier (computed once a page)."""
    key = ("prose-bullets", "")
    if key in ctx._memo:
        return ctx._memo[key]  # type: ignore[return-value]
    plan: _Plan = []
    dropped: set[str] = set()
    for b in ctx.parsed.bullets:
        sub = _subject_for(ctx, b.section)
        if (
            sub is not None
            and b.section
            and sub.term.category in GENES
            and _names_itself(ctx, b, sub)
        ):
            dropped.add(b.section)  # a lost heading: the bullets are about something else
        subject = None if sub is None or (b.section in dropped) else sub.term
        if sub is None and b.section not in dropped:
            subject = ctx.entity_term()  # no entity heading: the page's own entity
        plan.append((b, subject, _stage_of(ctx, b.section) if sub is None else ()))
    ctx._memo[key] = plan
    return plan


def _bullet_facts(
    ctx: ExtractionContext,
    b: Bullet,
    subject: Term | None,
    stage: tuple[tuple[str, Value], ...],
) -> Iterator[Assertion]:
    if subject is not None and b.key and b.value:
        if b.key.strip().lower() in MECHANISM_KEYS and _fits(DRUGS, subject):
            yield from mechanism_facts(ctx, subject, b.value, ctx.evidence(b))
            return
        keyed = KEY_RULES.get(b.key.strip().lower())
        if keyed:
            yield from _keyed(ctx, ctx.evidence(b), b.key, b.value, subject, *keyed)
            return
    skip = 2 if b.source.startswith(("- ", "* ")) else 0
    for sentence in split_sentences(ctx.page, b.span, skip=skip):
        yield from sentence_assertions(ctx, sentence, subject, stage)


#: a protocol stage (``Stage 2: Motor Neuron Specification (Days 7-14)``) describes the cells of
#: that stage (progenitors on the way to the page's entity): its bullets' facts are the entity's
#: *at that stage*, with the stage heading as statement qualifier (``kgv:protocolStage`` under a
#: protocol / differentiation heading, else ``kgv:stage``), never bare facts of the entity: read
#: by ``prose.stage``, whose statements are recorded but not asserted (Assertion.conditional)
_STAGE = re.compile(r"^\s*stage\s*\d", re.I)


def _stage_of(ctx: ExtractionContext, section_id: str | None) -> tuple[tuple[str, Value], ...]:
    heading = next((s.heading for s in ctx.parsed.sections if s.id == section_id), "")
    if not heading or not _STAGE.match(heading):
        return ()
    around = headings(section_index(ctx.parsed), section_id)
    prop = p.PROTOCOL_STAGE if any(PROTOCOL.search(h) for h in around) else p.STAGE
    return ((prop, Value(value=heading.strip())),)


def _names_itself(ctx: ExtractionContext, b: Bullet, sub: SectionSubject) -> bool:
    return any(f.term.iri == sub.term.iri for f in _mentions(ctx, b.text)) and not any(
        b.text.lower().startswith(n.lower()) for n in sub.names
    )


def _keyed(
    ctx: ExtractionContext,
    ev: Evidence,
    key: str,
    value: str,
    subject: Term,
    rule_name: str,
    category: str,
) -> Iterator[Assertion]:
    """``- Treatment: ... (nusinersen, onasemnogene abeparvovec, risdiplam)``."""
    rule = _BY_NAME[rule_name]
    inner = re.findall(r"\(([^()]*)\)", value) if rule_name == "treats" else []
    value = re.sub(r"\s*\([^()]*\)", "", value) if not inner else value
    names = [n for part in (inner or [value]) for n in split_list(part)]
    for name in names:
        name = place_name(name) if category == cat.ANATOMY else name
        term = ctx.ground(name, category)
        s, o = subject, term
        if not _fits(rule.subjects, s) and _fits(rule.subjects, o):
            s, o = o, s
        if _fits(rule.subjects, s) and _fits(rule.objects, o):
            yield from _fact(ctx, rule, s, o, ev, key or rule.name)


__all__ = ["RULES", "Rule", "clause_facts", "line_span"]
