"""Rollup edge cases found in review."""

from orgmodel.analysis.rollup import headcount_by_post, rollup
from orgmodel.model import Holding, Organisation, Person, Post, Unit


def test_a_blank_headcount_attribute_counts_as_absent():
    # a table read with pandas gives NaN for an empty 'headcount' cell; int(NaN) crashed
    org = Organisation(
        [Unit("a")],
        [
            Post("p", unit="a", attrs={"headcount": float("nan")}),
            Post("t", unit="a", attrs={"headcount": 450}),
        ],
    )
    # by hand: p counts 1 (not vacant, no people modelled), t stands for 450 teachers
    assert headcount_by_post(org).to_dict() == {"p": 1, "t": 450}
    assert rollup(org).loc["a", "headcount_total"] == 451


def test_a_blank_headcount_with_people_counts_the_holders():
    org = Organisation(
        [Unit("a")],
        [Post("p", unit="a", attrs={"headcount": float("nan")})],
        people=[Person("x"), Person("y")],
        holdings=[Holding("x", "p", 0.5), Holding("y", "p", 0.5)],
    )
    # by hand: two people hold p
    assert headcount_by_post(org).to_dict() == {"p": 2}
    r = rollup(org)
    assert (r.loc["a", "headcount_own"], r.loc["a", "headcount_total"]) == (2, 2)
