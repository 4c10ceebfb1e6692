"""A deterministic synthetic corpus of SciDEX-like pages, in every rendering, for benchmarks.

``generate_corpus(out_dir, n_pages, seed)`` writes ``n_pages`` page files (100-400 lines each)
and returns their paths, sorted. The same arguments always give the same bytes. Pages vary the
cell type, genes, drugs, sections, citation forms, link forms and Mermaid forms, and follow
../shared/docs/page-format.md: cite / card / embed / bare embed / prism / history / entity
shells, with some truncated duplicate copies. Names are real; the only identifiers used are the
verified ones listed below (page ids ``wp-…`` are derived from the slug and marked synthetic by
the ``-syn`` suffix of every slug).
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

OLS = "https://www.ebi.ac.uk/ols4/ontologies/cl/classes/http%253A%252F%252Fpurl.obolibrary.org%252Fobo%252F"

#: (name, CL id or None, category, markers, regions)
CELL_TYPES = (
    ("Motor Neurons", "CL:0000100", "Neuron", "CHAT, ISL1, MNX1", "Spinal cord, Brainstem"),
    ("Brainstem Motor Neurons", "CL:2000047", "Neuron", "CHAT, PHOX2B", "Brainstem motor nuclei"),
    ("Purkinje Cells", "CL:0000121", "Neuron", "CALB1, PCP2", "Cerebellar cortex"),
    ("Astrocytes", "CL:0000127", "Glia", "GFAP, ALDH1L1, AQP4", "Cortex, Hippocampus"),
    ("Oligodendrocytes", "CL:0000128", "Glia", "MBP, PLP1, OLIG2", "White matter"),
    ("Microglia", "CL:0000129", "Immune", "TMEM119, P2RY12, CX3CR1", "Whole CNS"),
    ("Neurons", "CL:0000540", "Neuron", "RBFOX3, MAP2, TUBB3", "Whole CNS"),
    ("Dopaminergic Neurons", None, "Neuron", "TH, SLC6A3", "Substantia nigra"),
    ("Reactive Astrocytes", None, "Glia", "GFAP, VIM, C3", "Cortex, Spinal cord"),
    ("Ependymal Cells", None, "Glia", "FOXJ1, S100B", "Ventricular lining"),
)
#: verified gene identifiers (NCBI Gene, Ensembl, OMIM, UniProt)
GENE_IDS = {
    "TREM2": ("54209", "ENSG00000095970", "605086", "Q9NZC2", "6p21.1"),
    "SOD1": ("6647", "ENSG00000142168", "147450", "P00441", "21q22.11"),
}
GENES = ("TREM2", "SOD1", "TARDBP", "FUS", "C9orf72", "MAPT", "APOE", "GFAP", "SNCA", "LRRK2")
DRUGS = (
    ("Riluzole", "Glutamate inhibition"),
    ("Edaravone", "Free radical scavenger"),
    ("Tofersen", "Antisense oligonucleotide"),
    ("Nusinersen", "SMN2 splicing modifier"),
    ("Levodopa", "Dopamine precursor"),
)
DISEASES = (
    ("Amyotrophic Lateral Sclerosis", "als"),
    ("Alzheimer's Disease", "alzheimers-disease"),
    ("Parkinson's Disease", "parkinsons-disease"),
    ("Frontotemporal Dementia", "frontotemporal-dementia"),
    ("Spinal Muscular Atrophy", "spinal-muscular-atrophy"),
)
RELATIONS = (
    "associated with", "expressed in", "activates", "regulates", "related to", "involved in",
    "therapeutic target", "biomarker for", "causes", "drives", "modulates", "inhibits",
)  # fmt: skip
SECTIONS = (
    "Overview", "Molecular Biology", "Function", "Disease Relevance", "Classification & Lineage",
    "Electrophysiology", "Therapeutic Approaches", "Research Applications", "Biomarkers",
    "Development", "Pathophysiology", "Clinical Presentation", "Animal Models",
)  # fmt: skip
AUTHORS = ("rosen", "neumann", "sofroniew", "liddelow", "kerenshaul", "jonsson", "lemon", "brown")
PMIDS = ("35435793", "37399327", "16406071")  # from page-format.md and Strange 2006 (PDB 2C9V)
SHELLS = ("cite", "cite", "card", "embed", "bare", "prism", "history", "entity")


def generate_corpus(out_dir: Path, n_pages: int, seed: int = 0) -> list[Path]:
    """Write ``n_pages`` synthetic pages into ``out_dir``; return their paths, sorted."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_pages):
        rng = random.Random(f"{seed}:{i}")
        shell = SHELLS[i % len(SHELLS)]
        text = render_page(rng, shell, i)
        path = out_dir / f"{i:05d}_{shell}.txt"
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return sorted(paths)


