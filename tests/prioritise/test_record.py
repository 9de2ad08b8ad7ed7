"""Decision records: gates then ranking, results worked out by hand, Excel and dict export."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest

from orgmodel.prioritise.checklist import Checklist, Criterion, Gate, Initiative, Scale
from orgmodel.prioritise.record import decision_record


def _two_criteria(gates=()):
    return Checklist(
        "to",
        {"nb": "To kriterier"},
        language="nb",
        criteria=[Criterion("nytte", {"nb": "Nytte"}), Criterion("gevinst", {"nb": "Gevinst"})],
        gates=list(gates),
    )


ANSWERS = {
    "A": {"nytte": "ja", "gevinst": "nei"},  # 1, 0
    "B": {"nytte": "nei", "gevinst": "ja"},  # 0, 1
    "C": {"nytte": "delvis", "gevinst": "delvis"},  # 0.5, 0.5
}


def test_weighted_sum_on_the_yes_partly_no_scale_by_hand():
    # weights 3:1 -> 0.75 / 0.25; yes=1, partly=0.5, no=0 on the scale's own range
    # A = 0.75*1 + 0.25*0 = 0.75; B = 0.25; C = 0.75*0.5 + 0.25*0.5 = 0.5
    rec = decision_record(_two_criteria(), answers=ANSWERS, weights={"nytte": 3, "gevinst": 1})
    assert rec.results["score"].to_dict() == pytest.approx({"A": 0.75, "C": 0.5, "B": 0.25})
    assert rec.ranking() == ["A", "C", "B"]
    assert rec.weights.to_dict() == {"nytte": 0.75, "gevinst": 0.25}
    assert rec.answers.loc["C"].tolist() == ["delvis", "delvis"]


def test_topsis_and_promethee_by_hand():
    scores = pd.DataFrame({"nytte": [1.0, 0.0], "gevinst": [0.0, 1.0]}, index=["A", "B"])
    w = {"nytte": 0.75, "gevinst": 0.25}
    # TOPSIS, vector normalisation: columns are already unit vectors; weighted A=(.75, 0),
    # B=(0, .25); ideal (.75, .25), anti-ideal (0, 0): A d+=.25 d-=.75 -> .75; B -> .25
    top = decision_record(_two_criteria(), scores, weights=w, method="topsis")
    assert top.results["score"].to_dict() == pytest.approx({"A": 0.75, "B": 0.25})
    # PROMETHEE II, usual criterion: pi(A,B)=.75, pi(B,A)=.25; n-1 = 1 -> net A=.5, B=-.5
    pro = decision_record(_two_criteria(), scores, weights=w, method="promethee_ii")
    assert pro.results["score"].to_dict() == pytest.approx({"A": 0.5, "B": -0.5})


def test_failing_initiatives_are_excluded_but_shown():
    c = _two_criteria([Gate("finansiert", {"nb": "Er tiltaket finansiert?"})])
    rec = decision_record(
        c,
        answers=ANSWERS,
        gate_answers={
            "A": {"finansiert": "nei"},
            "B": {"finansiert": "ja"},
            "C": {"finansiert": "ja"},
        },
        weights={"nytte": 3, "gevinst": 1},
    )
    # without A: C = 0.5, B = 0.25 (as above)
    assert rec.ranking() == ["C", "B"]
    assert list(rec.results.index) == ["C", "B", "A"]
    assert rec.results.at["A", "status"] == "excluded"
    assert pd.isna(rec.results.at["A", "rank"])
    assert rec.excluded().to_dict() == {"A": "finansiert: answered no, must be yes"}


def test_initiative_names_order_and_unknown_ids():
    rec = decision_record(
        _two_criteria(),
        answers=ANSWERS,
        initiatives=[Initiative("B", "Bee"), Initiative("A", "Ay"), Initiative("C", "Cee"), "D"],
    )
    assert rec.results.loc["B", "name"] == "Bee"
    # D has no answers: not ranked, shown as unscored; the others as in the first test
    # but with equal weights: A = B = 0.5, C = 0.5 -> all tied at rank 1
    assert rec.scores.loc["D"].isna().all()
    assert rec.results.at["D", "status"] == "unscored"
    assert rec.results["rank"].tolist()[:3] == [1, 1, 1]


def test_both_or_neither_input_refused():
    with pytest.raises(ValueError, match="either scores or answers"):
        decision_record(_two_criteria())


def test_excel_has_one_sheet_per_table_and_formulas_stay_text(tmp_path):
    evil = '=HYPERLINK("http://x","klikk")'
    c = _two_criteria([Gate("finansiert", {"nb": "Finansiert?"})])
    rec = decision_record(
        c,
        answers={
            evil: {"nytte": "ja", "gevinst": "ja"},
            "+plus": {"nytte": "nei", "gevinst": "ja"},
        },
        gate_answers={evil: {"finansiert": "ja"}, "+plus": {"finansiert": "ja"}},
        decided_by="@styret",
        notes="-merknad",
        date="2026-03-01",
    )
    path = rec.to_excel(tmp_path / "beslutning.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beslutning.xlsx"]  # no temp file left
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "Summary", "Results", "Weights", "Criteria", "Scores", "Answers", "Gate answers", "Gates"
    ]  # fmt: skip
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    dangerous = [c for c in cells if c.value.startswith(("=", "+", "-", "@"))]
    assert {c.value for c in dangerous} >= {evil, "+plus", "@styret", "-merknad"}
    assert all(c.data_type == "s" and c.quotePrefix for c in dangerous)
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["date"] == "2026-03-01" and summary["decided_by"] == "@styret"
    assert summary["method"] == "Weighted sum"
    results = list(wb["Results"].iter_rows(values_only=True))
    assert results[0][:3] == ("initiative", "name", "gate")
    assert [r[0] for r in results[1:]] == [evil, "+plus"]  # evil: 1 + 1 beats 0 + 1


def test_excel_export_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"old")
    rec = decision_record(_two_criteria(), answers=ANSWERS)

    def broken(self, filename):
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    with pytest.raises(OSError, match="disk full"):
        rec.to_excel(path)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_to_dict_is_plain_json():
    c = _two_criteria([Gate("finansiert", {"nb": "Finansiert?"})])
    rec = decision_record(
        c,
        answers=ANSWERS,
        gate_answers={"A": {"finansiert": "nei"}},
        weight_method="ahp",
        weight_details={"consistency_ratio": 0.0, "pairwise": pd.DataFrame([[1, 3], [1 / 3, 1]])},
        date="2026-03-01",
    )
    d = json.loads(json.dumps(rec.to_dict()))
    assert d["orgmodel-decision-record"] == 1
    assert d["checklist"]["id"] == "to"
    assert d["results"]["A"]["status"] == "excluded" and d["results"]["A"]["rank"] is None
    assert d["weight_method"] == "ahp" and d["weight_details"]["consistency_ratio"] == 0.0
    assert d["answers"]["C"] == {"nytte": "delvis", "gevinst": "delvis"}


def test_numeric_criteria_use_their_direction():
    c = Checklist(
        "k",
        "k",
        criteria=[
            Criterion("nytte", "Nytte", Scale.one_to_five()),
            Criterion("kost", "Kostnad", Scale.numeric(0, 10, "min")),
        ],
    )
    scores = pd.DataFrame({"nytte": [5, 5], "kost": [2, 8]}, index=["billig", "dyr"])
    # equal benefit; on the 0..10 cost scale reversed: billig 0.8, dyr 0.2 -> billig first
    # (0.5*1 + 0.5*0.8 = 0.9 vs 0.5*1 + 0.5*0.2 = 0.6)
    rec = decision_record(c, scores)
    assert rec.results["score"].to_dict() == pytest.approx({"billig": 0.9, "dyr": 0.6})
