"""Tests for orgmodel.prioritise.scoring: weighted sum, TOPSIS, PROMETHEE II."""

import numpy as np
import pandas as pd
import pytest

from orgmodel.prioritise.errors import MissingScoreError, PrioritisationError
from orgmodel.prioritise.scoring import (
    _preference,
    promethee_ii,
    rank_descending,
    topsis,
    weighted_sum,
)

# ---------------------------------------------------------------------------- weighted sum

MISSING = pd.DataFrame(
    {"need": [4, 2, np.nan], "cost": [1, 3, 2]}, index=pd.Index(["a", "b", "c"], name="project")
)
W = {"need": 0.5, "cost": 0.5}
D = {"cost": "min"}
# By hand, min-max: need a = 1, b = 0 (range 2..4); cost (less is better, range 1..3)
# a = 1, b = 0, c = 0.5.


def test_weighted_sum_redistributes_missing_weight():
    r = weighted_sum(MISSING, W, D)
    # c is scored on cost alone: 0.5; a = 0.5*1 + 0.5*1 = 1; b = 0
    assert r["score"].tolist() == pytest.approx([1.0, 0.0, 0.5])
    assert r["rank"].tolist() == [1, 3, 2]
    assert r["n_missing"].tolist() == [0, 0, 1]
    assert r.index.name == "project"


def test_weighted_sum_missing_as_worst():
    # c's need becomes the worst observed (2) -> 0: score 0.5*0 + 0.5*0.5 = 0.25
    r = weighted_sum(MISSING, W, D, missing="worst")
    assert r["score"].tolist() == pytest.approx([1.0, 0.0, 0.25])


def test_weighted_sum_missing_as_given_value_even_zero():
    # fill 3 -> need (3-2)/2 = 0.5: c = 0.5*0.5 + 0.5*0.5 = 0.5
    assert weighted_sum(MISSING, W, D, missing=3)["score"].iloc[2] == pytest.approx(0.5)
    # fill 0 (said explicitly) -> need range 0..4: a 1, b 0.5, c 0; scores 1, .25, .25
    r = weighted_sum(MISSING, W, D, missing=0)
    assert r["score"].tolist() == pytest.approx([1.0, 0.25, 0.25])
    # b and c tie for second; the next rank would be 4 (method="min")
    assert r["rank"].tolist() == [1, 2, 2]


def test_weighted_sum_missing_raise_lists_cells():
    with pytest.raises(MissingScoreError, match="alternative c, criterion need") as err:
        weighted_sum(MISSING, W, D, missing="raise")
    assert err.value.cells == [("c", "need")]


def test_weighted_sum_unknown_missing_rule():
    with pytest.raises(PrioritisationError, match="unknown rule 'zero'"):
        weighted_sum(MISSING, W, D, missing="zero")


def test_weighted_sum_fixed_scale_and_outside_values():
    s = pd.DataFrame({"need": [5, 0], "risk": [1, 4]}, index=["x", "y"])
    # 0..5 scale; risk less is better: x = .5*1 + .5*(1 - 1/5) = 0.9; y = 0 + .5*(1-.8) = .1
    r = weighted_sum(s, {"need": 1, "risk": 1}, {"risk": "min"}, normalise=(0, 5))
    assert r["score"].tolist() == pytest.approx([0.9, 0.1])
    bounds = pd.DataFrame({"low": [0, 0], "high": [5, 3]}, index=["need", "risk"])
    with pytest.raises(
        PrioritisationError, match=r"alternative y, criterion risk: 4 outside 0\.\.3"
    ):
        weighted_sum(s, {"need": 1, "risk": 1}, normalise=bounds)


def test_weighted_sum_raw_and_vector():
    s = pd.DataFrame({"a": [3.0, 4.0], "b": [1.0, 2.0]}, index=["x", "y"])
    # none: x = .5*3 - .5*1 = 1.0; y = .5*4 - .5*2 = 1.0 (cost subtracts) -> tie
    r = weighted_sum(s, [0.5, 0.5], ["max", "min"], normalise="none")
    assert r["score"].tolist() == pytest.approx([1.0, 1.0])
    assert r["rank"].tolist() == [1, 1]
    # vector: a/5 = .6, .8; b/sqrt5 = .4472, .8944 -> x = .5*.6 - .5*.4472 = 0.0764
    r = weighted_sum(s, [0.5, 0.5], ["max", "min"], normalise="vector")
    assert r["score"].iloc[0] == pytest.approx(0.5 * 0.6 - 0.5 / np.sqrt(5))


