"""owlready2's own process: no network, its output kept away from kg's messages.

owlready2 downloads what an ontology imports (``urllib.request.urlopen``) and prints its own
tracebacks and notices to standard error. kg strips imports before owlready2 sees a file
(:mod:`kg.validate.owl_xml`); as a second guard owlready2 only ever runs in a child process
that cannot open a socket: :func:`forbid_network`, called there before owlready2 is imported,
makes ``socket.socket``, ``socket.create_connection``, ``socket.getaddrinfo`` and
``urllib.request.urlopen`` raise. This is a guard of the running program, not a test double.
The child's standard error goes to a temporary file (:func:`capture_stderr`); the parent shows
only kg's own one-line error, with the child's last line when the child died without one.

:func:`run_isolated` runs one function so, in a ``spawn`` child, and returns its result or
raises :class:`~kg.errors.InputError`. This module imports nothing of owlready2's.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import tempfile
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NoReturn

from kg.errors import InputError, KgError

NO_NETWORK = "network access is disabled in kg's ontology process (kg never downloads imports)"


def forbid_network() -> None:
    """Make every way Python opens a connection raise :class:`OSError` in this process."""
    import socket
    import urllib.request

    def refuse(*_args: Any, **_kwargs: Any) -> NoReturn:
        raise OSError(NO_NETWORK)

    class NoSocket(socket.socket):
        def __init__(self, *_args: Any, **_kwargs: Any) -> None:
            refuse()

    socket.socket = NoSocket  # type: ignore[misc]
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    urllib.request.urlopen = refuse


def capture_stderr(path: str) -> None:
    """Send this process's standard error (file descriptor 2 and ``sys.stderr``) to ``path``."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 2)
    os.close(fd)
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115


def last_line(path: str) -> str:
    """The last non-blank line a child wrote to its captured standard error ("" if none)."""
    try:
        lines = Path(path).read_text("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1].strip()[:300] if lines else ""


def run_isolated(fn: Callable[..., Any], *args: Any, where: Path) -> Any:
    """``fn(*args)`` in a spawned child without network; errors as :class:`InputError`.

    ``fn`` must be a module-level function; its result must pickle. A :class:`KgError` it
    raises comes back with its path and line; any other exception as one line naming ``where``.
    """
    ctx = mp.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    with tempfile.TemporaryDirectory(prefix="kg-owl-") as tmp:
        err = os.path.join(tmp, "stderr")
        proc = ctx.Process(target=_child, args=(fn, args, err, sender), daemon=True)
        proc.start()
        sender.close()
        try:
            status, payload = receiver.recv()
        except EOFError:
            proc.join()
            detail = last_line(err) or f"exit code {proc.exitcode}"
            raise InputError(f"the ontology process stopped ({detail})", path=where) from None
        finally:
            receiver.close()
        proc.join()
    if status == "ok":
        return payload
    message, path, line = payload
    raise InputError(message, path=path if path is not None else where, line=line)


def _child(fn: Callable[..., Any], args: tuple[Any, ...], err: str, conn: Connection) -> None:
    capture_stderr(err)
    forbid_network()
    try:
        reply: tuple[str, Any] = ("ok", fn(*args))
    except KgError as exc:
        reply = ("error", (exc.message, exc.path, exc.line))
    except Exception as exc:  # owlready2 raises many types; each becomes one line
        reply = ("error", (_first_line(exc), None, None))
    try:
        conn.send(reply)
    finally:
        conn.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:300]


__all__ = ["NO_NETWORK", "capture_stderr", "forbid_network", "last_line", "run_isolated"]
