"""Real SPARQL servers on loopback for the push tests, and reading back what they hold.

``oxigraph serve`` (the ``oxigraph`` package of the test extra) in a temporary folder; a tiny
``http.server`` that refuses every request (for the refusal message and the credentials sent);
reading a server's graphs back with SPARQL over HTTP, independently of the push client.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.push import Endpoints
from kg.store import open_store

Triple = tuple[Any, Any, Any]  # pyoxigraph terms


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_port(port: int, proc: subprocess.Popen[bytes], seconds: float = 30.0) -> None:
    """Until ``port`` accepts connections (the server is up), or fail with its output."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode() if proc.stdout else ""
            raise AssertionError(f"server exited with {proc.returncode}: {out}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"server did not listen on {port} within {seconds} s")


@dataclass(frozen=True, slots=True)
class Oxigraph:
    base: str

    @property
    def endpoints(self) -> Endpoints:
        return Endpoints.of(
            f"{self.base}/query", update=f"{self.base}/update", gsp=f"{self.base}/store"
        )

    @property
    def cli_args(self) -> list[str]:
        e = self.endpoints
        return ["--endpoint", e.query, "--update-endpoint", e.update, "--gsp-endpoint", e.gsp]


@contextmanager
def oxigraph_server(location: Path) -> Iterator[Oxigraph]:
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("needs the `oxigraph` server (pip install oxigraph: in the test extra)")
    port = free_port()
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, proc)
        yield Oxigraph(f"http://127.0.0.1:{port}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stdout:
            proc.stdout.close()


def sparql_select(
    query_url: str, query: str, auth: str | None = None
) -> list[dict[str, dict[str, str]]]:
    import json

    req = urllib.request.Request(
        query_url,
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    if auth:
        req.add_header("Authorization", auth)
    with urllib.request.urlopen(req, timeout=60) as r:
        rows: list[dict[str, dict[str, str]]] = json.loads(r.read())["results"]["bindings"]
        return rows


def sparql_update(update_url: str, update: str) -> None:
    req = urllib.request.Request(
        update_url, data=urllib.parse.urlencode({"update": update}).encode()
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        r.read()


def server_graphs(query_url: str) -> set[str]:
    rows = sparql_select(query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {r["g"]["value"] for r in rows}


def server_triples(query_url: str, graph: str) -> set[Triple]:
    """The triples of ``graph`` on the server (SPARQL CONSTRUCT, N-Triples)."""
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    req = urllib.request.Request(
        query_url,
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/n-triples"},
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        data = r.read()
    return {
        (t.subject, t.predicate, t.object) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    }


def local_graphs(build_dir: Path) -> dict[str, set[Triple]]:
    """Every named graph of the build's store, as sets of triples."""
    store = open_store(build_dir)
    out: dict[str, set[Triple]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        assert isinstance(q.graph_name, ox.NamedNode)
        out.setdefault(q.graph_name.value, set()).add((q.subject, q.predicate, q.object))
    return out


@dataclass
class Refuser:
    """A loopback HTTP server answering every request with ``status`` and ``body``."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    seen: list[tuple[str, str, dict[str, str]]] = field(
        default_factory=list
    )  # method, path, headers
    url: str = ""


@contextmanager
def refusing_server(
    status: int, body: bytes, headers: dict[str, str] | None = None
) -> Iterator[Refuser]:
    state = Refuser(status, body, headers or {})

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            state.seen.append((self.command, self.path, dict(self.headers.items())))
            self.send_response(state.status)
            for k, v in state.headers.items():
                self.send_header(k, v)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            self.wfile.write(state.body)

        do_GET = do_PUT = do_POST = do_DELETE = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Debian's Virtuoso (``virtuoso-opensource``) with a fresh database in ``folder``, on free
    loopback ports; yields its HTTP base URL (user ``dba``, password ``dba``: a fresh database's)."""
    exe = shutil.which("virtuoso-t")
    if exe is None or not VIRTUOSO_INI.is_file():
        pytest.skip("needs Debian's virtuoso-opensource (apt-get install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    isql_port, http_port = free_port(), free_port()
    ini = VIRTUOSO_INI.read_text("utf-8").replace(
        "/var/lib/virtuoso-opensource-7/db/", f"{folder}/"
    )
    ini = re.sub(r"(?m)^ServerPort\s*=\s*1111\b", f"ServerPort = {isql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*8890\b", f"ServerPort = {http_port}", ini)
    ini = re.sub(r"(?m)^(DirsAllowed\s*=.*)$", rf"\1, {folder}", ini)
    (folder / "virtuoso.ini").write_text(ini, "utf-8")
    proc = subprocess.Popen(
        [exe, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for_port(http_port, proc, seconds=120)
        _wait_for_sparql(f"{base}/sparql", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


def _wait_for_sparql(url: str, proc: subprocess.Popen[bytes], seconds: float = 120.0) -> None:
    """Virtuoso listens before its SPARQL service answers: wait until it does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "virtuoso exited"
        try:
            sparql_select(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
            return
        except (OSError, ValueError):
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")
