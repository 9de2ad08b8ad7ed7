"""The org chart layout, checked without pixels: no overlaps, centred parents, cuts, forests.

Expected coordinates are worked out by hand from the spacing defaults (boxes 1 wide,
siblings 0.2 apart, top units 0.45 apart, stacked boxes indented 0.16).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plot_orgs import balanced, chain, forest, star

from orgmodel.errors import UnknownIdError
from orgmodel.model import Organisation, Unit
from orgmodel.plot.layout import LayoutSpacing, connector_segments, orgchart_layout, tree_layout

SHAPES = {"balanced": balanced, "chain": chain, "star": star}


def overlapping_pairs(lay: pd.DataFrame, tol: float = 1e-9) -> list[tuple[str, str]]:
    """Pairs of boxes whose rectangles overlap (touching edges is allowed)."""
    x = lay["x"].to_numpy()
    y = lay["y"].to_numpy()
    w = lay["width"].to_numpy()
    h = lay["height"].to_numpy()
    ids = lay.index.to_numpy()
    out = []
    for start in range(0, len(x), 400):  # blocks of rows, to keep memory small at 5,000
        sl = slice(start, start + 400)
        dx = np.abs(x[sl, None] - x[None, :]) < (w[sl, None] + w[None, :]) / 2 - tol
        dy = np.abs(y[sl, None] - y[None, :]) < (h[sl, None] + h[None, :]) / 2 - tol
        both = dx & dy
        rows, cols = np.nonzero(both)
        out += [(ids[start + r], ids[c]) for r, c in zip(rows, cols, strict=True) if start + r < c]
    return out


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("n", [5, 50, 500, 5000])
@pytest.mark.parametrize("stacking", ["auto", "none", "leaves", "outline"])
def test_no_two_boxes_overlap(shape, n, stacking):
    org = SHAPES[shape](n)
    kwargs = {
        "auto": {},
        "none": {"stack_leaves": False},
        "leaves": {"stack_depth": 0},
        "outline": {"stack_depth": 2, "max_stack_rows": 7},
    }[stacking]
    lay = orgchart_layout(org, extra_lines=2, **kwargs)
    assert len(lay) == n
    assert overlapping_pairs(lay) == []


def test_overlap_check_catches_an_overlap():
    # the checker itself must fail on boxes that do overlap
    lay = orgchart_layout(star(3), stack_leaves=False)
    lay.loc["u2", "x"] = lay.loc["u1", "x"] + 0.5
    assert overlapping_pairs(lay) == [("u1", "u2")]


def test_plain_tree_coordinates_by_hand():
    # balanced(13, 3): u0 over u1..u3, each over three leaves. Leaves 1 wide, 0.2 apart:
    # u4 u5 u6 at 0.5, 1.7, 2.9 -> u1 at 1.7; the next block starts at 3.4 + 0.2 = 3.6,
    # so u2 at 3.6 + 1.7 = 5.3, u3 at 8.9; u0 centred over u1 and u3: 5.3.
    lay = orgchart_layout(balanced(13, 3), stack_leaves=False)
    assert lay.loc[["u4", "u5", "u6"], "x"].tolist() == pytest.approx([0.5, 1.7, 2.9])
    assert lay.loc[["u1", "u2", "u3", "u0"], "x"].tolist() == pytest.approx([1.7, 5.3, 8.9, 5.3])
    # rows: a box is 0.245 high (one name line 0.105 + 2 x 0.07 padding), rows 0.34 apart
    assert sorted(set(lay["y"].round(6))) == pytest.approx([-1.17, -0.585, 0.0])


@pytest.mark.parametrize("n", [13, 40, 400])
def test_parents_centred_over_their_children(n):
    lay = orgchart_layout(balanced(n, 3), stack_leaves=False)
    for parent, kids in lay.groupby("parent"):
        xs = lay.loc[kids.index, "x"]
        assert lay.loc[parent, "x"] == pytest.approx((xs.iloc[0] + xs.iloc[-1]) / 2)


def test_parents_centred_when_stacking_too():
    # every parent whose children all stand side by side (not stacked) is centred
    lay = orgchart_layout(balanced(400, 4), extra_lines=2)
    checked = 0
    for parent, kids in lay.groupby("parent"):
        if not kids["is_stacked"].any():
            xs = lay.loc[kids.index, "x"]
            assert lay.loc[parent, "x"] == pytest.approx((xs.iloc[0] + xs.iloc[-1]) / 2)
            checked += 1
    assert checked > 0


def test_siblings_in_model_order():
    # children listed in the order c, a, b stay in that order from left to right
    org = Organisation(
        [Unit("r"), Unit("c", parent="r"), Unit("a", parent="r"), Unit("b", parent="r")]
    )
    lay = orgchart_layout(org, stack_leaves=False)
    assert lay.loc[["c", "a", "b"], "x"].is_monotonic_increasing
    stacked = orgchart_layout(org, stack_depth=0, max_stack_rows=10)  # one column
    assert stacked.loc[["c", "a", "b"], "y"].is_monotonic_decreasing  # top to bottom
    assert list(stacked.index) == ["r", "c", "a", "b"]


def test_stacked_leaves_hang_under_their_parent():
    # four leaves in one column: each indented 0.16 right of the parent's left edge, rows
    # (box 0.245 + gap 0.1) apart, starting 0.34 below the parent
    lay = orgchart_layout(star(5), stack_depth=0, max_stack_rows=10)
    leaves = lay.loc[["u1", "u2", "u3", "u4"]]
    assert leaves["is_stacked"].all()
    parent_left = lay.loc["u0", "x"] - 0.5
    assert (leaves["x"] - 0.5).tolist() == pytest.approx([parent_left + 0.16] * 4)
    assert leaves["trunk_x"].tolist() == pytest.approx([parent_left + 0.08] * 4)
    assert leaves["y"].tolist() == pytest.approx([-0.585, -0.93, -1.275, -1.62])


def test_long_columns_are_split():
    # 12 leaves with at most 5 per column: 3 columns of 4 (evened out), side by side
    lay = orgchart_layout(star(13), stack_depth=0, max_stack_rows=5)
    columns = lay.loc[lay["is_stacked"]].groupby("trunk_x").size()
    assert columns.tolist() == [4, 4, 4]
    assert lay.attrs["max_stack_rows"] == 5


def test_wide_star_is_not_wider_than_tall_by_far():
    # 499 leaves under one unit: stacking keeps the chart close to a 16:9 slide
    lay = orgchart_layout(star(500), extra_lines=2)
    width = lay["x"].max() - lay["x"].min() + 1
    height = lay["y"].max() - lay["y"].min() + lay["height"].iloc[0]
    assert 1.0 < width / height < 3.0
    plain = orgchart_layout(star(500), stack_leaves=False, extra_lines=2)
    assert plain["x"].max() - plain["x"].min() > 500  # the unstacked star: 499 boxes in a row


def test_max_depth_hides_units_and_counts_them():
    # balanced(40, 3) is a full ternary tree 3 levels deep: 1 + 3 + 9 + 27 units;
    # under each of u1..u3 are 3 + 9 = 12 units
    org = balanced(40, 3)
    lay = orgchart_layout(org, max_depth=1)
    assert list(lay.index) == ["u0", "u1", "u2", "u3"]
    assert lay["n_hidden"].tolist() == [0, 12, 12, 12]
    assert orgchart_layout(org, max_depth=0)["n_hidden"].tolist() == [39]
    two = orgchart_layout(org, max_depth=2)
    assert len(two) == 13 and two["n_hidden"].sum() == 27
    assert two.loc["u4", "n_hidden"] == 3  # u4's children u13, u14, u15


def test_root_charts_a_branch():
    org = balanced(40, 3)
    lay = orgchart_layout(org, root="u2")
    # u2 and everything below it: 1 + 3 + 9 units; depth stays the depth in the whole
    assert len(lay) == 13
    assert lay.loc["u2", "depth"] == 1 and lay.loc["u2", "level"] == 0
    assert lay.loc["u2", "parent"] is None


def test_forest_lays_out_side_by_side():
    lay = orgchart_layout(forest(), stack_leaves=False)
    a = lay.loc[["a", "a1", "a2"]]
    b = lay.loc[["b", "b1", "b2", "b3"]]
    # tree a spans 0..2.2, then 0.45 gap: tree b starts at 2.65
    assert (a["x"] + 0.5).max() == pytest.approx(2.2)
    assert (b["x"] - 0.5).min() == pytest.approx(2.65)
    assert lay.loc["a", "y"] == lay.loc["b", "y"] == 0.0
    assert lay.loc[["a", "b"], "parent"].isna().all()


def test_deep_chain_needs_no_recursion():
    # 5,000 levels: far beyond Python's recursion limit (1,000 by default)
    lay = orgchart_layout(chain(5000))
    assert lay["depth"].max() == 4999
    assert lay["x"].nunique() == 1


def test_ten_thousand_units_lay_out_quickly():
    org = balanced(10_000, 4)
    start = time.process_time()  # CPU time: other processes on the machine do not count
    orgchart_layout(org, extra_lines=2)
    elapsed = time.process_time() - start
    # about 0.3 s of CPU on a laptop; the bound leaves room for slower machines
    assert elapsed < 1.5


def test_bad_arguments_are_named():
    with pytest.raises(UnknownIdError, match="did you mean 'u1'"):
        orgchart_layout(star(3), root="u1x")
    with pytest.raises(ValueError, match="max_depth"):
        orgchart_layout(star(3), max_depth=-1)


def test_labels_are_wrapped_names():
    org = Organisation([Unit("s", "Socialförvaltningen individ och familjeomsorg")])
    lay = orgchart_layout(org, wrap_width=20)
    # line 2 keeps the first 19 characters of "individ och familjeomsorg", then "…"
    assert lay.loc["s", "label"] == "Socialförvaltningen\nindivid och familje…"
    assert lay.loc["s", "label_lines"] == 2
    # box height grows with the lines: 2 name + 2 figure lines of 0.105, plus padding
    two = orgchart_layout(org, wrap_width=20, extra_lines=2)
    assert two["height"].iloc[0] == pytest.approx(4 * 0.105 + 2 * 0.07)


def test_custom_spacing_is_used():
    lay = orgchart_layout(star(3), stack_leaves=False, spacing=LayoutSpacing(gap_x=1.0))
    assert lay.loc["u2", "x"] - lay.loc["u1", "x"] == pytest.approx(2.0)


@pytest.mark.parametrize("kwargs", [{"stack_leaves": False}, {"stack_depth": 1}, {}])
def test_connectors_touch_every_child(kwargs):
    lay = orgchart_layout(balanced(60, 4), extra_lines=1, **kwargs)
    segs = connector_segments(lay)
    # elbows only: every piece is horizontal or vertical
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in segs)
    ends = {p for seg in segs for p in seg}
    half = lay["height"].iloc[0] / 2
    for uid, row in lay.iterrows():
        if row["parent"] is None:
            continue
        if row["is_stacked"]:
            point = (round(row["x"] - 0.5, 9), round(row["y"], 9))  # middle of the left side
        else:
            point = (round(row["x"], 9), round(row["y"] + half, 9))  # middle of the top
        assert point in ends, uid


def test_top_units_without_children_stack_in_a_column():
    # a tree r (r1, r2) and three lone top units x, y, z: the lone ones form one column
    # right of the tree, one under the other, joined by no line
    org = Organisation(
        [Unit("r"), Unit("r1", parent="r"), Unit("r2", parent="r"), Unit("x"), Unit("y"), Unit("z")]
    )
    lay = orgchart_layout(org, stack_depth=0)
    lone = lay.loc[["x", "y", "z"]]
    assert lone["is_stacked"].all() and lone["x"].nunique() == 1
    assert lone["y"].is_monotonic_decreasing and lone["y"].iloc[0] == 0.0
    assert lone["x"].min() - 0.5 > (lay.loc[["r", "r1", "r2"], "x"] + 0.5).max()
    ends = {p for seg in connector_segments(lay) for p in seg}
    assert not any(p[0] == pytest.approx(lone["trunk_x"].iloc[0]) for p in ends)
    assert overlapping_pairs(lay) == []


def test_tree_layout_takes_any_forest():
    lay = tree_layout(
        {"chef": ["a", "b"], "a": ["a1"]}, ["chef"], {"chef": "Kanslichef"}, stack_leaves=False
    )
    assert list(lay.index) == ["chef", "a", "a1", "b"]
    assert lay.loc["chef", "name"] == "Kanslichef" and lay.loc["a1", "name"] == "a1"
    with pytest.raises(ValueError, match="not a forest"):
        tree_layout({"a": ["b"], "b": ["a"]}, ["a"])


@st.composite
def forests(draw):
    """Random forests: unit i hangs under one of the units before it, or is a top unit."""
    n = draw(st.integers(1, 60))
    parents = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1))) for i in range(1, n)]
    return Organisation(
        [Unit(f"u{i}", parent=None if p is None else f"u{p}") for i, p in enumerate(parents)],
        validate=False,
    )


@settings(max_examples=60, deadline=None)
@given(
    org=forests(),
    stack_depth=st.sampled_from([None, -1, 0, 1, 3]),
    max_rows=st.sampled_from([None, 2, 5]),
    extra=st.integers(0, 3),
)
def test_random_forests_never_overlap_and_keep_every_unit(org, stack_depth, max_rows, extra):
    lay = orgchart_layout(org, stack_depth=stack_depth, max_stack_rows=max_rows, extra_lines=extra)
    assert sorted(lay.index) == sorted(org.unit_map)
    assert overlapping_pairs(lay) == []
    for parent, kids in lay.groupby("parent"):
        if not kids["is_stacked"].any():
            xs = lay.loc[kids.index, "x"]
            assert lay.loc[parent, "x"] == pytest.approx((xs.iloc[0] + xs.iloc[-1]) / 2)
        # children sit below their parent
        assert (lay.loc[kids.index, "y"] < lay.loc[parent, "y"]).all()
