"""The three writers, read back: PowerPoint with python-pptx, Excel with openpyxl, HTML as text.

Hand-built reports check the layout rules (slide count, titles, split tables, bold frozen
headers, number formats, escaping, formula injection); the Ängelholm report checks that
the expected figures (107 posts, 2,390 MSEK; examples/README.md) reach every format.
"""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Emu

from orgmodel.report import Figure, Report, Section, Table, Text, scenario_report

INJECTIONS = ['=HYPERLINK("http://evil","x")', "+46 431 870 00", "-Ekonomi", "@SUM(A1:A2)"]


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (320, 180), "white").save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def small_report():
    units = pd.DataFrame(
        {"name": [f"Enhet {k}" for k in range(25)], "fte": [k + 0.5 for k in range(25)]},
        index=pd.Index([f"u{k}" for k in range(25)], name="unit"),
    )
    injected = pd.DataFrame({"value": INJECTIONS, "number": [-1.0, 2.0, -3.0, 4.0]})
    return Report(
        "Rapport <test>",
        [
            Section("Intro", [Text("One line.\nTwo lines.")]),
            Section(
                "Tables",
                [
                    Table(units, title="Units", column_formats={"fte": "fte"}),
                    Table(
                        injected, title="Injected", index=False, column_formats={"number": "int"}
                    ),
                ],
            ),
            Section("Pictures", [Figure(_png(), title="A picture", caption="Caption")]),
        ],
        subtitle="Sub",
        date="2026-11-23",
    )


