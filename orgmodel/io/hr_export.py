"""Read flat HR exports (CSV or XLSX, one row per post or per person in post); write one.

An HR system exports a table; a *mapping* says which column holds which model field::

    {"id": "Anst.nr", "title": "Befattning", "unit": "Enhet", "reports_to": "Chef",
     "fte_budgeted": "Sysselsättningsgrad", "cost": "Lön", "person": "Namn",
     "parent_unit": "Överordnad enhet"}

:func:`read_hr_draft` turns the rows into a :class:`~orgmodel.io.draft.Draft`: units from the
distinct unit values (under their ``parent_unit`` when mapped, otherwise flat under one root
unit named after the file or the ``name`` option), one post per row (a repeated post id with
a person column adds a holder instead), a person and a holding per filled person cell. Every
column that is not mapped is kept in the post's ``attrs``. Numbers may be written the Nordic
way (``"1 234,5"``, ``"0,6"``, ``"75 %"``); a cell that is no number stays as text in the
post, so :func:`orgmodel.model.check` reports it with its file and line (CSV, the header is
line 1) or sheet and row (XLSX). Nothing is dropped silently: problems only the reader can
see (a missing column, a ragged row) are in ``Draft.problems``.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "hjo.csv"
>>> _ = path.write_text(
...     "Anst.nr;Befattning;Enhet;Chef;Sysselsättningsgrad;Lön;Namn\\n"
...     "1;Kanslichef;Kansliet;;100 %;62 000;Eva Ek\\n"
...     "2;Utredare;Kansliet;1;0,6;38 500;Ali Ahmadi\\n",
...     encoding="utf-8")
>>> mapping = {"id": "Anst.nr", "title": "Befattning", "unit": "Enhet",
...            "reports_to": "Chef", "fte_budgeted": "Sysselsättningsgrad",
...            "cost": "Lön", "person": "Namn"}
>>> draft = read_hr_draft(path, mapping=mapping, cost_factor=12)
>>> org = draft.build()
>>> org.posts[["unit", "fte_budgeted", "cost"]]
        unit  fte_budgeted      cost
id
1   kansliet           1.0  744000.0
2   kansliet           0.6  462000.0
>>> org.post("2").reports_to, org.roots(), org.children("hjo")
('1', ['hjo'], ['kansliet'])
>>> org.holders("2")
[('ali-ahmadi', 1.0)]
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgmodel.errors import FormatError, UnsupportedFormatError
from orgmodel.io.draft import Draft
from orgmodel.model import Holding, Location, Person, Post, Problem, Unit

__all__ = [
    "HR_FIELDS",
    "Table",
    "parse_number",
    "read_hr_draft",
    "read_table",
    "slugify",
    "write_hr",
]

#: Model fields a mapping can name, with what each means.
HR_FIELDS: dict[str, str] = {
    "id": "post id (a row number based id is made when not mapped)",
    "title": "post title",
    "unit": "name of the unit the post is in (required)",
    "parent_unit": "name of the unit's parent unit",
    "reports_to": "the manager: a post id, or the name of the person holding the manager's post",
    "fte_budgeted": "budgeted FTE (0.6, '0,6', '60 %')",
    "fte_actual": "actual FTE",
    "cost": "cost of the post (multiplied by the cost_factor option, e.g. 12 for monthly pay)",
    "vacant": "vacancy flag (ja/nei/yes/no/x/1/0/true/false)",
    "competences": "competences, separated by , ; or |",
    "person": "name of the person holding the post (creates a Person and a Holding)",
    "person_id": "id of the person (default: made from the name)",
    "share": "share of the person's time in this post (default 1)",
}

#: Options :func:`read_hr_draft` understands, with what each does.
HR_OPTIONS: dict[str, str] = {
    "name": "name of the organisation and of the root unit (default: the first file's name)",
    "sheet": "XLSX sheet to read (default: the first)",
    "encoding": "CSV encoding (default: UTF-8, falling back to cp1252)",
    "delimiter": "CSV delimiter (default: guessed among , ; tab |)",
    "decimal": "decimal mark: ',' (Nordic), '.' (English) or 'auto' (default)",
    "cost_factor": "multiply costs by this, e.g. 12.0 when the export has monthly pay",
    "fte_percent": "True: every FTE cell is a percentage; None (default): cells with % are, "
    "and under headers such as 'Sysselsättningsgrad' or 'Stillingsprosent' so are values "
    "above 1.5 (100, 75); False: only cells with %",
    "currency": "currency of the costs, kept as meta['currency']",
}

_PERCENT_HEADER = re.compile(
    r"%|procent|prosent|percent|grad\b|omfattning|stillingsstørrelse", re.IGNORECASE
)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_TRUE = {"1", "x", "ja", "j", "yes", "y", "true", "sant", "vakant", "vacant", "sann"}
_FALSE = {"0", "", "nej", "nei", "n", "no", "false", "falskt", "usann"}


# ---- small parsing helpers ---------------------------------------------------------------
def clean_text(value: Any) -> str:
    """A cell as trimmed text, with runs of (non-breaking) spaces made one space.

    >>> clean_text("  Corporate\\u00a0Centre  ")
    'Corporate Centre'
    >>> clean_text(None)
    ''
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", str(value)).strip()


