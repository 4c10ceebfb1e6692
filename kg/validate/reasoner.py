"""HermiT (bundled with owlready2) over the ontology plus the build's class assertions.

The build's class assertions are what its pages claim about classes: ``A rdfs:subClassOf B``
(lineage and parent-classification claims, both ends resolved to ontology classes), and for
minted nodes their identity or upper bound (``owl:sameAs`` / ``skos:broadMatch`` a CL class).
They are added, in a separate ontology of the same owlready2 ``World()``, to the ontology the
build used (imports and axiom annotations stripped), and HermiT is asked for consistency and
for unsatisfiable classes: a page claim that contradicts a disjointness axiom shows up here.

The reasoner runs in a child process in its own process group, started early and waited for
with a deadline: on timeout the whole group (the Python child and its Java) is killed and
the check is skipped with a notice. Without Java it is skipped with a one-line notice. The child
cannot open a socket and its standard error goes to a file (:mod:`kg.validate.sandbox`), so
nothing HermiT or owlready2 prints lands among kg's messages.

The child's first half (a fresh interpreter, owlready2, reading the ontology: about 0.6 s for
the shipped module) does not depend on the pages, so :func:`warmed` starts it ahead, while
`kg build` builds the pages or validation reads the build; :func:`start` then only hands it the
axioms (without a warm child, it starts one and hands them at once: one kind of child). On the
seeds, HermiT was the last thing `kg build` waited for (0.8 s). The child receives the axioms in
a thread while it reads the ontology, so handing them never waits for that read.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.deadline import Deadline, kill_group
from kg.validate.sandbox import capture_stderr, forbid_network, last_line

_CLAIMS_ONTOLOGY = "https://scidex.ai/kg/validate/claims.owl"
_STDERR = "stderr.txt"


@dataclass(frozen=True, slots=True, kw_only=True)
class Axioms:
    """What the build says about classes: (sub, super) pairs and (node, class) equivalences."""

    subclass: tuple[tuple[str, str], ...] = ()
    same: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ReasonerResult:
    status: str  # "consistent" | "inconsistent" | "unsatisfiable" | "skipped" | "error"
    notice: str
    unsatisfiable: tuple[str, ...] = ()  # class IRIs equivalent to owl:Nothing
    # False when the verdict depends on more than the axioms, the ontology and the settings
    # (HermiT ran out of time or stopped): such a run's report is not kept whole (run_reuse)
    settled: bool = True


@dataclass(slots=True)
class Running:
    """A reasoner started in the background; :meth:`result` waits for it (bounded)."""

    process: Any = None
    conn: Connection | None = None
    tmp: tempfile.TemporaryDirectory[str] | None = None
    deadline: Deadline = field(default_factory=lambda: Deadline(0.0))
    skipped: ReasonerResult | None = None
    _result: ReasonerResult | None = field(default=None)

    def result(self) -> ReasonerResult:
        if self.skipped is not None:
            return self.skipped
        if self._result is None:
            self._result = self._wait()
        return self._result

    def _wait(self) -> ReasonerResult:
        assert self.conn is not None and self.process is not None
        remaining = self.deadline.remaining()
        try:
            if self.conn.poll(remaining):
                status, notice, unsat = self.conn.recv()
                return ReasonerResult(
                    status=status,
                    notice=notice,
                    unsatisfiable=tuple(unsat),
                    settled=status != "error",
                )
            return ReasonerResult(
                status="skipped",
                notice=f"reasoner: HermiT did not finish within {self.deadline.seconds:g} s; "
                "consistency not checked",
                settled=False,
            )
        except EOFError:
            detail = last_line(os.path.join(self.tmp.name, _STDERR)) if self.tmp else ""
            return ReasonerResult(
                status="error",
                notice="reasoner: HermiT stopped unexpectedly" + (f" ({detail})" if detail else ""),
                settled=False,
            )
        finally:
            self.stop()

    def stop(self) -> None:
        """Kill the reasoner (its whole process group) if it still runs; remove its files."""
        if self.process is not None and self.process.is_alive():
            kill_group(self.process.pid)  # the child leads its own group
        if self.process is not None:
            self.process.join(5)
        if self.tmp is not None:
            self.tmp.cleanup()


def java() -> str | None:
    return shutil.which("java")


@dataclass(slots=True)
class _Child:
    """A reasoner child reading ``ontology``, to be handed its axioms on ``axioms``."""

    ontology: Path
    running: Running
    axioms: Connection
    taken: bool = False


_WARM: ContextVar[_Child | None] = ContextVar("kg_reasoner_warm", default=None)


@contextmanager
def warmed(ontology: Path | None) -> Iterator[None]:
    """Start the reasoner's child for ``ontology`` now (it reads the ontology while the caller
    works); :func:`start` inside the block hands it the axioms. Nothing is started without
    Java, for no ontology, or when one is already warm for it; a child no :func:`start` took
    is stopped when the block ends."""
    current = _WARM.get()
    if ontology is None or java() is None or _takes(current, ontology):
        yield
        return
    child = _spawn(ontology.resolve())
    token = _WARM.set(child)
    try:
        yield
    finally:
        _WARM.reset(token)
        if not child.taken:
            child.axioms.close()
            child.running.stop()


def start(ontology: Path, axioms: Axioms, *, timeout: float, enabled: bool = True) -> Running:
    """Start HermiT in the background (or return a skipped result saying why): the child
    :func:`warmed` started for ``ontology`` is handed the axioms, else a new one is."""
    if not enabled:
        return Running(
            skipped=ReasonerResult(status="skipped", notice="reasoner: not run (disabled)")
        )
    if java() is None:
        return Running(
            skipped=ReasonerResult(
                status="skipped",
                notice="reasoner: skipped (no Java found: install a JRE to run HermiT)",
            )
        )
    warm = _WARM.get()
    if warm is not None and _takes(warm, ontology) and warm.running.process.is_alive():
        running = _hand(warm, axioms, timeout)
        if running is not None:
            return running
    running = _hand(_spawn(ontology.resolve()), axioms, timeout)
    if running is not None:
        return running
    return Running(
        skipped=ReasonerResult(
            status="error", notice="reasoner: HermiT could not start", settled=False
        )
    )


def _takes(child: _Child | None, ontology: Path) -> bool:
    """Whether ``child`` is free to be handed the axioms for ``ontology``."""
    return child is not None and not child.taken and child.ontology == ontology.resolve()


def _spawn(ontology: Path) -> _Child:
    """A child that reads ``ontology``, then waits for its axioms (:func:`_hand`)."""
    ctx = mp.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    axioms_in, axioms_out = ctx.Pipe(duplex=False)
    tmp = tempfile.TemporaryDirectory(prefix="kg-hermit-")
    proc = ctx.Process(
        target=_reason,
        args=(str(ontology), tmp.name, axioms_in, sender),
        daemon=True,
    )
    proc.start()
    sender.close()
    axioms_in.close()
    return _Child(ontology, Running(process=proc, conn=receiver, tmp=tmp), axioms_out)


def _hand(child: _Child, axioms: Axioms, timeout: float) -> Running | None:
    """``child`` handed ``axioms``, its deadline starting now; None when it is gone."""
    child.taken = True
    try:
        child.axioms.send(axioms)  # never waits for the ontology: the child drains the pipe
    except OSError:
        child.running.stop()
        return None
    finally:
        child.axioms.close()
    child.running.deadline = Deadline(timeout)
    return child.running


def _reason(ontology: str, tmpdir: str, axioms_in: Connection, conn: Connection) -> None:
    """The child process: read the ontology while a thread receives the axioms (none: the
    parent did not need this child, and it ends), add them, run HermiT, send the verdict."""
    _sandbox(tmpdir)
    received: list[Axioms] = []
    receiver = threading.Thread(target=_receive, args=(axioms_in, received), daemon=True)
    receiver.start()  # the parent's send returns at once, however large the axioms
    world: Any = None
    error: Exception | None = None
    try:
        world = _load(Path(ontology))
    except Exception as exc:  # reported once the axioms come, never raised into the parent
        error = exc
    receiver.join()
    if not received:
        return
    verdict = _failed(error) if error is not None else _checked(world, received[0])
    _send(conn, verdict)


def _checked(world: Any, axioms: Axioms) -> tuple[str, str, list[str]]:
    try:
        return _run_hermit(world, axioms)
    except Exception as exc:  # any failure is reported, never raised into the parent
        return _failed(exc)


def _receive(axioms_in: Connection, into: list[Axioms]) -> None:
    with suppress(EOFError, OSError):
        into.append(axioms_in.recv())


def _sandbox(tmpdir: str) -> None:
    os.setpgrp()
    capture_stderr(os.path.join(tmpdir, _STDERR))
    forbid_network()
    tempfile.tempdir = tmpdir


def _failed(exc: BaseException) -> tuple[str, str, list[str]]:
    return ("error", f"reasoner: HermiT could not run ({_first_line(exc)})", [])


def _send(conn: Connection, verdict: tuple[str, str, list[str]]) -> None:
    try:
        conn.send(verdict)
    except OSError:
        pass  # the parent stopped waiting (it failed or timed out): nobody to tell
    finally:
        conn.close()


def _load(path: Path) -> Any:
    """An owlready2 world holding the ontology at ``path`` (imports stripped)."""
    import io

    import owlready2

    from kg.validate.ontology import ontology_bytes

    world = owlready2.World()
    world.get_ontology(path.resolve().as_uri()).load(
        fileobj=io.BytesIO(ontology_bytes(path, for_reasoner=True))
    )
    return world


def _run_hermit(world: Any, axioms: Axioms) -> tuple[str, str, list[str]]:
    import owlready2

    claims = world.get_ontology(_CLAIMS_ONTOLOGY)
    added, groups = _add_axioms(world, claims, axioms, owlready2)
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return (
            "inconsistent",
            f"reasoner: HermiT found the ontology plus {added} class assertion(s) inconsistent",
            [],
        )
    unsat = groups.expand([c.iri for c in world.inconsistent_classes() if hasattr(c, "iri")])
    if unsat:
        return (
            "unsatisfiable",
            f"reasoner: HermiT found {len(unsat)} unsatisfiable class(es) with the build's "
            f"{added} class assertion(s)",
            unsat,
        )
    return (
        "consistent",
        f"reasoner: HermiT found the ontology plus the build's {added} class assertion(s) "
        "consistent",
        [],
    )


def _add_axioms(world: Any, claims: Any, axioms: Axioms, owlready2: Any) -> tuple[int, Groups]:
    """Add the build's axioms; how many, and the equivalence groups (see :func:`groups_of`).

    Each group of nodes the pages make equivalent is added as one class: a minted node is
    replaced by its group's representative in every axiom, and only the equivalences between
    classes the ontology already has are stated. That is the same theory up to renaming, so
    HermiT's verdict is the same; adding every minted node as ``equivalent_to`` instead made
    owlready2 recurse past Python's limit at about a thousand pages naming one CL class.
    """
    import types

    def cls(iri: str) -> Any:
        found = world[iri]
        if found is not None:
            return found
        base, _, name = iri.rpartition("/") if "#" not in iri else iri.rpartition("#")
        with claims.get_namespace(base + iri[len(base)]):
            return types.new_class(name, (owlready2.Thing,))

    groups = groups_of(axioms.same, known=lambda iri: world[iri] is not None)
    added = 0
    with claims:
        for sub, sup in sorted({(groups.rep(a), groups.rep(b)) for a, b in axioms.subclass}):
            if sub == sup:  # a minted node below its own class: true by the equivalence
                added += 1
                continue
            child, parent = cls(sub), cls(sup)
            if parent not in child.is_a:
                child.is_a.append(parent)
                added += 1
        for rep, other in groups.known_pairs():
            cls(rep).equivalent_to.append(cls(other))
        added += len(axioms.same)
    return added, groups


@dataclass(frozen=True, slots=True)
class Groups:
    """Nodes made equivalent by the pages, as groups with one representative each."""

    rep_of: dict[str, str]
    members: dict[str, tuple[str, ...]]
    known: frozenset[str]  # the members the ontology has

    def rep(self, iri: str) -> str:
        return self.rep_of.get(iri, iri)

    def known_pairs(self) -> list[tuple[str, str]]:
        """(representative, other ontology class of its group): the equivalences to state."""
        return [
            (rep, m)
            for rep, ms in sorted(self.members.items())
            for m in ms
            if m != rep and m in self.known
        ]

    def expand(self, iris: list[str]) -> list[str]:
        """Every member of the groups of ``iris`` (all of a group is unsatisfiable together)."""
        out = set(iris)
        for iri in iris:
            out.update(self.members.get(self.rep(iri), ()))
        return sorted(out)


def groups_of(pairs: Sequence[tuple[str, str]], known: Callable[[str], bool]) -> Groups:
    """Union-find over ``pairs``; a group's representative is its smallest ontology class
    (``known``), or its smallest IRI when the ontology has none of them."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    by_root: dict[str, list[str]] = {}
    for x in parent:
        by_root.setdefault(find(x), []).append(x)
    rep_of: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    found: set[str] = set()
    for ms in by_root.values():
        in_onto = sorted(m for m in ms if known(m))
        found.update(in_onto)
        rep = in_onto[0] if in_onto else min(ms)
        members[rep] = tuple(sorted(ms))
        for m in ms:
            rep_of[m] = rep
    return Groups(rep_of=rep_of, members=members, known=frozenset(found))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:300]
