"""The validation result cache (kg.validate.result_cache): an edit re-validates only what changed.

A build of the two seed pages is validated with the cache, again (everything read back), then
one page is edited and rebuilt: the report must be the report of a validation without the cache,
and only the units whose input changed may be evaluated. Damaged entries are never trusted.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.validate import validate_build
from kg.validate.render import render
from kg.validate.report import Report
from kg.validate.result_cache import FOLDER
from kg.validate.runner import RunStats
from kg.validate.source import PageInfo, dataset_path, read_dataset
from kg.validate.units import BUILD_UNIT
from tests.conftest import SEEDS_DIR

EDITED = "001_fc51c25c67a0d5c9.txt"


def _validate(out: Path, *, cache: bool = True, jobs: int = 1) -> tuple[Report, RunStats]:
    stats = RunStats()
    report = validate_build(out, jobs=jobs, reasoner=False, cache=cache, stats=stats)
    return report, stats


def _json(report: Report) -> str:
    return render(report, "json")


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS_DIR, folder)
    return folder


def _entries(out: Path) -> list[Path]:
    return sorted((out / FOLDER).glob("*.json"))


def test_an_edit_revalidates_only_the_changed_units(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build([pages], out=out)
    first, stats = _validate(out)
    assert stats.cached == 0 and len(stats.evaluated) == stats.units >= 3
    slugs = {p.slug for p in _pages(out)}
    assert len(slugs) == 2 and slugs <= set(stats.evaluated)
    # one entry per unit, and per page its ontology checks and its graph's summary (two parts),
    # and the run's whole report (kg.validate.run_reuse)
    assert len(_entries(out)) == stats.units + 3 * len(slugs) + 1
    assert stats.indexed and len(stats.summarized) == 2

    (out / FOLDER / "run.json").unlink()  # this test is about the per-unit entries
    again, stats = _validate(out)
    assert stats.evaluated == [] and stats.cached == stats.units and not stats.reused
    assert stats.summarized == []  # no page graph parsed
    assert _json(again) == _json(first)

    edited = pages / EDITED
    text = edited.read_text("utf-8")
    edited.write_text(text + "\nAn added closing line.\n", "utf-8")
    build([pages], out=out)
    after, stats = _validate(out)
    fresh, fresh_stats = _validate(out, cache=False)
    assert _json(after) == _json(fresh)
    assert len(fresh_stats.evaluated) == fresh_stats.units
    edited_slug = next(p.slug for p in _pages(out) if (p.source_file or "").endswith(EDITED))
    other = (slugs - {edited_slug}).pop()
    assert edited_slug in stats.evaluated
    assert other not in stats.evaluated  # its graph and its context did not change
    assert set(stats.evaluated) <= {edited_slug, BUILD_UNIT, "(terms)"}
    edited_graph = next(p.graph for p in _pages(out) if p.slug == edited_slug)
    assert stats.summarized == [edited_graph]  # the only graph parsed to cut the units
    # the entries of the page before the edit are gone (pruned), the others kept
    assert stats.pruned >= 1
    assert len(_entries(out)) == stats.units + 3 * len(slugs) + 1  # summaries: two parts


def test_a_damaged_cache_is_never_trusted(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build([pages], out=out)
    clean, _ = _validate(out)
    entries = _entries(out)
    assert entries
    for i, entry in enumerate(entries):
        head_line, _, body = entry.read_bytes().partition(b"\n")  # header line, payload
        head, payload = json.loads(head_line), json.loads(body)
        if i % 3 == 0:
            entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])  # truncated
        elif i % 3 == 1:  # content changed without its digest: not the entry that was written
            if "results" in payload:  # a unit's or a page's ontology checks
                found = payload["results"]
                payload["results"] = found[1:] if found else [{"severity": "Violation"}]
            else:  # a part of a graph's summary (kg.validate.graph_summary)
                field = "nodes" if "nodes" in payload else "wiki_pages"
                payload[field] = [*payload[field][1:], "https://example.org/other"]
            entry.write_bytes(head_line + b"\n" + json.dumps(payload).encode())
        else:  # another entry's content under this name
            head["key"] = "0" * 40
            entry.write_bytes(json.dumps(head).encode() + b"\n" + body)
    report, stats = _validate(out)
    assert stats.cached == 0 and len(stats.evaluated) == stats.units
    assert stats.indexed and len(stats.summarized) == 2  # every summary made again
    assert _json(report) == _json(clean)


def test_a_page_file_edited_after_the_build_is_checked_again(pages: Path, tmp_path: Path) -> None:
    """The quote check reads the page file, so its bytes are part of a unit's key: a file
    changed since the build (not rebuilt) is not answered from the cache."""
    out = tmp_path / "build"
    build([pages], out=out)
    first, _ = _validate(out)
    edited = pages / EDITED
    text = edited.read_text("utf-8")
    edited.write_text("\n".join(line.upper() for line in text.split("\n")), "utf-8")
    after, stats = _validate(out)
    fresh, _ = _validate(out, cache=False)
    assert _json(after) == _json(fresh)
    assert _json(after) != _json(first)  # the quotes no longer match the file
    edited_slug = next(p.slug for p in _pages(out) if (p.source_file or "").endswith(EDITED))
    assert edited_slug in stats.evaluated


def test_parallel_validation_with_and_without_the_cache_agree(seed_build: Path) -> None:
    # jobs=2 without the cache goes through the worker processes
    fresh, stats = _validate(seed_build, cache=False, jobs=2)
    assert len(stats.evaluated) == stats.units
    cached, _ = _validate(seed_build, cache=True, jobs=2)
    assert _json(cached) == _json(fresh)


def _pages(out: Path) -> tuple[PageInfo, ...]:
    return read_dataset(dataset_path(out)).pages
