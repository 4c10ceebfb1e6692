"""Mermaid pathway diagrams: nodes ``(id, label)`` and edges ``(source, relation, target)``.

:func:`find_diagrams` finds flowcharts in every form SciDEX pages show them:

* ``"multiline"``: a ``flowchart TD`` / ``graph TD`` line, then one statement per line;
* ``"oneline"``: the whole diagram squashed onto the header's line;
* ``"inline"``: the same, after other text on the line;
* ``"fenced"``: inside a ```` ```mermaid ```` block.

Statements read: node declarations ``A["Label"]`` (also ``A[Label]``, stadium ``A(["L"])``, round,
circle, rhombus and other shapes), edges ``-->``, ``---``, ``-.->``, ``==>`` with a label
``|"relation"|`` or ``|relation|`` or written in the arrow (``-- relation -->``), chains
``A --> B --> C`` and ``&`` groups; ``style``, ``classDef``, ``class``, ``linkStyle``, ``click``,
``direction``, ``subgraph`` / ``end`` and ``%%`` comments are read and used but state no fact.

A node is declared once: the first label wins and a later different label is a problem. Broken
parts are reported as :class:`~kg.parse.model.Problem` (and as strings on the diagram), never
guessed: self-loops and unlabelled edges are kept as edges (label None) and reported; an edge to
an id never given a label keeps that node with its id as label (shape ``"bare"``); a ``subgraph``
without ``end``, text that is not Mermaid, an unclosed fence are reported. Linear time: every
statement is read left to right with anchored regular expressions, each search bounded by its line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from kg.parse.document import Document, Line, element_id
from kg.parse.model import Element, MermaidDiagram, MermaidEdge, MermaidNode, Problem

_E = TypeVar("_E", bound=Element)

_HEADER = re.compile(r"(?<![\w-])(?:flowchart|graph)[ \t]+(TD|TB|LR|RL|BT)(?![\w])[ \t;]*")
_OTHER_HEADER = re.compile(r"\s*([a-zA-Z]+(?:Diagram|Diagram-v2)?|pie|gantt|mindmap|timeline)\b")
_FENCE_OPEN = re.compile(r"\s*(```|~~~)\s*mermaid\b", re.IGNORECASE)
_STATEMENT_START = re.compile(
    r"\s*(?:%%|(?:style|classDef|class|linkStyle|click|subgraph|direction)\s|end\s*$"
    r"|\w[\w.-]*(?:[\[({>]|\s*(?:&|--|-\.|==|<-)))"
)
_EDGE_PRESENT = re.compile(r"--+>|-\.+->|==+>|---")
_WS = re.compile(r"[\s;]*")
_ID = re.compile(r"\w+(?:[.-]\w+)*")
_KEYWORD = re.compile(r"(style|classDef|class|linkStyle|click|subgraph|end|direction)(?=[\s;]|$)")
_TOKEN = re.compile(r"[ \t]+([^\s;]+)")
_QUOTED_ARG = re.compile(r"[ \t]+\"[^\"\n]*\"")
_ARROW = re.compile(r"\s*(<?)(-\.+->|-\.+-|==+>|===+|--+>|---+|--[xo](?!\w)|~~~)")
_TEXT_ARROW = re.compile(
    r"\s*(?:(--)[ \t]+([^\n]{1,200}?)[ \t]+(?:-->|---)|(-\.)[ \t]*([^\n]{1,200}?)[ \t]*\.->"
    r"|(==)[ \t]+([^\n]{1,200}?)[ \t]+==>)"
)
_PIPE_LABEL = re.compile(r"\s*\|([^|\n]*)\|")
_AMP = re.compile(r"\s*&\s*")
_ENTITY = re.compile(r"#(\w+);")
#: (opener, closer, shape), longest openers first (the order of ``_OPENER``).
_SHAPES = (
    ("(((", ")))", "circle"),
    ("((", "))", "circle"),
    ("([", "])", "stadium"),
    ("[[", "]]", "subroutine"),
    ("[(", ")]", "cylinder"),
    ("{{", "}}", "hexagon"),
    ("[/", "/]", "parallelogram"),
    ("[\\", "\\]", "parallelogram"),
    ("[", "]", "box"),
    ("(", ")", "round"),
    ("{", "}", "rhombus"),
    (">", "]", "asymmetric"),
)
_OPENER = re.compile("|".join(re.escape(o) for o, _, _ in _SHAPES))
_CLOSER = {o: (c, shape) for o, c, shape in _SHAPES}


@dataclass(frozen=True, slots=True, kw_only=True)
class DiagramScan:
    """The diagrams found, the view lines they used, and what was wrong with them."""

    diagrams: tuple[MermaidDiagram, ...]
    used: frozenset[int]
    problems: tuple[Problem, ...]


class MermaidSyntaxError(ValueError):
    """A statement that could not be read (reported as a problem, never raised out)."""


@dataclass(frozen=True, slots=True)
class _Ref:
    node_id: str
    start: int
    end: int
    label: str | None
    shape: str


@dataclass(slots=True)
class _Builder:
    """One diagram being read: nodes, edges and problems, in page order."""

    doc: Document
    nodes: dict[str, MermaidNode] = field(default_factory=dict)
    bare: dict[str, _Ref] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    edges: list[MermaidEdge] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    subgraphs: list[int] = field(default_factory=list)  # offsets of open subgraphs
    ids: set[str] = field(default_factory=set)

    def element(self, cls: type[_E], kind: str, start: int, end: int, **fields: object) -> _E:
        """An element with a unique id (a fan-out ``A --> B & C`` shares a start offset)."""
        span = self.doc.span(start, end)
        eid = element_id(kind, span)
        if eid in self.ids:
            eid = element_id(f"{kind}{len(self.ids)}", span)
        self.ids.add(eid)
        return cls(id=eid, span=span, source=self.doc.source(span), **fields)

    def problem(self, code: str, message: str, start: int, end: int) -> None:
        span = self.doc.span(start, max(start, end))
        self.problems.append(Problem(code=code, message=message, line=span.first_line, span=span))

    def see(self, ref: _Ref) -> None:
        if ref.node_id not in self.nodes and ref.node_id not in self.bare:
            self.order.append(ref.node_id)
        if ref.label is None:
            self.bare.setdefault(ref.node_id, ref)
            return
        known = self.nodes.get(ref.node_id)
        if known is None:
            self.nodes[ref.node_id] = self.element(
                MermaidNode,
                "node",
                ref.start,
                ref.end,
                node_id=ref.node_id,
                label=ref.label,
                shape=ref.shape,
            )
        elif known.label != ref.label:
            self.problem(
                "mermaid-label-conflict",
                f"node {ref.node_id} declared again as {ref.label!r}; "
                f"its first label {known.label!r} is kept",
                ref.start,
                ref.end,
            )

    def edge(self, src: _Ref, tgt: _Ref, label: str | None, style: str) -> None:
        start, end = min(src.start, tgt.start), max(src.end, tgt.end)
        edge = self.element(
            MermaidEdge,
            "edge",
            start,
            end,
            source_id=src.node_id,
            target_id=tgt.node_id,
            label=label,
            style=style,
        )
        self.edges.append(edge)
        if label is None:
            self.problem(
                "mermaid-unlabelled-edge",
                f"edge {src.node_id} -> {tgt.node_id} has no relation label",
                start,
                end,
            )
        if src.node_id == tgt.node_id:
            self.problem(
                "mermaid-self-loop",
                f"self-loop {src.node_id} -> {tgt.node_id} ({label or 'unlabelled'})",
                start,
                end,
            )

    def finish(self, form: str, direction: str, start: int, end: int) -> MermaidDiagram:
        for node_id in self.order:
            if node_id not in self.nodes:
                ref = self.bare[node_id]
                self.problem(
                    "mermaid-undeclared-node",
                    f"node {node_id} is used but never declared with a label",
                    ref.start,
                    ref.end,
                )
                self.see(_Ref(node_id, ref.start, ref.end, node_id, "bare"))
        for at in self.subgraphs:
            self.problem("mermaid-unclosed-subgraph", "subgraph without end", at, at + 8)
        return self.element(
            MermaidDiagram,
            "diagram",
            start,
            end,
            form=form,
            direction=direction,
            nodes=tuple(self.nodes[n] for n in self.order),
            edges=tuple(self.edges),
            problems=tuple(f"line {p.line}: {p.message}" for p in self.problems),
        )


def find_diagrams(doc: Document, lines: Sequence[Line]) -> DiagramScan:
    """Every Mermaid flowchart among ``lines`` (view lines in page order)."""
    diagrams: list[MermaidDiagram] = []
    used: set[int] = set()
    problems: list[Problem] = []
    i = 0
    while i < len(lines):
        text = lines[i].text
        found: tuple[MermaidDiagram, list[Line], list[Problem]] | None = None
        if _FENCE_OPEN.match(text):
            found = _fenced(doc, lines, i)
        elif "flowchart" in text or "graph" in text:
            found = _unfenced(doc, lines, i)
        if found is None:
            i += 1
            continue
        diagram, consumed, found_problems = found
        diagrams.append(diagram)
        problems.extend(found_problems)
        used.update(ln.index for ln in consumed)
        doc.use(diagram.span)
        i += len(consumed)
    return DiagramScan(diagrams=tuple(diagrams), used=frozenset(used), problems=tuple(problems))


def _unfenced(
    doc: Document, lines: Sequence[Line], i: int
) -> tuple[MermaidDiagram, list[Line], list[Problem]] | None:
    line = lines[i]
    m = _HEADER.search(line.text)
    if m is None:
        return None
    at_start = not line.text[: m.start()].strip()
    rest = line.text[m.end() :]
    if not at_start and not _EDGE_PRESENT.search(rest):
        return None
    builder = _Builder(doc)
    _parse_line(builder, line.start + m.end(), line.end)
    consumed = [line, *_statement_lines(lines, i + 1)]
    for ln in consumed[1:]:
        _parse_line(builder, ln.start, ln.end)
    form = "multiline" if len(consumed) > 1 else ("oneline" if at_start else "inline")
    end = _content_end(doc, consumed[-1])
    diagram = builder.finish(form, m.group(1), line.start + m.start(), end)
    return diagram, consumed, builder.problems


def _fenced(
    doc: Document, lines: Sequence[Line], i: int
) -> tuple[MermaidDiagram, list[Line], list[Problem]]:
    opener = lines[i]
    fence = opener.text.strip()[:3]
    builder = _Builder(doc)
    body: list[Line] = []
    closed = False
    for ln in lines[i + 1 :]:
        if ln.text.strip().startswith(fence):
            closed = True
            break
        body.append(ln)
    if not closed:  # the header and the statement lines after it
        k = i + 1
        head = [lines[k]] if k < len(lines) and _HEADER.match(lines[k].text.lstrip()) else []
        body = head + _statement_lines(lines, k + len(head))
        builder.problem(
            "mermaid-unclosed-fence", "```mermaid block is never closed", opener.start, opener.end
        )
    direction = _read_body(builder, body)
    consumed = [opener, *body, *([lines[i + 1 + len(body)]] if closed else [])]
    start = opener.start + len(opener.text) - len(opener.text.lstrip())
    diagram = builder.finish("fenced", direction, start, _content_end(doc, consumed[-1]))
    return diagram, consumed, builder.problems


def _read_body(builder: _Builder, body: list[Line]) -> str:
    """Parse a fenced block's lines; the direction of its header ("" when there is none)."""
    direction = ""
    header_seen = False
    for ln in body:
        if not ln.text.strip():
            continue
        if not header_seen:
            header_seen = True
            m = _HEADER.match(ln.text.lstrip())
            if m:
                direction = m.group(1)
                offset = len(ln.text) - len(ln.text.lstrip())
                _parse_line(builder, ln.start + offset + m.end(), ln.end)
                continue
            other = _OTHER_HEADER.match(ln.text)
            kind = other.group(1) if other else ln.text.strip()[:40]
            builder.problem("mermaid-unsupported", f"not a flowchart: {kind!r}", ln.start, ln.end)
            return direction
        _parse_line(builder, ln.start, ln.end)
    return direction


