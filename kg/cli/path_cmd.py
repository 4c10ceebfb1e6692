"""`kg path` (not built yet)."""

from __future__ import annotations

import click


@click.command(name="path")
def command() -> None:
    """Not built yet."""
    raise click.ClickException("`kg path` is not built yet")
