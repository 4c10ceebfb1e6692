"""Validation results kept between runs, one entry per unit, keyed by everything they depend on.

A unit's results (kg.validate.units_run.validate_unit: shapes, evidence and quote checks) are a
function of its data graph (its own triples, its context and its focus nodes), its page record,
the bytes of its source file (the quote check reads it), the shape files, the engine and kg's
own code. :func:`unit_key` digests exactly these, so a rebuild after a one-page edit validates
again only the units whose input changed (the edited page, and the pages whose context names a
node the edit touched); every other unit's results are read back.

Entries live in ``build/validation-cache/KEY.json`` (not under ``build/cache/``, whose
entries the page cache prunes by name). An entry is a header line (JSON: its format, key, name
and the sha256 of the rest) and its payload's JSON text; one that is not of that shape, has
another key or name or a wrong digest is treated as missing (the unit is validated again),
never trusted. The digest is of the payload's bytes as stored, so reading an entry back does
not serialize it again (at 18,434 pages, re-serializing to check digests took 5 s of a
20 s validation with nothing changed). :meth:`ResultCache.prune` removes the
entries a full run did not use.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import OutputError
from kg.store.atomic import write_atomic
from kg.store.dataset import ACTIVITY as BUILD_ACTIVITY
from kg.validate.evidence import source_digest
from kg.validate.report import Location, Severity, ValidationResult
from kg.validate.units import Unit
from kg.validate.units_run import Outcome

FORMAT = 2
FOLDER = "validation-cache"
_SUFFIX = ".json"


def config_digest(shape_files: Sequence[Path], engine: str) -> str:
    """The inputs every unit shares: the shape files' bytes, the engine and kg's source code."""
    h = hashlib.sha256(f"kg-validation-cache-{FORMAT}\x1f{engine}\x1f".encode())
    for f in shape_files:
        h.update(f"{f.name}\x1f".encode())
        h.update(hashlib.sha256(Path(f).read_bytes()).digest())
    h.update(code_digest().encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Every module of kg and its shipped data (the shapes, the CL module, the vocabularies):
    a change to any of them may change a result, so the cache starts afresh."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    files = [*root.rglob("*.py"), *(f for f in (root / "data").rglob("*") if f.is_file())]
    for path in sorted(files):
        h.update(f"{path.relative_to(root).as_posix()}\x1f".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


#: What the build activity's IRI is replaced by in a key (see :func:`unit_key`).
ACTIVITY = BUILD_ACTIVITY  # the name the build's index reads it as, too (kg.store.dataset)


def unit_key(unit: Unit, config: str, roots: Sequence[Path], activities: Sequence[str] = ()) -> str:
    """The digest of everything ``unit``'s results depend on (see the module docstring).

    ``activities``: the IRIs of the build activities. Every page graph names its build
    (``prov:wasGeneratedBy``), whose IRI digests every input of the build, so any edit renames
    it in every unit; the key reads it as one fixed name, and results that mention it are not
    stored (:meth:`ResultCache.put`), so the name never reaches a report from the cache."""
    h = hashlib.sha256(config.encode())
    page = unit.page
    parts: list[str] = [unit.name]
    if page is not None:
        found = source_digest(page, roots)
        parts += [
            page.graph,
            page.page_iri or "",
            page.slug,
            page.source_file or "",
            page.sha256 or "",
            found or "(source not found)",
        ]
    for part in parts:
        h.update(f"{part}\x1f".encode())
    h.update(f"{len(unit.focus)}\x1f".encode())
    for node in sorted(unit.focus):
        h.update(f"{node}\x1f".encode())
    h.update(hashlib.sha256(renamed(unit.triples, activities).encode()).digest())
    h.update(hashlib.sha256(renamed(unit.context, activities).encode()).digest())
    return h.hexdigest()[:40]


def renamed(text: str, activities: Sequence[str]) -> str:
    """``text`` with each activity IRI (in N-Triples form) read as :data:`ACTIVITY`."""
    for iri in activities:
        text = text.replace(f"<{iri}>", ACTIVITY)
    return text


def mentions(results: Iterable[ValidationResult], names: Sequence[str]) -> bool:
    """Whether any text of ``results`` contains one of ``names``."""
    if not names:
        return False
    for r in results:
        loc = r.location
        texts: tuple[str | None, ...] = (r.focus_node, r.message, r.path, r.value, r.focus_label)
        texts += (loc.file, loc.quote) if loc else ()
        if any(t and n in t for t in texts for n in names):
            return True
    return False


class ResultCache:
    """The entries of one build folder (see the module docstring)."""

    def __init__(self, build_dir: Path, activities: Sequence[str] = ()) -> None:
        self.root = Path(build_dir) / FOLDER
        self.used: set[str] = set()  # keys asked for in this run (kept by :meth:`prune`)
        self.activities = tuple(activities)  # never stored (see :func:`unit_key`)

    def has(self, key: str) -> bool:
        """Whether an entry for ``key`` exists (it may still be damaged: :meth:`get_text`)."""
        return (self.root / f"{key}{_SUFFIX}").is_file()

    def get(self, key: str, unit: str) -> Outcome | None:
        """The outcome stored for ``key``, or None when absent or damaged in any way."""
        data = self.get_payload(key, unit)
        try:
            if not isinstance(data, dict):
                return None
            results = data["results"]
            missing = data["source_missing"]
            if not isinstance(results, list) or not (missing is None or isinstance(missing, str)):
                return None
            parsed = tuple(result_from_json(r) for r in results)
        except (KeyError, TypeError, ValueError):
            return None
        return Outcome(unit=unit, results=parsed, source_missing=missing)

    def put(self, key: str, outcome: Outcome) -> None:
        """Store ``outcome`` under ``key`` (unless a result names a build activity)."""
        if mentions(outcome.results, self.activities):
            return
        results = [result_to_json(r) for r in outcome.results]
        self.put_payload(
            key, outcome.unit, {"results": results, "source_missing": outcome.source_missing}
        )

    def get_payload(self, key: str, name: str) -> Any:
        """The JSON value stored for ``key`` by :meth:`put_payload` with the same ``name``, or
        None when absent or damaged (not JSON, another key or name, a wrong digest)."""
        text = self.get_text(key, name)
        if text is None:
            return None
        try:
            return json.loads(text)
        except ValueError:
            return None

    def get_text(self, key: str, name: str) -> str | None:
        """The payload text stored for ``key`` with the same ``name``, checked against its
        digest; None when absent or damaged."""
        self.used.add(key)
        try:
            head, _, body = (self.root / f"{key}{_SUFFIX}").read_bytes().partition(b"\n")
            entry = json.loads(head)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT:
            return None
        if entry.get("key") != key or entry.get("name") != name:
            return None
        if entry.get("digest") != hashlib.sha256(body).hexdigest():
            return None
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put_payload(self, key: str, name: str, payload: Any) -> None:
        """Store ``payload`` (a JSON value) under ``key`` (atomically; a failure to write only
        means no cache)."""
        self.put_text(key, name, json.dumps(payload, ensure_ascii=False, sort_keys=True))

    def put_text(self, key: str, name: str, text: str) -> None:
        """Store the JSON text ``text`` under ``key`` (see :meth:`put_payload`)."""
        self.used.add(key)
        body = text.encode("utf-8")
        head = {"format": FORMAT, "key": key, "name": name}
        head["digest"] = hashlib.sha256(body).hexdigest()
        line = json.dumps(head, ensure_ascii=True, sort_keys=True).encode("ascii")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            write_atomic(self.root / f"{key}{_SUFFIX}", line + b"\n" + body)
        except (OSError, OutputError):
            return

    def prune(self) -> int:
        """Remove the entries no :meth:`get_payload` or :meth:`put_payload` of this run named;
        how many were removed."""
        removed = 0
        try:
            entries = list(self.root.iterdir())
        except OSError:
            return 0
        for entry in entries:
            if entry.suffix == _SUFFIX and entry.stem not in self.used:
                try:
                    entry.unlink()
                    removed += 1
                except OSError:
                    continue
        return removed


_OPTIONAL = ("path", "value", "focus_label", "page")
_REQUIRED = ("focus_node", "message", "source_shape", "constraint", "origin")


def result_to_json(r: ValidationResult) -> dict[str, Any]:
    loc = r.location
    out: dict[str, Any] = {k: getattr(r, k) for k in (*_REQUIRED, *_OPTIONAL)}
    out["severity"] = r.severity.value
    out["location"] = None if loc is None else [loc.file, loc.line, loc.quote]
    return out


def result_from_json(data: Any) -> ValidationResult:
    """A stored result; TypeError or ValueError for anything not of the written shape."""
    if not isinstance(data, dict):
        raise TypeError("not an object")
    if not all(isinstance(data[k], str) for k in _REQUIRED):
        raise TypeError("a required field is not a string")
    if not all(data[k] is None or isinstance(data[k], str) for k in _OPTIONAL):
        raise TypeError("an optional field is not a string")
    loc = data["location"]
    location = None
    if loc is not None:
        file, line, quote = loc  # ValueError / TypeError when not three items
        if not isinstance(file, str) or not (line is None or type(line) is int):
            raise TypeError("bad location")
        if not (quote is None or isinstance(quote, str)):
            raise TypeError("bad quote")
        location = Location(file=file, line=line, quote=quote)
    return ValidationResult(
        severity=Severity(data["severity"]),
        location=location,
        **{k: data[k] for k in (*_REQUIRED, *_OPTIONAL)},
    )
