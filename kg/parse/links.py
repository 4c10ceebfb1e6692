"""Links: building :class:`~kg.parse.model.Link` elements and reading identifiers off their targets.

A link's ``target`` is its href / URL / wiki path decoded once (``%25`` becomes ``%``). Where
the target names a term or a record, :func:`resolve_curie` gives its CURIE:

* OBO terms, from OBO PURLs (``http://purl.obolibrary.org/obo/CL_0000100``), OLS pages (whose IRI
  is percent-encoded twice: the target is decoded until it stops changing), OBO Foundry pages
  (``https://obofoundry.org/ontology/cl/cl/0000100.html``), and, when the address names no term,
  a bare id in the link text (``[Cell Ontology (CL:0000100)](...)``);
* database records: NCBI Gene, Ensembl, OMIM, UniProt, PubMed, HGNC, PDB, DOI, ClinicalTrials.gov,
  DrugBank and MeSH addresses, with the prefixes of ``kg/data/prefixes.json``.

Links to other wiki pages (``/diseases/als``, ``https://scidex.ai/wiki/...``) get a ``wiki_path``.

Links broken across lines (the "See Also" lists of text exports) are repaired by
:func:`repair_broken_links`, following markdown's rule that ``](`` closes the nearest open
``[``. The repaired link keeps the first line of the written destination as its target only when
that target's last path segment is the slug of the link text (the evidence that they belong
together); otherwise the link is kind ``"broken"``. A broken link never gets a wiki path or a
CURIE, and its ``target`` is what the page wrote (``""`` when nothing), not to be followed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlsplit

from kg import vocab
from kg.parse.document import Document, Line, element_id
from kg.parse.model import Link, Problem

#: First path segments of links to other wiki pages.
WIKI_SECTIONS = frozenset(
    {"diseases", "genes", "cell-types", "entities", "mechanisms", "proteins", "wiki"}
)
#: How far (in lines) a "](target" line may be from the "[text" it closes.
REPAIR_WINDOW = 20

#: Literal text every address of a database (in ``_DATABASES``) holds, checked before its pattern.
_DATABASE_HINTS = {
    "PMID": "pubmed",
    "NCBIGene": "/gene/",
    "ENSEMBL": "ensembl.org",
    "OMIM": "omim.org",
    "UniProtKB": "uniprot.org",
    "HGNC": "genenames.org",
    "PDB": "rcsb.org",
    "DOI": "doi.org",
    "NCT": "clinicaltrials.gov",
    "DRUGBANK": "drugbank",
    "MESH": "nlm.nih.gov",
}
_OBO_PURL = re.compile(r"purl\.obolibrary\.org/obo/([A-Za-z][A-Za-z0-9]*)_([A-Za-z0-9]+)")
_OBO_FOUNDRY = re.compile(
    r"obofoundry\.org/ontology/([A-Za-z][A-Za-z0-9]*)/(?:[^/\s]+/)*(\d+)\.html"
)
_OLS_ID = re.compile(
    r"ols4?/ontologies/[A-Za-z0-9_]+/(?:classes|terms|individuals|properties)"
    r"(?:/|\?(?:[^#\s]*&)?(?:obo_id|short_form)=)([A-Za-z][A-Za-z0-9]*)[_:]([0-9]+)(?![A-Za-z0-9])"
)
_TEXT_ID = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{0,14}):(\d{4,12})(?![A-Za-z0-9])")
_UNIPROT_ACC = r"[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2}"
#: (prefix, pattern on the decoded URL); group 1 is the local id.
_DATABASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("PMID", re.compile(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)|ncbi\.nlm\.nih\.gov/pubmed/(\d+)")),
    ("NCBIGene", re.compile(r"ncbi\.nlm\.nih\.gov/gene/(\d+)(?![\d])")),
    ("ENSEMBL", re.compile(r"ensembl\.org/\S*?(ENS[A-Z]*[GTPE]\d{11})")),
    ("OMIM", re.compile(r"omim\.org/entry/(\d{6})(?!\d)")),
    ("UniProtKB", re.compile(rf"uniprot\.org/(?:uniprot|uniprotkb)/({_UNIPROT_ACC})(?![A-Z0-9])")),
    ("HGNC", re.compile(r"genenames\.org/\S*?HGNC:(\d+)")),
    ("PDB", re.compile(r"rcsb\.org/structure/([0-9][A-Za-z0-9]{3})(?![A-Za-z0-9])")),
    ("DOI", re.compile(r"doi\.org/(10\.\d{4,9}/\S+)")),
    ("NCT", re.compile(r"clinicaltrials\.gov/(?:study|ct2/show)/NCT(\d{8})(?!\d)")),
    ("DRUGBANK", re.compile(r"drugbank\.(?:ca|com)/drugs/(DB\d{5})(?!\d)")),
    ("MESH", re.compile(r"nlm\.nih\.gov/\S*?[?&/]ui=([CD]\d{6,9})")),
)
_DESTINATION = re.compile(
    r"\(\s*(?:<([^<>\n]*)>|([^\s()\[\]<>]*(?:\([^\s()\[\]<>]*\)[^\s()\[\]<>]*)*))"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
_BARE_URL = re.compile(r"https?://[^\s<>\"'\[\]{}|\\^`]+")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SLUG = re.compile(r"[^a-z0-9]+")


@cache
def _prefixes() -> tuple[dict[str, str], frozenset[str]]:
    """Canonical spelling of every known prefix (by lower case), and the OBO ones."""
    canonical = {k.lower(): k for k in vocab.PREFIX_MAP}
    obo = frozenset(k for k, ns in vocab.PREFIX_MAP.items() if ns.startswith(vocab.OBO))
    return canonical, obo


def canonical_prefix(prefix: str) -> str:
    """``cl`` -> ``CL``, ``ncbitaxon`` -> ``NCBITaxon``; unknown prefixes upper-cased."""
    return _prefixes()[0].get(prefix.lower(), prefix.upper())


def decode_once(target: str) -> str:
    return unquote(target)


def decode_fully(target: str) -> str:
    """Undo percent-encoding until the text stops changing (OLS encodes IRIs twice)."""
    for _ in range(4):
        decoded = unquote(target)
        if decoded == target:
            break
        target = decoded
    return target


def ontology_curie(url: str) -> str | None:
    """The OBO term an OBO PURL, OLS or OBO Foundry address names, or None."""
    if "obo" not in url and "ols" not in url:
        return None
    decoded = decode_fully(url)
    m = _OBO_PURL.search(decoded)
    if m:
        return f"{m.group(1)}:{m.group(2)}"
    m = _OLS_ID.search(decoded) or _OBO_FOUNDRY.search(decoded)
    if m:
        return f"{canonical_prefix(m.group(1))}:{m.group(2)}"
    return None


def database_curie(url: str) -> str | None:
    """The record a database address names (``NCBIGene:6647``, ``PMID:35435793``), or None."""
    if "://" not in url[:12]:
        return None
    decoded = decode_fully(url)
    for prefix, pattern in _DATABASES:
        if _DATABASE_HINTS[prefix] not in decoded:
            continue
        m = pattern.search(decoded)
        if m:
            local = next(g for g in m.groups() if g)
            if prefix == "PDB":
                local = local.upper()
            return f"{prefix}:{local.rstrip('.,;')}"
    return None


def text_curie(text: str) -> str | None:
    """A bare OBO id in link text: a known OBO prefix, or any upper-case prefix with 7 digits."""
    if ":" not in text:
        return None
    _, obo = _prefixes()
    for m in _TEXT_ID.finditer(text):
        prefix = canonical_prefix(m.group(1))
        if prefix in obo or (m.group(1).isupper() and len(m.group(2)) == 7):
            return f"{prefix}:{m.group(2)}"
    return None


def resolve_curie(target: str, text: str = "") -> str | None:
    """The CURIE a link stands for: from its address first, else from an id in its text."""
    return ontology_curie(target) or database_curie(target) or text_curie(text)


def wiki_path(target: str) -> str | None:
    """``/diseases/als`` for a link to another wiki page (relative or on scidex.ai), else None."""
    t = target.strip()
    if t.startswith(("http://", "https://")):
        try:
            parts = urlsplit(t)
            host = (parts.hostname or "").lower()
        except ValueError:  # "https://[@x" (a bracket in the host): not an address at all
            return None
        if host != "scidex.ai" and not host.endswith(".scidex.ai"):
            return None
        path = parts.path
    elif t.startswith("/"):
        path = t.split("#", 1)[0].split("?", 1)[0]
    else:
        return None
    segments = [s for s in path.split("/") if s]
    if len(segments) >= 2 and segments[0] in WIKI_SECTIONS:
        return "/" + "/".join(segments)
    return None


def slugify(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def make_link(doc: Document, start: int, end: int, *, text: str, target: str, kind: str) -> Link:
    """A link over view offsets ``[start, end)``; ``target`` as written (decoded here once)."""
    span = doc.span(start, end)
    if kind == "broken":
        return Link(
            id=element_id("link", span),
            span=span,
            source=doc.source(span),
            text=text,
            target=target,
            kind=kind,
        )
    decoded = decode_once(target.strip())
    return Link(
        id=element_id("link", span),
        span=span,
        source=doc.source(span),
        text=text,
        target=decoded,
        kind=kind,
        curie=resolve_curie(decoded, text),
        wiki_path=wiki_path(decoded),
    )


def match_destination(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    """At ``(`` : the markdown link destination and the offset after ``)``, or None."""
    m = _DESTINATION.match(text, pos, limit)
    if m is None:
        return None
    dest = m.group(1) if m.group(1) is not None else m.group(2)
    return dest, m.end()


def match_bare_url(text: str, pos: int, limit: int) -> int | None:
    """At ``http``: the end of a bare URL (trailing punctuation and unbalanced ``)`` left out)."""
    m = _BARE_URL.match(text, pos, limit)
    if m is None:
        return None
    end = m.end()
    while end > pos and text[end - 1] in ".,;:!?*'\"":
        end -= 1
    while text[end - 1] == ")" and text.count("(", pos, end) < text.count(")", pos, end):
        end -= 1
    return end if end - pos > len("https://") else None


def href_of(tag: str) -> str | None:
    """The ``href`` attribute of an opening ``<a ...>`` tag, or None."""
    m = _HREF.search(tag)
    if m is None:
        return None
    return next((g for g in m.groups() if g is not None), None)


# -- links broken across lines -------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkRepairs:
    """Links rebuilt across lines, keyed by the view offset of their ``[``."""

    links: dict[int, Link]
    tails: frozenset[int]  # view line indices holding only the "](target..." part
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class _Open:
    line: Line
    at: int  # view offset of "["
    text: str


def repair_broken_links(doc: Document, lines: Sequence[Line]) -> LinkRepairs:
    """Join ``[text`` lines with later ``](target`` lines (see the module docstring)."""
    opens: list[_Open] = []
    links: dict[int, Link] = {}
    tails: set[int] = set()
    problems: list[Problem] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        close = _closing(line)
        if close is not None:
            used = _tail_lines(lines, k, close)
            opens = [o for o in opens if line.index - o.line.index <= REPAIR_WINDOW]
            link = _join(doc, opens.pop() if opens else None, line, close, used[-1])
            links[link.span.start] = link
            tails.update(ln.index for ln in used)
            problems.append(_repair_problem(link))
            k += len(used)
            continue
        opened = _open_bracket(line)
        if opened is not None:
            opens.append(opened)
        k += 1
    return LinkRepairs(links=links, tails=frozenset(tails), problems=tuple(problems))


def _open_bracket(line: Line) -> _Open | None:
    """A line (bullet marker allowed) that opens ``[`` and never closes it."""
    text = line.text
    i = len(text) - len(text.lstrip())
    if text.startswith(("- ", "* ", "+ "), i):
        i += 2
        while i < len(text) and text[i] == " ":
            i += 1
    if not text.startswith("[", i) or text.startswith(("[[", "[@"), i) or "]" in text[i:]:
        return None
    rest = text[i + 1 :].strip()
    return _Open(line=line, at=line.start + i, text=rest) if rest else None


def _closing(line: Line) -> int | None:
    """Offset in the line of a ``](`` that closes a ``[`` opened on an earlier line."""
    j = line.text.find("](")
    if j == -1 or "[" in line.text[:j]:
        return None
    return j


def _tail_lines(lines: Sequence[Line], k: int, close: int) -> list[Line]:
    """The ``](`` line and the slug-like lines continuing its destination up to ``)``."""
    used = [lines[k]]
    if ")" in lines[k].text[close:]:
        return used
    j = k + 1
    while j < len(lines) and j - k <= REPAIR_WINDOW:
        ln = lines[j]
        s = ln.text.strip()
        if not s or " " in s or ln.index != used[-1].index + 1:
            break
        used.append(ln)
        if ")" in s:
            break
        j += 1
    return used


def _join(doc: Document, opened: _Open | None, tail: Line, close_at: int, last: Line) -> Link:
    text = doc.text
    t0 = tail.start + close_at + 2
    close = text.find(")", t0, last.end)
    end = close + 1 if close != -1 else last.end
    first_dest = text[t0 : min(tail.end, close if close != -1 else tail.end)].strip()
    if opened is None:
        lead = tail.start + len(tail.text) - len(tail.text.lstrip())
        return make_link(doc, lead, end, text="", target=first_dest, kind="broken")
    label = opened.text
    if tail.index == opened.line.index + 1:
        label = f"{label} {text[tail.start : t0 - 2].strip()}".strip()
    segment = first_dest.rstrip("/").rsplit("/", 1)[-1]
    kind = "markdown" if segment and segment == slugify(label) else "broken"
    return make_link(doc, opened.at, end, text=label, target=first_dest, kind=kind)


def _repair_problem(link: Link) -> Problem:
    if link.kind == "broken":
        msg = f"link broken across lines ({link.text!r}): its target {link.target!r} is not used"
        code = "broken-link"
    else:
        msg = f"link {link.text!r} broken across lines, joined with its target {link.target!r}"
        code = "link-repaired"
    return Problem(code=code, message=msg, line=link.span.first_line, span=link.span)
