"""`kg build --shard I/N`: N shard builds together are the full build, page graph by page graph.

What must hold, and what may differ per shard:
- every page is built by exactly one shard, and its page graph is byte for byte the full
  build's except for the one line linking the page to the build activity, which names the
  shard's own activity (an activity digests the input hashes of the pages it built);
- each shard's build graph is the activity of its own pages (``prov:used`` exactly them);
- each shard's terms graph covers the entities its pages use: the union of the shards' terms
  graphs holds every line of the full build's, and more only where a minted node
  (``kg:...``) got its label from the first name *its shard* saw (so a shard's label may be
  another than the full build's first-seen name); each shard still gives one label per entity.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import vocab as v
from kg.cli import cli
from kg.errors import InputError
from kg.pages import find_pages
from kg.pages.shard import Shard, parse_shard, shard_of
from kg.pipeline import build
from kg.push.graphs import Build
from kg.rdf.page_graph import activity_link
from kg.store import read_manifest
from tests.conftest import PAGE_FIXTURES_DIR, SEEDS_DIR

N = 3
INPUTS = (SEEDS_DIR, PAGE_FIXTURES_DIR)
PREF_LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
USED = "<http://www.w3.org/ns/prov#used>"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    root = tmp_path_factory.mktemp("shards")
    build(INPUTS, out=root / "full")
    for i in range(1, N + 1):
        build(INPUTS, out=root / f"shard-{i}", shard=Shard(i, N))
    return root / "full", [root / f"shard-{i}" for i in range(1, N + 1)]


def blocks(build_dir: Path) -> dict[str, list[str]]:
    return dict(Build.open(build_dir).blocks())


def test_each_page_is_in_the_shard_of_its_content_hash(builds: tuple[Path, list[Path]]) -> None:
    _, shards = builds
    files = [str(f) for f in find_pages(INPUTS)]
    for i, out in enumerate(shards, 1):
        built = {Path(x["file"]).name for x in read_manifest(out)["inputs"]}
        expected = {
            Path(f).name
            for f in files
            if int(hashlib.sha256(Path(f).read_bytes()).hexdigest(), 16) % N == i - 1
        }
        assert built == expected


def test_union_of_shard_page_graphs_is_the_full_build(builds: tuple[Path, list[Path]]) -> None:
    full, shards = builds
    full_blocks = blocks(full)
    shared = {v.TERMS_GRAPH, v.BUILD_GRAPH}
    seen: dict[str, list[str]] = {}
    for out in shards:
        m = read_manifest(out)
        pages = {i["graph"]: i["page"] for i in m["inputs"] if i["status"] == "built"}
        for graph, lines in blocks(out).items():
            if graph in shared:
                continue
            assert graph not in seen, f"{graph} built by two shards"
            link = activity_link(pages[graph], graph, m["activity"])
            assert lines[-1] == link  # the shard's own activity
            seen[graph] = lines[:-1]
    assert set(seen) == set(full_blocks) - shared
    full_activity = read_manifest(full)["activity"]
    full_pages = {i["graph"]: i["page"] for i in read_manifest(full)["inputs"]}
    for graph, body in seen.items():
        full_link = activity_link(full_pages[graph], graph, full_activity)
        assert full_blocks[graph] == [*body, full_link], graph  # byte for byte, the link aside


def test_shared_graphs_per_shard(builds: tuple[Path, list[Path]]) -> None:
    full, shards = builds
    full_terms = set(blocks(full)[v.TERMS_GRAPH])
    union: set[str] = set()
    for out in shards:
        b = blocks(out)
        m = read_manifest(out)
        used = {line.split()[2] for line in b[v.BUILD_GRAPH] if line.split()[1] == USED}
        vocabularies = {u for u in used if u.startswith(f"<{v.KG}vocabulary-")}  # issue 10
        assert used - vocabularies == {
            f"<{i['page']}>" for i in m["inputs"] if i["status"] == "built"
        }
        labels = Counter(
            line.split()[0] for line in b[v.TERMS_GRAPH] if line.split()[1] == PREF_LABEL
        )
        assert set(labels.values()) == {1}  # one label per entity in each shard
        union |= set(b[v.TERMS_GRAPH])
    assert full_terms <= union
    for line in union - full_terms:
        s, p = line.split()[:2]
        assert p == PREF_LABEL and s.startswith(f"<{v.KG}"), line


def test_shard_option_builds_one_shard(tmp_path: Path) -> None:
    files = [f for f in find_pages([SEEDS_DIR])]
    i = shard_of(files[0], 2)
    out = tmp_path / "b"
    r = CliRunner().invoke(
        cli, ["build", str(SEEDS_DIR), "--out", str(out), "--no-validate", "--shard", f"{i}/2"]
    )
    assert r.exit_code == 0, r.output
    built = {Path(x["file"]).name for x in read_manifest(out)["inputs"]}
    assert built == {f.name for f in files if shard_of(f, 2) == i}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2", "'2': expected I/N, two whole numbers such as 2/3"),
        ("a/3", "'a/3': expected I/N"),
        ("0/3", "shard 0/3: I must be between 1 and N"),
        ("4/3", "shard 4/3: I must be between 1 and N"),
        ("1/0", "'1/0': N must be at least 1"),
    ],
)
def test_bad_shard_is_a_usage_error(tmp_path: Path, value: str, message: str) -> None:
    r = CliRunner().invoke(
        cli, ["build", str(SEEDS_DIR), "--out", str(tmp_path / "b"), "--shard", value]
    )
    assert r.exit_code == 2
    assert f"Error: Invalid value for '--shard': {message}" in r.stderr
    assert not (tmp_path / "b").exists()  # checked before any work


def test_parse_shard() -> None:
    assert parse_shard(" 2/3 ") == Shard(2, 3)
    assert str(parse_shard("1/1")) == "1/1"
    with pytest.raises(InputError, match="expected I/N"):
        parse_shard("1/3/4")


def test_a_shard_with_no_pages_is_a_clear_error(tmp_path: Path) -> None:
    (page,) = [f for f in find_pages([SEEDS_DIR]) if f.name.startswith("000_")]
    other = 3 - shard_of(page, 2)
    with pytest.raises(InputError, match=rf"shard {other}/2 holds none of the 1 page files"):
        build([page], out=tmp_path / "b", shard=Shard(other, 2))
