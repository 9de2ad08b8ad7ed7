"""Reading flat HR exports with a column mapping, the ready presets, and the flat writer.

The expected values are worked out by hand from the fixture
``data/hr/socialforvaltningen-messy.csv`` (UTF-8 with BOM, ``;``-separated, one quoted
cell spanning lines 5-6) and from the small tables written inside the tests.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from orgmodel.errors import FormatError, UnsupportedFormatError
from orgmodel.io.hr_export import (
    HR_EXPORT_COLUMNS,
    parse_number,
    read_hr_draft,
    write_hr,
)
from orgmodel.io.presets import PRESETS
from orgmodel.model import Holding, Organisation, Person, Post, Unit

MESSY = Path(__file__).parent / "data" / "hr" / "socialforvaltningen-messy.csv"
SWEDISH = {
    "id": "Anst.nr",
    "title": "Befattning",
    "unit": "Enhet",
    "parent_unit": "Överordnad enhet",
    "reports_to": "Chef",
    "fte_budgeted": "Sysselsättningsgrad",
    "cost": "Lön",
    "person": "Namn",
    "vacant": "Vakant",
}


@pytest.fixture
def messy():
    return read_hr_draft(MESSY, mapping=SWEDISH, cost_factor=12.0)


def test_every_planted_problem_is_reported_with_its_line(messy):
    found = sorted(
        (p.severity, p.code, p.location.line, p.id, p.field, p.value) for p in messy.report()
    )
    # lines counted by hand; the quoted note of post 103 spans lines 5-6
    assert found == [
        ("error", "dangling_reference", 9, "106", "reports_to", "Okänd Chef"),
        ("error", "missing_value", 8, "105", "unit", None),
        ("error", "not_a_flag", 10, "107", "vacant", "kanske"),
        ("error", "not_a_number", 4, "102", "fte_budgeted", "hel"),
        ("error", "not_a_number", 7, "104", "cost", "ca 39000"),
    ]
    assert all(p.location.source == str(MESSY) for p in messy.report())


def test_nordic_numbers_percentages_and_monthly_pay(messy):
    posts = {p.id: p for p in messy.posts}
    # 'Sysselsättningsgrad' 100 % / 100 / 0,75 / 80 % / 1 / 0,5 / 1,0
    assert [posts[i].fte_budgeted for i in ("100", "101", "103", "104", "105", "106", "107")] == [
        1.0,
        1.0,
        0.75,
        0.8,
        1.0,
        0.5,
        1.0,
    ]
    # monthly pay x 12: "72 500" -> 870 000, "58 000 kr" -> 696 000, "1 234,5" -> 14 814
    assert posts["100"].cost == 870_000.0
    assert posts["101"].cost == 696_000.0
    assert posts["106"].cost == pytest.approx(14_814.0)
    assert posts["104"].vacant and posts["104"].fte_actual == 0.0  # Vakant = ja, no name
    assert posts["103"].attrs == {"Notering": "Delad tjänst,\nse avtal"}


def test_units_parents_people_and_managers_by_name(messy):
    units = {u.id: (u.name, u.parent) for u in messy.units}
    assert units == {
        "kommunledning": ("Kommunledning", None),  # only named as a parent
        "socialförvaltningen": ("Socialförvaltningen", "kommunledning"),
        "barn-och-unga": ("Barn och unga", "socialförvaltningen"),
        "vuxen": ("Vuxen", "socialförvaltningen"),
    }
    posts = {p.id: p for p in messy.posts}
    assert posts["101"].reports_to == "100"  # 'Karin Berg' holds post 100
    assert len(messy.posts) == 8  # the repeated post 103 (line 11) adds a holder, not a post
    holders_103 = sorted(h.person for h in messy.holdings if h.post == "103")
    assert holders_103 == ["eva-ström", "per-nyström"]
    assert {p.id: p.name for p in messy.people}["eva-ström"] == "Eva Ström"


def test_a_clean_export_builds_flat_under_a_root_named_after_the_file(tmp_path):
    path = tmp_path / "Hjo kansli.csv"
    path.write_text(
        "Befattning,Enhet,FTE,Lön\nKanslichef,Kansliet,1,62000\nUtredare,Kansliet,0.5,38000\n"
        "Nämndsekreterare,Nämndservice,1,36000\n",
        encoding="utf-8",
    )
    org = read_hr_draft(
        path, mapping={"title": "Befattning", "unit": "Enhet", "fte_budgeted": "FTE", "cost": "Lön"}
    ).build()
    assert org.roots() == ["hjo-kansli"]
    assert org.children("hjo-kansli") == ["kansliet", "nämndservice"]
    # no id column: ids from the file and line
    assert list(org.post_map) == ["Hjo kansli-2", "Hjo kansli-3", "Hjo kansli-4"]
    assert org.posts["fte_budgeted"].sum() == 2.5
    assert org.posts["cost"].sum() == 136_000.0
    renamed = read_hr_draft(path, mapping={"title": "Befattning", "unit": "Enhet"}, name="Hjo")
    assert renamed.build().roots() == ["hjo"]


def test_missing_columns_are_one_problem_listing_missing_and_present(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Namn;Enhet\nEva;Kansliet\n", encoding="utf-8")
    draft = read_hr_draft(path, mapping={"unit": "Enhet", "title": "Befattning", "cost": "Lön"})
    (problem,) = draft.problems
    assert problem.code == "missing_column" and problem.location.line == 1
    assert "'Befattning' (for title), 'Lön' (for cost)" in problem.message
    assert "columns present: 'Namn', 'Enhet'" in problem.message
    assert "none of its 1 rows was read" in problem.message
    with pytest.raises(Exception, match="missing_column"):
        draft.build()


def test_xlsx_problems_name_sheet_and_row(tmp_path):
    path = tmp_path / "hr.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Personal"
    ws.append(["Stilling", "Enhet", "Stillingsprosent", "Lønn", "Navn"])
    ws.append(["Rådgiver", "Stab", 80, 620000, "Kari Nordmann"])
    ws.append(["Konsulent", "Stab", "åtti", "550 000", "Ola Nordmann"])
    wb.save(path)
    draft = read_hr_draft(path, preset="no-hr")
    (problem,) = draft.report().errors
    assert (problem.code, problem.field, problem.value) == ("not_a_number", "fte_budgeted", "åtti")
    assert (problem.location.sheet, problem.location.row) == ("Personal", 3)
    first = draft.posts[0]
    assert (first.fte_budgeted, first.cost) == (0.8, 620_000.0)  # 'Stillingsprosent' 80
    assert draft.posts[1].cost == 550_000.0
    assert draft.meta["currency"] == "NOK"


def test_presets_accept_alternative_column_names(tmp_path):
    path = tmp_path / "personal.csv"
    path.write_text(
        "Anställningsnummer;Befattningsbenämning;Avdelning;Närmaste chef;Omfattning;Månadslön\n"
        "7;Rektor;Skola;;100;50 000\n8;Lärare;Skola;7;75;36 000\n",
        encoding="utf-8",
    )
    org = read_hr_draft(path, preset="sv-hr", cost_factor=12).build()
    assert org.post("8").reports_to == "7"
    assert org.post("8").fte_budgeted == 0.75
    assert org.post("8").cost == 432_000.0
    assert set(PRESETS) >= {"sv-hr", "no-hr", "en-hr", "uk-organogram"}
    # a preset without its required unit column says which names it looked for
    bad = tmp_path / "bad.csv"
    bad.write_text("Befattning\nRektor\n", encoding="utf-8")
    (problem,) = read_hr_draft(bad, preset="sv-hr").problems
    assert "one of ['Enhet', 'Avdelning'" in problem.message


def test_several_files_make_one_organisation(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("Post ID,Unit,FTE\np1,Finance,1\n", encoding="utf-8")
    b.write_text("Post ID,Unit,FTE,Reports To\np2,Finance,0.5,p1\n", encoding="utf-8")
    org = read_hr_draft([a, b], preset="en-hr", name="Council").build()
    assert org.post("p2").reports_to == "p1"
    assert org.posts_in("finance") == ["p1", "p2"]


def test_bad_mapping_options_and_files_are_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Enhet\nA\n", encoding="utf-8")
    with pytest.raises(FormatError, match="unknown mapping field 'unti'; did you mean 'unit'"):
        read_hr_draft(path, mapping={"unti": "Enhet"})
    with pytest.raises(FormatError, match="unknown option 'cost_facter'"):
        read_hr_draft(path, mapping={"unit": "Enhet"}, cost_facter=12)
    with pytest.raises(FormatError, match="give a mapping"):
        read_hr_draft(path)
    with pytest.raises(UnsupportedFormatError, match=r"valid: '\.csv'"):
        read_hr_draft(tmp_path / "x.ods", mapping={"unit": "Enhet"})
    with pytest.raises(FormatError, match="no such file"):
        read_hr_draft(tmp_path / "gone.csv", mapping={"unit": "Enhet"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("0,6", 0.6),
        ("75 %", 0.75),
        ("1.234.567,25", 1234567.25),
        ("1,234,567.25", 1234567.25),
        ("37 500:-", 37500.0),
        ("-3,5", -3.5),
        ("", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("0.75", ",", 0.75),  # a lone point before 2 digits is a decimal point
        ("12.500", ",", 12500.0),  # ... before exactly 3 digits it groups thousands
        ("12,500", ".", 12500.0),
        ("0,5", ".", 0.5),
        ("£80,000", ".", 80000.0),
    ],
)
def test_parse_number_with_a_declared_decimal_mark(text, decimal, expected):
    assert parse_number(text, decimal=decimal) == expected


def _small_org() -> Organisation:
    return Organisation(
        units=[Unit("ks", "Kommunstyrelsen"), Unit("k", "Kansliet", parent="ks")],
        posts=[
            Post("chef", unit="k", title="Kanslichef", cost=744_000, competences=["ledning"]),
            Post(
                "vu",
                unit="k",
                title='=HYPERLINK("x")',
                reports_to="chef",
                fte_budgeted=2.0,
                fte_actual=1.5,
                cost=1_200_000,
            ),
            Post("vak", unit="ks", title="@vakant", vacant=True),
        ],
        people=[Person("eva", "Eva Ek"), Person("ali", "+Ali")],
        holdings=[Holding("eva", "chef", 1.0), Holding("ali", "vu", 0.5)],
    )


def test_write_hr_csv_round_trip_and_no_formulas(tmp_path):
    out = write_hr(_small_org(), tmp_path / "posts.csv")
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(HR_EXPORT_COLUMNS)
    assert rows[0]["unit_path"] == "Kommunstyrelsen / Kansliet"
    assert rows[0]["competences"] == "ledning"
    assert rows[1]["title"] == '\'=HYPERLINK("x")'
    assert rows[1]["holders"] == "'+Ali (0.5)"
    assert rows[2]["title"] == "'@vakant" and rows[2]["vacant"] == "True"
    back = read_hr_draft(
        out,
        mapping={
            "id": "post_id",
            "unit": "unit_name",
            "reports_to": "reports_to",
            "fte_budgeted": "fte_budgeted",
            "fte_actual": "fte_actual",
            "cost": "cost",
        },
        decimal=".",
    ).build()
    assert back.posts["fte_budgeted"].sum() == 4.0  # 1 + 2 + 1
    assert back.posts["cost"].sum() == 1_944_000.0
    assert back.post("vu").reports_to == "chef"


def test_write_hr_xlsx_stores_formula_like_text_as_text(tmp_path):
    out = write_hr(_small_org(), tmp_path / "posts.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == list(HR_EXPORT_COLUMNS)
    title = ws.cell(row=3, column=2)
    assert title.value == '=HYPERLINK("x")' and title.data_type == "s"
    assert ws.cell(row=3, column=9).value == 1_200_000
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic writer left no temporary file
    with pytest.raises(UnsupportedFormatError, match=r"'\.xlsx'"):
        write_hr(_small_org(), tmp_path / "posts.ods")
