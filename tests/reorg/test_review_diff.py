"""Diff edge cases found in review, on organisations small enough to check by hand."""

from orgmodel.model import Holding, Link, Organisation, Person, Post, Unit
from orgmodel.reorg import MovePost, diff


def test_summary_names_a_change_of_unit_attributes():
    before = Organisation([Unit("A")])
    after = Organisation([Unit("A", attrs={"cost_centre": "4100"})])
    d = diff(before, after)
    assert d.units["change"].tolist() == ["attrs_changed"]
    # one unit changed its free attributes; the summary said "Units: ." before
    assert d.summary_text() == "Units: 1 changed attributes."


def test_a_holder_sees_both_the_move_and_the_new_manager():
    before = Organisation(
        [Unit("a"), Unit("b")],
        [Post("m", unit="a"), Post("m2", unit="b"), Post("p", unit="a", reports_to="m")],
        people=[Person("x")],
        holdings=[Holding("x", "p")],
    )
    after = MovePost("p", "b", reports_to="m2").apply(before)
    people = diff(before, after).people
    # p moved from a to b and now reports to m2: x is affected by both changes
    assert sorted(people["change"]) == ["moved", "reporting_changed"]
    assert set(people.index) == {"x"}


def test_an_undirected_link_written_the_other_way_round_is_no_change():
    # Link docs: for an undirected link the order of the two ends does not matter
    before = Organisation([Unit("a"), Unit("b")], links=[Link("a", "b", weight=2)])
    after = Organisation([Unit("a"), Unit("b")], links=[Link("b", "a", weight=2)])
    d = diff(before, after)
    assert d.links.empty
    assert d.is_empty
    # a real change of the same link is still seen
    heavier = Organisation([Unit("a"), Unit("b")], links=[Link("b", "a", weight=3)])
    assert diff(before, heavier).links["change"].tolist() == ["changed"]
