"""`kg build`: read pages, extract, ground, write the build folder, validate, summarise."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(name="build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="The build folder to write.",
)
@click.option(
    "--ontology",
    "ontologies",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A Cell Ontology release (OWL or OBO) to ground against; default: the shipped module.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Pages built in parallel processes.",
)
@click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Run the SHACL and ontology checks at the end and print their summary.",
)
def command(
    paths: tuple[Path, ...], out: Path, ontologies: tuple[Path, ...], jobs: int, validate: bool
) -> None:
    """Build the knowledge graph from page files or folders PATHS (default: seeds/)."""
    from kg.cli.summary import print_summary
    from kg.pipeline import build, find_inputs

    total = len(find_inputs(paths))
    with click.progressbar(
        length=total, label="Building", file=click.get_text_stream("stderr"), show_pos=True
    ) as bar:
        result = build(
            paths, out=out, ontologies=ontologies, jobs=jobs, progress=lambda _r: bar.update(1)
        )
    print_summary(result)
    if validate:
        from kg.cli.summary import print_validation

        print_validation(out, jobs=jobs)
