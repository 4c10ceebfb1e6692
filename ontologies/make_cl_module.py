"""Regenerate kg/data/cl-module.owl: the Cell Ontology terms kg needs by default.

Usage (from the repository root)::

    python ontologies/make_cl_module.py ../shared/ontologies/cl-simple.owl \\
        ../shared/ontologies/cl-2026-08-core.owl \\
        --terms ontologies/terms.txt --out kg/data/cl-module.owl

RELEASE files are OWL (RDF/XML) or OBO Cell Ontology files, in priority order: each id in
``terms.txt`` is copied from the first release that has it, and every Cell Ontology
ancestor of it (``is_a`` closure up to ``cell`` CL:0000000) and its ``replaced by`` target
are added automatically. Labels, definitions, synonyms, direct parents (within the module)
and the obsolete flag are copied as they are in that release. The output is deterministic:
the same releases and term list give the same bytes. ``owl:imports`` of a release are never
followed (no network).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from kg.errors import KgError
from kg.ground.model import OntologyClass
from kg.ground.ontology import OntologyIndex, load_ontology
from kg.ground.owl_writer import module_rdfxml

MODULE_IRI = "https://scidex.ai/kg/cl-module.owl"
OBO = "http://purl.obolibrary.org/obo/"
COMMENT = (
    "A module of the Cell Ontology (CL, http://obofoundry.org/ontology/cl, CC BY 4.0): only the "
    "classes kg needs by default and their is_a ancestors. It is not a full release: an id "
    "it lacks may still exist in CL. Regenerate with ontologies/make_cl_module.py."
)


def read_terms(path: Path) -> list[str]:
    """The ids of a terms file: one per line, ``#`` starts a comment."""
    ids = []
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), start=1):
        token = raw.split("#", 1)[0].strip()
        if not token:
            continue
        if not token.startswith("CL:") or " " in token:
            raise SystemExit(f"{path}:{number}: expected one CL id per line, got {token!r}")
        ids.append(token)
    return ids


def closure(
    seeds: list[str], releases: list[OntologyIndex]
) -> dict[str, tuple[int, OntologyClass]]:
    """Every class to ship, with the index of the release it is copied from."""
    chosen: dict[str, tuple[int, OntologyClass]] = {}
    todo = list(seeds)
    while todo:
        curie = todo.pop()
        if curie in chosen or not curie.startswith("CL:"):
            continue
        found = next(((i, r.get(curie)) for i, r in enumerate(releases) if r.has(curie)), None)
        if found is None or found[1] is None:
            raise SystemExit(f"{curie}: not in any of the releases given")
        chosen[curie] = (found[0], found[1])
        todo.extend(found[1].parents)
        if found[1].replaced_by:
            todo.append(found[1].replaced_by)
    return chosen


def release_name(r: OntologyIndex) -> str:
    return r.version or Path(r.source).name


def build(releases: list[Path], terms: Path) -> str:
    indexes = [load_ontology(p) for p in releases]
    chosen = closure(read_terms(terms), indexes)
    used = sorted({i for i, _ in chosen.values()})
    classes = [
        replace(c, parents=tuple(p for p in c.parents if p in chosen)) for _, c in chosen.values()
    ]
    names = [release_name(indexes[i]) for i in used]
    return module_rdfxml(
        classes,
        ontology_iri=MODULE_IRI,
        version_info="kg CL module of " + " + ".join(n.removeprefix(OBO) for n in names),
        sources=names,
        comment=COMMENT,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("releases", nargs="+", type=Path, help="CL release files, priority order")
    parser.add_argument("--terms", type=Path, default=Path("ontologies/terms.txt"))
    parser.add_argument("--out", type=Path, default=Path("kg/data/cl-module.owl"))
    args = parser.parse_args(argv)
    try:
        text = build(args.releases, args.terms)
    except KgError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    args.out.write_text(text, "utf-8")
    print(f"wrote {args.out} ({text.count('<owl:Class ')} classes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
