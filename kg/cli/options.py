"""Options shared by several commands, as decorator constants."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_BUILD_DIR = Path("build")

build_dir_option = click.option(
    "--build-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_BUILD_DIR,
    show_default=True,
    help="The build folder written by `kg build`.",
)

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
