"""Prioritisation charts read on a projector: no text on top of other text or of bars.

Overlaps are measured on the drawn figure: ``fig.canvas.draw()`` places every text, then
the window extents (pixels) of value labels, tick labels, legend and bars are compared.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from orgmodel.plot.prioritise import plot_ranking, plot_tornado

# PROMETHEE II net flows of the six ranked KS initiatives in notebooks/04-prioritise-ks.ipynb
# (AHP weights), copied from the notebook's output; three are negative.
NET_FLOWS = pd.DataFrame(
    {
        "net_flow": [0.26, 0.233, 0.0589, -0.0561, -0.0749, -0.421],
        "rank": [1, 2, 3, 4, 5, 6],
    },
    index=[
        "Felles digitale innbyggertjenester",
        "Nasjonalt velferdsteknologiprogram",
        "Heltidskultur i helse og omsorg",
        "Felles ERP for kommunene",
        "Kompetanseløft i barnehagen",
        "Veileder for sammenslåtte kommuner",
    ],
)


def _overlap(a, b) -> bool:
    """Two window extents share more than a pixel's sliver."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5


def _value_labels(ax):
    return [t for t in ax.texts if t.get_text()]


def _assert_labels_clear(ax) -> None:
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t.get_window_extent(renderer) for t in _value_labels(ax)]
    ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    bars = [p.get_window_extent(renderer) for p in ax.patches]
    box = ax.get_window_extent(renderer)
    for i, label in enumerate(labels):
        assert not any(_overlap(label, tick) for tick in ticks), _value_labels(ax)[i]
        assert not any(_overlap(label, bar) for bar in bars), _value_labels(ax)[i]
        # inside the Axes, so a neighbouring chart or the figure edge cannot cut it
        assert box.x0 - 0.5 <= label.x0 and label.x1 <= box.x1 + 0.5, _value_labels(ax)[i]
    for a in range(len(labels)):
        for b in range(a + 1, len(labels)):
            assert not _overlap(labels[a], labels[b])


def test_ranking_value_labels_of_negative_net_flows_keep_off_the_tick_labels():
    # the notebook's layout: three rankings side by side in a 15 x 3.6 inch figure
    fig, axes = plt.subplots(1, 3, figsize=(15, 3.6), layout="constrained")
    ax = plot_ranking(NET_FLOWS, ax=axes[2], title="promethee ii")
    # three significant digits, negative values with the minus sign of the axis
    assert [t.get_text() for t in _value_labels(ax)] == [
        "0.26",
        "0.233",
        "0.0589",
        "\N{MINUS SIGN}0.0561",
        "\N{MINUS SIGN}0.0749",
        "\N{MINUS SIGN}0.421",
    ]
    _assert_labels_clear(ax)
    # nothing is written left of zero (where the tick labels are)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    zero_px = ax.transData.transform((0, 0))[0]
    assert all(t.get_window_extent(renderer).x0 >= zero_px for t in _value_labels(ax))


@pytest.mark.parametrize(
    "values",
    [
        [0.952, 0.929, 0.872, 0.804, 0.802, 0.593],  # weighted sums of the notebook
        [-0.05, -0.2, -0.35, -0.41, -0.5, -0.62],  # every net flow negative
    ],
)
def test_ranking_value_labels_fit_their_own_figure(values):
    frame = NET_FLOWS.assign(net_flow=values)
    _assert_labels_clear(plot_ranking(frame))


def test_ranking_value_labels_fit_a_narrow_axes():
    _, axes = plt.subplots(1, 4, figsize=(9, 3), layout="constrained")
    _assert_labels_clear(plot_ranking(NET_FLOWS, ax=axes[0]))


