"""Reports in Swedish and Norwegian: slide titles, sheet names, headers, sentences, numbers.

The expected texts are the catalogue entries (``orgmodel/i18n/catalog/sv.yaml`` and
``nb.yaml``) written out by hand; the figures are worked out in the comments.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import matplotlib
import openpyxl
import pytest
from pptx import Presentation

matplotlib.use("Agg")

from orgmodel.i18n import language
from orgmodel.model import Organisation, Post, Unit
from orgmodel.reorg import MergeUnits, Scenario
from orgmodel.report import prioritisation_report, scenario_report
from orgmodel.report.cli import add_report_command

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _base() -> Organisation:
    return Organisation(
        [
            Unit("k", "Kommun"),
            Unit("a", "Skola", parent="k", kind="administration"),
            Unit("b", "Socialtjänst", parent="k", kind="administration"),
        ],
        [
            Post("p", unit="a", fte_budgeted=2.0, cost=600_000),
            Post("q", unit="b", fte_budgeted=1.5, cost=550_000),
        ],
        name="2014",
    )


def _merge() -> Scenario:
    return Scenario("Lärande och familj").then(
        MergeUnits(("a", "b"), into="laf", name="Lärande och familj")
    )


def test_swedish_scenario_report_pptx_titles(tmp_path):
    report = scenario_report(_base(), _merge(), lang="sv", dpi=50)
    prs = Presentation(report.to_pptx(tmp_path / "s.pptx"))
    titles = [s.shapes.title.text for s in prs.slides]
    # title slide, Overview, Key figures (table, chart), then the option: before/after,
    # what changes, changed units, changed posts
    assert titles == [
        "2014: 1 alternativ jämfört",
        "Översikt",
        "Nyckeltal",
        "Nyckeltal jämförda",
        "Före och efter: Lärande och familj",
        "Vad som ändras: Lärande och familj",
        "Ändrade enheter: Lärande och familj",
        "Ändrade tjänster: Lärande och familj",
    ]
    overview = report.sections[0].blocks[0].text.splitlines()
    # 3 units, 2 posts, 2.0 + 1.5 = 3.5 FTE, 600,000 + 550,000 SEK = 1.15 -> "1" million
    assert overview == [
        "Utgångsläge: 2014: 3 enheter, 2 tjänster, 3,5 årsarbetare i budget, 1 mnkr per år.",
        "Alternativ 1: Lärande och familj",
    ]
    assert report.sections[2].blocks[1].text.splitlines() == [
        "Enheter: 1 skapade, 2 sammanslagna med en annan.",
        "Tjänster: 2 flyttade.",
        "Nya (förvaltning): Lärande och familj.",
        "Sammanslagna: Skola och Socialtjänst till Lärande och familj.",
    ]


def test_swedish_scenario_report_xlsx_headers(tmp_path):
    report = scenario_report(_base(), _merge(), lang="sv", charts=False)
    report = dataclasses.replace(report, date="2026-11-23")
    wb = openpyxl.load_workbook(report.to_excel(tmp_path / "s.xlsx"))
    assert wb.sheetnames == [
        "Sammanfattning",
        "Nyckeltal",
        "Enheter Lärande och familj",
        "Tjänster Lärande och familj",
    ]
    assert [c.value for c in wb["Enheter Lärande och familj"][1]] == [
        "Enhets-id",
        "Enhet",
        "Förändring",
        "Före",
        "Efter",
    ]
    assert [c.value for c in wb["Tjänster Lärande och familj"][1]] == [
        "Tjänste-id",
        "Tjänst",
        "Förändring",
        "Före",
        "Efter",
    ]
    key = wb["Nyckeltal"]
    assert [c.value for c in key[1]] == ["Nyckeltal", "2014", "Lärande och familj"]
    rows = {r[0]: r[1:] for r in key.iter_rows(min_row=2, values_only=True)}
    assert rows["Tjänster"] == (2, 2)
    assert rows["Årskostnad, mnkr"] == pytest.approx((1.15, 1.15))  # numbers stay numbers
    summary = [c.value for c in wb["Sammanfattning"]["A"]]
    assert summary[:2] == ["2014: 1 alternativ jämfört", "Datum"]
    assert wb["Sammanfattning"]["B2"].value == "23 november 2026"


def test_norwegian_prioritisation_report(tmp_path):
    from orgmodel.prioritise.checklist import Checklist, Criterion, Gate
    from orgmodel.prioritise.record import decision_record

    checklist = Checklist(
        "demo",
        {"nb": "Prioriteringsliste"},
        criteria=[Criterion("behov", "Behov"), Criterion("gevinst", "Gevinst")],
        gates=[Gate("finansiert", {"nb": "Er tiltaket finansiert?"})],
    )
    rec = decision_record(
        checklist,
        answers={
            "a": {"behov": "yes", "gevinst": "no"},
            "b": {"behov": "partly", "gevinst": "yes"},
            "c": {"behov": "yes", "gevinst": "yes"},
        },
        gate_answers={
            "a": {"finansiert": "yes"},
            "b": {"finansiert": "yes"},
            "c": {"finansiert": "no"},
        },
        weights={"behov": 3, "gevinst": 1},
        decided_by="Verksted",
        date="2026-01-15",
    )
    with language("nb"):  # the session's language
        report = prioritisation_report(rec, charts=False)
    assert [s.title for s in report.sections] == ["Grunnlag", "Rangering"]
    assert report.title == "Prioritering: Prioriteringsliste"
    ranking = report.table("Rangering")
    assert ranking.header == ["Tiltaks-id", "Plass", "Tiltak", "Skår", "Status", "Begrunnelse"]
    # weights 3:1 -> 0.75 and 0.25; yes = 1, partly = 0.5, no = 0:
    # a = 0.75, b = 0.75 * 0.5 + 0.25 = 0.625; c is stopped by the gate
    assert [row[:5] for row in ranking.display_rows()] == [
        ["a", "1", "a", "0,750", "rangert"],
        ["b", "2", "b", "0,625", "rangert"],
        ["c", "–", "c", "–", "utelukket"],
    ]
    criteria = report.table("Kriterier og vekter")
    assert criteria.header == ["Kriterie-id", "Kriterium", "Skala", "Retning", "Vekt"]
    # 75 % and 25 % with CLDR's no-break space before the sign
    assert [row[-1] for row in criteria.display_rows()] == ["75\xa0%", "25\xa0%"]
    assert report.table("Portspørsmål").display_rows()[0][2:] == [
        "Er tiltaket finansiert? må være ja",
        "nei",
    ]
    text = report.text()
    assert "Besluttet av: Verksted, 15. januar 2026." in text
    assert "3 tiltak: 2 rangert, 1 utelukket av et portspørsmål." in text
    prs = Presentation(report.to_pptx(tmp_path / "p.pptx"))
    assert [s.shapes.title.text for s in prs.slides][:3] == [
        "Prioritering: Prioriteringsliste",
        "Slik ble tiltakene vurdert",
        "Kriterier og vekter",
    ]


def test_english_report_unchanged():
    report = scenario_report(_base(), _merge(), lang="en", charts=False)
    assert report.title == "2014: 1 option compared"
    assert [s.title for s in report.sections] == ["Overview", "Key figures", "Lärande och familj"]
    assert report.table("Key figures").header == ["Key figure", "2014", "Lärande och familj"]
    assert report.sections[0].blocks[0].text.splitlines()[0] == (
        "Base: 2014: 3 units, 2 posts, 3.5 FTE budgeted, 1 MSEK a year."
    )


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="orgmodel")
    add_report_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return args.run(args)


@pytest.mark.filterwarnings("ignore:the chart .* is too large:UserWarning")
def test_report_command_lang(tmp_path):
    out = tmp_path / "angelholm.xlsx"
    code = _run(
        "report", "scenario",
        str(EXAMPLES / "angelholm-2014.yaml"), str(EXAMPLES / "angelholm-2015.yaml"),
        "-o", str(out), "--lang", "sv",
    )  # fmt: skip
    assert code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["Sammanfattning", "Nyckeltal"]
    rows = {r[0]: r[1:] for r in wb["Nyckeltal"].iter_rows(min_row=2, values_only=True)}
    # as tests/report/test_report_cli.py: 107 posts, 2,390 MSEK in both years
    assert rows["Tjänster"] == (107, 107)
    assert rows["Årskostnad, mnkr"] == pytest.approx((2390, 2390))


def test_report_command_refuses_an_unknown_language(capsys):
    with pytest.raises(SystemExit):
        _run("report", "scenario", "a.yaml", "b.yaml", "-o", "x.html", "--lang", "de")
    assert (
        "orgmodel speaks en (English), sv (svenska), nb (norsk bokmål)" in capsys.readouterr().err
    )


def test_html_page_language_and_date():
    from orgmodel.report.html import render_html

    report = dataclasses.replace(
        scenario_report(_base(), _merge(), lang="nb", charts=False), date="2026-11-23"
    )
    page = render_html(report)
    assert "<html lang='nb'>" in page
    # CLDR nb_NO long date; the option's name is the user's
    assert "<p class='subtitle'>23. november 2026</p>" in page
    assert "<h3>Endrede enheter: Lärande och familj</h3>" in page
