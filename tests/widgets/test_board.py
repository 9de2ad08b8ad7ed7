"""ActionPlanBoard and TargetsView at the traitlet level, on Jönköping's and Partsrådet's plans.

Figures from the document (see tests/followup/test_raci.py for the count): the utvecklingschef
is "Ansvarig" for 4 actions (partnerskap-3, identitet-3, intern-1, intern-2); the theme
"Den interna organiseringen" has 3 actions; PKS is responsible for pks-1, pks-2, partnerskap-5.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("ipywidgets")

from orgmodel.datasets import load_example
from orgmodel.errors import ValidationError
from orgmodel.followup.actionplan import Action, ActionPlan, Theme, read_actionplan
from orgmodel.followup.survey import read_responses
from orgmodel.followup.targets import read_targets
from orgmodel.widgets.board import ALL, ActionPlanBoard, TargetsView

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def plan():
    return read_actionplan(EXAMPLES / "jonkoping-actionplan.yaml")


@pytest.fixture(scope="module")
def org():
    return load_example("jonkoping-kommunal-utveckling")


def test_owner_dropdown_filters_the_table(plan, org):
    board = ActionPlanBoard(plan, org, lang="sv")
    assert len(board.visible_actions()) == 18
    board.owner_select.value = "utvecklingschef"  # what choosing in the dropdown does
    assert board.owner_filter == "utvecklingschef"
    assert board.visible_actions() == ["partnerskap-3", "identitet-3", "intern-1", "intern-2"]
    assert board.count.value.startswith("<b>4</b> av 18")
    assert board.table.value.count("class='board-row'") == 4
    assert list(board.edit_action.options) == [(i, i) for i in board.visible_actions()]
    labels = dict((v, k) for k, v in board.owner_select.options)
    assert labels["utvecklingschef"] == "Utvecklingschef för Kommunal utveckling (utvecklingschef)"


def test_filters_combine(plan, org):
    board = ActionPlanBoard(plan, org, lang="sv")
    board.set_filter(theme="intern", owner="utvecklingschef")
    assert board.visible_actions() == ["intern-1", "intern-2"]
    board.set_filter(owner=ALL, status="done")
    assert board.visible_actions() == []
    board.set_filter(status=ALL, theme=ALL, owner="pks")
    assert board.visible_actions() == ["pks-1", "pks-2", "partnerskap-5"]


def test_changing_a_status_makes_a_new_plan_and_redraws(plan, org):
    board = ActionPlanBoard(plan, org, lang="sv")
    board.owner_select.value = "utvecklingschef"
    board.edit_action.value = "intern-2"
    board.edit_status.value = "done"
    board.set_button.click()
    assert board.plan.action("intern-2").status == "done"
    assert plan.action("intern-2").status == "planned"  # the given plan is unchanged
    assert board.original is plan
    assert "data-action='intern-2'" in board.table.value
    row = board.table.value.split("data-action='intern-2'")[1].split("</tr>")[0]
    assert "data-status='done'" in row and ">klar<" in row
    assert board.message.value == "intern-2: klar"
    # the load view counts open actions only: 4 - 1 for utvecklingschef
    board.status_select.value = "done"
    assert board.visible_actions() == ["intern-2"]
    # the load tab names the post by its title (the organisation's post "utvecklingschef")
    row = board.load.value.split("Utvecklingschef för Kommunal utveckling")[1].split("</tr>")[0]
    assert ">3<" in row


def test_raci_view_follows_the_filter(plan, org):
    board = ActionPlanBoard(plan, org, lang="sv")
    board.set_filter(theme="forskning")
    raci = board.raci.value
    assert "forskning-3" in raci and "intern-1" not in raci
    assert "Jönköping University" in raci  # C in forskning-3, shown by the unit's name
    assert "Teamchef" not in raci  # only in intern-2, filtered out


def test_raci_and_load_tabs_show_names_not_ids(plan, org):
    # names from examples/ (jonkoping-kommunal-utveckling): unit "omradesansvarig-social-valfard"
    # is "Områdesansvarig social välfärd och hälso- och sjukvård", post "teamchef" is "Teamchef"
    board = ActionPlanBoard(plan, org, lang="sv")
    social = "Områdesansvarig social välfärd och hälso- och sjukvård"
    for view in (board.raci.value, board.load.value):
        assert social in view
        assert "omradesansvarig-social-valfard" not in view
    assert "<th>Teamchef</th>" in board.raci.value and "teamchef" not in board.raci.value
    # the owner filter still works by id
    board.set_filter(owner="omradesansvarig-social-valfard")
    assert board.visible_actions()
    assert social in board.load.value


def test_without_an_organisation_parties_are_shown_as_written():
    plan = ActionPlan("P", None, [Theme("t", "T")], [Action("a", "x", "t", ["Kansliet"])])
    board = ActionPlanBoard(plan, lang="sv")
    assert "<th>Kansliet</th>" in board.raci.value and "<th>Kansliet</th>" in board.load.value


def test_user_text_is_escaped(org):
    plan = ActionPlan(
        "<b>Plan</b>",
        None,
        [Theme("t", "<script>alert(1)</script>")],
        [Action("a", "<img src=x onerror=alert(1)>", "t", ["Kansli & <HR>"])],
    )
    board = ActionPlanBoard(plan, lang="sv")
    assert "<script>" not in board.table.value and "<img" not in board.table.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in board.table.value
    assert "Kansli &amp; &lt;HR&gt;" in board.table.value
    assert "&lt;HR&gt;" in board.raci.value
    assert "<b>Plan</b>" not in board.children[0].value


def test_unknown_parties_are_refused_with_every_problem(org):
    plan = ActionPlan(
        "P",
        "PKS",
        [Theme("t", "T")],
        [Action("a", "x", "t", ["Ingen"]), Action("b", "y", "t", ["Styrgrupen"])],
    )
    with pytest.raises(ValidationError, match="2 errors"):
        ActionPlanBoard(plan, org, lang="sv")


def test_save_writes_the_edited_plan(plan, org, tmp_path):
    path = tmp_path / "plan.yaml"
    board = ActionPlanBoard(plan, org, lang="sv", path=path)
    board.set_status("pks-1", "in progress")
    board.save_button.click()
    assert board.message.value == f"Sparad: {path}"
    assert read_actionplan(path) == board.plan
    board.save_path.value = str(tmp_path / "plan.xlsx")
    board.save_button.click()
    assert read_actionplan(tmp_path / "plan.xlsx").action("pks-1").status == "in progress"
    board.save_path.value = str(tmp_path / "plan.txt")
    board.save_button.click()
    assert "cannot write &#x27;.txt&#x27; files" in board.message.value  # escaped


def test_past_due_count_in_the_header(plan, org):
    board = ActionPlanBoard(
        plan, org, lang="sv", today="2020-02-01"
    )  # pks-1 and pks-2 are late then
    assert "2 försenade per 2020-02-01" in board.count.value
    board.set_status("pks-2", "done")
    assert "1 försenade" in board.count.value


def test_targets_view_confidence_changes_the_intervals():
    targets = read_targets(EXAMPLES / "partsradet-2013-targets.yaml")
    responses = read_responses(EXAMPLES / "partsradet-2013-survey.csv", targets).responses
    view = TargetsView(targets, responses, show_chart=False)
    at95 = view.evaluation.copy()
    assert list(at95.index) == [t.id for t in targets.targets]
    view.level.value = 0.99
    at99 = view.evaluation
    assert (at99["low"] <= at95["low"]).all() and (at99["high"] >= at95["high"]).all()
    assert (at99["high"] - at99["low"] > at95["high"] - at95["low"]).all()  # wider
    assert "targets-table-frame" in view.table.value


def test_targets_view_draws_a_chart():
    targets = read_targets(EXAMPLES / "partsradet-2013-targets.yaml")
    frame = pd.DataFrame(
        {
            "population": ["deltagare-tematiska-konferenser"] * 3,
            "ny_kunskap": ["5", "4", "1"],
            "bidragit_positivt": [None] * 3,
            "bidrar_till_utveckling": [None] * 3,
            "fatt_stod_att_losa_problemet": [None] * 3,
            "stodet_gav_nya_perspektiv": [None] * 3,
        }
    )
    view = TargetsView(targets, frame)
    assert bytes(view.chart.value).startswith(b"<?xml")
    assert view.evaluation.loc["ny-kunskap", ["answers", "positive"]].tolist() == [3, 2]
