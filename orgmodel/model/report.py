"""Problems found in organisation data, with where they were found.

A :class:`ValidationReport` holds every :class:`Problem` found in one pass (errors and
warnings apart), each with its location: source file, sheet, line (text files) or row
(spreadsheets), table, entity id, field and the offending value.

>>> r = ValidationReport([
...     Problem("error", "not_a_number", "fte_budgeted must be a number", table="posts",
...             id="p1", field="fte_budgeted", value="three",
...             location=Location("org.yaml", line=12)),
...     Problem("warning", "fte_gap", "actual FTE differs from budgeted by 60 %",
...             table="posts", id="p2", field="fte_actual", value=1.6),
... ])
>>> r.ok, len(r.errors), len(r.warnings)
(False, 1, 1)
>>> print(r.to_text())
org.yaml, line 12: posts 'p1', field fte_budgeted = 'three': fte_budgeted must be a number [error not_a_number]
posts 'p2', field fte_actual = 1.6: actual FTE differs from budgeted by 60 % [warning fte_gap]
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, Literal

import pandas as pd

__all__ = ["Location", "Problem", "SourceMap", "ValidationReport"]

Severity = Literal["error", "warning"]

REPORT_COLUMNS = [
    "severity",
    "code",
    "source",
    "sheet",
    "line",
    "row",
    "table",
    "id",
    "field",
    "value",
    "message",
]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value came from: a file, and a sheet and row (spreadsheets) or a line (text).

    ``line`` is 1-based as editors show it; ``row`` is the spreadsheet row number as the
    spreadsheet program shows it (the header is row 1).
    """

    source: str | None = None
    sheet: str | None = None
    line: int | None = None
    row: int | None = None

    def __str__(self) -> str:
        parts = [p for p in (self.source, self.sheet and f"sheet {self.sheet}") if p]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: severity, a stable code, a readable message and where it is."""

    severity: Severity
    code: str
    message: str
    table: str | None = None
    id: Any = None
    field: str | None = None
    value: Any = None
    location: Location = dc_field(default_factory=Location)

    def __str__(self) -> str:
        where = str(self.location)
        what = []
        if self.table:
            what.append(f"{self.table} {self.id!r}" if self.id is not None else self.table)
        if self.field:
            f = f"field {self.field}"
            if self.value is not None:
                f += f" = {self.value!r}"
            what.append(f)
        head = ": ".join(p for p in (where, ", ".join(what)) if p)
        return f"{head + ': ' if head else ''}{self.message} [{self.severity} {self.code}]"

    def to_record(self) -> dict[str, Any]:
        loc = self.location
        return {
            "severity": self.severity,
            "code": self.code,
            "source": loc.source,
            "sheet": loc.sheet,
            "line": loc.line,
            "row": loc.row,
            "table": self.table,
            "id": self.id,
            "field": self.field,
            "value": self.value,
            "message": self.message,
        }


class SourceMap:
    """Locations of entities (and optionally of single fields) as a reader found them.

    Keys are ``(table, position)`` where position is the entity's index in that table as
    read, so that duplicated ids still point at their own rows.
    """

    __slots__ = ("_entity", "_field")

    def __init__(self) -> None:
        self._entity: dict[tuple[str, int], Location] = {}
        self._field: dict[tuple[str, int, str], Location] = {}

    def add(self, table: str, position: int, location: Location, field: str | None = None):
        if field is None:
            self._entity[(table, position)] = location
        else:
            self._field[(table, position, field)] = location

    def get(self, table: str, position: int, field: str | None = None) -> Location:
        if field is not None:
            loc = self._field.get((table, position, field))
            if loc is not None:
                return loc
        return self._entity.get((table, position), Location())

    def __len__(self) -> int:
        return len(self._entity)


class ValidationReport:
    """Every problem found, errors and warnings apart. Iterable; ``bool(report)`` is ``ok``.

    ``to_frame()`` gives one row per problem with the columns ``severity, code, source,
    sheet, line, row, table, id, field, value, message``.
    """

    def __init__(self, problems: Iterable[Problem] = ()):
        self.problems: tuple[Problem, ...] = tuple(problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)

    def __bool__(self) -> bool:
        return self.ok

    def __len__(self) -> int:
        return len(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __add__(self, other: ValidationReport) -> ValidationReport:
        return ValidationReport(self.problems + tuple(other.problems))

    def codes(self, severity: Severity | None = None) -> list[str]:
        """The problem codes, in order (handy in tests)."""
        return [p.code for p in self.problems if severity is None or p.severity == severity]

    def to_frame(self) -> pd.DataFrame:
        """One row per problem; an empty frame with the same columns when all is well."""
        return pd.DataFrame([p.to_record() for p in self.problems], columns=REPORT_COLUMNS)

    def to_text(self, *, limit: int | None = None) -> str:
        lines = [str(p) for p in self.problems]
        if limit is not None and len(lines) > limit:
            lines = [*lines[:limit], f"... and {len(lines) - limit} more"]
        return "\n".join(lines)

    def summary(self) -> str:
        """One line, e.g. ``'2 errors, 1 warning'``."""
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"

    def __str__(self) -> str:
        return self.summary() + ("\n" + self.to_text() if self.problems else "")

    def __repr__(self) -> str:
        return f"<ValidationReport: {self.summary()}>"

    def _repr_html_(self) -> str:
        rows = []
        for p in self.problems:
            colour = "#b00020" if p.severity == "error" else "#8a6d00"
            rows.append(
                "<tr>"
                f"<td style='color:{colour}'>{html.escape(p.severity)}</td>"
                f"<td>{html.escape(str(p.location))}</td>"
                f"<td>{html.escape(str(p.table or ''))}</td>"
                f"<td>{html.escape('' if p.id is None else str(p.id))}</td>"
                f"<td>{html.escape(p.field or '')}</td>"
                f"<td>{html.escape(p.message)}</td>"
                f"<td><code>{html.escape(p.code)}</code></td>"
                "</tr>"
            )
        head = (
            "<tr><th>severity</th><th>where</th><th>table</th><th>id</th><th>field</th>"
            "<th>message</th><th>code</th></tr>"
        )
        return (
            f"<div><strong>{html.escape(self.summary())}</strong>"
            + (f"<table>{head}{''.join(rows)}</table>" if rows else "")
            + "</div>"
        )

    def raise_if_errors(self, what: str | None = None) -> ValidationReport:
        """Raise :class:`~orgmodel.errors.ValidationError` when there are errors."""
        if not self.ok:
            from orgmodel.errors import ValidationError

            raise ValidationError(self, what)
        return self
