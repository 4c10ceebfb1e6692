"""Hints for query parameters: an IRI bound by ``--param`` that no triple of the build names.

Such a query is not wrong, it just matches nothing for that value, which looks like "no
results" when the value was mistyped (``CL:9999999``, ``HGNC:49790``). :func:`unknown_terms`
says so, naming the parameter and the closest entities of the build: those of the same
prefix (``CL:...``) whose CURIE is most alike, else any whose CURIE or label is close.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from kg.vocab import PREFIX_MAP, compress_or_iri

MAX_SUGGESTIONS = 5

_LABELS_QUERY = f"""
SELECT DISTINCT ?s ?label WHERE {{
  ?s <{PREFIX_MAP["skos"]}prefLabel>|<{PREFIX_MAP["rdfs"]}label> ?label .
  FILTER(isIRI(?s))
}}
"""


def unknown_terms(
    store_dir: str | Path, bound: Mapping[str, ox.NamedNode | ox.Literal]
) -> tuple[str, ...]:
    """One warning per IRI parameter no triple of the store names (as subject, predicate or
    object, in any graph); empty when every IRI is known."""
    iris = {name: term for name, term in bound.items() if isinstance(term, ox.NamedNode)}
    if not iris:
        return ()
    store = ox.Store.read_only(str(store_dir))
    missing = {name: t for name, t in sorted(iris.items()) if not _named(store, t)}
    if not missing:
        return ()
    labels = _labels(store)
    return tuple(_warning(name, t, labels) for name, t in missing.items())


def _named(store: ox.Store, term: ox.NamedNode) -> bool:
    patterns = ((term, None, None), (None, term, None), (None, None, term))
    return any(
        next(iter(store.quads_for_pattern(s, p, o, None)), None) is not None for s, p, o in patterns
    )


def _labels(store: ox.Store) -> dict[str, str]:
    """CURIE (or IRI) -> the first label in code-point order, of every labelled entity."""
    out: dict[str, str] = {}
    for row in store.query(_LABELS_QUERY, use_default_graph_as_union=True):  # type: ignore[union-attr]
        s, label = row["s"], row["label"]
        if s is None or label is None:
            continue
        key = compress_or_iri(s.value)
        if key not in out or label.value < out[key]:
            out[key] = label.value
    return out


def _warning(name: str, term: ox.NamedNode, labels: dict[str, str]) -> str:
    curie = compress_or_iri(term.value)
    prefix = curie.partition(":")[0] + ":" if ":" in curie and "//" not in curie else None
    same = [k for k in labels if prefix and k.startswith(prefix)]
    if same:
        close = difflib.get_close_matches(curie, same, n=MAX_SUGGESTIONS, cutoff=0.0)
    else:
        by_label = {v.casefold(): k for k, v in labels.items()}
        close = difflib.get_close_matches(curie, list(labels), n=MAX_SUGGESTIONS, cutoff=0.6)
        close += [
            by_label[x]
            for x in difflib.get_close_matches(curie.casefold(), list(by_label), cutoff=0.6)
        ]
    shown = [f"{k} ({labels[k]})" if labels[k] != k else k for k in dict.fromkeys(close)][
        :MAX_SUGGESTIONS
    ]
    hint = f"; closest matches: {', '.join(shown)}" if shown else ""
    return (
        f"--param {name}={curie}: no triple in the build names <{term.value}>, so the query "
        f"matches nothing for it{hint}"
    )
