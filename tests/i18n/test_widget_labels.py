"""Widgets' labels follow ``lang=`` and the session language (traitlet level).

Expected texts are the catalogue entries, written out here by hand so that a changed
translation shows up as a failing test; numbers are worked out from the organisation of
tests/widgets/test_simulator.py (cost 1.0 + 1.2 + 1.8 + 0.5 + 0.6 = 5.1 million SEK;
FTE budgeted 1 + 2 + 3 + 1 + 1 = 8).
"""

from __future__ import annotations

import matplotlib
import pytest

pytest.importorskip("ipywidgets")
matplotlib.use("Agg")

from orgmodel.i18n import UnknownLanguageError, language, set_language
from orgmodel.model import Link, Organisation, Post, Unit
from orgmodel.widgets.simulator import ReorgSimulator


@pytest.fixture(autouse=True)
def _english_session(monkeypatch):
    monkeypatch.delenv("ORGMODEL_LANG", raising=False)
    set_language(None)
    yield
    set_language(None)


@pytest.fixture
def base() -> Organisation:
    return Organisation(
        units=[
            Unit("kommun", "Exempelkommun", kind="organisation"),
            Unit("soc", "Socialtjänsten", kind="department", parent="kommun"),
            Unit("skola", "Skolan", kind="department", parent="kommun"),
            Unit("fritid", "Fritid", kind="department", parent="kommun"),
            Unit("teknik", "Teknik", kind="department", parent="kommun"),
        ],
        posts=[
            Post("chef", unit="kommun", title="Kommundirektör", cost=1_000_000),
            Post("s1", unit="soc", title="Socialsekreterare", fte_budgeted=2.0, cost=1_200_000, reports_to="chef"),
            Post("l1", unit="skola", title="Lärare", fte_budgeted=3.0, cost=1_800_000, reports_to="chef"),
            Post("f1", unit="fritid", title="Fritidsledare", cost=500_000, reports_to="chef"),
            Post("t1", unit="teknik", title="Ingenjör", cost=600_000, reports_to="chef"),
        ],
        links=[Link("s1", "l1", weight=2)],
        name="Exempelkommun",
    )  # fmt: skip


def _labels(sim: ReorgSimulator) -> dict[str, str]:
    return {
        "apply": sim.apply_button.description,
        "undo": sim.undo_button.description,
        "units": sim.merge_units.description,
        "operation": sim.operation.options[0][0],
        "heading": sim._headings["key_figures"].value,
        "kind": dict((v, k) for k, v in sim.create_kind.options)["department"],
        "top": sim.create_parent.options[0][0],
    }


def test_simulator_in_english_by_default(base):
    sim = ReorgSimulator(base, show_chart=False)
    assert sim.lang == "en"
    assert _labels(sim) == {
        "apply": "Apply",
        "undo": "Undo",
        "units": "Units",
        "operation": "Merge units",
        "heading": "<h4>Key figures</h4>",
        "kind": "Department",
        "top": "(top)",
    }
    assert "<th>Base</th><th>Now</th><th>change</th>" in sim.figures.value


def test_simulator_switches_from_swedish_to_norwegian(base):
    sim = ReorgSimulator(base, show_chart=False, lang="sv")
    assert _labels(sim) == {
        "apply": "Tillämpa",
        "undo": "Ångra",
        "units": "Enheter",
        "operation": "Slå ihop enheter",
        "heading": "<h4>Nyckeltal</h4>",
        "kind": "Avdelning",
        "top": "(överst)",
    }
    # 5.1 million SEK in Swedish: one decimal, decimal comma, mnkr
    assert "<td class='sim-after'>5,1 mnkr</td>" in sim.figures.value
    assert "<td class='sim-after'>8,0</td>" in sim.figures.value
    assert "<th style='text-align:left'>Årsarbetare i budget</th>" in sim.figures.value
    assert "Inga steg än" in sim.steps_view.value

    sim.operation.value = "create"  # the chosen operation survives relabelling
    sim.lang = "nb"
    assert _labels(sim) == {
        "apply": "Utfør",
        "undo": "Angre",
        "units": "Enheter",
        "operation": "Slå sammen enheter",
        "heading": "<h4>Nøkkeltall</h4>",
        "kind": "Avdeling",
        "top": "(øverst)",
    }
    assert sim.operation.value == "create"
    # NOK would be "kr"; the organisation's currency is SEK, so Norwegian names the code
    assert "<td class='sim-after'>5,1 mill. SEK</td>" in sim.figures.value
    assert "<th>Utgangspunkt</th><th>Nå</th><th>endring</th>" in sim.figures.value


def test_two_simulators_in_one_notebook_differ(base):
    set_language("nb")
    swedish = ReorgSimulator(base, show_chart=False, lang="sv")
    session = ReorgSimulator(base, show_chart=False)
    assert (swedish.apply_button.description, session.apply_button.description) == (
        "Tillämpa",
        "Utfør",
    )


