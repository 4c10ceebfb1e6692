"""`kg validate` (not built yet)."""

from __future__ import annotations

import click


@click.command(name="validate")
def command() -> None:
    """Not built yet."""
    raise click.ClickException("`kg validate` is not built yet")
