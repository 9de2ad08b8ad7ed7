"""Scenario-comparison report content: Ängelholm before (2014) and after (2015) its reorganisation.

Figures from examples/README.md and the source it cites (AdvisoryBoard, "En agil
utvecklings- och servicekommun", Ängelholm 2014): the two models hold the same 107 posts,
2,666 FTE and 2,390 MSEK; the 2015 organisation has three main missions (Lärande och
familj, Hälsa, Samhällsutveckling); kansliavdelningen and it-avdelningen merge into IT och
administration; six managers change title.
"""

from __future__ import annotations

import pytest

from orgmodel.model import Organisation, Post, Unit
from orgmodel.reorg import MergeUnits, load_scenario
from orgmodel.report import Figure, scenario_report
from orgmodel.report.scenario import key_figure_table

EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def report(angelholm):
    before, after = angelholm
    return scenario_report(before, after, names=["2014", "2015"], charts=False)


def test_key_figures_are_those_of_the_report(report):
    kf = report.table("Key figures").frame
    assert kf.loc["Posts"].tolist() == [107, 107]
    assert kf.loc["Yearly cost, MSEK"].tolist() == pytest.approx([2_390, 2_390])
    assert kf.loc["FTE budgeted"].tolist() == pytest.approx([2_666, 2_666])
    assert list(kf.columns) == ["2014", "2015"]
    shown = dict((row[0], row[1:]) for row in report.table("Key figures").display_rows())
    assert shown["Yearly cost, MSEK"] == ["2,390", "2,390"]
    assert shown["Posts"] == ["107", "107"]


def test_diff_text_names_the_new_main_missions_and_the_merger(report):
    text = report.text()
    assert "Created (main mission): Lärande och familj, Hälsa and Samhällsutveckling." in text
    assert "Merged: Kansliavdelningen and IT-avdelningen into IT och administration." in text
    # equal FTE and cost: the diff says nothing about them
    assert "Cost:" not in text and "Budgeted FTE:" not in text


def test_changed_units_and_posts_tables(report):
    units = report.table("Changed units: 2015").frame
    created = units[units["Change"] == "created"]
    assert {"larande-och-familj", "halsa", "samhallsutveckling"} <= set(created.index)
    merged = units[units["Change"] == "merged into"]
    assert merged.loc["kansliavdelningen", "After"] == "IT och administration"
    assert merged.loc["it-avdelningen", "After"] == "IT och administration"
    ifo = units[(units.index == "ifo") & (units["Change"] == "moved")]
    assert ifo[["Before", "After"]].values.tolist() == [
        ["Socialförvaltningen", "Lärande och familj"]
    ]
    posts = report.table("Changed posts: 2015").frame
    assert (posts["Change"] == "title").sum() == 6  # six managers get a new title
    assert "attrs" not in set(posts["Change"])


def test_sections_and_options(report):
    assert [s.title for s in report.sections] == ["Overview", "Key figures", "2015"]
    assert report.title == "2014: 1 option compared"
    assert report.figures() == []


def test_a_scenario_file_gives_the_same_tables_as_the_2015_model(angelholm, report):
    before, _ = angelholm
    scenario = load_scenario(EXAMPLES / "angelholm-2015.scenario.yaml")
    from_scenario = scenario_report(before, scenario, names=["2014", "2015"], charts=False)
    for title in report.table_titles():  # the same rows (units are created in another order)
        a, b = (r.table(title).frame.reset_index().astype(str) for r in (from_scenario, report))
        assert sorted(a.values.tolist()) == sorted(b.values.tolist()), title


def test_needs_add_a_row_per_need():
    base = Organisation(
        [Unit("k"), Unit("a", "A", parent="k"), Unit("b", "B", parent="k")],
        [Post("p", unit="a", competences=("x",)), Post("q", unit="b", competences=("y",))],
        name="Före",
    )
    merged = MergeUnits(("a", "b"), into="ab", name="AB").apply(base).evolve(name="Efter")
    r = scenario_report(base, merged, needs={"Viktor": ["x", "y"]}, charts=False)
    # x is only in A and y only in B: two units before, the merged one after
    assert r.table("Key figures").frame.loc["Units needed: Viktor"].tolist() == [2, 1]


def test_key_figure_table_in_another_currency():
    import pandas as pd

    t = key_figure_table(pd.DataFrame({"a": [3.24e6]}, index=["cost"]), currency="GBP")
    assert t.display_rows() == [["Yearly cost, million GBP", "3"]]


def test_bad_arguments(angelholm):
    before, after = angelholm
    with pytest.raises(ValueError, match="at least one option"):
        scenario_report(before)
    with pytest.raises(ValueError, match="give 2 names"):
        scenario_report(before, after, names=["only one"], charts=False)
    with pytest.raises(TypeError, match="option 1"):
        scenario_report(before, "angelholm-2015.yaml", charts=False)


@pytest.mark.filterwarnings("ignore:the chart .* is too large:UserWarning")
def test_charts_are_png_figures(angelholm):
    before, after = angelholm
    r = scenario_report(before, after, names=["2014", "2015"], dpi=60)
    titles = [f.title for f in r.figures()]
    assert titles == ["Key figures compared", "Before and after: 2015"]
    for f in r.figures():
        assert isinstance(f, Figure) and f.png.startswith(b"\x89PNG")
        width, height = f.pixels
        assert width > height  # drawn for a 16:9 slide
