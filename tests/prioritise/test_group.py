"""Tests for orgmodel.prioritise.group."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from orgmodel.prioritise.ahp import ahp
from orgmodel.prioritise.errors import PrioritisationError
from orgmodel.prioritise.group import (
    aggregate_pairwise,
    aggregate_priorities,
    aggregate_scores,
    disagreement,
    kendall_w,
    long_ratings,
)

LONG = pd.DataFrame(
    {
        "rater": ["ann", "ann", "ann", "bo", "bo", "bo", "cy", "cy"],
        "alternative": ["x", "x", "y", "x", "x", "y", "x", "y"],
        "criterion": ["need", "cost", "need", "need", "cost", "need", "need", "need"],
        "score": [4, 2, 1, 5, 4, 3, 3, None],
    }
)


def test_aggregate_scores_mean_median_and_missing_not_zero():
    mean = aggregate_scores(LONG)
    # need/x: (4 + 5 + 3) / 3 = 4; cost/x: (2 + 4) / 2 = 3; need/y: (1 + 3) / 2 = 2
    # (cy's missing y is left out, not a zero); cost/y: nobody -> NaN
    assert mean.loc["x", "need"] == 4 and mean.loc["x", "cost"] == 3
    assert mean.loc["y", "need"] == 2
    assert np.isnan(mean.loc["y", "cost"])
    assert list(mean.columns) == ["need", "cost"] and list(mean.index) == ["x", "y"]
    assert aggregate_scores(LONG, "median").loc["x", "need"] == 4
    # min_raters=3: only need/x has three ratings
    strict = aggregate_scores(LONG, min_raters=3)
    assert strict.notna().sum().sum() == 1


def test_dict_of_frames_equals_long_table():
    wide = {
        "ann": pd.DataFrame({"need": [4, 1], "cost": [2, None]}, index=["x", "y"]),
        "bo": pd.DataFrame({"need": [5, 3], "cost": [4, None]}, index=["x", "y"]),
        "cy": pd.DataFrame({"need": [3, None]}, index=["x", "y"]),
    }
    pd.testing.assert_frame_equal(aggregate_scores(wide), aggregate_scores(LONG))


def test_ratings_problems_all_listed():
    bad = LONG.astype({"score": object})
    bad.loc[1, "score"] = "high"
    bad.loc[8] = ["ann", "x", "need", 2]
    with pytest.raises(PrioritisationError) as err:
        long_ratings(bad)
    text = str(err.value)
    assert "row 2: score 'high' is not a number" in text
    assert "rater ann rated alternative x on need more than once" in text
    with pytest.raises(PrioritisationError, match="missing column"):
        long_ratings(LONG.drop(columns="rater"))


def test_disagreement_by_hand_sorted_and_flagged():
    d = disagreement(LONG, threshold=1.2)
    top = d.iloc[0]
    # cost/x: 2 and 4 -> std sqrt(2) = 1.414, range 2; need/x: 4, 5, 3 -> std 1, range 2;
    # need/y: 1 and 3 -> std 1.414 too (kept in table order by stable sort)
    assert (top["alternative"], top["criterion"]) == ("x", "cost")
    assert top["std"] == pytest.approx(np.sqrt(2))
    assert d["flagged"].tolist() == [True, True, False]
    assert d.set_index(["alternative", "criterion"]).loc[("x", "need"), "iqr"] == 1.0
    r = disagreement(LONG, measure="range")
    assert r["range"].tolist() == [2.0, 2.0, 2.0]


def test_aggregate_pairwise_geometric_mean_by_hand():
    a = pd.DataFrame([[1, 2], [1 / 2, 1]], index=["p", "q"], columns=["p", "q"])
    b = pd.DataFrame([[1, 8], [1 / 8, 1]], index=["p", "q"], columns=["p", "q"])
    g = aggregate_pairwise({"ann": a, "bo": b})
    # sqrt(2 * 8) = 4; reciprocal kept
    assert g.loc["p", "q"] == pytest.approx(4) and g.loc["q", "p"] == pytest.approx(1 / 4)
    # weights 3:1 -> 2^0.75 * 8^0.25 = 2^1.5
    w = aggregate_pairwise({"ann": a, "bo": b}, weights={"ann": 3, "bo": 1})
    assert w.loc["p", "q"] == pytest.approx(2**1.5)
    # a missing judgement is the mean of the raters who gave it
    c = pd.DataFrame([[1, np.nan], [np.nan, 1]], index=["p", "q"], columns=["p", "q"])
    assert aggregate_pairwise([a, c]).loc["p", "q"] == pytest.approx(2)
    with pytest.raises(PrioritisationError, match="geometric mean"):
        aggregate_pairwise([a, b], how="arithmetic")
    other = pd.DataFrame([[1, 2], [1 / 2, 1]], index=["p", "r"], columns=["p", "r"])
    with pytest.raises(PrioritisationError, match="rater 1 compares p, r; expected p, q"):
        aggregate_pairwise([a, other])


def test_aggregate_priorities_geometric_and_arithmetic():
    # geometric: sqrt(.5 * .8) = .6325, sqrt(.5 * .2) = .3162 -> 2/3, 1/3
    g = aggregate_priorities([{"a": 0.5, "b": 0.5}, {"a": 0.8, "b": 0.2}])
    assert g.tolist() == pytest.approx([2 / 3, 1 / 3])
    ar = aggregate_priorities([{"a": 0.5, "b": 0.5}, {"a": 0.8, "b": 0.2}], "arithmetic")
    assert ar.tolist() == pytest.approx([0.65, 0.35])
    r1 = ahp([[1, 3], [1 / 3, 1]])  # 0.75, 0.25
    r2 = ahp([[1, 1], [1, 1]])  # 0.5, 0.5
    # sqrt(.375) = .6124, sqrt(.125) = .3536 -> .634, .366
    assert aggregate_priorities({"ann": r1, "bo": r2}).tolist() == pytest.approx(
        [
            np.sqrt(0.375) / (np.sqrt(0.375) + np.sqrt(0.125)),
            np.sqrt(0.125) / (np.sqrt(0.375) + np.sqrt(0.125)),
        ]
    )


def test_kendall_w_proofwiki_example():
    # ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1":
    # judges A-D rank competitors X, Y, Z; rank sums 7, 9, 8; S = 2; W = 1/16.
    ranks = pd.DataFrame(
        [[1, 3, 2], [1, 2, 3], [2, 3, 1], [3, 1, 2]],
        index=["A", "B", "C", "D"],
        columns=["X", "Y", "Z"],
    )
    r = kendall_w(ranks)
    assert r.w == pytest.approx(1 / 16)
    assert (r.n_raters, r.n_items, r.df) == (4, 3, 2)
    # chi2 = m (n - 1) W = 4 * 2 / 16 = 0.5
    assert r.chi2 == pytest.approx(0.5)
    assert r.p_value == pytest.approx(np.exp(-0.25))  # chi2 sf with 2 df is exp(-x/2)


def test_kendall_w_ties_by_hand_and_against_friedman():
    # rater 1 ties the first two items: ranks 1.5, 1.5, 3, 4 -> T = 2^3 - 2 = 6.
    # rank sums 4.5, 5.5, 8, 12; mean 7.5; S = 9 + 4 + 0.25 + 20.25 = 33.5;
    # W = 12 * 33.5 / (9 * 60 - 3 * 6) = 402 / 522 = 0.77011
    scores = pd.DataFrame([[1, 1, 3, 4], [2, 1, 3, 4], [1, 3, 2, 4]])
    r = kendall_w(scores)
    assert r.tie_correction == 6
    assert r.w == pytest.approx(402 / 522)
    # Friedman's tie-corrected chi-square (scipy) equals m (n - 1) W
    friedman = stats.friedmanchisquare(*scores.to_numpy().T)
    assert r.chi2 == pytest.approx(friedman.statistic)
    assert r.p_value == pytest.approx(friedman.pvalue)


def test_kendall_w_perfect_agreement_and_errors():
    assert kendall_w([[10, 20, 30], [1, 2, 3]]).w == pytest.approx(1.0)
    with pytest.raises(PrioritisationError, match="rater 1, item 2: missing"):
        kendall_w(pd.DataFrame([[1, 2, 3], [1, 2, np.nan]]))
    with pytest.raises(PrioritisationError, match="at least 2 raters"):
        kendall_w(pd.DataFrame([[1, 2, 3]]))


def test_kendall_w_from_long_ratings_per_criterion():
    # the ProofWiki example again, as a long table with a second criterion beside it
    ranks = {"A": [1, 3, 2], "B": [1, 2, 3], "C": [2, 3, 1], "D": [3, 1, 2]}
    rows = [
        (judge, alt, crit, r if crit == "skill" else 1 + k)
        for judge, values in ranks.items()
        for k, (alt, r) in enumerate(zip("XYZ", values, strict=True))
        for crit in ("skill", "style")
    ]
    long = pd.DataFrame(rows, columns=["rater", "alternative", "criterion", "score"])
    assert kendall_w(long, criterion="skill").w == pytest.approx(1 / 16)
    # everyone gave style 1, 2, 3 in the same order: perfect agreement
    assert kendall_w(long, criterion="style").w == pytest.approx(1.0)
    with pytest.raises(PrioritisationError, match="several criteria"):
        kendall_w(long)
    with pytest.raises(PrioritisationError, match="no ratings on criterion 'taste'"):
        kendall_w(long, criterion="taste")
