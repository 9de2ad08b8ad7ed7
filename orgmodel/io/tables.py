"""The organisation as tables (pandas DataFrames), the form of the orgmodel workbook.

:func:`to_frames` gives one DataFrame per sheet of the workbook (``meta``, ``units``,
``posts``, ``people``, ``holdings``, ``competences``, ``links`` and, when needed,
``_types``); :func:`draft_from_frames` reads them back, with every problem located by sheet
and row as a spreadsheet shows it (the header is row 1, the first data row is row 2).
:func:`from_frames` is the named constructor for DataFrames you made yourself.

Cells hold what a spreadsheet cell holds: text, numbers, booleans and dates. Competence
lists are ``"a; b"`` text. Free attributes are extra columns; an empty cell means the entity
has no such attribute. Attribute values a cell cannot hold as they are (lists, mappings,
``None``, empty text, floats with more digits than a spreadsheet keeps, ...) are written as
YAML flow text (``[a, b]``, ``{k: 1}``, ``null``, ``''``) and their column is named in the
``_types`` table (columns ``sheet``, ``column``, ``type``; type ``yaml``). A column of
floats with whole values (``120.0``) is marked ``float`` so it does not come back as ints.

>>> import pandas as pd
>>> org = from_frames(
...     units=pd.DataFrame({"id": ["kansliet"], "name": ["Kansliet"], "kind": ["office"]}),
...     posts=pd.DataFrame({"id": ["chef", "vu"], "unit": ["kansliet", "kansliet"],
...                         "fte_budgeted": [1, 3], "fte_actual": [None, 2.4],
...                         "reports_to": [None, "chef"], "competences": [None, "ledning; it"]}),
...     name="Hjo")
>>> org.post("vu").fte_actual, org.post("vu").competences
(2.4, ('ledning', 'it'))
>>> frames = to_frames(org)
>>> frames["posts"][["id", "unit", "fte_actual", "competences"]]
     id      unit  fte_actual competences
0  chef  kansliet         1.0        None
1    vu  kansliet         2.4  ledning; it
>>> draft_from_frames(frames).build() == org
True
>>> bad = pd.DataFrame({"id": ["a", "b"], "unit": ["kansliet", "nowhere"]})
>>> from_frames(units=frames["units"], posts=bad)
Traceback (most recent call last):
...
orgmodel.errors.ValidationError: 1 error found
sheet posts, row 3: posts 'b', field unit = 'nowhere': unit refers to unit 'nowhere', which does not exist [error missing_unit]
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import yaml

from orgmodel.errors import UnsupportedFormatError
from orgmodel.io.draft import Draft
from orgmodel.io.orgfile import (
    FORMAT_VERSION,
    REQUIRED,
    TABLES,
    _Dumper,
    _Loader,
    _plain,
    parse_bool,
    split_list,
)
from orgmodel.model import Location, Organisation, Problem

__all__ = ["SHEETS", "draft_from_frames", "from_frames", "to_frames"]

#: Sheet names of the orgmodel workbook, in order.
SHEETS: tuple[str, ...] = (
    "meta",
    "units",
    "posts",
    "people",
    "holdings",
    "competences",
    "links",
)
TYPES_SHEET = "_types"
_RESERVED_META = ("orgmodel", "name")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EXCEL_EPOCH_OK = _dt.date(1900, 3, 1)  # Excel's serial dates are wrong before this day


# ---- cells -----------------------------------------------------------------------------------


def excel_exact(x: float) -> bool:
    """True when a float survives a spreadsheet cell (16 significant digits) unchanged."""
    return math.isfinite(x) and float(f"{x:.16g}") == x


def _native(v: Any) -> bool:
    """Can a spreadsheet cell hold this attribute value so that it reads back equal and typed?"""
    if isinstance(v, bool):
        return True
    if isinstance(v, int):
        return abs(v) < 2**53
    if isinstance(v, float):
        return excel_exact(v) and not v.is_integer()
    if isinstance(v, str):
        return v.strip() != "" and not _ILLEGAL.search(v) and len(v) <= 32767
    if isinstance(v, _dt.datetime):
        return (
            v.tzinfo is None
            and v.microsecond == 0
            and v.date() >= _EXCEL_EPOCH_OK
            and v.year < 10000
        )
    if isinstance(v, _dt.date):
        return v >= _EXCEL_EPOCH_OK
    return False


def _float_column(values: Iterable[Any]) -> bool:
    return all(isinstance(v, float) and excel_exact(v) for v in values)


def yaml_text(value: Any) -> str:
    """A value as one-line YAML flow text, as written in a ``yaml`` column.

    >>> yaml_text(["a", "b"]), yaml_text({"k": 1}), yaml_text(None), yaml_text("")
    ('[a, b]', '{k: 1}', 'null', "''")
    """
    text = yaml.dump(
        _plain(value, "a cell"),
        Dumper=_Dumper,
        default_flow_style=True,
        allow_unicode=True,
        width=1_000_000,
    )
    if text.endswith("\n...\n"):
        text = text[:-5]
    return text[:-1] if text.endswith("\n") else text


def _from_yaml_text(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    return yaml.load(text, Loader=_Loader)


def _is_empty(v: Any) -> bool:
    if v is None or v is pd.NaT or v is pd.NA:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def _py(v: Any) -> Any:
    """numpy and pandas scalars as plain Python values."""
    if isinstance(v, pd.Timestamp):
        d = v.to_pydatetime()
        return d.date() if d.time() == _dt.time() and d.tzinfo is None else d
    item = getattr(v, "item", None)
    if callable(item) and not isinstance(v, str | bytes | list | dict | tuple):
        try:
            return item()
        except (TypeError, ValueError):
            return v
    return v


def _as_id(v: Any) -> Any:
    """Ids and references as text: spreadsheets often hold numeric ids (1001, 1001.0)."""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, int | float | _dt.date):
        return str(v)
    return v


def _as_text(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, int | float | _dt.date):
        return str(v)
    return v


_NUMBER_TEXT = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def _as_number(v: Any) -> Any:
    """Numbers stay; number text (``'2,5'``, ``'1 800 000'``) becomes a float; else as is."""
    if isinstance(v, str):
        s = v.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        if _NUMBER_TEXT.match(s):
            return float(s.replace(",", "."))
        if s.lower().lstrip("+-") in ("inf", "infinity"):
            return float(s)
    return v


# ---- writing ---------------------------------------------------------------------------------


def _entity_rows(table: str, items: Sequence[Any]) -> tuple[list[str], list[list[Any]], list]:
    """Columns, rows and ``_types`` entries of one table."""
    _, fields = TABLES[table]
    core = list(fields)
    attr_cols: dict[str, None] = {}
    for it in items:
        for key in it.attrs:
            if key in fields:
                raise ValueError(
                    f"cannot write {table} {getattr(it, 'id', '')!r}: attribute {key!r} has the "
                    "name of a field"
                )
            attr_cols.setdefault(key, None)
    rows: list[list[Any]] = []
    for it in items:
        row: list[Any] = []
        for f in core:
            v = getattr(it, f)
            kind = fields[f]
            if kind == "list":
                v = "; ".join(v) if v else None
            elif kind == "bool":
                v = bool(v)
            elif f == "description" and v == "":
                v = None
            row.append(v)
        rows.append(row)
    types: list[tuple[str, str, str]] = []
    for key in attr_cols:
        present = [it.attrs[key] for it in items if key in it.attrs]
        if all(_native(v) for v in present):
            encode = None
        elif _float_column(present):
            encode = None
            types.append((table, key, "float"))
        else:
            encode = yaml_text
            types.append((table, key, "yaml"))
        for row, it in zip(rows, items, strict=True):
            if key not in it.attrs:
                row.append(None)
            else:
                v = _plain(it.attrs[key], f"{table} attribute {key!r}")
                row.append(encode(v) if encode else v)
    return core + list(attr_cols), rows, types


def to_frames(org: Organisation) -> dict[str, pd.DataFrame]:
    """The organisation as the sheets of an orgmodel workbook, one DataFrame each.

    Every frame has a plain 0..n-1 index; ids are in the ``id`` column (links and holdings
    have none). ``meta`` holds ``key``/``value`` rows: first ``orgmodel`` (the format
    version) and ``name``, then ``Organisation.meta`` (keys ``orgmodel`` and ``name`` there
    are written as ``meta.orgmodel`` and ``meta.name``, like any key starting with ``meta.``).
    A ``_types`` frame is present when some column holds YAML text or whole-number floats.
    """
    frames: dict[str, pd.DataFrame] = {}
    types: list[tuple[str, str, str]] = []
    meta_rows: list[list[Any]] = [["orgmodel", FORMAT_VERSION]]
    if org.name:
        meta_rows.append(["name", org.name])
    for key, value in org.meta.items():
        k = str(key)
        if k in _RESERVED_META or k.startswith("meta."):
            k = "meta." + k
        meta_rows.append([k, _plain(value, f"meta {key!r}")])
    values = [r[1] for r in meta_rows]
    if not all(_native(v) for v in values):
        types.append(("meta", "value", "yaml"))
        for r in meta_rows:
            r[1] = yaml_text(r[1])
    frames["meta"] = pd.DataFrame(meta_rows, columns=["key", "value"], dtype=object)
    tables = {
        "units": list(org.iter_units()),
        "posts": list(org.iter_posts()),
        "people": list(org.iter_people()),
        "holdings": list(org.holding_list),
        "competences": list(org.competence_map.values()),
        "links": list(org.link_list),
    }
    for table, items in tables.items():
        columns, rows, t = _entity_rows(table, items)
        types += t
        frames[table] = pd.DataFrame(rows, columns=columns, dtype=object)
    if types:
        frames[TYPES_SHEET] = pd.DataFrame(types, columns=["sheet", "column", "type"], dtype=object)
    return frames


# ---- reading ---------------------------------------------------------------------------------


def _text_index(index: pd.Index) -> bool:
    """An index of ids (text), not the row numbers pandas gives a frame by default."""
    return not pd.api.types.is_numeric_dtype(index.dtype) and index.nlevels == 1


class Sheet:
    """A table as read: column names, rows of cell values and their spreadsheet row numbers."""

    __slots__ = ("columns", "name", "row_numbers", "rows")

    def __init__(
        self,
        name: str,
        columns: list[Any],
        rows: list[Sequence[Any]],
        row_numbers: list[int] | None = None,
    ):
        self.name = name
        self.columns = columns
        self.rows = rows
        self.row_numbers = row_numbers or list(range(2, len(rows) + 2))

    @classmethod
    def from_frame(cls, name: str, df: pd.DataFrame, has_id: bool) -> Sheet:
        if (
            has_id
            and "id" not in [str(c).strip().lower() for c in df.columns]
            and (df.index.name == "id" or _text_index(df.index))
        ):
            df = df.reset_index().rename(columns={df.index.name or "index": "id"})
        rows = [[_py(v) for v in row] for row in df.itertuples(index=False, name=None)]
        return cls(name, list(df.columns), rows)


class _TableReader:
    def __init__(self, source: str | None):
        self.source = source
        self.draft = Draft(source=source)

    def problem(
        self,
        code,
        message,
        sheet,
        row,
        table=None,
        id_=None,
        field=None,
        value=None,
        severity="error",
    ):
        self.draft.problems.append(
            Problem(
                severity,
                code,
                message,
                table=table,
                id=id_,
                field=field,
                value=value,
                location=Location(self.source, sheet=sheet, row=row),
            )
        )

    def header(self, sheet: Sheet, fields: Mapping[str, str] | None) -> list[tuple[int, str, bool]]:
        """``(column index, name, is_core)`` for each usable column; problems reported."""
        out: list[tuple[int, str, bool]] = []
        seen: set[str] = set()
        for i, col in enumerate(sheet.columns):
            if _is_empty(col) or (isinstance(col, str) and col.startswith("Unnamed: ")):
                if any(not _is_empty(r[i]) for r in sheet.rows if i < len(r)):
                    self.problem(
                        "missing_header",
                        f"column {i + 1} has values but no name in "
                        "the header row; its values are not read",
                        sheet.name,
                        1,
                    )
                continue
            name = str(_py(col)).strip()
            core = fields is not None and name.lower() in fields
            if core:
                name = name.lower()
            if name in seen:
                self.problem(
                    "duplicate_column",
                    f"column {name!r} is given twice; only the first is read",
                    sheet.name,
                    1,
                    field=name,
                )
                continue
            seen.add(name)
            out.append((i, name, core))
        return out

    def types(self, sheet: Sheet | None) -> dict[tuple[str, str], str]:
        if sheet is None:
            return {}
        cols = {str(c).strip().lower(): i for i, c in enumerate(sheet.columns)}
        missing = [c for c in ("sheet", "column", "type") if c not in cols]
        if missing:
            self.problem(
                "missing_column",
                f"the {TYPES_SHEET} sheet needs the columns sheet, "
                f"column, type; missing: {', '.join(missing)}",
                sheet.name,
                1,
            )
            return {}
        out: dict[tuple[str, str], str] = {}
        for r, rownum in zip(sheet.rows, sheet.row_numbers, strict=True):
            s, c, t = (
                r[cols[k]] if cols[k] < len(r) else None for k in ("sheet", "column", "type")
            )
            if _is_empty(s) and _is_empty(c):
                continue
            if t not in ("yaml", "float"):
                self.problem(
                    "bad_type",
                    "type must be 'yaml' or 'float'",
                    sheet.name,
                    rownum,
                    field="type",
                    value=t,
                )
                continue
            out[(str(s).strip().lower(), str(c).strip())] = t
        return out

    def decode(self, v: Any, type_: str | None, sheet: str, row: int, table, id_, field) -> Any:
        if type_ == "yaml":
            try:
                return _from_yaml_text(v)
            except yaml.YAMLError as exc:
                self.problem(
                    "bad_yaml",
                    f"the cell must hold YAML text (column {field!r} is "
                    f"marked yaml in {TYPES_SHEET}): {exc}".splitlines()[0],
                    sheet,
                    row,
                    table,
                    id_,
                    field,
                    v,
                )
                return v
        if type_ == "float" and isinstance(v, int) and not isinstance(v, bool):
            return float(v)
        return v

    def core_value(self, kind, v, sheet, row, table, id_, field):
        if kind in ("id", "ref"):
            return _as_id(v)
        if kind == "text":
            return _as_text(v)
        if kind == "number":
            return _as_number(v)
        if kind == "list":
            if isinstance(v, str):
                return split_list(v)
            if isinstance(v, list | tuple):
                return tuple(_as_id(x) for x in v)
            return (_as_id(v),)
        b = parse_bool(v)
        if b is None:
            self.problem(
                "not_a_boolean",
                f"{field} must be true or false (or yes/no, ja/nej)",
                sheet,
                row,
                table,
                id_,
                field,
                v,
            )
            return v
        return b

    def table(self, table: str, sheet: Sheet, types: Mapping[tuple[str, str], str]) -> None:
        cls, fields = TABLES[table]
        cols = self.header(sheet, fields)
        names = {name for _, name, _ in cols}
        for f in REQUIRED[table]:
            if f not in names:
                self.problem(
                    "missing_column",
                    f"sheet {sheet.name} has no column {f!r}; "
                    f"columns: {', '.join(map(repr, sorted(names)))}",
                    sheet.name,
                    1,
                    table=table,
                    field=f,
                )
        out = getattr(self.draft, table)
        key = sheet.name.lower()
        for r, rownum in zip(sheet.rows, sheet.row_numbers, strict=True):
            if all(_is_empty(v) for v in r):
                continue
            cells = {name: (r[i] if i < len(r) else None) for i, name, _ in cols}
            if table == "holdings":
                who, what = (cells.get(k) for k in ("person", "post"))
                id_ = f"{'' if _is_empty(who) else _as_id(who)}@{'' if _is_empty(what) else _as_id(what)}"
            else:
                id_ = _as_id(cells.get("id", cells.get("source")))
            values: dict[str, Any] = {}
            attrs: dict[str, Any] = {}
            for i, name, core in cols:
                v = r[i] if i < len(r) else None
                if _is_empty(v):
                    continue
                if core:
                    values[name] = self.core_value(
                        fields[name], v, sheet.name, rownum, table, id_, name
                    )
                else:
                    t = types.get((key, name))
                    attrs[name] = self.decode(v, t, sheet.name, rownum, table, id_, name)
            for f in REQUIRED[table]:
                values.setdefault(f, None)
            for f in ("person", "post") if table == "holdings" else ():
                if values[f] is None:  # check() cannot see a holding of nobody or no post
                    self.problem(
                        "missing_value",
                        f"{f} is missing (who holds which post?)",
                        sheet.name,
                        rownum,
                        table,
                        id_,
                        f,
                    )
            self.draft.locations.add(
                table, len(out), Location(self.source, sheet=sheet.name, row=rownum)
            )
            out.append(cls(**values, attrs=attrs))

    def meta(self, sheet: Sheet, types: Mapping[tuple[str, str], str]) -> None:
        cols = {name: i for i, name, _ in self.header(sheet, None)}
        lower = {k.lower(): i for k, i in cols.items()}
        if "key" not in lower or "value" not in lower:
            self.problem(
                "missing_column", "the meta sheet needs the columns key and value", sheet.name, 1
            )
            return
        ki, vi = lower["key"], lower["value"]
        t = types.get((sheet.name.lower(), "value"))
        seen: dict[str, int] = {}
        d = self.draft
        for r, rownum in zip(sheet.rows, sheet.row_numbers, strict=True):
            k = r[ki] if ki < len(r) else None
            v = r[vi] if vi < len(r) else None
            if _is_empty(k):
                if not _is_empty(v):
                    self.problem(
                        "missing_value",
                        "a meta value without a key",
                        sheet.name,
                        rownum,
                        field="key",
                        value=v,
                    )
                continue
            k = str(_as_text(k)).strip()
            if k in seen:
                self.problem(
                    "duplicate_key",
                    f"key {k!r} is given twice (first in row {seen[k]})",
                    sheet.name,
                    rownum,
                    field=k,
                )
                continue
            seen[k] = rownum
            v = self.decode(v, t, sheet.name, rownum, None, None, k)
            if t is None and _is_empty(v):
                v = None
            if k == "orgmodel":
                self.version(v, sheet.name, rownum)
            elif k == "name":
                d.name = "" if v is None else str(_as_text(v))
            else:
                d.meta[k[5:] if k.startswith("meta.") else k] = v

    def version(self, v: Any, sheet: str, row: int) -> None:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            self.problem(
                "bad_version",
                f"orgmodel (the format version) must be {FORMAT_VERSION}",
                sheet,
                row,
                field="orgmodel",
                value=v,
            )
        elif v > FORMAT_VERSION:
            raise UnsupportedFormatError(
                f"{self.source or 'the workbook'}, sheet {sheet}, row {row}: format version {v} "
                f"is newer than this orgmodel reads ({FORMAT_VERSION}); upgrade orgmodel"
            )


def draft_from_sheets(sheets: Mapping[str, Sheet], *, source: str | None = None) -> Draft:
    """A :class:`Draft` from sheets as read (used by the workbook reader and frames)."""
    reader = _TableReader(source)
    by_name = {name.strip().lower(): sheet for name, sheet in sheets.items()}
    types = reader.types(by_name.get(TYPES_SHEET))
    if "meta" in by_name:
        reader.meta(by_name["meta"], types)
    for table in TABLES:
        if table in by_name:
            reader.table(table, by_name[table], types)
    for name, sheet in sheets.items():
        if name.strip().lower() not in (*SHEETS, TYPES_SHEET):
            reader.problem(
                "unknown_sheet",
                f"sheet {name!r} is not an orgmodel sheet and is "
                f"not read; orgmodel sheets: {', '.join(SHEETS)}",
                sheet.name,
                None,
                severity="warning",
            )
    return reader.draft


def draft_from_frames(frames: Mapping[str, pd.DataFrame], *, source: str | None = None) -> Draft:
    """A :class:`Draft` from DataFrames named like the workbook's sheets.

    Problems are located by sheet (the frame's name) and row as a spreadsheet shows it: the
    header is row 1, the frame's first row is row 2. Empty cells give the field's default.
    A ``_types`` frame (see :func:`to_frames`) says which columns hold YAML text or floats.
    """
    sheets = {
        name: Sheet.from_frame(
            name, df, name.strip().lower() in TABLES and "id" in TABLES[name.strip().lower()][1]
        )
        for name, df in frames.items()
    }
    return draft_from_sheets(sheets, source=source)


def from_frames(
    units: pd.DataFrame | None = None,
    posts: pd.DataFrame | None = None,
    people: pd.DataFrame | None = None,
    holdings: pd.DataFrame | None = None,
    competences: pd.DataFrame | None = None,
    links: pd.DataFrame | None = None,
    *,
    name: str = "",
    meta: Mapping[str, Any] | None = None,
) -> Organisation:
    """An :class:`Organisation` from DataFrames, one per table.

    Columns are named like the entity fields (``id`` may be the index instead); other
    columns become free attributes. Empty cells (``None``, ``NaN``) give the field's
    default; competence lists may be ``"a; b"`` text. Every problem is reported at once, by
    table and row (header = row 1), in a :class:`~orgmodel.errors.ValidationError`.
    """
    given = {
        "units": units,
        "posts": posts,
        "people": people,
        "holdings": holdings,
        "competences": competences,
        "links": links,
    }
    frames = {k: v for k, v in given.items() if v is not None}
    draft = draft_from_frames(frames)
    draft.name = name
    draft.meta = dict(meta or {})
    return draft.build()
