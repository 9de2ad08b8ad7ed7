"""Tests for orgmodel.prioritise.sensitivity."""

import numpy as np
import pandas as pd
import pytest

from orgmodel.prioritise.errors import PrioritisationError
from orgmodel.prioritise.scoring import topsis, weighted_sum
from orgmodel.prioritise.sensitivity import (
    one_at_a_time,
    rescaled_weights,
    stability_intervals,
    tornado_data,
)

# Min-max scores (worked by hand): need a 1, b 0.5, c 0; cost (less is better) a 0, b 1,
# c 0.5. With need weight t: a = t, b = 0.5 t + (1 - t) = 1 - t/2, c = 0.5 (1 - t).
SCORES = pd.DataFrame({"need": [5, 3, 1], "cost": [3, 1, 2]}, index=["a", "b", "c"])
WEIGHTS = {"need": 0.5, "cost": 0.5}
DIRS = {"cost": "min"}


def test_rescaled_weights_keep_proportions_and_sum():
    w = rescaled_weights(np.array([0.5, 0.3, 0.2]), 1, 0.5)
    # the others keep their 5:2 ratio in the remaining 0.5
    np.testing.assert_allclose(w, [0.5 * 5 / 7, 0.5, 0.5 * 2 / 7])
    # a criterion that had all the weight: the others share the rest equally
    np.testing.assert_allclose(rescaled_weights(np.array([1.0, 0.0, 0.0]), 0, 0.4), [0.4, 0.3, 0.3])


def test_one_at_a_time_by_hand():
    t = one_at_a_time(SCORES, WEIGHTS, DIRS, deltas=[-0.6, -0.2, 0.0, 0.3, 0.6])
    # -0.6 and +0.6 would leave 0..1 and are dropped: 3 deltas x 2 criteria x 3 alts
    assert len(t) == 18
    need = t[(t.criterion == "need") & (t.delta == 0.3)].set_index("alternative")
    # need weight 0.8: a = 0.8, b = 1 - 0.4 = 0.6, c = 0.1
    assert need["weight"].unique().tolist() == pytest.approx([0.8])
    assert need["score"].to_dict() == pytest.approx({"a": 0.8, "b": 0.6, "c": 0.1})
    assert need["rank"].to_dict() == {"a": 1, "b": 2, "c": 3}
    rel = one_at_a_time(SCORES, WEIGHTS, DIRS, deltas=[0.5], relative=True)
    assert rel["weight"].unique().tolist() == pytest.approx([0.75])


def test_stability_intervals_exact_for_weighted_sum():
    r = stability_intervals(SCORES, WEIGHTS, DIRS)
    # b first while 1 - t/2 >= t, i.e. t <= 2/3 (c never catches up: 1 - t/2 > (1 - t)/2)
    assert r.loc["need", ["lower", "upper"]].tolist() == pytest.approx([0.0, 2 / 3])
    assert r.loc["cost", ["lower", "upper"]].tolist() == pytest.approx([1 / 3, 1.0])
    assert r["exact"].all()
    assert r.attrs["top"] == ["b"]
    # check on either side of the bound with the scoring function itself
    assert weighted_sum(SCORES, {"need": 0.66, "cost": 0.34}, DIRS)["rank"]["b"] == 1
    assert weighted_sum(SCORES, {"need": 0.67, "cost": 0.33}, DIRS)["rank"]["a"] == 1


def test_stability_intervals_top_two():
    r = stability_intervals(SCORES, WEIGHTS, DIRS, top_k=2)
    # order b, a, c must hold: b >= a needs t <= 2/3; a >= c needs t >= 0.5 (1-t)
    # -> t >= 1/3
    assert r.loc["need", ["lower", "upper"]].tolist() == pytest.approx([1 / 3, 2 / 3])
    assert r.attrs["top"] == ["b", "a"]


def test_stability_intervals_promethee_is_linear_hence_exact():
    r = stability_intervals(SCORES, WEIGHTS, DIRS, method="promethee_ii")
    assert r["exact"].all()


def test_stability_intervals_topsis_by_bisection_agrees_with_brute_force():
    s = pd.DataFrame(
        {"c1": [7, 5, 8, 6], "c2": [9, 7, 6, 8], "c3": [3, 6, 4, 2]}, index=list("wxyz")
    )
    w = {"c1": 0.4, "c2": 0.35, "c3": 0.25}
    r = stability_intervals(s, w, method="topsis", tol=1e-7)
    assert not r["exact"].any()
    top = r.attrs["top"][0]
    base = np.array([0.4, 0.35, 0.25])
    grid = np.linspace(0, 1, 401)
    for k, criterion in enumerate(s.columns):
        ok = [
            topsis(s, pd.Series(rescaled_weights(base, k, t), index=s.columns))[
                "closeness"
            ].idxmax()
            == top
            for t in grid
        ]
        # the connected run of True containing the current weight
        i = round(float(base[k]) * 400)
        assert ok[i]
        lo = i
        while lo > 0 and ok[lo - 1]:
            lo -= 1
        hi = i
        while hi < 400 and ok[hi + 1]:
            hi += 1
        assert r.loc[criterion, "lower"] == pytest.approx(grid[lo], abs=3e-3)
        assert r.loc[criterion, "upper"] == pytest.approx(grid[hi], abs=3e-3)


