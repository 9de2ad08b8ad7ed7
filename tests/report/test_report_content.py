"""The format-neutral report model: number formats, tables, and choosing a writer."""

from __future__ import annotations

import pandas as pd
import pytest

from orgmodel.errors import UnsupportedFormatError
from orgmodel.report import Figure, Report, Section, Table, Text, format_value, is_formula_like
from orgmodel.report.excel import sheet_names
from orgmodel.report.pptx import table_pages


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (2_390.0, "money", "2,390"),  # Ängelholm's budget in MSEK, thousands separator
        (2_666.0, "fte", "2,666.0"),
        (0.5625, "share", "56 %"),  # 9 of 16 ties
        (0.133333, "share", "13 %"),  # 2 of 15 ties
        (-6.0, "change", "−6"),
        (0.5, "change", "+0.50"),
        (0.0, "change", "0"),
        (0.9411764, "score", "0.941"),  # 32/34
        (3.0, None, "3"),
        (2.5, None, "2.50"),
        (float("nan"), "int", "–"),
        (None, None, "–"),
        (pd.NA, None, "–"),
        (True, None, "yes"),
        (("a", "b"), None, "a, b"),
        (2014, "text", "2014"),  # a year or a code is not a number to group
    ],
)
def test_format_value(value, fmt, text):
    assert format_value(value, fmt) == text


def test_formula_like_text_is_recognised_only_for_strings():
    for text in ("=1+1", "+46 42 10 50 00", "-Ekonomi", "@SUM(A1)", "\t=1"):
        assert is_formula_like(text)
    for value in ("Ekonomi", "", -3, 2.0, None, "a=b"):
        assert not is_formula_like(value)


def test_table_formats_rows_before_columns():
    frame = pd.DataFrame({"2014": [40.0, 0.1333], "2015": [43.0, 0.5625]}, index=["units", "share"])
    t = Table(
        frame, column_formats={"2014": "float", "2015": "float"}, row_formats={"share": "share"}
    )
    assert t.display_rows() == [["units", "40.00", "43.00"], ["share", "13 %", "56 %"]]
    assert t.header == ["", "2014", "2015"]
    assert t.numeric_column(0)


def test_table_rejects_unknown_formats_listing_all():
    with pytest.raises(ValueError, match=r"column 'a': 'percent'.*row 'x': 'money2'.*valid: int"):
        Table(pd.DataFrame({"a": [1]}, index=["x"]), column_formats={"a": "percent"},
              row_formats={"x": "money2"})  # fmt: skip
    with pytest.raises(TypeError, match="DataFrame"):
        Table([[1, 2]])  # type: ignore[arg-type]


def test_figure_needs_png_bytes():
    with pytest.raises(ValueError, match="PNG"):
        Figure(b"GIF89a")


def test_section_refuses_other_blocks():
    with pytest.raises(TypeError, match="Text, Table or Figure"):
        Section("x", ["plain string"])  # type: ignore[list-item]


def test_report_lookups_and_save_suffix(tmp_path):
    t = Table(pd.DataFrame({"a": [1]}), title="Units")
    r = Report("R", [Section("S", [Text("hello\n\nworld"), t])])
    assert r.table("Units") is t
    assert r.text() == "hello\n\nworld"
    assert r.blocks("text")[0].paragraphs == ["hello", "world"]
    with pytest.raises(KeyError, match="did you mean 'Units'"):
        r.table("Unit")
    with pytest.raises(
        UnsupportedFormatError, match=r"'\.docx'.*valid suffixes: \.pptx, \.xlsx, \.html"
    ):
        r.save(tmp_path / "r.docx")
    assert not (tmp_path / "r.docx").exists()


def test_table_pages_split_evenly():
    # 23 rows at most 11 a slide: 3 slides, 8 + 8 + 7 (worked out by hand)
    assert [len(p) for p in table_pages(23, 11)] == [8, 8, 7]
    assert [len(p) for p in table_pages(11, 11)] == [11]
    with pytest.raises(ValueError):
        table_pages(3, 0)


def test_sheet_names_are_valid_and_unique():
    names = sheet_names(["Posts: a/b", "Posts a b", "x" * 40, "summary"])
    assert names == ["Posts ab", "Posts a b", "x" * 30 + "…", "summary (2)"]
    assert all(len(n) <= 31 for n in names)


def test_dates_and_missing_dates():
    import datetime as dt

    assert format_value(dt.date(2015, 1, 1)) == "2015-01-01"
    assert format_value(pd.Timestamp("2015-01-01 08:30")) == "2015-01-01 08:30:00"
    assert format_value(pd.NaT) == "–"


def test_excel_keeps_dates_and_leaves_missing_cells_empty(tmp_path):
    import openpyxl

    frame = pd.DataFrame(
        {"decided": [pd.Timestamp("2014-06-11"), pd.NaT], "fte": [1.0, float("nan")]},
        index=["a", "b"],
    )
    r = Report("D", [Section("S", [Table(frame, title="Dates")])])
    ws = openpyxl.load_workbook(r.to_excel(tmp_path / "d.xlsx"))["Dates"]
    assert (
        ws["B2"].value == pd.Timestamp("2014-06-11").to_pydatetime()
    )  # the decision of 11 June 2014
    assert ws["B3"].value is None and ws["C3"].value is None


def test_index_labels_are_shown_as_written():
    t = Table(pd.DataFrame({"cost": [2.39e9]}, index=pd.Index([2014], name="year")),
              column_formats={"cost": "money"})  # fmt: skip
    assert t.display_rows() == [["2014", "2,390,000,000"]]  # a year, not "2,014"
