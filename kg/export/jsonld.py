"""Compact JSON-LD: one node object per subject per named graph, CURIEs for every IRI the
project prefixes cover, and an inline ``@context`` (never a remote one).

Linear in the number of quads and deterministic (sorted graphs, subjects, properties, values).
Prefixes whose IRI does not end in a gen-delim character (``CL_``) are declared with
``"@prefix": true``, which JSON-LD 1.1 needs to expand ``CL:0000100``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg import vocab as v
from kg.vocab import PREFIX_MAP, compress

_GEN_DELIMS = (":", "/", "?", "#", "[", "]", "@")
_XSD_STRING = v.XSD_STRING


def context() -> dict[str, Any]:
    ctx: dict[str, Any] = {}
    for prefix, iri in sorted(PREFIX_MAP.items()):
        ctx[prefix] = iri if iri.endswith(_GEN_DELIMS) else {"@id": iri, "@prefix": True}
    return ctx


def _id(term: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    if isinstance(term, ox.Triple):  # RDF 1.2 triple terms: kg never writes them
        raise TypeError("triple terms are not supported in JSON-LD output")
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return compress(term.value) or term.value


def _value(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"@value": term.value}
        if term.language:
            out["@language"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["@type"] = _id(term.datatype)
        return out
    return {"@id": _id(term)}


def _sort_key(v: dict[str, Any]) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def write_jsonld(quads: Iterable[ox.Quad], out: BinaryIO) -> None:
    graphs: dict[str, dict[str, dict[str, list[dict[str, Any]]]]] = {}
    for q in quads:
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else _id(q.graph_name)
        node = graphs.setdefault(g, {}).setdefault(_id(q.subject), {})
        if q.predicate.value == v.RDF_TYPE and not isinstance(q.object, ox.Literal):
            node.setdefault("@type", []).append(_id(q.object))  # type: ignore[arg-type]
        else:
            node.setdefault(_id(q.predicate), []).append(_value(q.object))
    top: list[dict[str, Any]] = []
    for g in sorted(graphs):
        nodes = []
        for subject in sorted(graphs[g]):
            props = graphs[g][subject]
            obj: dict[str, Any] = {"@id": subject}
            for key in sorted(props):
                values = props[key]
                obj[key] = sorted(values) if key == "@type" else sorted(values, key=_sort_key)
            nodes.append(obj)
        if g:
            top.append({"@id": g, "@graph": nodes})
        else:
            top.extend(nodes)
    doc = {"@context": context(), "@graph": top}
    out.write(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8"))
    out.write(b"\n")
