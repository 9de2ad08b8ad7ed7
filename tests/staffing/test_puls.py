"""The PULS programme as a checklist (Ängelholm 2014, section 10: P, U, L, S)."""

from __future__ import annotations

import datetime as dt

from orgmodel.model import Organisation, Post, Unit
from orgmodel.staffing import Activity, Puls, missing, status


def complete() -> Puls:
    return Puls(
        "arena-ibrahim",
        recipient="Ibrahim",
        communication_owner="larare-sfi",
        recruitment_plan={"larare-sfi": 0.2, "arbetskonsulenter": 0.1},
        evaluation_plan="Uppföljning efter 3 och 6 månader",
        knowledge_bank="Kunskapsbank i Servicestöd",
        activity_plan=(
            Activity("Kartläggning", "arbetskonsulenter", dt.date(2015, 2, 1)),
            {"what": "SFI-start", "owner": "larare-sfi"},
        ),
    )


def test_a_complete_programme_misses_nothing():
    p = complete()
    assert missing(p).empty
    assert status(p)["complete"].all()
    assert p.activity_plan[1] == Activity("SFI-start", "larare-sfi")


def test_an_empty_programme_misses_every_item_in_puls_order():
    gaps = missing(Puls("arena-x"))
    assert gaps["step"].tolist() == ["P", "P", "U", "L", "L", "S"]
    assert gaps["item"].tolist() == [
        "recipient",
        "communication_owner",
        "recruitment_plan",
        "evaluation_plan",
        "knowledge_bank",
        "activity_plan",
    ]
    assert gaps["stage"].tolist()[:3] == ["Proaktivitet", "Proaktivitet", "Utveckling"]
    assert status(Puls("arena-x"))["problems"].tolist() == [2, 1, 2, 1]


def test_members_owners_and_uncovered_requirements_are_checked():
    p = complete().evolve(
        communication_owner="kommunikatorer",
        uncovered=("krisstod",),
        activity_plan=(Activity("Krisstöd", ""), Activity("Möte", "nobody")),
    )
    problems = missing(p)["problem"].tolist()
    assert problems == [
        "the communication owner 'kommunikatorer' is not a member of the recruitment plan",
        "requirement 'krisstod' is not covered by any member",
        "activity 1 (Krisstöd) has no owner",
        "activity 2 (Möte): owner 'nobody' is no member",
    ]


def test_against_an_organisation():
    org = Organisation(
        [Unit("arena-ibrahim", kind="team")], [Post("larare-sfi", unit="arena-ibrahim")]
    )
    gaps = missing(complete(), org)
    assert gaps["problem"].tolist() == [
        "unit 'arena-ibrahim' is of kind 'team'",
        "member 'arbetskonsulenter' is no post or person of the organisation",
    ]


def test_round_trip_through_plain_values():
    p = complete()
    assert Puls.from_dict(p.to_dict()) == p
