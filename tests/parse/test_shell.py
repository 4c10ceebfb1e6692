"""Shell detection: the six renderings, the title, the canonical URL, the chrome lines."""

from __future__ import annotations

import pytest

from kg.pages import Page, read_page
from kg.parse.document import Document
from kg.parse.history import history_document
from kg.parse.model import Shell
from kg.parse.shell import ShellInfo, detect_shell, is_chrome, similar_titles, url_slug
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR


def shell_of_text(text: str) -> tuple[Document, ShellInfo]:
    doc = Document(Page.from_text(text))
    return doc, detect_shell(doc)


def shell_of_file(path: object) -> tuple[Document, ShellInfo]:
    page = read_page(path)  # type: ignore[arg-type]
    view = history_document(page)
    if view is None:
        doc = Document(page)
        return doc, detect_shell(doc)
    doc = view.document
    content = (doc.line_at(view.content_start).index, doc.line_at(view.content_end).index + 1)
    return doc, detect_shell(doc, content)


def chrome_texts(doc: Document, info: ShellInfo) -> set[str]:
    return {doc.lines[i].stripped for i in info.chrome}


CITE = """📗 Cite This Artifact
Foo — Bar
Foo (Bar)
<table class="infobox infobox-cell">
</table>
Overview
Text.
▸Metadataorigin_type: x
| slug | foo-bar |
No provenance edges found
Use ?embed=1 to load the artifact without SciDEX chrome — suitable for iframing.
<iframe src="http://scidex.ai/artifact/wiki-foo-bar?embed=1" width="100%"></iframe>
[Foo — Bar](http://scidex.ai/artifact/wiki-foo-bar)
http://scidex.ai/artifact/wiki-foo-bar
"""


def test_cite_shell_from_a_string() -> None:
    doc, info = shell_of_text(CITE)
    assert info.shell is Shell.CITE
    assert info.title == "Foo — Bar"
    assert info.titles == ("Foo — Bar", "Foo (Bar)")
    assert info.title_lines == (1, 2)
    assert info.body_start == 3
    assert doc.source(info.title_span) == "Foo — Bar"  # type: ignore[arg-type]
    assert info.url == "http://scidex.ai/artifact/wiki-foo-bar"
    assert info.url_slug == "foo-bar"
    assert chrome_texts(doc, info) == {
        "📗 Cite This Artifact",
        "▸Metadataorigin_type: x",
        "No provenance edges found",
        "Use ?embed=1 to load the artifact without SciDEX chrome — suitable for iframing.",
        '<iframe src="http://scidex.ai/artifact/wiki-foo-bar?embed=1" width="100%"></iframe>',
        "[Foo — Bar](http://scidex.ai/artifact/wiki-foo-bar)",
        "http://scidex.ai/artifact/wiki-foo-bar",
    }
    assert info.problems == ()


def test_byte_order_mark_reads_as_space() -> None:
    doc, info = shell_of_text("\ufeff📗 Cite This Artifact\nAlpha\nAlpha\nBody\n")
    assert (info.shell, info.title, 0 in info.chrome) == (Shell.CITE, "Alpha", True)
    doc, info = shell_of_text('\ufeffReactive Astrocytes\n<table class="infobox">\n')
    assert (info.shell, info.title) == (Shell.EMBED, "Reactive Astrocytes")
    assert doc.source(info.title_span) == "Reactive Astrocytes"  # type: ignore[arg-type]


def test_cite_shell_with_one_title_line() -> None:
    _, info = shell_of_text('📗 Cite This Artifact\nAstrocytes\n<table class="infobox">\n')
    assert info.title_lines == (1,)
    assert info.body_start == 2


def test_card_shell_from_a_string() -> None:
    text = (
        "📖\n\nAstroglia\n\nactive\n"
        "wiki page Created: 2026-04-02T07:19:39 By: x Quality: 50% ✓ SciDEX ID: wiki-cell-types-a\n"
        "📖 Wiki Page\nprotein647 words\n\nAstroglia\n\nIntro text\n"
        "📖 View canonical wiki page →\nRelated Entities\ncell-types-a\n"
        "slugcell-types-a\n📊 Evidence Profile\nIncoming 16 Outgoing 22\n"
    )
    doc, info = shell_of_text(text)
    assert info.shell is Shell.CARD
    assert info.title == "Astroglia"
    assert info.entity_type == "protein"
    assert info.card_header == 5
    assert info.title_lines == (2, 9)  # the title, and its repeat above the body
    assert doc.lines[info.body_start].stripped == ""
    chrome = chrome_texts(doc, info)
    assert {"📖", "active", "📖 Wiki Page", "protein647 words", "Incoming 16 Outgoing 22"} <= chrome
    assert {"Related Entities", "cell-types-a", "📊 Evidence Profile"} <= chrome
    assert "slugcell-types-a" not in chrome