def test_tornado_by_hand():
    t = tornado_data(SCORES, {"need": 0.6, "cost": 0.4}, DIRS)
    # base: a = 0.6, b = 0.7, c = 0.2 -> follows b; need 0.5..0.7 -> b = 0.75..0.65
    assert t.attrs["alternative"] == "b"
    assert t.loc["need", ["score_low", "score_base", "score_high"]].tolist() == pytest.approx(
        [0.75, 0.7, 0.65]
    )
    assert t.loc["need", "swing"] == pytest.approx(0.1)
    a = tornado_data(SCORES, {"need": 0.6, "cost": 0.4}, DIRS, alternative="a", delta=0.5)
    # need weight clipped to 0.1..1.0: a = 0.1 .. 1.0, rank 3 .. 1
    assert a.loc["need", ["low_weight", "high_weight"]].tolist() == pytest.approx([0.1, 1.0])
    assert a.loc["need", ["rank_low", "rank_high"]].tolist() == [3, 1]
    with pytest.raises(PrioritisationError, match="unknown alternative 'd'"):
        tornado_data(SCORES, WEIGHTS, DIRS, alternative="d")


def test_custom_method_and_bad_top_k():
    def only_need(scores, weights, directions, **_):
        out = pd.DataFrame({"score": scores["need"] * weights["need"]})
        out["rank"] = out["score"].rank(ascending=False, method="min").astype(int)
        return out

    r = stability_intervals(SCORES, WEIGHTS, DIRS, method=only_need)
    # a leads for any positive need weight; at 0 all tie
    assert r.attrs["top"] == ["a"]
    with pytest.raises(PrioritisationError, match="top_k must be between 1 and 3"):
        stability_intervals(SCORES, WEIGHTS, DIRS, top_k=4)
    with pytest.raises(PrioritisationError, match="unknown method 'topsys'"):
        stability_intervals(SCORES, WEIGHTS, DIRS, method="topsys")


def test_redistributed_missing_scores_do_not_break_the_analysis():
    # x has no cost score; with all weight on cost it cannot be ranked (redistribute)
    s = pd.DataFrame({"need": [5, 3, 1], "cost": [np.nan, 1, 2]}, index=["x", "y", "z"])
    w = {"need": 0.5, "cost": 0.5}
    # by hand (min-max): need x 1, y .5, z 0; cost (less is better) y 1, z 0.
    # x = 1 (need only); y = .5 t + (1 - t) = 1 - t/2 with t the need weight; z = 0.
    # x leads while 1 > 1 - t/2, i.e. for every t > 0; at t = 0 x cannot be scored.
    r = stability_intervals(s, w, {"cost": "min"}, tol=1e-9)
    assert r.attrs["top"] == ["x"]
    assert r.loc["need", "exact"]  # ratio of linear functions: solved exactly
    assert r.loc["need", "lower"] == pytest.approx(0.0, abs=1e-6)
    assert r.loc["need", "upper"] == pytest.approx(1.0)
    t = one_at_a_time(s, w, {"cost": "min"}, deltas=[-0.5, 0.0, 0.5])
    # need weight 0 (cost weight 1) cannot rank x: left out and explained
    assert ("need", -0.5) in [(c, d) for c, d, _ in t.attrs["skipped"]]
    assert ("cost", 0.5) in [(c, d) for c, d, _ in t.attrs["skipped"]]
    tor = tornado_data(s, w, {"cost": "min"}, delta=0.5)
    assert np.isnan(tor.loc["cost", "score_high"])
    assert pd.isna(tor.loc["cost", "rank_high"])


def test_redistributed_intervals_exact_against_brute_force():
    # with missing scores redistributed the bounds are roots of quadratics; check them
    # against a fine scan of the weighted sum itself
    rng = np.random.default_rng(5)
    s = pd.DataFrame(rng.integers(0, 6, (6, 4)).astype(float), columns=list("pqrs"))
    s.iloc[0, 1] = s.iloc[2, 3] = s.iloc[4, 0] = np.nan
    base = np.array([0.4, 0.3, 0.2, 0.1])
    r = stability_intervals(s, pd.Series(base, index=s.columns))
    assert r["exact"].all()
    top = r.attrs["top"][0]
    grid = np.linspace(0.001, 0.999, 999)
    for k, criterion in enumerate(s.columns):
        first = []
        for t in grid:
            ranked = weighted_sum(s, pd.Series(rescaled_weights(base, k, t), index=s.columns))
            first.append(ranked.loc[top, "rank"] == 1)
        inside = grid[np.array(first)]
        lo, hi = r.loc[criterion, "lower"], r.loc[criterion, "upper"]
        # every scanned weight inside [lo, hi] keeps the winner, and the scan finds no
        # weight just outside that does (within the grid step)
        assert all(f for t, f in zip(grid, first, strict=True) if lo + 1e-3 < t < hi - 1e-3)
        near = inside[(inside > lo - 0.05) & (inside < hi + 0.05)]
        assert near.min() >= lo - 1.5e-3 and near.max() <= hi + 1.5e-3