def test_constant_criterion_gives_half_and_does_not_change_ranking():
    s = pd.DataFrame({"need": [3, 1, 2], "same": [4, 4, 4]}, index=list("abc"))
    r = weighted_sum(s, {"need": 0.5, "same": 0.5})
    # need a 1, b 0, c .5; same 0.5 for all -> .75, .25, .5
    assert r["score"].tolist() == pytest.approx([0.75, 0.25, 0.5])
    alone = weighted_sum(s[["need"]], {"need": 1})
    assert r["rank"].tolist() == alone["rank"].tolist() == [1, 3, 2]


def test_validation_names_criteria_and_cells():
    s = pd.DataFrame({"need": [1, "high"], "cost": [2, 3]}, index=["x", "y"])
    with pytest.raises(PrioritisationError, match="alternative y, criterion need: 'high'"):
        weighted_sum(s, {"need": 1, "cost": 1})
    ok = pd.DataFrame({"need": [1, 2], "cost": [2, 3]}, index=["x", "y"])
    with pytest.raises(PrioritisationError) as err:
        weighted_sum(ok, {"needs": 1, "cost": 1})
    assert "unknown criteria needs; did you mean 'need'?" in str(err.value)
    assert "no weight for criteria need" in str(err.value)
    with pytest.raises(PrioritisationError, match="criterion cost has direction 'down'"):
        weighted_sum(ok, {"need": 1, "cost": 1}, {"cost": "down"})
    with pytest.raises(PrioritisationError, match="3 weights given for 2 criteria"):
        weighted_sum(ok, [1, 1, 1])


def test_rank_ties_min_method():
    assert rank_descending(np.array([1.0, 3.0, 3.0, 2.0, 1.0])).tolist() == [4, 1, 1, 3, 4]
    # rounding noise does not split a tie
    assert rank_descending(np.array([0.3, 0.1 + 0.2])).tolist() == [1, 1]


# ---------------------------------------------------------------------------- TOPSIS


def test_topsis_tzeng_huang_2011():
    # Tzeng, G.-H. & Huang, J.-J. (2011). Multiple Attribute Decision Making: Methods and
    # Applications. CRC Press, TOPSIS example: four alternatives, three benefit criteria,
    # weights .3/.4/.3, vector normalisation; published closeness .5037, .6581, .7482,
    # .3340 (ranking A3 > A2 > A1 > A4).
    s = pd.DataFrame(
        [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]],
        index=["A1", "A2", "A3", "A4"],
        columns=["c1", "c2", "c3"],
    )
    r = topsis(s, {"c1": 0.3, "c2": 0.4, "c3": 0.3})
    np.testing.assert_allclose(r["closeness"], [0.5037, 0.6581, 0.7482, 0.3340], atol=1e-4)
    assert r["rank"].tolist() == [3, 2, 1, 4]
    assert list(r.columns) == ["d_plus", "d_minus", "closeness", "rank"]


def test_topsis_cost_criterion_by_hand():
    # two alternatives, one benefit (3 vs 4) and one cost (1 vs 2), weights .5/.5:
    # vector-normalised: benefit .6, .8; cost .4472, .8944; weighted: .3, .4; .2236, .4472
    # ideal (.4, .2236), anti (.3, .4472); x: d+ = .1, d- = .2236 -> C = .6910;
    # y: d+ = .2236, d- = .1 -> C = .3090
    s = pd.DataFrame({"b": [3, 4], "c": [1, 2]}, index=["x", "y"])
    r = topsis(s, {"b": 1, "c": 1}, {"c": "cost"})
    np.testing.assert_allclose(r["closeness"], [0.6910, 0.3090], atol=1e-4)


def test_topsis_needs_every_score_and_handles_all_constant():
    s = pd.DataFrame({"b": [3, np.nan], "c": [1, 2]}, index=["x", "y"])
    with pytest.raises(MissingScoreError, match="TOPSIS needs every score; 1 missing"):
        topsis(s, {"b": 1, "c": 1})
    same = pd.DataFrame({"b": [2, 2], "c": [5, 5]}, index=["x", "y"])
    r = topsis(same, {"b": 1, "c": 1})
    assert r["closeness"].tolist() == [0.5, 0.5]
    assert r["rank"].tolist() == [1, 1]


