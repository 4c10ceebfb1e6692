"""`kg push`: load the build into a SPARQL server, replacing only the graphs that moved."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.options import build_dir_option

if TYPE_CHECKING:
    from kg.push import PushReport

SHARED_MODES = ("replace", "merge", "skip")  # kg.push.SHARED_MODES (checked by a test)


@click.command(name="push")
@build_dir_option
@click.option(
    "--endpoint",
    required=True,
    envvar="KG_PUSH_ENDPOINT",
    help="The server's SPARQL endpoint (e.g. http://localhost:3030/ds). [env: KG_PUSH_ENDPOINT]",
)
@click.option(
    "--gsp-endpoint",
    envvar="KG_PUSH_GSP_ENDPOINT",
    help="Its Graph Store Protocol URL, if not --endpoint (Oxigraph: .../store).",
)
@click.option(
    "--update-endpoint",
    envvar="KG_PUSH_UPDATE_ENDPOINT",
    help="Its SPARQL update URL, if not --endpoint (Oxigraph: .../update).",
)
@click.option("--user", envvar="KG_PUSH_USER", help="User name (HTTP Basic or Digest).")
@click.option("--password", envvar="KG_PUSH_PASSWORD", help="Password (prefer --password-file).")
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="KG_PUSH_PASSWORD_FILE",
    help="A file whose first line is the password.",
)
@click.option("--token", envvar="KG_PUSH_TOKEN", help="A bearer token, in place of a user.")
@click.option(
    "--shared",
    type=click.Choice(SHARED_MODES),
    default="replace",
    show_default=True,
    help="The terms and build graphs: replace them, merge into them (shard builds), or skip.",
)
@click.option("--full", is_flag=True, help="Send every graph, whatever the last push sent.")
@click.option("--dry-run", is_flag=True, help="Say what would move; send nothing.")
def command(
    build_dir: Path,
    endpoint: str,
    gsp_endpoint: str | None,
    update_endpoint: str | None,
    user: str | None,
    password: str | None,
    password_file: Path | None,
    token: str | None,
    shared: str,
    full: bool,
    dry_run: bool,
) -> None:
    """Push the build into an existing SPARQL 1.1 server (Graph Store HTTP Protocol).

    One named graph per page plus the terms and build graphs; a second push sends only the
    pages that changed and deletes the graphs of pages removed (the state is kept in
    BUILD_DIR/push-state.json per server). Exit code 2 when the server refuses or cannot be
    reached.
    """
    from kg.push import Endpoints, push, read_credentials

    endpoints = Endpoints.of(endpoint, update=update_endpoint, gsp=gsp_endpoint)
    credentials = read_credentials(user, password, password_file, token)
    report = push(
        build_dir, endpoints, credentials=credentials, shared=shared, full=full, dry_run=dry_run
    )
    print_report(report)


def print_report(report: PushReport) -> None:
    """What moved, one line, then (on a dry run) each graph that would move."""
    p = report.plan
    verb = "Would push" if report.dry_run else "Pushed"
    click.echo(
        f"{verb} to {report.endpoint}: {len(p.replace)} graphs replaced "
        f"({report.quads_sent:,} quads), {len(p.merge)} merged, {len(p.relinked)} relinked, "
        f"{len(p.delete)} deleted, {len(p.unchanged)} unchanged"
        + ("" if report.dry_run else f" ({report.requests} requests)")
    )
    if report.dry_run:
        moves = [
            *(("replace", g) for g in p.replace),
            *(("merge", g) for g in p.merge),
            *(("relink", g) for g in p.relinked),
            *(("delete", g) for g in p.delete),
        ]
        for action, graph in moves:
            click.echo(f"  {action:<7} {graph}")