def _statement_lines(lines: Sequence[Line], j: int) -> list[Line]:
    """The lines from ``j`` on that read as Mermaid statements (blank lines inside kept)."""
    out: list[Line] = []
    pending: list[Line] = []
    while j < len(lines):
        ln = lines[j]
        if not ln.text.strip():
            pending.append(ln)
        elif _STATEMENT_START.match(ln.text) and not _HEADER.match(ln.text.lstrip()):
            out.extend(pending)
            pending.clear()
            out.append(ln)
        else:
            break
        j += 1
    return out


def _content_end(doc: Document, line: Line) -> int:
    end = line.end
    while end > line.start and doc.text[end - 1] in " \t":
        end -= 1
    return end


# -- statements ------------------------------------------------------------------------------


def _parse_line(b: _Builder, pos: int, end: int) -> None:
    """Read the statements of view range ``[pos, end)`` (one line) into the builder."""
    text = b.doc.text
    while True:
        pos = _skip(text, pos, end)
        if pos >= end or text.startswith("%%", pos):
            return
        try:
            kw = _KEYWORD.match(text, pos, end)
            pos = _keyword(b, kw, end) if kw else _statement(b, pos, end)
        except MermaidSyntaxError as exc:
            b.problem("mermaid-syntax", f"{exc}: {text[pos : min(end, pos + 60)]!r}", pos, end)
            return


