"""`kg path`: the shortest relation paths between two entities."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import build_dir_option, output_option
from kg.cli.terminal import echo


@click.command(name="path")
@click.argument("a")
@click.argument("b")
@build_dir_option
@click.option(
    "--max-length",
    type=click.IntRange(1, 10),
    default=4,
    show_default=True,
    help="Longest path to look for, in steps.",
)
@click.option(
    "--max-paths",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Show at most N of the shortest paths.",
)
@click.option(
    "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True
)
@output_option
def command(
    a: str,
    b: str,
    build_dir: Path,
    max_length: int,
    max_paths: int,
    fmt: str,
    output: Path | None,
) -> None:
    """Find the shortest paths between entities A and B (a drug and a cell type, say).

    Edges are followed in either direction; each step shows its relation, its direction
    (--> or <--) and its evidence (statements, pages). Exit code 1 when there is no path
    within --max-length.
    """
    from kg.network import open_network
    from kg.network.paths import paths_json, render_paths, shortest_paths

    net = open_network(build_dir)
    start, end = net.entity(a), net.entity(b)
    found = shortest_paths(net.graph, start, end, max_length=max_length, max_paths=max_paths)
    text = (
        paths_json(net.graph, found)
        if fmt == "json"
        else render_paths(net.graph, start, end, found)
    )
    if output is None:
        echo(text, nl=False)
    else:
        from kg.store.atomic import write_text_atomic

        write_text_atomic(output, text)
    if not found:
        raise click.exceptions.Exit(1)
