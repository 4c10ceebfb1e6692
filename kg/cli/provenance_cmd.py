"""`kg provenance`: where every fact about an entity came from (page, lines, quote, references)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import build_dir_option, output_option
from kg.cli.terminal import echo


@click.command(name="provenance")
@click.argument("entity")
@build_dir_option
@click.option("--relation", help="Only facts with this relation (CURIE, IRI or label).")
@click.option("--object", "obj", help="Only facts whose other end is this entity or value.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json", "mermaid")),
    default="text",
    show_default=True,
    help="mermaid draws one fact's chain (narrow with the filters).",
)
@output_option
def command(
    entity: str,
    build_dir: Path,
    relation: str | None,
    obj: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Show the provenance edges of every fact about ENTITY.

    For each fact: its statement(s), the page and FILE:LINE it was read from with the exact
    quote, the references cited there, and the extractor that found it. A fact stated by
    several pages lists every source. ENTITY is a CURIE, IRI, page slug or label.
    """
    from kg.network import trace_provenance
    from kg.network.provenance_render import RENDERERS

    prov = trace_provenance(build_dir, entity, relation=relation, obj=obj)
    text = RENDERERS[fmt](prov)
    if output is None:
        echo(text, nl=False)
    else:
        from kg.store.atomic import write_text_atomic

        write_text_atomic(output, text)
