"""The orgmodel workbook: planted problems located by sheet and row, formulas never written,
a pleasant layout, exact round trips, and a clear error for workbooks of another kind."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from orgmodel.errors import FormatError, UnsupportedFormatError
from orgmodel.io import read, read_draft, read_workbook, write, write_workbook
from orgmodel.model import Competence, Holding, Link, Organisation, Person, Post, Unit
from orgmodel.testing import assert_organisations_equal

DATA = Path(__file__).parent / "data"


def _workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def broken_workbook(tmp_path):
    """A workbook as a user might edit it, with planted problems (rows as Excel shows them)."""
    return _workbook(
        tmp_path / "trasig.xlsx",
        {
            "meta": [["key", "value"], ["orgmodel", 1], ["name", "Trasiga kommunen"]],
            "units": [
                ["id", "name", "kind", "parent"],  # row 1
                ["ks", "Kommunstyrelsen", "political_body", None],  # row 2
                ["kansliet", "Kansliet", None, "ks"],  # row 3
                ["kansliet", "Kansliet igen", None, None],  # row 4: duplicate id
                ["vård", "Vård", None, "omsorg"],  # row 5: cycle vård/omsorg
                ["omsorg", "Omsorg", None, "vård"],  # row 6
            ],
            "posts": [
                ["id", "unit", "title", "fte_budgeted", "cost", "reports_to", "vacant"],
                ["chef", "kansliet", "Kanslichef", 1, 780000, None, None],  # row 2
                [
                    "utredare",
                    "kansliet",
                    "Utredare",
                    "tre",
                    500000,
                    "chef",
                    None,
                ],  # row 3: FTE text
                [None, None, None, None, None, None, None],  # row 4: blank
                ["ekonom", "ekonomi", "Ekonom", 1, 520000, "chef", None],  # row 5: no unit
                ["sekreterare", "kansliet", "Sekreterare", 1, -450000, "chef", None],  # row 6
                ["arkivarie", "kansliet", "Arkivarie", "0,8", 400000, "chefen", "kanske"],  # row 7
            ],
            "people": [["id", "name"], ["åsa", "Åsa Öberg"], ["ørjan", "Ørjan Ødegård"]],
            "holdings": [
                ["person", "post", "share"],
                ["åsa", "chef", 0.7],  # row 2
                ["åsa", "utredare", 0.5],  # row 3: 0.7 + 0.5 = 120 %
                ["ørjan", None, 0.5],  # row 4: no post
                ["ørjan", "ekonom", 1.5],  # row 5: share above 1
            ],
            "links": [
                ["source", "target", "kind"],
                ["ks", "socialnämnden", "steers"],  # row 2: no such node
            ],
            "anteckningar": [["text"], ["notes kept by the user"]],
        },
    )


# (sheet, row, code, table, id, field) of every planted problem, rows as Excel shows them.
PLANTED = {
    ("units", 4, "duplicate_id", "units", "kansliet", "id"),
    ("units", 5, "hierarchy_cycle", "units", "vård", "parent"),
    ("posts", 3, "not_a_number", "posts", "utredare", "fte_budgeted"),
    ("posts", 5, "missing_unit", "posts", "ekonom", "unit"),
    ("posts", 6, "negative_value", "posts", "sekreterare", "cost"),
    ("posts", 7, "dangling_reference", "posts", "arkivarie", "reports_to"),
    ("posts", 7, "not_a_boolean", "posts", "arkivarie", "vacant"),
    ("holdings", 2, "share_over_100", "holdings", "åsa", "share"),
    ("holdings", 4, "missing_value", "holdings", "ørjan@", "post"),
    ("holdings", 5, "bad_share", "holdings", "ørjan@ekonom", "share"),
    ("links", 2, "bad_link", "links", "steers:ks->socialnämnden", "target"),
}


def test_every_planted_problem_is_reported_with_sheet_and_row(broken_workbook):
    report = read_workbook(broken_workbook).report()
    found = {
        (p.location.sheet, p.location.row, p.code, p.table, p.id, p.field) for p in report.errors
    }
    assert found == PLANTED
    (unknown,) = [p for p in report.warnings if p.code == "unknown_sheet"]
    assert unknown.location.sheet == "anteckningar"


def test_problem_text_names_file_sheet_and_row(broken_workbook):
    text = read_workbook(broken_workbook).report().to_text()
    assert (
        "trasig.xlsx, sheet posts, row 3: posts 'utredare', field fte_budgeted = 'tre': "
        "fte_budgeted must be a number"
    ) in text


def test_nordic_number_text_is_read_as_a_number(broken_workbook):
    draft = read_workbook(broken_workbook)
    arkivarie = next(p for p in draft.posts if p.id == "arkivarie")
    assert arkivarie.fte_budgeted == 0.8  # the cell holds the text "0,8"


def test_a_missing_required_column_is_reported(tmp_path):
    path = _workbook(
        tmp_path / "x.xlsx", {"units": [["id"], ["a"]], "posts": [["id", "title"], ["p", "Chef"]]}
    )
    problems = [p for p in read_workbook(path).report() if p.code == "missing_column"]
    assert [(p.location.sheet, p.location.row, p.field) for p in problems] == [("posts", 1, "unit")]


def test_values_without_a_header_are_reported_not_dropped(tmp_path):
    path = _workbook(tmp_path / "x.xlsx", {"units": [["id", None], ["a", "stray value"]]})
    (p,) = [p for p in read_workbook(path).report() if p.code == "missing_header"]
    assert (p.location.sheet, p.location.row) == ("units", 1) and "column 2" in p.message


def test_a_workbook_of_another_kind_gets_a_helpful_error(tmp_path):
    path = _workbook(tmp_path / "lönelista.xlsx", {"Blad1": [["Anst.nr", "Befattning"]]})
    with pytest.raises(FormatError) as info:
        read(path)
    message = str(info.value)
    assert "expected the sheets meta, units, posts" in message
    assert "found 'Blad1'" in message
    assert "preset=" in message and "mapping=" in message


def test_not_a_workbook_at_all(tmp_path):
    path = tmp_path / "fel.xlsx"
    path.write_text("this is no zip file", encoding="utf-8")
    with pytest.raises(FormatError, match="not an Excel workbook"):
        read_workbook(path)


def test_a_newer_version_is_refused(tmp_path):
    path = _workbook(
        tmp_path / "x.xlsx", {"meta": [["key", "value"], ["orgmodel", 2]], "units": [["id"], ["a"]]}
    )
    with pytest.raises(UnsupportedFormatError, match="sheet meta, row 2: format version 2"):
        read_workbook(path)


@pytest.fixture
def nordic_org():
    return Organisation(
        units=[
            Unit("ks", "Kommunstyrelsen", kind="political_body"),
            Unit("øst", "Helse og omsorg – Øst", parent="ks", attrs={"område": "Ærø"}),
        ],
        posts=[
            Post(
                "chef",
                unit="øst",
                title="=SUM(A1:A9)",
                fte_budgeted=1.0,
                cost=780_000,
                attrs={"lönekod": "+46 70", "not": "-minus", "at": "@handle"},
            ),
            Post(
                "usk",
                unit="øst",
                title="Undersköterska",
                fte_budgeted=450.0,
                fte_actual=431.5,
                cost=0.1 + 0.2,
                reports_to="chef",
                competences=("omvårdnad", "språk"),
                attrs={"taggar": ["natt", "helg"], "avtal": None, "beslut": dt.date(2024, 1, 10)},
            ),
        ],
        people=[Person("åsa", "Åsa Öberg", competences=("språk",), attrs={"anställd": True})],
        holdings=[Holding("åsa", "usk", 0.6)],
        competences=[
            Competence("omvårdnad", "Omvårdnad"),
            Competence("språk", "Språk", description="Svenska, norska"),
        ],
        links=[Link("ks", "øst", kind="steers", directed=True)],
        name="Hjo kommun",
        meta={
            "currency": "SEK",
            "date": dt.date(2024, 1, 10),
            "name": "namnet i meta",
            "källor": ["KS 2024-01-10"],
        },
    )


def test_round_trip_keeps_everything(tmp_path, nordic_org):
    path = tmp_path / "org.xlsx"
    write_workbook(nordic_org, path)
    assert_organisations_equal(read_workbook(path).build(), nordic_org)


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path, nordic_org):
    path = tmp_path / "org.xlsx"
    write_workbook(nordic_org, path)
    with zipfile.ZipFile(path) as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets  # no cell holds a formula
    ws = openpyxl.load_workbook(path)["posts"]
    title = next(c for c in ws["C"] if c.value == "=SUM(A1:A9)")
    assert title.data_type == "s"


def test_layout_header_bold_frozen_and_sized(tmp_path, nordic_org):
    path = tmp_path / "org.xlsx"
    write_workbook(nordic_org, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "meta",
        "units",
        "posts",
        "people",
        "holdings",
        "competences",
        "links",
        "_types",
    ]
    assert wb["_types"].sheet_state == "hidden"
    ws = wb["posts"]
    assert [c.value for c in ws[1]][:4] == ["id", "unit", "title", "fte_budgeted"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:O3"  # 9 post fields + 6 attribute columns, 2 posts
    # "Undersköterska" (14 characters) + 2 of margin
    assert ws.column_dimensions["C"].width == 16
    # the YAML-typed column holds flow text a user can edit
    taggar = [c.value for c in ws[1]].index("taggar")
    assert ws.cell(row=3, column=taggar + 1).value == "[natt, helg]"


def test_yaml_to_excel_to_yaml_is_identical_text(tmp_path, nordic_org):
    write(nordic_org, tmp_path / "a.yaml")
    write(read(tmp_path / "a.yaml"), tmp_path / "b.xlsx")
    write(read(tmp_path / "b.xlsx"), tmp_path / "c.yaml")
    a = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert (tmp_path / "c.yaml").read_text(encoding="utf-8") == a
    assert "Helse og omsorg – Øst" in a and "Åsa Öberg" in a


def test_a_user_edited_sheet_with_numeric_ids_and_dates(tmp_path):
    path = _workbook(
        tmp_path / "x.xlsx",
        {
            "units": [["id", "name", "inrättad"], [1001, "Kansliet", dt.date(2020, 1, 1)]],
            "posts": [
                ["id", "unit", "fte_budgeted", "vacant", "competences"],
                [1, 1001, 0.5, "ja", "plan; bygg"],
            ],
        },
    )
    org = read_workbook(path).build()
    # a cell with a date format (no time of day) is a date, not a datetime at midnight
    assert type(org.unit("1001").attrs["inrättad"]) is dt.date
    assert org.unit("1001").attrs["inrättad"] == dt.date(2020, 1, 1)
    assert org.post("1").unit == "1001" and org.post("1").vacant is True
    assert org.post("1").competences == ("plan", "bygg")


def test_read_draft_never_raises_for_data_problems(broken_workbook):
    draft = read_draft(broken_workbook)
    assert not draft.report().ok


def test_a_control_character_in_a_field_is_refused_clearly_and_keeps_the_old_file(tmp_path):
    path = tmp_path / "org.xlsx"
    path.write_bytes(b"old")
    org = Organisation([Unit("a", "Kansliet\x01")])
    with pytest.raises(FormatError, match="sheet units, row 2: a text holds a control character"):
        write_workbook(org, path)
    assert path.read_bytes() == b"old"
    # in a free attribute the same text is kept, as YAML text
    org = Organisation([Unit("a", attrs={"not": "rad\x01"})])
    write_workbook(org, path)
    assert read_workbook(path).build() == org
