"""`kg provenance` (not built yet)."""

from __future__ import annotations

import click


@click.command(name="provenance")
def command() -> None:
    """Not built yet."""
    raise click.ClickException("`kg provenance` is not built yet")
