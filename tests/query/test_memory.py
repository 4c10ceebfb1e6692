"""`kg query --max-memory`: a query whose worker outgrows the limit is stopped, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError
from kg.query.memory import parse_size
from kg.query.run import run_query

CROSS_JOIN = "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
SMALL = "SELECT ?s WHERE { ?s a ?type } LIMIT 5"
LIMIT = "256M"  # the worker needs about 30-60 MB for a small query; the cross join, gigabytes


def test_the_cross_join_is_stopped_at_the_limit(seed_build: Path) -> None:
    """Regression: this query peaked at several GB (4.5 GB within its 10 s time limit)."""
    args = ["query", CROSS_JOIN, "--build-dir", str(seed_build), "--timeout", "60"]
    r = CliRunner().invoke(cli, [*args, "--max-memory", LIMIT])
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        f"Error: query stopped: memory limit {LIMIT} reached (--max-memory). Narrow the query "
        "(more specific patterns, LIMIT) or allow more with --max-memory SIZE (0 for no limit)."
    ]


def test_a_small_query_runs_under_the_same_limit(seed_build: Path) -> None:
    result = run_query(seed_build, SMALL, max_memory=LIMIT, timeout=60)
    assert len(result.rows) == 5


def test_the_limit_applies_without_a_time_limit(seed_build: Path) -> None:
    with pytest.raises(QueryError, match="memory limit 64M reached"):
        run_query(seed_build, CROSS_JOIN, max_memory="64M", timeout=None)


def test_sizes() -> None:
    assert parse_size("512M") == 512 * 1024 * 1024
    assert parse_size("2G") == 2 * 1024**3
    assert parse_size("1.5g") == 3 * 1024**3 // 2
    assert parse_size("0") is None
    with pytest.raises(QueryError, match="give a size such as 512M"):
        parse_size("lots")
