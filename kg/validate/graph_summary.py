"""What validation derives from one page graph before it makes the graph's unit, kept between runs.

To cut a build into units (kg.validate.units), validation reads every graph twice: once to find
the page nodes and the cross-graph context (the ``rdf:type`` of linked nodes, the inverse-path
triples: :class:`kg.validate.units.Linked`), once more to make each unit and its cache key.
When nothing changed, every unit's results come from the cache, but both reads remained: most
of a warm run. A :class:`Summary` is what those reads give of one graph; it is kept in
``build/validation-cache/`` under the graph's digest from the build's index
(kg.store.dataset_index), so a graph whose content validation has seen is not parsed again.
It is stored as two entries, :class:`Links` for the first pass (the page nodes and Linked lines)
and :class:`Own` for the second (what a unit's key needs), so each pass reads only its part
(when stored as one, every summary was read whole twice: 25 s of a profiled warm validation at
18,434 pages).

The build activity's IRI is in every page graph (``prov:wasGeneratedBy``) and changes with
every build; the index's digest leaves it out, and a stored summary reads it as one fixed name
(:data:`TOKEN`), put back when read. A graph that holds that fixed name itself is not stored.

``exact`` is False when a line the long way would compare with the scan's lines (an inverse-path
line pointing at a minted node) is not in the file as pyoxigraph writes it (never in a kg build):
such a graph's unit is made and keyed the long way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg import vocab as v
from kg.json_shapes import rows as _rows
from kg.json_shapes import strings as _strings
from kg.rdf.layout import is_fact
from kg.validate.result_cache import ACTIVITY, ResultCache, code_digest

FORMAT = 2
MINTED = (v.STATEMENT_PREFIX, v.SELECTOR_PREFIX)
#: What a stored summary reads the build activity's IRI as (the IRI the unit keys use).
TOKEN = ACTIVITY.strip("<>")
_ABOUT = (v.DCTERMS_IDENTIFIER, v.SLUG, v.SOURCE_FILE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Links:
    """What the first pass over the graphs needs of one page graph: its page nodes and the
    lines it lends to the other units (kg.validate.indexed)."""

    wiki_pages: tuple[str, ...]  # the kgv:WikiPage nodes, in file order
    about: tuple[tuple[str, str, str], ...]  # (node, predicate, value) of _ABOUT, last one wins
    linked: tuple[tuple[str, str, str], ...]  # (node, property, line) the graph adds to Linked


@dataclass(frozen=True, slots=True, kw_only=True)
class Own:
    """What the second pass needs of one page graph to key its unit (kg.validate.candidates),
    and the ontology checks to key theirs."""

    nodes: tuple[str, ...]  # subjects and IRIs in object position, but kg's minted nodes
    focus: tuple[str, ...]  # the page unit's focus nodes but minted ones (build's not removed)
    minted_focus: str  # digest of the minted focus nodes (sorted)
    overlap: tuple[str, ...]  # own lines that can also be a context line (see :func:`summarize`)
    exact: bool
    cited: tuple[tuple[str, str], ...]  # (node, property) of its witness lines (Links.linked)


@dataclass(frozen=True, slots=True)
class Summary:
    """One page graph, as the cutting of units needs it (see the module docstring): stored as
    two entries, each read by one of the two passes, so that neither reads the other's."""

    links: Links
    own: Own


def summarize(
    triples: Sequence[ox.Triple],
    lines: Sequence[str],
    inverse: frozenset[str],
    witness: frozenset[str] = frozenset(),
) -> Summary:
    """The summary of a page graph: its statements and their lines in the file (N-Triples).

    The context of a unit is made of terms-graph triples about its nodes (their subject is the
    node) and the Linked lines of its nodes (``rdf:type`` lines whose subject is the node,
    inverse-path lines whose object is); those that are the unit's own lines are left out. Minted
    nodes are named after their graph (kg.vocab.mint): only their own graph mentions them, so
    their Linked lines are own lines, and no terms triple is about them. ``overlap`` therefore
    holds the own lines that any context line can be: those whose subject is not minted, and the
    inverse-path lines whose object is a named, not minted node, but for the ``witness``
    properties (kg.validate.units.Linked): a unit takes another graph's line of those only when
    it has none of its own for the node. Of these, ``linked`` keeps the least line per node and
    property (the least over the graphs is the least of each graph's least).
    """
    wiki: list[str] = []
    about: dict[tuple[str, str], str] = {}
    linked: list[tuple[str, str, str]] = []
    least: dict[tuple[str, str], str] = {}  # (node, witness property) -> least line
    nodes: set[str] = set()
    subjects: set[str] = set()
    fact_objects: list[tuple[str, str]] = []  # (subject, object) of non-type named objects
    overlap: list[str] = []
    exact = len(lines) == len(triples)
    rdf_type, wiki_page, named_node = v.RDF_TYPE, v.WIKI_PAGE, ox.NamedNode
    for t, line in zip(triples, lines, strict=False):
        subject, p, o = t.subject, t.predicate.value, t.object
        s = subject.value if type(subject) is named_node else str(subject)
        minted_s = s.startswith(MINTED)
        named_o = o.value if type(o) is named_node else None
        subjects.add(s)
        if not minted_s:
            nodes.add(s)
            overlap.append(line)
        if named_o is not None:
            if not named_o.startswith(MINTED):
                nodes.add(named_o)
            if p != rdf_type:
                fact_objects.append((s, named_o))
        if p == rdf_type:
            if not minted_s:
                linked.append((s, p, _nt(t)))
            if type(subject) is named_node and named_o == wiki_page:
                wiki.append(s)
        elif p in _ABOUT and type(subject) is named_node and not isinstance(o, ox.Triple):
            about[(s, p)] = o.value
        if p not in inverse or named_o is None:
            continue
        if named_o.startswith(MINTED):
            # the scan's Linked keeps this line (as pyoxigraph writes it) for the minted node,
            # and the unit leaves it out as its own only if the file has it the same way
            if p not in witness and line != _nt(t):
                exact = False
            continue
        nt = _nt(t)
        if p in witness:
            old = least.get((named_o, p))
            if old is None or nt < old:
                least[(named_o, p)] = nt
            continue
        linked.append((named_o, p, nt))
        if minted_s:
            overlap.append(line)
    page_iri = wiki[0] if wiki else ""
    focus = set(subjects)
    focus.update(o for s, o in fact_objects if is_fact(s, page_iri))
    minted = sorted(f for f in focus if f.startswith(MINTED))
    witnessed = sorted(least.items())
    links = Links(
        wiki_pages=tuple(wiki),
        about=tuple((s, p, value) for (s, p), value in about.items()),
        linked=(*linked, *((n, p, line) for (n, p), line in witnessed)),
    )
    own = Own(
        nodes=tuple(sorted(nodes)),
        focus=tuple(sorted(f for f in focus if not f.startswith(MINTED))),
        minted_focus=_digest(minted),
        overlap=tuple(overlap),
        exact=exact,
        cited=tuple((n, p) for (n, p), _ in witnessed),
    )
    return Summary(links, own)


