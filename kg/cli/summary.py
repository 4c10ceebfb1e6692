"""Rendering the build summary for the terminal."""

from __future__ import annotations

from pathlib import Path

from kg.cli.terminal import echo
from kg.pipeline import BuildResult

MAX_LISTED = 10
_STORE_MODES = {
    "full": "dataset and store written",
    "incremental": "dataset written, store updated",
    "unchanged": "dataset and store unchanged",
}


def print_summary(result: BuildResult) -> None:
    pages = result.pages
    built = [p for p in pages if p.status == "built"]
    cached = [p for p in pages if p.status == "cached"]
    echo(
        f"Built {result.out}/: {len(pages)} pages ({len(built)} built, {len(cached)} from cache, "
        f"{len(result.failed)} failed); {_STORE_MODES[result.store_mode]}"
    )
    for why in result.repaired:
        echo(f"  damaged, rebuilt: {why}", fg="yellow", err=True)
    graphs = len(pages) - len(result.failed) + 2
    echo(
        f"  triples: {result.triples:,} distinct ({result.quads:,} quads) in {graphs} named "
        "graphs (one per page, terms, build)"
    )
    if result.entities_by_category:
        cats = ", ".join(
            f"{k.split(':', 1)[1]} {n}" for k, n in result.entities_by_category.items()
        )
        echo(f"  entities by type: {cats}")
    ungrounded = sorted({u for p in pages for u in p.ungrounded})
    shown = ", ".join(ungrounded[:MAX_LISTED]) + (
        f", … (+{len(ungrounded) - MAX_LISTED})" if len(ungrounded) > MAX_LISTED else ""
    )
    echo(f"  ungrounded mentions: {len(ungrounded)}" + (f" ({shown})" if ungrounded else ""))
    warnings = [w for p in pages for w in p.problems]
    echo(f"  warnings: {len(warnings)}")
    for w in warnings[:MAX_LISTED]:
        echo(f"    {w}")
    if len(warnings) > MAX_LISTED:
        echo(f"    … {len(warnings) - MAX_LISTED} more in {result.out}/manifest.json")
    for p in result.failed:
        echo(f"  failed: {p.error}", fg="red", err=True)


def print_validation(build_dir: Path, jobs: int = 1) -> None:
    """Run validation on the build and print its one-line summary (never fails the build)."""
    from kg.validate import summary_line, validate_build

    report = validate_build(build_dir, jobs=jobs)
    echo(f"  validation: {summary_line(report)} (details: kg validate --build-dir {build_dir})")
