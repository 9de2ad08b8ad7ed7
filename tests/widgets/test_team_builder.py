"""TeamBuilder at the traitlet level: choose a need, swap a member, check what is shown.

The small organisation below is also the one of tests/browser/notebooks/team_builder.ipynb.
Worked out by hand (missions = the units under the municipality, so each unit is its own):

* Viktor needs pedagogik 0.1, socialt-arbete 0.1 and beroende 0.1 FTE. beroende is only in
  Socialtjänsten (socsek), pedagogik only in Skolan (larare): 2 units at least.
  socialt-arbete: socsek (already chosen, 0.1/5 = 0.02 more utilisation) beats kurator
  (0.1/2 = 0.05). Team: larare 0.1, socsek 0.2; 3 of 3 covered, 2 units, 2 main missions.
* Replacing socsek: the candidates with socialt-arbete or beroende outside the team are
  kurator only. After the swap kurator covers socialt-arbete, beroende is uncovered:
  2 of 3 covered, 2 members, 1 unit (Skolan), 1 main mission.
* Ibrahim needs krisstod 0.1 and foreningsliv 0.1: kurator (Skolan) and fritidsledare
  (Fritid): 2 units.
"""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from orgmodel.model import Organisation, Post, Unit
from orgmodel.staffing import Need, Requirement
from orgmodel.widgets.team_builder import TeamBuilder


@pytest.fixture
def org() -> Organisation:
    return Organisation(
        [
            Unit("kommun", "Exempelkommun"),
            Unit("skola", "Skolan", parent="kommun"),
            Unit("soc", "Socialtjänsten", parent="kommun"),
            Unit("fritid", "Fritid", parent="kommun"),
        ],
        [
            Post("larare", unit="skola", title="<b>Lärare</b>", fte_budgeted=10, competences=("pedagogik",)),
            Post("kurator", unit="skola", title="Kurator", fte_budgeted=2, competences=("socialt-arbete", "krisstod")),
            Post("socsek", unit="soc", title="Socialsekreterare", fte_budgeted=5, competences=("socialt-arbete", "beroende")),
            Post("fritidsledare", unit="fritid", title="Fritidsledare", competences=("foreningsliv",)),
        ],
    )  # fmt: skip


@pytest.fixture
def needs() -> list[Need]:
    return [
        Need("viktor", "Viktor <12 år>", requirements=(
            Requirement("pedagogik", 0.1), Requirement("socialt-arbete", 0.1), Requirement("beroende", 0.1))),
        Need("ibrahim", "Ibrahim", requirements=(Requirement("krisstod", 0.1), Requirement("foreningsliv", 0.1))),
    ]  # fmt: skip


def test_proposed_team_and_swap(org, needs):
    tb = TeamBuilder(org, needs)
    assert tb.need_id == "viktor"
    assert tb.members == ("larare", "socsek")
    assert tb.team.members["fte"].to_dict() == pytest.approx({"larare": 0.1, "socsek": 0.2})
    assert tb.summary.value == "Covered 3 of 3 requirements · 2 members · 2 units · 2 main missions"
    tb.swap_out.value = "socsek"
    assert [v for _, v in tb.swap_in.options] == ["kurator"]
    tb.swap_button.click()
    assert tb.members == ("larare", "kurator")
    assert tb.summary.value == "Covered 2 of 3 requirements · 2 members · 1 unit · 1 main mission"
    assert list(tb.team.uncovered.index) == ["beroende"]
    assert tb.coverage_view.value.count("tb-uncovered") == 1
    tb.reset_button.click()
    assert tb.members == ("larare", "socsek")


def test_choosing_another_need(org, needs):
    tb = TeamBuilder(org, needs)
    tb.need_choice.value = "ibrahim"
    assert tb.need_id == "ibrahim"
    assert set(tb.members) == {"kurator", "fritidsledare"}
    assert tb.summary.value == "Covered 2 of 2 requirements · 2 members · 2 units · 2 main missions"
    tb.need_id = "viktor"  # the trait drives the dropdown too
    assert tb.need_choice.value == "viktor"


def test_user_text_is_escaped(org, needs):
    tb = TeamBuilder(org, needs)
    assert "&lt;b&gt;Lärare&lt;/b&gt;" in tb.members_view.value
    assert "<b>Lärare" not in tb.members_view.value
    tb.swap("nobody<i>", "kurator")
    assert tb.errors.value == "<b>nobody&lt;i&gt; is not in the team</b>"
    assert tb.members == ("larare", "socsek")


def test_needs_are_required(org):
    with pytest.raises(ValueError, match="at least one need"):
        TeamBuilder(org, [])
