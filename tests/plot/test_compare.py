"""Comparison charts: org charts side by side, key figures as bars (values by hand)."""

from __future__ import annotations

import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from orgmodel.model import Link, Organisation, Post, Unit
from orgmodel.plot.compare import (
    draw_side_by_side,
    format_key_figure,
    key_figure_label,
    plot_key_figures,
)
from orgmodel.reorg import MergeUnits, compare


@pytest.fixture
def before() -> Organisation:
    # 5 units, 5 posts; cost 1.0 + 1.2 + 1.8 + 0.5 + 0.6 = 5.1 MSEK; FTE 1 + 2 + 3 + 1 + 1 = 8
    return Organisation(
        units=[
            Unit("kommun", "Exempelkommun", kind="organisation"),
            Unit("soc", "Socialtjänsten", kind="department", parent="kommun"),
            Unit("skola", "Skolan", kind="department", parent="kommun"),
            Unit("fritid", "Fritid", kind="department", parent="kommun"),
            Unit("teknik", "Teknik", kind="department", parent="kommun"),
        ],
        posts=[
            Post("chef", unit="kommun", cost=1_000_000),
            Post("s1", unit="soc", fte_budgeted=2.0, cost=1_200_000, reports_to="chef"),
            Post("l1", unit="skola", fte_budgeted=3.0, cost=1_800_000, reports_to="chef"),
            Post("f1", unit="fritid", cost=500_000, reports_to="chef"),
            Post("t1", unit="teknik", cost=600_000, reports_to="chef"),
        ],
        links=[Link("s1", "l1")],
        name="Före",
    )


@pytest.fixture
def after(before) -> Organisation:
    return MergeUnits(("soc", "skola"), into="laf", name="Lärande och familj").apply(before)


def _texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_side_by_side_returns_a_figure_with_one_titled_axes_per_org(before, after):
    fig = draw_side_by_side([before, after], ["2014", "2015"], max_depth=None)
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == ["2014", "2015"]
    left, right = fig.axes
    assert "Socialtjänsten" in _texts(left) and "Socialtjänsten" not in _texts(right)
    assert "Lärande och familj" in _texts(right)
    # merged: 2 + 3 FTE, 1.2 + 1.8 MSEK
    assert {"5.0 FTE", "3.0 MSEK"} <= set(_texts(right))
    # sub-units included: the top box shows 8.0 FTE and 5.1 MSEK in both charts
    assert {"8.0 FTE", "5.1 MSEK"} <= set(_texts(left)) & set(_texts(right))


def test_side_by_side_draws_both_charts_at_one_scale(before, after):
    # seven boxes across: 12.6 in wide, so "auto" would stack them; this test is of a row
    fig = draw_side_by_side(
        [before, after], ["Före", "Efter"], max_depth=None, stack_leaves=False, arrange="row"
    )
    left, right = fig.axes
    name_size = {
        ax.get_title(): {t.get_fontsize() for t in ax.texts if t.get_text() == "Fritid"}
        for ax in fig.axes
    }
    assert len(name_size["Före"]) == 1
    assert name_size["Före"].pop() == pytest.approx(name_size["Efter"].pop())
    fw = fig.get_size_inches()[0]

    def inches_per_unit(ax: Axes) -> float:
        x0, x1 = ax.get_xlim()
        return ax.get_position().width * fw / (x1 - x0)

    assert inches_per_unit(left) == pytest.approx(inches_per_unit(right))
    # a plain tree: before has 4 boxes under the top one, after 3: the left chart is wider
    assert left.get_position().width > right.get_position().width
    # aligned at the top
    assert left.get_position().y1 == pytest.approx(right.get_position().y1)


def test_side_by_side_rejects_wrong_names(before, after):
    with pytest.raises(ValueError, match="one name per organisation"):
        draw_side_by_side([before, after], ["only one"])
    with pytest.raises(TypeError, match="sets 'ax' itself"):
        draw_side_by_side([before], ax=None)


