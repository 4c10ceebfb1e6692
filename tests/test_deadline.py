"""kg.deadline: the one way the query worker and the reasoner are stopped at a deadline."""

from __future__ import annotations

import subprocess
import sys
import time

from kg.deadline import Deadline, kill_group


def test_remaining_counts_down_and_never_goes_negative() -> None:
    d = Deadline(0.05)
    assert 0 < d.remaining() <= 0.05
    time.sleep(0.06)
    assert d.remaining() == 0.0


def test_kill_group_stops_a_worker_and_what_it_started() -> None:
    # a worker in its own session that starts a grandchild; both must die
    code = (
        "import subprocess, sys, time;"
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']);"
        "print(p.pid, flush=True); time.sleep(60)"
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, start_new_session=True
    )
    assert worker.stdout is not None
    grandchild = int(worker.stdout.readline())
    kill_group(worker.pid)
    assert worker.wait(10) != 0
    deadline = Deadline(10)
    while deadline.remaining() > 0 and _alive(grandchild):
        time.sleep(0.05)
    assert not _alive(grandchild)


def test_kill_group_of_a_finished_process_is_harmless() -> None:
    done = subprocess.Popen([sys.executable, "-c", "pass"], start_new_session=True)
    done.wait()
    kill_group(done.pid)


def test_no_other_deadline_mechanism_in_the_package() -> None:
    """Only kg/deadline.py kills worker processes (the query runner and reasoner use it)."""
    from pathlib import Path

    kg = Path(__file__).resolve().parents[1] / "kg"
    users = sorted(
        str(p.relative_to(kg))
        for p in kg.rglob("*.py")
        if p.name != "deadline.py" and ("os.killpg" in p.read_text() or ".kill()" in p.read_text())
    )
    assert users == []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
