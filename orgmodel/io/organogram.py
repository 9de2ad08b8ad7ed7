"""Read UK government organograms (data.gov.uk "Staff roles and salaries") into a Draft.

A department publishes two CSV files every half year: a *senior* file, one row per senior
post (SCS1 and above) with the post it reports to, and a *junior* file, the FTE of junior
staff per unit, grade and job title, attached to a senior post. :func:`read_uk_organogram`
reads the senior file and optionally its junior file (CSV or XLSX, told apart by their
columns) and gives a :class:`~orgmodel.io.draft.Draft` with

* a root unit for the organisation (the ``Organisation`` column) and one unit per distinct
  ``Unit`` value (trimmed, non-breaking spaces made spaces; senior and junior files share
  units of the same name) under it;
* one post per senior row: id = the Post Unique Reference (PUR), ``reports_to`` = the
  ``Reports to Senior Post`` (``XX`` in any case = top of the tree), FTE from ``FTE``;
  cost = midpoint of the pay band when disclosed, else 0 with ``attrs["pay_disclosed"]``
  False; grade, holder's name, pay floor/ceiling, salary cost of reports ... in ``attrs``;
* one post per junior row: id ``junior-<line>``, title = ``Generic Job Title``, FTE =
  ``Number of Posts in FTE``, cost = FTE x payscale midpoint (an *estimate*, as
  ``attrs["cost_basis"]`` says), reporting to the ``Reporting Senior Post``.

Every messy feature of real returns becomes a warning with its file and line, never a
silent change: rows named ``Eliminated`` (any case, stray quotes) are left out; repeated
PURs are merged when the rows are otherwise identical (a job share: FTE added) or else
get ids ``PUR#2``, ``PUR#3``; a post reporting to itself or to an eliminated post becomes
a root; junior rows with no or an eliminated reporting post are attached to their unit
only. Values that are no numbers stay as text, so :meth:`Draft.report` gives them as
errors with their location.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "senior.csv").write_text(
...     "Post Unique Reference,Name,Grade,Job Title,Organisation,Unit,Reports to Senior Post,"
...     "FTE,Actual Pay Floor (£),Actual Pay Ceiling (£)\\n"
...     "1,Ann Smith,SCS3,Permanent Secretary,Dept of Tests,Board,XX,1.0,150000,154999\\n"
...     "2,N/D,SCS1,Deputy Director,Dept of Tests,Policy\\u00a0Unit ,1,0.8,0,0\\n"
...     "3,'Eliminated',SCS1,Director,Dept of Tests,Board,XX,1.0,0,0\\n", encoding="utf-8")
>>> draft = read_uk_organogram(folder / "senior.csv")
>>> [(p.id, p.unit, p.reports_to, p.cost) for p in draft.posts]
[('1', 'board', None, 152499.5), ('2', 'policy-unit', '1', 0.0)]
>>> problem = draft.problems[0]
>>> problem.code, problem.location.line, problem.value
('eliminated_post', 4, "'Eliminated'")
>>> draft.build().roots()
['dept-of-tests']
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from orgmodel.errors import FormatError
from orgmodel.io.draft import Draft
from orgmodel.io.hr_export import (
    Table,
    _check_names,
    _paths,
    _UnitRegistry,
    clean_text,
    parse_number,
    read_table,
    slugify,
)
from orgmodel.model import Location, Post, Problem, Unit

__all__ = ["ORGANOGRAM_OPTIONS", "read_uk_organogram"]

#: Options :func:`read_uk_organogram` understands.
ORGANOGRAM_OPTIONS: dict[str, str] = {
    "name": "name of the organisation (default: the Organisation column of the senior file)",
    "encoding": "CSV encoding (default: UTF-8, falling back to cp1252)",
    "date": "date of the return, kept as meta['date'] (e.g. '2013-09-30')",
    "sheet": "XLSX sheet to read (default: the first)",
}

SENIOR_COST_BASIS = "estimate: midpoint of the disclosed pay band"
SENIOR_UNDISCLOSED = "pay not disclosed: cost 0"
JUNIOR_COST_BASIS = "estimate: FTE x midpoint of the grade's payscale"

# canonical column name -> attrs key (None: a core field read separately)
_SENIOR_COLUMNS: dict[str, str | None] = {
    "post unique reference": None,
    "name": None,
    "grade": "grade",
    "job title": None,
    "job/team function": "job_team_function",
    "parent department": "parent_department",
    "organisation": "organisation",
    "unit": None,
    "contact phone": "contact_phone",
    "contact e-mail": "contact_email",
    "reports to senior post": None,
    "salary cost of reports": None,
    "fte": None,
    "actual pay floor": None,
    "actual pay ceiling": None,
    "total pay": None,
    "professional/occupational group": "profession",
    "notes": "notes",
    "valid?": None,
    "uri": "uri",
    "source_file": "source_file",
    "source_line": "source_line",
}
_SENIOR_REQUIRED = (
    "post unique reference",
    "name",
    "grade",
    "job title",
    "unit",
    "reports to senior post",
    "fte",
    "actual pay floor",
    "actual pay ceiling",
)
_JUNIOR_COLUMNS: dict[str, str | None] = {
    "parent department": "parent_department",
    "organisation": "organisation",
    "unit": None,
    "reporting senior post": None,
    "grade": "grade",
    "payscale minimum": None,
    "payscale maximum": None,
    "generic job title": None,
    "number of posts in fte": None,
    "professional/occupational group": "profession",
    "source_file": "source_file",
    "source_line": "source_line",
}
_JUNIOR_REQUIRED = (
    "unit",
    "reporting senior post",
    "grade",
    "payscale minimum",
    "payscale maximum",
    "generic job title",
    "number of posts in fte",
)
UnitFor = Callable[[Any, Location, str], str]
Row = tuple[Location, list[Any], tuple[str, ...]]  # location, cells, comparison key

# columns that may differ between the rows of a job share (or carry provenance)
_SHARE_IGNORED = ("name", "fte", "uri", "source_file", "source_line", "(index)")


def _canonical(header: str) -> str:
    """``'Grade (or equivalent)'`` -> ``'grade'``, ``'FTE '`` -> ``'fte'``, ``'(£)'`` dropped."""
    h = clean_text(header).casefold()
    h = h.replace("(£)", "").replace("£", "").replace("(or equivalent)", "")
    return re.sub(r"\s+", " ", h).strip()


def _unquote(value: Any) -> str:
    """Trimmed text without stray quotes: ``"'Eliminated'"`` -> ``'Eliminated'``."""
    return clean_text(value).strip("'\"`\u2018\u2019\u201c\u201d ").strip()


def _columns(table: Table) -> dict[str, int]:
    """Canonical column name -> index; the blank pandas index and Total Pay columns named."""
    out: dict[str, int] = {}
    raw = [clean_text(h) for h in table.raw_header]
    for k, h in enumerate(raw):
        if h:
            out.setdefault(_canonical(h), k)
        elif k == 0:
            out["(index)"] = k  # a pandas row index left by an XLS -> CSV conversion
        elif k > 0 and _canonical(raw[k - 1]) == "actual pay ceiling":
            out.setdefault("total pay", k)  # the template's 'Total Pay (£)' placeholder
        else:
            out[f"(blank {k + 1})"] = k
    return out


def _kind(table: Table) -> str:
    canon = {_canonical(h) for h in table.raw_header if clean_text(h)}
    if "post unique reference" in canon:
        return "senior"
    if "reporting senior post" in canon:
        return "junior"
    raise FormatError(
        f"{table.source}: neither an organogram senior file (no 'Post Unique Reference' "
        "column) nor a junior file (no 'Reporting Senior Post' column); columns present: "
        + ", ".join(repr(h) for h in table.header)
    )


def _missing_columns(
    draft: Draft, table: Table, cols: dict[str, int], required: Sequence[str], what: str
) -> bool:
    missing = [c for c in required if c not in cols]
    if missing:
        draft.problems.append(
            Problem(
                "error",
                "missing_column",
                f"the organogram {what} file lacks column{'s' * (len(missing) > 1)} "
                f"{', '.join(repr(m) for m in missing)}; columns present: "
                f"{', '.join(repr(h) for h in table.header)}; none of its "
                f"{len(table.rows)} rows was read",
                field=", ".join(missing),
                location=table.header_location,
            )
        )
    return bool(missing)


def read_uk_organogram(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], **options: Any
) -> Draft:
    """Read an organogram's senior file and, optionally, its junior file.

    Parameters
    ----------
    paths
        The senior file, or the senior and the junior file in any order (CSV or XLSX;
        which is which is told by the columns).
    **options
        See :data:`ORGANOGRAM_OPTIONS` (``name``, ``encoding``, ``date``, ``sheet``).

    Returns
    -------
    Draft
        Warnings for every messy feature met, each with file and line; ``meta`` has
        ``currency`` GBP and a note that costs are estimates.

    Raises
    ------
    FormatError
        For a file that is neither a senior nor a junior file, two files of one kind, no
        senior file, or an unknown option.
    """
    _check_names("option", options, ORGANOGRAM_OPTIONS)
    tables = [
        read_table(p, sheet=options.get("sheet"), encoding=options.get("encoding"))
        for p in _paths(paths)
    ]
    by_kind: dict[str, Table] = {}
    for t in tables:
        kind = _kind(t)
        if kind in by_kind:
            raise FormatError(
                f"two organogram {kind} files given ({by_kind[kind].source}, {t.source}); "
                "read one senior file and at most one junior file at a time"
            )
        by_kind[kind] = t
    if "senior" not in by_kind:
        raise FormatError(
            f"{by_kind['junior'].source}: a junior file needs its senior file (the posts its "
            "rows report to); give both paths"
        )
    senior, junior = by_kind["senior"], by_kind.get("junior")
    draft = Draft(source=", ".join(t.source for t in tables))
    for t in tables:
        draft.problems.extend(t.problems)

    scols = _columns(senior)
    org_name = options.get("name") or _first_value(senior, scols.get("organisation"))
    org_name = org_name or Path(senior.source).stem
    draft.name = org_name
    draft.meta.update(
        {
            "currency": "GBP",
            "source": draft.source,
            "format": "uk-organogram",
            "note": "Costs are estimates: senior posts at the midpoint of the disclosed "
            "pay band (0 where not disclosed), junior posts at FTE x the midpoint of "
            "the grade's payscale.",
        }
    )
    if options.get("date"):
        draft.meta["date"] = options["date"]
    parent_dept = _first_value(senior, scols.get("parent department"))
    if parent_dept and parent_dept != org_name:
        draft.meta["parent_department"] = parent_dept

    root_id = slugify(org_name)
    units = _UnitRegistry([root_id])
    draft.units.append(Unit(root_id, org_name, kind="organisation"))
    draft.locations.add("units", 0, senior.header_location)
    unit_pos: dict[str, int] = {}

    def unit_for(name: Any, loc: Location, row_id: str) -> str:
        text = clean_text(name)
        if not text:
            draft.problems.append(
                Problem(
                    "warning",
                    "blank_unit",
                    f"the Unit cell is blank; the post is put in the root unit {root_id!r}",
                    table="posts",
                    id=row_id,
                    field="Unit",
                    value="",
                    location=loc,
                )
            )
            return root_id
        uid = units.id_for(text)
        if uid not in unit_pos:
            unit_pos[uid] = len(draft.units)
            draft.locations.add("units", len(draft.units), loc)
            draft.units.append(Unit(uid, text, parent=root_id))
        return uid

    eliminated: dict[str, Location] = {}
    if not _missing_columns(draft, senior, scols, _SENIOR_REQUIRED, "senior"):
        eliminated = _read_senior(draft, senior, scols, unit_for)
    if junior is not None:
        jcols = _columns(junior)
        if not _missing_columns(draft, junior, jcols, _JUNIOR_REQUIRED, "junior"):
            _read_junior(draft, junior, jcols, unit_for, eliminated)
    return draft


def _first_value(table: Table, col: int | None) -> str:
    if col is None:
        return ""
    for _, cells in table.rows:
        text = clean_text(cells[col])
        if text:
            return text
    return ""


def _number(
    draft: Draft,
    cells: list[Any],
    col: int | None,
    loc: Location,
    post_id: str,
    label: str,
    *,
    default: float | None = 0.0,
    report: bool = True,
) -> Any:
    """A number from a cell; the text as written (and, if ``report``, an error) otherwise."""
    if col is None:
        return default
    raw = cells[col]
    try:
        value = parse_number(raw, decimal=".")
    except ValueError:
        if report:
            draft.problems.append(
                Problem(
                    "error",
                    "not_a_number",
                    f"{label} must be a number",
                    table="posts",
                    id=post_id,
                    field=label,
                    value=clean_text(raw),
                    location=loc,
                )
            )
        return clean_text(raw)
    return default if value is None else value


def _read_senior(
    draft: Draft, table: Table, cols: dict[str, int], unit_for: UnitFor
) -> dict[str, Location]:
    """Senior rows -> posts; returns the PURs of eliminated rows with their first location."""
    live: list[tuple[Location, list[Any], str]] = []
    eliminated: dict[str, Location] = {}
    for loc, cells in table.rows:
        pur = clean_text(cells[cols["post unique reference"]])
        name = _unquote(cells[cols["name"]])
        if name.casefold() == "eliminated":
            eliminated.setdefault(pur, loc)
            draft.problems.append(
                Problem(
                    "warning",
                    "eliminated_post",
                    f"post {pur!r} is listed as eliminated (gone since the last return); left out",
                    table="posts",
                    id=pur,
                    field="Name",
                    value=clean_text(cells[cols["name"]]),
                    location=loc,
                )
            )
            continue
        live.append((loc, cells, pur))

    # group repeated PURs; identical rows (apart from name, FTE, provenance) are a job share
    ignored = {cols[k] for k in _SHARE_IGNORED if k in cols}
    groups: dict[str, list[list[Row]]] = {}
    first_seen: dict[str, Location] = {}
    for loc, cells, pur in live:
        key = tuple(clean_text(v) for k, v in enumerate(cells) if k not in ignored)
        clusters = groups.setdefault(pur, [])
        for cluster in clusters:
            if cluster[0][2] == key:
                cluster.append((loc, cells, key))
                break
        else:
            clusters.append([(loc, cells, key)])
        first_seen.setdefault(pur, loc)

    live_purs = set(groups)
    for pur, clusters in groups.items():
        for k, cluster in enumerate(clusters, start=1):
            post_id = pur if k == 1 else f"{pur}#{k}"
            loc0 = cluster[0][0]
            if k > 1:
                draft.problems.append(
                    Problem(
                        "warning",
                        "duplicate_pur",
                        f"Post Unique Reference {pur!r} is already used by a different row "
                        f"({first_seen[pur]}); this post gets id {post_id!r}, and posts "
                        f"reporting to {pur!r} report to the first one",
                        table="posts",
                        id=post_id,
                        field="Post Unique Reference",
                        value=pur,
                        location=loc0,
                    )
                )
            _senior_post(draft, cols, cluster, post_id, pur, unit_for, eliminated, live_purs)
    return eliminated


def _senior_post(
    draft: Draft,
    cols: dict[str, int],
    cluster: list[Row],
    post_id: str,
    pur: str,
    unit_for: UnitFor,
    eliminated: dict[str, Location],
    live_purs: set[str],
) -> None:
    c = cols.get
    loc, cells, _ = cluster[0]
    fte_total: Any = 0.0
    cost = 0.0
    disclosed = False
    floors, ceilings, holders = [], [], []
    salary_cost: Any = 0.0
    for row_loc, row, _ in cluster:
        fte = _number(draft, row, c("fte"), row_loc, post_id, "FTE", default=None, report=False)
        if isinstance(fte_total, float) and isinstance(fte, float):
            fte_total += fte
        else:  # a bad or missing FTE stays as written, so check() reports it with this row
            fte_total = fte if not isinstance(fte, float) else fte_total
        floor = _number(draft, row, c("actual pay floor"), row_loc, post_id, "Actual Pay Floor (£)")
        ceiling = _number(
            draft, row, c("actual pay ceiling"), row_loc, post_id, "Actual Pay Ceiling (£)"
        )
        floors.append(floor)
        ceilings.append(ceiling)
        if isinstance(floor, float) and isinstance(ceiling, float) and (floor > 0 or ceiling > 0):
            disclosed = True
            cost += (floor + ceiling) / 2.0
        holders.append(_unquote(row[cols["name"]]))
    for row_loc, _row, _ in cluster[1:]:
        draft.problems.append(
            Problem(
                "warning",
                "job_share_merged",
                f"this row repeats post {pur!r} ({loc}) apart from name and FTE: read as a "
                f"job share, FTE added (total {fte_total if isinstance(fte_total, str) else round(fte_total, 6)})",
                table="posts",
                id=post_id,
                field="Post Unique Reference",
                value=pur,
                location=row_loc,
            )
        )
    salary_cost = _number(
        draft, cells, c("salary cost of reports"), loc, post_id, "Salary Cost of Reports (£)"
    )
    total_pay = _number(draft, cells, c("total pay"), loc, post_id, "Total Pay (£)")

    raw_manager = _unquote(cells[cols["reports to senior post"]])
    reports_to: str | None = raw_manager
    if raw_manager.casefold() == "xx":
        reports_to = None
    elif not raw_manager:
        reports_to = None
        draft.problems.append(
            Problem(
                "warning",
                "blank_reports_to",
                "Reports to Senior Post is blank; the post is read as a top post",
                table="posts",
                id=post_id,
                field="Reports to Senior Post",
                value="",
                location=loc,
            )
        )
    elif raw_manager == pur:
        reports_to = None
        draft.problems.append(
            Problem(
                "warning",
                "self_loop",
                f"post {pur!r} reports to itself; read as a top post",
                table="posts",
                id=post_id,
                field="Reports to Senior Post",
                value=raw_manager,
                location=loc,
            )
        )
    elif raw_manager in eliminated and raw_manager not in live_purs:
        reports_to = None
        draft.problems.append(
            Problem(
                "warning",
                "reports_to_eliminated",
                f"post {pur!r} reports to {raw_manager!r}, an eliminated post "
                f"({eliminated[raw_manager]}); read as a top post",
                table="posts",
                id=post_id,
                field="Reports to Senior Post",
                value=raw_manager,
                location=loc,
            )
        )

    name = holders[0]
    attrs: dict[str, Any] = {"level": "senior", "pur": pur}
    for canon, key in _SENIOR_COLUMNS.items():
        if key is not None and canon in cols:
            text = clean_text(cells[cols[canon]])
            if text:
                attrs[key] = text
    attrs["holder"] = name if len(holders) == 1 else "; ".join(holders)
    attrs["pay_floor"] = floors[0] if len(floors) == 1 else floors
    attrs["pay_ceiling"] = ceilings[0] if len(ceilings) == 1 else ceilings
    attrs["pay_disclosed"] = disclosed
    attrs["cost_basis"] = SENIOR_COST_BASIS if disclosed else SENIOR_UNDISCLOSED
    attrs["salary_cost_of_reports"] = salary_cost
    if total_pay:
        attrs["total_pay"] = total_pay
    if pur == "0":
        attrs["not_in_post"] = True  # PUR 0: a person paid but not in post
    if len(cluster) > 1:
        attrs["job_share_rows"] = len(cluster)
    for canon, k in cols.items():
        if canon.startswith("(blank") and clean_text(cells[k]):
            attrs[canon] = clean_text(cells[k])

    post = Post(
        post_id,
        unit=unit_for(cells[cols["unit"]], loc, post_id),
        title=clean_text(cells[cols["job title"]]),
        fte_budgeted=fte_total,
        cost=cost,
        reports_to=reports_to,
        vacant=all(h.casefold() in ("vacant", "vacancy") for h in holders),
        attrs=attrs,
    )
    draft.locations.add("posts", len(draft.posts), loc)
    draft.posts.append(post)


def _read_junior(
    draft: Draft,
    table: Table,
    cols: dict[str, int],
    unit_for: UnitFor,
    eliminated: dict[str, Location],
) -> None:
    c = cols.get
    live = {p.attrs.get("pur") for p in draft.posts}
    for loc, cells in table.rows:
        where = loc.line if loc.line is not None else loc.row
        post_id = f"junior-{where}"
        fte = _number(
            draft,
            cells,
            c("number of posts in fte"),
            loc,
            post_id,
            "FTE",
            default=None,
            report=False,
        )
        low = _number(draft, cells, c("payscale minimum"), loc, post_id, "Payscale Minimum (£)")
        high = _number(draft, cells, c("payscale maximum"), loc, post_id, "Payscale Maximum (£)")
        cost = 0.0
        if all(isinstance(v, float) for v in (fte, low, high)):
            cost = fte * (low + high) / 2.0
        raw_manager = _unquote(cells[cols["reporting senior post"]])
        reports_to: str | None = raw_manager
        if not raw_manager:
            reports_to = None
            draft.problems.append(
                Problem(
                    "warning",
                    "junior_without_manager",
                    "Reporting Senior Post is blank; the junior staff are attached to "
                    "their unit only",
                    table="posts",
                    id=post_id,
                    field="Reporting Senior Post",
                    value="",
                    location=loc,
                )
            )
        elif raw_manager in eliminated and raw_manager not in live:
            reports_to = None
            draft.problems.append(
                Problem(
                    "warning",
                    "reports_to_eliminated",
                    f"the junior staff report to {raw_manager!r}, an eliminated post "
                    f"({eliminated[raw_manager]}); attached to their unit only",
                    table="posts",
                    id=post_id,
                    field="Reporting Senior Post",
                    value=raw_manager,
                    location=loc,
                )
            )
        attrs: dict[str, Any] = {"level": "junior"}
        for canon, key in _JUNIOR_COLUMNS.items():
            if key is not None and canon in cols:
                text = clean_text(cells[cols[canon]])
                if text:
                    attrs[key] = text
        attrs.update(
            {
                "payscale_min": low,
                "payscale_max": high,
                "cost_basis": JUNIOR_COST_BASIS,
                "reporting_senior_post": raw_manager,
            }
        )
        post = Post(
            post_id,
            unit=unit_for(cells[cols["unit"]], loc, post_id),
            title=clean_text(cells[cols["generic job title"]]),
            fte_budgeted=fte,
            cost=cost,
            reports_to=reports_to,
            attrs=attrs,
        )
        draft.locations.add("posts", len(draft.posts), loc)
        draft.posts.append(post)
