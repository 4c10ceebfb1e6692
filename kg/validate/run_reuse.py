"""The last validation's whole report, read back when nothing it read has changed.

A validation of a build reads: the shape files, the engine and kg's own code
(:func:`kg.validate.result_cache.config_digest`); the dataset, known by the manifest's sha256,
which is trusted only while the build's index describes the file as it is
(:func:`kg.store.dataset_index.describes`: its size and modification time); the manifest's
bytes (the page records); the ontology files and the reasoner's settings (on, its timeout,
whether Java is found); the libraries that read them (pyshacl, rdflib, owlready2,
pyoxigraph); the working folder (where page files named relatively are found, how shape
files are named in the report); and each page's source file, whose bytes the quote check
reads. :func:`inputs_digest` digests all but the page files; the entry lists each page file
with the sha256 of its bytes as the run read them, and :func:`read` hashes them again.

When all of it is what the last full run read, its report is this run's: ``kg validate``
after ``kg build`` (or asked again for another ``--format``) answers without cutting one
unit. Any difference, and an entry damaged in any way (the checks of
:class:`kg.validate.result_cache.ResultCache`), falls back to the run unit by unit, whose own
cache (per unit, per graph summary, per page's ontology checks) is untouched by this one.
A run whose reasoner ran out of time or stopped is not kept (its verdict depends on more than
these inputs), nor one with the cache off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from kg.store.dataset_index import describes
from kg.validate.evidence import file_digest
from kg.validate.report import Report
from kg.validate.result_cache import ResultCache, result_from_json, result_to_json

FORMAT = 1
KEY = "run"  # the one entry: build/validation-cache/run.json, replaced by each full run
_LIBRARIES = ("pyshacl", "rdflib", "owlready2", "pyoxigraph")


@dataclass(frozen=True, slots=True)
class Reused:
    """A report read back, and the number of units the run that made it validated."""

    report: Report
    units: int


def inputs_digest(
    *,
    config: str,
    dataset: Path,
    dataset_sha256: str | None,
    manifest: Path,
    ontology_files: Sequence[Path],
    ontology_notes: Sequence[str],
    reasoner: tuple[bool, float, str | None],
    roots: Sequence[Path],
    shapes_shown: Sequence[str],
) -> str | None:
    """The digest of every input of a validation but the page files (module docstring), or
    None when one cannot be known without reading the dataset (no manifest sha256, or an
    index that does not describe the file): then nothing is reused. ``dataset_sha256``: the
    manifest's, as the run read it; ``manifest``: the manifest file, whose bytes are digested."""
    sha256 = dataset_sha256
    if sha256 is None or not describes(dataset, sha256):
        return None
    try:
        manifest_bytes = manifest.read_bytes()
        onto = [(str(f), hashlib.sha256(Path(f).read_bytes()).hexdigest()) for f in ontology_files]
    except OSError:
        return None
    h = hashlib.sha256(f"kg-validation-run-{FORMAT}\x1f{config}\x1f{sha256}\x1f".encode())
    h.update(hashlib.sha256(manifest_bytes).digest())
    parts: list[str] = [f"{name}={_version(name)}" for name in _LIBRARIES]
    parts += [f"onto:{name}:{digest}" for name, digest in onto]
    parts += [f"note:{n}" for n in ontology_notes]
    enabled, timeout, java = reasoner
    parts += [f"reasoner:{enabled}:{timeout!r}:{java or ''}"]
    parts += [f"root:{r.resolve()}" for r in roots]
    parts += [f"shape:{s}" for s in shapes_shown]
    for part in parts:
        h.update(f"{part}\x1f".encode())
    return h.hexdigest()


def read(cache: ResultCache, digest: str, roots: Sequence[Path]) -> Reused | None:
    """The report kept for ``digest`` when every page file it lists still has the bytes it
    had; None otherwise, or when the entry is absent or not of the written shape."""
    data = cache.get_payload(KEY, digest)
    try:
        sources = data["sources"]
        units = data["units"]
        body = data["report"]
        if type(units) is not int or type(sources) is not list:
            return None
        for source in sources:
            file, found = source
            if not (file is None or type(file) is str) or not (found is None or type(found) is str):
                return None
            if file_digest(file, roots) != found:
                return None
        return Reused(report=_report_from_json(body), units=units)
    except (KeyError, TypeError, ValueError):
        return None


def sources_of(
    files: Sequence[str | None], roots: Sequence[Path]
) -> list[tuple[str | None, str | None]]:
    """Each page file (as the pages name it) with the sha256 of its bytes now; to be taken
    before the units read them (an edit in between then only misses the next reuse)."""
    return [(f, file_digest(f, roots)) for f in dict.fromkeys(files)]


def write(
    cache: ResultCache,
    digest: str,
    sources: Sequence[tuple[str | None, str | None]],
    report: Report,
    units: int,
) -> None:
    """Keep ``report`` as the one whole-run entry (a failure to write only means no reuse)."""
    payload = {
        "report": _report_to_json(report),
        "sources": [list(s) for s in sources],
        "units": units,
    }
    cache.put_payload(KEY, digest, payload)


def _report_to_json(report: Report) -> dict[str, Any]:
    return {
        "checks": list(report.checks),
        "notices": list(report.notices),
        "pages": report.pages,
        "results": [result_to_json(r) for r in report.results],
        "shapes": list(report.shapes),
    }


def _report_from_json(data: Any) -> Report:
    """TypeError / ValueError / KeyError for anything not written by :func:`_report_to_json`."""
    lists = [data[f] for f in ("checks", "notices", "shapes")]
    if not all(type(xs) is list and all(type(x) is str for x in xs) for xs in lists):
        raise TypeError("not a list of strings")
    if type(data["pages"]) is not int or type(data["results"]) is not list:
        raise TypeError("bad pages or results")
    checks, notices, shapes = (tuple(xs) for xs in lists)
    return Report(
        results=tuple(result_from_json(r) for r in data["results"]),
        notices=notices,
        pages=data["pages"],
        checks=checks,
        shapes=shapes,
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "(not installed)"
