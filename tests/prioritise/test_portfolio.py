"""Tests for orgmodel.prioritise.portfolio."""

import itertools

import numpy as np
import pandas as pd
import pytest

from orgmodel.prioritise.errors import PrioritisationError
from orgmodel.prioritise.portfolio import capacity_curve, select_portfolio

VALUES = pd.Series({"a": 10, "b": 7, "c": 5, "d": 2})
COSTS = pd.Series({"a": 5, "b": 4, "c": 3, "d": 2})
# Hand-solved, capacity 9: {a, b} costs 9 for 17; the alternatives that fit are
# {a, c} 15, {b, c, d} 14, {a, d} 12, {b, c} 12, ... so {a, b} is the unique optimum.


def test_hand_solved_knapsack():
    p = select_portfolio(VALUES, COSTS, 9)
    assert p.chosen == ["a", "b"]
    assert (p.total_value, p.total_cost, p.capacity) == (17, 9, 9)
    assert p.table["chosen"].tolist() == [True, True, False, False]
    assert p.table.loc["a", "value_per_cost"] == 2.0


def test_must_include_and_exclude():
    # c forced in: 6 left -> a (5) gives 15; b + d (6) gives 9 -> {a, c}
    assert select_portfolio(VALUES, COSTS, 9, must_include=["c"]).chosen == ["a", "c"]
    # a ruled out: {b, c, d} costs 9 for 14
    p = select_portfolio(VALUES, COSTS, 9, must_exclude=["a"])
    assert p.chosen == ["b", "c", "d"] and p.total_value == 14


def test_errors_are_specific():
    with pytest.raises(PrioritisationError, match=r"cost 8, more than the capacity 6"):
        select_portfolio(VALUES, COSTS, 6, must_include=["a", "c"])
    with pytest.raises(PrioritisationError, match="unknown item 'e'"):
        select_portfolio(VALUES, COSTS, 6, must_exclude=["e"])
    with pytest.raises(PrioritisationError, match="both must_include and must_exclude: a"):
        select_portfolio(VALUES, COSTS, 6, must_include=["a"], must_exclude=["a"])
    with pytest.raises(PrioritisationError) as err:
        select_portfolio(VALUES, {"a": 5, "b": -1, "c": "x"}, 6)
    text = str(err.value)
    assert "c: 'x' is not a number" in text
    with pytest.raises(PrioritisationError, match="no cost for d"):
        select_portfolio(VALUES, {"a": 5, "b": 1, "c": 2}, 6)
    with pytest.raises(PrioritisationError, match="negative costs b: -1"):
        select_portfolio(VALUES, {"a": 5, "b": -1, "c": 2, "d": 1}, 6)


def test_capacity_curve_by_hand():
    curve = capacity_curve(VALUES, COSTS, [14, 0, 2, 5, 9])
    # 0 -> nothing; 2 -> d; 5 -> a (10 beats c + d = 7); 9 -> a, b; 14 -> everything
    assert curve.index.tolist() == [0, 2, 5, 9, 14]
    assert curve["total_value"].tolist() == [0, 2, 10, 17, 24]
    assert curve["chosen"].tolist() == [(), ("d",), ("a",), ("a", "b"), ("a", "b", "c", "d")]
    # marginal value from 5 to 9: (17 - 10) / 4
    assert curve.loc[9, "marginal_value"] == pytest.approx(1.75)
    assert curve.loc[14, "share_of_value"] == 1.0


def test_optimal_against_brute_force_enumeration():
    rng = np.random.default_rng(4)
    names = [f"p{i}" for i in range(12)]
    values = pd.Series(rng.integers(1, 50, 12).astype(float), index=names)
    costs = pd.Series(rng.integers(1, 30, 12).astype(float), index=names)
    capacity = 80
    best = max(
        values[list(s)].sum()
        for k in range(13)
        for s in itertools.combinations(names, k)
        if costs[list(s)].sum() <= capacity
    )
    p = select_portfolio(values, costs, capacity)
    assert p.total_value == best
    assert p.total_cost <= capacity
