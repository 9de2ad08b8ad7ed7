"""Tests for orgmodel.prioritise.smaa."""

import numpy as np
import pandas as pd
import pytest

from orgmodel.prioritise.errors import PrioritisationError
from orgmodel.prioritise.scoring import promethee_ii, topsis, weighted_sum
from orgmodel.prioritise.smaa import _scorer, sample_weights, smaa

# Two criteria, so the weight of need is t ~ U(0, 1) under uniform weights. Min-max scores
# (by hand): a = t, b = 1 - t/2, c = (1 - t)/2. a is first iff t > 2/3, second iff
# 1/3 < t < 2/3, third iff t < 1/3; b is first iff t < 2/3; c is second iff t < 1/3.
SCORES = pd.DataFrame({"need": [5, 3, 1], "cost": [3, 1, 2]}, index=["a", "b", "c"])
DIRS = {"cost": "min"}
EXACT = pd.DataFrame(
    [[1 / 3, 1 / 3, 1 / 3], [2 / 3, 1 / 3, 0], [0, 1 / 3, 2 / 3]], index=["a", "b", "c"]
)


def test_rank_acceptability_matches_analytic_shares():
    r = smaa(SCORES, directions=DIRS, n_samples=20_000, seed=3)
    # standard error sqrt(p(1-p)/n) <= 0.0036; allow four of them
    np.testing.assert_allclose(r.rank_acceptability.to_numpy(), EXACT.to_numpy(), atol=0.015)
    np.testing.assert_allclose(r.rank_acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(r.rank_acceptability.sum(axis=0), 1.0)
    assert list(r.rank_acceptability.columns) == [1, 2, 3]
    # central weights: b is first for t in (0, 2/3) -> mean t = 1/3; a for t in (2/3, 1)
    assert r.central_weights.loc["b", "need"] == pytest.approx(1 / 3, abs=0.01)
    assert r.central_weights.loc["a", "need"] == pytest.approx(5 / 6, abs=0.01)
    assert r.central_weights.loc["c"].isna().all()  # never first
    # expected rank of b: 1 * 2/3 + 2 * 1/3 = 4/3
    assert r.expected_rank["b"] == pytest.approx(4 / 3, abs=0.02)
    assert "3 alternatives" in repr(r)


def test_same_seed_same_result_whatever_the_chunk_size():
    a = smaa(SCORES, directions=DIRS, n_samples=1000, seed=7)
    b = smaa(SCORES, directions=DIRS, n_samples=1000, seed=7, chunk_size=7)
    pd.testing.assert_frame_equal(a.rank_acceptability, b.rank_acceptability)
    c = smaa(SCORES, directions=DIRS, n_samples=1000, seed=8)
    assert not a.rank_acceptability.equals(c.rank_acceptability)


def test_weight_bounds_restrict_the_samples():
    # need weight in 0.7..1 -> t > 2/3 always -> a always first
    r = smaa(SCORES, {"need": (0.7, 1.0)}, DIRS, n_samples=2000)
    assert r.first_rank_acceptability["a"] == 1.0
    bounds = pd.DataFrame({"low": [0.5], "high": [0.6]}, index=["need"])
    r = smaa(SCORES, bounds, DIRS, n_samples=2000)
    assert r.first_rank_acceptability["b"] == 1.0
    assert (r.central_weights.loc["b", "need"] >= 0.5) and (
        r.central_weights.loc["b", "need"] <= 0.6
    )


def test_sampled_weights_uniform_on_simplex():
    w = sample_weights(50_000, 3, np.random.default_rng(0))
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    # Dirichlet(1,1,1): each weight has mean 1/3 and P(w_1 < 1/2) = 1 - (1/2)^2 = 3/4
    np.testing.assert_allclose(w.mean(axis=0), 1 / 3, atol=0.005)
    assert (w[:, 0] < 0.5).mean() == pytest.approx(0.75, abs=0.01)


def test_bad_weights_rejected():
    with pytest.raises(PrioritisationError, match=r"lower bounds add up to 1\.2"):
        smaa(SCORES, {"need": (0.6, 1.0), "cost": (0.6, 1.0)}, DIRS)
    with pytest.raises(PrioritisationError, match="SMAA samples weights"):
        smaa(SCORES, {"need": 0.5, "cost": 0.5}, DIRS)
    with pytest.raises(PrioritisationError, match="bounds for unknown criteria risk"):
        smaa(SCORES, {"risk": (0.1, 0.2)}, DIRS)


@pytest.mark.parametrize(
    ("method", "function", "column", "options"),
    [
        ("weighted_sum", weighted_sum, "score", {}),
        ("topsis", topsis, "closeness", {}),
        ("promethee_ii", promethee_ii, "net_flow", {"preference": "vshape", "p": 2}),
    ],
)
def test_vectorised_scores_equal_the_scoring_functions(method, function, column, options):
    s = pd.DataFrame(
        {"c1": [7, 5, 8, 6], "c2": [9, 7, 6, 8], "c3": [3, 6, 4, 2]}, index=list("wxyz")
    )
    dirs = {"c3": "min"}
    w = sample_weights(5, 3, np.random.default_rng(1))
    vectorised = _scorer(s, dirs, method, dict(options))(w)
    for i in range(5):
        one = function(s, pd.Series(w[i], index=s.columns), dirs, **options)[column]
        np.testing.assert_allclose(vectorised[i], one.to_numpy(), atol=1e-12)


def test_redistributed_missing_scores_vectorised():
    s = pd.DataFrame({"c1": [7, np.nan, 8], "c2": [9, 7, np.nan]}, index=list("xyz"))
    w = sample_weights(4, 2, np.random.default_rng(2))
    vectorised = _scorer(s, None, "weighted_sum", {})(w)
    for i in range(4):
        one = weighted_sum(s, pd.Series(w[i], index=s.columns))["score"]
        np.testing.assert_allclose(vectorised[i], one.to_numpy(), atol=1e-12)


def test_ranking_restricts_to_ordered_weights():
    # need ranked above cost: t = need weight uniform on (1/2, 1); a first iff t > 2/3,
    # so P(a first) = (1/3) / (1/2) = 2/3 and P(b first) = 1/3; c (second iff t < 1/3)
    # is always third
    r = smaa(SCORES, directions=DIRS, n_samples=20_000, seed=2, ranking=["need", "cost"])
    assert r.first_rank_acceptability["a"] == pytest.approx(2 / 3, abs=0.015)
    assert r.first_rank_acceptability["b"] == pytest.approx(1 / 3, abs=0.015)
    assert r.rank_acceptability.loc["c", 3] == 1.0
    w = sample_weights(1000, 3, np.random.default_rng(0), order=np.array([2, 0, 1]))
    assert (w[:, 2] >= w[:, 0]).all() and (w[:, 0] >= w[:, 1]).all()
    with pytest.raises(PrioritisationError, match="criteria not ranked cost"):
        smaa(SCORES, directions=DIRS, ranking=["need"])
