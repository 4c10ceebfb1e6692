"""`kg query`: SPARQL over the build's store (SELECT, ASK, CONSTRUCT/DESCRIBE; safe by default)."""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.options import build_dir_option, output_option
from kg.cli.terminal import echo

if TYPE_CHECKING:
    from kg.query.named import NamedQuery
    from kg.query.results import QueryResult

FORMATS = ("table", "csv", "tsv", "json")


@click.command(name="query")
@click.argument("query", required=False)
@build_dir_option
@click.option(
    "--file",
    "query_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the query from a .rq file.",
)
@click.option("--name", "name", help="Run a shipped query (see --list).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Print at most N rows.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="Stop the query after SECONDS (0: no limit).",
)
@click.option(
    "--max-memory",
    metavar="SIZE",
    default="2G",
    show_default=True,
    help="Stop the query when its worker process holds more than SIZE of memory "
    "(512M, 2G; 0: no limit).",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to VALUE (an IRI, a CURIE such as CL:0000100, or a string). Repeatable.",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow SERVICE and LOAD (pyoxigraph then makes HTTP requests) and FROM graphs the build lacks.",
)
@click.option("--update", is_flag=True, help="Allow a SPARQL update; opens the store for writing.")
@click.option(
    "--list", "list_", is_flag=True, help="List the shipped queries and their parameters."
)
@output_option
def command(
    query: str | None,
    build_dir: Path,
    query_file: Path | None,
    name: str | None,
    fmt: str,
    limit: int | None,
    timeout: float,
    max_memory: str,
    params: tuple[str, ...],
    allow_remote: bool,
    update: bool,
    list_: bool,
    output: Path | None,
) -> None:
    """Run a SPARQL QUERY (or --file, or --name) against the build; QUERY "-" reads stdin.

    Project prefixes (CL, RO, biolink, prov, oa, dcterms, skos, kg, kgv, HGNC, ...) need no
    PREFIX line. The default graph is the union of all graphs; GRAPH ?g names a page's graph.
    """
    from kg.query.named import list_named
    from kg.query.params import parse_assignments
    from kg.query.run import run_named, run_query

    if list_:
        echo(_listing(list_named()), nl=False)
        return
    sources = [s for s in (query, query_file, name) if s is not None]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of QUERY, --file F.rq or --name NAME (or --list)")
    bound = parse_assignments(params)
    if name is not None:
        if update or allow_remote:
            raise click.UsageError("--update and --allow-remote apply to your own queries")
        result = run_named(
            build_dir,
            name,
            params=bound,
            limit=limit,
            timeout=timeout or None,
            max_memory=max_memory,
        )
    else:
        text, source = _read_query(query, query_file)
        result = run_query(
            build_dir,
            text,
            source=source,
            params=bound,
            limit=limit,
            timeout=timeout or None,
            max_memory=max_memory,
            allow_remote=allow_remote,
            update=update,
        )
    _print(result, fmt, output)


def _read_query(query: str | None, query_file: Path | None) -> tuple[str, str | None]:
    from kg.errors import InputError

    if query_file is None:
        return (sys.stdin.read(), "<stdin>") if query == "-" else (query or "", None)
    try:
        return query_file.read_text("utf-8"), str(query_file)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the query file: {exc}", path=query_file) from None


def _print(result: QueryResult, fmt: str, output: Path | None) -> None:
    """To the terminal (terminal-safe), or the exact text to ``output``."""
    from kg.query.formats import render
    from kg.query.results import ResultKind

    width = shutil.get_terminal_size().columns if output is None and sys.stdout.isatty() else None
    text = render(result, fmt, width=width)
    if output is None:
        echo(text, nl=not text.endswith("\n"))
    else:
        from kg.store.atomic import write_text_atomic

        write_text_atomic(output, text)
    for warning in result.warnings:
        echo(f"Warning: {warning}", err=True)
    if result.truncated and fmt != "table":
        echo(f"(stopped at --limit {result.limit}; there are more)", err=True)
    if result.kind is ResultKind.UPDATE:
        echo(
            "The store now differs from dataset.nq; `kg build` rebuilds it from the pages.",
            err=True,
        )


def _listing(queries: tuple[NamedQuery, ...]) -> str:
    """Name and title, then the description and the parameters, indented."""
    width = max((len(q.name) for q in queries), default=0)
    indent = " " * (width + 2)
    lines: list[str] = []
    for q in queries:
        lines.append(f"{q.name.ljust(width)}  {q.title}")
        lines += textwrap.wrap(q.description, 96, initial_indent=indent, subsequent_indent=indent)
        for p in q.params:
            lines.append(f"{indent}--param {p.name}=<{p.kind}>  {p.description}".rstrip())
        if not q.params:
            lines.append(f"{indent}(no parameters)")
    return "\n".join(lines) + "\n"