def _nt(t: ox.Triple) -> str:
    """The N-Triples line of a statement as kg.validate.units.Linked has it."""
    return f"{t.triple if isinstance(t, ox.Quad) else t} ."


def _digest(items: Sequence[str]) -> str:
    h = hashlib.sha256(f"{len(items)}\x1f".encode())
    for item in items:
        h.update(f"{item}\x1f".encode())
    return h.hexdigest()


def summary_key(
    graph: str, digest: str, inverse: frozenset[str], witness: frozenset[str], part: str
) -> str:
    """The cache key of one part (``links`` or ``own``) of a graph's summary: its content (the
    index's digest), the inverse-path (and witness) properties of the shapes, and kg's code."""
    h = hashlib.sha256(f"kg-graph-summary-{FORMAT}\x1f{code_digest()}\x1f{part}\x1f".encode())
    for p in sorted(inverse):
        h.update(f"{p}\x1f".encode())
    h.update(b"\x1e")
    for p in sorted(witness):
        h.update(f"{p}\x1f".encode())
    h.update(f"\x1e{graph}\x1f{digest}".encode())
    return "g" + h.hexdigest()[:39]


PARTS = ("links", "own")


def read_links(cache: ResultCache, key: str, graph: str, activity: str) -> Links | None:
    """The stored :class:`Links` of ``key``, or None when absent or not of the written shape."""
    data = _read(cache, key, f"links:{graph}", activity)
    try:
        rows = [data[f] for f in ("about", "linked")]
        wiki = data["wiki_pages"]
        if not (_strings(wiki) and all(_rows(r, 3) for r in rows)):
            return None
        about, linked = (tuple((a, b, c) for a, b, c in r) for r in rows)
        return Links(wiki_pages=tuple(wiki), about=about, linked=linked)
    except (KeyError, TypeError):
        return None


def read_own(cache: ResultCache, key: str, graph: str, activity: str) -> Own | None:
    """The stored :class:`Own` of ``key``, or None when absent or not of the written shape."""
    data = _read(cache, key, f"own:{graph}", activity)
    try:
        strings = [data[f] for f in ("nodes", "focus", "overlap")]
        if not (all(_strings(xs) for xs in strings) and _rows(data["cited"], 2)):
            return None
        if type(data["minted_focus"]) is not str or type(data["exact"]) is not bool:
            return None
        nodes, focus, overlap = (tuple(xs) for xs in strings)
        return Own(
            nodes=nodes,
            focus=focus,
            minted_focus=data["minted_focus"],
            overlap=overlap,
            exact=data["exact"],
            cited=tuple((a, b) for a, b in data["cited"]),
        )
    except (KeyError, TypeError):
        return None


def _read(cache: ResultCache, key: str, name: str, activity: str) -> dict[str, Any]:
    text = cache.get_text(key, name)
    if text is None:
        return {}
    try:  # the placeholder put back in the JSON text (it can only occur inside strings)
        data = json.loads(text.replace(TOKEN, _in_json(activity)) if activity else text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def write(
    cache: ResultCache, keys: tuple[str, str], graph: str, summary: Summary, activity: str
) -> None:
    """Store ``summary``'s two parts under ``keys`` (links, own), unless the graph holds
    :data:`TOKEN` itself."""
    texts = [
        json.dumps(
            {f: getattr(part, f) for f in type(part).__dataclass_fields__},
            ensure_ascii=False,
            sort_keys=True,
        )
        for part in (summary.links, summary.own)
    ]
    if any(TOKEN in text for text in texts):
        return
    for key, part, text in zip(keys, PARTS, texts, strict=True):
        stored = text.replace(_in_json(activity), TOKEN) if activity else text
        cache.put_text(key, f"{part}:{graph}", stored)


def _in_json(text: str) -> str:
    """``text`` as it reads inside a JSON string."""
    return json.dumps(text, ensure_ascii=False)[1:-1]
