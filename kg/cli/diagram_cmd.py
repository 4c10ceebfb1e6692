"""`kg diagram` (not built yet)."""

from __future__ import annotations

import click


@click.command(name="diagram")
def command() -> None:
    """Not built yet."""
    raise click.ClickException("`kg diagram` is not built yet")
