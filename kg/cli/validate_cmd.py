"""`kg validate`: SHACL shapes and Cell Ontology checks over a build, as a report.

Exit codes: 0 conforms at the chosen level, 1 does not conform, 2 usage or input error.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import build_dir_option, jobs_option, output_option
from kg.cli.terminal import echo

SEVERITIES = ("violation", "warning")
FORMATS = ("json", "text", "turtle")


@click.command(name="validate")
@build_dir_option
@click.option(
    "--shapes",
    "shapes_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of extra SHACL shapes (*.ttl), merged with kg's own. Repeatable.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people; json or turtle (the SHACL report graph) for programs.",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default="violation",
    show_default=True,
    help="The least severe result that makes the exit code 1 (kg's policy; the Turtle "
    "report's sh:conforms is SHACL's: false whenever there is any result, warnings included).",
)
@jobs_option("Validate page graphs in this many processes.")
@click.option(
    "--ontology",
    "ontologies",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Check against this Cell Ontology file instead of the one the build used.",
)
@click.option(
    "--engine",
    type=click.Choice(("compiled", "pyshacl")),
    default="compiled",
    show_default=True,
    help="SHACL engine: kg's compiled shapes, or pyshacl itself (the reference).",
)
@click.option("--no-reasoner", is_flag=True, help="Skip the HermiT consistency check.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Validate every page graph again, ignoring (and not updating) the results kept in "
    "BUILD/validation-cache from earlier runs.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Text format: results shown per page and constraint.",
)
@output_option
def command(
    build_dir: Path,
    shapes_dirs: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    jobs: int,
    ontologies: tuple[Path, ...],
    engine: str,
    no_reasoner: bool,
    no_cache: bool,
    limit: int,
    output: Path | None,
) -> None:
    """Validate the build: SHACL shapes per page graph, evidence, Cell Ontology checks.

    Results point at FILE:LINE of the page they come from, with the quoted text.
    """
    from kg.validate import Severity, validate_build
    from kg.validate.render import render

    report = validate_build(
        build_dir,
        shapes_dirs,
        jobs=jobs,
        ontology_paths=list(ontologies) or None,
        reasoner=not no_reasoner,
        engine=engine,
        cache=not no_cache,
    )
    level = Severity(fail_on.capitalize())
    text = render(report, fmt, fail_on=level, limit=limit)
    if output is None:
        echo(text, nl=False)
    else:
        from kg.store.atomic import write_text_atomic

        write_text_atomic(output, text)
    raise click.exceptions.Exit(0 if report.conforms(level) else 1)