def render_page(rng: random.Random, shell: str, index: int) -> str:
    """One page of the given rendering (``shell``), about a cell type or, sometimes, a gene."""
    if rng.random() < 0.25:
        title = rng.choice(tuple(GENE_IDS))
        entity_type, slug = "gene", f"genes-{title.lower()}-{index:05d}-syn"
        infobox = _gene_infobox(rng, title)
        cell: tuple[str, str | None, str, str, str] = (title, None, "Gene", title, "Whole CNS")
    else:
        cell = rng.choice(CELL_TYPES)
        title, entity_type = cell[0], "cell"
        slug = f"cell-types-{title.lower().replace(' ', '-')}-{index:05d}-syn"
        infobox = _infobox(rng, cell)
    body = _body(rng, cell)
    diagram = _mermaid(rng, title, "fenced" if shell == "history" else rng.choice(("multi", "one")))
    if shell == "history":
        return _history(title, infobox, body, diagram)
    if shell == "entity":
        return "\n".join(_entity(rng, title)) + "\n"
    content = [*infobox, *body, "Pathway Diagram", *diagram]
    if shell == "cite":
        lines = ["📗 Cite This Artifact", title, title]
        if rng.random() < 0.3:
            lines += _truncated(rng, title, infobox)
        lines += [*content, *_metadata(slug, entity_type, glued=False), *_cite_end(title, slug)]
    elif shell == "card":
        lines = [*_card_head(rng, title, slug, entity_type, active=True), *content]
        lines += ["📖 View canonical wiki page →", "Related Entities", slug]
        lines += [*_metadata(slug, entity_type, glued=True), "📊 Evidence Profile"]
        lines.append(f"Incoming {rng.randint(1, 40)} Outgoing {rng.randint(1, 40)}")
    elif shell == "embed":
        lines = [*_card_head(rng, title, slug, entity_type, active=False), *content]
        lines += ["📖 View canonical wiki page →", "Related Entities", slug, "View on SciDEX ↗"]
    elif shell == "prism":
        lines = [f"{entity_type} · SciDEX wiki", title, *_prism_box(rng, cell), *body]
        lines += ["Pathway Diagram", *diagram]
    else:  # bare embed
        lines = [title, *content]
    return "\n".join(lines) + "\n"


def _cite(rng: random.Random) -> str:
    """A citation in one of the forms real pages use (mostly plain keys)."""
    author = rng.choice(AUTHORS)
    year = rng.randint(1990, 2025)
    roll = rng.random()
    if roll < 0.6:
        return f"[@{author}{year}]"
    if roll < 0.75:
        return f"[@{author}{year}][@{rng.choice(AUTHORS)}{rng.randint(1990, 2025)}]"
    if roll < 0.85:
        return f'["@{author}{year}"]'
    if roll < 0.92:
        return f"[@pmid{rng.choice(PMIDS)}]"
    n = rng.randint(1, 9)
    return f" [{n}](https://pubmed.ncbi.nlm.nih.gov/{rng.choice(PMIDS)})"


