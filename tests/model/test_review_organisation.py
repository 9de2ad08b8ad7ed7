"""Organisation edge cases found in review."""

import numpy as np
import pytest

from orgmodel.errors import UnknownIdError, ValidationError
from orgmodel.model import Holding, Link, Organisation, Person, Post, Unit


def test_equal_whatever_the_order_of_an_undirected_links_ends():
    # Link docs: for an undirected link the order of the two ends does not matter
    a = Organisation([Unit("a"), Unit("b")], links=[Link("a", "b", weight=2)])
    b = Organisation([Unit("a"), Unit("b")], links=[Link("b", "a", weight=2)])
    assert a == b
    # ... but it does for a directed one, and the weight counts
    c = Organisation([Unit("a"), Unit("b")], links=[Link("a", "b", directed=True)])
    d = Organisation([Unit("a"), Unit("b")], links=[Link("b", "a", directed=True)])
    assert c != d
    assert a != Organisation([Unit("a"), Unit("b")], links=[Link("b", "a", weight=3)])


def test_kind_of_suggests_people_too():
    org = Organisation([Unit("kansliet")], people=[Person("anna")])
    with pytest.raises(UnknownIdError, match="did you mean 'anna'"):
        org.kind_of("ana")


def test_numpy_integers_are_numbers():
    # values taken from a DataFrame are numpy scalars; np.int64 is no Python int
    org = Organisation(
        [Unit("a")],
        [Post("p", unit="a", fte_budgeted=np.int64(2), cost=np.int64(500_000))],
        people=[Person("x")],
        holdings=[Holding("x", "p", share=np.int64(1))],
    )
    p = org.post("p")
    assert (p.fte_budgeted, p.fte_actual, p.cost) == (2.0, 2.0, 500_000.0)
    assert all(type(v) is float for v in (p.fte_budgeted, p.fte_actual, p.cost))
    assert type(org.holding_list[0].share) is float
    # a boolean is still no number
    with pytest.raises(ValidationError, match="fte_budgeted must be a number"):
        Organisation([Unit("a")], [Post("p", unit="a", fte_budgeted=np.bool_(True))])


def test_posts_table_fte_gap_is_the_posts_fte_gap():
    org = Organisation([Unit("a")], [Post("vu", unit="a", fte_budgeted=3.0, fte_actual=2.4)])
    # 2.4 - 3.0 is -0.6000000000000001 in binary floating point; Post.fte_gap rounds to -0.6
    assert org.post("vu").fte_gap == -0.6
    assert org.posts.loc["vu", "fte_gap"] == org.post("vu").fte_gap
