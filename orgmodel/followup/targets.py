"""Effect targets (effektmål) and whether survey answers show them met.

An :class:`EffectTarget` says: of a ``population`` (e.g. conference participants), at least
a ``threshold`` share (0.70) shall answer the ``question`` positively (``positive``
answers, e.g. 4 and 5 on a 1–5 scale, or "ja"), judged once at least ``minimum_answers``
have answered. :func:`evaluate_targets` counts the answers, computes the share with a
Wilson score confidence interval (:func:`wilson_interval`) and gives a verdict
(:func:`verdict`):

* **met** — the interval's lower bound is at or above the threshold;
* **not met** — the interval's upper bound is below the threshold;
* **cannot tell yet** — fewer answers than the minimum (or none), or the interval
  straddles the threshold.

A :class:`TargetPlan` groups activities, their targets and rules (such as Partsrådet's
condition for giving support); it is read from and written to YAML, format
``orgmodel-targets: 1``::

    orgmodel-targets: 1
    title: Verksamhetsplan 2013
    owner: Partsrådet
    meta: {...}
    activities:
      - {id: konferenser, title: Tematiska konferenser}
    targets:
      - id: ny-kunskap
        activity: konferenser
        text: 70 % av konferensdeltagarna ska uppleva ...
        question: ny_kunskap          # a column of the survey
        population: konferensdeltagare
        threshold: 0.70
        scale: [1, 2, 3, 4, 5]        # the answers allowed (optional)
        positive: [4, 5]
        minimum_answers: 30
    rules:
      - id: villkor
        text: ...
        any_of: [allvarlig-storning, motprestation]
        conditions: {allvarlig-storning: ..., motprestation: ...}

>>> wilson_interval(81, 263)            # Newcombe (1998), Table I, example (a)
(0.2553..., 0.3662...)
>>> verdict(0.72, 0.86, 0.70, n=120, minimum=30)
'met'
>>> verdict(0.60, 0.80, 0.70, n=120, minimum=30)
'cannot tell yet'
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd
import yaml

from orgmodel.errors import FormatError, UnknownIdError, UnsupportedFormatError, did_you_mean
from orgmodel.followup.actionplan import (
    _Dumper,
    _plain,
    check_version,
    construct,
    load_yaml_nodes,
    mapping_items,
)
from orgmodel.io.atomic import atomic_write
from orgmodel.model.entities import FrozenDict
from orgmodel.model.report import Location, Problem, ValidationReport

__all__ = [
    "FORMAT_KEY",
    "FORMAT_VERSION",
    "VERDICTS",
    "Activity",
    "EffectTarget",
    "Rule",
    "TargetPlan",
    "answer_text",
    "evaluate_targets",
    "read_targets",
    "targets_from_yaml",
    "targets_to_yaml",
    "verdict",
    "wilson_interval",
    "write_targets",
]

FORMAT_KEY = "orgmodel-targets"
FORMAT_VERSION = 1

#: The three verdicts, from best to worst news.
VERDICTS: tuple[str, ...] = ("met", "cannot tell yet", "not met")


# ---- the numeric kernel ----------------------------------------------------------------------


def wilson_interval(positive: Any, n: Any, confidence: float = 0.95) -> tuple[Any, Any]:
    """The Wilson score interval for a proportion (Wilson 1927), without continuity correction.

    With ``p = positive / n`` and ``z`` the two-sided normal quantile for ``confidence``::

        centre    = (p + z²/2n) / (1 + z²/n)
        half      = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²)
        interval  = [centre - half, centre + half]

    This is Newcombe's (1998) method 3 and statsmodels' ``proportion_confint(method="wilson")``.
    Works element-wise on arrays; ``n == 0`` gives ``(0, 1)`` (nothing is known).

    >>> low, high = wilson_interval(15, 148)  # Newcombe (1998), Table I: 0.0624, 0.1605
    >>> round(low, 4), round(high, 4)
    (0.0624, 0.1605)
    >>> wilson_interval(0, 0)
    (0.0, 1.0)
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    k = np.asarray(positive, dtype=float)
    m = np.asarray(n, dtype=float)
    if np.any(m < 0) or np.any(k < 0) or np.any(k > m):
        raise ValueError("need 0 <= positive <= n")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(m > 0, k / np.where(m > 0, m, 1), 0.0)
        mm = np.where(m > 0, m, 1)
        denom = 1 + z * z / mm
        centre = (p + z * z / (2 * mm)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / mm + z * z / (4 * mm * mm))
    # exact at the ends (the formula gives 0 and 1 there, up to rounding)
    low = np.where((m > 0) & (k > 0), np.clip(centre - half, 0.0, 1.0), 0.0)
    high = np.where((m > 0) & (k < m), np.clip(centre + half, 0.0, 1.0), 1.0)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def verdict(low: float, high: float, threshold: float, *, n: int, minimum: int = 1) -> str:
    """``"met"``, ``"not met"`` or ``"cannot tell yet"`` for one interval (rule in the module).

    >>> verdict(0.40, 0.55, 0.60, n=50)
    'not met'
    >>> verdict(0.80, 0.95, 0.70, n=12, minimum=30)     # too few answers
    'cannot tell yet'
    >>> verdict(0.70, 0.90, 0.70, n=30, minimum=30)     # lower bound equal: met
    'met'
    """
    if n <= 0 or n < minimum:
        return "cannot tell yet"
    if low >= threshold:
        return "met"
    if high < threshold:
        return "not met"
    return "cannot tell yet"


