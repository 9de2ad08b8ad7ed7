"""Diff edge cases found in review, on organisations small enough to check by hand."""

from orgmodel.model import Holding, Link, Organisation, Person, Post, Unit
from orgmodel.reorg import DissolveUnit, MergeUnits, MovePost, compare, diff


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


def test_an_empty_unit_merged_away_is_merged_not_removed():
    # b has no posts of its own, only the sub-unit b1; merging b into a moves b1 under a
    before = Organisation(
        [Unit("k"), Unit("a", parent="k"), Unit("b", parent="k"), Unit("b1", parent="b")],
        [Post("pa", unit="a"), Post("pb1", unit="b1")],
    )
    after = MergeUnits(("b",), into="a").apply(before)
    units = diff(before, after).units
    assert units.loc[["b"], ["change", "detail"]].values.tolist() == [["merged_into", "a"]]
    # a unit with neither posts nor sub-units that goes is still simply removed
    lone = Organisation([Unit("a"), Unit("e")], [Post("pa", unit="a")])
    assert diff(lone, DissolveUnit("e").apply(lone)).units["change"].tolist() == ["removed"]


def test_compare_keeps_every_option_when_names_collide():
    base = Organisation([Unit("a")], name="x")
    other = Organisation([Unit("a"), Unit("b")], name="x")
    third = Organisation([Unit("a"), Unit("b"), Unit("c")], name="x (2)")
    table = compare(base, other, third)
    # three organisations, three columns: 1, 2 and 3 units
    assert table.shape[1] == 3
    assert table.loc["units"].tolist() == [1.0, 2.0, 3.0]
