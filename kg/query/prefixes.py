"""The prefixes every kg query may use without declaring them (CL:, RO:, biolink:, prov:, ...).

They are the project's one prefix map (``kg/data/prefixes.json``, :data:`kg.vocab.PREFIX_MAP`).
pyoxigraph takes them as default prefixes while parsing, so a query's own ``PREFIX`` lines win
and the line and column numbers of syntax errors stay those of the text the user wrote.
:func:`prefix_block` writes the same prefixes as ``PREFIX`` lines, for engines without
default prefixes (rdflib, another triple store).
"""

from __future__ import annotations

from kg.vocab import PREFIX_MAP

PREFIXES: dict[str, str] = dict(sorted(PREFIX_MAP.items()))


def prefix_block(declared: set[str] | frozenset[str] = frozenset()) -> str:
    """``PREFIX name: <namespace>`` lines for every project prefix not in ``declared``."""
    return "".join(
        f"PREFIX {name}: <{namespace}>\n"
        for name, namespace in PREFIXES.items()
        if name not in declared
    )