# ---------------------------------------------------------------------------- PROMETHEE II


def test_promethee_ii_by_hand_linear_and_usual():
    # c1 (more is better) linear with q = 2, p = 8; c2 (less is better) usual;
    # weights .6 / .4. Preferences on c1: P(a2,a1) = (4-2)/6 = 1/3, P(a3,a1) = 1,
    # P(a3,a2) = (6-2)/6 = 2/3, others 0. On c2 (5, 3, 4): a2 > a3 > a1.
    # pi(a2,a1) = .6/3 + .4 = .6; pi(a2,a3) = .4; pi(a3,a1) = .6 + .4 = 1;
    # pi(a3,a2) = .6*2/3 = .4; pi(a1,.) = 0.
    # phi+ = (0, .5, .7); phi- = (.8, .2, .2); net = (-.8, .3, .5).
    s = pd.DataFrame({"c1": [10, 14, 20], "c2": [5, 3, 4]}, index=["a1", "a2", "a3"])
    r = promethee_ii(
        s,
        {"c1": 0.6, "c2": 0.4},
        {"c2": "min"},
        preference={"c1": "linear", "c2": "usual"},
        q={"c1": 2},
        p={"c1": 8},
    )
    np.testing.assert_allclose(r["phi_plus"], [0, 0.5, 0.7])
    np.testing.assert_allclose(r["phi_minus"], [0.8, 0.2, 0.2])
    np.testing.assert_allclose(r["net_flow"], [-0.8, 0.3, 0.5])
    assert r["rank"].tolist() == [3, 2, 1]
    assert r["net_flow"].sum() == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        # d = 3 with q = 1, p = 5, s = 2 (Brans & Vincke 1985 definitions, by hand)
        ("usual", 1.0),
        ("ushape", 1.0),
        ("vshape", 0.6),  # 3/5
        ("level", 0.5),  # q < d <= p
        ("linear", 0.5),  # (3-1)/(5-1)
        ("gaussian", 1 - np.exp(-9 / 8)),  # 1 - exp(-d^2 / (2 s^2))
    ],
)
def test_preference_functions(kind, expected):
    assert _preference(np.array([3.0]), kind, 1.0, 5.0, 2.0)[0] == pytest.approx(expected)
    assert _preference(np.array([-3.0]), kind, 1.0, 5.0, 2.0)[0] == 0.0


def test_promethee_parameter_errors_listed():
    s = pd.DataFrame({"c1": [1, 2], "c2": [3, 4]}, index=["x", "y"])
    with pytest.raises(PrioritisationError) as err:
        promethee_ii(
            s, [1, 1], preference={"c1": "vshape", "c2": "linear"}, q={"c2": 5}, p={"c2": 2}
        )
    text = str(err.value)
    assert "criterion c1: preference 'vshape' needs a number p" in text
    assert "criterion c2: indifference q = 5 must be below preference p = 2" in text
    with pytest.raises(PrioritisationError, match="unknown preference function 'gauss'"):
        promethee_ii(s, [1, 1], preference="gauss")


def test_promethee_constant_criterion_and_single_alternative():
    s = pd.DataFrame({"c1": [1, 2, 3], "flat": [7, 7, 7]}, index=list("xyz"))
    with_flat = promethee_ii(s, {"c1": 0.5, "flat": 0.5})
    # flat adds no preference: flows are those of c1 alone times its weight 0.5
    alone = promethee_ii(s[["c1"]], {"c1": 1})
    np.testing.assert_allclose(with_flat["net_flow"], 0.5 * alone["net_flow"])
    one = promethee_ii(s.iloc[:1], {"c1": 1, "flat": 1})
    assert one["net_flow"].tolist() == [0.0] and one["rank"].tolist() == [1]


def test_scores_typed_as_text_with_decimal_comma_are_read():
    # as pasted from a Norwegian or Swedish spreadsheet
    s = pd.DataFrame({"need": ["4,5", "2", None], "cost": ["1", "3", "2,0"]}, index=list("abc"))
    expected = pd.DataFrame({"need": [4.5, 2, np.nan], "cost": [1, 3, 2.0]}, index=list("abc"))
    pd.testing.assert_frame_equal(weighted_sum(s, W, D), weighted_sum(expected, W, D))
