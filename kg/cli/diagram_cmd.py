"""`kg diagram`: an entity's pathway diagram (Mermaid, DOT, SVG, GraphML, Cytoscape JSON)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import build_dir_option, output_option
from kg.cli.terminal import echo

#: The names of kg.network.formats.FORMATS (kept here so `kg --help` need not import networkx;
#: a test checks they agree).
FORMAT_NAMES = ("cyjs", "dot", "graphml", "mermaid", "svg")


@click.command(name="diagram")
@click.argument("entity", required=False)
@build_dir_option
@click.option(
    "--depth",
    type=click.IntRange(1, 6),
    default=1,
    show_default=True,
    help="Hops from the entity (edges in either direction).",
)
@click.option(
    "--max-edges",
    type=click.IntRange(min=1),
    default=40,
    show_default=True,
    help="Keep at most N edges, the most important first (ranking: see above).",
)
@click.option(
    "--relations",
    "relations",
    multiple=True,
    metavar="REL",
    help="Only these relations: CURIE (RO:0002292), IRI or label ('expresses'). "
    "Repeatable, or comma-separated.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default="mermaid",
    show_default=True,
    help="svg needs Graphviz (`apt-get install graphviz`).",
)
@output_option
@click.option(
    "--all",
    "all_pages",
    is_flag=True,
    help="One diagram per page entity, written to --out as <slug>.<ext>.",
)
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Folder for --all."
)
@click.option(
    "--compare",
    is_flag=True,
    help="Compare the entity's page's own Mermaid diagram with the whole graph (every fact "
    "from any page and extractor except what only that diagram states; relations up to "
    "equivalence): edges drawn but not in the graph, and the reverse. A page without a "
    "diagram says so (exit 0).",
)
def command(
    entity: str | None,
    build_dir: Path,
    depth: int,
    max_edges: int,
    relations: tuple[str, ...],
    fmt: str,
    output: Path | None,
    all_pages: bool,
    out_dir: Path | None,
    compare: bool,
) -> None:
    """Draw the knowledge-graph neighbourhood of ENTITY, as SciDEX's "Pathway Diagram".

    ENTITY is a CURIE (CL:0000100), an IRI, a page slug (cell-types-motor-neurons) or a
    label, in any case. Edges are de-duplicated, case variants merged, each labelled with
    its relation. Over --max-edges, edges are kept by rank, grown outwards from the entity
    so the diagram stays connected: first the entity's own edges, then by relation kind
    (ontology relations before kg's own before generic "related to"), then by evidence
    (statements, i.e. pages stating the fact, then cited references, then text spans),
    then by centrality (degree of the far end). Hubs (over 200 neighbours) are drawn but
    not expanded.
    """
    from kg.network import compare_diagram, open_network, render_comparison, write_all_diagrams
    from kg.network.diagram import build_diagram
    from kg.network.formats import render

    rels = tuple(r.strip() for item in relations for r in item.split(",") if r.strip())
    if all_pages:
        if entity or compare or out_dir is None:
            raise click.UsageError("--all takes no ENTITY and no --compare, and needs --out DIR")
        result = write_all_diagrams(
            build_dir, out_dir, fmt=fmt, depth=depth, max_edges=max_edges, relations=rels
        )
        _report_all(len(result.written), result.skipped, out_dir)
        return
    if not entity:
        raise click.UsageError("give an ENTITY, or --all --out DIR")
    net = open_network(build_dir)
    centre = net.entity(entity)
    if compare:
        text = render_comparison(compare_diagram(net, centre), net)
    else:
        diagram = build_diagram(net.graph, centre, depth=depth, max_edges=max_edges, relations=rels)
        text = render(diagram, fmt)
    if output is None:
        echo(text, nl=False)
    else:
        from kg.store.atomic import write_text_atomic

        write_text_atomic(output, text)


def _report_all(written: int, skipped: tuple[str, ...], out_dir: Path) -> None:
    echo(f"Wrote {written} diagram(s) to {out_dir}", err=True)
    if skipped:
        echo(f"No entity in the graph for: {', '.join(skipped)}", err=True)
