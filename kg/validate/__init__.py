"""Validation: SHACL shapes, page-graph checks and Cell Ontology checks, as one report.

* :func:`validate_build` — a build folder (per page graph, in parallel with ``jobs``);
* :func:`validate_graph` — one in-memory rdflib Graph or Dataset;
* :class:`Report` (returned, never raised), :func:`summary_line` for ``kg build``.
"""

from __future__ import annotations

from kg.validate.render import summary_line
from kg.validate.report import Location, Report, Severity, ValidationResult
from kg.validate.runner import validate_build, validate_graph
from kg.validate.shapes import ShapeSet, builtin_shapes_dir, load_shapes

__all__ = [
    "Location",
    "Report",
    "Severity",
    "ShapeSet",
    "ValidationResult",
    "builtin_shapes_dir",
    "load_shapes",
    "summary_line",
    "validate_build",
    "validate_graph",
]
