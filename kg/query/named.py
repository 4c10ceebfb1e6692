"""The named queries shipped in ``kg/queries/*.rq`` (``kg query --name NAME``, ``--list``).

Each file starts with a header of comment lines::

    # title: Markers of a cell type
    # description: Genes a cell type is stated to express, with the page that states it.
    # params: cell:iri (the cell type, e.g. CL:0000100)

``params`` lists ``name:kind (description)`` items separated by ``;`` (kinds: iri, literal,
term; see :class:`kg.query.params.ParamSpec`), or ``none``. A parameter binds the variable
of the same name; left out, the variable stays free (every cell type, every page, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from kg.errors import QueryError
from kg.query.params import ParamSpec

_HEADER = re.compile(r"#\s*(title|description|params)\s*:\s*(.*)")
_PARAM = re.compile(r"\s*(\w+)\s*:\s*(\w+)\s*(?:\((.*)\))?\s*")


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedQuery:
    name: str  # the file name without .rq
    title: str
    description: str
    params: tuple[ParamSpec, ...]
    text: str
    path: str  # for messages: kg/queries/<name>.rq


def list_named() -> tuple[NamedQuery, ...]:
    """Every shipped query, sorted by name."""
    folder = resources.files("kg").joinpath("queries")
    names = sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))
    return tuple(get_named(n) for n in names)


def get_named(name: str) -> NamedQuery:
    """One shipped query by name; an unknown name is a :class:`QueryError` listing the names."""
    resource = resources.files("kg").joinpath("queries", f"{name}.rq")
    if not re.fullmatch(r"[\w-]+", name) or not resource.is_file():
        folder = resources.files("kg").joinpath("queries")
        known = sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))
        raise QueryError(f"no named query {name!r}; known: {', '.join(known)} (see --list)")
    return parse_named(name, resource.read_text("utf-8"), path=f"kg/queries/{name}.rq")


def parse_named(name: str, text: str, *, path: str) -> NamedQuery:
    """Read the header of a named query; a missing title or a bad params line is an error."""
    fields: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        m = _HEADER.fullmatch(line.strip())
        if m:
            key, value = m.groups()
            fields[key] = f"{fields[key]} {value}".strip() if key in fields else value.strip()
        elif number == 1:
            raise QueryError("a named query starts with a '# title:' line", path=path, line=1)
    if not fields.get("title"):
        raise QueryError("the header has no '# title:' line", path=path, line=1)
    return NamedQuery(
        name=name,
        title=fields["title"],
        description=fields.get("description", ""),
        params=_parse_params(fields.get("params", "none"), path),
        text=text,
        path=path,
    )


def _parse_params(value: str, path: str) -> tuple[ParamSpec, ...]:
    if value.strip().lower() in ("", "none"):
        return ()
    specs: list[ParamSpec] = []
    for item in value.split(";"):
        m = _PARAM.fullmatch(item)
        if m is None:
            raise QueryError(
                f"bad '# params:' item {item.strip()!r}: write name:kind (description)", path=path
            )
        specs.append(ParamSpec(name=m[1], kind=m[2], description=(m[3] or "").strip()))
    return tuple(specs)
