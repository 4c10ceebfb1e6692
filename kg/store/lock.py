"""Locks around a build: one ``kg build`` per folder, and none while the store is being written.

A second ``kg build`` on a folder whose lock another holds exits at once with
:class:`~kg.errors.BuildLockedError` (exit code 2), rather than waiting: a build may take
minutes, and a script should decide itself whether to retry. A store that another process
has open read-write (``kg query --update``, pyoxigraph ``Store(path)``, oxrdflib) holds
RocksDB's ``LOCK`` file; the build refuses to start rather than read a store being changed.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import BuildLockedError
from kg.store.atomic import os_error
from kg.store.generation import LOCK


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold ``root/.lock`` (flock) for the block; BuildLockedError if another process holds it."""
    path = root / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise os_error(exc, path) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(
                "another `kg build` is writing this build folder; "
                "wait for it to finish, then run kg build again",
                path=root,
            ) from None
        yield
    finally:
        os.close(fd)


def refuse_if_store_open(store: Path) -> None:
    """BuildLockedError when another process has the store at ``store`` open read-write."""
    lock = store / "LOCK"
    if not lock.is_file():
        return
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return  # unreadable: the integrity check reports the store instead
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise BuildLockedError(
            "the store is open read-write in another process (a `kg query --update`, "
            "pyoxigraph Store(path) or oxrdflib); close it, then run kg build again",
            path=store.resolve(),
        ) from None
    finally:
        os.close(fd)  # closing releases the test lock
