"""A small SPARQL 1.1 client over the standard library: Graph Store HTTP Protocol and Update.

The Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/) addresses a
named graph as ``GSP_URL?graph=<IRI>``: ``PUT`` replaces it, ``POST`` merges into it,
``DELETE`` removes it. Updates (https://www.w3.org/TR/sparql11-protocol/#update-operation)
are POSTed as ``application/sparql-update``; queries as ``application/sparql-query``.

Every failure becomes one :class:`~kg.errors.ServerError` line: the method, the URL, and the
HTTP status with the first line of the server's answer, or the reason the server could not be
reached. Credentials: HTTP Basic (sent with the first request) and Digest (answered when the
server asks for it, as Virtuoso's ``/sparql-graph-crud-auth`` does), or a bearer token.
"""

from __future__ import annotations

import base64
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from kg.errors import ServerError
from kg.push.credentials import Credentials

NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"
SPARQL_UPDATE = "application/sparql-update"
SPARQL_QUERY = "application/sparql-query"
SPARQL_JSON = "application/sparql-results+json"
#: seconds to wait for a server's answer to one request
DEFAULT_TIMEOUT = 300.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Endpoints:
    """The server's URLs: SPARQL query, SPARQL update, and Graph Store Protocol."""

    query: str
    update: str
    gsp: str

    @classmethod
    def of(cls, endpoint: str, *, update: str | None = None, gsp: str | None = None) -> Endpoints:
        """The URLs, with the update and GSP URLs defaulting to ``endpoint`` (as a Fuseki
        dataset URL or Virtuoso's ``/sparql`` serve all three)."""
        for url in (endpoint, update, gsp):
            if url is not None:
                check_url(url)
        return cls(query=endpoint, update=update or endpoint, gsp=gsp or endpoint)


def check_url(url: str) -> None:
    """A :class:`ServerError` unless ``url`` is an http(s) URL with a host."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:  # "http://[x/": a bracket in the host
        raise ServerError(f"not an http(s) URL: {url!r} ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ServerError(f"not an http(s) URL: {url!r} (give e.g. http://localhost:7878/store)")


def graph_url(gsp: str, graph: str) -> str:
    """``gsp?graph=<graph>`` (``&graph=`` when the URL has a query already)."""
    sep = "&" if urllib.parse.urlsplit(gsp).query else "?"
    return f"{gsp}{sep}{urllib.parse.urlencode({'graph': graph})}"


class Client:
    """One server: PUT/POST/DELETE graphs, run updates and queries; errors as ServerError."""

    def __init__(
        self,
        endpoints: Endpoints,
        credentials: Credentials | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.endpoints = endpoints
        self.timeout = timeout
        self._headers: dict[str, str] = {}
        self._digest: _DigestHandler | None = None
        handlers: list[urllib.request.BaseHandler] = []
        c = credentials or Credentials()
        if c.token is not None:
            self._headers["Authorization"] = f"Bearer {c.token}"
        elif c.user is not None:
            pair = f"{c.user}:{c.password or ''}".encode()
            self._headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (endpoints.query, endpoints.update, endpoints.gsp):
                manager.add_password(None, url, c.user, c.password or "")
            self._digest = _DigestHandler(manager)
            handlers.append(self._digest)
        self._opener = urllib.request.build_opener(*handlers)

    def put_graph(self, graph: str, data: bytes, content_type: str = NTRIPLES) -> None:
        """Replace the named graph ``graph`` with ``data`` (PUT)."""
        self._send("PUT", graph_url(self.endpoints.gsp, graph), data, content_type)

    def post_graph(self, graph: str, data: bytes, content_type: str = NTRIPLES) -> None:
        """Add ``data`` to the named graph ``graph`` (POST: merge)."""
        self._send("POST", graph_url(self.endpoints.gsp, graph), data, content_type)

    def delete_graph(self, graph: str, *, missing_ok: bool = True) -> None:
        """Remove the named graph ``graph`` (DELETE); a 404 is fine when ``missing_ok``."""
        try:
            self._send("DELETE", graph_url(self.endpoints.gsp, graph), None, None)
        except _HttpStatus as exc:
            if not (missing_ok and exc.status == 404):
                raise exc.error from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""
        self._send("POST", self.endpoints.update, sparql.encode("utf-8"), SPARQL_UPDATE)

    def select(self, sparql: str) -> list[dict[str, Any]]:
        """The bindings of a SELECT query (SPARQL JSON results)."""
        body = self._send(
            "POST", self.endpoints.query, sparql.encode("utf-8"), SPARQL_QUERY, SPARQL_JSON
        )
        try:
            rows: list[dict[str, Any]] = json.loads(body)["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise ServerError(
                f"POST {self.endpoints.query}: the answer is not SPARQL JSON results"
            ) from None
        return rows

    def _send(
        self,
        method: str,
        url: str,
        data: bytes | None,
        content_type: str | None,
        accept: str | None = None,
    ) -> bytes:
        headers = dict(self._headers)
        if self._digest is not None and self._digest.digest_seen:
            headers.pop("Authorization", None)  # the server wants Digest: answer its challenge
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        if content_type is not None:
            request.add_header("Content-Type", content_type)
        if accept is not None:
            request.add_header("Accept", accept)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as exc:
            raise _HttpStatus(method, url, exc) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, socket.timeout | TimeoutError):
                reason = f"no answer within {self.timeout:g} s"
            raise ServerError(f"{method} {url}: cannot reach the server: {reason}") from None


class _DigestHandler(urllib.request.HTTPDigestAuthHandler):
    """Answers a Digest challenge in place of the Basic header sent first. A server that
    refuses the Basic header without a challenge (Virtuoso) is asked once more without it, to
    learn the challenge; after a Digest challenge, Basic is no longer sent first."""

    digest_seen = False

    def http_error_401(self, req: Any, fp: Any, code: Any, msg: Any, headers: Any) -> Any:
        challenge = headers.get_all("WWW-Authenticate") or []
        if any(c.lower().startswith("digest") for c in challenge):
            self.digest_seen = True
            req.remove_header("Authorization")
            return super().http_error_401(req, fp, code, msg, headers)
        sent = req.get_header("Authorization") or ""
        if sent.startswith("Basic ") and not challenge and not getattr(req, "kg_bare", False):
            fp.read()
            req.remove_header("Authorization")
            req.kg_bare = True
            return self.parent.open(req, timeout=req.timeout)
        return None  # a plain refusal: reported as it is


class _HttpStatus(ServerError):
    """A refusal: ``METHOD URL: HTTP 401 Unauthorized: <first line of the answer>``."""

    def __init__(self, method: str, url: str, exc: urllib.error.HTTPError) -> None:
        self.status = exc.code
        try:
            text = exc.read(4096).decode("utf-8", "replace")
        except OSError:
            text = ""
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        reason = f"HTTP {exc.code} {exc.reason}".rstrip()
        super().__init__(
            f"{method} {url}: the server refused: {reason}" + (f": {first}" if first else "")
        )

    @property
    def error(self) -> ServerError:
        return ServerError(self.message)
