"""The command line, run in-process through ``orgmodel.cli.main``."""

import json
from pathlib import Path

import pytest

import orgmodel.io
from orgmodel.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
UK = ROOT.parent / "shared" / "data" / "uk-organograms" / "2013-09-30"

BROKEN = """\
orgmodel: 1
name: Trasig
units:
  - id: a
    parent: b
  - id: b
    parent: a
posts:
  - id: p1
    unit: a
    fte_budgeted: tre
  - id: p2
    unit: saknas
    cost: -5
"""


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_examples_exit_0(capsys):
    from orgmodel.datasets import example_names, example_path

    files = [example_path(n) for n in example_names()]  # the organisation models only
    code, out, _ = run(capsys, "validate", *files)
    assert code == 0
    assert out.count(": valid (0 errors") == len(files) >= 4


def test_validate_broken_file_lists_every_problem_with_its_line(tmp_path, capsys):
    path = tmp_path / "trasig.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, _ = run(capsys, "validate", path)
    assert code == 1
    errors = [line for line in out.splitlines() if line.strip().startswith("error:")]
    # the four planted problems, each at the line of its field in BROKEN
    expected = {
        ("line 5", "hierarchy_cycle"),  # a -> b -> a, reported on a's parent
        ("line 11", "not_a_number"),  # fte_budgeted: tre
        ("line 13", "missing_unit"),  # unit: saknas
        ("line 14", "negative_value"),  # cost: -5
    }
    found = {
        (e.split(": ")[1].split(", ")[-1], e.rsplit("[error ", 1)[1].rstrip("]")) for e in errors
    }
    assert found == expected, out


def test_validate_uk_organogram_pair(capsys):
    code, out, _ = run(
        capsys,
        "validate",
        UK / "hm-treasury-senior.csv",
        UK / "hm-treasury-junior.csv",
        "--preset",
        "uk-organogram",
        "--max-warnings",
        "0",
    )
    assert code == 0 and "valid (0 errors" in out


def test_summary_json_has_the_agreed_keys(capsys):
    code, out, _ = run(capsys, "summary", EXAMPLES / "angelholm-2015.yaml", "--json")
    assert code == 0
    data = json.loads(out)
    for key in (
        "units",
        "posts",
        "people",
        "fte_budgeted",
        "fte_actual",
        "cost",
        "layers",
        "max_span",
    ):
        assert key in data
    # the example's documented totals: 107 posts, 2,390 MSEK
    assert data["posts"] == 107 and data["cost"] == pytest.approx(2_390_000_000)


def test_convert_round_trip_yaml_xlsx_yaml(tmp_path, capsys):
    xlsx, back = tmp_path / "hjo.xlsx", tmp_path / "hjo.yaml"
    assert run(capsys, "convert", EXAMPLES / "hjo-kansliet.yaml", xlsx)[0] == 0
    assert run(capsys, "convert", xlsx, back)[0] == 0
    assert orgmodel.io.read(back) == orgmodel.io.read(EXAMPLES / "hjo-kansliet.yaml")


def test_convert_organogram_preset_to_yaml(tmp_path, capsys):
    out = tmp_path / "dcms.yaml"
    code, _text, _ = run(
        capsys,
        "convert",
        UK / "dcms-senior.csv",
        UK / "dcms-junior.csv",
        "--preset",
        "uk-organogram",
        out,
    )
    assert code == 0 and out.exists()
    org = orgmodel.io.read(out)
    # README of the data: 37 senior rows, 31 junior rows, no eliminated rows in DCMS 2013
    assert len(org.post_map) == 37 + 31


def test_apply_and_diff(tmp_path, capsys):
    out = tmp_path / "2015.yaml"
    code, text, _ = run(
        capsys,
        "apply",
        EXAMPLES / "angelholm-2014.yaml",
        EXAMPLES / "angelholm-2015.scenario.yaml",
        "-o",
        out,
    )
    assert code == 0 and "wrote" in text
    code, text, _ = run(capsys, "diff", out, EXAMPLES / "angelholm-2015.yaml", "--json")
    assert code == 0 and json.loads(text)["changes"] == []
    code, text, _ = run(capsys, "diff", EXAMPLES / "angelholm-2014.yaml", out, "--json")
    changes = json.loads(text)["changes"]
    assert (
        code == 1
        and {
            "what": "unit",
            "id": "halsa",
            "change": "created",
            "detail": "",
            "before": None,
            "after": "Hälsa",
        }
        in changes
    )


def test_apply_reports_operations_that_do_not_fit(tmp_path, capsys):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "orgmodel-scenario: 1\nname: x\noperations:\n"
        "  - {kind: rename_unit, unit: nowhere, name: X}\n",
        encoding="utf-8",
    )
    code, text, err = run(
        capsys, "apply", EXAMPLES / "hjo-kansliet.yaml", scenario, "-o", tmp_path / "o.yaml"
    )
    assert code == 1 and "FAIL   1. rename unit nowhere" in text and "nothing written" in err
    assert not (tmp_path / "o.yaml").exists()


def test_unreadable_inputs_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "summary", tmp_path / "missing.yaml")
    assert code == 2 and "missing.yaml" in err
    code, _, err = run(capsys, "convert", EXAMPLES / "hjo-kansliet.yaml", tmp_path / "x.json")
    assert code == 2 and ".json" in err


def test_chart_writes_png(tmp_path, capsys):
    out = tmp_path / "chart.png"
    code, _, _ = run(capsys, "chart", EXAMPLES / "angelholm-2015.yaml", "-o", out, "--depth", "2")
    assert code == 0 and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
