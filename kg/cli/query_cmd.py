"""`kg query` (not built yet)."""

from __future__ import annotations

import click


@click.command(name="query")
def command() -> None:
    """Not built yet."""
    raise click.ClickException("`kg query` is not built yet")
