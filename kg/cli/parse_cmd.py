"""`kg parse PAGE`: read one page and print what the reader found."""

from __future__ import annotations

import click


@click.command(name="parse")
@click.argument("page", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
def command(page: str, fmt: str) -> None:
    """Read one PAGE file and print its parsed structure (every element with its lines)."""
    raise click.ClickException("`kg parse` is not built yet")
