"""Measure kg's extraction against the curator list (benchmarks/curator/facts.tsv).

    PYTHONPATH=$PWD python benchmarks/curator_recall.py [--unlisted]

Builds (extracts) the listed pages with the shipped grounder, then prints:

* recall of the listed facts, structured and prose (negated facts are excluded from recall:
  they must *not* be asserted, and an asserted one is counted as a wrong fact);
* precision of the entity-to-entity facts kg adds on those pages: a kg fact that matches a
  listed fact is correct; one that matches nothing is *unlisted* and printed for a human to
  judge (``--unlisted`` prints all of them);
* citation-link accuracy: for every listed fact with citation keys, and every kg statement
  carrying a reference on the listed pages, whether the statement -> reference link is right
  (a link is right when the curator lists that key for a fact the statement matches; a marker
  of ``unattached.tsv`` attached to any statement is wrong).

Facts match by normalised names (a term's page name, its parts ``A (B)``, its lexicon /
ontology label, synonyms and aliases, and the shipped vocabularies' labels and synonyms of its
id) and by a small relation-equivalence table; the line the
curator gives must lie inside the evidence's line range.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from kg import vocab as v  # noqa: E402
from kg.extract import extract_page  # noqa: E402
from kg.extract.model import Assertion, PageExtraction, Term  # noqa: E402
from kg.ground import Grounder  # noqa: E402
from kg.pages import read_page  # noqa: E402
from kg.parse import parse_page  # noqa: E402
from kg.vocab import terms as p  # noqa: E402

PAGES = {
    "000": ROOT / "seeds/000_249a800520ed50d9.txt",
    "001": ROOT / "seeds/001_fc51c25c67a0d5c9.txt",
}
FIXTURES = ROOT / "tests/fixtures/pages"

RO = "http://purl.obolibrary.org/obo/"
BL = "https://w3id.org/biolink/vocab/"
#: curator relation -> predicate IRIs that state it (same direction), and those that state it
#: with subject and object swapped.
RELATIONS: dict[str, tuple[set[str], set[str]]] = {
    "expresses": ({p.EXPRESSES}, {p.EXPRESSED_IN, BL + "biomarker_for"}),
    "expressed_in": ({p.EXPRESSED_IN}, {p.EXPRESSES}),
    "marks": ({BL + "biomarker_for"}, {p.EXPRESSES}),
    "located_in": ({p.HAS_SOMA_LOCATION, p.LOCATED_IN, p.PART_OF}, set()),
    "in_taxon": ({p.PRESENT_IN_TAXON, RO + "RO_0002162"}, set()),
    "lineage": ({getattr(p, "STATED_SUBCLASS_OF", p.SUBCLASS_OF), p.SUBCLASS_OF}, set()),
    "develops_from": ({p.DEVELOPS_FROM}, set()),
    "causes": ({p.CAUSES_CONDITION, p.CONTRIBUTES_TO, BL + "causes"}, set()),
    "treats": ({p.IS_SUBSTANCE_THAT_TREATS, BL + "treats", RO + "RO_0003307"}, set()),
    "targets": ({p.MOLECULARLY_INTERACTS_WITH, RO + "RO_0012006", BL + "target_for"}, set()),
    "inhibits": ({RO + "RO_0012006", p.NEGATIVELY_REGULATES}, set()),
    "affects": ({p.DISEASE_HAS_LOCATION, BL + "affects"}, set()),
    "associated_with": (
        {
            BL + "associated_with",
            p.BL_GENE_ASSOCIATED_WITH_CONDITION,
            BL + "related_to",
            p.CONTRIBUTES_TO,
            p.CAUSES_CONDITION,
            BL + "predisposes_to_condition",
        },
        set(),
    ),
    "risk_factor_for": ({BL + "predisposes_to_condition", p.CONTRIBUTES_TO}, set()),
    "model_of": ({RO + "RO_0003301", BL + "model_of"}, set()),
    "has_part": ({RO + "BFO_0000051", BL + "has_part"}, {p.PART_OF}),
}
#: relations with no RO term in kg: any entity-to-entity predicate whose page label carries the word.
LOOSE = {
    "innervates": "innervat",
    "myelinated_by": "myelinat",
    "required_for": "requir",
    "protocol_uses": "",
}
#: predicates that are not entity-to-entity facts (types, labels, identifiers, page metadata).
NOT_FACTS = {
    p.RDF_TYPE,
    p.RDFS_LABEL,
    p.UNGROUNDED,
    p.DCTERMS_IDENTIFIER,
    p.SAME_AS,
    p.RDFS_SEE_ALSO,
    p.FOAF_PRIMARY_TOPIC,
    p.CITATION_KEY,
    p.SKOS_EXACT_MATCH,
    p.SKOS_CLOSE_MATCH,
}
#: curator names that the page's own entity answers to
ENTITY_NAMES = {
    "000": {"motor neuron"},
    "001": {"ipsc-derived motor neuron"},
    "cite_shell": {"microglia"},
    "gene_infobox": {"trem2"},
    "therapeutic_infobox": {"tofersen"},
    "citations": {"upper motor neuron"},
}
#: curator spelling -> other spellings a page may use
SYNONYMS = {
    "als": {"amyotrophic lateral sclerosis", "sod1-als"},
    "bcl11b": {"ctip2"},
    "mnx1": {"hb9"},
    "aif1": {"iba1"},
    "slc1a2": {"eaat2", "glt-1"},
    "cacna1a": {"cav2.1"},
    "smi-32": {"nefh", "neurofilament"},
    "induced pluripotent stem cell": {"ipsc", "ipscs", "induced pluripotent stem cells"},
    "central nervous system": {"cns"},
    "spinal muscular atrophy": {"sma"},
    "alzheimer disease": {"alzheimer's disease", "alzheimers disease"},
    "myeloid cell": {"myeloid cells"},
    "nkx2-2": {"nkx2.2"},
    "retinoic acid": {"ra"},
    "oculomotor nucleus": {"oculomotor"},
    "trochlear nucleus": {"trochlear"},
    "trigeminal motor nucleus": {"trigeminal motor"},
    "abducens nucleus": {"abducens"},
    "facial nucleus": {"facial"},
    "nucleus ambiguus": {"ambiguus"},
    "accessory nucleus": {"accessory (spinal)", "accessory"},
    "hypoglossal nucleus": {"hypoglossal"},
    "kennedy disease": {"kennedy disease (x-linked sbma)", "x-linked sbma", "sbma"},
    "upper motor neuron": {"umn", "umns", "upper motor neurons (umns)"},
    "lower motor neuron": {"lmn", "lmns", "lower motor neurons (lmns)"},
    "glutamatergic neuron": {"glutamatergic"},
    "antisense oligonucleotide": {"antisense oligonucleotides", "asos", "aso"},
    "primary lateral sclerosis": {"primary lateral sclerosis (pls)", "pls"},
    "progressive muscular atrophy": {"progressive muscular atrophy (pma)", "pma"},
    "extrafusal muscle fiber": {"extrafusal muscle"},
    "intrafusal muscle fiber": {"intrafusal muscle", "muscle spindle"},
    "tofersen": {"tofersen (sod1-als)"},
    "mouse": {"mus musculus"},
    "human": {"homo sapiens"},
}


#: vocabulary name kinds that name the id itself (not an alias or a previous symbol)
_NAME_KINDS = frozenset({"label", "synonym", "symbol"})


def norm(text: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "", text.lower())
    return text[:-1] if text.endswith("s") and len(text) > 3 else text


@dataclass(frozen=True)
class Fact:
    page: str
    line: int
    subject: str
    relation: str
    object: str
    kind: str
    citations: tuple[str, ...]
    qualifier: str


def read_facts(path: Path) -> list[Fact]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [
        Fact(
            page=r["page"],
            line=int(r["line"]),
            subject=r["subject"],
            relation=r["relation"],
            object=r["object"],
            kind=r["kind"],
            citations=tuple((r["citations"] or "").split()),
            qualifier=(r["qualifier"] or "").strip(),
        )
        for r in rows
    ]


def page_path(page: str) -> Path:
    return PAGES.get(page) or FIXTURES / f"{page}.txt"


def curator_names(name: str) -> set[str]:
    low = name.lower()
    return {norm(n) for n in {low, *SYNONYMS.get(low, set())}}


class Names:
    """Every name a kg term answers to."""

    def __init__(self, grounder: Grounder):
        self.g = grounder

    def of(self, term: Term, entity: Term | None, page: str) -> set[str]:
        out: set[str] = set()
        for n in (term.label or "",):
            out.add(norm(n))
            m = re.match(r"^(.*?)\s*\((.*)\)\s*$", n)
            if m:
                out.update({norm(m[1]), norm(m[2])})
        curie = v.compress(term.iri)
        if curie:
            out.add(norm(curie))
            entry = self.g.lexicon.get(curie)
            if entry:
                out.update(norm(x) for x in (entry.label, *entry.synonyms, *entry.aliases))
            label = self.g._label(curie)
            if label:
                out.add(norm(label))
        return self._own(term, entity, page, out)

    def grounds_to(self, name: str, term: Term) -> bool:
        """Whether a curator name is a label or synonym of the term's id in the shipped
        vocabularies (``motor cortex`` is UBERON:0001384 primary motor cortex's synonym there)."""
        curie = v.compress(term.iri)
        if not curie or self.g.vocab is None:
            return False
        found = self.g.vocab.find(name)
        return any(c == curie and kind in _NAME_KINDS and not ctx for c, kind, _, ctx in found)

    def _own(self, term: Term, entity: Term | None, page: str, out: set[str]) -> set[str]:
        if entity is not None and term.iri == entity.iri:
            out.update(norm(x) for x in ENTITY_NAMES.get(page, ()))
        out.discard("")
        return out


def entity_facts(ex: PageExtraction) -> list[Assertion]:
    return [
        a
        for a in ex.assertions
        if isinstance(a.object, Term)
        and a.predicate not in NOT_FACTS
        and not a.object.iri.startswith("https://scidex.ai/artifact")
        and "/ref-" not in a.object.iri
        and a.subject.iri != ex.page_iri
    ]


def lines_of(a: Assertion) -> set[int]:
    return {n for e in a.evidence for n in range(e.span.first_line, e.span.last_line + 1)}


def refs_of(a: Assertion) -> set[str]:
    return {r for e in a.evidence for r in e.references}


def negated(a: Assertion) -> bool:
    return any(q[0].endswith("negated") and q[1].value == "true" for q in a.qualifiers)


def matches(f: Fact, a: Assertion, names: Names, ex: PageExtraction) -> bool:
    if f.line not in lines_of(a):
        return False
    s_names = names.of(a.subject, ex.entity, f.page)
    o_names = names.of(a.object, ex.entity, f.page)  # type: ignore[arg-type]
    fs, fo = curator_names(f.subject), curator_names(f.object)
    s_ok = bool(fs & s_names) or names.grounds_to(f.subject, a.subject)
    o_ok = bool(fo & o_names) or names.grounds_to(f.object, a.object)  # type: ignore[arg-type]
    if f.relation in RELATIONS:
        same, swapped = RELATIONS[f.relation]
        if a.predicate in same and s_ok and o_ok:
            return True
        return a.predicate in swapped and (
            (bool(fs & o_names) or names.grounds_to(f.subject, a.object))  # type: ignore[arg-type]
            and (bool(fo & s_names) or names.grounds_to(f.object, a.subject))
        )
    word = LOOSE.get(f.relation, f.relation)
    label = (a.relation_label or "").lower()
    return s_ok and o_ok and word in label


def measure(facts: list[Fact], show_unlisted: bool) -> dict[str, float]:
    grounder = Grounder.load()
    names = Names(grounder)
    pages = sorted({f.page for f in facts})
    found = {"structured": [0, 0], "prose": [0, 0]}
    added_ok = added = wrong_neg = 0
    link_ok = link_total = 0
    unlisted: list[str] = []
    missed: list[str] = []
    bad_links: list[str] = []
    for page in pages:
        path = page_path(page)
        doc = read_page(path)
        ex = extract_page(doc, parse_page(doc), grounder)
        kg = entity_facts(ex)
        listed = [f for f in facts if f.page == page]
        used: set[int] = set()
        for f in listed:
            hits = [a for a in kg if matches(f, a, names, ex)]
            if f.qualifier == "negated":
                bad = [a for a in hits if not negated(a)]
                wrong_neg += bool(bad)
                used.update(id(a) for a in hits)
                continue
            ok = [a for a in hits if not negated(a)]
            found[f.kind][1] += 1
            if ok:
                found[f.kind][0] += 1
            else:
                missed.append(f"  {page}:{f.line} {f.subject} {f.relation} {f.object} ({f.kind})")
            used.update(id(a) for a in hits)
            for key in f.citations:  # listed links: the matched statement carries the key
                link_total += 1
                link_ok += any(key in refs_of(a) for a in ok)
        # links kg makes: each (statement, key) must be a listed link of a fact it matches;
        # a marker of unattached.tsv on any statement is such a wrong link
        for a in kg:
            for key in sorted(refs_of(a)):
                if not any(key in f.citations and matches(f, a, names, ex) for f in listed):
                    link_total += 1
                    bad_links.append(f"  {page}: [@{key}] on {_show(a)}")
        for a in kg:
            if negated(a):
                continue
            added += 1
            if id(a) in used:
                added_ok += 1
            else:
                unlisted.append(f"  {page}: {_show(a)}")
    for kind, (hit, total) in found.items():
        print(f"recall {kind:10s} {hit:3d}/{total:3d} = {hit / max(total, 1):6.1%}")
    print(f"negated facts asserted as true: {wrong_neg}")
    print(
        f"precision (kg facts matching the list) {added_ok}/{added} = {added_ok / max(added, 1):6.1%}"
    )
    print(f"citation links right {link_ok}/{link_total} = {link_ok / max(link_total, 1):6.1%}")
    print(f"\nwrong citation links ({len(bad_links)}):")
    print("\n".join(bad_links))
    print(f"\nunlisted kg facts ({len(unlisted)}), for a human to judge:")
    print("\n".join(unlisted if show_unlisted else unlisted[:40]))
    print(f"\nmissed listed facts ({len(missed)}):")
    print("\n".join(missed))
    return {
        "structured": found["structured"][0] / max(found["structured"][1], 1),
        "prose": found["prose"][0] / max(found["prose"][1], 1),
        "precision": added_ok / max(added, 1),
        "links": link_ok / max(link_total, 1),
    }


def _show(a: Assertion) -> str:
    o = a.object
    lines = sorted(lines_of(a))
    span = f"{lines[0]}-{lines[-1]}" if lines else "?"
    label = f' "{a.relation_label}"' if a.relation_label else ""
    return (
        f"{a.subject.label or v.compress(a.subject.iri)} <{v.compress(a.predicate) or a.predicate}>"
        f"{label} {getattr(o, 'label', None) or v.compress(o.iri) or o.iri} [{span}]"  # type: ignore[union-attr]
    )


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--unlisted", action="store_true", help="print every unlisted fact")
    args = ap.parse_args(list(argv) if argv is not None else None)
    measure(read_facts(HERE / "curator/facts.tsv"), args.unlisted)


if __name__ == "__main__":
    main()
