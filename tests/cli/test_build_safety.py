"""`kg build` and `-o` outputs under contention and faults: locks, full disk, umask, exit codes."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store.lock import build_lock
from tests.conftest import SEEDS_DIR

ROOT = Path(__file__).resolve().parents[2]


def kg(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_second_build_on_a_locked_folder_exits_2(tmp_path: Path, seed_build: Path) -> None:
    """Regression: two kg builds on one folder; one crashed with a traceback."""
    out = tmp_path / "b"
    shutil.copytree(seed_build, out, symlinks=True)
    with build_lock(out):
        code, _, err = kg("build", str(SEEDS_DIR), "--out", str(out), "--no-validate")
    assert code == 2
    assert err.startswith(f"Error: {out}: another `kg build` is writing this build folder")
    assert kg("build", str(SEEDS_DIR), "--out", str(out), "--no-validate")[0] == 0


def test_store_open_read_write_elsewhere_is_refused(tmp_path: Path, seed_build: Path) -> None:
    """Regression: a Store(path) open in another process during kg build corrupted the store."""
    out = tmp_path / "b"
    shutil.copytree(seed_build, out, symlinks=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(out / "store")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        code, _, err = kg("build", str(SEEDS_DIR), "--out", str(out), "--no-validate")
    finally:
        holder.communicate("")
    assert code == 2
    assert "the store is open read-write in another process" in err and "Traceback" not in err
    assert kg("build", str(SEEDS_DIR), "--out", str(out), "--no-validate")[0] == 0


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))


def test_full_disk_is_one_line_and_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "b"
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(SEEDS_DIR), "--out", str(out), "--no-validate"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=_limit_file_size,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ") and last.endswith(": File too large"), proc.stderr
    assert "Traceback" not in proc.stderr
    left = [p for p in out.rglob("*") if p.is_file() and p.name != ".lock"]
    assert [p for p in left if p.name.startswith(".") or p.stat().st_size == 0] == []
    assert not (out / "current").exists()


def test_unwritable_output_is_one_line(seed_build: Path) -> None:
    code, _, err = kg("export", "--build-dir", str(seed_build), "-o", "/proc/kg-test.ttl")
    assert code == 2 and err.startswith("Error: /proc") and err.count("\n") == 1
    code, _, err = kg("build", str(SEEDS_DIR), "--out", "/proc/kg-test", "--no-validate")
    assert code == 2 and err.startswith("Error: /proc/kg-test: ") and err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["diagram", "Motor Neurons"],
        ["validate", "--no-reasoner"],
        ["provenance", "Motor Neurons"],
        ["path", "Motor Neurons", "MNX1"],
        ["export"],
    ],
)
def test_output_into_a_missing_folder_is_one_line(
    tmp_path: Path, seed_build: Path, args: list[str]
) -> None:
    """Regression: `kg diagram -o nodir/x.mmd` etc. printed tracebacks; export made folders."""
    target = tmp_path / "nodir" / "x.out"
    code, _, err = kg(*args, "--build-dir", str(seed_build), "-o", str(target))
    assert code == 2
    assert err == f"Error: {target.parent}: no such folder (kg does not create it)\n"
    assert not target.parent.exists()


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_files_follow_the_umask(tmp_path: Path, seed_build: Path, umask: int) -> None:
    """Regression: files were created 0600 (mkstemp) whatever the umask."""
    old = os.umask(umask)
    try:
        out = tmp_path / "b"
        assert kg("build", str(SEEDS_DIR), "--out", str(out), "--no-validate")[0] == 0
        assert kg("export", "--build-dir", str(out), "-o", str(tmp_path / "kg.ttl"))[0] == 0
    finally:
        os.umask(old)
    for path in (out / "dataset.nq", out / "manifest.json", tmp_path / "kg.ttl"):
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path
    assert next((out / "cache").iterdir()).stat().st_mode & 0o777 == 0o666 & ~umask


def test_build_exit_codes(tmp_path: Path) -> None:
    """Regression: kg build exited 0 when every page failed."""
    good, bad = tmp_path / "good", tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    shutil.copytree(SEEDS_DIR, good)
    shutil.copyfile(bad / "empty.txt", tmp_path / "empty.txt")
    assert kg("build", str(good), "--out", str(tmp_path / "b0"), "--no-validate")[0] == 0
    mixed = kg("build", str(good), str(tmp_path / "empty.txt"), "--out", str(tmp_path / "b1"))
    assert mixed[0] == 1 and "failed:" in mixed[2]
    assert (tmp_path / "b1" / "dataset.nq").is_file()
    assert kg("build", str(bad), "--out", str(tmp_path / "b2"), "--no-validate")[0] == 2
