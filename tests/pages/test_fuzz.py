"""Property tests: real pages mutated, and pages written from page-format.md's grammar.

Whatever the bytes, a page gives a result or a :class:`~kg.errors.KgError` naming its file and
line (never another exception); every evidence quote is the page text at its span; the page's
graph is N-Quads that a strict parser (pyoxigraph) reads; what is shown on a terminal holds no
control character. ``derandomize=True`` makes every run try the same examples, so CI is
reproducible; the example counts keep the file to about ten seconds of the suite's budget.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli.terminal import terminal_safe
from kg.errors import KgError, ServerError
from kg.extract import extract_page
from kg.pages import Page
from kg.parse import parse_page
from kg.push.gsp import check_url
from kg.rdf.page_graph import page_graph
from kg.vocab import safe_slug
from tests.extract.conftest import all_pages, grounder

PAGES = [p for p in all_pages() if p.name != "not_scidex.txt"]
TEXTS = {p.name: p.read_text("utf-8") for p in PAGES}

#: ``KG_FUZZ_EXAMPLES=5000 KG_FUZZ_RANDOM=1 pytest tests/pages/test_fuzz.py`` searches deeper.
FUZZ = settings(
    max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "250")),
    deadline=None,
    derandomize=not os.environ.get("KG_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Pieces of real markup (page-format.md) that break things when they land in the wrong place.
SNIPPETS = [
    "<td",
    "</td>",
    "</tr><tr></td>",
    "<tr> [@donnelly2013]",
    '<table class="infobox infobox-cell">',
    '<td class="label">Markers</td><td>MNX1, ISL1</td>',
    "[@",
    "[@k]",
    '["@k"]',
    "[CL:0000100](https://www.ebi.ac.uk/ols4/ontologies/cl/classes/http%253A%252F%252Fpurl.obolibrary.org%252Fobo%252FCL_0000100)",
    "](",
    "[[a|b]]",
    "| a | b |",
    "|---|---|",
    "|",
    "**",
    "<!--",
    "-->",
    '```mermaid\nflowchart TD\n  A["SOD1"] -->|"causes"| B["ALS"]\n',
    "```",
    'A -->|"drives"| B',
    "\r",
    "\r\n",
    "\t",
    "\u2028",
    "\u00a0",
    "\ufeff",
    "\x1b]0;PWNED\x07",
    "📖 Wiki Page",
    "📗 Cite This Artifact\n",
    "## HB9 (MNX1)\n",
    "- **Key:** value [@x2020]\n",
    "Lineage | Stem Cell > iPSC > Motor Neuron",
    '"content_md": "# T\\n\\n<table',
    "\\u002e\\u002e/",
    "...",
    "é",
    "\u0301",
]


def _check(text: str, path: str = "fuzz.txt") -> None:
    """The properties every page must have, whatever its text."""
    try:
        page = Page.from_text(text, path=path)
    except KgError as exc:
        assert path in str(exc)
        return
    parsed = parse_page(page)
    lines = page.line_count
    for problem in parsed.problems:
        assert problem.line is None or 1 <= problem.line <= lines, problem
    try:
        ex = extract_page(page, parsed, grounder())
    except KgError as exc:  # a page may fail, with its file named, never with another exception
        assert path in str(exc) or exc.line is not None
        return
    for a in ex.assertions:
        for e in a.evidence:
            assert e.quote == page.text[e.span.start : e.span.end]
            assert e.span.first_line == page.text.count("\n", 0, e.span.start) + 1
    pg = page_graph(ex, source_file=path, shell=str(parsed.shell))
    data = "".join(line + "\n" for line in pg.lines).encode("utf-8")
    quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(pg.lines)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A real page (a seed or a reader fixture) with a few edits of the kinds exports make."""
    text = TEXTS[draw(st.sampled_from(sorted(TEXTS)))]
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate", "swap"]))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(SNIPPETS)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 400)) :]
        elif kind == "duplicate":
            end = min(len(text), at + draw(st.integers(1, 2000)))
            text = text[:end] + text[at:end] + text[end:]
        elif kind == "truncate":
            text = text[: max(at, 1)]
        else:
            lines = text.split("\n")
            i, j = (draw(st.integers(0, len(lines) - 1)) for _ in range(2))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@FUZZ
