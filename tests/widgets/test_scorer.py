"""ChecklistScorer at the traitlet level: change a control, the ranking follows (by hand)."""

from __future__ import annotations

import math

import openpyxl
import pytest

pytest.importorskip("ipywidgets")

from orgmodel.prioritise.checklist import (
    Checklist,
    Criterion,
    Gate,
    Initiative,
    Scale,
    load_template,
)
from orgmodel.widgets.scorer import ChecklistScorer, ScorerState, css_name

# The 3 x 2 example used here and in the browser test. Scale 1-5, normalised on the scale
# as (v - 1) / 4:
#            x   y    x'    y'
#   A        5   1    1     0
#   B        1   5    0     1
#   C        4   3    0.75  0.5
# weights 1:1  -> A 0.5,  B 0.5,  C 0.625        -> C first
# weights 3:1  -> A 0.75, B 0.25, C 0.6875       -> A, C, B
# weights 1:3  -> A 0.25, B 0.75, C 0.5625       -> B, C, A
# then C.x = 1 (x' = 0) with weights 3:1 -> C = 0.125 -> A, B, C
CHECKLIST = Checklist(
    "tre-to",
    {"en": "3 x 2"},
    criteria=[
        Criterion("x", {"en": "Benefit"}, Scale.one_to_five()),
        Criterion("y", {"en": "Feasibility"}, Scale.one_to_five()),
    ],
)
SCORES = {"A": {"x": 5, "y": 1}, "B": {"x": 1, "y": 5}, "C": {"x": 4, "y": 3}}


def _scorer(**kw) -> ChecklistScorer:
    return ChecklistScorer(
        CHECKLIST, ["A", "B", "C"], SCORES, weights={"x": 1, "y": 1}, show_chart=False, **kw
    )


def test_initial_ranking_equal_weights():
    w = _scorer()
    assert w.ranked()[0] == "C"
    assert w.record.results.loc["C", "score"] == pytest.approx(0.625)
    assert w.order.value.startswith("C > ")


def test_moving_a_weight_slider_reranks():
    w = _scorer()
    w._weight_sliders["x"].value = 3.0  # what dragging the slider does
    assert w.ranked() == ["A", "C", "B"]
    assert w.record.results["score"].to_dict() == pytest.approx({"A": 0.75, "C": 0.6875, "B": 0.25})
    assert w.order.value == "A > C > B"
    assert w._weight_shares["x"].value == "75 %"  # normalised display
    w._weight_sliders["x"].value = 1.0
    w._weight_sliders["y"].value = 3.0
    assert w.ranked() == ["B", "C", "A"]


def test_changing_a_score_reranks():
    w = _scorer()
    w.set_weight("x", 3)
    w._score_controls[("C", "x")].value = w._score_controls[("C", "x")].options[-1]  # "1 ..."
    assert w.state.scores[("C", "x")] == 1.0
    assert w.ranked() == ["A", "B", "C"]
    assert w.record.results.loc["C", "score"] == pytest.approx(0.125)


def test_state_is_one_immutable_value_replaced_on_change():
    w = _scorer()
    before = w.state
    w.set_weight("y", 4)
    assert isinstance(w.state, ScorerState) and w.state is not before
    assert before.points["y"] == 1.0 and w.state.points["y"] == 4.0


def test_method_choice():
    w = _scorer()
    w.set_weight("x", 3)
    w.state = w.state.evolve(method="promethee_ii")
    # usual criterion, w = (.75, .25), n - 1 = 2. pi(A,B) = .75, pi(A,C) = .75, pi(B,A) = .25,
    # pi(B,C) = .25, pi(C,A) = .25, pi(C,B) = .75; net A = (1.5 - .5)/2 = .5,
    # B = (.5 - 1.5)/2 = -.5, C = (1 - 1)/2 = 0
    assert w.record.results["score"].to_dict() == pytest.approx({"A": 0.5, "C": 0.0, "B": -0.5})
    assert w.ranked() == ["A", "C", "B"]


def test_ahp_weights_and_consistency_shown():
    w = _scorer()
    w.state = w.state.evolve(weight_mode="ahp")
    w._pair_controls[("x", "y")].value = 3.0  # x three times as important as y
    # 2 x 2 matrix [[1, 3], [1/3, 1]]: weights 3/4 and 1/4, lambda_max = 2, CR = 0
    assert w.record.weights.to_dict() == pytest.approx({"x": 0.75, "y": 0.25})
    assert w.ranked() == ["A", "C", "B"]
    assert "CR = 0.000" in w.ahp_status.value
    assert w._ahp_box.layout.display is None and w._direct_box.layout.display == "none"


