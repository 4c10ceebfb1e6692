"""SPARQL over the build's store: ``kg query`` (safe by default, with a time limit).

Public API: :func:`run_query`, :func:`run_named`, :class:`QueryResult`, the named queries
(:func:`list_named`, :func:`get_named`) and the renderers (:func:`render`, :func:`render_table`).
Attributes are imported on first use, so that the query worker process
(:mod:`kg.query.worker`) starts without the rest of kg.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "run_query": "kg.query.run",
    "run_named": "kg.query.run",
    "DEFAULT_TIMEOUT": "kg.query.run",
    "QueryResult": "kg.query.results",
    "ResultKind": "kg.query.results",
    "NamedQuery": "kg.query.named",
    "list_named": "kg.query.named",
    "get_named": "kg.query.named",
    "render": "kg.query.formats",
    "FORMATS": "kg.query.formats",
    "render_table": "kg.query.table",
    "prefix_block": "kg.query.prefixes",
    "PREFIXES": "kg.query.prefixes",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg.query' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
