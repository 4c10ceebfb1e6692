"""A line reader for OBO 1.4 files (``cl-basic.obo``): the same facts as the OWL reader.

Header: ``data-version`` (the version), ``import`` (recorded, never followed) and
``property_value: kgv:ontologyModule "true" xsd:boolean`` (the module marker). ``[Term]``
stanzas: ``id``, ``name``, ``def``, ``synonym`` (EXACT / RELATED / NARROW / BROAD),
``is_a``, the genus of ``intersection_of``, ``is_obsolete`` and ``replaced_by``. Other
stanzas (``[Typedef]``, ``[Instance]``) and other tags are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.ground.model import MODULE_MARKER, OntologyClass, OntologyHeader

_SCOPES = {"EXACT": "exact", "RELATED": "related", "NARROW": "narrow", "BROAD": "broad"}
_MODULE_NAMES = (MODULE_MARKER, "kgv:ontologyModule")


@dataclass(slots=True)
class _Stanza:
    kind: str
    line: int
    tags: list[tuple[int, str, str]] = field(default_factory=list)  # (line, tag, value)


def read_obo(path: Path) -> tuple[OntologyHeader, tuple[OntologyClass, ...]]:
    """Read an OBO file: its header and every ``[Term]``."""
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=path) from exc
    header_tags, stanzas = _split(text, path)
    if not stanzas and not any(t == "format-version" for _, t, _ in header_tags):
        raise InputError(
            "no format-version header and no [Term] stanza: not an OBO file", path=path
        )
    classes = tuple(_term(s, path) for s in stanzas if s.kind == "Term")
    return _header(header_tags), classes


def _split(text: str, path: Path) -> tuple[list[tuple[int, str, str]], list[_Stanza]]:
    header: list[tuple[int, str, str]] = []
    stanzas: list[_Stanza] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("!"):
            continue
        if line.startswith("[") and line.endswith("]"):
            stanzas.append(_Stanza(kind=line[1:-1].strip(), line=number))
            continue
        tag, sep, value = line.partition(":")
        if not sep or not tag or " " in tag.strip():
            raise InputError(
                f"malformed OBO line (expected 'tag: value'): {line[:60]!r}", path=path, line=number
            )
        entry = (number, tag.strip(), value.strip())
        (stanzas[-1].tags if stanzas else header).append(entry)
    return header, stanzas


def _header(tags: list[tuple[int, str, str]]) -> OntologyHeader:
    version = iri = None
    imports: list[str] = []
    is_module = False
    for _, tag, value in tags:
        if tag == "data-version" and version is None:
            version = value
        elif tag == "ontology" and iri is None:
            iri = value
        elif tag == "import":
            imports.append(_strip_comment(value))
        elif tag == "property_value":
            prop, _, rest = value.partition(" ")
            is_module |= prop in _MODULE_NAMES and rest.strip().lower().startswith('"true"')
    return OntologyHeader(iri=iri, version=version, imports=tuple(imports), is_module=is_module)


def _strip_comment(value: str) -> str:
    """``CL:0000527 ! efferent neuron {source="x"}`` -> ``CL:0000527``."""
    return value.split("!", 1)[0].split("{", 1)[0].strip()


def _quoted(value: str, path: Path, line: int) -> tuple[str, str]:
    """Split ``"text with \\" quotes" REST`` into (text, REST)."""
    if not value.startswith('"'):
        raise InputError(f"expected a quoted string: {value[:60]!r}", path=path, line=line)
    out: list[str] = []
    i = 1
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
            i += 2
            continue
        if ch == '"':
            return "".join(out), value[i + 1 :].strip()
        out.append(ch)
        i += 1
    raise InputError(f"unterminated quoted string: {value[:60]!r}", path=path, line=line)


def _term(stanza: _Stanza, path: Path) -> OntologyClass:
    curie = label = definition = replaced = None
    synonyms: dict[str, list[str]] = {}
    parents: list[str] = []
    obsolete = False
    for line, tag, value in stanza.tags:
        if tag == "id":
            curie = _strip_comment(value)
        elif tag == "name":
            label = value
        elif tag == "def":
            definition = _quoted(value, path, line)[0]
        elif tag == "synonym":
            text, rest = _quoted(value, path, line)
            scope = _SCOPES.get(rest.split(" ", 1)[0] if rest else "", "related")
            synonyms.setdefault(scope, []).append(text)
        elif tag == "is_a" or (
            tag == "intersection_of" and len(_strip_comment(value).split()) == 1
        ):
            parents.append(_strip_comment(value))
        elif tag == "is_obsolete":
            obsolete = value.lower().startswith("true")
        elif tag == "replaced_by":
            replaced = _strip_comment(value)
    if not curie:
        raise InputError("[Term] stanza without an id", path=path, line=stanza.line)
    return OntologyClass(
        curie=curie,
        label=label,
        definition=definition,
        exact_synonyms=tuple(dict.fromkeys(synonyms.get("exact", []))),
        related_synonyms=tuple(dict.fromkeys(synonyms.get("related", []))),
        narrow_synonyms=tuple(dict.fromkeys(synonyms.get("narrow", []))),
        broad_synonyms=tuple(dict.fromkeys(synonyms.get("broad", []))),
        parents=tuple(p for p in dict.fromkeys(parents) if p != curie),
        deprecated=obsolete,
        replaced_by=replaced,
    )
