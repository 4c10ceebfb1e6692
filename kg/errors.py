"""Errors raised by the kg library.

Every error names what failed, where (file and line when there is one), the offending
value, and how to fix it. The library never prints or exits; the CLI catches
:class:`KgError`, prints ``Error: <message>`` and exits with code 2.

Exception tree::

    KgError (Exception)
    ├── InputError (ValueError)       a page, ontology, query or build folder cannot be read
    │   └── PageReadError             a page file is empty, binary, not UTF-8, not a page
    ├── ModelError (ValueError)       an invariant of the intermediate model is broken
    ├── QueryError (ValueError)       a SPARQL query is malformed, unsafe or timed out
    ├── OutputError (OSError)         a file or folder kg writes cannot be written
    │   └── BuildLockedError          another `kg build` (or a store writer) holds the build folder
    ├── ServerError (OSError)         a SPARQL server (`kg push`) refused a request or cannot be reached
    └── ValidationError (RuntimeError) validation could not run (not: the data does not conform)
"""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base class of every error kg raises on purpose."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(KgError, ValueError):
    """Input that kg cannot read: a page, an ontology, a query file, a build folder."""


class PageReadError(InputError):
    """A page file that cannot be read as a SciDEX page at all."""


class ModelError(KgError, ValueError):
    """An invariant of the intermediate model is broken (a bug, or a bad hand-built object)."""


class QueryError(KgError, ValueError):
    """A SPARQL query that is malformed, unsafe, or ran out of time."""


class OutputError(KgError, OSError):
    """A file or folder kg writes cannot be written (missing folder, read-only, disk full)."""


class BuildLockedError(OutputError):
    """Another process is writing the build folder or holds its store open read-write."""


class ServerError(KgError, OSError):
    """A SPARQL server refused a request (HTTP status and the first line of its answer) or
    cannot be reached (`kg push`)."""


class ValidationError(KgError, RuntimeError):
    """Validation could not run. A graph that does not conform is a report, not an error."""