def test_inconsistent_ahp_warns():
    c = Checklist("t", "t", criteria=[Criterion(k, k.upper()) for k in "abc"])
    w = ChecklistScorer(
        c,
        ["p", "q"],
        {"p": dict.fromkeys("abc", "ja"), "q": dict.fromkeys("abc", "nei")},
        show_chart=False,
    )
    w.state = w.state.evolve(weight_mode="ahp")
    # a > b (9), b > c (9), but c > a (9): as inconsistent as it gets on Saaty's scale
    w._pair_controls[("a", "b")].value = 9.0
    w._pair_controls[("b", "c")].value = 9.0
    w._pair_controls[("a", "c")].value = 1 / 9
    assert w.record.weight_details["consistency_ratio"] > 0.1
    assert "revisit" in w.ahp_status.value


def test_gates_exclude_and_errors_are_shown_not_raised():
    c = CHECKLIST.evolve(gates=(Gate("funded", {"en": "Funded?"}),))
    w = ChecklistScorer(
        c,
        ["A", "B", "C"],
        SCORES,
        gate_answers={k: {"funded": "yes"} for k in "ABC"},
        weights={"x": 3, "y": 1},
        show_chart=False,
    )
    assert w.ranked() == ["A", "C", "B"]
    w._gate_controls[("A", "funded")].value = "no"
    assert w.ranked() == ["C", "B"]
    assert "excluded" in w.ranking.value
    # all weights zero: an error in the error area, no exception
    w.set_weight("x", 0)
    w.set_weight("y", 0)
    assert w.record is None and w.ranked() == []
    assert "every weight is zero" in "".join(o.get("text", "") for o in w.errors.outputs)
    w.set_weight("y", 1)
    assert w.ranked() == ["B", "C"]  # x weight 0: only y counts: B 1, C 0.5
    assert w.errors.outputs == ()


def test_names_are_escaped():
    w = ChecklistScorer(
        CHECKLIST,
        [Initiative("evil", "<script>alert(1)</script>")],
        {"evil": {"x": 3, "y": 3}},
        show_chart=False,
    )
    assert "<script>" not in w.ranking.value
    assert "&lt;script&gt;" in w.ranking.value


def test_css_classes_for_the_browser():
    w = _scorer()
    assert "scorer-ranking" in w.ranking._dom_classes
    assert "scorer-weight-x" in w._weight_sliders["x"]._dom_classes
    assert css_name("scorer-score", "C", "x") in w._score_controls[("C", "x")]._dom_classes
    assert css_name("a b", "æ/ø") == "a-b-ae-o"


