"""Validation finds every planted problem in one pass, with codes, ids and fields."""

import math

import pytest

from orgmodel.errors import ValidationError
from orgmodel.model import (
    Holding,
    Link,
    Location,
    Organisation,
    Person,
    Post,
    SourceMap,
    Unit,
    check,
)


def _found(report):
    return {(p.code, p.table, p.id, p.field) for p in report}


def test_every_planted_error_is_reported_once():
    units = [
        Unit("top"),
        Unit("a", parent="b"),  # a <-> b cycle
        Unit("b", parent="a"),
        Unit("c", parent="ghost"),  # dangling parent
        Unit("top"),  # duplicate id
    ]
    posts = [
        Post("p1", unit="top"),
        Post("p2", unit="nowhere"),  # post in a missing unit
        Post("p3", unit="top", fte_budgeted="tre"),  # not a number
        Post("p4", unit="top", cost=-5),  # negative cost
        Post("p5", unit="top", reports_to="p404"),  # dangling manager
        Post("p6", unit="top", reports_to="p6"),  # reports to itself
    ]
    people = [Person("anna"), Person("bo")]
    holdings = [
        Holding("anna", "p1", 0.7),
        Holding("anna", "p4", 0.5),  # 120 % in total
        Holding("bo", "p1", 1.5),  # share above 1
        Holding("nobody", "p1", 0.2),  # unknown person
    ]
    links = [Link("top", "void"), Link("top", "top"), Link("p1", "p4", weight=-1)]
    report = check(units, posts, people, holdings, (), links)
    expected = {
        ("duplicate_id", "units", "top", "id"),
        ("hierarchy_cycle", "units", "a", "parent"),
        ("dangling_reference", "units", "c", "parent"),
        ("missing_unit", "posts", "p2", "unit"),
        ("not_a_number", "posts", "p3", "fte_budgeted"),
        ("negative_value", "posts", "p4", "cost"),
        ("dangling_reference", "posts", "p5", "reports_to"),
        ("reporting_cycle", "posts", "p6", "reports_to"),
        ("share_over_100", "holdings", "anna", "share"),
        ("bad_share", "holdings", "bo@p1", "share"),
        ("dangling_reference", "holdings", "nobody@p1", "person"),
        ("bad_link", "links", "collaboration:top->void", "target"),
        ("bad_link", "links", "collaboration:top->top", "target"),
        ("bad_link", "links", "collaboration:p1->p4", "weight"),
    }
    assert _found(report.errors) == expected
    assert len(report.errors) == len(expected)  # each exactly once


def test_cycle_message_names_the_whole_ring():
    report = check([Unit("x", parent="z"), Unit("y", parent="x"), Unit("z", parent="y")])
    (p,) = report.errors
    assert p.code == "hierarchy_cycle"
    assert p.message == "parent forms a cycle: 'x' -> 'z' -> 'y' -> 'x'"


def test_chain_into_a_cycle_reports_only_the_cycle():
    # d -> c -> a <-> b: d and c hang below the cycle but are not part of it
    report = check(
        [Unit("a", parent="b"), Unit("b", parent="a"), Unit("c", parent="a"), Unit("d", parent="c")]
    )
    assert report.codes() == ["hierarchy_cycle"]


def test_warnings_are_separate_from_errors():
    # Hjo: communicator budgeted 1.0, actual 1.6 -> 60 % gap, above the 25 % default
    units = [Unit("kansliet", head="chef")]
    posts = [
        Post("chef", unit="kansliet"),
        Post("kom", unit="kansliet", fte_budgeted=1.0, fte_actual=1.6),
        # 3.0 budgeted / 2.4 actual: 20 %, below the threshold -> no warning
        Post("vu", unit="kansliet", fte_budgeted=3.0, fte_actual=2.4),
    ]
    report = check(units, posts)
    assert report.ok
    assert sorted(report.codes("warning")) == ["fte_gap", "manager_without_reports"]
    gap = next(p for p in report.warnings if p.code == "fte_gap")
    assert gap.id == "kom" and gap.value == pytest.approx(1.6)
    assert "60%" in gap.message


def test_nan_fte_is_not_a_number():
    report = check([Unit("u")], [Post("p", unit="u", fte_budgeted=math.nan, fte_actual=1.0)])
    assert report.codes() == ["not_a_number"]


def test_locations_reach_the_report_and_frame():
    locs = SourceMap()
    locs.add("posts", 0, Location("org.yaml", line=10))
    locs.add("posts", 0, Location("org.yaml", line=13), field="cost")
    report = check([Unit("u")], [Post("p", unit="u", cost="dyr")], locations=locs)
    frame = report.to_frame()
    assert list(frame.columns) == [
        "severity",
        "code",
        "source",
        "sheet",
        "line",
        "row",
        "table",
        "id",
        "field",
        "value",
        "message",
    ]
    row = frame.iloc[0]
    assert (row["source"], row["line"], row["field"], row["value"]) == (
        "org.yaml",
        13,
        "cost",
        "dyr",
    )
    assert str(report.problems[0]).startswith("org.yaml, line 13: posts 'p', field cost = 'dyr'")


def test_organisation_refuses_errors_and_lists_all():
    with pytest.raises(ValidationError) as info:
        Organisation([Unit("u")], [Post("p", unit="x"), Post("q", unit="u", fte_budgeted=-1)])
    assert info.value.report.codes() == ["missing_unit", "negative_value"]
    assert "2 errors found" in str(info.value)


def test_duplicate_link_and_unknown_kind():
    links = [
        Link("a", "b"),
        Link("b", "a"),  # same undirected tie
        Link("a", "b", kind="commissions", directed=True),  # another kind: fine
        Link("a", "b", kind="colaboration"),  # typo -> warning
    ]
    report = check([Unit("a"), Unit("b")], links=links)
    assert report.codes("error") == ["duplicate_link"]
    assert report.codes("warning") == ["unknown_link_kind"]


def test_vacant_post_with_a_holder_is_a_warning():
    report = check(
        [Unit("u")], [Post("p", unit="u", vacant=True)], [Person("x")], [Holding("x", "p")]
    )
    assert report.ok and report.codes() == ["vacant_but_held"]


def test_head_outside_unit_warns():
    report = check(
        [Unit("a", head="p"), Unit("b")], [Post("p", unit="b"), Post("q", unit="b", reports_to="p")]
    )
    assert report.codes() == ["head_outside_unit"]


def test_an_id_shared_by_a_unit_and_a_post_is_ambiguous():
    report = check(
        [Unit("kundtjanst")], [Post("kundtjanst", unit="kundtjanst")], [Person("kundtjanst")]
    )
    assert report.codes() == ["ambiguous_id", "ambiguous_id"]
    assert report.errors[0].message.startswith("id 'kundtjanst' is used by a unit and a post")
    assert report.errors[1].table == "people"
