"""Effect targets: Wilson intervals against published values, verdicts, Partsrådet's targets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from orgmodel.errors import FormatError, UnknownIdError, UnsupportedFormatError, ValidationError
from orgmodel.followup.targets import (
    Activity,
    EffectTarget,
    Rule,
    TargetPlan,
    evaluate_targets,
    read_targets,
    targets_from_yaml,
    verdict,
    wilson_interval,
    write_targets,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


# ---- Wilson score interval -------------------------------------------------------------------

# Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion: comparison
# of seven methods. Statistics in Medicine 17, 857-872. Table I, method 3 (Wilson score
# interval without continuity correction), 95 %: the four worked examples.
NEWCOMBE_1998_TABLE_I = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("k", "n", "low", "high"), NEWCOMBE_1998_TABLE_I)
def test_wilson_interval_matches_newcombe_1998_table_1(k, n, low, high):
    got = wilson_interval(k, n)
    assert round(got[0], 4) == low
    assert round(got[1], 4) == high


def test_wilson_interval_is_vectorised():
    k = np.array([row[0] for row in NEWCOMBE_1998_TABLE_I])
    n = np.array([row[1] for row in NEWCOMBE_1998_TABLE_I])
    low, high = wilson_interval(k, n)
    assert np.round(low, 4).tolist() == [row[2] for row in NEWCOMBE_1998_TABLE_I]
    assert np.round(high, 4).tolist() == [row[3] for row in NEWCOMBE_1998_TABLE_I]


def test_wilson_interval_agrees_with_scipy_on_a_grid():
    # scipy's BinomTestResult.proportion_ci(method="wilson") is an independent implementation
    # (the same interval as statsmodels' proportion_confint(method="wilson")).
    stats = pytest.importorskip("scipy.stats")
    for n in (1, 2, 7, 30, 113):
        for k in range(0, n + 1, max(1, n // 9)):
            for level in (0.8, 0.95, 0.99):
                ref = stats.binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
                low, high = wilson_interval(k, n, level)
                assert low == pytest.approx(ref.low, abs=1e-12)
                assert high == pytest.approx(ref.high, abs=1e-12)


def test_wilson_interval_edges():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    low, high = wilson_interval(29, 29)  # all positive: upper bound exactly 1
    assert high == 1.0 and round(low, 4) == 0.883
    with pytest.raises(ValueError, match="0 <= positive <= n"):
        wilson_interval(5, 4)
    with pytest.raises(ValueError, match="confidence"):
        wilson_interval(1, 4, 1.5)


# ---- verdicts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "threshold", "n", "minimum", "expected"),
    [
        (0.72, 0.86, 0.70, 120, 30, "met"),  # whole interval above
        (0.70, 0.86, 0.70, 120, 30, "met"),  # lower bound equal counts as met
        (0.44, 0.69, 0.70, 60, 30, "not met"),  # whole interval below
        (0.44, 0.70, 0.70, 60, 30, "cannot tell yet"),  # upper bound equal: may be met
        (0.48, 0.76, 0.60, 41, 30, "cannot tell yet"),  # straddles
        (0.77, 0.99, 0.70, 9, 10, "cannot tell yet"),  # above, but fewer than the minimum
        (0.00, 1.00, 0.70, 0, 1, "cannot tell yet"),  # no answers
    ],
)
def test_verdict_rule(low, high, threshold, n, minimum, expected):
    assert verdict(low, high, threshold, n=n, minimum=minimum) == expected


def test_evaluation_counts_positive_answers_per_population():
    t = EffectTarget(
        "nk",
        "konf",
        "70 %",
        "q",
        "deltagare",
        0.7,
        positive=[4, 5],
        scale=[1, 2, 3, 4, 5],
        minimum_answers=10,
    )
    other = EffectTarget(
        "x", "konf", "60 %", "q", "andra", 0.6, positive=[4, 5], scale=[1, 2, 3, 4, 5]
    )
    # 81 of 263 participants answer 4 or 5 (Newcombe's example a), 10 others answer 5
    answers = ["4"] * 40 + ["5"] * 41 + ["3"] * 100 + ["1"] * 82 + [None] * 7
    df = pd.DataFrame(
        {
            "population": ["deltagare"] * len(answers) + ["andra"] * 10,
            "q": answers + ["5"] * 10,
        }
    )
    ev = evaluate_targets([t, other], df)
    row = ev.loc["nk"]
    assert (row["answers"], row["positive"]) == (263, 81)  # the 7 empty answers do not count
    assert round(row["low"], 4) == 0.2553 and round(row["high"], 4) == 0.3662
    assert row["verdict"] == "not met"
    assert ev.loc["x", "answers"] == 10


def test_evaluation_names_a_missing_question_column():
    t = EffectTarget("t", "a", "x", "ny_kunskap", None, 0.7, positive=["ja"])
    with pytest.raises(UnknownIdError, match=r"ny_kunskap.*did you mean 'ny kunskap'"):
        evaluate_targets([t], pd.DataFrame({"ny kunskap": ["ja"]}))


def test_target_checks_its_own_values():
    with pytest.raises(ValueError, match="threshold must be a share"):
        EffectTarget("t", "a", "x", "q", threshold=70, positive=["ja"])
    with pytest.raises(ValueError, match=r"positive answers \['6'\] are not on the scale"):
        EffectTarget("t", "a", "x", "q", threshold=0.7, positive=[5, 6], scale=[1, 2, 3, 4, 5])


# ---- Partsrådet's plan -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def partsradet():
    return read_targets(EXAMPLES / "partsradet-2013-targets.yaml")


def test_partsradet_targets_as_in_the_plan(partsradet):
    # seeds/003, "Effektmål" under each activity: 70 %, 60 %, 70 %, 70 %, 80 %
    assert {t.id: t.threshold for t in partsradet.targets} == {
        "ny-kunskap": 0.7,
        "stodmaterial-bidragit": 0.6,
        "aterforing-utveckling": 0.7,
        "stod-losa-problem": 0.7,
        "stod-nya-perspektiv": 0.8,
    }
    assert [a.id for a in partsradet.activities] == [
        "tematiska-konferenser",
        "stodmaterial",
        "aterforingskonferenser",
        "stod-lokala-parter",
        "ovrigt-utvecklingsarbete",
    ]
    assert partsradet.target("ny-kunskap").text.startswith("70 % av konferensdeltagarna")
    # "Uppföljningen kommer därför inte att genomföras under 2013."
    assert "inte under 2013" in partsradet.target("stodmaterial-bidragit").follow_up
    assert partsradet.meta["illustrative"] is True


def test_partsradet_support_rule_is_an_or(partsradet):
    # "En allvarlig störning ... En annan situation kan vara ... motprestation ... eller en
    # kombination av båda."
    rule = partsradet.rule("villkor-for-stod")
    assert rule.holds({"allvarlig-storning": True, "motprestation": False})
    assert rule.holds({"allvarlig-storning": False, "motprestation": True})
    assert rule.holds({"allvarlig-storning": True, "motprestation": True})
    assert not rule.holds({"allvarlig-storning": False, "motprestation": False})
    assert not rule.holds({})
    with pytest.raises(KeyError, match="motprestation"):
        rule.holds({"motprestationen": True})


def test_all_of_rules():
    rule = Rule("r", "both", all_of=("a", "b"))
    assert rule.holds({"a": True, "b": True}) and not rule.holds({"a": True})


def test_targets_round_trip(partsradet, tmp_path):
    path = tmp_path / "t.yaml"
    write_targets(partsradet, path)
    assert read_targets(path) == partsradet
    assert read_targets(path).extra["illustrative_survey"]["seed"] == 2013


BROKEN = """\
orgmodel-targets: 1
title: Trasig
activities:
  - id: konf
    title: Konferenser