def _skip(text: str, pos: int, end: int) -> int:
    """The offset after the blanks and ``;`` at ``pos``."""
    m = _WS.match(text, pos, end)
    return m.end() if m else pos


def _keyword(b: _Builder, kw: re.Match[str], end: int) -> int:
    text, word, pos = b.doc.text, kw.group(1), kw.end()
    if word == "end":
        if b.subgraphs:
            b.subgraphs.pop()
        else:
            b.problem("mermaid-stray-end", "end without subgraph", kw.start(), pos)
        return pos
    if word == "subgraph":
        b.subgraphs.append(kw.start())
        tok = _TOKEN.match(text, pos, end)
        if tok is None:
            return pos
        pos = tok.end()
        rest = text[pos:end]
        return end if rest.strip() and not _EDGE_PRESENT.search(rest) else pos
    counts = {"style": 1, "classDef": 1, "linkStyle": 1, "class": 2, "click": 2, "direction": 1}
    for _ in range(counts[word]):
        tok = _TOKEN.match(text, pos, end)
        if tok is None:
            raise MermaidSyntaxError(f"{word} without its arguments")
        pos = tok.end()
    if word in ("style", "classDef", "linkStyle"):
        while (tok := _TOKEN.match(text, pos, end)) and (
            ":" in tok.group(1) or text[pos - 1] == "," or tok.group(1).startswith(",")
        ):
            pos = tok.end()
    while word == "click" and (q := _QUOTED_ARG.match(text, pos, end)):
        pos = q.end()
    return pos


