"""`kg build`: read pages, extract, ground, write the build folder, validate, summarise."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from kg.cli.options import jobs_option


def _shard_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    """``--shard I/N`` checked before any work (a usage error, exit 2)."""
    if value is None:
        return None
    from kg.errors import InputError
    from kg.pages.shard import parse_shard

    try:
        return parse_shard(value)
    except InputError as exc:
        raise click.BadParameter(str(exc).removeprefix("--shard ")) from None


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
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your own names -> ids: an SSSOM TSV (subject_label, object_id, predicate_id, "
    "mapping_justification); wins over the shipped vocabularies.",
)
@jobs_option("Pages built in parallel processes.")
@click.option(
    "--shard",
    metavar="I/N",
    callback=_shard_option,
    help="Build only shard I of N: the pages whose content sha256 modulo N is I-1 "
    "(N machines build one shard each and push to one server).",
)
@click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Run the SHACL and ontology checks at the end and print their summary.",
)
def command(
    paths: tuple[Path, ...],
    out: Path,
    ontologies: tuple[Path, ...],
    lexicons: tuple[Path, ...],
    jobs: int,
    shard: Any,
    validate: bool,
) -> None:
    """Build the knowledge graph from page files or folders PATHS (default: seeds/).

    Exit code 0: every page built; 1: some page failed (the others were built); 2: nothing
    could be built (every page failed, or an input, output or lock error).
    """
    from kg.cli.summary import print_summary, print_validation
    from kg.pipeline import build
    from kg.validate.reasoner import warmed

    with warmed(_reasoner_ontology(ontologies) if validate else None):
        with ExitStack() as stack:
            bar: Any = None

            def step(_result: object, total: int) -> None:
                nonlocal bar
                if bar is None:  # opened on the first page: build() finds the files once
                    bar = stack.enter_context(
                        click.progressbar(
                            length=total,
                            label="Building",
                            file=click.get_text_stream("stderr"),
                            show_pos=True,
                        )
                    )
                bar.update(1)

            def told(text: str) -> None:
                stack.close()  # the pages' bar is done: end its line before the step's
                click.echo(f"{text[:1].upper()}{text[1:]} ...", err=True)

            result = build(
                paths,
                out=out,
                ontologies=ontologies,
                lexicons=lexicons,
                jobs=jobs,
                progress=step,
                shard=shard,
                on_step=told,
            )
        print_summary(result)
        if len(result.failed) == len(result.pages):
            raise click.exceptions.Exit(2)  # nothing could be built
        if validate:
            print_validation(out, jobs=jobs)
        if result.failed:
            raise click.exceptions.Exit(1)  # the other pages were built


def _reasoner_ontology(ontologies: tuple[Path, ...]) -> Path | None:
    """The ontology the validation's reasoner will read (its child starts reading it while the
    pages are built); None when it cannot be told (an unreadable file: the build says why)."""
    from kg.errors import KgError
    from kg.ground import shipped_module_path
    from kg.validate.ontology_reasoner import reasoner_ontology

    try:
        return reasoner_ontology(list(ontologies) or [shipped_module_path()])
    except KgError:
        return None
