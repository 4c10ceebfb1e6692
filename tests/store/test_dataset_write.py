"""write_dataset writes in one thread and hashes in another: what it reports is the file."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from kg.errors import OutputError
from kg.store.dataset import Block, Previous, _Sink, file_artifact, write_dataset


def _block(tmp_path: Path, i: int) -> Block:
    g = f"https://scidex.ai/kg/graph-{i:03d}"
    lines = [f'<urn:x:s{i}-{k}> <urn:x:p> "{k}" <{g}> .' for k in range(i % 7 + 1)]
    path = tmp_path / f"{i}.nq.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return Block(graph=g, path=path, lines=(f"<urn:x:page{i}> <urn:x:by> <urn:x:act> <{g}> .",))


def test_the_artifact_is_the_file_written(tmp_path: Path) -> None:
    """More blocks than the threads may hold waiting: the sha256, size and line count reported
    are the written file's, and the spans cover it in order."""
    blocks = [_block(tmp_path, i) for i in range(5 * _Sink.AHEAD)]
    target = tmp_path / "dataset.nq"
    art = write_dataset(target, list(reversed(blocks)), activity="urn:x:act")
    actual = file_artifact(target)
    assert (art.sha256, art.size, art.quads) == (actual.sha256, actual.size, actual.quads)
    assert [s.graph for s in art.spans] == sorted(b.graph for b in blocks)
    assert art.spans[0].start == 0 and art.spans[-1].end == actual.size
    assert all(a.end == b.start for a, b in zip(art.spans, art.spans[1:], strict=False))


def test_a_failed_block_leaves_no_file(tmp_path: Path) -> None:
    blocks = [_block(tmp_path, i) for i in range(3)]
    blocks[1].path.write_bytes(b"not gzip")  # type: ignore[union-attr]
    target = tmp_path / "dataset.nq"
    with pytest.raises(OutputError):  # an OSError (BadGzipFile) raised in the loop
        write_dataset(target, blocks)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _page_block(folder: Path, i: int, activity: str, extra: str = "") -> Block:
    """A page block as the build makes it: a cache file (gzip, with the sha256 of its lines)
    and the page's link to the build activity."""
    g = f"https://scidex.ai/kg/graph-{i:03d}"
    lines = [f'<urn:x:s{i}-{k}> <urn:x:p> "{k}{extra}" <{g}> .' for k in range(i % 5 + 1)]
    data = ("\n".join(lines) + "\n").encode()
    path = folder / f"{i}{extra}.nq.gz"
    path.write_bytes(gzip.compress(data))
    link = f"<urn:x:page{i}> <http://www.w3.org/ns/prov#wasGeneratedBy> <{activity}> <{g}> ."
    return Block(graph=g, path=path, lines=(link,), sha256=hashlib.sha256(data).hexdigest())


def _previous(path: Path, art: object, activity: str) -> Previous:
    spans = art.spans  # type: ignore[attr-defined]
    return Previous(path=path, spans={s.graph: s for s in spans}, activity=activity)


def test_unchanged_blocks_are_copied_from_the_previous_file(tmp_path: Path) -> None:
    """A rebuild under a new activity with one page changed: the file written with the previous
    file's help is byte for byte the one written from the cache alone. The unchanged blocks
    are taken from the previous file: with their cache files made unreadable, the write still
    succeeds with the same bytes; the changed block is read from its (new) cache file."""
    old_act, new_act = "urn:x:build-old", "urn:x:build-new"
    first = tmp_path / "first.nq"
    art = write_dataset(first, [_page_block(tmp_path, i, old_act) for i in range(20)],
                        activity=old_act)  # fmt: skip
    blocks = [_page_block(tmp_path, i, new_act, "x" if i == 7 else "") for i in range(20)]
    expected = tmp_path / "expected.nq"
    plain = write_dataset(expected, blocks, activity=new_act)
    for b in blocks:
        if not b.graph.endswith("-007"):
            b.path.write_bytes(b"not gzip")  # type: ignore[union-attr]
    second = tmp_path / "second.nq"
    reused = write_dataset(second, blocks, activity=new_act,
                           previous=_previous(first, art, old_act))  # fmt: skip
    assert second.read_bytes() == expected.read_bytes()
    assert reused == plain
    assert b'"0x" <https://scidex.ai/kg/graph-007>' in second.read_bytes()


def test_a_previous_file_that_does_not_match_is_not_used(tmp_path: Path) -> None:
    """A previous file whose blocks do not end with the lines its activity gives (here: another
    activity named), or that is gone, is not copied from: the cache files are read instead."""
    old_act, new_act = "urn:x:build-old", "urn:x:build-new"
    first = tmp_path / "first.nq"
    art = write_dataset(first, [_page_block(tmp_path, i, old_act) for i in range(6)],
                        activity=old_act)  # fmt: skip
    blocks = [_page_block(tmp_path, i, new_act) for i in range(6)]
    expected = tmp_path / "expected.nq"
    write_dataset(expected, blocks, activity=new_act)
    for name, prev in (
        ("wrong-activity", _previous(first, art, "urn:x:another")),
        ("gone", _previous(tmp_path / "missing.nq", art, old_act)),
    ):
        out = tmp_path / f"{name}.nq"
        write_dataset(out, blocks, activity=new_act, previous=prev)
        assert out.read_bytes() == expected.read_bytes(), name
    first.write_bytes(first.read_bytes().replace(b"urn:x:build-old", b"urn:x:build-OLD"))
    out = tmp_path / "tampered.nq"
    write_dataset(out, blocks, activity=new_act, previous=_previous(first, art, old_act))
    assert out.read_bytes() == expected.read_bytes()
