"""`kg export` (not built yet)."""

from __future__ import annotations

import click


@click.command(name="export")
def command() -> None:
    """Not built yet."""
    raise click.ClickException("`kg export` is not built yet")