def test_simulator_messages_in_its_language(base):
    sim = ReorgSimulator(base, show_chart=False, lang="nb")
    sim.undo_button.click()
    assert "Ingenting å angre." in sim.errors.outputs[0]["text"]
    sim.operation.value = "merge"
    sim.merge_units.value = ("soc", "skola")
    sim.merge_name.value = "Læring"
    sim.apply_button.click()
    # 5 units - 2 merged + 1 new = 4
    assert "<td class='sim-after'>4</td>" in sim.figures.value
    assert "1 steg gjelder" in sim.status.value
    # the merge creates 1 unit from 2, moves both posts, and the one tie falls inside a unit
    assert (
        "Enheter: 1 opprettet, 2 slått sammen med en annen.\nStillinger: 2 flyttet.\n"
        "Samarbeid: 1 bånd nå innenfor en enhet, 0 nå på tvers av enheter."
    ) in sim.diff_view.value
    assert sim.scenario.name == "Mitt scenario"
    sim.keep("A")
    sim.compare_saved()
    assert "Enheter" in sim.comparison_table.value
    sim.lang = "sv"
    assert "Enheter" in sim.comparison_table.value and "Tjänster" in sim.comparison_table.value
    assert "1 steg gäller" in sim.status.value


def test_simulator_refuses_an_unknown_language(base):
    with pytest.raises(UnknownLanguageError, match=r"en \(English\), sv \(svenska\), nb"):
        ReorgSimulator(base, show_chart=False, lang="da")
    sim = ReorgSimulator(base, show_chart=False)
    with pytest.raises(UnknownLanguageError):
        sim.lang = "fi"
    assert sim.lang == "en"


def test_context_manager_sets_the_widget_default(base):
    with language("sv"):
        sim = ReorgSimulator(base, show_chart=False)
    assert sim.lang == "sv" and sim.redo_button.description == "Gör om"


def test_scorer_interface_words_from_the_catalogue_checklist_kept_as_shipped():
    from orgmodel.prioritise.checklist import load_template
    from orgmodel.widgets.scorer import ChecklistScorer

    ks = load_template("ks-prioriteringskriterier")  # a KS checklist, in Norwegian
    items = {"erp": "Felles ERP"}
    norwegian = ChecklistScorer(ks, items, show_chart=False)  # follows the checklist: nb
    texts = [w.value for w in norwegian.children if hasattr(w, "value")]
    # the checklist's own title, word for word as KS wrote it
    assert (
        texts[0] == "<h3>Sjekkliste: Utviklingsarbeid skal vurderes etter følgende kriterier</h3>"
    )
    headings = [c.children[0].value for c in norwegian.children if hasattr(c, "children")]
    assert "<h4>Vurdering</h4>" in headings and "<h4>Vekter</h4>" in headings
    assert "<b>Rangering (" in norwegian.ranking.value

    swedish = ChecklistScorer(ks, items, show_chart=False, language="sv")
    headings = [c.children[0].value for c in swedish.children if hasattr(c, "children")]
    assert "<h4>Bedömning</h4>" in headings and "<h4>Vikter</h4>" in headings
    assert "<b>Rangordning (" in swedish.ranking.value


def test_board_labels_follow_the_language():
    from orgmodel.followup import Action, ActionPlan, Theme
    from orgmodel.widgets.board import ALL, ActionPlanBoard

    plan = ActionPlan(
        "Plan",
        "KS",
        [Theme("t", "Tema")],
        [Action("a", "Utred", "t", ["Kansliet"]), Action("b", "Besluta", "t", ["KS"])],
    )
    board = ActionPlanBoard(plan, today="2020-02-01")  # the session's language: English
    assert board.count.value == "<b>2</b> of 2 actions · 0 past due on 01/02/2020"
    assert (board.set_button.description, board.tabs.get_title(2)) == ("Change status", "Load")
    assert board.status_select.options[0] == ("(all)", ALL)
    board.set_status("b", "done")
    assert ">done<" in board.table.value

    board.lang = "nb"
    # 2020-02-01 in CLDR's short Norwegian date: dd.MM.y
    assert board.count.value == "<b>2</b> av 2 tiltak · 0 forsinket per 01.02.2020"
    assert (board.set_button.description, board.tabs.get_title(2)) == ("Endre status", "Belastning")
    assert board.status_select.options[0] == ("(alle)", ALL)
    assert dict(board.edit_status.options)["ferdig"] == "done"
    assert ">ferdig<" in board.table.value and "<th style='padding:3px 8px" in board.table.value
    assert ">tiltak</th>" in board.table.value


def test_targets_view_percentages_per_locale():
    import pandas as pd

    from orgmodel.followup.targets import EffectTarget
    from orgmodel.widgets.board import TargetsView

    target = EffectTarget("t", "a", "70 %", "q", "p", 0.7, positive=["ja"])
    answers = pd.DataFrame({"population": ["p"] * 4, "q": ["ja", "ja", "ja", "nej"]})
    view = TargetsView([target], answers, show_chart=False, lang="sv")
    assert view.level.description == "Konfidens"
    assert [label for label, _ in view.level.options] == ["90\xa0%", "95\xa0%", "99\xa0%"]
    # 3 of 4 positive: 75 %; threshold 70 %
    assert ">75\xa0%<" in view.table.value and ">70\xa0%<" in view.table.value


def test_english_summary_is_the_cores_word_for_word(base):
    from orgmodel.widgets.simulator import summary_text

    sim = ReorgSimulator(base, show_chart=False, lang="en")
    sim.merge_units.value = ("soc", "skola")
    sim.merge_name.value = "Lärande"
    sim.apply_button.click()
    assert summary_text(sim.diff, "en") == sim.diff.summary_text()
    assert summary_text(sim.diff, "sv").splitlines()[0] == (
        "Enheter: 1 skapade, 2 sammanslagna med en annan."
    )