def slugify(text: str) -> str:
    """A readable id made from a name: lower case, words joined by ``-``.

    Letters outside ASCII (å, ä, ö, æ, ø) are kept.

    >>> slugify("Överförmyndarnämnden & Kansliet")
    'överförmyndarnämnden-kansliet'
    >>> slugify("  Corporate\\u00a0Centre ")
    'corporate-centre'
    """
    s = re.sub(r"[^\w]+", "-", clean_text(text).casefold()).strip("-")
    return s or "x"


def parse_number(value: Any, *, decimal: str = "auto", percent: bool = False) -> float | None:
    """A number from a cell written the Nordic or the English way; ``None`` for a blank.

    Spaces (also non-breaking ones) and apostrophes group thousands; currency marks
    (``kr``, ``SEK``, ``NOK``, ``£``, ``€``, ``$``) are ignored; a ``%`` divides by 100, as
    does ``percent=True``. With ``decimal="auto"`` a single comma is a decimal comma, and
    when both marks occur the last one is the decimal mark. With ``decimal=","`` (or
    ``"."``) a lone mark of the other kind groups thousands only when exactly three digits
    follow it (``"12.500"``); otherwise it is read as the decimal mark (``"0.75"``).

    Raises
    ------
    ValueError
        When the cell is not a number.

    >>> parse_number("1 234,5"), parse_number("0,6"), parse_number("75 %")
    (1234.5, 0.6, 0.75)
    >>> parse_number("1,234,567.5"), parse_number("£80,000", decimal=".")
    (1234567.5, 80000.0)
    >>> parse_number("62 000 kr"), parse_number("1.234,5"), parse_number(""), parse_number(3)
    (62000.0, 1234.5, None, 3.0)
    >>> parse_number("0.75", decimal=","), parse_number("12.500", decimal=",")
    (0.75, 12500.0)
    >>> parse_number("tre")
    Traceback (most recent call last):
    ...
    ValueError: 'tre' is not a number
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return None
        return float(value) / (100.0 if percent else 1.0)
    text = clean_text(value)
    if not text:
        return None
    s = re.sub(r"(?i)\b(kr|sek|nok|dkk|eur|gbp|usd)\b\.?|[£€$:-]+$", "", text)
    s = s.replace("£", "").replace("€", "").replace("$", "")
    if s.endswith("%"):
        percent = True
        s = s[:-1]
    s = re.sub(r"[\s'\u00a0\u2007\u202f]", "", s)
    s = s.replace("\u2212", "-")  # a typographic minus
    if decimal == "auto":
        if "," in s and "." in s:
            decimal = "," if s.rfind(",") > s.rfind(".") else "."
        elif s.count(",") > 1:
            decimal = "."
        elif s.count(".") > 1:
            decimal = ","
        else:
            decimal = "," if "," in s else "."
    other = "." if decimal == "," else ","
    if decimal in (",", ".") and decimal not in s and s.count(other) == 1:
        # one mark of the other kind: it groups thousands only before exactly 3 digits
        if not re.search(rf"\d\{other}\d{{3}}$", s):
            decimal = other
    if decimal == ",":
        s = s.replace(".", "").replace(",", ".")
    elif decimal == ".":
        s = s.replace(",", "")
    else:
        raise ValueError(f"decimal must be ',', '.' or 'auto', not {decimal!r}")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", s):
        raise ValueError(f"{text!r} is not a number")
    number = float(s)
    return number / 100.0 if percent else number


def parse_flag(value: Any) -> bool | None:
    """``True``/``False`` from ja/nej, yes/no, x, 1/0 ...; ``None`` when unknown.

    >>> parse_flag("Ja"), parse_flag(""), parse_flag("kanske")
    (True, False, None)
    """
    if isinstance(value, bool):
        return value
    text = clean_text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


# ---- tables --------------------------------------------------------------------------------
@dataclass
class Table:
    """The cells of one CSV file or XLSX sheet, each row with its location.

    ``header`` holds the column names as written, except that a blank header becomes
    ``"(blank N)"`` (N counted from 1) and a repeated one gets ``" (2)"``, so no column is
    lost when rows are turned into dicts.
    """

    source: str
    sheet: str | None
    header: list[str]
    rows: list[tuple[Location, list[Any]]]
    problems: list[Problem] = field(default_factory=list)
    raw_header: list[Any] = field(default_factory=list)
    header_location: Location = field(default_factory=Location)

    def records(self) -> Iterable[tuple[Location, dict[str, Any]]]:
        """Each row as ``(location, {column: cell})``."""
        for loc, cells in self.rows:
            yield loc, dict(zip(self.header, cells, strict=False))


def _unique_header(raw: Sequence[Any]) -> list[str]:
    out: list[str] = []
    seen: dict[str, int] = {}
    for k, h in enumerate(raw):
        name = clean_text(h) or f"(blank {k + 1})"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _decode(data: bytes, encoding: str | None) -> str:
    if encoding:
        return data.decode(encoding)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_table(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Table:
    """Read a CSV file or an XLSX sheet into a :class:`Table`, keeping every row's location.

    CSV rows get the line they start on (a quoted cell may span lines; the header is line
    1), XLSX rows their spreadsheet row number. Fully empty rows are skipped; a row with
    more cells than the header gives a ``ragged_row`` warning (the extra cells are kept
    under ``"(extra N)"`` columns).

    Raises
    ------
    FormatError
        When the file does not exist or cannot be read as CSV/XLSX.
    UnsupportedFormatError
        For other suffixes.
    """
    p = Path(path)
    suffix = p.suffix.casefold()
    if suffix in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv"):
        if not p.exists():
            raise FormatError(f"{p}: no such file")
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(p, sheet)
        return _read_csv(p, encoding, delimiter)
    raise UnsupportedFormatError(
        f"{p}: cannot read {p.suffix or 'files without a suffix'!r} as an HR export; "
        "valid: '.csv', '.tsv', '.txt', '.xlsx', '.xlsm'"
    )


def _read_csv(p: Path, encoding: str | None, delimiter: str | None) -> Table:
    try:
        text = _decode(p.read_bytes(), encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise FormatError(f"{p}: cannot decode the file ({exc})") from exc
    if delimiter is None:
        first = text.split("\n", 1)[0]
        counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[Location, list[Any]]] = []
    header_raw: list[str] | None = None
    previous_end = 0
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if header_raw is None:
                if not any(c.strip() for c in cells):
                    continue
                header_raw = cells
                header_line = start
                continue
            if not any(c.strip() for c in cells):
                continue
            rows.append((Location(str(p), line=start), cells))
    except csv.Error as exc:
        raise FormatError(f"{p}, line {reader.line_num}: not a readable CSV file ({exc})") from exc
    if header_raw is None:
        raise FormatError(f"{p}: the file is empty (no header row)")
    table = Table(
        str(p),
        None,
        _unique_header(header_raw),
        [],
        raw_header=list(header_raw),
        header_location=Location(str(p), line=header_line),
    )
    _fit_rows(table, rows)
    return table


def _read_xlsx(p: Path, sheet: str | None) -> Table:
    import openpyxl  # a core dependency, imported here to keep `import orgmodel` fast

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise FormatError(f"{p}: not a readable XLSX file ({exc})") from exc
    try:
        if sheet is None:
            ws = wb.worksheets[0]
        elif sheet in wb.sheetnames:
            ws = wb[sheet]
        else:
            from orgmodel.errors import did_you_mean

            raise FormatError(f"{p}: no sheet {sheet!r}{did_you_mean(sheet, wb.sheetnames)}")
        header_raw: list[Any] | None = None
        rows: list[tuple[Location, list[Any]]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else v for v in values]
            if not any(clean_text(c) for c in cells):
                continue
            if header_raw is None:
                header_raw = cells
                header_row = number
                continue
            rows.append((Location(str(p), sheet=ws.title, row=number), cells))
        title = ws.title
    finally:
        wb.close()
    if header_raw is None:
        raise FormatError(f"{p}, sheet {title}: the sheet is empty (no header row)")
    while header_raw and not clean_text(header_raw[-1]):
        header_raw.pop()  # trailing empty header cells of a formatted sheet
    table = Table(
        str(p),
        title,
        _unique_header(header_raw),
        [],
        raw_header=list(header_raw),
        header_location=Location(str(p), sheet=title, row=header_row),
    )
    _fit_rows(table, rows)
    return table


def _fit_rows(table: Table, rows: list[tuple[Location, list[Any]]]) -> None:
    width = len(table.header)
    extra_names: list[str] = []
    for loc, cells in rows:
        cells = list(cells)
        if len(cells) > width:
            extra = cells[width:]
            while extra and not clean_text(extra[-1]):
                extra.pop()
            if extra:
                table.problems.append(
                    Problem(
                        "warning",
                        "ragged_row",
                        f"the row has {width + len(extra)} cells but the header names {width} "
                        "columns; the extra cells are kept as '(extra N)'",
                        value=[clean_text(c) for c in extra],
                        location=loc,
                    )
                )
                while len(extra_names) < len(extra):
                    extra_names.append(f"(extra {len(extra_names) + 1})")
            cells = cells[:width] + extra
        elif len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        table.rows.append((loc, cells))
    if extra_names:
        table.header = table.header + extra_names
        table.rows = [(loc, c + [""] * (len(table.header) - len(c))) for loc, c in table.rows]


def _paths(paths: Any) -> list[Path]:
    if isinstance(paths, str | os.PathLike):
        return [Path(paths)]
    out = [Path(p) for p in paths]
    if not out:
        raise FormatError("no file given")
    return out


def _norm_header(h: str) -> str:
    return clean_text(h).casefold()


def resolve_columns(
    header: Sequence[str], mapping: Mapping[str, str | Sequence[str]]
) -> tuple[dict[str, str], list[tuple[str, str | Sequence[str]]]]:
    """Which column each mapped field reads, and the fields whose column is missing.

    A field may name one column or several alternatives (the first present one is used).
    Headers match ignoring case and surrounding or repeated spaces.

    >>> resolve_columns(["Enhet", "NAMN "], {"unit": "enhet", "person": ("Namn", "Navn"),
    ...                                       "title": "Befattning"})
    ({'unit': 'Enhet', 'person': 'NAMN '}, [('title', 'Befattning')])
    """
    by_norm: dict[str, str] = {}
    for h in header:
        by_norm.setdefault(_norm_header(h), h)
    found: dict[str, str] = {}
    missing: list[tuple[str, str | Sequence[str]]] = []
    for fld, columns in mapping.items():
        options = [columns] if isinstance(columns, str) else list(columns)
        for c in options:
            if _norm_header(c) in by_norm:
                found[fld] = by_norm[_norm_header(c)]
                break
        else:
            missing.append((fld, columns))
    return found, missing


# ---- the generic reader ----------------------------------------------------------------------
def read_hr_draft(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    preset: str | None = None,
    mapping: Mapping[str, str] | None = None,
    **options: Any,
) -> Draft:
    """Read one or more flat HR exports (CSV/XLSX) into a :class:`~orgmodel.io.draft.Draft`.

    Parameters
    ----------
    paths
        One path or a sequence of paths; rows of all files are read into one organisation.
    preset
        A name from :data:`orgmodel.io.presets.PRESETS`: either a ready mapping for common
        Swedish, Norwegian or English column names (``"sv-hr"``, ``"no-hr"``, ``"en-hr"``)
        or a reader of its own (``"uk-organogram"``).
    mapping
        Model field -> column name (see :data:`HR_FIELDS`); with a preset, it overrides the
        preset's columns field by field. ``unit`` is required.
    **options
        See :data:`HR_OPTIONS` (``name``, ``sheet``, ``encoding``, ``delimiter``,
        ``decimal``, ``cost_factor``, ``fte_percent``, ``currency``).

    Returns
    -------
    Draft
        ``Draft.build()`` gives the organisation or a
        :class:`~orgmodel.errors.ValidationError` listing every problem with its location.

    Raises
    ------
    UnsupportedFormatError
        For an unknown preset or file suffix.
    FormatError
        For an unknown mapping field or option, or an unreadable file.
    """
    if preset is not None:
        from orgmodel.io.presets import get_preset

        spec = get_preset(preset)
        if spec.reader is not None:
            if mapping:
                raise FormatError(f"preset {preset!r} reads its own columns and takes no mapping")
            return spec.reader(paths, **options)
        columns: dict[str, str | Sequence[str]] = dict(spec.mapping)
        columns.update(mapping or {})
        options = {**spec.options, **options}
        required = {"unit"} | set(mapping or {})
    else:
        if not mapping:
            raise FormatError(
                "give a mapping from model fields to column names (or a preset); fields: "
                + ", ".join(HR_FIELDS)
            )
        columns = dict(mapping)
        required = set(columns)
    return _read_mapped(_paths(paths), columns, required, options)


def _check_names(kind: str, given: Iterable[str], valid: Mapping[str, str]) -> None:
    from orgmodel.errors import did_you_mean

    bad = [g for g in given if g not in valid]
    if bad:
        raise FormatError(
            "; ".join(f"unknown {kind} {b!r}{did_you_mean(b, valid)}" for b in bad)
            + f" (valid {kind}s: {', '.join(valid)})"
        )


class _UnitRegistry:
    """Units made from names as they occur: one id per (cleaned) name."""

    def __init__(self, reserved: Iterable[str] = ()):
        self.by_name: dict[str, str] = {}
        self.taken: set[str] = set(reserved)

    def id_for(self, name: str) -> str:
        key = clean_text(name).casefold()
        if key not in self.by_name:
            base = slugify(name)
            uid, k = base, 2
            while uid in self.taken:
                uid, k = f"{base}-{k}", k + 1
            self.taken.add(uid)
            self.by_name[key] = uid
        return self.by_name[key]


def _read_mapped(
    paths: list[Path],
    columns: Mapping[str, str | Sequence[str]],
    required: set[str],
    options: dict[str, Any],
) -> Draft:
    _check_names("mapping field", columns, HR_FIELDS)
    _check_names("option", options, HR_OPTIONS)
    if "unit" not in columns:
        raise FormatError("the mapping must name the column of field 'unit'")
    cost_factor = float(options.get("cost_factor", 1.0))
    decimal = options.get("decimal", "auto")
    fte_percent = options.get("fte_percent")
    name = options.get("name") or paths[0].stem
    draft = Draft(name=name, source=", ".join(str(p) for p in paths))
    draft.meta.update({"source": draft.source, "cost_factor": cost_factor})
    if options.get("currency"):
        draft.meta["currency"] = options["currency"]

    has_parent = "parent_unit" in columns
    root_id = None if has_parent else slugify(name)
    units = _UnitRegistry([root_id] if root_id else [])
    unit_rows: dict[str, tuple[str, str | None, Location]] = {}  # id -> (name, parent, where)
    post_pos: dict[str, int] = {}
    person_pos: dict[str, int] = {}
    raw_reports: list[tuple[int, Any]] = []

    for path in paths:
        table = read_table(
            path,
            sheet=options.get("sheet"),
            encoding=options.get("encoding"),
            delimiter=options.get("delimiter"),
        )
        draft.problems.extend(table.problems)
        found, missing = resolve_columns(table.header, columns)
        missing_required = [(f, c) for f, c in missing if f in required]
        if missing_required:
            wanted = ", ".join(
                f"{c!r} (for {f})" if isinstance(c, str) else f"one of {list(c)!r} (for {f})"
                for f, c in missing_required
            )
            draft.problems.append(
                Problem(
                    "error",
                    "missing_column",
                    f"missing column{'s' * (len(missing_required) > 1)} {wanted}; "
                    f"columns present: {', '.join(repr(h) for h in table.header)}; "
                    f"none of its {len(table.rows)} rows was read",
                    field=", ".join(f for f, _ in missing_required),
                    location=table.header_location,
                )
            )
            continue
        percent_fte: dict[str, str | None] = {
            f: "all"
            if fte_percent is True
            else "large"
            if fte_percent is None and _PERCENT_HEADER.search(found[f])
            else None
            for f in ("fte_budgeted", "fte_actual")
            if f in found
        }
        mapped_columns = set(found.values())
        for loc, cells in table.records():
            _read_row(
                draft,
                loc,
                cells,
                found,
                mapped_columns,
                units,
                unit_rows,
                post_pos,
                person_pos,
                raw_reports,
                root_id,
                cost_factor,
                decimal,
                percent_fte,
            )

    # units: the root first, then in order of appearance
    if root_id is not None:
        draft.units.append(Unit(root_id, name, kind="organisation"))
    for uid, (uname, parent, loc) in unit_rows.items():
        draft.locations.add("units", len(draft.units), loc)
        draft.units.append(Unit(uid, uname, parent=parent if has_parent else root_id))

    _resolve_reports_to(draft, raw_reports, post_pos)
    return draft


def _read_row(
    draft: Draft,
    loc: Location,
    cells: dict[str, Any],
    found: dict[str, str],
    mapped_columns: set[str],
    units: _UnitRegistry,
    unit_rows: dict[str, tuple[str, str | None, Location]],
    post_pos: dict[str, int],
    person_pos: dict[str, int],
    raw_reports: list[tuple[int, Any]],
    root_id: str | None,
    cost_factor: float,
    decimal: str,
    percent_fte: dict[str, str | None],
) -> None:
    def cell(fld: str) -> Any:
        return cells.get(found[fld], "") if fld in found else ""

    def number(fld: str, default: float | None) -> Any:
        raw = cell(fld)
        try:
            value = parse_number(raw, decimal=decimal)
        except ValueError:
            return clean_text(raw)  # kept as text: check() reports it with this row
        if value is None:
            return default
        # a percentage column: 100 and 75 are per cent, 0.75 is already a share
        scale = percent_fte.get(fld)
        if scale == "all" or (scale == "large" and value > 1.5):
            value = value / 100.0
        return value

    unit_name = clean_text(cell("unit"))
    parent_name = clean_text(cell("parent_unit"))
    parent_id = units.id_for(parent_name) if parent_name else None
    if parent_id is not None and parent_id not in unit_rows:
        unit_rows[parent_id] = (parent_name, None, loc)
    unit_id: str | None = None
    if unit_name:
        unit_id = units.id_for(unit_name)
        known = unit_rows.get(unit_id)
        if known is None:
            unit_rows[unit_id] = (unit_name, parent_id, loc)
        elif parent_id is not None and known[1] is None:
            unit_rows[unit_id] = (known[0], parent_id, known[2])
        elif parent_id is not None and known[1] != parent_id:
            draft.problems.append(
                Problem(
                    "warning",
                    "conflicting_parent",
                    f"unit {unit_name!r} has parent {known[1]!r} in an earlier row "
                    f"({known[2]}); this row's parent {parent_name!r} is ignored",
                    table="units",
                    id=unit_id,
                    field="parent_unit",
                    value=parent_name,
                    location=loc,
                )
            )

    line = loc.line if loc.line is not None else loc.row
    post_id = clean_text(cell("id")) if "id" in found else f"{Path(loc.source or '').stem}-{line}"
    person_name = clean_text(cell("person"))
    person_id = clean_text(cell("person_id")) or (slugify(person_name) if person_name else "")

    if "id" in found and post_id and post_id in post_pos and "person" in found:
        # one row per person in post: a repeated post adds a holder
        first = draft.posts[post_pos[post_id]]
        if unit_id != first.unit:
            draft.problems.append(
                Problem(
                    "warning",
                    "repeated_post_differs",
                    f"post {post_id!r} occurs again with unit {unit_name!r}; the first row's "
                    f"unit {first.unit!r} is kept",
                    table="posts",
                    id=post_id,
                    field="unit",
                    value=unit_name,
                    location=loc,
                )
            )
    else:
        vacant_cell = cell("vacant")
        vacant = parse_flag(vacant_cell) if "vacant" in found else None
        if "vacant" in found and vacant is None:
            draft.problems.append(
                Problem(
                    "error",
                    "not_a_flag",
                    "vacant must be yes/no (ja/nej, 1/0, x or blank)",
                    table="posts",
                    id=post_id,
                    field="vacant",
                    value=clean_text(vacant_cell),
                    location=loc,
                )
            )
        if vacant is None:
            vacant = "person" in found and not person_name
        cost = number("cost", 0.0)
        if isinstance(cost, float):
            cost = cost * cost_factor
        attrs = {
            col: (v.strip() if isinstance(v, str) else v)
            for col, v in cells.items()
            if col not in mapped_columns and clean_text(v)
        }
        competences = tuple(
            c
            for c in (clean_text(x) for x in re.split(r"[,;|]", clean_text(cell("competences"))))
            if c
        )
        fte_actual = number("fte_actual", None) if "fte_actual" in found else None
        post = Post(
            post_id,
            unit=unit_id,  # type: ignore[arg-type]  # None is reported by check()
            title=clean_text(cell("title")),
            fte_budgeted=number("fte_budgeted", 1.0 if "fte_budgeted" not in found else None),
            fte_actual=fte_actual,
            cost=cost,
            vacant=vacant,
            competences=competences,
            attrs=attrs,
        )
        pos = len(draft.posts)
        draft.locations.add("posts", pos, loc)
        draft.posts.append(post)
        post_pos.setdefault(post_id, pos)
        raw_reports.append((pos, cell("reports_to")))

    if person_name or person_id:
        if person_id not in person_pos:
            person_pos[person_id] = len(draft.people)
            draft.locations.add("people", len(draft.people), loc)
            draft.people.append(Person(person_id, person_name))
        share = number("share", 1.0) if "share" in found else 1.0
        draft.locations.add("holdings", len(draft.holdings), loc)
        draft.holdings.append(Holding(person_id, post_id, share))


def _resolve_reports_to(
    draft: Draft, raw_reports: list[tuple[int, Any]], post_pos: dict[str, int]
) -> None:
    """Managers given as post ids, or as names of people who hold exactly one post."""
    held: dict[str, list[str]] = {}
    names = {p.id: p.name for p in draft.people}
    for h in draft.holdings:
        held.setdefault(clean_text(names.get(h.person, h.person)).casefold(), []).append(h.post)
        held.setdefault(clean_text(h.person).casefold(), []).append(h.post)
    for pos, raw in raw_reports:
        text = clean_text(raw)
        if not text:
            continue
        target: str = text
        if text not in post_pos:
            posts_held = sorted(set(held.get(text.casefold(), [])))
            if len(posts_held) == 1:
                target = posts_held[0]
            elif len(posts_held) > 1:
                draft.problems.append(
                    Problem(
                        "error",
                        "ambiguous_manager",
                        f"reports_to names {text!r}, who holds several posts "
                        f"({', '.join(posts_held)}); give the manager's post id",
                        table="posts",
                        id=draft.posts[pos].id,
                        field="reports_to",
                        value=text,
                        location=draft.locations.get("posts", pos),
                    )
                )
                continue
        # an unknown manager stays as written: check() reports the dangling reference
        draft.posts[pos] = draft.posts[pos].evolve(reports_to=target)


# ---- the flat writer -----------------------------------------------------------------------
HR_EXPORT_COLUMNS: tuple[str, ...] = (
    "post_id",
    "title",
    "unit_id",
    "unit_name",
    "unit_path",
    "reports_to",
    "fte_budgeted",
    "fte_actual",
    "cost",
    "vacant",
    "competences",
    "holders",
)

_FORMULA_START = ("=", "+", "-", "@")


def hr_rows(org: Any) -> list[dict[str, Any]]:
    """One dict per post with the columns of :data:`HR_EXPORT_COLUMNS`, in post order.

    ``unit_path`` joins unit names from the top with ``" / "``; ``holders`` lists
    ``"name (share)"`` separated by ``"; "``; ``competences`` are separated by ``", "``.

    >>> from orgmodel.model import Organisation, Unit, Post, Person, Holding
    >>> org = Organisation([Unit("ks", "Kommunstyrelsen"), Unit("k", "Kansliet", parent="ks")],
    ...                    [Post("chef", unit="k", title="Kanslichef", cost=744000)],
    ...                    [Person("eva", "Eva Ek")], [Holding("eva", "chef", 0.8)])
    >>> row = hr_rows(org)[0]
    >>> row["unit_path"], row["holders"], row["cost"]
    ('Kommunstyrelsen / Kansliet', 'Eva Ek (0.8)', 744000.0)
    """
    held: dict[str, list[str]] = {}
    for h in org.holding_list:
        person = org.person_map.get(h.person)
        held.setdefault(h.post, []).append(f"{person.name if person else h.person} ({h.share:g})")
    paths: dict[str, str] = {}
    for uid in org.unit_map:
        chain = [uid, *org.ancestors(uid)]
        paths[uid] = " / ".join(org.unit_map[u].name for u in reversed(chain))
    rows = []
    for post in org.iter_posts():
        unit = org.unit_map.get(post.unit)
        path = paths.get(post.unit, "")
        holders = "; ".join(held.get(post.id, ()))
        rows.append(
            {
                "post_id": post.id,
                "title": post.title,
                "unit_id": post.unit,
                "unit_name": unit.name if unit is not None else "",
                "unit_path": path,
                "reports_to": post.reports_to or "",
                "fte_budgeted": post.fte_budgeted,
                "fte_actual": post.fte_actual,
                "cost": post.cost,
                "vacant": post.vacant,
                "competences": ", ".join(post.competences),
                "holders": holders,
            }
        )
    return rows


def write_hr(org: Any, path: str | os.PathLike[str]) -> Path:
    """Write a flat export, one row per post, as CSV or XLSX (by suffix), atomically.

    Columns: :data:`HR_EXPORT_COLUMNS`. Text that starts with ``= + - @`` never becomes a
    formula: in XLSX it is stored as a string cell, in CSV it is prefixed with ``'``.

    >>> import pathlib, tempfile
    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation([Unit("k", "Kansliet")], [Post("p1", unit="k", title="=SUM(A1)")])
    >>> out = write_hr(org, pathlib.Path(tempfile.mkdtemp()) / "posts.csv")
    >>> print(out.read_text(encoding="utf-8").splitlines()[1])
    p1,'=SUM(A1),k,Kansliet,Kansliet,,1.0,1.0,0.0,False,,
    """
    from orgmodel.io.atomic import atomic_path, atomic_write

    target = Path(path)
    suffix = target.suffix.casefold()
    rows = hr_rows(org)
    if suffix == ".csv":
        with atomic_write(target, encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(HR_EXPORT_COLUMNS)
            for row in rows:
                writer.writerow([_csv_safe(row[c]) for c in HR_EXPORT_COLUMNS])
        return target
    if suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "posts"
        ws.append(list(HR_EXPORT_COLUMNS))
        for r, row in enumerate(rows, start=2):
            for c, col in enumerate(HR_EXPORT_COLUMNS, start=1):
                value = row[col]
                cell = ws.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
        ws.freeze_panes = "A2"
        with atomic_path(target) as temp:
            wb.save(temp)
        return target
    raise UnsupportedFormatError(
        f"{target}: cannot write {target.suffix or 'files without a suffix'!r} as an HR "
        "export; valid: '.csv', '.xlsx'"
    )


def _csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
