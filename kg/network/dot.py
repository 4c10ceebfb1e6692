"""Graphviz output: DOT text (always), SVG by running Graphviz's ``dot`` when it is installed.

The DOT text is written here, not through pydot/pygraphviz, so it needs nothing installed and
is deterministic. SVG needs the ``dot`` program: without it :func:`render_svg` raises a
:class:`KgError` saying how to install Graphviz (``apt-get install graphviz``).
"""

from __future__ import annotations

import shutil
import subprocess

from kg.errors import KgError
from kg.network.diagram import Diagram
from kg.network.mermaid import id_name, node_ids

CENTRE_FILL = "#4fc3f7"
INSTALL_HINT = (
    "Graphviz's `dot` program is not installed, so SVG cannot be drawn: install Graphviz "
    "(Debian/Ubuntu: `apt-get install graphviz`; macOS: `brew install graphviz`; conda: "
    "`conda install graphviz`), or use --format dot (text, no Graphviz needed) or mermaid"
)


def render_dot(diagram: Diagram) -> str:
    """The diagram as a Graphviz ``digraph`` (ends with a newline)."""
    ids = node_ids([(n.iri, id_name(n.curie, n.label)) for n in diagram.nodes])
    lines = [
        f"digraph {_q(diagram.title)} {{",
        f"  graph [rankdir=TB, labelloc=t, label={_q(diagram.title)}];",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for n in diagram.nodes:
        extra = f", fillcolor={_q(CENTRE_FILL)}, penwidth=3" if n.centre else ""
        extra += ', style="rounded,filled,dashed"' if n.hub else ""
        lines.append(f"  {_q(ids[n.iri])} [label={_q(n.label)}, tooltip={_q(n.curie)}{extra}];")
    for e in diagram.edges:
        tip = f"{e.statements} statement(s); pages: {', '.join(e.pages)}"
        lines.append(
            f"  {_q(ids[e.source])} -> {_q(ids[e.target])} [label={_q(e.label)}, "
            f"tooltip={_q(tip)}, penwidth={1 + min(e.statements, 4) / 2:g}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_svg(diagram: Diagram) -> str:
    """The diagram drawn as SVG by Graphviz (raises :class:`KgError` without Graphviz)."""
    exe = shutil.which("dot")
    if exe is None:
        raise KgError(INSTALL_HINT)
    proc = subprocess.run(
        [exe, "-Tsvg"], input=render_dot(diagram), capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise KgError(f"Graphviz `dot -Tsvg` failed: {proc.stderr.strip()}")
    return proc.stdout


def _q(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'