def _statement(b: _Builder, pos: int, end: int) -> int:
    group, pos = _group(b, pos, end)
    while True:
        arrow = _arrow(b.doc.text, pos, end)
        if arrow is None:
            return pos
        label, style, pos = arrow
        targets, pos = _group(b, pos, end)
        for src in group:
            for tgt in targets:
                b.edge(src, tgt, label, style)
        group = targets


def _group(b: _Builder, pos: int, end: int) -> tuple[list[_Ref], int]:
    """``A``, ``A["x"]`` or ``A & B``: node references, each recorded in the builder."""
    refs = [_node(b.doc.text, pos, end)]
    while (amp := _AMP.match(b.doc.text, refs[-1].end, end)) is not None:
        refs.append(_node(b.doc.text, amp.end(), end))
    for ref in refs:
        b.see(ref)
    return refs, refs[-1].end


def _node(text: str, pos: int, end: int) -> _Ref:
    pos = _skip(text, pos, end)
    m = _ID.match(text, pos, end)
    if m is None:
        raise MermaidSyntaxError("expected a node id")
    after = m.end()
    opener = _OPENER.match(text, after, end)
    if opener is None:
        return _Ref(m.group(), pos, after, None, "bare")
    closer, shape = _CLOSER[opener.group()]
    label, stop = _label(text, opener.end(), closer, end)
    return _Ref(m.group(), pos, stop, label, shape)


def _label(text: str, pos: int, closer: str, end: int) -> tuple[str, int]:
    if text.startswith('"', pos):
        quote = text.find('"', pos + 1, end)
        if quote == -1:
            raise MermaidSyntaxError("unclosed quoted label")
        label, after = text[pos + 1 : quote], quote + 1
        while after < end and text[after] == " ":
            after += 1
        if not text.startswith(closer, after):
            raise MermaidSyntaxError(f"label not closed by {closer!r}")
        return _clean(label), after + len(closer)
    close = text.find(closer, pos, end)
    if close == -1:
        raise MermaidSyntaxError(f"label not closed by {closer!r}")
    return _clean(text[pos:close]), close + len(closer)


def _arrow(text: str, pos: int, end: int) -> tuple[str | None, str, int] | None:
    """An arrow at ``pos``: its label (None when unlabelled), style, and the offset after it."""
    m = _ARROW.match(text, pos, end)
    if m is not None:
        token = m.group(2)
        style = "dotted" if "." in token else "thick" if token.startswith("=") else "solid"
        after = m.end()
        pipe = _PIPE_LABEL.match(text, after, end)
        if pipe is None:
            return None, style, after
        return (_clean(pipe.group(1)) or None), style, pipe.end()
    m = _TEXT_ARROW.match(text, pos, end)
    if m is None:
        return None
    if m.group(1):
        return _clean(m.group(2)) or None, "solid", m.end()
    if m.group(3):
        return _clean(m.group(4)) or None, "dotted", m.end()
    return _clean(m.group(6)) or None, "thick", m.end()


def _clean(label: str) -> str:
    """A label as shown: quotes stripped, Mermaid ``#quot;`` / ``#35;`` and HTML entities decoded."""
    label = label.strip()
    if len(label) >= 2 and label[0] == label[-1] == '"':
        label = label[1:-1].strip()
    if "#" not in label and "&" not in label and "  " not in label:
        return label
    label = _ENTITY.sub(
        lambda m: chr(int(m.group(1))) if m.group(1).isdigit() else f"&{m.group(1)};", label
    )
    return " ".join(html.unescape(label).split())
