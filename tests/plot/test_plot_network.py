"""Collaboration network drawing: nodes, sizes, widths and reproducible positions."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from orgmodel.model import Link, Organisation, Post, Unit
from orgmodel.plot.layout import network_layout
from orgmodel.plot.network import draw_collaboration


def three_units() -> Organisation:
    """Skola (1 FTE) and Vård (3 FTE) under Kommun, plus an IT unit; ties by hand."""
    return Organisation(
        units=[
            Unit("kommun", "Kommun"),
            Unit("skola", "Skolan", parent="kommun"),
            Unit("vard", "Vården", parent="kommun"),
            Unit("it", "IT-enheten", parent="kommun"),
        ],
        posts=[
            Post("rektor", unit="skola", fte_budgeted=1.0),
            Post("ssk", unit="vard", fte_budgeted=3.0),
            Post("tekniker", unit="it", fte_budgeted=2.0),
        ],
        links=[Link("rektor", "ssk", weight=2), Link("ssk", "tekniker", weight=1)],
    )


def test_returns_axes_with_a_label_per_tied_unit():
    from matplotlib.axes import Axes

    ax = draw_collaboration(three_units(), legend=False)
    assert isinstance(ax, Axes)
    # Kommun has no posts and no ties: left out
    assert sorted(t.get_text() for t in ax.texts) == ["IT-enheten", "Skolan", "Vården"]


def test_node_area_grows_with_fte_and_line_width_with_weight():
    from matplotlib.collections import LineCollection, PathCollection

    ax = draw_collaboration(three_units(), legend=False)
    dots = next(c for c in ax.collections if isinstance(c, PathCollection))
    areas = dots.get_sizes()
    # node order skola, vard, it: FTE 1, 3, 2 -> 50 + 850 x FTE / 3 points²
    assert areas.tolist() == pytest.approx([50 + 850 / 3, 900, 50 + 850 * 2 / 3])
    lines = next(c for c in ax.collections if isinstance(c, LineCollection))
    # weights 1 and 2 (drawn lightest first): 0.6 + 4.4 x weight / 2
    assert sorted(lines.get_linewidths()) == pytest.approx([2.8, 5.0])


def test_same_seed_same_picture():
    a = draw_collaboration(three_units(), seed=7, legend=False)
    b = draw_collaboration(three_units(), seed=7, legend=False)
    pa = [t.xy for t in a.texts]
    pb = [t.xy for t in b.texts]
    assert np.allclose(pa, pb)


@pytest.mark.parametrize("method", ["spring", "kamada_kawai", "circular", "shell"])
def test_every_layout_places_every_node(method):
    g = nx.karate_club_graph()
    pos = network_layout(g, method, groups={n: n % 3 for n in g})
    assert list(pos.index) == list(g.nodes)
    assert pos.notna().all().all()
    draw_collaboration(three_units(), layout=method)


def test_unknown_layout_and_size_are_named():
    with pytest.raises(ValueError, match="'spring', 'kamada_kawai'"):
        draw_collaboration(three_units(), layout="force")
    with pytest.raises(ValueError, match="'fte', 'fte_budgeted', 'posts'"):
        draw_collaboration(three_units(), node_size_by="cost")


def test_no_links_says_so():
    org = Organisation([Unit("a")], [Post("p", unit="a")])
    ax = draw_collaboration(org)
    assert [t.get_text() for t in ax.texts] == ["No collaboration links to draw"]


def test_post_level_and_explicit_sizes_and_groups():
    from matplotlib.collections import PathCollection

    org = three_units()
    ax = draw_collaboration(
        org, level="post", node_size_by={"ssk": 4.0, "rektor": 1.0}, group_by="unit", legend=False
    )
    # posts rektor, ssk, tekniker: sizes 1, 4 and (missing) 0 of the largest 4
    dots = next(c for c in ax.collections if isinstance(c, PathCollection))
    assert dots.get_sizes().tolist() == pytest.approx([50 + 850 / 4, 900, 50])
    assert sorted(t.get_text() for t in ax.texts) == ["rektor", "ssk", "tekniker"]
    # one colour per unit: three different colours
    assert len({tuple(c) for c in dots.get_facecolors()}) == 3


def test_labels_can_be_limited():
    ax = draw_collaboration(three_units(), labels=1, legend=False)
    assert [t.get_text() for t in ax.texts] == ["Vården"]  # the biggest: 3 FTE
    ax = draw_collaboration(three_units(), labels=False, legend=False)
    assert len(ax.texts) == 0


def twenty_groups() -> Organisation:
    """A municipality with 20 departments in a ring of ties: 20 groups (the units under
    the top unit), each of one post; one long department name to wrap."""
    names = [f"Avdelning {i}" for i in range(19)] + ["Samhällsbyggnadsförvaltningen och kansliet"]
    units = [Unit("kommun", "Kommun")] + [
        Unit(f"d{i}", name, parent="kommun") for i, name in enumerate(names)
    ]
    posts = [Post(f"p{i}", unit=f"d{i}", fte_budgeted=1.0 + i) for i in range(20)]
    links = [Link(f"p{i}", f"p{(i + 1) % 20}") for i in range(20)]
    return Organisation(units, posts, links=links)


def test_twenty_groups_have_twenty_colours():
    from matplotlib.collections import PathCollection

    ax = draw_collaboration(twenty_groups())
    dots = next(c for c in ax.collections if isinstance(c, PathCollection))
    assert len({tuple(c) for c in dots.get_facecolors()}) == 20
    legend_colours = {tuple(h.get_markerfacecolor()) for h in ax.get_legend().legend_handles}
    assert len(legend_colours) == 20


def test_graph_fills_the_width_with_the_legend_below_and_names_are_not_cut():
    import matplotlib.pyplot as plt

    ax = draw_collaboration(twenty_groups(), labels=True)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    axes_box = ax.get_window_extent(renderer)
    legend_box = ax.get_legend().get_window_extent(renderer)
    figure_width = fig.bbox.width
    # the graph's Axes spans the figure's width (the legend used to take a quarter of it)
    assert axes_box.width >= 0.9 * figure_width
    # the legend lies below the graph, not on it
    assert legend_box.y1 <= axes_box.y0 + 1
    # nodes reach across the Axes: a ring of 20 spans most of the width
    dots = ax.collections[-1].get_offsets()
    xs = ax.transData.transform(dots)[:, 0]
    assert xs.max() - xs.min() >= 0.6 * axes_box.width
    names = [t.get_text() for t in ax.texts if t.get_text().startswith(("Avd", "Sam"))]
    assert len(names) == 20
    assert not any("…" in n for n in names)  # wrapped, never cut
    assert "Samhällsbyggnads-\nförvaltningen och\nkansliet" in names
    plt.close("all")


def test_auto_labels_are_fewer_and_large():
    import matplotlib.pyplot as plt

    ax = draw_collaboration(twenty_groups(), legend=False)
    shown = [t for t in ax.texts if t.get_text()]
    assert 0 < len(shown) <= 14
    assert all(t.get_fontsize() >= 10 for t in shown)
    plt.close("all")
