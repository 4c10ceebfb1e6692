"""Options shared by several commands, as decorator constants."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_BUILD_DIR = Path("build")

build_dir_option = click.option(
    "--build-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_BUILD_DIR,
    show_default=True,
    help="The build folder written by `kg build`.",
)


def _output_folder_exists(
    _ctx: click.Context, _param: click.Parameter, value: Path | None
) -> Path | None:
    """``-o`` needs its folder to exist (kg does not create folders for it): checked first."""
    if value is not None:
        from kg.store.atomic import require_folder

        require_folder(value)
    return value


output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    callback=_output_folder_exists,
    help="Write to this file instead of standard output (written whole or not at all; "
    "its folder must exist).",
)


def jobs_option(help_text: str) -> Callable[[F], F]:
    """``-j/--jobs N``: processes to use (build and validate)."""
    return click.option(
        "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help=help_text
    )
