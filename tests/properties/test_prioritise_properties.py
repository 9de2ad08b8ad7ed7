"""Property-based tests for orgmodel.prioritise: invariants every method must keep."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.prioritise.ahp import ahp
from orgmodel.prioritise.portfolio import select_portfolio
from orgmodel.prioritise.scoring import promethee_ii, topsis, weighted_sum
from orgmodel.prioritise.sensitivity import stability_intervals
from orgmodel.prioritise.smaa import smaa

SETTINGS = settings(max_examples=40, deadline=None)

METHODS = {
    "weighted_sum": (weighted_sum, "score", {}),
    "topsis": (topsis, "closeness", {}),
    "promethee_ii": (promethee_ii, "net_flow", {"preference": "vshape", "p": 30}),
}


@st.composite
def problems(draw):
    """A scores table, positive weights and directions, plus a column permutation."""
    n = draw(st.integers(2, 6))
    m = draw(st.integers(1, 5))
    cells = draw(st.lists(st.integers(0, 100), min_size=n * m, max_size=n * m))
    criteria = [f"c{j}" for j in range(m)]
    scores = pd.DataFrame(
        np.array(cells, dtype=float).reshape(n, m),
        index=[f"a{i}" for i in range(n)],
        columns=criteria,
    )
    weights = pd.Series(draw(st.lists(st.floats(0.05, 10), min_size=m, max_size=m)), index=criteria)
    directions = dict(
        zip(
            criteria,
            draw(st.lists(st.sampled_from(["max", "min"]), min_size=m, max_size=m)),
            strict=True,
        )
    )
    order = draw(st.permutations(criteria))
    return scores, weights, directions, order


@pytest.mark.parametrize("method", list(METHODS))
@SETTINGS
@given(problem=problems(), factor=st.floats(0.01, 1000))
def test_scores_invariant_to_criterion_order_and_weight_scale(method, problem, factor):
    function, column, options = METHODS[method]
    scores, weights, directions, order = problem
    base = function(scores, weights, directions, **options)
    permuted = function(scores[order], weights[order], directions, **options)
    scaled = function(scores, weights * factor, directions, **options)
    np.testing.assert_allclose(permuted[column], base[column], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(scaled[column], base[column], rtol=1e-9, atol=1e-12)
    assert permuted["rank"].tolist() == base["rank"].tolist()
    assert scaled["rank"].tolist() == base["rank"].tolist()
    # ranks run from 1; ties share the smaller rank
    assert base["rank"].min() == 1


@settings(max_examples=25, deadline=None)
@given(problem=problems(), method=st.sampled_from(list(METHODS)), seed=st.integers(0, 10**6))
def test_rank_acceptabilities_sum_to_one(problem, method, seed):
    scores, _, directions, _ = problem
    options = METHODS[method][2]
    r = smaa(scores, directions=directions, n_samples=300, seed=seed, method=method, **options)
    np.testing.assert_allclose(r.rank_acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(r.rank_acceptability.sum(axis=0), 1.0)
    assert ((r.rank_acceptability >= 0) & (r.rank_acceptability <= 1)).all().all()


@SETTINGS
@given(st.lists(st.floats(0.02, 1.0), min_size=1, max_size=10))
def test_ahp_of_consistent_matrix_returns_generating_weights(raw):
    w = np.array(raw) / np.sum(raw)
    labels = [f"k{i}" for i in range(len(w))]
    matrix = pd.DataFrame(w[:, None] / w[None, :], index=labels, columns=labels)
    r = ahp(matrix, scale=None)
    np.testing.assert_allclose(r.weights.to_numpy(), w, rtol=1e-8, atol=1e-12)
    assert r.consistency_ratio == pytest.approx(0.0, abs=1e-8)
    assert r.lambda_max == pytest.approx(len(w), rel=1e-9)
    if len(w) > 1:
        np.testing.assert_allclose(r.revisit["error"], 1.0, rtol=1e-8)


@SETTINGS
@given(problem=problems())
def test_stability_interval_contains_current_weight_and_keeps_the_winner(problem):
    scores, weights, directions, _ = problem
    r = stability_intervals(scores, weights, directions)
    assert ((r["lower"] <= r["weight"] + 1e-12) & (r["weight"] <= r["upper"] + 1e-12)).all()
    winner = r.attrs["top"][0]
    # strictly inside the interval the winner keeps (at least a share of) first place
    for criterion, row in r.iterrows():
        if row["upper"] - row["lower"] < 1e-6:
            continue
        t = 0.5 * (row["lower"] + row["upper"])
        rest = weights.drop(criterion)
        w = rest / rest.sum() * (1 - t) if rest.sum() > 0 else rest
        w[criterion] = t
        ranked = weighted_sum(scores, w.reindex(weights.index), directions)
        assert ranked.loc[winner, "rank"] == 1


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 20)), min_size=1, max_size=9),
    st.integers(0, 60),
)
def test_portfolio_fits_and_beats_greedy(items, capacity):
    names = [f"p{i}" for i in range(len(items))]
    values = pd.Series([v for v, _ in items], index=names, dtype=float)
    costs = pd.Series([c for _, c in items], index=names, dtype=float)
    p = select_portfolio(values, costs, capacity)
    assert p.total_cost <= capacity + 1e-9
    # greedy by value per cost is a feasible solution, so the optimum is at least as good
    ratio = values / costs.replace(0, np.nan)
    greedy_value, spent = 0.0, 0.0
    for name in ratio.fillna(np.inf).sort_values(ascending=False).index:
        if spent + costs[name] <= capacity:
            spent += costs[name]
            greedy_value += values[name]
    assert p.total_value >= greedy_value - 1e-9


@SETTINGS
@given(
    problem=problems(),
    kind=st.sampled_from(["usual", "ushape", "vshape", "level", "linear", "gaussian"]),
)
def test_promethee_flows_bounded_and_net_flows_sum_to_zero(problem, kind):
    scores, weights, directions, _ = problem
    r = promethee_ii(scores, weights, directions, preference=kind, q=5, p=20, s=10)
    assert ((r["phi_plus"] >= -1e-12) & (r["phi_plus"] <= 1 + 1e-12)).all()
    assert ((r["phi_minus"] >= -1e-12) & (r["phi_minus"] <= 1 + 1e-12)).all()
    assert r["net_flow"].sum() == pytest.approx(0.0, abs=1e-9)


@SETTINGS
@given(problem=problems())
def test_weighted_sum_minmax_scores_lie_in_unit_interval_and_dominance_is_respected(problem):
    scores, weights, directions, _ = problem
    r = weighted_sum(scores, weights, directions)
    assert ((r["score"] >= -1e-12) & (r["score"] <= 1 + 1e-12)).all()
    signed = scores * [1 if directions[c] == "max" else -1 for c in scores.columns]
    for a in scores.index:
        for b in scores.index:
            if (signed.loc[a] >= signed.loc[b]).all():
                # a at least as good everywhere: never ranked behind b
                assert r.loc[a, "rank"] <= r.loc[b, "rank"]