def _row(label: str, value: str, cite: str = "") -> list[str]:
    tail = f" {cite}" if cite else ""
    return ["<tr>" + tail, f'<td class="label">{label}</td>', f"<td>{value}</td>", "</tr>"]


def _infobox(rng: random.Random, cell: tuple[str, str | None, str, str, str]) -> list[str]:
    name, cl, category, markers, regions = cell
    kind = rng.choice(("cell", "cell", "celltype"))
    out = [f'<table class="infobox infobox-{kind}">', "<tr>"]
    out += [f'<th class="infobox-header" colspan="2">{name}</th>', "</tr>"]
    cite = _cite(rng) if rng.random() < 0.3 else ""
    out += _row("Category", category, cite)
    if cl:
        out += _row("Cell Ontology (CL)", f"[{cl}]({OLS}{cl.replace(':', '_')})")
    out += _row("Key Markers", markers) + _row("Brain Regions", regions)
    disease, dslug = rng.choice(DISEASES)
    out += _row("Disease Relevance", f"[{disease}](/diseases/{dslug})")
    if rng.random() < 0.6:
        out += _row("Drug", "Mechanism")
        for drug, mech in rng.sample(DRUGS, rng.randint(2, 4)):
            out += _row(drug, mech)
    if rng.random() < 0.5:
        out += _row("Species", "Conservation Level")
        for species in rng.sample(("Mouse", "Human", "Macaque", "Zebrafish", "Rat"), 3):
            out += _row(species, rng.choice(("High", "Moderate", "Reference", "Low")))
    if rng.random() < 0.4:
        out += _row("Gene", "Function")
        for gene in rng.sample(GENES, rng.randint(2, 4)):
            out += _row(gene, f"{rng.choice(RELATIONS).capitalize()} {name.lower()}")
    out.append("</table>")
    return out


def _gene_infobox(rng: random.Random, gene: str) -> list[str]:
    ncbi, ensembl, omim, uniprot, location = GENE_IDS[gene]
    out = ['<table class="infobox infobox-gene">', "<tr>"]
    out += [f'<th class="infobox-header" colspan="2">{gene}</th>', "</tr>"]
    if rng.random() < 0.5:  # label set 1: database links
        out += _row("Symbol", f"<strong>{gene}</strong>") + _row("Chromosome", location)
        out += _row("NCBI Gene", f'<a href="https://www.ncbi.nlm.nih.gov/gene/{ncbi}">{ncbi}</a>')
        ens = f"https://ensembl.org/Homo_sapiens/Gene/Summary?g={ensembl}"
        out += _row("Ensembl", f'<a href="{ens}">{ensembl}</a>')
        out += _row("OMIM", f'<a href="https://omim.org/entry/{omim}">{omim}</a>')
        out += _row("UniProt", f'<a href="https://www.uniprot.org/uniprot/{uniprot}">{uniprot}</a>')
        links = ", ".join(f"[{d}](/diseases/{s})" for d, s in rng.sample(DISEASES, 2))
        out += _row("Diseases", links, _cite(rng) if rng.random() < 0.3 else "")
    else:  # label set 2: plain values
        out += _row("Gene Symbol", gene) + _row("Chromosomal Location", location)
        out += _row("NCBI Gene ID", ncbi) + _row("Ensembl ID", ensembl)
        out += _row("UniProt ID", uniprot) + _row("OMIM ID", omim)
    out.append("</table>")
    return out


def _sentence(rng: random.Random, name: str) -> str:
    gene, disease = rng.choice(GENES), rng.choice(DISEASES)
    verb = rng.choice(("regulates", "is associated with", "modulates", "is expressed in"))
    link = f"[{disease[0]}](/diseases/{disease[1]})" if rng.random() < 0.4 else disease[0]
    return (
        f"In {name.lower()}, [{gene}](/genes/{gene.lower()}) {verb} pathways linked to {link}, "
        f"and changes in its expression track disease progression.{_cite(rng)}"
    )


