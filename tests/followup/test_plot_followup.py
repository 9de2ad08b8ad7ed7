"""Follow-up charts: the timeline geometry and what the bars and ticks stand for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from orgmodel.datasets import load_example
from orgmodel.followup.actionplan import read_actionplan
from orgmodel.followup.raci import load_by_quarter, responsible_load
from orgmodel.plot.followup import plot_load, plot_targets, plot_timeline, timeline_layout

matplotlib.use("Agg")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def plan():
    return read_actionplan(EXAMPLES / "jonkoping-actionplan.yaml")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def test_timeline_layout_of_the_jonkoping_plan(plan):
    layout = timeline_layout(plan)
    assert len(layout) == 18
    # våren 2019 is a period, 1 januari 2020 a day, the other 16 actions have no date
    assert layout.loc["pks-1", ["kind", "start", "end"]].tolist() == [
        "range",
        dt.date(2019, 1, 1),
        dt.date(2019, 6, 30),
    ]
    assert layout.loc["pks-2", "kind"] == "point"
    assert (layout["kind"] == "undated").sum() == 16
    assert layout.loc["pks-1", "y"] == 17 and layout.loc["intern-3", "y"] == 0
    assert sorted(layout["y"]) == list(range(18))


def test_timeline_bar_spans_the_period(plan):
    import matplotlib.dates as mdates

    ax = plot_timeline(plan, today="2019-09-01")
    (bar,) = ax.patches  # one period deadline: one bar
    assert bar.get_x() == mdates.date2num(dt.date(2019, 1, 1))
    assert bar.get_width() == 181  # 1 January to 30 June 2019 inclusive: 31+28+31+30+31+30
    assert bar.get_y() + bar.get_height() / 2 == 17


def test_load_bars_are_the_counts(plan):
    org = load_example("jonkoping-kommunal-utveckling")
    ax = plot_load(responsible_load(plan, org))
    widths = {
        t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches, strict=True)
    }
    assert widths["utvecklingschef"] == 4 and widths["pks"] == 3
    assert widths["omradesansvarig-fritid"] == 6
    ax = plot_load(load_by_quarter(plan, org))  # stacked: one bar per party and quarter
    assert len(ax.patches) == 21 * 5


def test_target_chart_draws_threshold_and_interval():
    ev = pd.DataFrame(
        {
            "share": [0.8, float("nan")],
            "low": [0.73, 0.0],
            "high": [0.86, 1.0],
            "threshold": [0.7, 0.6],
            "answers": [133, 0],
            "verdict": ["met", "cannot tell yet"],
        },
        index=["ny-kunskap", "stodmaterial"],
    )
    ax = plot_targets(ev)
    xs = [tuple(line.get_xdata()) for line in ax.lines]
    assert (0.7, 0.7) in xs and (0.6, 0.6) in xs  # threshold ticks
    assert (0.73, 0.86) in xs  # the interval of the answered target
    assert len(ax.lines) == 4  # 2 thresholds + 1 interval + 1 dot; no answers, no interval
