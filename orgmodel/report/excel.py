"""Write a :class:`~orgmodel.report.content.Report` as an Excel workbook (openpyxl).

The first sheet, *Summary* (*Sammanfattning*, *Sammendrag*: the report's language), holds
the title, date and every text block under its section and lists the other sheets. Then one sheet per table: bold header row, frozen below the
header (and right of the index column), an autofilter over the data, column widths that
fit the content and a number format per cell (:data:`~orgmodel.report.content.FORMATS`).
Numbers stay numbers; no formulas are written. Text that starts with ``=``, ``+``, ``-``
or ``@`` is stored as text (type ``s``, Excel's quote prefix), so a spreadsheet program
shows it and never runs it. Figures are not embedded (the PowerPoint and HTML outputs
carry them). The file is written atomically.

>>> import pathlib, tempfile
>>> import pandas as pd
>>> from orgmodel.report.content import Report, Section, Table
>>> r = Report("Demo", [Section("Units", [Table(pd.DataFrame({"name": ["=1+1"]}), title="Units")])])
>>> path = write_excel(r, pathlib.Path(tempfile.mkdtemp()) / "demo.xlsx")
>>> import openpyxl
>>> wb = openpyxl.load_workbook(path)
>>> wb.sheetnames
['Summary', 'Units']
>>> cell = wb["Units"]["B2"]
>>> cell.value, cell.data_type
('=1+1', 's')
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import re
from pathlib import Path
from typing import Any

from orgmodel.report.content import (
    FORMATS,
    Report,
    Table,
    Text,
    _missing,
    format_value,
    is_formula_like,
)

__all__ = ["sheet_names", "write_excel"]

_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 60
_HEADER_FILL = "DCE7F3"


def sheet_names(titles: list[str], reserved: tuple[str, ...] = ("Summary",)) -> list[str]:
    """Valid, unique Excel sheet names for table titles (31 characters, no ``[]:*?/\\``).

    >>> sheet_names(["Key figures", "Changed units: Ängelholm 2015 [draft]", "Key figures"])
    ['Key figures', 'Changed units Ängelholm 2015 d…', 'Key figures (2)']
    >>> sheet_names(["", "Summary"])
    ['Table 1', 'Summary (2)']
    """
    used = {r.casefold() for r in reserved}
    out = []
    for k, title in enumerate(titles, start=1):
        name = _INVALID_SHEET_CHARS.sub("", str(title)).strip().strip("'") or f"Table {k}"
        if len(name) > 31:
            name = name[:30].rstrip() + "…"
        candidate, n = name, 1
        while candidate.casefold() in used:
            n += 1
            suffix = f" ({n})"
            candidate = name[: 31 - len(suffix)].rstrip() + suffix
        used.add(candidate.casefold())
        out.append(candidate)
    return out


def _excel_value(value: Any) -> Any:
    """A value openpyxl can store: numbers, text, dates, booleans or None."""
    if _missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        with contextlib.suppress(ValueError, AttributeError):
            value = value.item()
    if isinstance(value, bool | int | float | str | _dt.date | _dt.datetime):
        if isinstance(value, _dt.datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)
        return value
    return format_value(value)


def _put(ws, row: int, col: int, value: Any, number_format: str | None = None):
    cell = ws.cell(row=row, column=col)
    value = _excel_value(value)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"  # stored as text: never run as a formula
        cell.quotePrefix = True
    elif number_format and isinstance(value, int | float) and not isinstance(value, bool):
        cell.number_format = number_format
    return cell


def _width(value: Any, number_format: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, int | float) and not isinstance(value, bool):
        return len(f"{value:,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _table_sheet(ws, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header = table.header
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    widths = [len(h) for h in header]
    for c, h in enumerate(header, start=1):
        cell = _put(ws, 1, c, h)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    offset = 1 if table.index else 0
    for r, values in enumerate(table.rows()):
        for c, value in enumerate(values):
            fmt_key = None if c < offset else table.format_of(r, c - offset)
            number_format = FORMATS.get(fmt_key) if fmt_key else None
            cell = _put(ws, r + 2, c + 1, value, number_format)
            if c < offset:
                cell.font = bold
            widths[c] = max(widths[c], _width(cell.value, number_format))
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(_MAX_WIDTH, max(8, w + 2))
    last = get_column_letter(len(header))
    ws.freeze_panes = "B2" if table.index else "A2"
    ws.auto_filter.ref = f"A1:{last}{table.frame.shape[0] + 1}"
    if table.note:
        _put(ws, table.frame.shape[0] + 3, 1, table.note).font = Font(italic=True)


def _summary_sheet(ws, report: Report, names: dict[int, str]) -> None:
    from openpyxl.styles import Alignment, Font

    from orgmodel.i18n import t

    lang = report.language
    row = 1
    _put(ws, row, 1, report.title).font = Font(bold=True, size=16)
    row += 1
    for key, value in (("report.subtitle", report.subtitle), ("report.author", report.author)):
        if value:
            _put(ws, row, 1, t(key, lang)).font = Font(bold=True)
            _put(ws, row, 2, value)
            row += 1
    _put(ws, row, 1, t("report.date", lang)).font = Font(bold=True)
    _put(ws, row, 2, report.date_text)
    row += 2
    wrap = Alignment(wrap_text=True, vertical="top")
    for section in report.sections:
        _put(ws, row, 1, section.title).font = Font(bold=True, size=13)
        row += 1
        for block in section.blocks:
            if isinstance(block, Text):
                if block.title and block.title != section.title:
                    _put(ws, row, 1, block.title).font = Font(bold=True)
                    row += 1
                for line in block.paragraphs:
                    _put(ws, row, 1, line).alignment = wrap
                    row += 1
            elif isinstance(block, Table):
                _put(ws, row, 1, t("report.table_at", lang, title=block.title))
                _put(ws, row, 2, t("report.sheet_at", lang, sheet=names[id(block)]))
                row += 1
            else:
                _put(ws, row, 1, t("report.figure_at", lang, title=block.title))
                row += 1
        row += 1
    ws.column_dimensions["A"].width = 100
    ws.column_dimensions["B"].width = 40


def write_excel(report: Report, path: str | os.PathLike[str]) -> Path:
    """Write ``report`` as an ``.xlsx`` workbook, atomically: a summary sheet, then one
    sheet per table.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from openpyxl import Workbook

    from orgmodel.i18n import t as label_text
    from orgmodel.io.atomic import atomic_path

    summary_name = label_text("report.summary_sheet", report.language)
    tables = report.tables()
    names = dict(
        zip(
            (id(t) for t in tables),
            sheet_names([t.sheet or t.title for t in tables], reserved=(summary_name,)),
            strict=True,
        )
    )
    wb = Workbook()
    summary = wb.active
    summary.title = summary_name
    _summary_sheet(summary, report, names)
    for t in tables:
        _table_sheet(wb.create_sheet(names[id(t)]), t)
    wb.properties.title = report.title
    if report.author:
        wb.properties.creator = report.author
    target = Path(path)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target