def _tornado() -> pd.DataFrame:
    # swings 0.08, 0.03, 0.02 around a base score of 0.95: the two shortest bars are drawn
    # at the bottom and reach right of the base line, where a lower-right legend would sit
    return pd.DataFrame(
        {
            "weight": [0.3, 0.2, 0.5],
            "low_weight": [0.0, 0.1, 0.4],
            "high_weight": [0.5, 0.3, 0.6],
            "score_low": [0.90, 0.94, 0.945],
            "score_base": [0.95, 0.95, 0.95],
            "score_high": [0.98, 0.97, 0.965],
            "swing": [0.08, 0.03, 0.02],
        },
        index=["behov", "strategi", "gevinster"],
    )


@pytest.mark.parametrize("figsize", [None, (6, 2.2)])
def test_tornado_legend_covers_no_bar_and_no_text(figsize):
    if figsize is None:
        ax = plot_tornado(_tornado(), title="Score of a")
    else:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
        ax = plot_tornado(_tornado(), ax=ax)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "weight lowered",
        "weight raised",
    ]
    assert len(ax.patches) == 6  # a lowered and a raised bar per criterion
    for bar in ax.patches:
        assert not _overlap(legend, bar.get_window_extent(renderer))
    # outside the data area, and clear of the axis label and the tick labels
    assert not _overlap(legend, ax.get_window_extent(renderer))
    assert not _overlap(legend, ax.xaxis.label.get_window_extent(renderer))
    for tick in ax.get_xticklabels() + ax.get_yticklabels():
        if tick.get_text():
            assert not _overlap(legend, tick.get_window_extent(renderer))
    # and inside the figure, so a saved picture keeps it
    page = fig.bbox
    assert page.x0 <= legend.x0 and legend.x1 <= page.x1 and page.y0 <= legend.y0


def test_ranking_draws_in_a_figure_made_without_pyplot():
    # the scorer widget draws in a bare matplotlib.figure.Figure (no canvas of a backend)
    # and saves it as SVG
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.0, 2.7))
    fig.subplots_adjust(left=0.5, right=0.96)
    ax = plot_ranking(NET_FLOWS, ax=fig.add_subplot())
    fig.savefig(io.BytesIO(), format="svg")
    FigureCanvasAgg(fig)
    _assert_labels_clear(ax)


@pytest.mark.parametrize("figsize", [None, (12, 2.6)])
def test_rank_acceptability_legend_below_the_axis_label(figsize):
    from orgmodel.plot.prioritise import plot_rank_acceptability

    # shares of weight samples per rank, made up: each row sums to 1
    acc = pd.DataFrame(
        [[0.7, 0.2, 0.1, 0.0], [0.3, 0.5, 0.2, 0.0], [0.0, 0.3, 0.5, 0.2], [0.0, 0.0, 0.2, 0.8]],
        index=["a", "b", "c", "d"],
        columns=[1, 2, 3, 4],
    )
    if figsize is None:
        ax = plot_rank_acceptability(acc, max_ranks=3)
    else:  # a short Axes, as in a row of charts
        _, axes = plt.subplots(1, 2, figsize=figsize, layout="constrained")
        ax = plot_rank_acceptability(acc, ax=axes[1], max_ranks=3)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "rank 1",
        "rank 2",
        "rank 3",
        "rank 4+",
    ]
    assert not _overlap(legend, ax.xaxis.label.get_window_extent(renderer))
    assert legend.y1 <= ax.xaxis.label.get_window_extent(renderer).y0 + 0.5
    for tick in ax.get_xticklabels():
        assert not _overlap(legend, tick.get_window_extent(renderer))
    assert fig.bbox.y0 <= legend.y0


def test_tornado_axis_label_names_the_alternative_like_the_title():
    tornado = _tornado()
    tornado.attrs["alternative"] = "digi-innbygger"
    names = {"digi-innbygger": "Felles digitale innbyggertjenester"}
    ax = plot_tornado(tornado, title="Score of Felles digitale innbyggertjenester", names=names)
    assert ax.get_xlabel() == "score of Felles digitale innbyggertjenester"
    # an id without a name stays the id
    assert plot_tornado(tornado, names={}).get_xlabel() == "score of digi-innbygger"
    plt.close("all")
