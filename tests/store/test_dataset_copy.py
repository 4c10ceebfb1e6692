"""A rebuild copies the unchanged pages' graphs from the previous dataset, checked as it goes.

kg.store.dataset.write_dataset copies a page's cached part from the previous dataset when the
index says where it is and its sha256 is the one the page cache records; the file must be byte
for byte the one a build from scratch writes. A previous dataset whose bytes do not match (even
when its stat and index were made to look right) is not copied from.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from kg import vocab as v
from kg.pipeline import build
from kg.store import open_store
from kg.store.dataset_index import index_path, read_index
from tests.conftest import IPSC_SEED, SEEDS_DIR


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS_DIR, folder)
    return folder


def _edit(pages: Path, old: str, new: str) -> None:
    page = pages / IPSC_SEED.name
    text = page.read_text("utf-8")
    assert old in text
    page.write_text(text.replace(old, new), "utf-8")


def _fresh(pages: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    build([pages], out=out)
    return (out / "dataset.nq").read_bytes()


def _store_holds_dataset(out: Path) -> None:
    in_store = {f"{q} ." for q in open_store(out).quads_for_pattern(None, None, None, None)}
    assert in_store == set((out / "dataset.nq").read_text("utf-8").splitlines())


def test_unchanged_pages_are_copied_and_the_bytes_are_a_fresh_builds(
    pages: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    assert build([pages], out=out).copied == 0  # nothing to copy from
    _edit(pages, "Directed Differentiation", "Direct Conversion")
    edited = build([pages], out=out)
    assert edited.copied == 1 and edited.store_mode == "incremental"  # the other seed
    assert (out / "dataset.nq").read_bytes() == _fresh(pages, tmp_path)
    _store_holds_dataset(out)
    spans = read_index(out / "dataset.nq")
    pages_spans = [s for s in spans or () if s.graph not in (v.BUILD_GRAPH, v.TERMS_GRAPH)]
    assert len(pages_spans) == 2 and all(s.content and s.tail for s in pages_spans)


def _motor_span(out: Path) -> tuple[int, int]:
    spans = read_index(out / "dataset.nq") or ()
    span = next(s for s in spans if s.graph.endswith("/graph-cell-types-motor-neurons"))
    return span.start, span.end - span.tail  # the page left unedited


def test_previous_bytes_that_do_not_match_are_not_copied(pages: Path, tmp_path: Path) -> None:
    """The unchanged page's bytes in the previous dataset are altered, its stat restored."""
    out = tmp_path / "build"
    build([pages], out=out)
    dataset = (out / "dataset.nq").resolve()
    start, end = _motor_span(out)
    st = dataset.stat()
    data = bytearray(dataset.read_bytes())
    at = data.index(b'"', start)  # inside a literal of that page's graph
    assert at + 1 < end
    data[at + 1] = ord("Q") if data[at + 1] != ord("Q") else ord("R")
    dataset.write_bytes(bytes(data))
    os.utime(dataset, ns=(st.st_atime_ns, st.st_mtime_ns))  # its stat looks unchanged
    _edit(pages, "Directed Differentiation", "Direct Conversion")
    edited = build([pages], out=out)
    assert edited.copied == 0  # written from the page cache instead
    assert (out / "dataset.nq").read_bytes() == _fresh(pages, tmp_path)
    _store_holds_dataset(out)


def test_an_index_with_swapped_graphs_is_not_copied_from(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build([pages], out=out)
    index = index_path(out / "dataset.nq")
    data = json.loads(index.read_text("utf-8"))
    page_rows = [row for row in data["graphs"] if row[0] not in (v.BUILD_GRAPH, v.TERMS_GRAPH)]
    assert len(page_rows) == 2
    page_rows[0][0], page_rows[1][0] = page_rows[1][0], page_rows[0][0]
    page_rows[0][4], page_rows[1][4] = page_rows[1][4], page_rows[0][4]  # content too
    index.write_text(json.dumps(data), "utf-8")
    _edit(pages, "Directed Differentiation", "Direct Conversion")
    edited = build([pages], out=out)
    assert edited.copied == 0
    assert (out / "dataset.nq").read_bytes() == _fresh(pages, tmp_path)
