"""`kg build` (not built yet)."""

from __future__ import annotations

import click


@click.command(name="build")
def command() -> None:
    """Not built yet."""
    raise click.ClickException("`kg build` is not built yet")