def _body(rng: random.Random, cell: tuple[str, str | None, str, str, str]) -> list[str]:
    name = cell[0]
    out = ["Overview", _sentence(rng, name)]
    if rng.random() < 0.3:
        out.append("<!-- taxonomy-enrichment -->")
    for heading in rng.sample(SECTIONS[1:], rng.randint(7, 12)):
        out.append(heading)
        for _ in range(rng.randint(1, 3)):
            out.append(_sentence(rng, name))
        for _ in range(rng.randint(4, 14)):
            gene = rng.choice(GENES)
            fact = rng.choice(("Function", "Expression", "Role", "Pathway", "Marker"))
            cite = _cite(rng) if rng.random() < 0.4 else ""
            out.append(f"- {gene} {fact}: {rng.choice(RELATIONS)} {name.lower()} biology{cite}")
        if rng.random() < 0.35:
            out += ["| Marker | Type | Function |", "|--------|------|----------|"]
            for gene in rng.sample(GENES, rng.randint(2, 6)):
                out.append(f"| {gene} | {rng.choice(('Enzyme', 'Receptor', 'TF'))} | Signalling |")
    out.append("See Also")
    for gene in rng.sample(GENES, 3):
        out.append(f"- [{gene} Gene](/genes/{gene.lower()})")
    out.append("- [[cell-types]]")
    return out


def _mermaid(rng: random.Random, subject: str, form: str) -> list[str]:
    sid = subject.upper().replace(" ", "_")
    others = rng.sample((*GENES, *(d[0] for d in DISEASES)), rng.randint(4, 9))
    edges = []
    for other in others:
        oid = "".join(c if c.isalnum() else "_" for c in other)
        rel = rng.choice(RELATIONS)
        arrow = "-.->" if rel == "inhibits" else "-->"
        pair = (f'{sid}["{subject}"]', f'{oid}["{other}"]')
        src, dst = pair if rng.random() < 0.6 else pair[::-1]
        edges.append(f'{src} {arrow}|"{rel}"| {dst}')
    style = f"style {sid} fill:#4fc3f7,stroke:#333,color:#000"
    if form == "one":
        return [" ".join(["flowchart TD", *edges, style])]
    lines = ["flowchart TD", *(f"    {e}" for e in edges), f"    {style}"]
    return ["```mermaid", *lines, "```"] if form == "fenced" else lines


def _metadata(slug: str, entity_type: str, *, glued: bool) -> list[str]:
    wp = "wp-" + hashlib.sha256(slug.encode()).hexdigest()[:12]
    merged = f"{{'merged_at': '2026-05-13', 'unprefixed_id': '{slug}'}}"
    pairs = [
        ("slug", slug),
        ("kg_node_id", "None"),
        ("entity_type", entity_type),
        ("origin_type", "v1_polymorphic_backfill"),
        ("source_table", "wiki_pages"),
        ("wiki_page_id", wp),
        ("__merged_from", merged),
        ("_schema_version", "1"),
    ]
    if glued:
        return ["Metadataorigin_type: v1_polymorphic_backfill", *(k + v for k, v in pairs)]
    return ["▸Metadataorigin_type: v1_polymorphic_backfill", *(f"| {k} | {v} |" for k, v in pairs)]


def _cite_end(title: str, slug: str) -> list[str]:
    url = f"http://scidex.ai/artifact/wiki-{slug}"
    return [
        "No provenance edges found",
        "Use ?embed=1 to load the artifact without SciDEX chrome — suitable for iframing into "
        "wiki pages or external sites.",
        f'<iframe src="{url}?embed=1" width="100%" height="600" '
        'style="border:0;border-radius:8px"></iframe>',
        f"[{title}]({url})",
        url,
    ]


