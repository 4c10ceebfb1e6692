"""The duplicated rendering: a truncated first copy followed by the complete page."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pages import Page, read_page
from kg.parse.copies import find_copies, z_function
from kg.parse.document import Document
from kg.parse.shell import detect_shell
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR, line_of
from tests.linearity import assert_linear


def scan_text(text: str):  # type: ignore[no-untyped-def]
    doc = Document(Page.from_text(text))
    info = detect_shell(doc)
    return doc, find_copies(doc, info.body_start, info.titles, info.prelude)


def scan_file(path: object):  # type: ignore[no-untyped-def]
    doc = Document(read_page(path))  # type: ignore[arg-type]
    info = detect_shell(doc)
    return doc, find_copies(doc, info.body_start, info.titles, info.prelude)


def test_z_function() -> None:
    assert z_function([1, 1, 2, 1, 1, 2, 1]) == [7, 1, 0, 4, 1, 0, 1]
    assert z_function([]) == []
    assert z_function([5]) == [1]


@pytest.mark.parametrize(
    "path",
    [
        MOTOR_NEURONS_SEED,  # cut at "<td", restarts at "Motor Neurons"
        IPSC_SEED,  # "...iPSC-Derived Motor Neurons"
        PAGE_FIXTURES_DIR / "duplicated_td.txt",
        PAGE_FIXTURES_DIR / "duplicated_ellipsis.txt",
    ],
)
def test_truncated_copies(path: Path) -> None:
    # each page: the first copy's infobox starts the body, breaks off, and the title line just
    # before the second infobox restarts the page
    body = line_of(path, '<table class="infobox', 2)
    restart = body - 1
    superseded = (line_of(path, '<table class="infobox', 1), restart - 1)
    _, scan = scan_file(path)
    assert scan.copies == 2
    ((first, end),) = scan.superseded
    assert (first + 1, end) == superseded  # 1-based first and last line
    assert scan.restarts == (restart - 1,)
    assert scan.body_start == body - 1
    (problem,) = scan.problems
    assert problem.code == "truncated-copy"
    assert problem.line == superseded[0]
    assert problem.span is not None and problem.span.last_line == superseded[1]
    assert f"line {restart}" in problem.message


def test_single_copy_pages() -> None:
    for name in ("cite_shell.txt", "card_shell.txt", "subtables.txt"):
        _, scan = scan_file(PAGE_FIXTURES_DIR / name)
        assert (scan.copies, scan.superseded, scan.problems) == (1, (), ())


def test_title_repeated_in_the_body_is_not_a_restart() -> None:
    text = "📗 Cite This Artifact\nAlpha\nAlpha\nIntro line\nAlpha\nSomething else\nMore\n"
    _, scan = scan_text(text)
    assert scan.copies == 1


def test_restart_must_repeat_the_whole_first_copy() -> None:
    text = "📗 Cite This Artifact\nAlpha\nAlpha\nOne\nTwo\nAlpha\nOne\nTwin\nThree\n"
    _, scan = scan_text(text)
    assert scan.copies == 1  # "Two" is not "Twin" cut short: the copies differ
    text = "📗 Cite This Artifact\nAlpha\nAlpha\nOne\nTw\nAlpha\nOne\nTwo changed\nThree\n"
    _, scan = scan_text(text)
    assert scan.copies == 2 and scan.superseded == ((3, 5),)


def test_restart_glued_to_a_cut_tag_and_three_copies() -> None:
    text = (
        "📗 Cite This Artifact\nAlpha\nAlpha\n<table>\n<td>x</td>\n<tdAlpha\n"
        "<table>\n<td>x</td>\n<td>y...Alpha\n"
        "<table>\n<td>x</td>\n<td>y</td>\nEnd\n"
    )
    doc, scan = scan_text(text)
    assert scan.copies == 3
    assert scan.superseded == ((3, 5), (6, 8))
    assert scan.restarts == (5, 8)
    assert doc.lines[scan.body_start].text == "<table>"
    assert scan.body_start == 9
    assert len(scan.problems) == 2


def test_blank_lines_do_not_matter_and_prelude_repeats_are_chrome() -> None:
    text = (
        "📗 Cite This Artifact\nAlpha\nAlpha\nOne\n\nTwo\nThr\n📗 Cite This Artifact\nAlpha\n"
        "One\nTwo\n\nThree\nFour\n"
    )
    _, scan = scan_text(text)
    assert scan.copies == 2
    assert scan.superseded == ((3, 7),)
    assert scan.chrome == (7,)
    assert scan.restarts == (8,)


def test_many_title_lines_stay_linear() -> None:
    def make(n: int) -> str:
        return "📗 Cite This Artifact\nAlpha\nAlpha\n" + "".join(
            f"Alpha\nline {i}\n" for i in range(n)
        )

    _, scan = scan_text(make(10_000))
    assert scan.copies == 1
    assert_linear(lambda n: scan_text(make(n)), 5_000)


def test_duplicated_card_repeats_its_prelude() -> None:
    card = (PAGE_FIXTURES_DIR / "card_shell.txt").read_text(encoding="utf-8")
    cut = "\n".join(card.split("\n")[:29]) + "\nMark"  # the first copy breaks off at "Mark..."
    doc, scan = scan_text(cut + "\n" + card)
    assert scan.copies == 2
    assert scan.superseded == ((11, 30),)  # body of the first copy, up to the cut line
    assert [doc.lines[i].stripped for i in scan.chrome] == ["📖"]
    restarted = [doc.lines[i].stripped for i in scan.restarts]
    assert restarted[0] == "Astroglia (Astrocytes)"
    assert {"active", "📖 Wiki Page", "cell1210 words"} <= set(restarted)
    assert doc.lines[scan.body_start].stripped == '<table class="infobox infobox-cell">'
