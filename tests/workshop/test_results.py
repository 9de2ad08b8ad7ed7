"""Round results: the group's ranking, spread and Kendall's W, worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from orgmodel.workshop.results import compare_rounds, results_from_store, round_results, to_record

JOIN_CODE = "K7Q2MX"  # the code the fixture `workshop` sets

# Three participants, three initiatives; need on ja/delvis/nei (1/0.5/0), effect on 1-5.
ANSWERS = {
    "ann": {"a": ("yes", 5), "b": ("partly", 3), "c": ("no", 1)},
    "bo": {"a": ("yes", 4), "b": ("no", 2), "c": ("partly", 2)},
    "cy": {"a": ("partly", 3), "b": ("yes", 5), "c": ("no", 1)},
}


@pytest.fixture
def filled(store, workshop):
    for name, rows in ANSWERS.items():
        p = store.join("w1", JOIN_CODE, name)
        batch = []
        for ini, (need, effect) in rows.items():
            batch += [(ini, "need", need), (ini, "effect", effect)]
        store.submit(p.token, 1, batch)
    return store


def test_group_ranking_spread_and_kendall_w_by_hand(filled, checklist, initiatives):
    r = results_from_store(filled, "w1")
    # mean need: a 2.5/3, b 1.5/3, c 0.5/3; mean effect: a 4, b 10/3, c 4/3 -> (x-1)/4 on 1-5;
    # weights 2/3 and 1/3:
    # a = 2/3 * 0.8333 + 1/3 * 0.75   = 0.80556
    # b = 2/3 * 0.5    + 1/3 * 0.5833 = 0.52778
    # c = 2/3 * 0.1667 + 1/3 * 0.0833 = 0.13889
    assert r.ranking.index.tolist() == ["a", "b", "c"]
    assert r.ranking["score"].tolist() == pytest.approx([0.80556, 0.52778, 0.13889], abs=1e-5)
    assert r.ranking["rank"].tolist() == [1, 2, 3]
    assert r.ranking["name"].tolist() == ["Alpha", "Beta", "Gamma"]
    assert r.ranking["n_raters"].tolist() == [3, 3, 3]
    # largest disagreement: effect on b, scores 3, 2, 5: sample sd sqrt(14/3 / 2) = 1.5275
    top = r.disagreement.iloc[0]
    assert (top["alternative"], top["criterion"]) == ("b", "effect")
    assert top["std"] == pytest.approx(1.527525, abs=1e-6)
    # each participant's own weighted score: ann a 1, b .5, c 0; bo a .9167, b .0833,
    # c .4167; cy a .5, b 1, c 0 -> rank sums (1 = lowest) a 8, b 6, c 4, mean 6,
    # S = 8, W = 12 S / (m^2 (n^3 - n)) = 96 / 216 = 0.4444 (no ties)
    assert r.concordance.w == pytest.approx(96 / 216)
    assert (r.concordance.n_raters, r.concordance.n_items) == (3, 3)
    assert r.n_complete == 3


def test_incomplete_participants_are_left_out_of_w_but_not_of_the_scores(
    filled, checklist, initiatives
):
    dan = filled.join("w1", JOIN_CODE, "dan")
    filled.submit(dan.token, 1, [("c", "need", "yes")])
    r = results_from_store(filled, "w1")
    assert r.n_raters == 4 and r.n_complete == 3
    assert "1 left out" in r.concordance_note
    # need on c: (0 + 0.5 + 0 + 1) / 4
    assert r.scores.loc["c", "need"] == pytest.approx(0.375)
    assert r.ranking.loc["c", "n_raters"] == 4


def test_no_answers_yet_gives_an_empty_unranked_table(store, workshop, checklist, initiatives):
    r = results_from_store(store, "w1")
    assert r.ranking.index.tolist() == ["a", "b", "c"]
    assert r.ranking["rank"].isna().all()
    assert r.concordance is None and "2 participants" in r.concordance_note


def test_change_between_rounds(filled, checklist, initiatives):
    r1 = results_from_store(filled, "w1", 1)
    filled.open_round("w1")
    # round 2: one participant, who now prefers c over a over b
    eve = filled.join("w1", JOIN_CODE, "eve")
    filled.submit(
        eve.token, 2, [("a", "need", "partly"), ("b", "need", "no"), ("c", "need", "yes")]
    )
    r2 = results_from_store(filled, "w1")
    change = compare_rounds(r1, r2)
    assert change.index.tolist() == ["c", "a", "b"]
    assert change["rank_before"].tolist() == [3, 1, 2]
    assert change["moved"].tolist() == [2, -1, -1]


def test_record_exports_to_excel(filled, checklist, initiatives, tmp_path):
    r = results_from_store(filled, "w1")
    rec = to_record(r, checklist, initiatives, decided_by="Workshop")
    assert rec.ranking() == ["a", "b", "c"]
    path = rec.to_excel(tmp_path / "out.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert {"ratings", "disagreement", "kendall w"} <= set(sheets)
    assert len(sheets["ratings"]) == 18  # 3 participants x 3 initiatives x 2 criteria
    assert sheets["kendall w"]["W"].iloc[0] == pytest.approx(96 / 216)


def test_round_results_on_a_plain_table(checklist):
    ratings = pd.DataFrame(
        {
            "rater": ["x", "y"],
            "alternative": ["a", "a"],
            "criterion": ["effect", "effect"],
            "score": [2.0, 4.0],
        }
    )
    r = round_results(checklist, ["a", "b"], ratings, how="median")
    assert r.scores.loc["a", "effect"] == 3.0
    assert r.ranking.index.tolist() == ["a", "b"] and pd.isna(r.ranking.loc["b", "rank"])


def test_kendall_w_on_an_open_numeric_scale_ranks_each_participant_on_their_own():
    from orgmodel.prioritise.checklist import Checklist, Criterion, Scale

    # one cost criterion, no bounds: each participant's scores are normalised over their
    # own range, (max - v) / (max - min). x: a 1, b .5, c 0; y: a 1, b 0, c .5.
    # Ranks (1 = lowest): x a3 b2 c1, y a3 b1 c2; sums a 6, b 3, c 3, mean 4; S = 6;
    # W = 12 * 6 / (2^2 * (27 - 3)) = 72 / 96 = 0.75
    c = Checklist("cost", {"en": "Cost"}, criteria=[Criterion("cost", {"en": "Cost"},
                  scale=Scale.numeric(direction="min"), direction="min")])  # fmt: skip
    ratings = pd.DataFrame(
        {
            "rater": ["x"] * 3 + ["y"] * 3,
            "alternative": ["a", "b", "c"] * 2,
            "criterion": ["cost"] * 6,
            "score": [1.0, 2.0, 3.0, 1.0, 3.0, 2.0],
        }
    )
    r = round_results(c, ["a", "b", "c"], ratings)
    assert r.concordance.w == pytest.approx(0.75)
    assert r.n_complete == 2


def test_change_right_after_a_new_round_opens_keeps_the_earlier_order(checklist):
    # round 1: one rater, need only: a no (0), b yes (1), c partly (0.5) -> b, c, a
    r1 = round_results(
        checklist,
        ["a", "b", "c"],
        pd.DataFrame(
            {
                "rater": ["x"] * 3,
                "alternative": ["a", "b", "c"],
                "criterion": ["need"] * 3,
                "score": [0.0, 1.0, 0.5],
            }
        ),
    )
    empty = pd.DataFrame(columns=["rater", "alternative", "criterion", "score"])
    change = compare_rounds(r1, round_results(checklist, ["a", "b", "c"], empty))
    assert change.index.tolist() == ["b", "c", "a"]  # nothing ranked in round 2 yet
    assert change["rank_before"].tolist() == [1, 2, 3]
    assert change["rank_after"].isna().all() and change["moved"].isna().all()
