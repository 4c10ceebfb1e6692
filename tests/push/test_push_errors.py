"""`kg push` against a server that refuses, one that is not there, and bad options: one line,
exit 2, never a traceback; the credentials given are the ones sent."""

from __future__ import annotations

import base64
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.cli.push_cmd import SHARED_MODES
from kg.push import SHARED_MODES as LIBRARY_SHARED_MODES
from kg.push import STATE_FILE, PushState
from kg.push.gsp import graph_url
from tests.push.servers import free_port, refusing_server

REFUSAL = b"Authentication required for graph writes\nsecond line, not shown\n"


def kg(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args), env=env)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def build_copy(tmp_path: Path, seed_build: Path) -> Path:
    out = tmp_path / "build"
    shutil.copytree(seed_build, out, symlinks=True)
    return out


def test_a_refusal_is_one_line_with_status_and_first_body_line(build_copy: Path) -> None:
    with refusing_server(401, REFUSAL, {"WWW-Authenticate": 'Basic realm="kg"'}) as srv:
        code, _, stderr = kg(
            "push", "--build-dir", str(build_copy), "--endpoint", f"{srv.url}/sparql"
        )
    assert code == 2
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    method, path, _ = srv.seen[0]
    first_line = REFUSAL.decode().splitlines()[0]
    assert stderr == (
        f"Error: {method} {srv.url}{path}: the server refused: HTTP 401 Unauthorized: {first_line}\n"
    )
    assert len(srv.seen) == 1  # the push stops at the first refusal
    assert PushState.load(build_copy).of(f"{srv.url}/sparql") == {}  # nothing recorded as pushed


def test_basic_credentials_from_a_password_file_are_sent(build_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "password"
    secret.write_text("s3cret pass\nignored\n")
    with refusing_server(403, b"Forbidden\n") as srv:
        code, _, stderr = kg(
            "push",
            "--build-dir",
            str(build_copy),
            "--endpoint",
            srv.url,
            "--user",
            "loader",
            "--password-file",
            str(secret),
        )
    assert code == 2 and "HTTP 403 Forbidden: Forbidden" in stderr
    expected = "Basic " + base64.b64encode(b"loader:s3cret pass").decode()
    assert srv.seen[0][2]["Authorization"] == expected


def test_a_bearer_token_from_the_environment_is_sent(build_copy: Path) -> None:
    with refusing_server(401, b"bad token") as srv:
        code, _, stderr = kg(
            "push",
            "--build-dir",
            str(build_copy),
            env={"KG_PUSH_ENDPOINT": srv.url, "KG_PUSH_TOKEN": "tok-123"},
        )
    assert code == 2 and stderr.endswith(": HTTP 401 Unauthorized: bad token\n")
    assert srv.seen[0][2]["Authorization"] == "Bearer tok-123"


def test_the_gsp_endpoint_is_the_one_written_to(build_copy: Path) -> None:
    with refusing_server(500, b"") as srv:
        code, _, stderr = kg(
            "push",
            "--build-dir",
            str(build_copy),
            "--endpoint",
            "http://127.0.0.1:1/sparql",
            "--gsp-endpoint",
            f"{srv.url}/graphs",
        )
    assert code == 2 and stderr.endswith(": the server refused: HTTP 500 Internal Server Error\n")
    method, path, headers = srv.seen[0]
    assert (method, headers["Content-Type"]) == ("PUT", "application/n-triples")
    assert path.startswith("/graphs?graph=https%3A%2F%2Fscidex.ai%2Fkg%2Fgraph-")


def test_an_unreachable_server_is_one_line(build_copy: Path) -> None:
    port = free_port()  # nothing listens there once the probe socket is closed
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0
    code, _, stderr = kg(
        "push", "--build-dir", str(build_copy), "--endpoint", f"http://127.0.0.1:{port}/store"
    )
    assert code == 2 and stderr.count("\n") == 1
    assert stderr.startswith(f"Error: PUT http://127.0.0.1:{port}/store?graph=")
    assert "cannot reach the server" in stderr and "Traceback" not in stderr
    assert (
        not (build_copy / STATE_FILE).exists()
        or PushState.load(build_copy).of(f"http://127.0.0.1:{port}/store") == {}
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--endpoint", "localhost:7878"], "not an http(s) URL: 'localhost:7878'"),
        (["--endpoint", "http://h/s", "--password", "x"], "a password needs a user (--user)"),
        (
            ["--endpoint", "http://h/s", "--user", "u", "--token", "t"],
            "give a user and password or a token, not both",
        ),
    ],
)
def test_bad_options_are_one_line(build_copy: Path, args: list[str], message: str) -> None:
    code, _, stderr = kg("push", "--build-dir", str(build_copy), *args)
    assert code == 2 and stderr.startswith(f"Error: {message}") and stderr.count("\n") == 1


def test_an_unreadable_password_file_names_it(build_copy: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    code, _, stderr = kg(
        "push",
        "--build-dir",
        str(build_copy),
        "--endpoint",
        "http://h/s",
        "--user",
        "u",
        "--password-file",
        str(missing),
    )
    assert (code, stderr) == (
        2,
        f"Error: {missing}: cannot read the password file: No such file or directory\n",
    )


def test_no_build_is_one_line(tmp_path: Path) -> None:
    code, _, stderr = kg("push", "--build-dir", str(tmp_path), "--endpoint", "http://h/s")
    assert code == 2 and stderr.startswith(f"Error: {tmp_path}: no build found here")


def test_graph_url_keeps_an_existing_query() -> None:
    g = "https://scidex.ai/kg/graph-x"
    assert (
        graph_url("http://h/crud", g)
        == "http://h/crud?graph=https%3A%2F%2Fscidex.ai%2Fkg%2Fgraph-x"
    )
    assert graph_url("http://h/crud?x=1", g).startswith("http://h/crud?x=1&graph=")


def test_the_cli_knows_the_library_shared_modes() -> None:
    assert SHARED_MODES == LIBRARY_SHARED_MODES
