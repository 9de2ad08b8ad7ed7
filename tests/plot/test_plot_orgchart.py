"""Org chart drawing: the Axes holds the names and roll-up figures worked out by hand."""

from __future__ import annotations

import subprocess
import sys

import pytest
from plot_orgs import balanced, kansliet

from orgmodel.plot.orgchart import draw_orgchart
from orgmodel.plot.style import KIND_COLORS, MIN_FONT_SIZE


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_returns_axes_with_names_and_budgeted_fte():
    from matplotlib.axes import Axes

    ax = draw_orgchart(kansliet(), fte="budgeted")
    assert isinstance(ax, Axes)
    shown = texts(ax)
    assert {"Kommunledning", "Kansliet", "Ekonomienheten"} <= set(shown)
    # Kansliet: posts 3.0 + 1.0 budgeted = 4.0; Kommunledning: its own 1.0 + 4.0 + 2.0
    assert "4.0 FTE" in shown
    assert "7.0 FTE" in shown


def test_actual_and_both():
    # Kansliet actual: 2.4 + 1.0 = 3.4; whole: 1.0 + 3.4 + 2.0 = 6.4 actual of 7.0
    assert "3.4 FTE" in texts(draw_orgchart(kansliet(), fte="actual"))
    both = texts(draw_orgchart(kansliet(), fte="both"))
    assert "3.4 / 4.0 FTE" in both and "6.4 / 7.0 FTE" in both


def test_cost_in_the_organisations_currency():
    # Kansliet: 1,800,000 + 700,000 = 2.5 million; all: 1.2 + 2.5 + 1.3 = 5.0 million
    sek = texts(draw_orgchart(kansliet("SEK")))
    assert "2.5 MSEK" in sek and "5.0 MSEK" in sek
    gbp = texts(draw_orgchart(kansliet("GBP")))
    assert "£2.5m" in gbp and "£5.0m" in gbp


def test_posts_and_nothing_but_names():
    # Kansliet has 2 posts, the whole organisation 4
    shown = texts(draw_orgchart(kansliet(), show=("posts",)))
    assert "2 posts" in shown and "4 posts" in shown and "1 post" in shown
    bare = texts(draw_orgchart(kansliet(), show=(), legend=False))
    assert sorted(bare) == ["Ekonomienheten", "Kansliet", "Kommunledning"]


def test_collapsed_boxes_say_what_they_hide():
    # balanced(13, 3) cut below the top: u1, u2, u3 each hide their 3 children
    ax = draw_orgchart(balanced(13, 3), max_depth=1, show=())
    assert texts(ax).count("+3 units") == 3


def test_draws_into_a_given_axes_with_a_title():
    import matplotlib.pyplot as plt

    _, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    ax = draw_orgchart(kansliet(), ax=right, title="Kansliet 2024")
    assert ax is right
    assert right.get_title() == "Kansliet 2024"
    assert not left.texts


def test_colours_follow_unit_kind():
    from matplotlib.colors import to_hex
    from matplotlib.patches import FancyBboxPatch

    ax = draw_orgchart(kansliet(), show=())
    fills = {to_hex(p.get_facecolor()) for p in ax.patches if isinstance(p, FancyBboxPatch)}
    # administration, office and unit boxes
    assert fills == {KIND_COLORS[k].fill for k in ("administration", "office", "unit")}


def test_other_colourings():
    draw_orgchart(kansliet(), color_by="branch")
    draw_orgchart(kansliet(), color_by={"kansliet": "#cc6677"})
    draw_orgchart(kansliet(), color_by=None)


def test_bad_choices_list_the_valid_ones():
    with pytest.raises(ValueError, match="'fte', 'cost'"):
        draw_orgchart(kansliet(), show=("ftes",))
    with pytest.raises(ValueError, match="'actual', 'budgeted', 'both'"):
        draw_orgchart(kansliet(), fte="real")
    with pytest.raises(ValueError, match="'kind', 'branch'"):
        draw_orgchart(kansliet(), color_by="colour")


