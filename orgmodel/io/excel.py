"""The orgmodel workbook (.xlsx): one sheet per table, readable and editable in Excel.

The sheets are those of :func:`orgmodel.io.tables.to_frames`: ``meta``, ``units``,
``posts``, ``people``, ``holdings``, ``competences``, ``links`` and a hidden ``_types``
sheet when some column holds YAML text. Each sheet has a bold, frozen header row and a
filter; the layout is described in ``docs/file-format.md``. Problems are located by sheet
and row as Excel shows them.

>>> import pathlib, tempfile
>>> from orgmodel.model import Organisation, Unit, Post
>>> org = Organisation([Unit("ks", "Kommunstyrelsen")],
...                    [Post("p1", unit="ks", title="=inte en formel", fte_budgeted=0.5)])
>>> path = pathlib.Path(tempfile.mkdtemp()) / "org.xlsx"
>>> write_workbook(org, path)
>>> read_workbook(path).build() == org
True
"""

from __future__ import annotations

import datetime as _dt
import os
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from orgmodel.errors import FormatError
from orgmodel.io.atomic import atomic_path
from orgmodel.io.draft import Draft
from orgmodel.io.orgfile import TABLES, _no_gc
from orgmodel.io.tables import SHEETS, TYPES_SHEET, Sheet, draft_from_sheets, excel_exact, to_frames
from orgmodel.model import Organisation

__all__ = ["read_workbook", "write_workbook"]

_MAX_WIDTH = 60
_WIDTH_SAMPLE = 2000  # rows looked at to size a column


def _cell_text_width(v: Any) -> int:
    if v is None:
        return 0
    if isinstance(v, _dt.datetime):
        return 19
    if isinstance(v, _dt.date):
        return 10
    if isinstance(v, float):
        return len(f"{v:.10g}")
    return max((len(line) for line in str(v).splitlines()), default=0)


def _write_sheet(wb: Any, name: str, df: pd.DataFrame) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    ws = wb.create_sheet(name)
    columns = [str(c) for c in df.columns]
    fields = TABLES[name][1] if name in TABLES else {}
    numeric = [fields.get(c) == "number" for c in columns]
    rows = list(df.itertuples(index=False, name=None))
    widths = [len(c) for c in columns]
    for row in rows[:_WIDTH_SAMPLE]:
        for j, v in enumerate(row):
            widths[j] = max(widths[j], _cell_text_width(v))
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(w + 2, 8), _MAX_WIDTH)
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    bold = Font(bold=True)
    header = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=c)
        cell.font = bold
        if c.startswith("="):
            cell.data_type = "s"
        header.append(cell)
    ws.append(header)
    for rownum, row in enumerate(rows, start=2):
        out: list[Any] = []
        for j, v in enumerate(row):
            if isinstance(v, str) and v.startswith("="):
                cell = WriteOnlyCell(ws, value=v)
                cell.data_type = "s"  # text, never a formula
                out.append(cell)
            elif numeric[j] and isinstance(v, float) and not excel_exact(v):
                out.append(repr(v))  # more digits than a cell keeps: text, read back exactly
            else:
                out.append(v)
        try:
            ws.append(out)
        except IllegalCharacterError:
            raise FormatError(
                f"cannot write sheet {name}, row {rownum}: a text holds a control character "
                "that a spreadsheet cell cannot hold"
            ) from None
    if name == TYPES_SHEET:
        ws.sheet_state = "hidden"


def write_workbook(org: Organisation, path: str | os.PathLike[str]) -> None:
    """Save the organisation as an orgmodel workbook (.xlsx), atomically.

    Text that starts with ``=``, ``+``, ``-`` or ``@`` is written as text, never as a
    formula.
    """
    from openpyxl import Workbook

    with _no_gc():
        frames = to_frames(org)
        wb = Workbook(write_only=True)
        for name in (*SHEETS, TYPES_SHEET):
            if name in frames:
                _write_sheet(wb, name, frames[name])
        with atomic_path(path) as temp:
            wb.save(temp)


def _cell_value(cell: Any) -> Any:
    v = cell.value
    if isinstance(v, _dt.datetime) and v.time() == _dt.time():
        fmt = (cell.number_format or "").lower()
        if not any(ch in fmt for ch in "hs"):  # a date format, without a time of day
            return v.date()
    return v


def _read_sheet(ws: Any) -> Sheet:
    header: list[Any] | None = None
    rows: list[list[Any]] = []
    numbers: list[int] = []
    # Files often state their used range wrongly or not at all, and working it out costs a
    # second pass over the sheet: read the rows as they come.
    ws.reset_dimensions()
    for rownum, row in enumerate(ws.iter_rows(), start=1):
        values = [_cell_value(c) for c in row]
        if header is None:
            header = values
            continue
        while values and values[-1] is None:
            values.pop()
        if not values:
            continue
        rows.append(values)
        numbers.append(rownum)
    header = header or []
    width = max([len(header), *map(len, rows)], default=0)
    header += [None] * (width - len(header))
    return Sheet(ws.title, header, rows, numbers)


def read_workbook(path: str | os.PathLike[str]) -> Draft:
    """A :class:`Draft` from an orgmodel workbook; problems name sheet and row.

    Raises
    ------
    FormatError
        When the file is not an .xlsx workbook, or has none of the orgmodel sheets (the
        message lists the sheets expected and found; an HR export with one row per post is
        read with ``orgmodel.io.read(path, preset=...)`` or ``mapping=...``).
    """
    from openpyxl import load_workbook

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise FormatError(
            f"{path}: not an Excel workbook (.xlsx) that can be read: {exc}"
        ) from None
    try:
        names = list(wb.sheetnames)
        known = {n.strip().lower() for n in names}
        if not known & {"units", "posts"}:
            raise FormatError(
                f"{path} is not an orgmodel workbook: expected the sheets "
                f"{', '.join(SHEETS)} (at least units or posts); found "
                f"{', '.join(repr(n) for n in names)}. For an HR export with one row per post, "
                "read it with orgmodel.io.read(path, preset=...) or mapping={...}"
            )
        with _no_gc():
            sheets = {name: _read_sheet(wb[name]) for name in names}
    finally:
        wb.close()
    with _no_gc():
        return draft_from_sheets(sheets, source=str(path))