targets:
  - id: a
    activity: konf
    text: x
    question: q
    threshold: 70
    positive: [ja]
  - id: b
    activity: konferens
    text: y
    question: q
    threshold: 0.7
    positive: [ja]
  - id: c
    activity: konf
    text: z
    question: q2
    threshold: "60 %"
    positive: [6]
    scale: [1, 2, 3, 4, 5]
  - id: a
    activity: konf
    question: q3
    threshold: 0.5
    positive: [ja]
    minimum_answers: 0
"""


def test_broken_target_file_lists_every_problem_with_its_line():
    with pytest.raises(ValidationError) as info:
        targets_from_yaml(BROKEN, "t.yaml")
    found = [(p.location.line, p.code) for p in info.value.report]
    # lines counted in BROKEN above
    assert found == [
        (11, "bad_threshold"),  # 70 is not a share
        (14, "unknown_activity"),  # konferens
        (19, "bad_target"),  # positive 6 off the scale (the target starts on line 19)
        (26, "missing_field"),  # the second 'a' has no text
        (31, "bad_minimum"),
        (26, "duplicate_id"),
    ]
    assert "did you mean 'konf'" in str(info.value)


def test_target_file_versions():
    with pytest.raises(UnsupportedFormatError, match="format version 3"):
        targets_from_yaml("orgmodel-targets: 3\n", "t.yaml")
    with pytest.raises(FormatError, match="missing"):
        targets_from_yaml("title: x\n", "t.yaml")


def test_plan_rejects_two_scales_for_one_question():
    with pytest.raises(ValueError, match="question 'q' has two scales"):
        TargetPlan(
            "P",
            None,
            [Activity("a", "A")],
            [
                EffectTarget("t1", "a", "x", "q", positive=["ja"], scale=["ja", "nej"]),
                EffectTarget("t2", "a", "x", "q", positive=[5], scale=[1, 2, 3, 4, 5]),
            ],
        )