@given(mutated())
def test_mutated_real_pages_keep_the_contract(text: str) -> None:
    _check(text)


NAMES = ["SOD1", "TARDBP", "motor neuron", "ALS", "riluzole", "spinal cord", "MNX1 (HB9)", "x"]
CITES = st.lists(st.sampled_from(["[@a2020]", "[@b2019; @c2018]", '["@d2017"]', "[@"]), max_size=2)


@st.composite
def infobox(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["cell", "celltype", "gene", "protein", "therapeutic"]))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        label = draw(st.sampled_from(["Markers", "Location", "Gene", "Drug", "Lineage", "UniProt"]))
        value = ", ".join(draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3)))
        rows.append(
            f'<tr><td class="label">{label}</td><td>{value}{"".join(draw(CITES))}</td></tr>'
        )
    closing = draw(st.sampled_from(["</table>", "", "<td"]))
    return f'<table class="infobox infobox-{kind}">\n' + "\n".join(rows) + f"\n{closing}\n"


@st.composite
def body_block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["heading", "bullet", "sentence", "table", "mermaid", "infobox"]))
    a, b = draw(st.sampled_from(NAMES)), draw(st.sampled_from(NAMES))
    verb = draw(st.sampled_from(["causes", "is expressed in", "treats", "is not", "may cause"]))
    cites = "".join(draw(CITES))
    if kind == "heading":
        return f"{'#' * draw(st.integers(0, 4))} {a}\n"
    if kind == "bullet":
        return f"- **{a}:** {verb} {b}{cites}\n"
    if kind == "sentence":
        return f"{a} {verb} {b}{cites}. {b} {verb} {a}.\n"
    if kind == "table":
        return f"| {a} | {b} |\n|---|---|\n| {b} | {a}{cites} |\n"
    if kind == "mermaid":
        return f'```mermaid\nflowchart TD\n  n0["{a}"] -->|"{verb}"| n1["{b}"]\n```\n'
    return draw(infobox())


@st.composite
def grammar_page(draw: st.DrawFn) -> str:
    title = draw(st.sampled_from(["Motor Neurons", "SOD1 Gene", "Riluzole", "A — B (C)"]))
    shell = draw(st.sampled_from(["cite", "card", "bare"]))
    head = {
        "cite": f"📗 Cite This Artifact\n{title}\n{title}\n",
        "card": f"📖\n{title}\nactive\nwiki page Created: 2026-04-02T07:19:39 By: x Quality: 50% "
        f"✓ SciDEX ID: wiki-cell-types-x\n📖 Wiki Page\ncell1210 words\n",
        "bare": f"{title}\n",
    }[shell]
    blocks = draw(st.lists(body_block(), max_size=8))
    return head + "\n".join(blocks)


@FUZZ
@given(grammar_page())
def test_pages_from_the_grammar_keep_the_contract(text: str) -> None:
    _check(text)


@settings(max_examples=200, derandomize=True)
@given(st.text())
def test_any_slug_becomes_a_plain_bounded_slug(raw: str) -> None:
    slug = safe_slug(raw)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,160}", slug), slug


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@settings(max_examples=200, derandomize=True)
@given(st.text())
def test_terminal_text_holds_no_control_character(text: str) -> None:
    shown = terminal_safe(text)
    assert not _CONTROL.search(shown.replace("\r\n", "\n")), repr(shown)


def test_the_fuzzed_pages_exist() -> None:
    assert len(PAGES) >= 20 and all(Path(p).is_file() for p in PAGES)


def test_a_bracket_in_a_link_host_is_read_as_no_address() -> None:
    """Found by the mutation test: ``https://[@ensembl.org/...`` made urlsplit raise ValueError."""
    text = TEXTS["gene_infobox.txt"]
    assert 'href="https://' in text
    _check(text.replace('href="https://', 'href="https://[@'))
    _check(text.replace('href="https://', 'href="https://['))


def test_a_bracket_in_a_server_host_is_a_server_error() -> None:
    with pytest.raises(ServerError, match="not an http"):
        check_url("http://[x/store")
