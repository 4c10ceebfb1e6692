"""A validation whose inputs did not change reads the last run's whole report back
(kg.validate.run_reuse); any input changed, or the entry damaged, and the run is made unit by
unit, with the report of a validation without any cache.

Each test builds the two seed pages (copied, so they can be edited) and compares reports as
`kg validate --format json` renders them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.validate import run_reuse, validate_build
from kg.validate.reasoner import java
from kg.validate.render import render
from kg.validate.result_cache import FOLDER
from kg.validate.runner import RunStats
from tests.conftest import SEEDS_DIR

EDITED = "001_fc51c25c67a0d5c9.txt"
RUN_ENTRY = f"{run_reuse.KEY}.json"


def _validate(out: Path, *, cache: bool = True, **options: object) -> tuple[str, RunStats]:
    stats = RunStats()
    options.setdefault("reasoner", False)
    report = validate_build(out, cache=cache, stats=stats, **options)  # type: ignore[arg-type]
    return render(report, "json"), stats


@contextmanager
def _in(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A build of a copy of the seeds, made from ``tmp_path`` (page files named relatively),
    validated once so that its whole report is kept."""
    shutil.copytree(SEEDS_DIR, tmp_path / "pages")
    with _in(tmp_path):
        build([Path("pages")], out=Path("build"))
        _, stats = _validate(Path("build"))
    assert not stats.reused and stats.evaluated
    assert (tmp_path / "build" / FOLDER / RUN_ENTRY).is_file()
    return tmp_path


def test_nothing_changed_reads_the_whole_report_back(built: Path) -> None:
    with _in(built):
        again, stats = _validate(Path("build"))
        fresh, _ = _validate(Path("build"), cache=False)
        assert stats.reused and stats.evaluated == [] and stats.cached == stats.units > 2
        assert again == fresh
        # without the whole-run entry the per-unit cache answers, unit by unit, the same
        (built / "build" / FOLDER / RUN_ENTRY).unlink()
        unit_by_unit, stats = _validate(Path("build"))
        assert not stats.reused and stats.evaluated == [] and stats.summarized == []
        assert unit_by_unit == fresh
        assert (built / "build" / FOLDER / RUN_ENTRY).is_file()  # kept again by that run


def test_a_page_file_edited_after_the_build_is_not_answered_from_the_last_run(
    built: Path,
) -> None:
    """The quote check reads the page file: its bytes are an input even without a rebuild."""
    page = built / "pages" / EDITED
    with _in(built):
        before, _ = _validate(Path("build"))
        page.write_text(page.read_text("utf-8").upper(), "utf-8")
        after, stats = _validate(Path("build"))
        fresh, _ = _validate(Path("build"), cache=False)
    assert not stats.reused and stats.evaluated
    assert after == fresh
    assert after != before  # the quotes no longer match the file


def test_a_rebuild_after_an_edit_is_validated_again(built: Path) -> None:
    page = built / "pages" / EDITED
    page.write_text(page.read_text("utf-8") + "\nAn added closing line.\n", "utf-8")
    with _in(built):
        build([Path("pages")], out=Path("build"))
        after, stats = _validate(Path("build"))
        fresh, _ = _validate(Path("build"), cache=False)
    assert not stats.reused and stats.evaluated
    assert after == fresh


def test_other_settings_shapes_or_working_folder_are_not_answered_from_the_last_run(
    built: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    extra = tmp_path_factory.mktemp("shapes")
    (extra / "extra.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix ex: <https://example.org/> .\n"
        "ex:S a sh:NodeShape ; sh:targetSubjectsOf <http://www.w3.org/2000/01/rdf-schema#label> ;\n"
        "  sh:property [ sh:path <http://www.w3.org/2000/01/rdf-schema#label> ; sh:maxLength 3 ] .\n",
        "utf-8",
    )
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    with _in(built):
        with_shapes, stats = _validate(Path("build"), shapes_dirs=[extra])
        assert not stats.reused
        assert with_shapes == _validate(Path("build"), cache=False, shapes_dirs=[extra])[0]
        _, stats = _validate(Path("build"), reasoner_timeout=7.0)
        assert not stats.reused  # the reasoner's settings are inputs
        _, stats = _validate(Path("build"), engine="pyshacl")
        assert not stats.reused
    with _in(built):  # the same shape file from another folder: the report names that one
        for name in ("a", "b"):
            shutil.copytree(extra, built / name)
        _validate(Path("build"), shapes_dirs=[Path("a")])
        from_b, stats = _validate(Path("build"), shapes_dirs=[Path("b")])
        assert not stats.reused and "b/extra.ttl" in from_b and "a/extra.ttl" not in from_b
    with _in(elsewhere):  # page files named relatively are looked for from here, too
        moved, stats = _validate(built / "build")
        assert not stats.reused
        assert moved == _validate(built / "build", cache=False)[0]


def test_a_dataset_not_as_indexed_or_a_damaged_entry_is_not_trusted(built: Path) -> None:
    out = built / "build"
    entry = out / FOLDER / RUN_ENTRY
    with _in(built):
        fresh, _ = _validate(Path("build"), cache=False)
        head, _, body = entry.read_bytes().partition(b"\n")
        payload = json.loads(body)
        payload["report"]["results"] = payload["report"]["results"][1:]
        entry.write_bytes(head + b"\n" + json.dumps(payload).encode())  # digest no longer fits
        damaged, stats = _validate(Path("build"))
        assert not stats.reused and damaged == fresh
        _, stats = _validate(Path("build"))
        assert stats.reused  # the run above kept its report again
        dataset = (out / "dataset.nq").resolve()
        os.utime(dataset, ns=(dataset.stat().st_atime_ns, dataset.stat().st_mtime_ns + 10**9))
        touched, stats = _validate(Path("build"))  # not the file the index describes
        assert not stats.reused and not stats.indexed and touched == fresh


@pytest.mark.skipif(java() is None, reason="needs Java to run HermiT (install a JRE)")
def test_a_run_whose_reasoner_ran_out_of_time_is_not_kept(built: Path) -> None:
    entry = built / "build" / FOLDER / RUN_ENTRY
    entry.unlink()
    with _in(built):
        report, stats = _validate(Path("build"), reasoner=True, reasoner_timeout=0.0)
    assert not stats.reused and "did not finish" in report
    assert not entry.exists()


def test_no_cache_neither_reads_nor_keeps_the_whole_report(built: Path) -> None:
    entry = built / "build" / FOLDER / RUN_ENTRY
    entry.unlink()
    with _in(built):
        _, stats = _validate(Path("build"), cache=False)
    assert not stats.reused and stats.evaluated and not entry.exists()


def test_a_run_reads_each_page_file_once_for_its_keys(tmp_path: Path) -> None:
    """Inside digests_remembered a page file's digest is the one first read (the run's keys
    and the units' agree); outside, each call reads the file as it is."""
    from kg.validate.evidence import digests_remembered, file_digest

    page = tmp_path / "page.txt"
    page.write_text("first", "utf-8")
    roots = [tmp_path]
    with digests_remembered():
        first = file_digest("page.txt", roots)
        page.write_text("second", "utf-8")
        assert file_digest("page.txt", roots) == first
        assert file_digest("absent.txt", roots) is None
    assert file_digest("page.txt", roots) not in (first, None)
