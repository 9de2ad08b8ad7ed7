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


@pytest.fixture(scope="module")
def followed(plan):
    # as in notebook 05: on 1 February 2020 PKS has started the budget work and adopted the
    # rules of procedure
    return plan.with_status("pks-1", "in progress").with_status("pks-2", "done")


def test_undated_actions_sit_in_their_own_lane_off_the_date_axis(followed):
    import matplotlib.dates as mdates

    ax = plot_timeline(followed, today="2020-02-01", lang="en")
    lane = ax.figure.axes[-1]
    assert lane is not ax and lane.get_title() == "no date"
    assert list(lane.get_xticks()) == []  # no dates in the lane
    circles = [line for line in lane.lines if line.get_marker() == "o"]
    assert len(circles) == 16  # the 16 actions without a deadline
    assert not [line for line in ax.lines if line.get_marker() == "o"]
    # the date axis ends shortly after the latest date (the follow-up day), not months later
    assert ax.get_xlim()[1] < mdates.date2num(dt.date(2020, 5, 1))


def test_check_mark_is_next_to_the_done_diamond(followed):
    import matplotlib.dates as mdates

    ax = plot_timeline(followed, today="2020-02-01")
    (check,) = [x for x in ax.texts if x.get_text() == "✓"]
    # pks-2 (done) is due 1 January 2020, drawn on row 16
    assert check.xy == (mdates.date2num(dt.date(2020, 1, 1)), 16)
    assert check.get_position() == (6, 0)  # six points to the right of the diamond


def test_overdue_open_actions_are_marked(followed):
    ax = plot_timeline(followed, today="2020-02-01", lang="en")
    # pks-1 (in progress) was due 30 June 2019: 1 + 31 + 31 + 30 + 31 + 30 + 31 + 31 = 216
    # days before 1 February 2020; pks-2 is done, so not overdue
    (late,) = [x for x in ax.texts if x.get_text().startswith("+")]
    assert late.get_text() == "+216 d" and late.xy[1] == 17
    (bar,) = ax.patches
    assert matplotlib.colors.to_hex(bar.get_edgecolor()) == "#b00020"
    ax.figure.canvas.draw()  # tick labels get their texts when drawn
    red = [x.get_text() for x in ax.get_yticklabels() if x.get_color() == "#b00020"]
    assert red == ["pks-1"]
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert legend[-1] == "1 past due on 01/02/2020"  # the board's wording, British date
    # before the due date nothing is overdue
    ax = plot_timeline(followed, today="2019-06-30", lang="en")
    assert not [x for x in ax.texts if x.get_text().startswith("+")]


def test_load_bars_are_labelled_by_name_with_an_organisation(plan):
    org = load_example("jonkoping-kommunal-utveckling")
    load = responsible_load(plan, org)
    ax = plot_load(load, org=org)
    widths = {
        t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches, strict=True)
    }
    # titles from examples/jonkoping-kommunal-utveckling.yaml; counts as in test_raci.py
    assert widths["Utvecklingschef för Kommunal utveckling"] == 4
    assert widths["Primärkommunalt samverkansorgan (PKS)"] == 3
    assert widths["Områdesansvarig fritid"] == 6
    assert "pks" not in widths and load.index[0] == "omradesansvarig-social-valfard"
    ax = plot_load(load, org=org, labels="id")
    assert "utvecklingschef" in [t.get_text() for t in ax.get_yticklabels()]
