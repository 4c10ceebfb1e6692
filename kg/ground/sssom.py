"""User lexicons: ``kg build --lexicon FILE``, an SSSOM mapping table (TSV).

Required columns: ``subject_label`` (the name as pages write it), ``object_id`` (a CURIE kg
knows the prefix of), ``predicate_id`` and ``mapping_justification``; optional
``object_label`` and ``object_category`` (a Biolink CURIE; else the prefix decides). Lines
starting with ``#`` (SSSOM's YAML metadata block) are skipped. Only ``skos:exactMatch`` rows
ground names; rows with the other SKOS mapping predicates are read and left unused (a
broader or related concept is not the same entity); any other predicate is an error, as is a
row with a missing value or an unknown prefix, each naming the file and line. A user lexicon
wins over the shipped ones (``kg.ground.grounder``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from kg import vocab as v
from kg.errors import InputError
from kg.ground.categories import category_iri, prefix_category
from kg.ground.lexicon import Lexicon, LexiconEntry

REQUIRED = ("subject_label", "object_id", "predicate_id", "mapping_justification")
EXACT = "skos:exactMatch"
OTHER_SKOS = frozenset(
    {"skos:closeMatch", "skos:broadMatch", "skos:narrowMatch", "skos:relatedMatch"}
)


def read_sssom_lexicon(path: Path) -> Lexicon:
    """The exact-match rows of an SSSOM TSV as a lexicon (see the module docstring)."""
    name = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the lexicon ({exc})", path=name) from exc
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln and not ln.startswith("#")]
    if not lines:
        raise InputError("the lexicon has no header row", path=name, line=1)
    header = lines[0][1].split("\t")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            f"an SSSOM lexicon needs the columns {', '.join(REQUIRED)}; missing {', '.join(missing)}",
            path=name,
            line=lines[0][0],
        )
    reader = csv.DictReader([ln for _, ln in lines], delimiter="\t", quoting=csv.QUOTE_NONE)
    names: dict[str, list[str]] = {}
    meta: dict[str, tuple[str, str, str]] = {}
    for (number, _), row in zip(lines[1:], reader, strict=True):
        values = {k: (row.get(k) or "").strip() for k in header}
        if any(not values[c] for c in REQUIRED):
            raise InputError(
                f"empty {', '.join(c for c in REQUIRED if not values[c])}", path=name, line=number
            )
        pred = values["predicate_id"]
        if pred in OTHER_SKOS:
            continue
        if pred != EXACT:
            raise InputError(
                f"predicate_id {pred!r}: only {EXACT} (and the other SKOS mapping predicates, "
                "which are not used for grounding) are understood",
                path=name,
                line=number,
            )
        curie = values["object_id"]
        try:
            v.expand(curie)
        except ValueError as exc:
            raise InputError(f"unknown prefix in {curie!r}", path=name, line=number) from exc
        given = values.get("object_category", "")
        category = category_iri(given) if given else prefix_category(curie)
        if category is None:
            raise InputError(
                f"cannot tell the category of {curie!r}: add an object_category column",
                path=name,
                line=number,
            )
        names.setdefault(curie, []).append(values["subject_label"])
        if curie not in meta:
            label = values.get("object_label") or values["subject_label"]
            meta[curie] = (label, category, f"{name}:{number} {values['mapping_justification']}")
    entries = []
    for curie, labels in names.items():
        label, category, source = meta[curie]
        synonyms = tuple(dict.fromkeys(x for x in labels if x != label))
        entries.append(
            LexiconEntry(
                curie=curie,
                label=label,
                category=category,
                synonyms=synonyms,
                source=source,
                where=source.split(" ", 1)[0],
            )
        )
    return Lexicon.build(entries)
