"""A decision record: what was scored, how it was weighed and ranked, by whom and when.

:func:`decision_record` takes the inputs of a prioritisation (a checklist, the answers or
numeric scores, the gate answers, weights and how they were set, the ranking method),
applies the gates, ranks the initiatives that passed and keeps everything together in a
:class:`DecisionRecord`. Initiatives that fail a gate are not ranked but stay in the
results, marked ``excluded`` with the reason. The record exports to Excel (one sheet per
table) and to a plain dict.

>>> from orgmodel.prioritise.checklist import Checklist, Criterion, Gate
>>> c = Checklist("demo", {"en": "Demo"}, criteria=[Criterion("need", "Need"), Criterion("gain", "Gain")],
...               gates=[Gate("funded", {"en": "Is it funded?"})])
>>> rec = decision_record(c, answers={"a": {"need": "yes", "gain": "no"},
...                                   "b": {"need": "partly", "gain": "yes"},
...                                   "c": {"need": "yes", "gain": "yes"}},
...                       gate_answers={"a": {"funded": "yes"}, "b": {"funded": "yes"},
...                                     "c": {"funded": "no"}},
...                       weights={"need": 3, "gain": 1}, decided_by="Workshop", date="2026-01-15")
>>> rec.results[["status", "score", "rank"]]
              status  score  rank
initiative
a             ranked  0.750     1
b             ranked  0.625     2
c           excluded    NaN  <NA>
>>> rec.ranking()
['a', 'b']
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orgmodel.errors import UnknownIdError, ValidationError
from orgmodel.model.entities import FrozenDict
from orgmodel.model.report import Problem, ValidationReport
from orgmodel.prioritise.checklist import Checklist, Initiative, _did_you_mean, as_initiatives
from orgmodel.prioritise.gates import _verdicts, gate_answer_frame

__all__ = [
    "FORMAT_KEY",
    "METHOD_NAMES",
    "DecisionRecord",
    "decision_record",
    "rank_initiatives",
    "scoring_options",
]

FORMAT_KEY = "orgmodel-decision-record"
#: Ranking methods and their display names.
METHOD_NAMES: dict[str, str] = {
    "weighted_sum": "Weighted sum",
    "topsis": "TOPSIS",
    "promethee_ii": "PROMETHEE II",
}
#: Cells starting with these characters would be read as formulas by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def scoring_options(
    checklist: Checklist, method: str, criteria: Sequence[str] | None = None
) -> dict:
    """Keyword options for the scoring functions that follow from the checklist.

    The weighted sum normalises on each criterion's scale (``ja`` = 1, ``nei`` = 0 on a
    yes/partly/no scale) when every scale has both ends, else on the observed range.
    Pass them on to :mod:`~orgmodel.prioritise.sensitivity` or ``smaa`` to analyse the
    same scores the same way.

    >>> from orgmodel.prioritise.checklist import load_template
    >>> opts = scoring_options(load_template("ks-prioriteringskriterier"), "weighted_sum")
    >>> opts["normalise"]["gevinster"]
    (0.0, 1.0)
    >>> scoring_options(load_template("ks-prioriteringskriterier"), "topsis")
    {}
    """
    if method != "weighted_sum":
        return {}
    ids = list(criteria) if criteria is not None else checklist.criterion_ids
    b = checklist.bounds().reindex(ids)
    if b.isna().any().any():
        return {"normalise": "minmax"}
    return {"normalise": {c: (float(b.at[c, "min"]), float(b.at[c, "max"])) for c in ids}}


def rank_initiatives(
    checklist: Checklist,
    scores: pd.DataFrame,
    weights: pd.Series,
    method: str = "weighted_sum",
    *,
    missing: str | float = "redistribute",
) -> pd.DataFrame:
    """Score and rank with one of :data:`METHOD_NAMES`, using the checklist's directions.

    The weighted sum normalises by each criterion's scale (``ja`` = 1, ``nei`` = 0 on a
    yes/partly/no scale) when every scale is bounded, else by the observed range.
    Returns the method's own columns with ``score`` (its score column) and ``rank``.
    """
    from orgmodel.prioritise.scoring import METHODS

    if method not in METHOD_NAMES:
        raise ValueError(f"unknown method {method!r}{_did_you_mean(method, METHOD_NAMES)}")
    criteria = list(scores.columns)
    directions = checklist.directions().reindex(criteria).to_dict()
    func, score_column = METHODS[method]
    options = scoring_options(checklist, method, criteria)
    if method == "weighted_sum":
        options["missing"] = missing
    out = func(scores, weights, directions, **options)
    out = out.copy()
    if score_column != "score":
        out["score"] = out[score_column]
    return out


@dataclass(frozen=True, eq=False)
class DecisionRecord:
    """Inputs, results, date and who of one prioritisation. Build it with :func:`decision_record`."""

    checklist: Checklist
    initiatives: tuple[Initiative, ...]
    scores: pd.DataFrame
    weights: pd.Series
    method: str
    results: pd.DataFrame
    answers: pd.DataFrame | None = None
    gate_answers: pd.DataFrame | None = None
    gates: pd.DataFrame | None = None
    weight_method: str = "direct"
    weight_details: FrozenDict = field(default_factory=FrozenDict)
    decided_by: str = ""
    date: str = ""
    notes: str = ""
    tables: FrozenDict = field(default_factory=FrozenDict)

    def ranking(self) -> list[str]:
        """The ranked initiatives, best first (excluded ones left out)."""
        ranked = self.results[self.results["status"] == "ranked"]
        return [str(i) for i in ranked.sort_values("rank", kind="stable").index]

    def excluded(self) -> pd.Series:
        """The reason of each initiative a gate excluded."""
        ex = self.results[self.results["status"] == "excluded"]
        return ex["reason"].rename("reason")

    # ---- export -----------------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """``field`` / ``value`` rows describing the decision (the first Excel sheet)."""
        src = self.checklist.source
        rows: list[tuple[str, Any]] = [
            ("date", self.date),
            ("decided_by", self.decided_by),
            ("notes", self.notes),
            ("checklist", self.checklist.id),
            ("checklist_title", self.checklist.text()),
            ("checklist_version", self.checklist.version),
            ("checklist_source", ", ".join(str(v) for v in src.values())),
            ("method", METHOD_NAMES.get(self.method, self.method)),
            ("weight_method", self.weight_method),
            ("initiatives", len(self.initiatives)),
            ("ranked", int((self.results["status"] == "ranked").sum())),
            ("excluded", int((self.results["status"] == "excluded").sum())),
        ]
        for key, value in self.weight_details.items():
            if not isinstance(value, pd.DataFrame | pd.Series):
                rows.append((f"weights.{key}", value))
        return pd.DataFrame(rows, columns=["field", "value"])

    def sheets(self) -> dict[str, pd.DataFrame]:
        """Every table of the record by sheet name, in the order written to Excel."""
        names = pd.Series({i.id: i.name for i in self.initiatives}, name="name", dtype=object)
        crit = pd.DataFrame(
            {
                "label": self.checklist.labels(),
                "scale": [
                    c.scale.kind if isinstance(c.scale.to_dict(), str) else str(c.scale.to_dict())
                    for c in self.checklist.criteria
                ],
                "direction": self.checklist.directions(),
                "weight": self.weights.reindex(self.checklist.criterion_ids),
            }
        )
        scored = self.scores.copy()
        scored.insert(0, "name", names.reindex(scored.index).astype(object))
        out: dict[str, pd.DataFrame] = {
            "Summary": self.summary(),
            "Results": self.results,
            "Weights": self.weights.rename("weight").to_frame(),
            "Criteria": crit,
            "Scores": scored,
        }
        if self.answers is not None:
            out["Answers"] = self.answers
        if self.gate_answers is not None:
            out["Gate answers"] = self.gate_answers
        if self.gates is not None:
            out["Gates"] = self.gates
        for key, value in self.weight_details.items():
            if isinstance(value, pd.DataFrame | pd.Series):
                out[f"Weights {key}"[:31]] = (
                    value.to_frame() if isinstance(value, pd.Series) else value
                )
        for key, value in self.tables.items():
            out[str(key)[:31]] = value.to_frame() if isinstance(value, pd.Series) else value
        return out

    def to_excel(self, path: str | os.PathLike[str]) -> Path:
        """Write one sheet per table, atomically; text that looks like a formula stays text.

        Cells whose text starts with ``=``, ``+``, ``-`` or ``@`` are written as text (with
        Excel's quote prefix), so a name like ``=HYPERLINK(...)`` is never run as a formula.
        """
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter

        from orgmodel.io.atomic import atomic_path

        wb = Workbook()
        wb.remove(wb.active)
        for name, frame in self.sheets().items():
            ws = wb.create_sheet(name)
            index_name = frame.index.name or (
                "" if isinstance(frame.index, pd.RangeIndex) else "id"
            )
            with_index = not isinstance(frame.index, pd.RangeIndex)
            header = ([index_name] if with_index else []) + [str(c) for c in frame.columns]
            ws.append([_cell(v) for v in header])
            for idx, row in zip(frame.index, frame.itertuples(index=False), strict=True):
                values = ([idx] if with_index else []) + list(row)
                ws.append([_cell(v) for v in values])
            for r in ws.iter_rows():
                for cell in r:
                    if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
                        cell.data_type = "s"
                        cell.quotePrefix = True
            for j, column in enumerate(ws.iter_cols(), start=1):
                width = max(len(str(c.value)) if c.value is not None else 0 for c in column)
                ws.column_dimensions[get_column_letter(j)].width = min(60, max(8, width + 2))
            ws.freeze_panes = "B2" if with_index else "A2"
        target = Path(path)
        with atomic_path(target) as tmp:
            wb.save(tmp)
        return target

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-friendly: NaN becomes ``None``)."""

        def frame(df: pd.DataFrame | None) -> dict[str, dict[str, Any]] | None:
            if df is None:
                return None
            return {str(i): {str(c): _plain(v) for c, v in row.items()} for i, row in df.iterrows()}

        return {
            FORMAT_KEY: 1,
            "date": self.date,
            "decided_by": self.decided_by,
            "notes": self.notes,
            "checklist": self.checklist.to_dict(),
            "initiatives": [
                {
                    "id": i.id,
                    "name": i.name,
                    "description": i.description,
                    "carried_by": list(i.carried_by),
                    "cost": i.cost,
                }
                for i in self.initiatives
            ],
            "method": self.method,
            "weight_method": self.weight_method,
            "weight_details": {
                k: (frame(v.to_frame()) if isinstance(v, pd.Series) else frame(v))
                if isinstance(v, pd.DataFrame | pd.Series)
                else _plain(v)
                for k, v in self.weight_details.items()
            },
            "weights": {str(k): _plain(v) for k, v in self.weights.items()},
            "answers": frame(self.answers),
            "scores": frame(self.scores),
            "gate_answers": frame(self.gate_answers),
            "gates": frame(self.gates),
            "results": frame(self.results),
        }


def _plain(v: Any) -> Any:
    if v is None or v is pd.NA:
        return None
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating | float):
        f = float(v)
        return None if math.isnan(f) else f
    if isinstance(v, np.bool_):
        return bool(v)
    return v


