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
    from kg.store.atomic import atomic_file

    if output is None:  # \uXXXX for terminal controls: the formats' own escape, so lossless
        from kg.cli.terminal import SafeStream

        stream = SafeStream(sys.stdout.buffer)
        export(build_dir, fmt, stream)  # type: ignore[arg-type]
        stream.close()
        return
    with atomic_file(output) as fh:  # streamed, never held in memory; -o NAME.gz: gzip
        if output.suffix == ".gz":
            import gzip

            with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=6) as gz:
                export(build_dir, fmt, gz)  # type: ignore[arg-type]
        else:
            export(build_dir, fmt, fh)
    size = output.stat().st_size
    echo(f"Wrote {output} ({FORMATS[fmt].name}, {size:,} bytes)", err=True)
