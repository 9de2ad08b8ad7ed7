"""Apply a checklist's yes/no gates to initiatives: pass, fail or unknown, with the reason.

A gate is a question an initiative must pass before it is ranked at all (KS's questions for
state-initiated projects, Partsrådet's rule for supporting local parties). Answers are
given for the simple questions; composite gates combine them with ``any_of`` / ``all_of``
in three-valued logic, so an unanswered question only makes the verdict unknown when it
could change it. Unknown is then handled as the gate declares: ``unknown_allowed`` gives
the verdict ``"unknown"``, otherwise the gate fails and the reason says it was unanswered.

>>> from orgmodel.prioritise.checklist import load_template
>>> rule = load_template("partsradet-stod")
>>> verdicts = apply_gates(rule, {
...     "Myndighet A": {"allvarlig-storning": "ja", "ide-om-stodet": "ja", "motprestation": "nej"},
...     "Myndighet B": {"allvarlig-storning": "nej", "motprestation": "nej"},
...     "Myndighet C": {"motprestation": "ja"},
... })
>>> verdicts["overall"].tolist()
['pass', 'fail', 'pass']
>>> print(verdicts.loc["Myndighet B", "reason"])
stod-till-lokala-parter: none of allvarlig-storning-med-plan, motprestation holds (allvarlig-storning: answered no, must be yes; motprestation: answered no, must be yes)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from orgmodel.errors import ValidationError
from orgmodel.model.report import Problem, ValidationReport
from orgmodel.prioritise.checklist import (
    Checklist,
    Gate,
    _answers_frame,
    _did_you_mean,
    gate_answer,
)

__all__ = ["VERDICTS", "apply_gates", "evaluate_gate", "gate_answer_frame", "passing"]

#: The verdicts a gate can give.
VERDICTS: tuple[str, ...] = ("pass", "fail", "unknown")


def _explain(gate: Gate, answers: Mapping[str, Any], want: bool | None) -> str:
    """Why ``gate`` is not satisfied (``want=True``) or is unknown (``want=None``)."""
    if not gate.composite:
        value = gate_answer(answers.get(gate.id))
        if value is None:
            return f"{gate.id}: not answered"
        need = "yes" if gate.kind == "must_pass" else "no"
        return f"{gate.id}: answered {'yes' if value else 'no'}, must be {need}"
    parts = [(child, child.satisfied(answers)) for child in gate.children]
    if gate.kind == "must_not":  # negation: the combination itself was satisfied
        holding = [c.id for c, v in parts if v is True]
        return f"{gate.id}: must not hold, but {', '.join(holding) or 'its combination'} holds"
    if want is None:
        open_ = [c for c, v in parts if v is None]
        return "; ".join(_explain(c, answers, None) for c in open_)
    if gate.any_of:
        inner = "; ".join(_explain(c, answers, True) for c, _ in parts)
        return f"{gate.id}: none of {', '.join(c.id for c, _ in parts)} holds ({inner})"
    failing = [c for c, v in parts if v is False]
    return "; ".join(_explain(c, answers, True) for c in failing)


def evaluate_gate(gate: Gate, answers: Mapping[str, Any]) -> tuple[str, str]:
    """The verdict (``"pass"``, ``"fail"``, ``"unknown"``) of one gate and the reason.

    ``answers`` maps simple-question ids to yes/no answers (any language; ``None`` or a
    missing id is unknown). The reason is empty on a pass.

    >>> g = Gate("rapport", {"nb": "Avvikende rapporteringskrav?"}, kind="must_not")
    >>> evaluate_gate(g, {"rapport": "ja"})
    ('fail', 'rapport: answered yes, must be no')
    >>> evaluate_gate(g, {})
    ('fail', 'rapport: not answered (unknown is not allowed)')
    >>> evaluate_gate(Gate("rapport", g.question, "must_not", unknown_allowed=True), {})
    ('unknown', 'rapport: not answered')
    """
    value = gate.satisfied(answers)
    if value is True:
        return "pass", ""
    if value is False:
        return "fail", _explain(gate, answers, True)
    reason = _explain(gate, answers, None)
    if gate.unknown_allowed:
        return "unknown", reason
    return "fail", f"{reason} (unknown is not allowed)"


def gate_answer_frame(
    checklist: Checklist, answers: pd.DataFrame | Mapping[str, Mapping[str, Any]]
) -> pd.DataFrame:
    """Gate answers as ``True`` / ``False`` / ``None`` (initiatives x questions), checked.

    Every answer that is not yes/no/unknown and every unknown question id is reported at
    once in a :class:`~orgmodel.errors.ValidationError`.
    """
    frame = _answers_frame(answers)
    questions = checklist.question_ids
    problems: list[Problem] = []
    for col in frame.columns:
        if col not in questions:
            problems.append(
                Problem(
                    "error",
                    "unknown_gate",
                    f"no gate question {col!r} in checklist {checklist.id!r}"
                    + _did_you_mean(col, questions),
                    table="gate_answers",
                    field=str(col),
                )
            )
    # plain lists, not per-cell DataFrame look-ups: this runs on every widget update
    raw_columns = {q: frame[q].tolist() if q in frame.columns else None for q in questions}
    columns: dict[str, list[bool | None]] = {}
    for q in questions:
        raw_values = raw_columns[q]
        if raw_values is None:
            columns[q] = [None] * len(frame.index)
            continue
        values: list[bool | None] = []
        for ini, raw in zip(frame.index, raw_values, strict=True):
            try:
                values.append(gate_answer(raw))
            except ValueError as exc:
                problems.append(
                    Problem("error", "not_yes_no", str(exc), "gate_answers", ini, q, raw)
                )
                values.append(None)
        columns[q] = values
    out = pd.DataFrame(columns, index=frame.index, columns=questions, dtype=object)
    if problems:
        raise ValidationError(ValidationReport(problems), f"gate answers for {checklist.id!r}")
    out.index.name = "initiative"
    out.columns.name = "question"
    return out


def apply_gates(
    checklist: Checklist,
    answers: pd.DataFrame | Mapping[str, Mapping[str, Any]],
    initiatives: list[str] | None = None,
) -> pd.DataFrame:
    """Verdicts per initiative: one column per gate, then ``overall`` and ``reason``.

    Parameters
    ----------
    checklist
        Its :attr:`~Checklist.gates` are applied (a checklist without gates passes everyone).
    answers
        ``{initiative: {question id: answer}}`` or a DataFrame (index = initiatives,
        columns = question ids). Answers: ``ja``/``nei``/``nej``/``yes``/``no``, bools,
        ``vet ikke``/``vet ej``/``unknown``/``None`` for unknown.
    initiatives
        The initiatives to judge, in order (default: those in ``answers``); one that has no
        answers at all is judged with every question unknown.

    Returns
    -------
    DataFrame
        Index ``initiative``; a column per top-level gate with ``"pass"``, ``"fail"`` or
        ``"unknown"``; ``overall`` (fail if any gate fails, else unknown if any is unknown,
        else pass) and ``reason`` (the reasons of every gate that did not pass, joined
        with ``" | "``).
    """
    checked = gate_answer_frame(checklist, answers)
    return _verdicts(checklist, checked, initiatives)


def _verdicts(
    checklist: Checklist, checked: pd.DataFrame, initiatives: list[str] | None = None
) -> pd.DataFrame:
    """:func:`apply_gates` on answers already checked by :func:`gate_answer_frame`."""
    order = list(checked.index) if initiatives is None else [str(i) for i in initiatives]
    given_by_initiative = {
        ini: {q: v for q, v in row.items() if v is not None}
        for ini, row in zip(checked.index, checked.to_dict("records"), strict=True)
    }
    rows = []
    for ini in order:
        given = given_by_initiative.get(ini, {})
        verdicts, reasons = {}, []
        for gate in checklist.gates:
            verdict, reason = evaluate_gate(gate, given)
            verdicts[gate.id] = verdict
            if reason:
                reasons.append(reason)
        values = verdicts.values()
        overall = "fail" if "fail" in values else ("unknown" if "unknown" in values else "pass")
        rows.append({**verdicts, "overall": overall, "reason": " | ".join(reasons)})
    return pd.DataFrame(
        rows,
        index=pd.Index(order, name="initiative"),
        columns=[*checklist.gate_ids, "overall", "reason"],
        dtype=object,
    )


def passing(verdicts: pd.DataFrame) -> list[str]:
    """Initiatives that may be ranked: those whose overall verdict is not ``"fail"``.

    >>> passing(pd.DataFrame({"overall": ["pass", "fail", "unknown"]}, index=["a", "b", "c"]))
    ['a', 'c']
    """
    return [str(i) for i in verdicts.index[verdicts["overall"] != "fail"]]
