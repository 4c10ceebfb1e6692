"""kg.network.dot_layout: a star diagram drawn by the real Graphviz fits a page.

The page: at most 1,600 px wide (the issue's bound) and at most 1,600 x sqrt(2) px tall (the
A-series page ratio), at 96 px per inch; Graphviz's SVG gives its size in points (72 an inch).
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest

from kg.network import Diagram, build_diagram, open_network, render
from kg.network.dot_layout import STAR_LEAVES, star_layout

MAX_WIDTH_PX = 1600
MAX_HEIGHT_PX = MAX_WIDTH_PX * math.sqrt(2)
PX_PER_PT = 96 / 72
STAR_EDGES = 30  # the "30-edge diagram"

_SIZE = re.compile(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')


@pytest.fixture(scope="module")
def star(seed_build: Path) -> Diagram:
    net = open_network(seed_build)
    d = build_diagram(net.graph, net.entity("cell-types-motor-neurons"), max_edges=STAR_EDGES)
    assert len(d.edges) == STAR_EDGES  # the seed page has more facts than that
    return d


def svg_size_px(svg: str) -> tuple[float, float]:
    m = _SIZE.search(svg)
    assert m, svg[:300]
    return float(m.group(1)) * PX_PER_PT, float(m.group(2)) * PX_PER_PT


def test_a_30_edge_star_fits_a_page(star: Diagram) -> None:
    """Regression (issue 12): the star was one rank of 30 nodes and 30 labels, ~3,000-4,000 px
    wide."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed (`apt-get install graphviz`)")
    width, height = svg_size_px(render(star, "svg"))
    assert width <= MAX_WIDTH_PX, f"{width:.0f} px wide"
    assert height <= MAX_HEIGHT_PX, f"{height:.0f} px tall"


def test_star_leaves_are_grouped_by_relation_with_every_edge_drawn_once(star: Diagram) -> None:
    layout = star_layout(star)
    assert sum(len(g.leaves) for g in layout.groups) > STAR_LEAVES
    for g in layout.groups:
        assert {star.edges[i].label for i in g.edges} == {g.label}
    dot = render(star, "dot")
    drawn = [line for line in dot.splitlines() if " -> " in line and "style=invis" not in line]
    assert len(drawn) == len(star.edges)
    for g in layout.groups:
        assert f'graph [label="{g.label}"' in dot
    assert "rankdir=LR" in dot


def test_a_small_diagram_keeps_the_plain_layout(seed_build: Path) -> None:
    net = open_network(seed_build)
    d = build_diagram(net.graph, net.entity("cell-types-motor-neurons"), max_edges=STAR_LEAVES)
    assert star_layout(d).groups == ()
    dot = render(d, "dot")
    assert "rankdir=TB" in dot and "subgraph" not in dot
    assert dot.count(" -> ") == len(d.edges) == dot.count("[label=") - len(d.nodes)