# ---- PowerPoint --------------------------------------------------------------------------------
def test_pptx_slides_titles_and_size(small_report, tmp_path):
    path = small_report.to_pptx(tmp_path / "r.pptx")
    prs = Presentation(path)
    assert (Emu(prs.slide_width).inches, Emu(prs.slide_height).inches) == pytest.approx(
        (13.333, 7.5), abs=1e-3
    )
    titles = [s.shapes.title.text for s in prs.slides]
    # title slide, one text slide, 25 rows at most 11 a slide = 9 + 8 + 8 on three slides,
    # the 4-row table on one, the picture on one: 7 slides
    assert titles == [
        "Rapport <test>",
        "Intro",
        "Units (1/3)",
        "Units (2/3)",
        "Units (3/3)",
        "Injected",
        "A picture",
    ]
    tables = [[sh.table for sh in s.shapes if sh.has_table] for s in prs.slides]
    assert [len(t) for t in tables] == [0, 0, 1, 1, 1, 1, 0]
    first = tables[2][0]
    assert [first.cell(0, c).text for c in range(3)] == ["unit", "name", "fte"]
    assert [first.cell(1, c).text for c in range(3)] == ["u0", "Enhet 0", "0.5"]
    assert len(first.rows) == 1 + 9
    shown = [
        tables[k][0].cell(r, 0).text for k in (2, 3, 4) for r in range(1, len(tables[k][0].rows))
    ]
    assert shown == [f"u{k}" for k in range(25)]  # every row once, in order
    run = first.cell(0, 0).text_frame.paragraphs[0].runs[0]
    assert run.font.bold and run.font.size.pt >= 14
    pictures = [sh for sh in prs.slides[6].shapes if sh.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"


def test_pptx_defuses_formula_like_text(small_report, tmp_path):
    prs = Presentation(small_report.to_pptx(tmp_path / "r.pptx"))
    table = next(sh.table for sh in prs.slides[5].shapes if sh.has_table)
    assert [table.cell(r, 0).text for r in range(1, 5)] == ["'" + v for v in INJECTIONS]
    # numbers are not text: a negative number stays a number
    assert [table.cell(r, 1).text for r in range(1, 5)] == ["-1", "2", "-3", "4"]


# ---- Excel -------------------------------------------------------------------------------------
def test_excel_sheets_headers_and_formats(small_report, tmp_path):
    wb = openpyxl.load_workbook(small_report.to_excel(tmp_path / "r.xlsx"))
    assert wb.sheetnames == ["Summary", "Units", "Injected"]
    ws = wb["Units"]
    assert [c.value for c in ws[1]] == ["unit", "name", "fte"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == "A1:C26"
    assert ws["C2"].value == 0.5 and ws["C2"].number_format == "#,##0.0"
    assert ws.column_dimensions["B"].width >= len("Enhet 10")
    summary = [r[0] for r in wb["Summary"].iter_rows(values_only=True)]
    assert summary[0] == "Rapport <test>"
    assert "One line." in summary and "Two lines." in summary
    assert wb["Injected"].freeze_panes == "A2"


def test_excel_formula_like_text_stays_text(small_report, tmp_path):
    wb = openpyxl.load_workbook(small_report.to_excel(tmp_path / "r.xlsx"))
    ws = wb["Injected"]
    cells = [ws.cell(row=r, column=1) for r in range(2, 6)]
    assert [c.value for c in cells] == INJECTIONS
    assert [c.data_type for c in cells] == ["s"] * 4
    numbers = [ws.cell(row=r, column=2) for r in range(2, 6)]
    assert [(c.value, c.data_type) for c in numbers] == [(-1, "n"), (2, "n"), (-3, "n"), (4, "n")]


# ---- HTML --------------------------------------------------------------------------------------
def test_html_is_standalone_and_escaped(small_report, tmp_path):
    page = small_report.to_html(tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Rapport &lt;test&gt;</title>" in page
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)=['\"](https?:|//|[^#'\"d])", page)  # nothing fetched
    assert page.count("data:image/png;base64,") == 1
    assert "<td>Enhet 24</td><td class='num'>24.5</td>" in page
    assert "<td>=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)</td>" in page


# ---- Ängelholm, all three formats ----------------------------------------------------------------
@pytest.fixture(scope="module")
def angelholm_report(angelholm):
    before, after = angelholm
    # plant markup in a unit name: every writer must show it as text
    units = [
        u.evolve(name="<script>alert('Ängelholm')</script> Hälsa") if u.id == "halsa" else u
        for u in after.iter_units()
    ]
    after = after.evolve(units=units)
    return scenario_report(before, after, names=["2014", "2015"], charts=False)


def test_angelholm_pptx(angelholm_report, tmp_path):
    prs = Presentation(angelholm_report.to_pptx(tmp_path / "a.pptx"))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[:4] == [
        "2014: 1 option compared",
        "Overview",
        "Key figures",
        "What changes: 2015",
    ]
    unit_pages = [t for t in titles if t.startswith("Changed units: 2015")]
    post_pages = [t for t in titles if t.startswith("Changed posts: 2015")]
    n, m = len(unit_pages), len(post_pages)
    assert unit_pages == [f"Changed units: 2015 ({k}/{n})" for k in range(1, n + 1)]
    assert post_pages == [f"Changed posts: 2015 ({k}/{m})" for k in range(1, m + 1)]
    assert len(titles) == 4 + n + m
    key = next(sh.table for sh in prs.slides[2].shapes if sh.has_table)
    rows = {
        key.cell(r, 0).text: [key.cell(r, 1).text, key.cell(r, 2).text]
        for r in range(1, len(key.rows))
    }
    assert rows["Posts"] == ["107", "107"]
    assert rows["Yearly cost, MSEK"] == ["2,390", "2,390"]
    # every changed unit row is on exactly one slide
    ids = [
        sh.table.cell(r, 0).text
        for s in prs.slides
        if s.shapes.title.text.startswith("Changed units")
        for sh in s.shapes
        if sh.has_table
        for r in range(1, len(sh.table.rows))
    ]
    assert len(ids) == len(angelholm_report.table("Changed units: 2015").frame)
    for slide in prs.slides:  # nothing runs off the bottom of a slide
        for sh in slide.shapes:
            assert sh.top + sh.height <= prs.slide_height, slide.shapes.title.text


def test_angelholm_excel(angelholm_report, tmp_path):
    wb = openpyxl.load_workbook(angelholm_report.to_excel(tmp_path / "a.xlsx"))
    assert wb.sheetnames == ["Summary", "Key figures", "Units 2015", "Posts 2015"]
    ws = wb["Key figures"]
    rows = {r[0]: r[1:] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["Posts"] == (107, 107)
    assert rows["Yearly cost, MSEK"] == pytest.approx((2390, 2390))
    assert ws["B10"].number_format == "#,##0"  # money, whole millions
    names = [c.value for c in wb["Units 2015"]["B"]]
    assert "<script>alert('Ängelholm')</script> Hälsa" in names


def test_angelholm_html(angelholm_report, tmp_path):
    page = angelholm_report.to_html(tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;Ängelholm&#x27;)&lt;/script&gt; Hälsa" in page
    assert (
        "<th scope='row'>Yearly cost, MSEK</th><td class='num'>2,390</td><td class='num'>2,390</td>"
        in page
    )
    assert "Created (main mission): Lärande och familj, &lt;script&gt;" in page


def test_writes_are_atomic(small_report, tmp_path, monkeypatch):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    import openpyxl.workbook.workbook as wbmod

    def broken_save(self, filename):
        raise OSError("disk full")

    monkeypatch.setattr(wbmod.Workbook, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        small_report.to_excel(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_pptx_slides_are_numbered(small_report, tmp_path):
    prs = Presentation(small_report.to_pptx(tmp_path / "r.pptx"))
    numbers = [
        next((sh.text_frame.text for sh in s.shapes if sh.name == "Slide number"), None)
        for s in prs.slides
    ]
    assert numbers == [None, "2", "3", "4", "5", "6", "7"]  # not on the title slide
