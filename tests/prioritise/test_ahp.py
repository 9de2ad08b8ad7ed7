"""Tests for orgmodel.prioritise.ahp against published worked examples."""

import numpy as np
import pandas as pd
import pytest

from orgmodel.errors import OrgModelError
from orgmodel.prioritise.ahp import RANDOM_INDEX, ahp, complete_llsm, harker_weights
from orgmodel.prioritise.errors import PrioritisationError

# Saaty, T.L. (1990). How to make a decision: the analytic hierarchy process. European
# Journal of Operational Research 48, 9-26, Table 1 ("buying a house"): criteria size,
# transportation, neighbourhood, age, yard, modern facilities, general condition,
# financing. Published: priorities .173 .054 .188 .018 .031 .036 .167 .333,
# lambda_max = 9.669, CI = 0.238, CR = 0.169 (Saaty 1980 random index 1.41 for n = 8).
HOUSE_LABELS = [
    "size", "transport", "neighbourhood", "age", "yard", "facilities", "condition", "financing",
]  # fmt: skip
HOUSE = pd.DataFrame(
    [
        [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
        [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
        [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
        [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
        [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
        [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
        [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
        [4, 7, 5, 8, 6, 6, 2, 1],
    ],
    index=HOUSE_LABELS,
    columns=HOUSE_LABELS,
)

# Saaty, T.L. (2008). Decision making with the analytic hierarchy process. Int. J.
# Services Sciences 1(1), 83-98, Table 2 ("which drink is consumed more in the U.S.?").
# Published derived scale: coffee .177, wine .019, tea .042, beer .116, sodas .190,
# milk .129, water .327.
DRINKS_LABELS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINKS = pd.DataFrame(
    [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ],
    index=DRINKS_LABELS,
    columns=DRINKS_LABELS,
)


def test_saaty_1990_house_weights_lambda_ci_cr():
    r = ahp(HOUSE)
    published = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    assert r.weights.round(3).tolist() == published
    assert list(r.weights.index) == HOUSE_LABELS
    assert r.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert r.consistency_index == pytest.approx(0.238, abs=5e-4)
    assert r.consistency_ratio == pytest.approx(0.169, abs=5e-4)
    assert r.random_index == 1.41
    assert not r.is_consistent
    assert "NOT consistent" in repr(r) and "CR=0.169" in repr(r)


def test_saaty_1990_house_revisit_points_at_neighbourhood_vs_condition():
    # The weights say neighbourhood (.188) and general condition (.167) are about equal,
    # yet the judgement is 6: a_ij * w_j / w_i = 6 * .167 / .188 = 5.3, the largest error.
    top = ahp(HOUSE).revisit.iloc[0]
    assert (top["item"], top["compared_with"]) == ("neighbourhood", "condition")
    assert top["judgement"] == 6
    assert top["error"] == pytest.approx(6 * 0.167 / 0.188, rel=0.01)
    assert top["suggested"] == 1
    # every judgement above the diagonal is listed once
    assert len(ahp(HOUSE).revisit) == 8 * 7 // 2


def test_saaty_2008_drinks_derived_scale():
    r = ahp(DRINKS)
    published = {
        "coffee": 0.177, "wine": 0.019, "tea": 0.042, "beer": 0.116,
        "sodas": 0.190, "milk": 0.129, "water": 0.327,
    }  # fmt: skip
    assert r.weights.round(3).to_dict() == published
    assert r.is_consistent


def test_random_index_tables_as_published():
    # Saaty (1980) Table 1 as given in the literature.
    assert [RANDOM_INDEX["saaty1980"][n] for n in range(1, 11)] == [
        0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
    ]  # fmt: skip
    # Saaty (2005) p. 31; Donegan & Dodd (1991); Alonso & Lamata (2006) for n = 3.
    assert RANDOM_INDEX["saaty2005"][7] == 1.35
    assert RANDOM_INDEX["donegan-dodd"][3] == 0.4914
    assert RANDOM_INDEX["alonso-lamata"][3] == 0.5245


@pytest.mark.parametrize(
    ("table", "ri"),
    [("saaty1980", 1.41), ("saaty2005", 1.40), ("donegan-dodd", 1.3171), ({8: 2.0}, 2.0)],
)
def test_cr_uses_chosen_random_index(table, ri):
    r = ahp(HOUSE, random_index=table)
    assert r.random_index == ri
    # CI = (9.669 - 8) / 7 = 0.2384 (Saaty 1990), divided by the table's RI for n = 8
    assert r.consistency_ratio == pytest.approx(0.2384 / ri, abs=1e-3)


def test_consistent_matrix_gives_generating_weights_and_zero_cr():
    # a_ij = w_i / w_j with w = (0.5, 0.3, 0.2): perfectly consistent by construction
    w = np.array([0.5, 0.3, 0.2])
    r = ahp(w[:, None] / w[None, :], scale=None)
    np.testing.assert_allclose(r.weights, w, atol=1e-12)
    assert r.lambda_max == pytest.approx(3.0)
    assert r.consistency_ratio == pytest.approx(0.0, abs=1e-12)
    assert r.revisit["error"].to_numpy() == pytest.approx(1.0)


def test_geometric_method_is_row_geometric_mean():
    # 3x3 matrix: row geometric means (1*3*5)^(1/3) = 2.4662, (1/3*1*2)^(1/3) = 0.8736,
    # (1/5*1/2*1)^(1/3) = 0.4642; sum 3.8040 -> 0.6483, 0.2297, 0.1220 (worked by hand)
    m = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    r = ahp(m, method="geometric")
    np.testing.assert_allclose(r.weights, [0.6483, 0.2297, 0.1220], atol=1e-4)


def test_bozoki_2010_example_optimal_completion():
    # Bozóki, Fülöp & Rónyai (2010), On optimal completion of incomplete pairwise
    # comparison matrices, Math. Comput. Modelling 52, 318-333: the 4x4 example with
    # a_34 missing has the lambda_max-optimal completion a_34 = 0.7303.
    m = pd.DataFrame(
        [[1, 1, 5, 2], [1, 1, 3, 4], [1 / 5, 1 / 3, 1, np.nan], [1 / 2, 1 / 4, np.nan, 1]],
        index=list("abcd"),
        columns=list("abcd"),
    )
    r = ahp(m, method="bozoki")
    assert r.matrix.loc["c", "d"] == pytest.approx(0.7303, abs=1e-4)
    assert r.matrix.loc["d", "c"] == pytest.approx(1 / 0.7303, rel=1e-4)
    assert r.missing == [("c", "d")]
    # lambda_max is the smallest over completions: any other a_34 gives a larger one
    for other in (0.6, 0.7, 0.76, 0.9):
        alt = m.fillna({"c": 1 / other, "d": other})
        alt.loc["c", "d"], alt.loc["d", "c"] = other, 1 / other
        assert ahp(alt).lambda_max > r.lambda_max


def test_harker_by_hand_on_consistent_incomplete_matrix():
    # a_12 = 2, a_23 = 3, a_13 missing. Harker's matrix [[2, 2, 0], [1/2, 1, 3],
    # [0, 1/3, 2]] has eigenvector (6, 3, 1)/10 with eigenvalue 3 (check: 2*6 + 2*3 = 18
    # = 3*6; 3 + 3 + 3 = 9 = 3*3; 1 + 2 = 3 = 3*1), so a_13 completes to 6.
    m = [[1, 2, None], [None, 1, 3], [None, None, 1]]  # lower triangle left empty
    w, lam = harker_weights(np.array([[1, 2, np.nan], [0.5, 1, 3], [np.nan, 1 / 3, 1]]))
    np.testing.assert_allclose(w, [0.6, 0.3, 0.1])
    assert lam == pytest.approx(3.0)
    for method in ("harker", "llsm", "bozoki"):
        r = ahp(m, method=method)
        np.testing.assert_allclose(r.weights, [0.6, 0.3, 0.1], atol=1e-6)
        assert r.matrix.iloc[0, 2] == pytest.approx(6.0, rel=1e-5)
        assert r.consistency_ratio == pytest.approx(0.0, abs=1e-6)


def test_llsm_by_hand_on_inconsistent_cycle():
    # Four items compared round a cycle: a_12 = 2, a_23 = 2, a_34 = 2, a_41 = 2 (so
    # a_14 = 1/2). LLSM residuals: log w1 - log w2 = log 2 + e etc.; the cycle sums to
    # 4 log 2 around, so each step absorbs log 2: w1 = w2 = w3 = w4 = 1/4 (by symmetry).
    a = np.full((4, 4), np.nan)
    np.fill_diagonal(a, 1)
    for i, j in [(0, 1), (1, 2), (2, 3), (3, 0)]:
        a[i, j], a[j, i] = 2, 0.5
    np.testing.assert_allclose(complete_llsm(a), [0.25] * 4)


def test_reciprocity_error_names_the_cell():
    m = pd.DataFrame(
        [[1, 3, 5], [3, 1, 2], [1 / 5, 1 / 2, 1]],
        index=["need", "cost", "risk"],
        columns=["need", "cost", "risk"],
    )
    with pytest.raises(PrioritisationError, match=r"\(need, cost\) = 3 but \(cost, need\) = 3"):
        ahp(m)


def test_rounded_reciprocals_accepted_and_text_fractions_read():
    m = [[1, "3", "5"], [0.33, 1, 2], ["1/5", "0,5", 1]]
    r = ahp(m)
    # upper-triangle values are used: identical to the exact matrix
    exact = ahp([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])
    np.testing.assert_allclose(r.weights, exact.weights)


def test_every_problem_listed():
    m = [[1, 12, "x"], [1 / 12, 2, -1], [None, None, 1]]
    with pytest.raises(PrioritisationError) as err:
        ahp(m)
    text = str(err.value)
    assert "(0, 2): 'x' is not a number" in text
    assert "(1, 2): -1 must be a positive number" in text
    assert "(1, 1): the diagonal must be 1" in text
    assert "(0, 1): 12 is outside the scale 1/9..9" in text
    assert isinstance(err.value, OrgModelError) and isinstance(err.value, ValueError)


def test_missing_judgements_need_a_completing_method():
    m = [[1, 2, None], [1 / 2, 1, 3], [None, 1 / 3, 1]]
    with pytest.raises(PrioritisationError, match=r"missing: \(0, 2\).*harker"):
        ahp(m)


def test_disconnected_judgements_rejected_with_groups():
    m = pd.DataFrame(np.nan, index=list("abcd"), columns=list("abcd"))
    for k in "abcd":
        m.loc[k, k] = 1
    m.loc["a", "b"] = 2
    m.loc["c", "d"] = 3
    with pytest.raises(PrioritisationError, match=r"groups: a, b \| c, d"):
        ahp(m, method="harker")


def test_labels_must_match_and_table_must_cover_size():
    with pytest.raises(PrioritisationError, match="only in rows: z"):
        ahp(pd.DataFrame([[1, 2], [0.5, 1]], index=["a", "z"], columns=["a", "b"]))
    big = np.ones((11, 11))
    with pytest.raises(PrioritisationError, match=r"no value for 11 items.*1\.\.10"):
        ahp(big)
    assert ahp(big, random_index="saaty2005").consistency_ratio == pytest.approx(0, abs=1e-9)
    with pytest.raises(PrioritisationError, match="did you mean 'saaty2005'"):
        ahp(big, random_index="saaty2004")


def test_columns_in_other_order_are_aligned():
    m = pd.DataFrame([[1, 3], [1 / 3, 1]], index=["a", "b"], columns=["a", "b"])
    r = ahp(m[["b", "a"]])
    assert r.weights.to_dict() == pytest.approx({"a": 0.75, "b": 0.25})


def test_two_items_always_consistent():
    r = ahp([[1, 9], [1 / 9, 1]])
    assert r.consistency_ratio == 0 and r.consistency_index == 0
    np.testing.assert_allclose(r.weights, [0.9, 0.1])


def test_dict_of_judgements_builds_the_matrix():
    r = ahp({("a", "b"): 2, ("b", "c"): 3}, method="harker")
    # as the hand-worked Harker example above: a_13 completes to 6, weights .6 .3 .1
    np.testing.assert_allclose(r.weights, [0.6, 0.3, 0.1], atol=1e-9)
    assert r.missing == [("a", "c")]
    # both directions given: they must be reciprocal
    with pytest.raises(PrioritisationError, match=r"\(a, b\) = 2 but \(b, a\) = 3"):
        ahp({("a", "b"): 2, ("b", "a"): 3})


def test_html_summary_escapes_labels_and_names_the_judgement_to_revisit():
    labels = ["<b>size</b>", *HOUSE_LABELS[1:]]
    house = HOUSE.set_axis(labels, axis=0).set_axis(labels, axis=1)
    text = ahp(house)._repr_html_()
    assert "&lt;b&gt;size&lt;/b&gt;" in text and "<b>size</b>" not in text
    assert "CR = 0.169" in text
    assert "Revisit first: neighbourhood vs condition (judged 6" in text