def test_export_writes_the_decision_record(tmp_path):
    w = _scorer()
    w.set_weight("x", 3)
    w.export_who.value = "Styringsgruppa"
    target = w.export(tmp_path / "rec.xlsx")
    assert target is not None and "saved" in w.export_status.value
    wb = openpyxl.load_workbook(target)
    results = list(wb["Results"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in results] == ["A", "C", "B"]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["decided_by"] == "Styringsgruppa"
    bad = w.export(tmp_path / "no-such-dir" / "rec.xlsx")
    assert bad is None and "Error" in w.export_status.value


def test_ks_template_with_labels_and_unanswered_cells():
    c = load_template("ks-prioriteringskriterier")
    w = ChecklistScorer(
        c, {"erp": "Felles ERP", "bhg": "Kompetanseløft i barnehagen"}, show_chart=False
    )
    assert w.ranked() == []  # nothing answered yet: both unscored, no error
    assert set(w.record.results["status"]) == {"unscored"}
    w.set_score("erp", "gevinster", "ja")
    assert w.ranked() == ["erp"]
    assert math.isnan(w.state.scores[("bhg", "gevinster")])
    assert w._score_controls[("erp", "gevinster")].value == "ja"


def test_sensitivity_stability_intervals_by_hand():
    w = _scorer()
    w.set_weight("x", 3)
    w.show_sensitivity()
    intervals = w.sensitivity_tables["stability"]
    # weight t on x, 1 - t on y: A = t, B = 1 - t, C = 0.5 + 0.25 t. A stays first while
    # t > 1/2 (beats B) and t > 2/3 (beats C): x in [2/3, 1], so y in [0, 1/3]
    assert intervals.attrs["top"] == ["A"]
    assert intervals.loc["x", ["lower", "upper"]].tolist() == pytest.approx([2 / 3, 1.0])
    assert intervals.loc["y", ["lower", "upper"]].tolist() == pytest.approx([0.0, 1 / 3])


def test_bar_chart_and_tornado_are_drawn_as_svg():
    w = ChecklistScorer(CHECKLIST, ["A", "B", "C"], SCORES, weights={"x": 3, "y": 1})
    assert w.chart.format == "svg+xml" and bytes(w.chart.value).startswith(b"<?xml")
    before = w.chart.value
    w.set_score("C", "x", 1)  # the order changes: the chart is redrawn
    assert w.chart.value != before
    w.show_sensitivity()
    images = [c for c in w.sensitivity.children if "scorer-tornado" in c._dom_classes]
    assert len(images) == 1 and bytes(images[0].value).startswith(b"<?xml")
    # the tornado follows the leader A; with 3:1 weights both criteria swing its score
    assert w.sensitivity_tables["tornado"].attrs["alternative"] == "A"


def test_carriers_checked_only_against_a_given_organisation():
    from orgmodel.errors import ValidationError
    from orgmodel.model import Organisation, Unit

    items = [Initiative("A", carried_by=("digi",)), Initiative("B", carried_by=("oppvekst",))]
    ChecklistScorer(CHECKLIST, items, show_chart=False)  # no organisation: nothing to check
    org = Organisation([Unit("digi", "Digitalisering")])
    with pytest.raises(ValidationError, match="no unit or post 'oppvekst'"):
        ChecklistScorer(CHECKLIST, items, show_chart=False, org=org)


def test_direct_points_are_recorded_as_how_the_weights_were_set():
    w = _scorer()
    w.set_weight("x", 3)
    assert w.record.weight_method == "direct"
    assert w.record.weight_details["points"].to_dict() == {"x": 3.0, "y": 1.0}


def test_numeric_criterion_typed_in_with_bad_input_reported():
    c = Checklist(
        "k",
        {"nb": "Kost"},
        language="nb",
        criteria=[
            Criterion("nytte", {"nb": "Nytte"}, Scale.one_to_five()),
            Criterion("kost", {"nb": "Kostnad"}, Scale.numeric(0, 10, "min", unit="MNOK")),
        ],
    )
    w = ChecklistScorer(
        c, ["billig", "dyr"], {"billig": {"nytte": 5}, "dyr": {"nytte": 5}}, show_chart=False
    )
    assert w._score_controls[("dyr", "kost")].value == ""  # unanswered shows empty, not 0
    w._score_controls[("billig", "kost")].value = "2,0"  # decimal comma
    w._score_controls[("dyr", "kost")].value = "8"
    # equal weights, cost on its 0..10 scale reversed: billig 0.5 + 0.5*0.8 = 0.9, dyr 0.6
    assert w.record.results["score"].to_dict() == pytest.approx({"billig": 0.9, "dyr": 0.6})
    w._score_controls[("dyr", "kost")].value = "tolv"
    assert "dyr, kost: 'tolv' is not a number" in w.errors.outputs[0]["text"]
    assert w.state.scores[("dyr", "kost")] == 8.0  # the state kept the last good value


def test_initial_pairwise_judgements_start_in_ahp_mode():
    # (y, x): 3 means y is 3 times as important as x -> stored as (x, y) = 1/3
    w = ChecklistScorer(
        CHECKLIST, ["A", "B", "C"], SCORES, pairwise={("y", "x"): 3}, show_chart=False
    )
    assert w.state.weight_mode == "ahp"
    assert w.state.pairwise[("x", "y")] == pytest.approx(1 / 3)
    # weights 1/4, 3/4 -> B, C, A (see the table at the top)
    assert w.record.weights.to_dict() == pytest.approx({"x": 0.25, "y": 0.75})
    assert w.ranked() == ["B", "C", "A"]
    with pytest.raises(ValueError, match="not a pair of criteria"):
        ChecklistScorer(CHECKLIST, ["A"], pairwise={("x", "z"): 3})


def test_chart_draws_the_best_few_and_says_so():
    w = ChecklistScorer(CHECKLIST, ["A", "B", "C"], SCORES, weights={"x": 3, "y": 1}, chart_top=2)
    assert "best 2 of 3" in w.chart_message.value


def test_interface_follows_the_checklist_language():
    c = load_template("partsradet-stod").evolve(criteria=(Criterion("nytta", {"sv": "Nytta"}),))
    w = ChecklistScorer(c, ["a"], {"a": {"nytta": "ja"}}, show_chart=False)
    headings = [x.value for x in w.children[1:] for x in getattr(x, "children", ())[:1]]
    assert "<h4>Bedömning</h4>" in headings and "<h4>Grindar</h4>" in headings
    assert "Rangordning" in w.ranking.value
    # the Partsrådet rule unanswered: not allowed -> excluded, with the reason
    assert w.record.results.at["a", "status"] == "excluded"
    w.set_gate("a", "motprestation", "ja")
    assert w.ranked() == ["a"]


def test_inputs_that_do_not_fit_are_refused():
    with pytest.raises(ValueError, match="scores for initiatives not listed: D"):
        ChecklistScorer(CHECKLIST, ["A"], {"A": {"x": 1}, "D": {"x": 2}}, show_chart=False)
    with pytest.raises(ValueError, match="weights for criteria not in 'tre-to': z"):
        ChecklistScorer(CHECKLIST, ["A"], weights={"x": 1, "z": 2}, show_chart=False)
    # 20 and 5 points: scaled onto the 0..10 sliders, shares 80 % / 20 % kept
    w = ChecklistScorer(
        CHECKLIST, ["A"], {"A": {"x": 1}}, weights={"x": 20, "y": 5}, show_chart=False
    )
    assert w.state.points == {"x": 10.0, "y": 2.5}
    assert w._weight_shares["x"].value == "80 %"
