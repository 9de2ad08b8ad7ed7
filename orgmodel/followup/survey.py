"""Survey responses for effect targets: read from CSV or Excel with a column mapping, checked.

A survey file has one row per respondent: an id, the population the respondent belongs to
(``konferensdeltagare``...) and one column per question. The file's own headers may differ:
``columns`` maps the names orgmodel uses (``respondent``, ``population`` and the targets'
question names) to the file's headers.

Every row is checked against the targets: a missing or repeated respondent id, a
population no target names, an answer off the question's scale. Rows with a problem are
left out of ``responses`` and listed in ``report`` with their line (CSV; lines that start
with ``#`` are comments and still count) or sheet and row (Excel). Nothing is dropped
silently.

:func:`generate_survey` makes an illustrative data set with a seed (no real answers exist
for Partsrådet's 2013 targets); :func:`write_responses_csv` writes one with ``#`` header
lines that say so.

>>> from orgmodel.followup.targets import EffectTarget
>>> t = EffectTarget("t", "a", "x", "nytta", "deltagare", 0.7, positive=[4, 5],
...                  scale=[1, 2, 3, 4, 5])
>>> frame = pd.DataFrame({"Id": ["r1", "r2", "r2"], "Grupp": ["deltagare"] * 3,
...                       "Fråga 1": [5, 7, 4]})
>>> got = responses_from_frame(frame, [t], {"respondent": "Id", "population": "Grupp",
...                                          "nytta": "Fråga 1"}, source="enkät.csv")
>>> list(got.responses["respondent"])
['r1']
>>> print(got.report.to_text())
enkät.csv, line 3: responses 'r2', field nytta = '7': answer not on the scale 1, 2, 3, 4, 5 [error bad_answer]
enkät.csv, line 4: responses 'r2', field respondent = 'r2': respondent 'r2' also on line 3 [error duplicate_respondent]
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orgmodel.errors import FormatError, UnsupportedFormatError, did_you_mean
from orgmodel.followup.targets import EffectTarget, TargetPlan, answer_text
from orgmodel.io.atomic import atomic_write
from orgmodel.model.report import Location, Problem, ValidationReport

__all__ = [
    "SurveyImport",
    "generate_survey",
    "read_responses",
    "responses_from_frame",
    "write_responses_csv",
]


@dataclass(frozen=True)
class SurveyImport:
    """The rows that passed (``responses``) and every problem found (``report``)."""

    responses: pd.DataFrame
    report: ValidationReport
    source: str | None = None

    @property
    def ok(self) -> bool:
        return self.report.ok

    def raise_if_errors(self) -> pd.DataFrame:
        """The responses, or :class:`~orgmodel.errors.ValidationError` listing every bad row."""
        self.report.raise_if_errors(self.source or "survey responses")
        return self.responses


def _targets(targets: TargetPlan | Sequence[EffectTarget]) -> tuple[EffectTarget, ...]:
    return targets.targets if isinstance(targets, TargetPlan) else tuple(targets)


def _check_rows(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    where: Sequence[Location],
    targets: TargetPlan | Sequence[EffectTarget],
    columns: Mapping[str, str] | None,
    source: str | None,
) -> SurveyImport:
    items = _targets(targets)
    scales: dict[str, tuple[str, ...]] = {}
    for t in items:
        if t.scale or t.question not in scales:
            scales[t.question] = t.scale
    populations = list(dict.fromkeys(t.population for t in items if t.population))
    mapping = {"respondent": "respondent", "population": "population", **{q: q for q in scales}}
    mapping.update(columns or {})
    header = [str(h).strip() if h is not None else "" for h in header]
    need = ["respondent", *(["population"] if populations else []), *scales]
    missing = [k for k in need if mapping[k] not in header]
    if missing:
        lines = "; ".join(
            f"{k!r} (column {mapping[k]!r}{did_you_mean(mapping[k], [h for h in header if h])})"
            for k in missing
        )
        raise FormatError(
            f"{source or 'the survey'}: column(s) missing: {lines}. Map them with "
            f"columns={{name: header}}; the file has {', '.join(repr(h) for h in header)}"
        )
    pos = {k: header.index(mapping[k]) for k in need}
    problems: list[Problem] = []
    good: list[dict[str, Any]] = []
    first_line: dict[str, Location] = {}
    for values, loc in zip(rows, where, strict=True):
        values = list(values) + [None] * (len(header) - len(values))
        rid = answer_text(values[pos["respondent"]])
        bad = False

        def add(code, message, f, value, rid=rid, loc=loc):
            problems.append(
                Problem(
                    "error",
                    code,
                    message,
                    table="responses",
                    id=rid,
                    field=f,
                    value=value,
                    location=loc,
                )
            )

        if rid is None:
            add("missing_respondent", "a row needs a respondent id", "respondent", None)
            bad = True
        rec: dict[str, Any] = {"respondent": rid}
        if populations:
            popv = answer_text(values[pos["population"]])
            if popv is None:
                add("missing_population", "a row needs a population", "population", None)
                bad = True
            elif popv not in populations:
                add(
                    "unknown_population",
                    f"no target is about population {popv!r}{did_you_mean(popv, populations)}",
                    "population",
                    popv,
                )
                bad = True
            rec["population"] = popv
        for q, scale in scales.items():
            a = answer_text(values[pos[q]])
            if a is not None and scale:
                canonical = {s.casefold(): s for s in scale}
                if a.casefold() in canonical:
                    a = canonical[a.casefold()]  # "Ja" -> "ja", as the scale writes it
                else:
                    add("bad_answer", f"answer not on the scale {', '.join(scale)}", q, a)
                    bad = True
            rec[q] = a
        if rid is not None:
            if rid in first_line:
                add(
                    "duplicate_respondent",
                    f"respondent {rid!r} also on {_where_text(first_line[rid])}",
                    "respondent",
                    rid,
                )
                bad = True
            else:
                first_line[rid] = loc
        if not bad:
            good.append(rec)
    cols = ["respondent", *(["population"] if populations else []), *scales]
    frame = pd.DataFrame(good, columns=cols)
    return SurveyImport(frame, ValidationReport(problems), source)


def _where_text(loc: Location) -> str:
    if loc.line is not None:
        return f"line {loc.line}"
    return f"row {loc.row}" if loc.row is not None else "an earlier row"


def responses_from_frame(
    frame: pd.DataFrame,
    targets: TargetPlan | Sequence[EffectTarget],
    columns: Mapping[str, str] | None = None,
    *,
    source: str | None = None,
) -> SurveyImport:
    """Check a DataFrame of responses (row ``i`` is reported as line ``i + 2``, after a header)."""
    rows = frame.astype(object).where(frame.notna(), None).values.tolist()
    where = [Location(source, line=i + 2) for i in range(len(rows))]
    return _check_rows(list(frame.columns), rows, where, targets, columns, source)


def read_responses(
    path: str | os.PathLike[str],
    targets: TargetPlan | Sequence[EffectTarget],
    columns: Mapping[str, str] | None = None,
    *,
    sheet: str | None = None,
) -> SurveyImport:
    """Read survey responses from ``.csv`` (``,`` or ``;`` separated, UTF-8) or ``.xlsx``.

    Lines starting with ``#`` in a CSV file are comments. Problems name the file's line
    (CSV) or sheet and row (Excel).

    Raises
    ------
    FormatError
        When a needed column is missing (the message names close headers).
    """
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        numbered = [
            (n, line)
            for n, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")
        ]
        if not numbered:
            raise FormatError(f"{source}: no header line")
        head = numbered[0][1]
        delimiter = ";" if head.count(";") > head.count(",") else ","
        parsed = list(
            csv.reader(io.StringIO("\n".join(line for _, line in numbered)), delimiter=delimiter)
        )
        if len(parsed) != len(numbered):
            raise FormatError(f"{source}: a quoted value spans several lines; not supported")
        header, rows = parsed[0], parsed[1:]
        where = [Location(source, line=n) for n, _ in numbered[1:]]
        return _check_rows(header, rows, where, targets, columns, source)
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb[sheet] if sheet else wb[wb.sheetnames[0]]
            all_rows = list(ws.iter_rows(values_only=True))
            title = ws.title
        finally:
            wb.close()
        if not all_rows:
            raise FormatError(f"{source}: the sheet {title!r} is empty")
        header = list(all_rows[0])
        rows, where = [], []
        for n, r in enumerate(all_rows[1:], start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in r):
                continue
            rows.append(list(r))
            where.append(Location(source, sheet=title, row=n))
        return _check_rows(header, rows, where, targets, columns, source)
    raise UnsupportedFormatError(f"{path}: cannot read {suffix!r} files; use .csv or .xlsx")


def generate_survey(
    targets: TargetPlan | Sequence[EffectTarget],
    sizes: Mapping[str, int],
    shares: Mapping[str, float],
    *,
    seed: int,
    missing: float = 0.0,
) -> pd.DataFrame:
    """An illustrative set of responses, reproducible from ``seed``. Not real data.

    For each population, ``sizes[population]`` respondents (ids ``<population>-001``...).
    Each answers every question of the targets about that population: positively with
    probability ``shares[target id]`` (then one of the target's positive answers, uniformly),
    otherwise one of the other answers on the scale (uniformly); with probability
    ``missing`` the answer is left empty. Two targets sharing a question and population use
    the first target's share.

    >>> from orgmodel.followup.targets import EffectTarget
    >>> t = EffectTarget("t", "a", "x", "q", "p", 0.7, positive=["ja"], scale=["ja", "nej"])
    >>> df = generate_survey([t], {"p": 3}, {"t": 1.0}, seed=1)
    >>> df.values.tolist()
    [['p-001', 'p', 'ja'], ['p-002', 'p', 'ja'], ['p-003', 'p', 'ja']]
    """
    items = _targets(targets)
    unknown = [p for p in sizes if p not in {t.population for t in items}]
    if unknown:
        raise KeyError(
            f"no target is about population {unknown[0]!r}"
            f"{did_you_mean(unknown[0], [t.population for t in items if t.population])}"
        )
    rng = np.random.default_rng(seed)
    questions = list(dict.fromkeys(t.question for t in items))
    rows = []
    for population, size in sizes.items():
        asked: dict[str, EffectTarget] = {}
        for t in items:
            if t.population == population:
                asked.setdefault(t.question, t)
        for i in range(1, size + 1):
            rec: dict[str, Any] = {"respondent": f"{population}-{i:03d}", "population": population}
            for q in questions:
                t = asked.get(q)
                if t is None:
                    rec[q] = None
                    continue
                if missing and rng.random() < missing:
                    rec[q] = None
                    continue
                share = shares[t.id]
                others = [a for a in t.scale if not t.is_positive(a)] or ["nej"]
                if rng.random() < share:
                    rec[q] = t.positive[int(rng.integers(len(t.positive)))]
                else:
                    rec[q] = others[int(rng.integers(len(others)))]
            rows.append(rec)
    return pd.DataFrame(rows, columns=["respondent", "population", *questions])


def write_responses_csv(
    frame: pd.DataFrame, path: str | os.PathLike[str], header_lines: Sequence[str] = ()
) -> None:
    """Write responses as CSV (UTF-8, ``,``) atomically, after ``#`` comment lines."""
    buffer = io.StringIO()
    for line in header_lines:
        for part in str(line).splitlines() or [""]:
            buffer.write(f"# {part}".rstrip() + "\n")
    frame.to_csv(buffer, index=False, lineterminator="\n")
    with atomic_write(Path(path)) as f:
        f.write(buffer.getvalue())