def test_large_chart_keeps_text_readable():
    ax = draw_orgchart(balanced(500, 4))
    sizes = [t.get_fontsize() for t in ax.texts]
    # figures never go below the floor; bold names shrink only for very long words
    assert min(sizes) >= MIN_FONT_SIZE
    width = ax.figure.get_size_inches()[0]
    assert width > 13.33  # the chart grew rather than the text shrinking further


def test_small_chart_fits_a_slide():
    width, height = draw_orgchart(kansliet()).figure.get_size_inches()
    assert width <= 13.33 and height <= 7.5


def test_import_of_orgmodel_plot_does_not_load_matplotlib():
    code = "import sys, orgmodel.plot; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_units_without_posts_show_no_zeros():
    from orgmodel.model import Organisation, Post, Unit

    org = Organisation(
        [Unit("kf", "Kommunfullmäktige", kind="political_body"), Unit("k", "Kansliet")],
        [Post("p", unit="k", fte_budgeted=2.0, cost=1_000_000)],
    )
    shown = texts(draw_orgchart(org, legend=False))
    assert sorted(shown) == ["1.0 MSEK", "2.0 FTE", "Kansliet", "Kommunfullmäktige"]


def test_post_chart_by_reporting_line():
    from orgmodel.model import Holding, Organisation, Person, Post, Unit
    from orgmodel.plot.orgchart import draw_post_chart

    org = Organisation(
        units=[Unit("kansliet", "Kansliet", kind="office", head="chef")],
        posts=[
            Post("chef", unit="kansliet", title="Kanslichef"),
            Post(
                "vu",
                unit="kansliet",
                title="Utvecklare",
                reports_to="chef",
                fte_budgeted=3.0,
                fte_actual=2.4,
            ),
            Post("nam", unit="kansliet", title="Nämndsekreterare", reports_to="chef", vacant=True),
        ],
        people=[Person("anna", "Anna Andersson")],
        holdings=[Holding("anna", "chef")],
    )
    ax = draw_post_chart(org, "kansliet")
    shown = texts(ax)
    assert shown[:3] == ["Kanslichef", "1.0 FTE", "Anna Andersson"]
    assert "2.4 / 3.0 FTE" in shown and "vacant" in shown
    assert ax.figure.texts[0].get_text() == "Kansliet"  # title: the unit's name
    with pytest.raises(ValueError, match="no posts"):
        draw_post_chart(Organisation([Unit("tom")]), "tom")


def test_no_recorded_cost_is_left_out():
    from orgmodel.model import Organisation, Post, Unit

    org = Organisation([Unit("p", "Projektet")], [Post("x", unit="p", fte_budgeted=0.6)])
    assert sorted(texts(draw_orgchart(org, legend=False))) == ["0.6 FTE", "Projektet"]


def test_headcount_and_vacancies():
    # no people modelled: every post that is not vacant counts one person (rollup's rule);
    # Kansliet has 2 such posts, the whole organisation 4, and nothing is vacant
    shown = texts(draw_orgchart(kansliet(), show=("headcount", "vacancies")))
    assert "2 people" in shown and "4 people" in shown and "1 person" in shown
    assert shown.count("0 vacant") == 3


def test_too_small_axes_warns_and_text_follows_the_boxes():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(3, 3))
    with pytest.warns(UserWarning, match="too large for this Axes"):
        draw_orgchart(balanced(200, 4), ax=ax)
    assert max(t.get_fontsize() for t in ax.texts) < MIN_FONT_SIZE


def _one_level(n: int):
    from orgmodel.model import Organisation, Unit

    units = [Unit("forv", "Förvaltning", kind="administration")]
    units += [Unit(f"e{i}", f"Enhet {i}", kind="administration", parent="forv") for i in range(n)]
    return Organisation(units)


