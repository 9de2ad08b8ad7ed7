"""Roll-ups worked out by hand on small organisations."""

import pytest

from orgmodel.analysis import headcount_by_post, rollup
from orgmodel.model import Holding, Organisation, Person, Post, Unit


def hjo():
    # Hjo kansliet as in the 2024 memo: VU 3.0/2.4, communicator 1.0/1.6, four 1.0 posts
    return Organisation(
        units=[Unit("kl", "Kommunledning"), Unit("kansliet", parent="kl"), Unit("it", parent="kl")],
        posts=[
            Post("kd", unit="kl", cost=1_000),
            Post("vu", unit="kansliet", fte_budgeted=3.0, fte_actual=2.4, cost=300),
            Post("kom", unit="kansliet", fte_budgeted=1.0, fte_actual=1.6, cost=100),
            Post("chef", unit="kansliet", cost=100),
            Post("sekr", unit="kansliet", cost=100),
            Post("kanslisekr", unit="kansliet", cost=100),
            Post("sak", unit="kansliet", cost=100, vacant=True),
        ],
    )


def test_hjo_kansliet_figures():
    r = rollup(hjo())
    k = r.loc["kansliet"]
    # budgeted 3 + 1 + 1 + 1 + 1 + 1 = 8.0; actual 2.4 + 1.6 + 1 + 1 + 1 + 0 (vacant) = 7.0
    assert k["fte_budgeted_own"] == pytest.approx(8.0)
    assert k["fte_actual_own"] == pytest.approx(7.0)
    assert k["fte_gap_own"] == pytest.approx(-1.0)
    assert k["posts_own"] == 6 and k["vacancies_own"] == 1 and k["headcount_own"] == 5
    top = r.loc["kl"]
    assert top["fte_budgeted_total"] == pytest.approx(9.0)
    assert top["cost_total"] == pytest.approx(1_800)
    assert top["posts_total"] == 7 and top["headcount_total"] == 6
    assert r.loc["it", "posts_total"] == 0 and r.loc["it", "fte_budgeted_total"] == 0
    assert list(r.index) == ["kl", "kansliet", "it"]
    assert list(r["depth"]) == [0, 1, 1]


def test_total_is_own_plus_children_totals():
    r = rollup(hjo())
    for m in ("fte_budgeted", "fte_actual", "cost", "posts", "vacancies"):
        children = r[r["parent"] == "kl"][f"{m}_total"].sum()
        assert r.loc["kl", f"{m}_total"] == pytest.approx(r.loc["kl", f"{m}_own"] + children)


def test_headcount_counts_people_once():
    # Anna holds 0.5 in each of two sub-units: the parent counts her once, each child once
    org = Organisation(
        units=[Unit("top"), Unit("a", parent="top"), Unit("b", parent="top")],
        posts=[
            Post("pa", unit="a", fte_budgeted=0.5),
            Post("pb", unit="b", fte_budgeted=0.5),
            Post("group", unit="b", fte_budgeted=12, attrs={"headcount": 14}),
        ],
        people=[Person("anna")],
        holdings=[Holding("anna", "pa", 0.5), Holding("anna", "pb", 0.5)],
    )
    assert dict(headcount_by_post(org)) == {"pa": 1, "pb": 1, "group": 14}
    r = rollup(org)
    assert r.loc["a", "headcount_total"] == 1
    assert r.loc["b", "headcount_total"] == 15
    assert r.loc["top", "headcount_total"] == 15  # anna once + 14


def test_forest_and_empty():
    org = Organisation(units=[Unit("x"), Unit("y")], posts=[Post("p", unit="y", cost=5)])
    r = rollup(org)
    assert list(r.index) == ["x", "y"] and r.loc["y", "cost_total"] == 5
    assert rollup(Organisation()).empty


def test_person_with_two_posts_in_one_unit_counts_once():
    # found by the property test: Eva holds two half posts in the same unit -> headcount 1
    org = Organisation(
        units=[Unit("u")],
        posts=[Post("a", unit="u", fte_budgeted=0.5), Post("b", unit="u", fte_budgeted=0.5)],
        people=[Person("eva")],
        holdings=[Holding("eva", "a", 0.5), Holding("eva", "b", 0.5)],
    )
    r = rollup(org)
    assert (r.loc["u", "headcount_own"], r.loc["u", "headcount_total"]) == (1, 1)
