"""Survey import with a column mapping, bad rows with their lines, the generated example."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from orgmodel.errors import FormatError, ValidationError
from orgmodel.followup.survey import (
    generate_survey,
    read_responses,
    responses_from_frame,
    write_responses_csv,
)
from orgmodel.followup.targets import EffectTarget, evaluate_targets, read_targets

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

TARGETS = [
    EffectTarget(
        "nk", "konf", "70 %", "ny_kunskap", "deltagare", 0.7, positive=[4, 5], scale=[1, 2, 3, 4, 5]
    ),
    EffectTarget(
        "stod",
        "stod",
        "80 %",
        "nya_perspektiv",
        "lokala-parter",
        0.8,
        positive=["ja"],
        scale=["ja", "nej", "vet ej"],
    ),
]
MAPPING = {
    "respondent": "Svars-id",
    "population": "Grupp",
    "ny_kunskap": "Fråga 1",
    "nya_perspektiv": "Fråga 2",
}

CSV = """\
# Enkät efter konferensen (test)
Svars-id;Grupp;Fråga 1;Fråga 2
r1;deltagare;5;
r2;deltagare;4,0;
r3;deltagare;6;
;deltagare;3;
r5;lokala-parter;;Ja
r6;lokala parter;;ja
r2;deltagare;2;
r8;lokala-parter;;kanske

r9;deltagare;;
"""


def test_csv_with_mapping_reports_every_bad_row_with_its_line(tmp_path):
    path = tmp_path / "enkät.csv"
    path.write_text(CSV, encoding="utf-8")
    got = read_responses(path, TARGETS, MAPPING)
    # lines counted in CSV above (the comment is line 1, the header line 2)
    assert [(p.location.line, p.code, p.field) for p in got.report] == [
        (5, "bad_answer", "ny_kunskap"),  # 6 is off the 1-5 scale
        (6, "missing_respondent", "respondent"),
        (8, "unknown_population", "population"),  # "lokala parter" without the hyphen
        (9, "duplicate_respondent", "respondent"),  # r2 again
        (10, "bad_answer", "nya_perspektiv"),  # kanske
    ]
    assert "did you mean 'lokala-parter'" in got.report.to_text()
    assert "respondent 'r2' also on line 4" in got.report.to_text()
    # the good rows, with answers as the scale writes them ("4,0" -> "4", "Ja" -> "ja")
    assert got.responses.fillna("").values.tolist() == [  # "" = no answer
        ["r1", "deltagare", "5", ""],
        ["r2", "deltagare", "4", ""],
        ["r5", "lokala-parter", "", "ja"],
        ["r9", "deltagare", "", ""],
    ]
    with pytest.raises(ValidationError, match="5 errors"):
        got.raise_if_errors()


def test_excel_rows_are_reported_with_sheet_and_row(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Svar"
    ws.append(["Svars-id", "Grupp", "Fråga 1", "Fråga 2"])
    ws.append(["r1", "deltagare", 5, None])
    ws.append(["r2", "deltagare", 0, None])
    ws.append([None, None, None, None])  # an empty row is skipped, not an error
    ws.append(["r4", "lokala-parter", None, "nej"])
    path = tmp_path / "enkät.xlsx"
    wb.save(path)
    got = read_responses(path, TARGETS, MAPPING)
    assert [(p.location.sheet, p.location.row, p.code) for p in got.report] == [
        ("Svar", 3, "bad_answer")
    ]
    assert got.responses["respondent"].tolist() == ["r1", "r4"]


def test_a_missing_column_names_the_close_headers(tmp_path):
    path = tmp_path / "enkät.csv"
    path.write_text("Svars-id,Grupp,Fråga1,Fråga 2\nr1,deltagare,5,\n", encoding="utf-8")
    with pytest.raises(
        FormatError,
        match=r"'ny_kunskap' \(column 'Fråga 1'; did you mean "
        r"'Fråga1'",
    ):
        read_responses(path, TARGETS, MAPPING)


def test_frame_import_and_evaluation():
    frame = pd.DataFrame(
        {
            "respondent": ["a", "b", "c"],
            "population": ["deltagare"] * 3,
            "ny_kunskap": [5, 4, 2],
            "nya_perspektiv": [None] * 3,
        }
    )
    got = responses_from_frame(frame, TARGETS)
    assert got.ok
    ev = evaluate_targets(TARGETS, got.responses)
    assert ev.loc["nk", ["answers", "positive"]].tolist() == [3, 2]
    assert ev.loc["stod", "answers"] == 0 and ev.loc["stod", "verdict"] == "cannot tell yet"


def test_generated_survey_follows_its_rule():
    frame = generate_survey(
        TARGETS, {"deltagare": 4, "lokala-parter": 2}, {"nk": 1.0, "stod": 0.0}, seed=7
    )
    assert frame["respondent"].tolist() == [
        "deltagare-001",
        "deltagare-002",
        "deltagare-003",
        "deltagare-004",
        "lokala-parter-001",
        "lokala-parter-002",
    ]
    assert set(frame["ny_kunskap"].dropna()) <= {"4", "5"}  # share 1.0: all positive
    assert set(frame["nya_perspektiv"].dropna()) <= {"nej", "vet ej"}  # share 0: none
    assert frame.loc[frame["population"] == "deltagare", "nya_perspektiv"].isna().all()
    again = generate_survey(
        TARGETS, {"deltagare": 4, "lokala-parter": 2}, {"nk": 1.0, "stod": 0.0}, seed=7
    )
    assert again.equals(frame)
    with pytest.raises(KeyError, match="did you mean 'deltagare'"):
        generate_survey(TARGETS, {"deltagarna": 3}, {}, seed=1)


def test_written_csv_reads_back_with_its_comment_lines(tmp_path):
    frame = generate_survey(
        TARGETS, {"deltagare": 5, "lokala-parter": 3}, {"nk": 0.5, "stod": 0.5}, seed=3
    )
    path = tmp_path / "s.csv"
    write_responses_csv(frame, path, ["ILLUSTRATIVE", "two\nlines"])
    assert path.read_text(encoding="utf-8").startswith("# ILLUSTRATIVE\n# two\n# lines\n")
    got = read_responses(path, TARGETS)
    assert got.ok
    assert got.responses.fillna("").values.tolist() == frame.fillna("").values.tolist()


def test_the_bundled_survey_is_the_documented_generation():
    plan = read_targets(EXAMPLES / "partsradet-2013-targets.yaml")
    path = EXAMPLES / "partsradet-2013-survey.csv"
    assert path.read_text(encoding="utf-8").startswith("# ILLUSTRATIVE DATA - NOT REAL")
    got = read_responses(path, plan)
    assert got.ok
    p = plan.extra["illustrative_survey"]
    frame = generate_survey(plan, p["sizes"], p["shares"], seed=p["seed"], missing=p["missing"])
    assert got.responses.fillna("").values.tolist() == frame.fillna("").values.tolist()
    assert len(frame) == 140 + 45 + 60 + 14 + 22  # sizes in the targets file