def _cell(v: Any) -> Any:
    v = _plain(v)
    if isinstance(v, bool | int | float | str) or v is None:
        return v
    if isinstance(v, _dt.date | _dt.datetime):
        return v
    return str(v)


def _weights_series(checklist: Checklist, weights: Any) -> pd.Series:
    from orgmodel.prioritise.weights import normalise

    ids = checklist.criterion_ids
    if weights is None:
        return checklist.weights()
    w = pd.Series(weights, dtype=object) if isinstance(weights, Mapping) else pd.Series(weights)
    unknown = [k for k in w.index if k not in ids]
    if unknown:
        raise UnknownIdError("criterion", unknown[0], ids)
    w = w.reindex(ids).fillna(0.0)
    out = normalise(w.astype(float))
    out.index.name = "criterion"
    return out.rename("weight")


def decision_record(
    checklist: Checklist,
    scores: pd.DataFrame | None = None,
    *,
    answers: pd.DataFrame | Mapping[str, Mapping[str, Any]] | None = None,
    weights: pd.Series | Mapping[str, float] | None = None,
    weight_method: str = "direct",
    weight_details: Mapping[str, Any] | None = None,
    method: str = "weighted_sum",
    gate_answers: pd.DataFrame | Mapping[str, Mapping[str, Any]] | None = None,
    initiatives: Sequence[Initiative | str] | Mapping[str, str] | pd.DataFrame | None = None,
    missing: str | float = "redistribute",
    decided_by: str = "",
    date: str | _dt.date | None = None,
    notes: str = "",
    tables: Mapping[str, pd.DataFrame | pd.Series] | None = None,
) -> DecisionRecord:
    """Apply the gates, rank the initiatives that pass and record it all.

    Parameters
    ----------
    checklist
        The criteria (and gates) used.
    scores, answers
        Numeric scores (initiatives x criteria), or answers as labels (``"ja"``,
        ``"delvis"``, ...) turned into scores with :meth:`Checklist.score_frame`. Give one.
    weights
        By criterion, any scale (normalised here); default the checklist's weights.
    weight_method, weight_details
        How the weights were set (``"direct"``, ``"ahp"``, ``"roc"``, ``"swing"`` ...) and
        what belongs to it (consistency ratio, the pairwise matrix ...).
    method
        ``"weighted_sum"``, ``"topsis"`` or ``"promethee_ii"``.
    gate_answers
        Yes/no answers to the checklist's gate questions; with gates but no answers every
        question is unknown.
    initiatives
        Ids, ``{id: name}`` or :class:`~orgmodel.prioritise.checklist.Initiative` values,
        in display order (default: the rows of the scores or answers).
    missing
        What a missing score means in the weighted sum (see
        :func:`orgmodel.prioritise.scoring.weighted_sum`).
    decided_by, date, notes
        Who decided, when (default today, ISO date) and anything worth keeping.
    tables
        Further tables to keep and export (sensitivity, portfolio ...), by sheet name.

    Returns
    -------
    DecisionRecord
        ``results`` has one row per initiative: ``name``, ``gate`` (overall verdict),
        ``status`` (``ranked``; ``excluded`` by a gate; ``unscored`` when it has no score
        at all), ``score``, ``rank`` (nullable integer) and
        ``reason``; ranked initiatives first, best first.
    """
    if (scores is None) == (answers is None):
        raise ValueError("give either scores or answers (labels), not both or neither")
    label_frame = None
    if answers is not None:
        score_frame = checklist.score_frame(answers)
        label_frame = checklist.answer_frame(score_frame)
    else:
        score_frame = pd.DataFrame(scores).astype(float)
        unknown = [c for c in score_frame.columns if c not in checklist.criterion_ids]
        if unknown:
            raise UnknownIdError("criterion", unknown[0], checklist.criterion_ids)
        score_frame = score_frame.reindex(columns=checklist.criterion_ids)
        score_frame.index = score_frame.index.map(str)
        score_frame.index.name = "initiative"
        score_frame.columns.name = "criterion"
    items = as_initiatives(initiatives if initiatives is not None else list(score_frame.index))
    order = [i.id for i in items]
    extra = [i for i in score_frame.index if i not in set(order)]
    if extra:
        problems = [
            Problem("error", "unknown_initiative", "scored but not in initiatives", "scores", i)
            for i in extra
        ]
        raise ValidationError(ValidationReport(problems), "decision record")
    score_frame = score_frame.reindex(order)
    if label_frame is not None:
        label_frame = label_frame.reindex(order)
    w = _weights_series(checklist, weights)

    verdicts = None
    checked_gate_answers = None
    if checklist.gates:
        given = gate_answers if gate_answers is not None else {}
        checked = gate_answer_frame(checklist, given)
        verdicts = _verdicts(checklist, checked, initiatives=order)
        checked_gate_answers = checked.reindex(order)
        checked_gate_answers = checked_gate_answers.astype(object).where(
            checked_gate_answers.notna(), None
        )
    elif gate_answers is not None:
        raise ValueError(f"checklist {checklist.id!r} has no gates to answer")

    overall = {} if verdicts is None else verdicts["overall"].to_dict()
    reasons = {} if verdicts is None else verdicts["reason"].to_dict()
    gated = [i for i in order if overall.get(i, "pass") != "fail"]
    unscored = set(score_frame.index[score_frame.isna().all(axis=1)])
    included = [i for i in gated if i not in unscored]
    ranked = (
        rank_initiatives(checklist, score_frame.loc[included], w, method, missing=missing)
        if included
        else pd.DataFrame(columns=["score", "rank"], dtype=float)
    )
    names = {i.id: i.name for i in items}
    ranked_score = ranked["score"].to_dict()
    ranked_rank = ranked["rank"].to_dict()
    rows: list[tuple[Any, ...]] = []
    for ini in order:
        verdict = overall.get(ini, "pass")
        reason = reasons.get(ini, "")
        if ini in ranked_score:
            rows.append(
                (
                    ini,
                    names[ini],
                    verdict,
                    "ranked",
                    float(ranked_score[ini]),
                    int(ranked_rank[ini]),
                    reason,
                )
            )
        elif ini in unscored and verdict != "fail":
            rows.append((ini, names[ini], verdict, "unscored", math.nan, None, "no scores yet"))
        else:
            rows.append((ini, names[ini], verdict, "excluded", math.nan, None, reason))
    results = pd.DataFrame(
        rows, columns=["initiative", "name", "gate", "status", "score", "rank", "reason"]
    ).set_index("initiative")
    results["rank"] = results["rank"].astype("Int64")
    results["name"] = results["name"].astype(object)
    results = results.sort_values(["rank"], kind="stable", na_position="last")
    when = date if date is not None else _dt.date.today()
    return DecisionRecord(
        checklist=checklist,
        initiatives=items,
        scores=score_frame,
        weights=w,
        method=method,
        results=results,
        answers=label_frame,
        gate_answers=checked_gate_answers,
        gates=verdicts,
        weight_method=weight_method,
        weight_details=FrozenDict(weight_details or {}),
        decided_by=decided_by,
        date=when.isoformat() if isinstance(when, _dt.date) else str(when),
        notes=notes,
        tables=FrozenDict(tables or {}),
    )
