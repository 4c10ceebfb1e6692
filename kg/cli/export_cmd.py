"""`kg export`: write the build in an RDF format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import build_dir_option, output_option
from kg.cli.terminal import echo

#: The names of kg.export.FORMATS, kept here so that `kg --help` need not import the exporters
#: (and curies with them); tests/cli/test_main.py checks they agree.
FORMAT_NAMES = ("jsonld", "nquads", "ntriples", "sssom", "trig", "turtle")


@click.command(name="export")
@build_dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default="turtle",
    show_default=True,
    help="turtle / ntriples: the union of all graphs; trig / nquads / jsonld: one named graph "
    "per page; sssom: the grounding decisions (names -> ids) as an SSSOM mapping table.",
)
@output_option
def command(build_dir: Path, fmt: str, output: Path | None) -> None:
    """Write the dataset built by `kg build` in an RDF format (or its groundings as SSSOM)."""
    from kg.export import FORMATS, export
    from kg.store.atomic import write_atomic

    if output is None:  # \uXXXX for terminal controls: the formats' own escape, so lossless
        from kg.cli.terminal import SafeStream

        stream = SafeStream(sys.stdout.buffer)
        export(build_dir, fmt, stream)  # type: ignore[arg-type]
        stream.close()
        return
    import io

    buf = io.BytesIO()
    export(build_dir, fmt, buf)
    write_atomic(output, buf.getvalue())
    echo(f"Wrote {output} ({FORMATS[fmt].name}, {len(buf.getvalue()):,} bytes)", err=True)