# ---- the values ------------------------------------------------------------------------------


def answer_text(value: Any) -> str | None:
    """An answer as comparable text: whole numbers without decimals, text trimmed; None if empty.

    >>> answer_text(4.0), answer_text(" Ja "), answer_text(""), answer_text(float("nan"))
    ('4', 'Ja', None, None)
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return None
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    text = str(value).strip()
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


def _answers(values: Any) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str | int | float):
        values = [values]
    return tuple(a for a in (answer_text(v) for v in values) if a is not None)


@dataclass(frozen=True, slots=True)
class Activity:
    """An activity of an operational plan (a conference series, a support material...)."""

    id: str
    title: str
    description: str = ""
    attrs: FrozenDict = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        if not isinstance(self.attrs, FrozenDict):
            object.__setattr__(self, "attrs", FrozenDict(self.attrs))


@dataclass(frozen=True, slots=True)
class EffectTarget:
    """One effect target: a threshold share of positive answers to a question.

    >>> t = EffectTarget("t", "a", "70 % nöjda", question="q", population="p",
    ...                  threshold=0.7, positive=[4, 5], scale=[1, 2, 3, 4, 5])
    >>> t.is_positive("5"), t.is_positive(3), t.allows("6")
    (True, False, False)
    """

    id: str
    activity: str
    text: str
    question: str
    population: str | None = None
    threshold: float = 0.5
    positive: tuple[str, ...] = ()
    scale: tuple[str, ...] = ()
    minimum_answers: int = 1
    confidence: float = 0.95
    follow_up: str = ""
    attrs: FrozenDict = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "positive", _answers(self.positive))
        set_(self, "scale", _answers(self.scale))
        if not isinstance(self.attrs, FrozenDict):
            set_(self, "attrs", FrozenDict(self.attrs))
        problems = []
        if not (isinstance(self.threshold, int | float) and 0 < self.threshold <= 1):
            problems.append(f"threshold must be a share in (0, 1], not {self.threshold!r}")
        if not (isinstance(self.minimum_answers, int) and self.minimum_answers >= 1):
            problems.append(
                f"minimum_answers must be a whole number >= 1, not {self.minimum_answers!r}"
            )
        if not 0 < self.confidence < 1:
            problems.append(f"confidence must be between 0 and 1, not {self.confidence!r}")
        if not self.positive:
            problems.append("positive must name at least one answer")
        if self.scale:
            outside = [a for a in self.positive if a.casefold() not in self._scale_keys]
            if outside:
                problems.append(
                    f"positive answers {outside} are not on the scale {list(self.scale)}"
                )
        if problems:
            raise ValueError(f"effect target {self.id!r}: " + "; ".join(problems))

    @property
    def _scale_keys(self) -> set[str]:
        return {a.casefold() for a in self.scale}

    def is_positive(self, answer: Any) -> bool:
        """True when the answer is one of the positive answers (case ignored)."""
        a = answer_text(answer)
        return a is not None and a.casefold() in {p.casefold() for p in self.positive}

    def allows(self, answer: Any) -> bool:
        """True when the answer is on the scale (any answer when no scale is given)."""
        a = answer_text(answer)
        return a is not None and (not self.scale or a.casefold() in self._scale_keys)


@dataclass(frozen=True, slots=True)
class Rule:
    """A condition made of named conditions, any of which suffices (``any_of``) or all (``all_of``).

    >>> r = Rule("stod", "Stöd ges om ...", any_of=("allvarlig-storning", "motprestation"))
    >>> r.holds({"allvarlig-storning": False, "motprestation": True})
    True
    >>> r.holds({"allvarlig-storning": False, "motprestation": False})
    False
    """

    id: str
    text: str
    any_of: tuple[str, ...] = ()
    all_of: tuple[str, ...] = ()
    conditions: FrozenDict = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "any_of", tuple(self.any_of))
        object.__setattr__(self, "all_of", tuple(self.all_of))
        if not isinstance(self.conditions, FrozenDict):
            object.__setattr__(self, "conditions", FrozenDict(self.conditions))
        if not self.any_of and not self.all_of:
            raise ValueError(f"rule {self.id!r} needs any_of or all_of")

    def holds(self, facts: Mapping[str, bool]) -> bool:
        """Whether the rule holds for the facts (a condition not given counts as false)."""
        names = (*self.any_of, *self.all_of)
        unknown = [k for k in facts if k not in names]
        if unknown:
            raise KeyError(
                f"rule {self.id!r} has no condition {unknown[0]!r}{did_you_mean(unknown[0], names)}"
            )
        any_ok = not self.any_of or any(bool(facts.get(c, False)) for c in self.any_of)
        all_ok = all(bool(facts.get(c, False)) for c in self.all_of)
        return any_ok and all_ok


class TargetPlan:
    """Activities, their effect targets and rules: an immutable value.

    Raises ``ValueError`` for duplicate ids, a target of an unknown activity, or one
    question with two different scales.
    """

    __slots__ = ("_activities", "_extra", "_meta", "_owner", "_rules", "_targets", "_title")

    def __init__(
        self,
        title: str,
        owner: str | None = None,
        activities: Iterable[Activity] = (),
        targets: Iterable[EffectTarget] = (),
        rules: Iterable[Rule] = (),
        meta: Mapping[str, Any] | None = None,
        extra: Mapping[str, Any] | None = None,
    ):
        self._title = str(title)
        self._owner = owner
        self._activities = tuple(activities)
        self._targets = tuple(targets)
        self._rules = tuple(rules)
        self._meta = FrozenDict(meta or {})
        self._extra = FrozenDict(extra or {})
        problems = []
        for kind, ids in (
            ("activities", [a.id for a in self._activities]),
            ("targets", [t.id for t in self._targets]),
            ("rules", [r.id for r in self._rules]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                problems.append(f"two {kind} have the id {dupes[0]!r}")
        activity_ids = [a.id for a in self._activities]
        scales: dict[str, tuple[str, ...]] = {}
        for t in self._targets:
            if t.activity not in activity_ids:
                problems.append(
                    f"target {t.id!r}: no activity {t.activity!r}"
                    f"{did_you_mean(t.activity, activity_ids)}"
                )
            if t.scale:
                if t.question in scales and scales[t.question] != t.scale:
                    problems.append(
                        f"question {t.question!r} has two scales: {list(scales[t.question])} "
                        f"and {list(t.scale)}"
                    )
                scales.setdefault(t.question, t.scale)
        if problems:
            raise ValueError("; ".join(problems))

    title = property(lambda self: self._title)
    owner = property(lambda self: self._owner)
    activities = property(lambda self: self._activities)
    targets = property(lambda self: self._targets)
    rules = property(lambda self: self._rules)
    meta = property(lambda self: self._meta)
    extra = property(lambda self: self._extra)

    def target(self, id: str) -> EffectTarget:
        for t in self._targets:
            if t.id == id:
                return t
        raise UnknownIdError("target", id, [t.id for t in self._targets])

    def rule(self, id: str) -> Rule:
        for r in self._rules:
            if r.id == id:
                return r
        raise UnknownIdError("rule", id, [r.id for r in self._rules])

    def questions(self) -> dict[str, tuple[str, ...]]:
        """Each question and its scale (``()`` when any answer is allowed)."""
        out: dict[str, tuple[str, ...]] = {}
        for t in self._targets:
            if t.scale or t.question not in out:
                out[t.question] = t.scale
        return out

    def populations(self) -> list[str]:
        """The populations the targets name, in order."""
        return list(dict.fromkeys(t.population for t in self._targets if t.population))

    def evolve(self, **changes: Any) -> TargetPlan:
        parts = {
            "title": self._title,
            "owner": self._owner,
            "activities": self._activities,
            "targets": self._targets,
            "rules": self._rules,
            "meta": self._meta,
            "extra": self._extra,
        }
        unknown = set(changes) - set(parts)
        if unknown:
            raise TypeError(f"TargetPlan has no field {sorted(unknown)[0]!r}")
        parts.update(changes)
        return TargetPlan(**parts)

    def to_frame(self) -> pd.DataFrame:
        """One row per target, index ``target``."""
        cols = [
            "activity",
            "text",
            "question",
            "population",
            "threshold",
            "positive",
            "minimum_answers",
            "follow_up",
        ]
        rows = [
            {
                "target": t.id,
                "activity": t.activity,
                "text": t.text,
                "question": t.question,
                "population": t.population,
                "threshold": t.threshold,
                "positive": ", ".join(t.positive),
                "minimum_answers": t.minimum_answers,
                "follow_up": t.follow_up,
            }
            for t in self._targets
        ]
        return pd.DataFrame(rows, columns=["target", *cols]).set_index("target")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TargetPlan):
            return NotImplemented
        return all(getattr(self, s) == getattr(other, s) for s in self.__slots__)

    def __hash__(self) -> int:
        return hash((self._title, self._targets))

    def __repr__(self) -> str:
        return (
            f"<TargetPlan {self._title!r}: {len(self._activities)} activities, "
            f"{len(self._targets)} targets, {len(self._rules)} rules>"
        )


# ---- evaluation ------------------------------------------------------------------------------


def evaluate_targets(
    targets: TargetPlan | Sequence[EffectTarget],
    responses: pd.DataFrame,
    *,
    population_column: str = "population",
    confidence: float | None = None,
) -> pd.DataFrame:
    """Count the answers to each target's question and judge the target.

    ``responses`` has one row per respondent, a ``population`` column and one column per
    question (as :func:`orgmodel.followup.survey.read_responses` gives). A target counts the
    respondents of its population (all when it names none) who answered its question.

    Columns: ``activity, population, question, answers`` (n), ``positive`` (k), ``share``
    (k/n, NaN when n = 0), ``low``, ``high`` (Wilson interval at the target's confidence,
    or ``confidence`` when given), ``threshold``, ``minimum_answers``, ``verdict``.
    Index ``target``.

    >>> t = EffectTarget("t", "a", "x", "q", "p", 0.7, positive=["ja"], minimum_answers=5)
    >>> df = pd.DataFrame({"population": ["p"] * 10, "q": ["ja"] * 9 + ["nej"]})
    >>> r = evaluate_targets([t], df).loc["t"]
    >>> int(r["answers"]), int(r["positive"]), round(float(r["low"]), 4), r["verdict"]
    (10, 9, 0.5958, 'cannot tell yet')
    """
    items = targets.targets if isinstance(targets, TargetPlan) else tuple(targets)
    rows = []
    for t in items:
        if t.question not in responses.columns:
            raise UnknownIdError(
                f"question column (target {t.id!r})", t.question, list(responses.columns)
            )
        frame = responses
        if t.population is not None:
            if population_column not in responses.columns:
                raise UnknownIdError(
                    "population column", population_column, list(responses.columns)
                )
            frame = responses[responses[population_column] == t.population]
        answers = [a for a in (answer_text(v) for v in frame[t.question]) if a is not None]
        n = len(answers)
        k = sum(t.is_positive(a) for a in answers)
        level = confidence if confidence is not None else t.confidence
        low, high = wilson_interval(k, n, level)
        rows.append(
            {
                "target": t.id,
                "activity": t.activity,
                "population": t.population,
                "question": t.question,
                "answers": n,
                "positive": k,
                "share": k / n if n else float("nan"),
                "low": low,
                "high": high,
                "threshold": float(t.threshold),
                "minimum_answers": t.minimum_answers,
                "verdict": verdict(low, high, t.threshold, n=n, minimum=t.minimum_answers),
            }
        )
    cols = [
        "target",
        "activity",
        "population",
        "question",
        "answers",
        "positive",
        "share",
        "low",
        "high",
        "threshold",
        "minimum_answers",
        "verdict",
    ]
    return pd.DataFrame(rows, columns=cols).set_index("target")


# ---- the file --------------------------------------------------------------------------------

_TARGET_FIELDS = (
    "id",
    "activity",
    "text",
    "question",
    "population",
    "threshold",
    "positive",
    "scale",
    "minimum_answers",
    "confidence",
    "follow_up",
)
_ACTIVITY_FIELDS = ("id", "title", "description")
_RULE_FIELDS = ("id", "text", "any_of", "all_of", "conditions")
_TOP = ("title", "owner", "meta", "activities", "targets", "rules")


def targets_from_yaml(text: str, source: str | None = None) -> TargetPlan:
    """A :class:`TargetPlan` from ``orgmodel-targets: 1`` YAML text; every problem with its line.

    Raises
    ------
    ValidationError
        Listing every problem (missing fields, thresholds outside (0, 1], positive answers
        off the scale, unknown activities, duplicate ids) with its line.
    """
    root = load_yaml_nodes(text, source)
    if root is None:
        raise FormatError(f"{source or 'the text'}: empty; expected an {FORMAT_KEY} file")
    check_version(root, FORMAT_KEY, FORMAT_VERSION, source)
    problems: list[Problem] = []
    top: dict[str, Any] = {}
    lists: dict[str, list[tuple[dict[str, Any], dict[str, int], int]]] = {
        "activities": [],
        "targets": [],
        "rules": [],
    }
    for key, node, line in mapping_items(root):
        if key in lists:
            if not isinstance(node, yaml.SequenceNode):
                problems.append(
                    Problem(
                        "error",
                        "not_a_list",
                        f"{key} must be a list",
                        table=key,
                        location=Location(source, line=line),
                    )
                )
                continue
            for item in node.value:
                iline = item.start_mark.line + 1
                if not isinstance(item, yaml.MappingNode):
                    problems.append(
                        Problem(
                            "error",
                            "not_a_mapping",
                            f"each of {key} must be a mapping",
                            table=key,
                            location=Location(source, line=iline),
                        )
                    )
                    continue
                rec, lines = {}, {}
                for k, v, kl in mapping_items(item):
                    rec[k], lines[k] = construct(v), kl
                lists[key].append((rec, lines, iline))
        elif key != FORMAT_KEY:
            top[key] = construct(node)

    def where(lines: dict[str, int], line: int, f: str | None = None) -> Location:
        return Location(source, line=lines.get(f, line) if f else line)

    def add(code, message, table, id_, f, value, loc):
        problems.append(
            Problem("error", code, message, table=table, id=id_, field=f, value=value, location=loc)
        )

    activities = []
    for rec, lines, line in lists["activities"]:
        if not rec.get("id") or not rec.get("title"):
            f = "id" if not rec.get("id") else "title"
            add(
                "missing_field",
                f"an activity needs {f}",
                "activities",
                rec.get("id"),
                f,
                None,
                where(lines, line, f),
            )
            continue
        extra = {k: v for k, v in rec.items() if k not in _ACTIVITY_FIELDS}
        activities.append(
            Activity(str(rec["id"]), str(rec["title"]), str(rec.get("description") or ""), extra)
        )
    activity_ids = [a.id for a in activities]
    targets = []
    for rec, lines, line in lists["targets"]:
        tid = rec.get("id")
        bad = False
        for f in ("id", "activity", "text", "question", "threshold", "positive"):
            if rec.get(f) in (None, "", []):
                add(
                    "missing_field",
                    f"a target needs {f}",
                    "targets",
                    tid,
                    f,
                    None,
                    where(lines, line, f),
                )
                bad = True
        if rec.get("activity") and rec["activity"] not in activity_ids:
            add(
                "unknown_activity",
                f"no activity {rec['activity']!r}{did_you_mean(rec['activity'], activity_ids)}",
                "targets",
                tid,
                "activity",
                rec["activity"],
                where(lines, line, "activity"),
            )
            bad = True
        th = rec.get("threshold")
        if isinstance(th, str) and th.strip().endswith("%"):
            with contextlib.suppress(ValueError):
                th = float(th.strip()[:-1].replace(",", ".")) / 100
        if th is not None and not (
            isinstance(th, int | float) and not isinstance(th, bool) and 0 < th <= 1
        ):
            add(
                "bad_threshold",
                "threshold must be a share in (0, 1] (0.70 or '70 %')",
                "targets",
                tid,
                "threshold",
                rec.get("threshold"),
                where(lines, line, "threshold"),
            )
            bad = True
        mins = rec.get("minimum_answers", 1)
        if not (isinstance(mins, int) and not isinstance(mins, bool) and mins >= 1):
            add(
                "bad_minimum",
                "minimum_answers must be a whole number >= 1",
                "targets",
                tid,
                "minimum_answers",
                mins,
                where(lines, line, "minimum_answers"),
            )
            bad = True
        if bad:
            continue
        extra = {k: v for k, v in rec.items() if k not in _TARGET_FIELDS}
        try:
            targets.append(
                EffectTarget(
                    str(tid),
                    str(rec["activity"]),
                    str(rec["text"]),
                    str(rec["question"]),
                    None if rec.get("population") is None else str(rec["population"]),
                    float(th),
                    rec.get("positive"),
                    rec.get("scale"),
                    mins,
                    float(rec.get("confidence", 0.95)),
                    str(rec.get("follow_up") or ""),
                    extra,
                )
            )
        except ValueError as exc:
            add("bad_target", str(exc), "targets", tid, None, None, where(lines, line))
    rules = []
    for rec, lines, line in lists["rules"]:
        try:
            rules.append(
                Rule(
                    str(rec.get("id")),
                    str(rec.get("text") or ""),
                    tuple(rec.get("any_of") or ()),
                    tuple(rec.get("all_of") or ()),
                    rec.get("conditions") or {},
                )
            )
        except ValueError as exc:
            add("bad_rule", str(exc), "rules", rec.get("id"), None, None, where(lines, line))
    for table in lists:
        seen: set[str] = set()
        for rec, lines, line in lists[table]:
            i = rec.get("id")
            if i in seen:
                add(
                    "duplicate_id",
                    f"two {table} have the id {i!r}",
                    table,
                    i,
                    "id",
                    i,
                    where(lines, line, "id"),
                )
            seen.add(i)
    ValidationReport(problems).raise_if_errors(source or "effect targets")
    return TargetPlan(
        str(top.get("title") or ""),
        top.get("owner"),
        activities,
        targets,
        rules,
        top.get("meta") or {},
        {k: v for k, v in top.items() if k not in _TOP},
    )


def targets_to_yaml(plan: TargetPlan) -> str:
    """The plan as ``orgmodel-targets: 1`` YAML text (read back equal)."""
    doc: dict[str, Any] = {FORMAT_KEY: FORMAT_VERSION, "title": plan.title}
    if plan.owner:
        doc["owner"] = plan.owner
    if plan.meta:
        doc["meta"] = _plain(dict(plan.meta))
    doc.update(_plain(dict(plan.extra)))
    doc["activities"] = []
    for a in plan.activities:
        rec: dict[str, Any] = {"id": a.id, "title": a.title}
        if a.description:
            rec["description"] = a.description
        rec.update(_plain(dict(a.attrs)))
        doc["activities"].append(rec)
    doc["targets"] = []
    for t in plan.targets:
        rec = {"id": t.id, "activity": t.activity, "text": t.text, "question": t.question}
        if t.population is not None:
            rec["population"] = t.population
        rec["threshold"] = t.threshold
        if t.scale:
            rec["scale"] = list(t.scale)
        rec["positive"] = list(t.positive)
        rec["minimum_answers"] = t.minimum_answers
        if t.confidence != 0.95:
            rec["confidence"] = t.confidence
        if t.follow_up:
            rec["follow_up"] = t.follow_up
        rec.update(_plain(dict(t.attrs)))
        doc["targets"].append(rec)
    if plan.rules:
        doc["rules"] = []
        for r in plan.rules:
            rec = {"id": r.id, "text": r.text}
            if r.any_of:
                rec["any_of"] = list(r.any_of)
            if r.all_of:
                rec["all_of"] = list(r.all_of)
            if r.conditions:
                rec["conditions"] = _plain(dict(r.conditions))
            doc["rules"].append(rec)
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def read_targets(path: str | os.PathLike[str]) -> TargetPlan:
    """Read a ``.yaml``/``.yml`` effect-target file."""
    path = Path(path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UnsupportedFormatError(f"{path}: cannot read {path.suffix!r} files; use .yaml")
    return targets_from_yaml(path.read_text(encoding="utf-8"), str(path))


def write_targets(plan: TargetPlan, path: str | os.PathLike[str]) -> None:
    """Save the plan atomically as YAML.

    >>> import pathlib, tempfile
    >>> plan = TargetPlan("P", None, [Activity("a", "A")],
    ...     [EffectTarget("t", "a", "70 %", "q", "p", 0.7, positive=["ja"], scale=["ja", "nej"])])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.yaml"
    >>> write_targets(plan, path)
    >>> read_targets(path) == plan
    True
    """
    path = Path(path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UnsupportedFormatError(f"{path}: cannot write {path.suffix!r} files; use .yaml")
    with atomic_write(path) as f:
        f.write(targets_to_yaml(plan))