def test_figure_layout_keeps_the_plain_tree_where_it_fits():
    from orgmodel.plot.orgchart import orgchart_figure_layout

    # a plain tree of six units under one is 6 boxes + 5 gaps of 0.2 (LayoutSpacing.gap_x)
    # = 7.0 box widths; a 13.33 in slide at 1.6 in per box holds 13.33 / 1.6 - 2 * 0.15
    # (margins) = 8.03 of them, a 10 in one 10 / 1.6 - 0.3 = 5.95
    org = _one_level(6)
    plain = orgchart_figure_layout(org)
    assert not plain["is_stacked"].any()
    assert plain["x"].max() - plain["x"].min() + 1 == pytest.approx(7.0)
    assert orgchart_figure_layout(org, max_size=(10, 7.5))["is_stacked"].any()


def test_figure_layout_gives_the_figure_draw_orgchart_makes():
    from orgmodel.plot.orgchart import orgchart_figure_layout

    lay = orgchart_figure_layout(_one_level(6))
    # by hand: 7.0 + 2 * 0.15 margin = 7.3 box widths wide; a box is 2 * 0.07 padding +
    # 3 lines (name, FTE, cost) of 0.105 = 0.455 high, two rows with 0.34 between them
    # and the margins: 2 * 0.455 + 0.34 + 0.3 = 1.55; at 1.6 in per box width the chart
    # is 11.68 x 2.48 in, and below it one legend row (0.1 + 0.22) and the note (0.24)
    assert lay.attrs["extent"] == pytest.approx((7.3, 1.55))
    assert lay.attrs["scale"] == pytest.approx(1.6)
    assert lay.attrs["figsize"] == pytest.approx((11.68, 2.48 + 0.56))
    assert [e["label"] for e in lay.attrs["legend"]] == ["Administration"]
    assert lay.attrs["note"] == "FTE actual, yearly cost (SEK), sub-units included"
    drawn = draw_orgchart(_one_level(6))
    assert tuple(drawn.figure.get_size_inches()) == pytest.approx(lay.attrs["figsize"])
    x0, x1 = drawn.get_xlim()
    assert x1 - x0 == pytest.approx(7.3)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"title": "Kommunen", "fte": "both"},
        {"max_depth": 1, "show": ("posts",)},
        {"color_by": "branch", "legend": False},
    ],
)
def test_figure_layout_matches_the_drawing_of_larger_charts(kwargs):
    from orgmodel.plot.orgchart import orgchart_figure_layout

    org = balanced(40)  # four levels: 1, 3, 9, 27 units
    lay = orgchart_figure_layout(org, **kwargs)
    ax = draw_orgchart(org, **kwargs)
    assert tuple(ax.figure.get_size_inches()) == pytest.approx(lay.attrs["figsize"])
    # the same boxes: one bold name line per label line
    names = [t for t in ax.texts if t.get_fontweight() == "bold"]
    assert len(names) == int(lay["label_lines"].sum())


def test_figure_layout_in_a_given_axes_takes_its_shape():
    import matplotlib.pyplot as plt

    from orgmodel.plot.orgchart import orgchart_figure_layout

    fig = plt.figure(figsize=(4, 6))
    ax = fig.add_axes((0, 0, 1, 1))
    lay = orgchart_figure_layout(_one_level(6), ax)
    # a 4 x 6 in Axes holds 2.5 box widths: the six are stacked, in the Axes' figure
    assert lay["is_stacked"].any()
    assert lay.attrs["figsize"] == pytest.approx((4.0, 6.0))


