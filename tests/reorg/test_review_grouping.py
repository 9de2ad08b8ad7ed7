"""Grouping edge cases found in review."""

import pytest

from orgmodel.errors import OperationError
from orgmodel.model import Link, Organisation, Post, Unit
from orgmodel.reorg.grouping import suggest_groupings


@pytest.fixture
def four():
    units = [Unit("top")] + [Unit(u, parent="top") for u in "abcd"]
    posts = [Post(f"p{u}", unit=u) for u in "abcd"]
    return Organisation(units, posts, links=[Link("a", "b"), Link("c", "d")])


def test_limits_the_wrong_way_round_are_refused(four):
    # no group can hold at least 3 and at most 2 FTE; searching was pointless
    with pytest.raises(OperationError, match=r"min_fte 3 is above max_fte 2"):
        suggest_groupings(four, 2, depth=1, min_fte=3, max_fte=2)


def test_equal_limits_are_allowed(four):
    # by hand: 4 blocks of 1 FTE in 2 groups of exactly 2 FTE, a-b and c-d together
    g = suggest_groupings(four, 2, depth=1, min_fte=2, max_fte=2)
    assert g.feasible
    assert sorted(sorted(b) for b in g.groups["blocks"]) == [["a", "b"], ["c", "d"]]
