"""``build/manifest.json``: what a build read and made, as a dataclass with its reader and writer.

The reader checks the shape: a manifest that is not JSON, or JSON of the wrong shape, is
*damaged* (:func:`read_manifest_file` returns None; the build then starts afresh), never a
KeyError or TypeError.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.store.build_dir import write_json
from kg.store.page_cache import PageRecord


@dataclass(frozen=True, slots=True, kw_only=True)
class ManifestInput:
    """One input file as the manifest lists it."""

    file: str
    status: str  # "built" | "failed"
    graph: str = ""
    cache_key: str | None = None
    data: dict[str, Any] = field(default_factory=dict)  # every field, as written


@dataclass(frozen=True, slots=True, kw_only=True)
class Manifest:
    version: str
    activity: str
    ontologies: tuple[str, ...]
    summary: dict[str, Any]
    inputs: tuple[ManifestInput, ...]
    tool: str = "kg"
    artifacts: dict[str, Any] | None = None  # kg.store.integrity.Artifacts.to_json()

    @property
    def quads(self) -> int:
        return int(self.summary["quads"])

    @property
    def triples(self) -> int:
        return int(self.summary["triples"])

    def built_graphs(self) -> dict[str, str | None]:
        """Graph IRI -> cache key of every page the build built."""
        return {i.graph: i.cache_key for i in self.inputs if i.status == "built"}

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "version": self.version,
            "activity": self.activity,
            "ontologies": list(self.ontologies),
            "summary": self.summary,
            "inputs": [i.data for i in self.inputs],
            **({"artifacts": self.artifacts} if self.artifacts is not None else {}),
        }


def manifest_from_json(data: Any) -> Manifest | None:
    """The manifest ``data`` describes, or None when it is not of the expected shape."""
    if not isinstance(data, dict):
        return None
    summary, inputs = data.get("summary"), data.get("inputs")
    if not isinstance(summary, dict) or not isinstance(inputs, list):
        return None
    if not all(isinstance(summary.get(k), int) for k in ("quads", "triples")):
        return None
    ontologies = data.get("ontologies")
    if not isinstance(ontologies, list) or not all(isinstance(o, str) for o in ontologies):
        return None
    if not all(isinstance(data.get(k), str) for k in ("version", "activity")):
        return None
    parsed = []
    for i in inputs:
        if not isinstance(i, dict):
            return None
        file, status, graph, key = (
            i.get("file"),
            i.get("status"),
            i.get("graph"),
            i.get("cache_key"),
        )
        if not (isinstance(file, str) and status in ("built", "failed")):
            return None
        if status == "built" and not (isinstance(graph, str) and isinstance(key, str)):
            return None
        parsed.append(
            ManifestInput(
                file=file,
                status=str(status),
                graph=graph if isinstance(graph, str) else "",
                cache_key=key if isinstance(key, str) else None,
                data=i,
            )
        )
    return Manifest(
        version=data["version"],
        activity=data["activity"],
        ontologies=tuple(ontologies),
        summary=summary,
        inputs=tuple(parsed),
        tool=str(data.get("tool", "kg")),
        artifacts=data["artifacts"] if isinstance(data.get("artifacts"), dict) else None,
    )


def read_manifest_file(path: Path, *, version: str | None = None) -> Manifest | None:
    """The manifest at ``path``; None when it is missing, damaged, or of another ``version``."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    m = manifest_from_json(data)
    return m if m is not None and (version is None or m.version == version) else None


def write_manifest(path: Path, manifest: Manifest) -> None:
    write_json(path, manifest.to_json())


def manifest_of(
    *,
    version: str,
    activity: str,
    ontologies: Sequence[str],
    pages: Sequence[PageRecord],
    quads: int,
    triples: int,
    entities_by_category: dict[str, int],
    artifacts: dict[str, Any] | None = None,
) -> Manifest:
    """The manifest of a build that read ``pages`` and wrote ``quads`` quads."""
    summary = {
        "pages": len(pages),
        "built": sum(p.status != "failed" for p in pages),
        "failed": sum(p.status == "failed" for p in pages),
        "quads": quads,
        "triples": triples,
        "entities_by_category": entities_by_category,
        "ungrounded_mentions": len({u for p in pages for u in p.ungrounded}),
        "warnings": sum(len(p.problems) for p in pages),
    }
    inputs = tuple(_input_of(p) for p in pages)
    return Manifest(
        version=version,
        activity=activity,
        ontologies=tuple(ontologies),
        summary=summary,
        inputs=inputs,
        artifacts=artifacts,
    )


def _input_of(p: PageRecord) -> ManifestInput:
    failed = p.status == "failed"
    data = {
        "file": p.file,
        "sha256": p.sha256,
        "slug": p.slug,
        "graph": p.graph,
        "page": p.page_iri,
        "title": p.title,
        "shell": p.shell,
        "status": "failed" if failed else "built",
        "facts": p.facts,
        "quads": p.quads,
        "problems": list(p.problems),
        "ungrounded": list(p.ungrounded),
        "error": p.error,
        "cache_key": None if failed else p.cache_key,
    }
    return ManifestInput(
        file=p.file,
        status=str(data["status"]),
        graph=p.graph,
        cache_key=None if failed else p.cache_key,
        data=data,
    )