def test_plot_key_figures_labels_values_and_bar_lengths(before, after):
    table = compare(before, after, names=["Före", "Efter"])
    ax = plot_key_figures(table, rows=["units", "cost", "ties_inside_share"])
    assert isinstance(ax, Axes)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Units",
        "Yearly cost",
        "Ties inside a group",
    ]
    # row by row, base then option: 5 -> 4 units; 5.1 MSEK both; the one tie 0 % -> 100 %
    assert _texts(ax) == ["5", "4", "5.1 MSEK", "5.1 MSEK", "0 %", "100 %"]
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx([1.0, 0.8, 1.0, 1.0, 0.0, 1.0])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Före", "Efter"]


def test_plot_key_figures_default_rows_include_needs(before, after):
    table = compare(before, after, names=["Före", "Efter"], needs={"Viktor": []})
    ax = plot_key_figures(table)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Units" and labels[-1] == "Units needed: Viktor"
    assert "Posts" not in labels  # not among the default rows


def test_plot_key_figures_unknown_row(before, after):
    table = compare(before, after)
    with pytest.raises(KeyError, match=r"'staff'.*valid: 'units'"):
        plot_key_figures(table, rows=["staff"])


def test_labels_and_formats():
    assert key_figure_label("units_needed: Svensson") == "Units needed: Svensson"
    assert format_key_figure("cost", 2_390_000_000) == "2.4 bn SEK"
    assert format_key_figure("cost", 2_390_000, "GBP") == "£2.4m"


def test_fte_is_grouped_like_counts_and_money():
    # 2,666 FTE: the size of Ängelholm's staff in notebook 02; grouped as in CLDR's
    # en ("2,666.0"), sv and nb (a no-break space groups, a comma marks the decimals)
    assert format_key_figure("fte_actual", 2666.0, lang="en") == "2,666.0"
    assert format_key_figure("fte_budgeted", 2666.0, lang="sv") == "2\xa0666,0"
    assert format_key_figure("fte_actual", 2666.0, lang="nb") == "2\xa0666,0"
    assert format_key_figure("fte_actual", 8, lang="en") == "8.0"


