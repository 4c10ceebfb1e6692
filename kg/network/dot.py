"""Graphviz output: DOT text (always), SVG by running Graphviz's ``dot`` when it is installed.

The DOT text is written here, not through pydot/pygraphviz, so it needs nothing installed and
is deterministic. SVG needs the ``dot`` program: without it :func:`render_svg` raises a
:class:`KgError` saying how to install Graphviz (``apt-get install graphviz``).
"""

from __future__ import annotations

import shutil
import subprocess

from kg.errors import KgError
from kg.network.diagram import Diagram, DiagramNode
from kg.network.dot_layout import GROUP_ROWS, star_layout
from kg.network.mermaid import id_name, node_ids

CENTRE_FILL = "#4fc3f7"
GROUP_COLOUR = "#90a4ae"
INSTALL_HINT = (
    "Graphviz's `dot` program is not installed, so SVG cannot be drawn: install Graphviz "
    "(Debian/Ubuntu: `apt-get install graphviz`; macOS: `brew install graphviz`; conda: "
    "`conda install graphviz`), or use --format dot (text, no Graphviz needed) or mermaid"
)


def render_dot(diagram: Diagram) -> str:
    """The diagram as a Graphviz ``digraph`` (ends with a newline).

    A node with many one-edge neighbours is drawn as a wrapped star
    (:mod:`kg.network.dot_layout`): its leaves in clusters per relation, rows that fit a page.
    """
    ids = node_ids([(n.iri, id_name(n.curie, n.label)) for n in diagram.nodes])
    layout = star_layout(diagram)
    grouped = {leaf for g in layout.groups for leaf in g.leaves}
    lines = [
        f"digraph {_q(diagram.title)} {{",
        f"  graph [rankdir={'LR' if layout.groups else 'TB'}, labelloc=t, "
        f"label={_q(diagram.title)}];",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    lines += [f"  {_node(n, ids)}" for n in diagram.nodes if n.iri not in grouped]
    for k, g in enumerate(layout.groups):
        lines.append(f"  subgraph {_q(f'cluster_{k}')} {{")
        lines.append(
            f'    graph [label={_q(g.label)}, style="rounded,dashed", color={_q(GROUP_COLOUR)}, '
            'fontname="Helvetica", fontsize=12];'
        )
        lines += [f"    {_node(diagram.node(leaf), ids)}" for leaf in g.leaves]
        lines += [  # a cluster is ranked on its own edges: these wrap its leaves into rows
            f"    {_q(ids[a])} -> {_q(ids[b])} [style=invis];"
            for a, b in zip(g.leaves, g.leaves[GROUP_ROWS:], strict=False)
        ]
        lines.append("  }")
    for i, e in enumerate(diagram.edges):
        tip = f"{e.label}: {e.statements} statement(s); pages: {', '.join(e.pages)}"
        attrs = f"tooltip={_q(tip)}, penwidth={1 + min(e.statements, 4) / 2:g}"
        group = layout.group_of(i)
        if group is None:
            lines.append(
                f"  {_q(ids[e.source])} -> {_q(ids[e.target])} [label={_q(e.label)}, {attrs}];"
            )
        else:
            leaf = e.target if group.outgoing else e.source
            back = "" if group.outgoing else ", dir=back"
            lines.append(
                f"  {_q(ids[group.hub])} -> {_q(ids[leaf])} "
                f"[{attrs}, minlen={layout.minlen[i]}{back}];"
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node(n: DiagramNode, ids: dict[str, str]) -> str:
    extra = f", fillcolor={_q(CENTRE_FILL)}, penwidth=3" if n.centre else ""
    extra += ', style="rounded,filled,dashed"' if n.hub else ""
    return f"{_q(ids[n.iri])} [label={_q(n.label)}, tooltip={_q(n.curie)}{extra}];"


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
