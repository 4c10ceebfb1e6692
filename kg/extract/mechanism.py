"""What a drug's mechanism of action says it acts on, and what a drug's name says it is for.

Shared by the ``Drug | Mechanism`` sub-table (kg.extract.subtables) and ``- Mechanism: ...``
bullets (kg.extract.prose); it registers nothing. The wording gives the relation, with the
relation table of kg.extract.relations:

* a gene or protein the mechanism names (``SOD1 mRNA degradation via RNase H``) is the
  drug's target: ``targets gene`` (RO:0002436 molecularly interacts with); with an inhibition
  word (``inhibition``, ``inhibitor``, ``antagonist``, ``blocker``) ``inhibits`` (RO:0002212);
* ``X inhibition`` / ``X inhibitor`` / ``inhibits X`` naming no gene: the drug inhibits X
  (``Glutamate inhibition`` -> riluzole inhibits glutamate; X grounded as a gene, protein or
  chemical, else a chemical mention);
* a mechanism naming neither (``Free radical scavenger``, ``Antisense oligonucleotide``) states
  no drug -> thing fact.

A drug's name may carry what it is for in parentheses: ``Tofersen (SOD1-ALS)`` names the
disease it treats, and in the ``GENE-disease`` form (``SOD1-ALS``, the ALS of SOD1 carriers)
the gene it targets as well. A bracket that grounds as neither (``AMX0035 (Relyvrio)``, a
brand name) states nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import categories as cat
from kg.extract.context import ExtractionContext
from kg.extract.model import Assertion, Evidence, Match, Term
from kg.extract.relations import Relation, relation_for

GENES = (cat.GENE, cat.PROTEIN)
_INHIBIT = r"inhibit(?:s|ion|ors?|ing)?|antagonists?|blockers?|blockade|blocks?"
_INHIBITS = re.compile(rf"\b(?:{_INHIBIT})\b", re.I)
#: ``Glutamate inhibition``, ``NMDA receptor antagonist``: the thing, then the action noun
_THING_FIRST = re.compile(rf"^(?P<thing>[\w\-/ ]{{1,40}}?)\s+(?:{_INHIBIT})$", re.I)
#: ``Inhibits glutamate release``, ``Inhibition of SOD1``: the action, then the thing
_ACTION_FIRST = re.compile(rf"^(?:{_INHIBIT})(?:\s+of)?\s+(?P<thing>[\w\-/ ]{{1,40}}?)$", re.I)
#: a word written like a gene symbol (``SOD1``, ``C9orf72``, ``TREM2``, ``APP``)
_SYMBOL = re.compile(r"\b[A-Za-z0-9]*[A-Z][A-Za-z0-9\-]*\b")
_PAREN = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<inner>[^()]+)\)\s*$")
_GENE_DISEASE = re.compile(r"^(?P<gene>[A-Za-z0-9]+)-(?P<disease>.+)$")


def _named_genes(ctx: ExtractionContext, text: str) -> list[Term]:
    """Genes and proteins the text names by symbol (page order, each once)."""
    out: list[Term] = []
    for m in _SYMBOL.finditer(text):
        word = m.group(0)
        if len(word) < 2 or not (word.isupper() or any(ch.isdigit() for ch in word)):
            continue
        found = ctx.grounder.ground_name(word, category=cat.GENE)
        if found.match is Match.UNGROUNDED or found.category not in GENES:
            continue
        term = ctx.ground(word, found.category)
        if all(t.iri != term.iri for t in out):
            out.append(term)
    return out


def mechanism_targets(ctx: ExtractionContext, text: str) -> list[tuple[Relation, Term]]:
    """(relation, thing) for each thing a mechanism of action says the drug acts on."""
    text = " ".join(text.split()).strip(" .")
    if not text:
        return []
    inhibits = bool(_INHIBITS.search(text))
    rel = relation_for("inhibits" if inhibits else "targets gene")
    genes = _named_genes(ctx, text)
    if genes:
        return [(rel, g) for g in genes]
    m = _THING_FIRST.match(text) or _ACTION_FIRST.match(text)
    if m is None or _INHIBITS.search(m["thing"]):
        return []
    thing = ctx.ground_any(m["thing"], (cat.GENE, cat.PROTEIN, cat.CHEMICAL), cat.CHEMICAL)
    return [(rel, thing)]


def mechanism_facts(
    ctx: ExtractionContext, drug: Term, text: str, ev: Evidence
) -> Iterator[Assertion]:
    """The drug -> thing facts of one mechanism of action (see the module docstring)."""
    for rel, thing in mechanism_targets(ctx, text):
        if thing.iri == drug.iri:
            continue
        yield from ctx.describe(thing, ev)
        yield ctx.fact(drug, rel.predicate, thing, ev, biolink=rel.biolink, label=text.strip())


def name_facts(ctx: ExtractionContext, drug: Term, name: str, ev: Evidence) -> Iterator[Assertion]:
    """``Tofersen (SOD1-ALS)``: the drug treats the disease, and targets the gene, it names."""
    m = _PAREN.match(" ".join(name.split()))
    if m is None:
        return
    inner = m["inner"].strip()
    disease, gene = _disease(ctx, inner), None
    split = _GENE_DISEASE.match(inner)
    if split:
        gene = _gene(ctx, split["gene"])
        disease = disease or (_disease(ctx, split["disease"]) if gene else None)
    if disease is not None:
        treats = relation_for("treats")
        yield from ctx.describe(disease, ev)
        yield ctx.fact(drug, treats.predicate, disease, ev, biolink=treats.biolink, label=inner)
    if gene is not None and disease is not None:
        target = relation_for("targets gene")
        yield from ctx.describe(gene, ev)
        yield ctx.fact(drug, target.predicate, gene, ev, biolink=target.biolink, label=inner)


def _disease(ctx: ExtractionContext, name: str) -> Term | None:
    term = ctx.ground(name, cat.DISEASE)
    return term if term.match is not Match.UNGROUNDED and term.category == cat.DISEASE else None


def _gene(ctx: ExtractionContext, name: str) -> Term | None:
    term = ctx.ground(name, cat.GENE)
    return term if term.match is not Match.UNGROUNDED and term.category in GENES else None