def test_embed_shells() -> None:
    _, bare = shell_of_text('Reactive Astrocytes\n<table class="infobox infobox-celltype">\n')
    assert (bare.shell, bare.title, bare.body_start) == (Shell.EMBED, "Reactive Astrocytes", 1)
    _, view = shell_of_text(
        "📖\nwiki page\nHub\n📖 Wiki Page\ncell7 words\nBody\nView on SciDEX ↗\n"
    )
    assert (view.shell, view.title, view.entity_type) == (Shell.EMBED, "Hub", "cell")


def test_prism_entity_and_unknown() -> None:
    doc, prism = shell_of_text("gene · SciDEX wiki\nTREM2\nSymbol TREM2\n")
    assert (prism.shell, prism.title, prism.entity_type) == (Shell.PRISM, "TREM2", "gene")
    assert prism.chrome == frozenset({0})
    doc, entity = shell_of_text(
        "Entity Detail — Knowledge Graph Node\nThis page aggregates everything SciDEX knows about X\n"
        "| Name | TDP-43 |\n"
    )
    assert (entity.shell, entity.title) == (Shell.ENTITY, "TDP-43")
    assert doc.source(entity.title_span) == "TDP-43"  # type: ignore[arg-type]
    assert {0, 1} <= entity.chrome
    _, unknown = shell_of_text("Shopping list\n\n- eggs\n")
    assert unknown.shell is Shell.UNKNOWN and unknown.title is None
    assert [p.code for p in unknown.problems] == ["not-scidex-page"]
    assert "Shopping list" in unknown.problems[0].message


@pytest.mark.parametrize(
    ("name", "shell", "title"),
    [
        ("cite_shell.txt", Shell.CITE, "Microglia — Chronic Neuroinflammation"),
        ("card_shell.txt", Shell.CARD, "Astroglia (Astrocytes)"),
        ("embed_view.txt", Shell.EMBED, "Glial Cells Hub"),
        ("embed_bare.txt", Shell.EMBED, "Reactive Astrocytes"),
        ("prism_view.txt", Shell.PRISM, "Microglia"),
        (
            "history_view.txt",
            Shell.HISTORY,
            "TREM2 — Triggering Receptor Expressed on Myeloid Cells 2",
        ),
        ("entity_page.txt", Shell.ENTITY, "NEURONS"),
        ("not_scidex.txt", Shell.UNKNOWN, None),
    ],
)
def test_fixture_shells(name: str, shell: Shell, title: str | None) -> None:
    doc, info = shell_of_file(PAGE_FIXTURES_DIR / name)
    assert info.shell is shell
    assert info.title == title
    if title is not None:
        assert info.title_span is not None
        raw = doc.page.text[info.title_span.start : info.title_span.end]
        assert raw == title or "\\u2014" in raw  # history spans point at the escaped JSON


def test_page_url_lines_at_the_top_are_chrome_and_give_the_url() -> None:
    _, info = shell_of_text(
        "https://prism.scidex.ai/wiki/cell-types-microglia\ncell · SciDEX wiki\nMicroglia\nText\n"
    )
    assert (info.shell, info.title) == (Shell.PRISM, "Microglia")
    assert info.url == "https://prism.scidex.ai/wiki/cell-types-microglia"
    assert info.url_slug == "cell-types-microglia"
    assert info.chrome == frozenset({0, 1})


def test_seed_shells_and_urls() -> None:
    for path, slug in (
        (MOTOR_NEURONS_SEED, "cell-types-motor-neurons"),
        (IPSC_SEED, "cell-types-ipsc-derived-motor-neurons"),
    ):
        _, info = shell_of_file(path)
        assert info.shell is Shell.CITE
        assert info.url == f"http://scidex.ai/artifact/wiki-{slug}"
        assert info.url_slug == slug


def test_chrome_predicates() -> None:
    for line in (
        "📗 Cite This Artifact",
        "<!-- taxonomy-enrichment -->",
        "Incoming 3 Outgoing 0",
        "Metadataorigin_type: v1",
        "Pathway Diagram",
    ):
        assert is_chrome(line), line
    for line in ("Overview", "Metadata quality", "<table>", "Incoming signals"):
        assert not is_chrome(line), line


def test_multiline_comment_is_chrome() -> None:
    _, info = shell_of_text("📗 Cite This Artifact\nT\nT\n<!-- a\nb\n-->\nText\n")
    assert {3, 4, 5} <= info.chrome and 6 not in info.chrome


def test_title_similarity_and_url_slug() -> None:
    assert similar_titles(
        "Microglia — Chronic Neuroinflammation", "Microglia (Chronic Neuroinflammation)"
    )
    assert similar_titles("Tofersen", "Tofersen (Qalsody)")
    assert not similar_titles("Tofersen", "Overview of drugs")
    assert url_slug("https://prism.scidex.ai/wiki/genes-trem2") == "genes-trem2"
    assert url_slug("http://scidex.ai/artifact/wiki-x-y") == "x-y"
    assert url_slug("http://example.org/page") is None
