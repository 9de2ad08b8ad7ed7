"""``orgmodel report scenario`` and ``orgmodel report prioritisation`` on real files."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from report_inputs import KS_ANSWERS, KS_INITIATIVES, KS_POINTS, ks_gate_answers

from orgmodel.errors import FormatError, UnsupportedFormatError, ValidationError
from orgmodel.report.cli import add_report_command, load_decision_record, load_prioritisation

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
pytestmark = pytest.mark.filterwarnings("ignore:the chart .* is too large:UserWarning")


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="orgmodel")
    add_report_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return args.run(args)


def test_scenario_report_from_a_model_and_a_scenario_file(tmp_path, capsys):
    out = tmp_path / "angelholm.xlsx"
    code = run(
        "report", "scenario",
        str(EXAMPLES / "angelholm-2014.yaml"),
        str(EXAMPLES / "angelholm-2015.scenario.yaml"),
        str(EXAMPLES / "angelholm-2015.yaml"),
        "-o", str(out),
        "--needs", str(EXAMPLES / "angelholm-needs.yaml"),
    )  # fmt: skip
    assert code == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    wb = openpyxl.load_workbook(out)
    ws = wb["Key figures"]
    header = [c.value for c in ws[1]]
    # the base, the scenario (its name) and the 2015 model (its name)
    assert header == [
        "Key figure",
        "Ängelholms kommun 2014 (före omorganisationen)",
        "Ängelholm 2015: en agil utvecklings- och servicekommun",
        "Ängelholms kommun 2015 (ny kommunorganisation)",
    ]
    rows = {r[0]: r[1:] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["Posts"] == (107, 107, 107)
    assert rows["Yearly cost, MSEK"] == pytest.approx((2390, 2390, 2390))
    # one row per need of angelholm-needs.yaml (the three citizen cases)
    assert sum(1 for k in rows if k.startswith("Units needed: ")) == 3


def test_scenario_report_as_pptx(tmp_path):
    out = tmp_path / "a.pptx"
    assert run("report", "scenario", str(EXAMPLES / "angelholm-2014.yaml"),
               str(EXAMPLES / "angelholm-2015.yaml"), "-o", str(out), "--title", "Ängelholm") == 0  # fmt: skip
    titles = [s.shapes.title.text for s in Presentation(out).slides]
    assert titles[0] == "Ängelholm"
    assert "Before and after: Ängelholms kommun 2015 (ny kommunorganisation)" in titles


def test_bad_output_suffix(tmp_path):
    with pytest.raises(UnsupportedFormatError, match=r"'\.pdf'.*valid suffixes"):
        run("report", "scenario", str(EXAMPLES / "angelholm-2014.yaml"),
            str(EXAMPLES / "angelholm-2015.yaml"), "-o", str(tmp_path / "a.pdf"))  # fmt: skip


def write_ks_inputs(folder: Path, **extra: str) -> Path:
    from orgmodel.prioritise.checklist import load_template

    criteria = load_template("ks-prioriteringskriterier").criterion_ids
    with open(folder / "answers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["initiative", *criteria])
        for ini, answers in KS_ANSWERS.items():
            w.writerow([ini, *answers])
    gates = ks_gate_answers()
    questions = list(next(iter(gates.values())))
    with open(folder / "gates.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["initiative", *questions])
        for ini, answers in gates.items():
            w.writerow([ini, *(answers[q] for q in questions)])
    with open(folder / "initiatives.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name"])
        w.writerows(KS_INITIATIVES.items())
    weights = "\n".join(f"  {c}: {p}" for c, p in zip(criteria, KS_POINTS, strict=True))
    lines = [
        "orgmodel-prioritisation: 1",
        "title: KS-prioritering",
        "checklist: ks-prioriteringskriterier",
        "gates_from: ks-statlige-prosjekter",
        "initiatives: initiatives.csv",
        "answers: answers.csv",
        "gate_answers: gates.csv",
        f"weights:\n{weights}",
        "decided_by: Prioriteringsverksted",
        "date: 2026-11-23",
        "sensitivity: {tornado: true, smaa_samples: 500, seed: 1}",
        *(f"{k}: {v}" for k, v in extra.items()),
    ]
    path = folder / "inputs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_prioritisation_inputs_file(tmp_path, ks_record):
    record, options = load_prioritisation(write_ks_inputs(tmp_path))
    # the same ranking and scores as the record built in code from the same inputs
    assert record.ranking() == ks_record.ranking()
    assert record.results["score"].tolist() == pytest.approx(
        ks_record.results["score"].tolist(), nan_ok=True
    )
    assert record.date == "2026-11-23"
    assert options["title"] == "KS-prioritering"
    assert options["tornado"].attrs["alternative"] == "digi-innbygger"
    assert options["smaa"].n_samples == 500


@pytest.mark.parametrize("suffix", [".pptx", ".xlsx", ".html"])
def test_prioritisation_report_command(tmp_path, suffix):
    out = tmp_path / f"ks{suffix}"
    assert run("report", "prioritisation", str(write_ks_inputs(tmp_path)), "-o", str(out)) == 0
    if suffix == ".pptx":
        titles = [s.shapes.title.text for s in Presentation(out).slides]
        assert titles[0] == "KS-prioritering"
        for title in ("Ranking", "Ranking chart", "Tornado chart: Felles digitale innbyggertjenester",
                      "SMAA rank acceptability", "Rank acceptability chart"):  # fmt: skip
            assert title in titles
    elif suffix == ".xlsx":
        wb = openpyxl.load_workbook(out)
        assert {"Summary", "Criteria", "Gates", "Gate verdicts", "Answers", "Ranking",
                "Tornado", "SMAA"} <= set(wb.sheetnames)  # fmt: skip
        ranking = wb["Ranking"]
        assert [c.value for c in ranking[1]] == ["Initiative id", "Rank", "Initiative", "Score",
                                                  "Status", "Reason"]  # fmt: skip
        assert ranking["A2"].value == "digi-innbygger"
        assert ranking["D2"].value == pytest.approx(
            32 / 34
        )  # by hand, see test_report_prioritisation
        assert ranking["D2"].number_format == "0.000"
    else:
        page = out.read_text(encoding="utf-8")
        assert "<td>Felles digitale innbyggertjenester</td><td class='num'>0.941</td>" in page


def test_prioritisation_inputs_problems_are_listed_with_lines(tmp_path):
    path = tmp_path / "inputs.yaml"
    path.write_text(
        "orgmodel-prioritisation: 1\nanswer: answers.csv\nweigths: {a: 1}\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError) as info:
        load_prioritisation(path)
    text = str(info.value)
    assert (
        "inputs.yaml, line 2: prioritisation, field answer: unknown key; did you mean 'answers'"
        in text
    )
    assert (
        "inputs.yaml, line 3: prioritisation, field weigths: unknown key; did you mean 'weights'"
        in text
    )
    assert "give the checklist" in text
    assert "give either answers (labels) or scores (numbers)" in text
    assert len(info.value.report.errors) == 4


def test_saved_decision_record_json(tmp_path, ks_record):
    import json

    path = tmp_path / "record.json"
    path.write_text(json.dumps(ks_record.to_dict(), ensure_ascii=False), encoding="utf-8")
    record = load_decision_record(path)
    assert record.ranking() == ks_record.ranking()
    assert record.results["score"].tolist() == pytest.approx(
        ks_record.results["score"].tolist(), nan_ok=True
    )
    assert record.decided_by == "Prioriteringsverksted"
    out = tmp_path / "ks.xlsx"
    assert (
        run("report", "prioritisation", str(path), "-o", str(out), "--tornado", "--smaa", "300")
        == 0
    )
    sheets = openpyxl.load_workbook(out).sheetnames
    assert "Tornado" in sheets and "SMAA" in sheets


def test_edited_decision_record_is_refused(tmp_path, ks_record):
    import json

    data = ks_record.to_dict()
    data["results"]["ny-kommune"]["rank"] = 1  # edited by hand: not what the inputs give
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FormatError, match=r"differ .* for 'ny-kommune'"):
        load_decision_record(path)
    path.write_text('{"something": 1}', encoding="utf-8")
    with pytest.raises(FormatError, match="not a saved decision record"):
        load_decision_record(path)
