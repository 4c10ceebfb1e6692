"""A streaming reader for OWL ontologies in RDF/XML (the form OBO releases and ROBOT write).

It reads the file with :func:`xml.etree.ElementTree.iterparse`, one top-level element at a
time, and keeps only what grounding needs: ``rdfs:label``, ``IAO:0000115`` definitions,
``oboInOwl`` exact/related/narrow/broad synonyms, named ``rdfs:subClassOf`` parents (and the
named genus of an ``owl:equivalentClass`` intersection, which is a superclass too),
``owl:deprecated`` and ``IAO:0100001`` (term replaced by). Anonymous restrictions are skipped.

``owl:imports`` are recorded in the header and **never followed**: the reader opens exactly
one local file and nothing else (expat does not fetch external entities or DTDs, and a file
declaring one is refused first by :func:`kg.ground.xml_safety.refuse_external_entities`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from kg import vocab as v
from kg.errors import InputError
from kg.ground.model import MODULE_MARKER, OntologyClass, OntologyHeader
from kg.ground.xml_safety import refuse_external_entities

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_T_DEPRECATED = v.clark(v.OWL, v.DEPRECATED)
_T_IAO_DEFINITION = v.clark(v.OBO, v.IAO_DEFINITION)
_T_IAO_REPLACED_BY = v.clark(v.OBO, v.IAO_REPLACED_BY)
_T_OIO_HAS_BROAD_SYNONYM = v.clark(v.OIO, v.OIO_HAS_BROAD_SYNONYM)
_T_OIO_HAS_EXACT_SYNONYM = v.clark(v.OIO, v.OIO_HAS_EXACT_SYNONYM)
_T_OIO_HAS_NARROW_SYNONYM = v.clark(v.OIO, v.OIO_HAS_NARROW_SYNONYM)
_T_OIO_HAS_RELATED_SYNONYM = v.clark(v.OIO, v.OIO_HAS_RELATED_SYNONYM)
_T_OWL_CLASS = v.clark(v.OWL, v.OWL_CLASS)
_T_OWL_EQUIVALENT_CLASS = v.clark(v.OWL, v.OWL_EQUIVALENT_CLASS)
_T_OWL_IMPORTS = v.clark(v.OWL, v.OWL_IMPORTS)
_T_OWL_INTERSECTION_OF = v.clark(v.OWL, v.OWL_INTERSECTION_OF)
_T_OWL_ONTOLOGY = v.clark(v.OWL, v.OWL_ONTOLOGY)
_T_OWL_VERSION_INFO = v.clark(v.OWL, v.OWL_VERSION_INFO)
_T_OWL_VERSION_IRI = v.clark(v.OWL, v.OWL_VERSION_IRI)
_T_RDFS_LABEL = v.clark(v.RDFS, v.RDFS_LABEL)
_T_RDF_DESCRIPTION = v.clark(v.RDF, v.RDF_DESCRIPTION)
_T_RDF_RDF = v.clark(v.RDF, v.RDF_RDF)
_T_RDF_TYPE = v.clark(v.RDF, v.RDF_TYPE)
_T_SUBCLASS_OF = v.clark(v.RDFS, v.SUBCLASS_OF)
_ABOUT = v.clark(v.RDF, v.RDF_ABOUT)
_RESOURCE = v.clark(v.RDF, v.RDF_RESOURCE)
_MODULE_TAG = "{" + MODULE_MARKER.replace("#", "#}")
_TITLES = ("{http://purl.org/dc/elements/1.1/}title", "{http://purl.org/dc/terms/}title")
_SYNONYMS = {
    _T_OIO_HAS_EXACT_SYNONYM: "exact",
    _T_OIO_HAS_RELATED_SYNONYM: "related",
    _T_OIO_HAS_NARROW_SYNONYM: "narrow",
    _T_OIO_HAS_BROAD_SYNONYM: "broad",
}


@dataclass(slots=True)
class _Draft:
    """A class being collected (a class may be described in several top-level blocks)."""

    labels: list[tuple[str, str]] = field(default_factory=list)  # (lang, text)
    definition: str | None = None
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    parents: list[str] = field(default_factory=list)
    deprecated: bool = False
    replaced_by: str | None = None

    def label(self) -> str | None:
        """The first label without a language tag or in English, else the first label."""
        preferred = [text for lang, text in self.labels if lang in ("", "en")]
        anything = preferred or [text for _, text in self.labels]
        return anything[0] if anything else None


def read_owl(path: Path) -> tuple[OntologyHeader, tuple[OntologyClass, ...]]:
    """Read an RDF/XML OWL file: its header and every named class."""
    header: OntologyHeader | None = None
    drafts: dict[str, _Draft] = {}
    depth = 0
    root: ET.Element | None = None
    refuse_external_entities(path)
    try:
        for event, elem in ET.iterparse(path, events=("start", "end")):
            if event == "start":
                if root is None:
                    root = elem
                    _check_root(elem, path)
                depth += 1
                continue
            depth -= 1
            if depth != 1:
                continue
            if elem.tag == _T_OWL_ONTOLOGY:
                header = _header(elem)
            elif _is_class(elem):
                _collect(elem, drafts)
            if root is not None:  # always set by the first start event
                root.clear()
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(f"malformed RDF/XML: {exc}", path=path, line=line) from exc
    if header is None and not drafts:
        raise InputError(
            "no owl:Ontology header and no classes: not an OWL ontology in RDF/XML", path=path
        )
    return header or OntologyHeader(), tuple(_finish(iri, d) for iri, d in drafts.items())


def _check_root(elem: ET.Element, path: Path) -> None:
    if elem.tag != _T_RDF_RDF:
        raise InputError(
            f"not an RDF/XML ontology: the root element is <{_local(elem.tag)}>, not <rdf:RDF> "
            "(kg reads OWL in RDF/XML and OBO; convert other syntaxes with ROBOT first)",
            path=path,
            line=1,
        )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_class(elem: ET.Element) -> bool:
    if elem.get(_ABOUT) is None:
        return False
    if elem.tag == _T_OWL_CLASS:
        return True
    return elem.tag == _T_RDF_DESCRIPTION and any(
        c.tag == _T_RDF_TYPE and c.get(_RESOURCE) == v.OWL_CLASS for c in elem
    )


def _header(elem: ET.Element) -> OntologyHeader:
    version_iri = version_info = title = None
    imports: list[str] = []
    is_module = False
    for child in elem:
        if child.tag == _T_OWL_VERSION_IRI:
            version_iri = child.get(_RESOURCE)
        elif child.tag == _T_OWL_VERSION_INFO:
            version_info = (child.text or "").strip() or None
        elif child.tag == _T_OWL_IMPORTS and child.get(_RESOURCE):
            imports.append(child.get(_RESOURCE, ""))
        elif child.tag == _MODULE_TAG:
            is_module = (child.text or "").strip().lower() in ("true", "1")
        elif child.tag in _TITLES and title is None:
            title = (child.text or "").strip() or None
    return OntologyHeader(
        iri=elem.get(_ABOUT),
        version=version_iri or version_info,
        imports=tuple(imports),
        is_module=is_module,
        title=title,
    )


def _collect(elem: ET.Element, drafts: dict[str, _Draft]) -> None:
    draft = drafts.setdefault(elem.get(_ABOUT, ""), _Draft())
    for child in elem:
        tag, text = child.tag, (child.text or "").strip()
        if tag == _T_RDFS_LABEL and text:
            draft.labels.append((child.get(_LANG, ""), text))
        elif tag == _T_IAO_DEFINITION and text and draft.definition is None:
            draft.definition = text
        elif tag in _SYNONYMS and text:
            draft.synonyms.setdefault(_SYNONYMS[tag], []).append(text)
        elif tag == _T_SUBCLASS_OF and child.get(_RESOURCE):
            draft.parents.append(child.get(_RESOURCE, ""))
        elif tag == _T_OWL_EQUIVALENT_CLASS:
            draft.parents.extend(_genus(child))
        elif tag == _T_DEPRECATED:
            draft.deprecated = draft.deprecated or text.lower() in ("true", "1")
        elif tag == _T_IAO_REPLACED_BY:
            draft.replaced_by = child.get(_RESOURCE) or text or draft.replaced_by


def _genus(equivalent: ET.Element) -> list[str]:
    """Named members of ``owl:equivalentClass [ owl:intersectionOf (...) ]``."""
    out: list[str] = []
    for inter in equivalent.iter(_T_OWL_INTERSECTION_OF):
        out.extend(m.get(_ABOUT, "") for m in inter if m.get(_ABOUT))
    return out


def _curie(iri: str) -> str:
    return v.compress_or_iri(iri)


def _finish(iri: str, d: _Draft) -> OntologyClass:
    def uniq(items: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(items))

    me = _curie(iri)
    return OntologyClass(
        curie=me,
        label=d.label(),
        definition=d.definition,
        exact_synonyms=uniq(d.synonyms.get("exact", [])),
        related_synonyms=uniq(d.synonyms.get("related", [])),
        narrow_synonyms=uniq(d.synonyms.get("narrow", [])),
        broad_synonyms=uniq(d.synonyms.get("broad", [])),
        parents=tuple(p for p in uniq([_curie(p) for p in d.parents]) if p != me),
        deprecated=d.deprecated,
        replaced_by=_curie(d.replaced_by) if d.replaced_by else None,
    )
