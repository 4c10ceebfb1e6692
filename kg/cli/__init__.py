"""The ``kg`` command line: a thin layer over the library (one module per command).

Exit codes (pyshacl's convention): 0 success / conforms, 1 does not conform, 2 usage or input
error. Errors are printed as ``Error: <message>`` without a traceback.
"""

from __future__ import annotations

import importlib
import logging
import sys

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
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (keeps ``kg --help`` fast)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        return importlib.import_module(module).command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """Build an RDF knowledge graph with provenance from SciDEX wiki pages.

    Start with `kg build` (reads seeds/ by default), then `kg validate`, `kg query`,
    `kg diagram`, `kg provenance`, `kg export`.
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(
        level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s"
    )


def main() -> None:
    """Entry point of the ``kg`` script."""
    from kg.errors import KgError

    try:
        rv = cli.main(standalone_mode=False)
        if isinstance(rv, int) and rv:
            sys.exit(rv)
    except KgError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if exc.exit_code in (1, 2) else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
