"""An ontology's XML as owlready2 gets it: parsed, every import removed, written again.

owlready2 follows every ``owl:imports`` of the ontology it loads, over HTTP. Matching the bytes
with a regex misses most spellings: another prefix (``<o:imports xmlns:o="...owl#">``), the
default namespace (``<imports xmlns="...owl#">``), an import written inside an internal
``<!ENTITY>``, OWL/XML's ``<Import>``. So the file is parsed (expat through ElementTree, after
:func:`kg.ground.xml_safety.refuse_external_entities` refused external entities), every element
and attribute whose namespace-resolved name is ``owl:imports`` or OWL/XML's ``owl:Import`` is
dropped wherever it is, and the tree is serialised again (entities expanded, so nothing can
come back). For HermiT the ``owl:Axiom`` blocks (axiom annotations, which its old OWL API parser
rejects and which carry no logic) are dropped the same way.

This is one of two guards: owlready2 also runs in a process that cannot open a socket
(:mod:`kg.validate.sandbox`).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

from kg import vocab as v
from kg.errors import InputError
from kg.ground.xml_safety import refuse_external_entities

_IMPORTS = frozenset({v.clark(v.OWL, v.OWL_IMPORTS), v.clark(v.OWL, v.OWL_IMPORT)})
_AXIOM = v.clark(v.OWL, v.OWL_AXIOM)


def import_free_xml(path: Path, *, for_reasoner: bool = False) -> bytes:
    """The ontology file ``path`` as UTF-8 XML without imports (and for HermiT, axioms)."""
    refuse_external_entities(path)
    try:
        tree = ET.parse(path)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(f"malformed XML: {exc}", path=path, line=line) from None
    except OSError as exc:
        raise InputError(f"cannot read the ontology ({exc.strerror})", path=path) from None
    drop = _IMPORTS | {_AXIOM} if for_reasoner else _IMPORTS
    remove_elements(tree.getroot(), drop)
    buf = io.BytesIO()
    tree.write(buf, encoding="utf-8", xml_declaration=True)
    return buf.getvalue()


def remove_elements(root: ET.Element, tags: frozenset[str]) -> int:
    """Remove every element named in ``tags`` (Clark names) below ``root``, and such attributes."""
    removed = 0
    todo = [root]
    while todo:
        elem = todo.pop()
        for name in [a for a in elem.attrib if a in tags]:
            del elem.attrib[name]
            removed += 1
        for child in list(elem):
            if child.tag in tags:
                elem.remove(child)
                removed += 1
            else:
                todo.append(child)
    return removed


__all__ = ["import_free_xml", "remove_elements"]
