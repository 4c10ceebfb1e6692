"""What a query is and whether it may run: its form, dataset clauses, SERVICE, LOAD, updates.

``kg query`` is safe by default. pyoxigraph ships an HTTP client, so ``SERVICE <url>`` and
``LOAD <url>`` would really contact the network: both are refused unless ``allow_remote``.
``FROM <iri>`` never downloads anything in pyoxigraph (an IRI that names no graph of the store
is simply an empty graph), so a FROM / FROM NAMED graph must be one of the build's graphs
unless ``allow_remote`` (checked against the store in :mod:`kg.query.worker`).
Updates (INSERT, DELETE, CLEAR, DROP, ...) need ``update=True``.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import QueryError
from kg.query.lexer import Kind, Token, tokenize
from kg.query.prefixes import PREFIXES

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_FORMS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class QueryShape:
    """What the tokens of a query say about it (before pyoxigraph parses it)."""

    form: (
        str  # SELECT | ASK | CONSTRUCT | DESCRIBE | UPDATE | "" (unrecognised: let the parser say)
    )
    prefixes: tuple[tuple[str, str], ...]  # declared in the query: (name, namespace)
    dataset_graphs: tuple[str, ...]  # IRIs of FROM / FROM NAMED / USING clauses
    services: tuple[Token, ...]  # SERVICE keywords
    loads: tuple[Token, ...]  # LOAD keywords

    @property
    def is_update(self) -> bool:
        return self.form == "UPDATE"

    @property
    def has_dataset(self) -> bool:
        """True when the query picks its own graphs (then the union default graph is not used)."""
        return bool(self.dataset_graphs)


def inspect_query(text: str) -> QueryShape:
    """The shape of a query, from its tokens (pyoxigraph checks the syntax later)."""
    tokens = tokenize(text)
    declared = declared_prefixes(tokens)
    known = {**PREFIXES, **dict(declared)}
    return QueryShape(
        form=_form(tokens),
        prefixes=declared,
        dataset_graphs=_dataset_graphs(tokens, known),
        services=tuple(t for t in tokens if t.is_word("SERVICE")),
        loads=tuple(t for t in tokens if t.is_word("LOAD")),
    )


def check_safety(
    shape: QueryShape, *, allow_remote: bool, update: bool, source: str | None = None
) -> None:
    """Refuse what needs a flag: SERVICE / LOAD (``allow_remote``), updates (``update``)."""
    if not allow_remote:
        for tok in shape.services + shape.loads:
            word = tok.text.upper()
            raise QueryError(
                f"{word} at line {tok.line}, column {tok.column} would fetch data over the "
                f"network; kg queries only the local build. Use --allow-remote to run it anyway "
                f"(pyoxigraph then makes the HTTP request; --timeout still applies).",
                path=source,
                line=tok.line,
            )
    if shape.is_update and not update:
        raise QueryError(
            "this is a SPARQL update (it changes the store); pass --update to run it "
            "(the store then no longer matches dataset.nq until the next `kg build`)",
            path=source,
        )
    if update and not shape.is_update and shape.form:
        raise QueryError(
            f"--update was given but this is a {shape.form} query, not an update", path=source
        )


def _form(tokens: tuple[Token, ...]) -> str:
    """The first keyword after the prologue (BASE <iri> / PREFIX p: <iri>)."""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.is_word("BASE"):
            i += 2
        elif tok.is_word("PREFIX"):
            i += 3
        elif tok.kind is Kind.WORD:
            word = tok.text.upper()
            if word in QUERY_FORMS:
                return word
            return "UPDATE" if word in UPDATE_FORMS else ""
        else:
            return ""
    return ""


def declared_prefixes(tokens: tuple[Token, ...]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for i, tok in enumerate(tokens[:-2]):
        name, iri = tokens[i + 1], tokens[i + 2]
        if tok.is_word("PREFIX") and name.kind is Kind.PNAME and iri.kind is Kind.IRI:
            out.append((name.text[:-1], iri.text[1:-1]))
    return tuple(out)


def _dataset_graphs(tokens: tuple[Token, ...], known: dict[str, str]) -> tuple[str, ...]:
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if not tok.is_word("FROM", "USING"):
            continue
        j = i + 1
        if j < len(tokens) and tokens[j].is_word("NAMED"):
            j += 1
        if j < len(tokens):
            target = tokens[j]
            if target.kind is Kind.IRI:
                out.append(target.text[1:-1])
            elif target.kind is Kind.PNAME and target.text.split(":", 1)[0] in known:
                prefix, local = target.text.split(":", 1)
                out.append(known[prefix] + local)
    return tuple(out)