def _overlap(a, b) -> bool:
    """Two window extents (pixels) share more than a pixel's sliver."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5


def test_narrow_side_by_side_has_one_legend_and_note_clear_of_each_other(before, after):
    from orgmodel.plot.orgchart import orgchart_figure_layout

    # four charts of two levels each, cut to the top box: each chart is one box wide
    orgs = [before, after, before, after]
    fig = draw_side_by_side(orgs, ["Today", "A", "B", "C"], max_depth=0)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    # one legend and one note for the whole figure, none per chart
    assert all(ax.get_legend() is None for ax in fig.axes)
    assert len(fig.legends) == 1
    legend = fig.legends[0]
    # the kinds of all charts, each once: the top box of both is an organisation
    assert [t.get_text() for t in legend.get_texts()] == ["Organisation"]
    (note,) = fig.texts
    assert note.get_text() == "FTE actual, yearly cost (SEK), sub-units included"
    page = fig.bbox
    boxes = [legend.get_window_extent(renderer), note.get_window_extent(renderer)]
    assert not _overlap(*boxes)
    for box in boxes:
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0
        for ax in fig.axes:
            for t in ax.texts:
                assert not _overlap(box, t.get_window_extent(renderer))
            for p in ax.patches:
                assert not _overlap(box, p.get_window_extent(renderer))
    # each chart as draw_orgchart lays it out in its quarter of the 13.33 in slide
    for org, ax in zip(orgs, fig.axes, strict=True):
        lay = orgchart_figure_layout(org, max_depth=0, aspect=16 / 9 / 4, title="x")
        x0, x1 = ax.get_xlim()
        assert x1 - x0 == pytest.approx(lay.attrs["extent"][0])


@pytest.mark.filterwarnings("error")
def test_side_by_side_legend_wraps_to_a_narrow_figure():
    # five kinds in one chart of a single column: the legend takes several rows rather
    # than running past the figure's edge, and stays above the note
    kinds = ["organisation", "department", "office", "team", "group"]
    org = Organisation(
        [Unit("u0", "Kommun", kind=kinds[0])]
        + [Unit(f"u{i}", f"Enhet {i}", kind=k, parent="u0") for i, k in enumerate(kinds[1:], 1)],
        [Post("p", unit="u1", fte_budgeted=1.0)],
    )
    fig = draw_side_by_side([org], ["Kommun"], max_depth=None, max_size=(2.5, 7.5))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = fig.legends[0].get_window_extent(renderer)
    note = fig.texts[0].get_window_extent(renderer)
    assert len(fig.legends[0].get_texts()) == 5
    assert legend.x1 <= fig.bbox.x1 and note.x1 <= fig.bbox.x1
    assert legend.y0 >= note.y1 - 0.5  # the legend above the note
    for ax in fig.axes:
        assert legend.y1 <= ax.get_window_extent(renderer).y0 + 0.5  # below the chart


def test_side_by_side_wraps_long_names_as_draw_orgchart_does(before):
    # draw_orgchart wraps names in up to three lines of 18 characters; the charts side by
    # side used two lines and cut "Strategisk samordningsgrupp (SSG)" to "...grupp..."
    from orgmodel.plot.orgchart import draw_orgchart
    from orgmodel.reorg import CreateUnit

    name = "Strategisk samordningsgrupp (SSG)"
    org = CreateUnit("ssg", name, parent="kommun", unit_kind="group").apply(before)
    fig = draw_side_by_side([before, org], ["Före", "Efter"], max_depth=None)
    alone = draw_orgchart(org)
    lines = ["Strategisk", "samordningsgrupp", "(SSG)"]
    assert all(line in _texts(fig.axes[1]) for line in lines)
    assert all(line in _texts(alone) for line in lines)


def test_compare_uses_no_private_names_of_orgchart():
    import ast
    import inspect

    import orgmodel.plot.compare as compare_module

    tree = ast.parse(inspect.getsource(compare_module))
    private = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "orgmodel.plot.orgchart"
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert private == []


def _shown_text_pt(fig) -> float:
    """The smallest text in the boxes as a notebook page shows the figure: figures wider
    than 10 inches (1000 px at 100 dpi) are scaled down to it."""
    smallest = min(t.get_fontsize() for ax in fig.axes for t in ax.texts)
    return smallest * min(1.0, 10.0 / fig.get_size_inches()[0])


def test_many_top_units_are_stacked_to_stay_readable():
    import matplotlib.pyplot as plt

    from orgmodel.datasets import load_example

    # Ängelholm 2014 and 2015 at one level: 8 and 7 boxes under the municipality, as in
    # notebook 02. Side by side the figure is ~13 in wide and its box text ~5.8 pt on a page
    orgs = [load_example("angelholm-2014"), load_example("angelholm-2015")]
    options = {"root": "angelholms-kommun", "max_depth": 1}
    row = draw_side_by_side(orgs, ["2014", "2015"], arrange="row", **options)
    assert _shown_text_pt(row) < 7
    fig = draw_side_by_side(orgs, ["2014", "2015"], **options)  # arrange="auto"
    first, second = (ax.get_position() for ax in fig.axes)
    assert first.y0 > second.y1  # 2014 above 2015
    assert [ax.get_title() for ax in fig.axes] == ["2014", "2015"]
    assert _shown_text_pt(fig) >= 7
    # the legend and note stay below the lower chart
    renderer = fig.canvas.get_renderer()
    fig.canvas.draw()
    assert (
        fig.legends[0].get_window_extent(renderer).y1
        <= fig.axes[1].get_window_extent(renderer).y0 + 1
    )
    plt.close("all")


def test_small_charts_stay_side_by_side(before, after):
    import matplotlib.pyplot as plt

    fig = draw_side_by_side([before, after], ["2014", "2015"])
    first, second = (ax.get_position() for ax in fig.axes)
    assert first.x1 < second.x0 and first.y1 == pytest.approx(second.y1)
    stacked = draw_side_by_side([before, after], ["2014", "2015"], arrange="column")
    first, second = (ax.get_position() for ax in stacked.axes)
    assert first.y0 > second.y1
    with pytest.raises(ValueError, match="'auto', 'row', 'column'"):
        draw_side_by_side([before, after], arrange="grid")
    plt.close("all")
