"""``build/push-state.json``: what each server holds of this build folder, after the last push.

Keyed by the server's Graph Store URL, then by graph IRI: the sha256 of the graph's body and
the activity its page node links to (:class:`kg.push.graphs.LocalGraph`). A push compares the
build with this record to send only what moved, and records each graph as soon as the server
took it, so a push that stopped half-way resumes where it stopped. The file lives in the build
folder, beside the generations (a new build does not reset it), and is written atomically.
A file that is missing, not JSON, or of the wrong shape means "nothing pushed yet": the next
push sends everything, never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.store.build_dir import write_json

STATE_FILE = "push-state.json"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class Pushed:
    """One graph as the server holds it."""

    body: str
    activity: str = ""


@dataclass(slots=True)
class PushState:
    """Every server's record (mutable: a push updates its endpoint's as it goes)."""

    path: Path
    servers: dict[str, dict[str, Pushed]] = field(default_factory=dict)

    @classmethod
    def load(cls, build_dir: Path) -> PushState:
        path = build_dir / STATE_FILE
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return cls(path)
        return cls(path, _servers_of(data))

    def of(self, endpoint: str) -> dict[str, Pushed]:
        """The graphs ``endpoint`` holds (a live dict: edits are saved by :meth:`save`)."""
        return self.servers.setdefault(endpoint, {})

    def save(self) -> None:
        write_json(
            self.path,
            {
                "format": FORMAT,
                "servers": {
                    url: {
                        g: {"body": p.body, "activity": p.activity} for g, p in sorted(gs.items())
                    }
                    for url, gs in sorted(self.servers.items())
                },
            },
        )


def _servers_of(data: Any) -> dict[str, dict[str, Pushed]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    servers = data.get("servers")
    if not isinstance(servers, dict):
        return {}
    out: dict[str, dict[str, Pushed]] = {}
    for url, graphs in servers.items():
        if not isinstance(graphs, dict):
            return {}
        entries: dict[str, Pushed] = {}
        for graph, rec in graphs.items():
            if not (
                isinstance(rec, dict)
                and isinstance(rec.get("body"), str)
                and isinstance(rec.get("activity"), str)
            ):
                return {}
            entries[graph] = Pushed(rec["body"], rec["activity"])
        out[url] = entries
    return out
