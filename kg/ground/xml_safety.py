"""The one check every ontology XML file passes before it is parsed: no external entities.

An ontology file is input from outside, so its DOCTYPE may declare ``<!ENTITY e SYSTEM
"file:///etc/passwd">`` (XXE) or a parameter entity that pulls in another DTD. expat never
opens such files itself, but a parser that did, or one that reports the reference vaguely, is
one change away, so kg refuses them by name: :func:`refuse_external_entities` reads only the
prolog (up to the root element) and raises one :class:`~kg.errors.InputError` naming the file,
the line and the entity. Internal entities (``<!ENTITY obo "http://purl.obolibrary.org/obo/">``,
as Protégé writes) are allowed; expat (2.4 and later) bounds their expansion, so a "billion
laughs" file is a parse error, not a hang.
"""

from __future__ import annotations

import pyexpat
from pathlib import Path

from kg.errors import InputError

_CHUNK = 1 << 16


class _RootReached(Exception):
    """The prolog is over: the rest of the document declares no entity."""


def refuse_external_entities(path: Path) -> None:
    """Raise :class:`InputError` if the DOCTYPE of ``path`` declares an external entity."""
    parser = pyexpat.ParserCreate()
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)

    def entity(
        name: str,
        is_parameter: int,
        _value: str | None,
        _base: str | None,
        system_id: str | None,
        public_id: str | None,
        _notation: str | None,
    ) -> None:
        if system_id is None and public_id is None and not is_parameter:
            return
        kind = "parameter entity" if is_parameter else "external entity"
        target = system_id or public_id or "a DTD"
        raise InputError(
            f"{kind} {name!r} ({target[:200]}) refused: kg reads no file and no address an "
            "ontology points to; remove the <!ENTITY> declaration",
            path=path,
            line=parser.CurrentLineNumber,
        )

    def root(*_args: object) -> None:
        raise _RootReached

    parser.EntityDeclHandler = entity
    parser.StartElementHandler = root
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _RootReached:
        return
    except pyexpat.ExpatError as exc:
        raise InputError(f"malformed XML: {exc}", path=path, line=exc.lineno) from None
    except OSError as exc:
        raise InputError(f"cannot read the ontology ({exc.strerror})", path=path) from None


__all__ = ["refuse_external_entities"]
