"""``kg export --format sssom``: every name grounding decision of a build as an SSSOM table.

One row per distinct (name as the page wrote it, id, kind of match, vocabulary release), read
from the statements (``kgv:subjectName``/``kgv:objectName``, ``kgv:subjectMatch``/
``kgv:objectMatch`` and ``kgv:subjectSource``/``kgv:objectSource``, docs/rdf-layout.md):

* ``subject_id`` the name's mention CURIE (``kg:mention-<slug>``: one id per normalised name),
  ``subject_label`` the name, ``predicate_id`` ``skos:exactMatch``, ``object_id`` and
  ``object_label`` (the vocabulary's label, from the terms graph);
* ``mapping_justification`` ``semapv:LexicalMatching`` for matches made in a vocabulary or an
  ontology, ``semapv:ManualMappingCuration`` for the curated and the user's lexicons;
* ``object_match_field`` ``rdfs:label``, ``oboInOwl:hasExactSynonym`` or ``skos:altLabel``
  (aliases and previous gene symbols); ``object_source_version`` the release; ``mapping_tool``
  kg and its version; ``comment`` kg's own match kind.

The YAML header carries the ``curie_map`` of every prefix used, a ``mapping_set_id`` and the
SSSOM "unspecified" licence (the names come from wiki pages whose licence kg does not know).
Same dataset, same bytes (rows sorted).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg import __version__
from kg import vocab as v

COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "object_match_field",
    "object_source_version",
    "mapping_tool",
    "comment",
)
MAPPING_SET_ID = "https://scidex.ai/kg/mappings/kg-groundings.sssom.tsv"
LICENSE = "https://w3id.org/sssom/license/unspecified"
_FIELD = {
    "exact-label": "rdfs:label",
    "exact-synonym": "oboInOwl:hasExactSynonym",
    "alias": "skos:altLabel",
}
_MANUAL = ("kg curated lexicon", "--lexicon ")
_EXTRA_PREFIXES = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
}
_ENDS = (
    (v.RDF_SUBJECT, v.SUBJECT_NAME, v.SUBJECT_MATCH, v.SUBJECT_SOURCE),
    (v.RDF_OBJECT, v.OBJECT_NAME, v.OBJECT_MATCH, v.OBJECT_SOURCE),
)


def mapping_rows(quads: Iterable[ox.Quad]) -> list[tuple[str, ...]]:
    """The rows of the module docstring (without the header)."""
    statements: dict[str, dict[str, str]] = {}
    labels: dict[str, str] = {}
    wanted = {p for end in _ENDS for p in end}
    for q in quads:
        pred = q.predicate.value
        if not isinstance(q.subject, ox.NamedNode):
            continue
        if pred == v.PREF_LABEL and isinstance(q.object, ox.Literal):
            labels.setdefault(q.subject.value, q.object.value)
        elif pred in wanted:
            obj = q.object
            value = obj.value if isinstance(obj, ox.NamedNode | ox.Literal) else str(obj)
            statements.setdefault(q.subject.value, {})[pred] = value
    rows: set[tuple[str, ...]] = set()
    for st in statements.values():
        for node_p, name_p, match_p, source_p in _ENDS:
            name, source, node = st.get(name_p), st.get(source_p), st.get(node_p)
            if not name or not source or not node:
                continue
            object_id = v.compress(node)
            if object_id is None:
                continue
            match = st.get(match_p, "")
            manual = source.startswith(_MANUAL)
            rows.add(
                (
                    _curie(v.mention_iri(name)),
                    name,
                    "skos:exactMatch",
                    object_id,
                    labels.get(node, ""),
                    "semapv:ManualMappingCuration" if manual else "semapv:LexicalMatching",
                    _FIELD.get(match, ""),
                    source,
                    f"kg {__version__}",
                    match,
                )
            )
    return sorted(rows)


def _curie(iri: str) -> str:
    return v.compress(iri) or iri


def write_sssom(quads: Iterable[ox.Quad], out: BinaryIO) -> None:
    rows = mapping_rows(quads)
    used = {c.split(":", 1)[0] for r in rows for c in (r[0], r[3]) if ":" in c}
    prefixes = {p: iri for p, iri in v.PREFIX_MAP.items() if p in used}
    prefixes.update(_EXTRA_PREFIXES)
    head = [
        "#curie_map:",
        *(f"#  {p}: {json.dumps(prefixes[p])}" for p in sorted(prefixes)),
        f"#mapping_set_id: {json.dumps(MAPPING_SET_ID)}",
        f"#license: {json.dumps(LICENSE)}",
    ]
    lines = [*head, "\t".join(COLUMNS), *("\t".join(_clean(c) for c in r) for r in rows)]
    out.write(("\n".join(lines) + "\n").encode("utf-8"))


def _clean(cell: str) -> str:
    return " ".join(cell.replace("\t", " ").split())


def write_sssom_file(dataset: Path, out: BinaryIO) -> None:
    with dataset.open("rb") as fh:
        write_sssom(ox.parse(fh, format=ox.RdfFormat.N_QUADS), out)
