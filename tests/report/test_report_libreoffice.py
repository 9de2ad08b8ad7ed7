"""Acceptance in LibreOffice: the PowerPoint file converts to a PDF with one page per slide,
and the workbook's sheets, exported as CSV, show the expected figures as text.

Needs ``soffice`` (Debian: ``apt-get install libreoffice-impress libreoffice-calc``); each
conversion runs headless with a private profile and a timeout.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from orgmodel.report import Figure, Report, Section, Table, Text, scenario_report

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.libreoffice,
    # in CI (CI=true, where scripts/test.sh installs it) a missing LibreOffice is a failure
    pytest.mark.skipif(
        SOFFICE is None and os.environ.get("CI") != "true",
        reason="LibreOffice is not installed (no `soffice` on PATH); "
        "apt-get install libreoffice-impress libreoffice-calc",
    ),
]
TIMEOUT = 180  # seconds; a conversion takes 2-5 s once LibreOffice has started
# comma-separated, quoted text, UTF-8 (76), US English (1033), cells as shown, every sheet (-1)
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1"


def convert(path: Path, to: str, outdir: Path, profile: Path) -> None:
    outdir.mkdir(exist_ok=True)
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, result.stderr


def pdf_pages(path: Path) -> int:
    """Page objects in a PDF (LibreOffice writes them as plain dictionaries)."""
    data = path.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    if counts:
        assert pages == max(counts)
    return pages


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return tmp_path_factory.mktemp("lo-profile")


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (640, 360), "#dbe7f3").save(buf, format="PNG")
    return buf.getvalue()


def test_pptx_converts_to_one_pdf_page_per_slide(tmp_path, profile):
    table = pd.DataFrame({"name": [f"Enhet {k}" for k in range(25)]})
    report = Report(
        "Acceptance",
        [
            Section("Intro", [Text("A line.")]),
            Section("Units", [Table(table, title="Units")]),
            Section("Picture", [Figure(_png(), title="Picture")]),
        ],
    )
    pptx = report.to_pptx(tmp_path / "acceptance.pptx")
    convert(pptx, "pdf", tmp_path / "out", profile)
    # title + text + 25 rows on 3 slides (at most 11 rows each) + picture = 6 pages
    assert pdf_pages(tmp_path / "out" / "acceptance.pdf") == 6


@pytest.mark.filterwarnings("ignore:the chart .* is too large:UserWarning")
def test_angelholm_in_libreoffice(angelholm, tmp_path, profile):
    from pptx import Presentation

    before, after = angelholm
    report = scenario_report(before, after, names=["2014", "2015"], dpi=100)
    pptx = report.to_pptx(tmp_path / "angelholm.pptx")
    xlsx = report.to_excel(tmp_path / "angelholm.xlsx")
    out = tmp_path / "out"
    convert(pptx, "pdf", out, profile)
    assert pdf_pages(out / "angelholm.pdf") == len(Presentation(pptx).slides)

    convert(xlsx, CSV_FILTER, out, profile)
    sheets = sorted(p.name for p in out.glob("angelholm-*.csv"))
    assert sheets == [
        "angelholm-Key figures.csv",
        "angelholm-Posts 2015.csv",
        "angelholm-Summary.csv",
        "angelholm-Units 2015.csv",
    ]
    rows = {r[0]: r[1:] for r in read_csv(out / "angelholm-Key figures.csv") if r}
    # examples/README.md: the same 107 posts and 2,390 MSEK before and after
    assert rows["Posts"] == ["107", "107"]
    assert rows["Yearly cost, MSEK"] == ["2,390", "2,390"]
    assert rows["Ties inside a group"] == ["13%", "56%"]  # 2 of 15, 9 of 16 ties
    units = read_csv(out / "angelholm-Units 2015.csv")
    assert [
        "larande-och-familj",
        "Lärande och familj",
        "created",
        "",
        "Lärande och familj",
    ] in units


def test_formula_like_text_stays_text_in_calc(tmp_path, profile):
    values = ["=1+1", "+46 431 870 00", "-Ekonomi", "@SUM(A1:A2)"]
    report = Report("Injection", [Section("S", [Table(pd.DataFrame({"v": values}), title="V",
                                                       index=False)])])  # fmt: skip
    xlsx = report.to_excel(tmp_path / "inj.xlsx")
    convert(xlsx, CSV_FILTER, tmp_path / "out", profile)
    rows = read_csv(tmp_path / "out" / "inj-V.csv")
    assert [r[0] for r in rows[1:]] == values  # shown as typed, not computed (=1+1 is not 2)
