"""The SHACL shapes: kg's own (``shapes/*.ttl``) merged with any folders a user adds.

kg's shapes ship as package data (``kg/data/shapes``) and live at the top of the source tree
(``shapes/``); :func:`builtin_shapes_dir` finds whichever is there. User folders given with
``kg validate --shapes DIR`` are parsed the same way and merged into one shapes graph (a
user shape with the IRI of a built-in shape adds constraints to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SH

from kg import vocab as v
from kg.errors import InputError
from kg.validate.report import KGS

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: A file every built-in shapes folder has (tells kg's folder from an unrelated ``shapes/``).
_MARKER = "page.ttl"


def builtin_shapes_dir() -> Path:
    """kg's shapes: ``kg/data/shapes`` when installed, else ``shapes/`` beside the package."""
    for candidate in (_PACKAGE_DIR / "data" / "shapes", _PACKAGE_DIR.parent / "shapes"):
        if (candidate / _MARKER).is_file():
            return candidate
    raise InputError(
        "kg's SHACL shapes are missing (looked for kg/data/shapes and shapes/ beside the "
        "kg package): reinstall kg",
        path=_PACKAGE_DIR,
    )


def shape_files(folder: Path) -> tuple[Path, ...]:
    """The Turtle files of a shapes folder, sorted; an error when there are none."""
    if not folder.is_dir():
        raise InputError(
            "shapes folder not found (--shapes takes a folder of .ttl files)", path=folder
        )
    files = tuple(sorted(p for p in folder.iterdir() if p.suffix == ".ttl" and p.is_file()))
    if not files:
        raise InputError("no .ttl files in this shapes folder", path=folder)
    return files


@dataclass(frozen=True, slots=True)
class ShapeSet:
    """The shapes graph used for one validation run, and the files it was read from.

    ``names`` gives a stable name to every blank-node property shape,
    ``<parent IRI> / <path CURIE>`` (blank node ids differ between processes and runs).
    """

    files: tuple[Path, ...]
    graph: rdflib.Graph
    names: dict[rdflib.term.Node, str]

    def name(self, node: rdflib.term.Node) -> str:
        if isinstance(node, rdflib.URIRef):
            return str(node)
        return self.names.get(node, "(anonymous shape)")

    @property
    def inverse_paths(self) -> frozenset[str]:
        """The properties some shape follows backwards (``sh:inversePath``)."""
        return frozenset(str(p) for p in self.graph.objects(None, SH.inversePath))

    @property
    def witness_paths(self) -> frozenset[str]:
        """The inverse-path properties whose shapes only ask that a node have *some* value:
        every ``[sh:inversePath p]`` is the path of property shapes whose only constraint is
        ``sh:minCount`` 0 or 1. For those, one statement pointing at a node (any) decides every
        result, so a unit needs one such statement from other graphs, not all of them
        (kg.validate.units.Linked): a reference cited by thousands of pages would otherwise
        bring every citing statement into the unit of every page that names it."""
        out = set()
        g = self.graph
        for p in set(g.objects(None, SH.inversePath)):
            paths = set(g.subjects(SH.inversePath, p))
            if p != RDF.type and all(_only_some(g, x) for x in paths):
                out.add(str(p))
        return frozenset(out)

    def without(self, shapes: Sequence[str]) -> rdflib.Graph:
        """A copy of the shapes graph without these shapes (and the blank nodes and SPARQL
        constraints only they use): for shapes kg evaluates natively."""
        drop: set[rdflib.term.Node] = set()
        todo: list[rdflib.term.Node] = [rdflib.URIRef(s) for s in shapes]
        while todo:
            node = todo.pop()
            if node in drop:
                continue
            drop.add(node)
            for o in self.graph.objects(node, None):
                if isinstance(o, rdflib.BNode) or (o, RDF.type, SH.SPARQLConstraint) in self.graph:
                    todo.append(o)
        out = rdflib.Graph()
        for prefix, ns in self.graph.namespaces():
            out.bind(prefix, ns)
        for triple in self.graph:
            if triple[0] not in drop:
                out.add(triple)
        return out


#: What a property shape may say besides its path and ``sh:minCount`` to keep its path a witness
#: path (:attr:`ShapeSet.witness_paths`): nothing that reads the values.
_SAYS_NOTHING_OF_VALUES = frozenset(
    {
        RDF.type,
        SH.path,
        SH.minCount,
        SH.severity,
        SH.message,
        SH.name,
        SH.description,
        SH.order,
        SH.group,
        rdflib.RDFS.label,
        rdflib.RDFS.comment,
    }
)


def _only_some(g: rdflib.Graph, path: rdflib.term.Node) -> bool:
    """Whether the path node ``[sh:inversePath p]`` says nothing else and is used only as the
    path of property shapes that ask for at most one value (sh:minCount 0 or 1)."""
    if not isinstance(path, rdflib.BNode) or len(list(g.predicate_objects(path))) != 1:
        return False
    users = list(g.subject_predicates(path))
    if not users or any(pred != SH.path for _, pred in users):
        return False
    for shape, _ in users:
        for pred, value in g.predicate_objects(shape):
            if pred not in _SAYS_NOTHING_OF_VALUES:
                return False
            if pred == SH.minCount and not (
                isinstance(value, rdflib.Literal)
                and type(value.value) is int
                and value.value in (0, 1)
            ):
                return False
    return True


def load_shapes(extra_dirs: Sequence[Path] = (), *, builtin: bool = True) -> ShapeSet:
    """kg's shapes (unless ``builtin`` is False) merged with every folder in ``extra_dirs``."""
    folders = ([builtin_shapes_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    files = tuple(f for folder in folders for f in shape_files(folder))
    return load_shape_files(files)


def load_shape_files(files: Sequence[Path]) -> ShapeSet:
    """One shapes graph from these Turtle files (an error names the file and line)."""
    graph = rdflib.Graph()
    for f in files:
        try:
            graph.parse(f, format="turtle")
        except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
            line = getattr(exc, "lines", None)
            raise InputError(f"not valid Turtle: {exc}", path=f, line=line) from None
    if not any(graph.subjects(RDF.type, SH.NodeShape)) and not any(
        graph.subjects(RDF.type, SH.PropertyShape)
    ):
        raise InputError("no sh:NodeShape or sh:PropertyShape in these files", path=files[0])
    for prefix, ns in v.PREFIX_MAP.items():
        graph.bind(prefix, ns, override=False)
    graph.bind("kgs", KGS, override=False)
    return ShapeSet(tuple(files), graph, _blank_shape_names(graph))


def _blank_shape_names(graph: rdflib.Graph) -> dict[rdflib.term.Node, str]:
    names: dict[rdflib.term.Node, str] = {}
    for parent, prop in graph.subject_objects(SH.property):
        if isinstance(prop, rdflib.BNode) and isinstance(parent, rdflib.URIRef):
            names[prop] = f"{parent} / {_path_name(graph, graph.value(prop, SH.path))}"
    return names


def _path_name(graph: rdflib.Graph, path: rdflib.term.Node | None) -> str:
    if path is None:
        return "(no path)"
    if isinstance(path, rdflib.URIRef):
        return v.compress_or_iri(str(path))
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_name(graph, inverse)
    return "(complex path)"
