"""`kg parse PAGE`: read one page and print what the reader found."""

from __future__ import annotations

import click

from kg.cli.terminal import echo


@click.command(name="parse")
@click.argument("page", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
def command(page: str, fmt: str) -> None:
    """Read one PAGE file and print its parsed structure (every element with its lines).

    A file that is text but not a SciDEX page gives a partial result and a warning (exit 0);
    an empty, binary or non-UTF-8 file is an error (exit 2).
    """
    from kg.pages import read_page
    from kg.parse import parse_page
    from kg.parse.model import Shell
    from kg.parse.render import render_json, render_text

    source = read_page(page)
    parsed = parse_page(source)
    render = render_json if fmt == "json" else render_text
    echo(render(parsed, source), nl=False)
    if parsed.shell is Shell.UNKNOWN:
        echo(f"Warning: {page}:1: not recognised as a SciDEX page; partial result", err=True)
