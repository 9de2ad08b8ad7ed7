"""Tests for orgmodel.prioritise.weights."""

import pandas as pd
import pytest

from orgmodel.prioritise.errors import PrioritisationError
from orgmodel.prioritise.weights import (
    direct_weights,
    normalise,
    rank_reciprocal_weights,
    rank_sum_weights,
    roc_weights,
    roc_weights_array,
    swing_weights,
)


def test_roc_barron_barrett_1996_four_criteria():
    # Barron, F.H. & Barrett, B.E. (1996). Decision quality using ranked attribute
    # weights. Management Science 42(11), 1515-1523: for n = 4 the ROC weights are
    # 0.5208, 0.2708, 0.1458, 0.0625 (w_k = (1/4) sum_{i=k..4} 1/i).
    w = roc_weights(["a", "b", "c", "d"])
    assert w.round(4).tolist() == [0.5208, 0.2708, 0.1458, 0.0625]
    assert list(w.index) == ["a", "b", "c", "d"]
    assert w.sum() == pytest.approx(1.0)
    # by hand: (1 + 1/2 + 1/3) / 3 = 0.6111 for the first of three
    assert roc_weights_array(3)[0] == pytest.approx(11 / 18)


def test_roc_from_mapping_of_ranks_keeps_input_order():
    w = roc_weights({"cost": 3, "need": 1, "risk": 2})
    # n = 3: (11/18, 5/18, 2/18)
    assert w.to_dict() == pytest.approx({"cost": 2 / 18, "need": 11 / 18, "risk": 5 / 18})
    assert list(w.index) == ["cost", "need", "risk"]


def test_roc_ties_share_the_mean_of_their_positions():
    # two criteria tied at rank 2 of 4 occupy positions 2 and 3:
    # each gets (0.2708 + 0.1458) / 2 = 0.2083; the last is still 0.0625
    w = roc_weights({"a": 1, "b": 2, "c": 2, "d": 4})
    assert w.round(4).tolist() == [0.5208, 0.2083, 0.2083, 0.0625]
    assert w.sum() == pytest.approx(1.0)
    # all tied: equal weights
    assert roc_weights({"a": 1, "b": 1}).tolist() == [0.5, 0.5]


def test_rank_sum_and_reciprocal_by_hand():
    # rank sum n = 4: 2(n+1-k)/(n(n+1)) = 8/20, 6/20, 4/20, 2/20
    assert rank_sum_weights(list("abcd")).tolist() == pytest.approx([0.4, 0.3, 0.2, 0.1])
    # reciprocal n = 3: (1, 1/2, 1/3) / (11/6) = 6/11, 3/11, 2/11
    assert rank_reciprocal_weights(list("abc")).tolist() == pytest.approx([6 / 11, 3 / 11, 2 / 11])


def test_ranking_errors():
    with pytest.raises(PrioritisationError, match="more than once: a"):
        roc_weights(["a", "b", "a"])
    with pytest.raises(PrioritisationError, match=r"whole numbers.*b: 1\.5"):
        roc_weights({"a": 1, "b": 1.5})
    with pytest.raises(PrioritisationError, match="list of criteria"):
        roc_weights("abc")


def test_normalise_and_direct_points():
    assert normalise(pd.Series({"a": 30, "b": 70})).tolist() == [0.3, 0.7]
    assert direct_weights([1, 1, 2]).tolist() == [0.25, 0.25, 0.5]


def test_normalise_lists_every_bad_weight():
    with pytest.raises(PrioritisationError) as err:
        normalise({"a": -1, "b": "lots", "c": float("nan"), "d": 2})
    text = str(err.value)
    assert "a: -1 is negative" in text
    assert "b: 'lots' is not a number" in text
    assert "c: nan is missing" in text
    with pytest.raises(PrioritisationError, match="all weights are zero"):
        normalise({"a": 0, "b": 0})


def test_swing_weights():
    # 100, 50, 50 -> 0.5, 0.25, 0.25
    assert swing_weights({"a": 100, "b": 50, "c": 50}).tolist() == [0.5, 0.25, 0.25]
    with pytest.raises(PrioritisationError, match="above the reference 100: b: 120"):
        swing_weights({"a": 100, "b": 120})
    with pytest.raises(PrioritisationError, match="no criterion is rated 100"):
        swing_weights({"a": 80, "b": 20})
