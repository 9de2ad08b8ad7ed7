"""Gates: yes/no questions, composite rules, unknown answers as declared."""

from __future__ import annotations

import itertools

import pytest

from orgmodel.errors import ValidationError
from orgmodel.prioritise.checklist import Checklist, Criterion, Gate, load_template
from orgmodel.prioritise.gates import apply_gates, evaluate_gate, passing

YES_NO = {True: "ja", False: "nej"}


# Partsrådet, Verksamhetsplan 2013, "Stöd till lokala parter": support is given when
#   (D) a serious disruption motivates external support, and then (I) there is an idea of what
#       the support is to mean for the continued local work, or
#   (M) the local parties commit to a counter-performance, "eller en kombination av båda".
# So the rule is (D and I) or M. The table below is worked out by hand, row by row.
PARTSRADET_TRUTH_TABLE = [
    # D,     I,     M,     verdict
    (False, False, False, "fail"),
    (False, False, True, "pass"),
    (False, True, False, "fail"),
    (False, True, True, "pass"),
    (True, False, False, "fail"),  # disruption but no idea of what the support is for
    (True, False, True, "pass"),
    (True, True, False, "pass"),  # disruption alone (with an idea) suffices
    (True, True, True, "pass"),  # "en kombination av båda"
]


@pytest.mark.parametrize(("d", "i", "m", "verdict"), PARTSRADET_TRUTH_TABLE)
def test_partsradet_rule_truth_table(d, i, m, verdict):
    rule = load_template("partsradet-stod")
    answers = {
        "lokal": {
            "allvarlig-storning": YES_NO[d],
            "ide-om-stodet": YES_NO[i],
            "motprestation": YES_NO[m],
        }
    }
    out = apply_gates(rule, answers)
    assert out.at["lokal", "stod-till-lokala-parter"] == verdict
    assert out.at["lokal", "overall"] == verdict
    assert (out.at["lokal", "reason"] == "") == (verdict == "pass")


def test_partsradet_truth_table_covers_every_combination():
    assert {row[:3] for row in PARTSRADET_TRUTH_TABLE} == set(
        itertools.product([False, True], repeat=3)
    )


@pytest.mark.parametrize(
    ("answers", "verdict"),
    [
        # Kleene logic by hand: an unknown only matters when it could change the outcome
        ({"motprestation": "ja"}, "pass"),  # M true: D and I cannot change it
        ({"allvarlig-storning": "nej", "motprestation": "nej"}, "fail"),  # D false, M false
        ({"allvarlig-storning": "ja", "ide-om-stodet": "ja"}, "pass"),  # D and I true
        ({"allvarlig-storning": "ja", "motprestation": "nej"}, "fail"),  # I unknown decides
        ({}, "fail"),
    ],
)
def test_partsradet_rule_with_unknown_answers(answers, verdict):
    # the rule does not allow unknown: an undecided rule fails, and says why
    out = apply_gates(load_template("partsradet-stod"), {"x": answers})
    assert out.at["x", "overall"] == verdict


def test_undecided_rule_names_the_open_question():
    out = apply_gates(
        load_template("partsradet-stod"),
        {"x": {"allvarlig-storning": "ja", "motprestation": "nej"}},
    )
    assert out.at["x", "reason"] == "ide-om-stodet: not answered (unknown is not allowed)"


def _ks_state():
    return load_template("ks-statlige-prosjekter")


ALL_GOOD = {
    "samsvar-med-kommunenes-onsker": "ja",
    "klart-mal-som-dekker-behov": "ja",
    "avvikende-rapporteringskrav": "nei",
    "konkurranse-med-ks-prosjekter": "nei",
    "ks-prosjektleder": "ja",
    "ks-best-egnet": "ja",
}


def test_ks_state_project_questions():
    answers = {
        "ok": ALL_GOOD,
        # must_not: a yes fails
        "rapport": {**ALL_GOOD, "avvikende-rapporteringskrav": "ja"},
        # unknown allowed on the competition question -> verdict unknown, still ranked
        "konkurranse-ukjent": {**ALL_GOOD, "konkurranse-med-ks-prosjekter": "vet ikke"},
        # unknown not allowed on the first question -> fail
        "samsvar-ukjent": {**ALL_GOOD, "samsvar-med-kommunenes-onsker": None},
        # KS does not lead the project: whether KS is best suited does not matter
        "ikke-leder": {**ALL_GOOD, "ks-prosjektleder": "nei", "ks-best-egnet": "nei"},
        # KS leads but another actor is better suited -> fail
        "leder-ikke-egnet": {**ALL_GOOD, "ks-best-egnet": "nei"},
    }
    out = apply_gates(_ks_state(), answers)
    assert out["overall"].to_dict() == {
        "ok": "pass",
        "rapport": "fail",
        "konkurranse-ukjent": "unknown",
        "samsvar-ukjent": "fail",
        "ikke-leder": "pass",
        "leder-ikke-egnet": "fail",
    }
    assert out.at["rapport", "reason"] == "avvikende-rapporteringskrav: answered yes, must be no"
    assert out.at["konkurranse-ukjent", "konkurranse-med-ks-prosjekter"] == "unknown"
    assert "unknown is not allowed" in out.at["samsvar-ukjent", "reason"]
    assert passing(out) == ["ok", "konkurranse-ukjent", "ikke-leder"]
    assert list(out.columns) == [*_ks_state().gate_ids, "overall", "reason"]


def test_answers_in_english_swedish_and_bools():
    g = Gate("g", {"en": "?"})
    assert evaluate_gate(g, {"g": "yes"})[0] == "pass"
    assert evaluate_gate(g, {"g": "nej"})[0] == "fail"
    assert evaluate_gate(g, {"g": True})[0] == "pass"


def test_composite_must_not_passes_when_the_combination_does_not_hold():
    g = Gate(
        "no-conflict", {"en": "neither"}, kind="must_not", all_of=(Gate("a", "a"), Gate("b", "b"))
    )
    assert evaluate_gate(g, {"a": "yes", "b": "no"})[0] == "pass"  # a and b is false
    verdict, reason = evaluate_gate(g, {"a": "yes", "b": "yes"})
    assert verdict == "fail" and "must not hold" in reason


def test_initiative_without_answers_is_judged_unknown():
    c = Checklist(
        "c", "c", criteria=[Criterion("x", "X")], gates=[Gate("g", "G?", unknown_allowed=True)]
    )
    out = apply_gates(c, {}, initiatives=["a"])
    assert out.at["a", "overall"] == "unknown"


def test_bad_gate_answers_are_all_listed():
    with pytest.raises(ValidationError) as info:
        apply_gates(
            _ks_state(),
            {
                "a": {"samsvar-med-kommunenes-onsker": "kanskje", "ukjent-sporsmal": "ja"},
                "b": {"ks-best-egnet": "muligens"},
            },
        )
    assert sorted(info.value.report.codes()) == ["not_yes_no", "not_yes_no", "unknown_gate"]


def test_checklist_without_gates_passes_everyone():
    c = load_template("ks-prioriteringskriterier")
    out = apply_gates(c, {}, initiatives=["a", "b"])
    assert out["overall"].tolist() == ["pass", "pass"]
