"""The ``kg`` command line: a thin layer over the library (one module per command).

Exit codes (pyshacl's convention): 0 success / conforms, 1 does not conform (``kg build``: a
page failed, the others were built), 2 usage, input or output error (``kg build``: nothing could
be built). Errors, OS errors included, are printed as one line ``Error: <message>`` without a
traceback; the group below does that inside click, so ``CliRunner`` sees the same codes.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import Any

import click

from kg import __version__

#: command name -> module under kg.cli defining ``command`` (a click.Command)
COMMANDS: dict[str, str] = {
    "parse": "kg.cli.parse_cmd",
    "build": "kg.cli.build_cmd",
    "export": "kg.cli.export_cmd",
    "validate": "kg.cli.validate_cmd",
    "query": "kg.cli.query_cmd",
    "diagram": "kg.cli.diagram_cmd",
    "provenance": "kg.cli.provenance_cmd",
    "path": "kg.cli.path_cmd",
    "push": "kg.cli.push_cmd",
}


class KgFailure(click.ClickException):
    """A :class:`kg.errors.KgError` (or an OS error naming a file) as click shows it: exit 2.

    The message may quote page text or file names, so it is made terminal-safe.
    """

    exit_code = 2

    def __init__(self, message: str) -> None:
        from kg.cli.terminal import terminal_safe

        super().__init__(terminal_safe(message))


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (keeps ``kg --help`` fast), and
    turns the library's errors into exit code 2 inside click, so every caller (the ``kg``
    script, ``python -m kg``, click's ``CliRunner``) sees the same ``Error: ...`` and code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        return importlib.import_module(module).command

    def invoke(self, ctx: click.Context) -> Any:
        from kg.errors import KgError

        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise KgFailure(str(exc)) from None
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            raise click.exceptions.Exit(2) from None
        except BrokenPipeError:  # `kg query ... | head`: the reader has what it wanted
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except OSError as exc:  # one line naming the path, never a traceback
            where = f"{exc.filename}: " if exc.filename is not None else ""
            raise KgFailure(f"{where}{exc.strerror or exc}") from None
        except click.ClickException as exc:
            if exc.exit_code == 1:  # a plain ClickException: an error, so 2 (usage/input)
                exc.exit_code = 2
            raise


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """Build an RDF knowledge graph with provenance from SciDEX wiki pages.

    Start with `kg build` (reads seeds/ by default), then `kg validate`, `kg query`,
    `kg diagram`, `kg provenance`, `kg export`.
    """
    from kg.cli.terminal import SafeFormatter

    level = logging.WARNING - 10 * verbose
    handler = logging.StreamHandler()
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=max(level, logging.DEBUG), handlers=[handler])


def main() -> None:
    """Entry point of the ``kg`` script."""
    cli.main()