def _overlap(a, b) -> bool:
    """Two window extents (pixels) share more than a pixel's sliver."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5


def _many_kinds(n_kinds: int = 7):
    from orgmodel.model import Organisation, Post, Unit

    kinds = ["organisation", "administration", "main_mission", "department", "team"]
    kinds += ["service", "political_body", "steering_group"]
    units = [Unit("u0", "Kommun", kind=kinds[0])]
    units += [
        Unit(f"u{i}", f"Enhet {i}", kind=k, parent="u0") for i, k in enumerate(kinds[1:n_kinds], 1)
    ]
    return Organisation(units, [Post("p", unit="u1", fte_budgeted=1.0)])


def _assert_calm(ax) -> None:
    """No text on another, the legend on no text, all of it inside the figure."""
    from matplotlib.patches import FancyBboxPatch

    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    texts = [t for t in ax.texts if t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not _overlap(boxes[i], boxes[j]), (texts[i].get_text(), texts[j].get_text())
    # every name and figure lies inside the box it belongs to
    patches = [p.get_window_extent(renderer) for p in ax.patches if isinstance(p, FancyBboxPatch)]
    for text, box in zip(texts, boxes, strict=True):
        if "sub-units included" in text.get_text():
            continue  # the note, below the chart
        assert any(
            p.x0 - 0.5 <= box.x0
            and box.x1 <= p.x1 + 0.5
            and p.y0 - 0.5 <= box.y0
            and box.y1 <= p.y1 + 0.5
            for p in patches
        ), text.get_text()
    legend = ax.get_legend()
    if legend is not None:
        extent = legend.get_window_extent(renderer)
        assert all(not _overlap(extent, box) for box in boxes)
        assert page.x0 <= extent.x0 and extent.x1 <= page.x1 + 0.5 and page.y0 <= extent.y0
    for box in boxes:
        assert page.x0 <= box.x0 and box.x1 <= page.x1 + 0.5 and page.y0 <= box.y0


@pytest.mark.parametrize("fontsize", [9.0, 12.0, 16.0])
def test_large_text_stays_in_its_boxes_and_clear_of_the_legend(fontsize):
    # a projector wants 12 to 16 pt: the boxes grow with the text
    ax = draw_orgchart(_many_kinds(5), fontsize=fontsize)
    names = [t for t in ax.texts if t.get_text() == "Kommun"]
    assert names[0].get_fontsize() == pytest.approx(fontsize)  # fits the default slide
    _assert_calm(ax)


def test_narrow_chart_wraps_its_legend_and_note_inside_the_figure():
    # seven kinds under one unit on a 2.5 in wide page: the legend takes several rows
    ax = draw_orgchart(_many_kinds(7), max_size=(2.5, 7.5))
    assert len(ax.get_legend().get_texts()) == 7
    assert ax.get_legend()._ncols < 7
    _assert_calm(ax)


def test_chart_in_a_given_axes_keeps_legend_and_note_apart():
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(9, 7))
    ax = fig.add_axes((0.02, 0.3, 0.96, 0.68))
    _assert_calm(draw_orgchart(_many_kinds(7), ax=ax))


def _bold_names_by_box(ax):
    """Each bold name line drawn, with the window extents of itself and of its box."""
    from matplotlib.patches import FancyBboxPatch

    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [p.get_window_extent(renderer) for p in ax.patches if isinstance(p, FancyBboxPatch)]
    found = []
    for text in ax.texts:
        if text.get_fontweight() not in ("bold", 700):
            continue
        extent = text.get_window_extent(renderer)
        cx, cy = (extent.x0 + extent.x1) / 2, (extent.y0 + extent.y1) / 2
        owners = [b for b in boxes if b.x0 <= cx <= b.x1 and b.y0 <= cy <= b.y1]
        assert owners, f"{text.get_text()!r} lies in no box"
        found.append((text, extent, owners[-1]))  # the top box of a pile is drawn last
    return found


@pytest.mark.parametrize(
    ("example", "max_depth"),
    [("hjo-kansliet", None), ("angelholm-2014", 1), ("angelholm-2014", 2)],
)
def test_names_stay_inside_their_boxes_at_one_size_per_row(example, max_depth):
    import matplotlib.pyplot as plt

    from orgmodel.datasets import load_example

    # "Kommunledningsgruppen (KLG)" (hjo) and "Kommunledningskontoret" (Ängelholm) are
    # single words longer than a box line: they are hyphenated, not shrunk or spilled
    ax = draw_orgchart(load_example(example), max_depth=max_depth)
    sizes_by_row: dict[int, set[float]] = {}
    for text, extent, box in _bold_names_by_box(ax):
        assert box.x0 < extent.x0 and extent.x1 < box.x1, f"{text.get_text()!r} spills"
        row = round((box.y0 + box.y1) / 2)
        sizes_by_row.setdefault(row, set()).add(round(text.get_fontsize(), 6))
    assert all(len(sizes) == 1 for sizes in sizes_by_row.values()), sizes_by_row
    plt.close("all")
