"""RACI and load on Jönköping's action plan, counted by hand from the document.

Counting the "Ansvarig:" lines of seeds/000 (Förslag till handlingsplan, 2019-01-31), the 18
actions in order (id in examples/jonkoping-actionplan.yaml):

==============  =====================================================================
pks-1, pks-2    PKS
pks-3           kvalitetssamordnare + respektive områdesansvarig
partnerskap-1   Styrgrupperna för respektive partnerskap
partnerskap-2   Styrgrupperna
partnerskap-3   Utvecklingschefen + områdesansvariga
partnerskap-4   Styrgrupperna
partnerskap-5   PKS
partnerskap-6   Kommunal utveckling och länets kommuner
forskning-1     Respektive områdesansvarig + chefsnätverk ("tillsammans med")
forskning-2     Respektive områdesansvarig
forskning-3     Länets socialchefer
identitet-1     Respektive områdesansvarig + verksamhetens kommunikatör
identitet-2     Respektive områdesansvarig
identitet-3     Utvecklingschefen + verksamhetens medarbetare
intern-1        Utvecklingschefen
intern-2        Utvecklingschefen
intern-3        Ledningsgruppen
==============  =====================================================================

Hence: områdesansvarig 6 (pks-3, partnerskap-3, forskning-1, forskning-2, identitet-1,
identitet-2); Utvecklingschefen 4 (partnerskap-3, identitet-3, intern-1, intern-2); PKS 3
(pks-1, pks-2, partnerskap-5); Styrgrupperna 3 (partnerskap-1, -2, -4); one each for
kvalitetssamordnare, kommunikatör, chefsnätverk, länets socialchefer, Kommunal utveckling och
länets kommuner, verksamhetens medarbetare, ledningsgruppen: 6+4+3+3+7 = 23 party mentions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from orgmodel.datasets import load_example
from orgmodel.errors import ValidationError
from orgmodel.followup.actionplan import Action, ActionPlan, Theme, read_actionplan
from orgmodel.followup.raci import (
    actions_without_owner,
    assignments,
    load_by_quarter,
    party_labels,
    past_due,
    raci_matrix,
    responsible_load,
)
from orgmodel.model import Organisation, Post, Unit

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "jonkoping-actionplan.yaml"
AREA_MANAGERS = [
    "omradesansvarig-social-valfard",
    "omradesansvarig-utbildning",
    "omradesansvarig-fritid",
    "omradesansvarig-miljo",
    "omradesansvarig-kurs-och-konferens",
]
STEERING_GROUPS = [
    "styrgrupp-fourum-social-valfard",
    "styrgrupp-fourum-utbildning",
    "styrgrupp-fourum-fritid",
    "styrgrupp-miljosamverkan",
    "styrgrupp-kurs-och-konferens",
]


@pytest.fixture(scope="module")
def plan():
    return read_actionplan(EXAMPLE)


@pytest.fixture(scope="module")
def org():
    return load_example("jonkoping-kommunal-utveckling")


def test_load_per_ansvarig_phrase_as_counted_in_the_document(plan):
    load = responsible_load(plan)["actions"]
    assert load.to_dict() == {
        "Respektive områdesansvarig": 6,
        "Utvecklingschefen för Kommunal utveckling": 4,
        "PKS": 3,
        "Styrgrupperna för respektive partnerskap": 3,
        "Kommunal utvecklings kvalitetssamordnare": 1,
        "Kommunal utveckling och länets kommuner": 1,
        "Respektive chefsnätverk": 1,
        "Länets socialchefer": 1,
        "Verksamhetens kommunikatör": 1,
        "Verksamhetens medarbetare": 1,
        "Ledningsgruppen för Kommunal utveckling": 1,
    }
    assert load.sum() == 23


def test_load_per_unit_and_post(plan, org):
    load = responsible_load(plan, org)["actions"]
    for area_manager in AREA_MANAGERS:  # "Respektive områdesansvarig": each of the five
        assert load[area_manager] == 6
    for group in STEERING_GROUPS:
        assert load[group] == 3
    assert load["utvecklingschef"] == 4
    assert load["pks"] == 3
    # forskning-1 (Respektive chefsnätverk) and forskning-3 (Länets socialchefer)
    assert load["chefsnatverk-socialchefer"] == 2
    assert load["chefsnatverk-skolchefer"] == 1
    # partnerskap-6 (Kommunal utveckling och länets kommuner), identitet-3 (medarbetare)
    assert load["kommunal-utveckling"] == 2
    assert load["lanets-kommuner"] == 1
    assert load[["kvalitetssamordnare", "kommunikator", "ledningsgruppen"]].tolist() == [1, 1, 1]
    assert "teamchef" not in load.index  # named in intern-2's text, never "Ansvarig"
    assert list(load.index[:5]) == AREA_MANAGERS  # most loaded first


def test_raci_cells(plan, org):
    m = raci_matrix(plan, org)
    assert m.shape == (18, len(m.columns))
    assert m.loc["pks-1", "pks"] == "RA"  # Ansvarig: PKS; PKS adopts the plan (owner)
    assert m.loc["intern-1", "pks"] == "A"
    assert m.loc["intern-1", "utvecklingschef"] == "R"
    assert m.loc["intern-1", "ledningsgruppen"] == "C"  # "ledningsgrupp" in its text
    assert m.loc["intern-2", "teamchef"] == "C"
    assert m.loc["identitet-2", "chefsnatverk-miljochefer"] == "I"  # "informeras"
    assert m.loc["forskning-3", "jonkoping-university"] == "C"
    assert (m["pks"] != "").all()  # accountable for every action
    # each row has exactly one A
    assert m.apply(lambda row: sum("A" in c for c in row), axis=1).eq(1).all()
    r_count = m.apply(lambda col: col.str.contains("R").sum())
    assert r_count["omradesansvarig-fritid"] == 6


def test_assignments_long_form(plan, org):
    long = assignments(plan, org)
    r = long[long["role"] == "R"]
    # 23 party mentions; groups expand: områdesansvarig 6 x 5, styrgrupperna 3 x 5,
    # chefsnätverk 1 x 4, "Kommunal utveckling och länets kommuner" 1 x 2, others 1 each
    # (PKS 3, utvecklingschef 4, kvalitetssamordnare, socialchefer, kommunikatör,
    # medarbetare, ledningsgruppen): 30 + 15 + 4 + 2 + 3 + 4 + 5 = 63
    assert len(r) == 63
    assert set(long["role"]) == {"R", "A", "C", "I"}


def test_unresolvable_parties_stop_the_matrix_with_every_problem(org):
    plan = ActionPlan(
        "P",
        "PKS",
        [Theme("t", "T")],
        [Action("a", "x", "t", ["Nobody"]), Action("b", "y", "t", ["Ingen"])],
    )
    with pytest.raises(ValidationError, match="2 errors"):
        raci_matrix(plan, org)


def test_load_by_quarter_shows_when_things_are_due(plan, org):
    q = load_by_quarter(plan, org)
    # pks-1 due 2019-06-30 (våren 2019) -> 2019Q2; pks-2 due 2020-01-01 -> 2020Q1
    assert list(q.columns) == ["2019Q2", "2019Q3", "2019Q4", "2020Q1", "undated"]
    assert q.loc["pks"].tolist() == [1, 0, 0, 1, 1]
    assert q.loc["utvecklingschef"].tolist() == [0, 0, 0, 0, 4]
    assert q.sum(axis=1).equals(responsible_load(plan, org)["actions"])


def test_busiest_quarter_breaks_ties_by_the_earliest():
    plan = ActionPlan(
        "P",
        None,
        [Theme("t", "T")],
        [
            Action("a", "x", "t", ["K"], deadline="2019-02-01"),
            Action("b", "x", "t", ["K"], deadline="2019-03-01"),
            Action("c", "x", "t", ["K"], deadline="hösten 2019"),
            Action("d", "x", "t", ["K"], deadline="Q4 2019"),
            Action("e", "x", "t", ["L"]),
        ],
    )
    load = responsible_load(plan)
    assert load.loc["K", "busiest_quarter"] == "2019Q1"  # 2 in Q1, 2 in Q4: earliest
    assert load.loc["K", "in_busiest_quarter"] == 2
    assert load.loc["K", "first_due"] == dt.date(2019, 2, 1)
    assert load.loc["K", "last_due"] == dt.date(2019, 12, 31)
    assert load.loc["L", "undated"] == 1


def test_open_only_leaves_out_done_and_cancelled(plan, org):
    changed = plan.with_status("intern-1", "done").with_status("intern-2", "cancelled")
    assert responsible_load(changed, org, open_only=True).loc["utvecklingschef", "actions"] == 2


def test_past_due_as_of_chosen_dates(plan):
    # våren 2019 ends 2019-06-30: on 2019-07-01 pks-1 is one day late
    assert past_due(plan, "2019-06-30").empty
    late = past_due(plan, dt.date(2019, 7, 1))
    assert late.index.tolist() == ["pks-1"]
    assert late.loc["pks-1", "days_overdue"] == 1
    late = past_due(plan, "2020-02-01")  # 216 days after 2019-06-30; 31 after 2020-01-01
    assert late["days_overdue"].to_dict() == {"pks-1": 216, "pks-2": 31}
    assert past_due(plan.with_status("pks-1", "done"), "2020-02-01").index.tolist() == ["pks-2"]


def test_actions_without_owner():
    plan = ActionPlan(
        "P", None, [Theme("t", "T")], [Action("a", "x", "t", ["K"]), Action("b", "y", "t")]
    )
    assert actions_without_owner(plan).index.tolist() == ["b"]
    assert actions_without_owner(read_actionplan(EXAMPLE)).empty  # every action has one


def test_raci_matrix_by_name_labels_parties_by_unit_name_and_post_title(plan, org):
    by_id = raci_matrix(plan, org)
    by_name = raci_matrix(plan, org, labels="name")
    # names and titles as written in examples/jonkoping-kommunal-utveckling.yaml
    assert by_name.loc["pks-1", "Primärkommunalt samverkansorgan (PKS)"] == "RA"
    assert by_name.loc["intern-1", "Utvecklingschef för Kommunal utveckling"] == "R"
    title = "Områdesansvarig social välfärd och hälso- och sjukvård"
    assert by_name[title].tolist() == by_id["omradesansvarig-social-valfard"].tolist()
    assert not any(c in by_name.columns for c in ["pks", "utvecklingschef"])
    # the same cells in the same order; the rows stay the action ids
    assert by_name.to_numpy().tolist() == by_id.to_numpy().tolist()
    assert list(by_name.index) == list(by_id.index) and by_name.index.name == "action"
    names = party_labels(by_id.columns, org)
    assert list(by_name.columns) == [names[c] for c in by_id.columns]


def test_party_labels_keep_unknown_parties_and_tell_equal_names_apart():
    org = Organisation(
        [Unit("kansliet", "Kansliet"), Unit("kansliet-2", "Kansliet")],
        [Post("chef", unit="kansliet", title="Kanslichef")],
    )
    assert party_labels(["kansliet", "kansliet-2", "chef", "HR"], org) == {
        "kansliet": "Kansliet (kansliet)",
        "kansliet-2": "Kansliet (kansliet-2)",
        "chef": "Kanslichef",
        "HR": "HR",
    }
    assert party_labels(["chef"], org, labels="id") == {"chef": "chef"}
    assert party_labels(["chef"]) == {"chef": "chef"}  # without an organisation: as written
    with pytest.raises(ValueError, match="'name' or 'id', not 'title'"):
        party_labels(["chef"], org, labels="title")