def _card_head(
    rng: random.Random, title: str, slug: str, entity_type: str, *, active: bool
) -> list[str]:
    words = f"{entity_type}{rng.randint(300, 3000)} words"
    if not active:
        return ["📖", "wiki page", "", title, "", "📖 Wiki Page", words, "", title, ""]
    created = (
        f"wiki page Created: 2026-04-02T07:19:{rng.randint(10, 59)} By: crosslink-migration "
        f"Quality: 50% ✓ SciDEX ID: wiki-{slug}"
    )
    return ["📖", "", title, "", "active", created, "📖 Wiki Page", words, "", title, ""]


def _truncated(rng: random.Random, title: str, infobox: list[str]) -> list[str]:
    """A first copy of the infobox that breaks off mid-tag, then the restart line."""
    cut = rng.randint(5, max(6, len(infobox) - 2))
    if rng.random() < 0.5:
        return [*infobox[:cut], "<td", title]
    return [*infobox[:cut], f"...{title}"]


def _prism_box(rng: random.Random, cell: tuple[str, str | None, str, str, str]) -> list[str]:
    name, cl, category, markers, regions = cell
    out = []
    if cl:
        out.append(f"Cell Ontology (CL) [{cl}]({OLS}{cl.replace(':', '_')})")
    out += [f"Category {category}", f"Key Markers {markers}", f"Location {regions}"]
    out.append("Gene Function")
    for gene in rng.sample(GENES, 3):
        out.append(f"{gene} {rng.choice(RELATIONS).capitalize()} {name.lower()}")
    return out


def _history(title: str, infobox: list[str], body: list[str], diagram: list[str]) -> str:
    md_body = [f"## {line}" if _is_heading(line) else line for line in body]
    md = "\n\n".join(
        [
            f"# {title}",
            "<!-- scidex-demo:infobox:start -->\n"
            + "\n".join(infobox)
            + "\n<!-- scidex-demo:infobox:end -->",
            "\n".join(md_body),
            "## Pathway Diagram",
            "\n".join(diagram),
        ]
    )
    doc = {"title": title, "content_md": md + "\n", "entity_type": "cell"}
    return json.dumps(doc, indent=2, ensure_ascii=True) + "\n"


def _is_heading(line: str) -> bool:
    return line in SECTIONS or line == "See Also"


def _entity(rng: random.Random, title: str) -> list[str]:
    name = title.upper()
    genes = ", ".join(rng.sample(GENES, 5))
    diseases = ", ".join(d[0] for d in rng.sample(DISEASES, 2))
    intro = (
        f"This page aggregates everything SciDEX knows about {name}: its mechanistic "
        "relationships (Knowledge Graph edges), hypotheses targeting it, analyses mentioning it, "
        "and supporting scientific papers."
    )
    out = ["Entity Detail — Knowledge Graph Node", intro, _sentence(rng, title)]
    out += ["No AI portrait yet", f"| Name | {name} |", f"| Key Genes/Proteins | {genes} |"]
    out += [f"| Related Diseases | {diseases} |", "Knowledge base pages for this entity"]
    return [*out, *_entity_diagram(rng, name)]


def _entity_diagram(rng: random.Random, name: str) -> list[str]:
    """The KG neighbourhood: node declarations (some stadium), then 80-200 edges."""
    sid = name.replace(" ", "_")
    pool = [*GENES, *(d[0].upper() for d in DISEASES), *(d[0].upper() for d in DRUGS)]
    nodes = {sid: f'{sid}["{name}"]'}
    for other in pool:
        oid = "".join(c if c.isalnum() else "_" for c in other.upper())
        nodes[oid] = f'{oid}(["{other}"])' if rng.random() < 0.3 else f'{oid}["{other}"]'
    out = ["flowchart TD", *nodes.values()]
    ids = list(nodes)[1:]
    for _ in range(rng.randint(80, 200)):
        rel = rng.choice(RELATIONS)
        arrow = "-.->" if rel == "inhibits" else "-->"
        out.append(f'{sid} {arrow}|"{rel}"| {rng.choice(ids)}')
    out.append(f"style {sid} fill:#4fc3f7,stroke:#333,color:#000,stroke-width:3px")
    return out
