"""Prioritisation checklists as data: scales, criteria, yes/no gates and initiatives.

A :class:`Checklist` is an immutable value: criteria (each with a :class:`Scale` that maps
answer labels such as ``"ja"``, ``"delvis"``, ``"nei"`` to numbers), and :class:`Gate`
questions that an initiative must pass before it is ranked at all. Labels and questions are
kept in Norwegian Bokmål (``nb``), Swedish (``sv``) and English (``en``).

Checklists are stored as versioned YAML (``orgmodel-checklist: 1``); :func:`load_checklist`
lists every problem of a broken file with its line, and :func:`load_template` opens the
checklists shipped with orgmodel (KS's ten prioritisation criteria, KS's questions for
state-initiated projects, Partsrådet's rule for supporting local parties).

Nothing here needs an organisation model: an :class:`Initiative` may name the units or posts
that would carry it, and :func:`check_initiatives` checks those ids only when an
organisation is given.

>>> ks = load_template("ks-prioriteringskriterier")
>>> len(ks.criteria), ks.criteria[0].label["nb"]
(10, 'Ha langsiktig betydning for hele kommunesektoren')
>>> small = Checklist(
...     "demo", {"en": "Demo"}, language="en",
...     criteria=[Criterion("benefit", {"en": "Benefit"}, scale=Scale.yes_partly_no()),
...               Criterion("cost", {"en": "Cost"}, scale=Scale.numeric(0, 10, "min"))],
... )
>>> small.score_frame({"A": {"benefit": "yes", "cost": 4}, "B": {"benefit": "delvis", "cost": 2}})
criterion  benefit  cost
initiative
A              1.0   4.0
B              0.5   2.0
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import yaml

from orgmodel.errors import FormatError, UnknownIdError, UnsupportedFormatError, ValidationError
from orgmodel.io.yamltext import safe_dumper
from orgmodel.model.entities import FrozenDict
from orgmodel.model.report import Location, Problem, ValidationReport

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.model.organisation import Organisation

__all__ = [
    "FORMAT_KEY",
    "FORMAT_VERSION",
    "GATE_ANSWERS",
    "LANGUAGES",
    "SCALE_KINDS",
    "Checklist",
    "Criterion",
    "Gate",
    "Initiative",
    "Level",
    "Scale",
    "as_initiatives",
    "check_initiatives",
    "gate_answer",
    "list_templates",
    "load_checklist",
    "load_template",
    "save_checklist",
]

#: The languages checklists are written in: Norwegian Bokmål, Swedish, English.
LANGUAGES: tuple[str, ...] = ("nb", "sv", "en")
#: The top-level key (and version) of the checklist file format.
FORMAT_KEY = "orgmodel-checklist"
FORMAT_VERSION = 1
#: Scale kinds: named label sets, plain numbers, or levels listed in the file.
SCALE_KINDS: tuple[str, ...] = ("yes_partly_no", "0-3", "1-5", "numeric", "levels")
DIRECTIONS: tuple[str, ...] = ("max", "min")
GATE_KINDS: tuple[str, ...] = ("must_pass", "must_not")

#: Answers to a yes/no gate question, in every language; ``None`` means unknown.
GATE_ANSWERS: dict[str, bool | None] = {
    "ja": True,
    "yes": True,
    "j": True,
    "y": True,
    "true": True,
    "nei": False,
    "nej": False,
    "no": False,
    "n": False,
    "false": False,
    "vet ikke": None,
    "vet ej": None,
    "vet inte": None,
    "unknown": None,
    "don't know": None,
    "ukjent": None,
    "okänt": None,
    "?": None,
    "": None,
}


def _text(value: Mapping[str, str] | str | None, language: str = "en") -> FrozenDict:
    """A read-only ``{language: text}``; a plain string is taken to be in ``language``."""
    if value is None:
        return FrozenDict()
    if isinstance(value, str):
        return FrozenDict({language: value})
    return FrozenDict({str(k): str(v) for k, v in value.items()})


def _pick(text: Mapping[str, str], language: str | None, fallback: str) -> str:
    for lang in (language, fallback, "en", *LANGUAGES):
        if lang and text.get(lang):
            return text[lang]
    return next(iter(text.values()), "")


def _is_number(v: Any) -> bool:
    """A real number that is not a bool and not NaN (numpy numbers included)."""
    return isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_) and not math.isnan(v)


# ---- scales -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Level:
    """One answer on a labelled scale: its number and its label per language."""

    value: float
    label: Mapping[str, str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", float(self.value))
        object.__setattr__(self, "label", _text(self.label))


def _levels(rows: Sequence[tuple[float, str, str, str]]) -> tuple[Level, ...]:
    return tuple(Level(v, FrozenDict({"nb": nb, "sv": sv, "en": en})) for v, nb, sv, en in rows)


_NAMED_LEVELS: dict[str, tuple[Level, ...]] = {
    "yes_partly_no": _levels(
        [(1.0, "ja", "ja", "yes"), (0.5, "delvis", "delvis", "partly"), (0.0, "nei", "nej", "no")]
    ),
    "0-3": _levels(
        [
            (3, "3 i stor grad", "3 i hög grad", "3 to a large extent"),
            (2, "2 i noen grad", "2 i viss mån", "2 to some extent"),
            (1, "1 i liten grad", "1 i liten grad", "1 to a small extent"),
            (0, "0 ikke", "0 inte", "0 not at all"),
        ]
    ),
    "1-5": _levels(
        [
            (5, "5 svært godt", "5 mycket väl", "5 very well"),
            (4, "4 godt", "4 väl", "4 well"),
            (3, "3 middels", "3 medel", "3 moderately"),
            (2, "2 svakt", "2 svagt", "2 weakly"),
            (1, "1 svært svakt", "1 mycket svagt", "1 very weakly"),
        ]
    ),
}


@dataclass(frozen=True, slots=True)
class Scale:
    """How a criterion is answered: labelled levels, or a number between ``minimum`` and ``maximum``.

    Use the named constructors :meth:`yes_partly_no`, :meth:`zero_to_three`,
    :meth:`one_to_five`, :meth:`numeric` and :meth:`from_levels`.

    >>> s = Scale.yes_partly_no()
    >>> s.value("Delvis"), s.value("nej"), s.value(1), s.label(0.5, "sv")
    (0.5, 0.0, 1.0, 'delvis')
    >>> s.value("kanskje")
    Traceback (most recent call last):
    ...
    ValueError: 'kanskje' is not on the scale yes_partly_no; valid: 'ja', 'delvis', 'nei', 'yes', 'partly', 'no', 'nej' or a number 0, 0.5, 1
    >>> Scale.numeric(0, 100, "min", unit="MNOK").value("12,5")
    12.5
    """

    kind: str
    levels: tuple[Level, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    direction: str = "max"
    unit: str = ""

    # named constructors
    @classmethod
    def yes_partly_no(cls) -> Scale:
        """ja / delvis / nei (sv: ja / delvis / nej; en: yes / partly / no) as 1 / 0.5 / 0."""
        return cls("yes_partly_no", _NAMED_LEVELS["yes_partly_no"], 0.0, 1.0)

    @classmethod
    def zero_to_three(cls) -> Scale:
        """0 (not at all) to 3 (to a large extent)."""
        return cls("0-3", _NAMED_LEVELS["0-3"], 0.0, 3.0)

    @classmethod
    def one_to_five(cls) -> Scale:
        """1 (very weakly) to 5 (very well)."""
        return cls("1-5", _NAMED_LEVELS["1-5"], 1.0, 5.0)

    @classmethod
    def numeric(
        cls,
        minimum: float | None = None,
        maximum: float | None = None,
        direction: str = "max",
        *,
        unit: str = "",
    ) -> Scale:
        """Any number in ``[minimum, maximum]`` (open ends when ``None``); ``direction`` max/min."""
        return cls(
            "numeric",
            (),
            None if minimum is None else float(minimum),
            None if maximum is None else float(maximum),
            direction,
            unit,
        )

    @classmethod
    def from_levels(cls, levels: Iterable[Level | tuple[float, Mapping[str, str]]]) -> Scale:
        """A scale of your own labelled levels."""
        lv = tuple(x if isinstance(x, Level) else Level(x[0], FrozenDict(x[1])) for x in levels)
        values = [x.value for x in lv]
        return cls("levels", lv, min(values), max(values))

    @classmethod
    def named(cls, kind: str) -> Scale:
        """The scale called ``kind``: ``yes_partly_no``, ``0-3``, ``1-5`` or ``numeric``."""
        makers = {
            "yes_partly_no": cls.yes_partly_no,
            "0-3": cls.zero_to_three,
            "1-5": cls.one_to_five,
            "numeric": cls.numeric,
        }
        try:
            return makers[kind]()
        except KeyError:
            raise ValueError(
                f"unknown scale {kind!r}; valid: {', '.join(repr(k) for k in makers)}"
            ) from None

    @property
    def labelled(self) -> bool:
        return bool(self.levels)

    def options(self, language: str = "en") -> list[tuple[str, float]]:
        """``(label, value)`` pairs in ``language``, best first (for a Dropdown)."""
        return [(_pick(lv.label, language, "en"), lv.value) for lv in self.levels]

    def label(self, value: float, language: str = "en") -> str:
        """The label of ``value`` in ``language`` (numbers are shown as they are)."""
        for lv in self.levels:
            if lv.value == float(value):
                return _pick(lv.label, language, "en")
        return f"{value:g}"

    def value(self, answer: Any) -> float:
        """The number for an answer: a label in any language, or a number on the scale.

        ``None``, ``NaN`` and ``""`` give ``NaN`` (not answered). Anything else that is not
        on the scale raises :class:`ValueError` naming the valid answers.
        """
        if answer is None or (isinstance(answer, float) and math.isnan(answer)):
            return math.nan
        if isinstance(answer, str):
            key = answer.strip().casefold()
            if not key:
                return math.nan
            for lv in self.levels:
                if any(key == lab.casefold() for lab in lv.label.values()):
                    return lv.value
            try:
                number = float(key.replace(",", ".").replace("\u2212", "-"))
            except ValueError:
                number = None
            if number is None:
                raise ValueError(self._invalid(answer))
        elif _is_number(answer):
            number = float(answer)
        else:
            raise ValueError(self._invalid(answer))
        if self.levels:
            if number not in {lv.value for lv in self.levels}:
                raise ValueError(self._invalid(answer))
        elif (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            raise ValueError(
                f"{answer!r} is outside the scale [{self.minimum:g}, {self.maximum:g}]"
                if self.minimum is not None and self.maximum is not None
                else f"{answer!r} is outside the scale"
            )
        return number

    def _invalid(self, answer: Any) -> str:
        if not self.levels:
            return f"{answer!r} is not a number"
        labels: list[str] = []
        for lang in ("nb", "en", "sv"):
            for lv in self.levels:
                lab = lv.label.get(lang)
                if lab and lab not in labels:
                    labels.append(lab)
        numbers = ", ".join(f"{v:g}" for v in sorted(lv.value for lv in self.levels))
        return (
            f"{answer!r} is not on the scale {self.kind}; valid: "
            + ", ".join(repr(x) for x in labels)
            + f" or a number {numbers}"
        )

    def to_dict(self) -> str | dict[str, Any]:
        """A named scale as its name; a numeric or levels scale as a mapping."""
        if self.kind in _NAMED_LEVELS and self.levels == _NAMED_LEVELS[self.kind]:
            return self.kind
        if self.kind == "numeric":
            d: dict[str, Any] = {"kind": "numeric"}
            if self.minimum is not None:
                d["min"] = self.minimum
            if self.maximum is not None:
                d["max"] = self.maximum
            d["direction"] = self.direction
            if self.unit:
                d["unit"] = self.unit
            return d
        return {
            "kind": "levels",
            "levels": [{"value": lv.value, "label": dict(lv.label)} for lv in self.levels],
        }


# ---- criteria and gates ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Criterion:
    """One prioritisation criterion: a label per language, a scale, a default weight.

    ``direction`` is ``"max"`` (more is better) or ``"min"``; when not given it is the
    scale's (``"max"`` for labelled scales).
    """

    id: str
    label: Mapping[str, str]
    scale: Scale = field(default_factory=Scale.yes_partly_no)
    weight: float | None = None
    direction: str | None = None
    description: Mapping[str, str] = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", _text(self.label))
        object.__setattr__(self, "description", _text(self.description))
        if self.weight is not None:
            object.__setattr__(self, "weight", float(self.weight))
        if self.direction is None:
            object.__setattr__(self, "direction", self.scale.direction)
        if self.direction not in DIRECTIONS:
            raise ValueError(f"criterion {self.id!r}: direction must be 'max' or 'min'")

    def text(self, language: str = "en") -> str:
        return _pick(self.label, language, "en")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "label": dict(self.label)}
        if self.description:
            d["description"] = dict(self.description)
        d["scale"] = self.scale.to_dict()
        if self.weight is not None:
            d["weight"] = self.weight
        if self.direction != self.scale.direction:
            d["direction"] = self.direction
        return d


@dataclass(frozen=True, slots=True)
class Gate:
    """A yes/no question an initiative must pass, or a rule combining such questions.

    A simple gate is answered yes or no: ``kind="must_pass"`` passes on *yes*,
    ``kind="must_not"`` passes on *no*. A composite gate has ``any_of`` or ``all_of``
    sub-gates (themselves simple or composite) and is satisfied when any / all of them are;
    answers are given for the simple gates only, by their ids. A composite ``must_not``
    gate passes when its combination is *not* satisfied.

    ``unknown_allowed`` (top-level gates): an unanswered gate gives the verdict
    ``"unknown"`` when allowed, and ``"fail"`` otherwise.

    >>> rule = Gate("stod", {"en": "disruption or counter-performance"}, any_of=(
    ...     Gate("storning", {"en": "serious disruption?"}),
    ...     Gate("motprestation", {"en": "counter-performance?"})))
    >>> rule.satisfied({"storning": "nej", "motprestation": "ja"})
    True
    >>> rule.satisfied({"storning": "nej"}) is None        # depends on the unanswered one
    True
    >>> [g.id for g in rule.leaves()]
    ['storning', 'motprestation']
    """

    id: str
    question: Mapping[str, str]
    kind: str = "must_pass"
    unknown_allowed: bool = False
    any_of: Sequence[Gate] = ()
    all_of: Sequence[Gate] = ()
    description: Mapping[str, str] = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "question", _text(self.question))
        object.__setattr__(self, "description", _text(self.description))
        object.__setattr__(self, "any_of", tuple(self.any_of))
        object.__setattr__(self, "all_of", tuple(self.all_of))
        if self.kind not in GATE_KINDS:
            raise ValueError(f"gate {self.id!r}: kind must be 'must_pass' or 'must_not'")
        if self.any_of and self.all_of:
            raise ValueError(f"gate {self.id!r}: give any_of or all_of, not both")

    @property
    def composite(self) -> bool:
        return bool(self.any_of or self.all_of)

    @property
    def children(self) -> tuple[Gate, ...]:
        return tuple(self.any_of or self.all_of)

    def text(self, language: str = "en") -> str:
        return _pick(self.question, language, "en")

    def leaves(self) -> list[Gate]:
        """The simple gates under this one (itself when simple), in order."""
        if not self.composite:
            return [self]
        return [leaf for child in self.children for leaf in child.leaves()]

    def satisfied(self, answers: Mapping[str, Any]) -> bool | None:
        """True / False, or ``None`` when unanswered questions decide it (Kleene logic).

        ``answers`` maps simple-gate ids to yes/no answers (labels in any language, bools,
        or ``None`` for unknown); missing ids count as unknown.
        """
        if self.composite:
            parts = [child.satisfied(answers) for child in self.children]
            if self.any_of:
                value = (
                    True if True in parts else (False if all(p is False for p in parts) else None)
                )
            else:
                value = (
                    False if False in parts else (True if all(p is True for p in parts) else None)
                )
        else:
            value = gate_answer(answers.get(self.id))
        if value is None:
            return None
        return value if self.kind == "must_pass" else not value

    def to_dict(self, *, top: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "question": dict(self.question)}
        if self.description:
            d["description"] = dict(self.description)
        d["kind"] = self.kind
        if top:
            d["unknown_allowed"] = self.unknown_allowed
        if self.any_of:
            d["any_of"] = [g.to_dict(top=False) for g in self.any_of]
        if self.all_of:
            d["all_of"] = [g.to_dict(top=False) for g in self.all_of]
        return d


def gate_answer(answer: Any) -> bool | None:
    """A yes/no answer as ``True`` / ``False``, or ``None`` for unknown.

    >>> gate_answer("Ja"), gate_answer("nej"), gate_answer("vet ikke"), gate_answer(None)
    (True, False, None, None)
    >>> gate_answer("kanskje")
    Traceback (most recent call last):
    ...
    ValueError: 'kanskje' is not a yes/no answer; valid: 'ja', 'yes', 'nei', 'nej', 'no', 'vet ikke', 'vet ej', 'unknown'
    """
    if answer is None or answer is pd.NA:
        return None
    if isinstance(answer, bool | np.bool_):
        return bool(answer)
    if isinstance(answer, numbers.Real):
        if math.isnan(answer):
            return None
        if answer in (0, 1):
            return bool(answer)
    if isinstance(answer, str):
        key = answer.strip().casefold()
        if key in GATE_ANSWERS:
            return GATE_ANSWERS[key]
    raise ValueError(
        f"{answer!r} is not a yes/no answer; valid: 'ja', 'yes', 'nei', 'nej', 'no', "
        "'vet ikke', 'vet ej', 'unknown'"
    )


# ---- the checklist ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Checklist:
    """Criteria to score initiatives against and gates they must pass, as one value.

    Parameters
    ----------
    id
        A short stable id (the template name for shipped checklists).
    title
        ``{language: title}``.
    language
        The language the checklist was written in (its wording is quoted in that language).
    criteria, gates
        :class:`Criterion` and :class:`Gate` values, in order.
    version
        The version of this checklist's content (free text, e.g. ``"2015-10"``).
    source
        Where it comes from: ``title``, ``publisher``, ``date``, ``section``, ``url`` ...
    """

    id: str
    title: Mapping[str, str]
    language: str = "en"
    criteria: Sequence[Criterion] = ()
    gates: Sequence[Gate] = ()
    version: str = "1"
    source: Mapping[str, Any] = field(default_factory=FrozenDict)
    description: Mapping[str, str] = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", _text(self.title, self.language))
        object.__setattr__(self, "description", _text(self.description, self.language))
        object.__setattr__(self, "criteria", tuple(self.criteria))
        object.__setattr__(self, "gates", tuple(self.gates))
        object.__setattr__(self, "version", str(self.version))
        object.__setattr__(self, "source", FrozenDict(self.source or {}))
        problems = _structure_problems(self)
        if problems:
            raise ValidationError(ValidationReport(problems), f"checklist {self.id!r}")

    def evolve(self, **changes: Any) -> Checklist:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    # ---- look-ups -------------------------------------------------------------------------
    @property
    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    @property
    def gate_ids(self) -> list[str]:
        return [g.id for g in self.gates]

    @property
    def question_ids(self) -> list[str]:
        """Ids of the simple gate questions, the ones answers are given for."""
        return [leaf.id for g in self.gates for leaf in g.leaves()]

    def criterion(self, id: str) -> Criterion:
        for c in self.criteria:
            if c.id == id:
                return c
        raise UnknownIdError("criterion", id, self.criterion_ids)

    def gate(self, id: str) -> Gate:
        """A gate or sub-gate by id."""

        def walk(gates: Iterable[Gate]) -> Gate | None:
            for g in gates:
                if g.id == id:
                    return g
                found = walk(g.children)
                if found is not None:
                    return found
            return None

        found = walk(self.gates)
        if found is None:
            ids = [g.id for top in self.gates for g in _all_gates(top)]
            raise UnknownIdError("gate", id, ids)
        return found

    def text(self, language: str | None = None) -> str:
        """The title in ``language`` (default: the checklist's own)."""
        return _pick(self.title, language, self.language)

    def labels(self, language: str | None = None) -> pd.Series:
        """Criterion labels in ``language``, indexed by criterion id."""
        lang = language or self.language
        return pd.Series(
            [_pick(c.label, lang, self.language) for c in self.criteria],
            index=pd.Index(self.criterion_ids, name="criterion"),
            name="label",
            dtype=object,
        )

    def weights(self) -> pd.Series:
        """The default weights, normalised to sum 1 (equal when none is given).

        >>> c = Checklist("x", "x", criteria=[Criterion("a", "A", weight=3), Criterion("b", "B", weight=1)])
        >>> c.weights().tolist()
        [0.75, 0.25]
        """
        raw = [1.0 if c.weight is None else float(c.weight) for c in self.criteria]
        total = sum(raw)
        values = [w / total for w in raw] if total > 0 else [1.0 / len(raw)] * len(raw)
        return pd.Series(
            values, index=pd.Index(self.criterion_ids, name="criterion"), name="weight"
        )

    def directions(self) -> pd.Series:
        """``"max"`` / ``"min"`` per criterion."""
        return pd.Series(
            [c.direction for c in self.criteria],
            index=pd.Index(self.criterion_ids, name="criterion"),
            name="direction",
            dtype=object,
        )

    def bounds(self) -> pd.DataFrame:
        """The scale's ``min`` and ``max`` per criterion (NaN where a numeric scale is open)."""
        rows = [
            (
                math.nan if c.scale.minimum is None else c.scale.minimum,
                math.nan if c.scale.maximum is None else c.scale.maximum,
            )
            for c in self.criteria
        ]
        return pd.DataFrame(
            rows, index=pd.Index(self.criterion_ids, name="criterion"), columns=["min", "max"]
        )

    # ---- answers -> numbers -----------------------------------------------------------------
    def score_frame(self, answers: pd.DataFrame | Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
        """Numeric scores (initiatives x criteria) from answers given as labels or numbers.

        ``answers`` is a DataFrame (index = initiatives, columns = criterion ids) or
        ``{initiative: {criterion: answer}}``. Unanswered cells are NaN; criteria nobody
        answered are columns of NaN. Answers off the scale or unknown criterion ids raise a
        :class:`~orgmodel.errors.ValidationError` listing every one.
        """
        frame = _answers_frame(answers)
        problems: list[Problem] = []
        known = set(self.criterion_ids)
        for col in frame.columns:
            if col not in known:
                problems.append(
                    Problem(
                        "error",
                        "unknown_criterion",
                        f"no criterion {col!r} in checklist {self.id!r}"
                        + _did_you_mean(col, self.criterion_ids),
                        table="answers",
                        field=str(col),
                    )
                )
        data: dict[str, list[float]] = {}
        for c in self.criteria:
            column = frame[c.id] if c.id in frame.columns else None
            values: list[float] = []
            for ini in frame.index:
                raw = None if column is None else column.loc[ini]
                try:
                    values.append(c.scale.value(raw))
                except ValueError as exc:
                    problems.append(
                        Problem(
                            "error",
                            "not_on_scale",
                            str(exc),
                            table="answers",
                            id=ini,
                            field=c.id,
                            value=raw,
                        )
                    )
                    values.append(math.nan)
            data[c.id] = values
        if problems:
            raise ValidationError(ValidationReport(problems), f"answers to checklist {self.id!r}")
        out = pd.DataFrame(data, index=frame.index, columns=self.criterion_ids, dtype=float)
        out.index.name = "initiative"
        out.columns.name = "criterion"
        return out

    def answer_frame(self, scores: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
        """The labels for numeric scores (the inverse of :meth:`score_frame`)."""
        lang = language or self.language
        out = pd.DataFrame(index=scores.index, columns=self.criterion_ids, dtype=object)
        for c in self.criteria:
            if c.id in scores.columns:
                out[c.id] = [
                    None if pd.isna(v) else c.scale.label(float(v), lang) for v in scores[c.id]
                ]
        out.index.name = "initiative"
        out.columns.name = "criterion"
        return out

    # ---- serialisation --------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A plain dict in the file format (``orgmodel-checklist: 1`` first)."""
        d: dict[str, Any] = {
            FORMAT_KEY: FORMAT_VERSION,
            "id": self.id,
            "version": self.version,
            "language": self.language,
            "title": dict(self.title),
        }
        if self.description:
            d["description"] = dict(self.description)
        if self.source:
            d["source"] = dict(self.source)
        d["criteria"] = [c.to_dict() for c in self.criteria]
        d["gates"] = [g.to_dict() for g in self.gates]
        return d

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        source: str | None = None,
        lines: Mapping[tuple[Any, ...], int] | None = None,
    ) -> Checklist:
        """Build a checklist from the file format, listing every problem.

        ``lines`` maps key paths (``("criteria", 2, "scale")``) to 1-based line numbers so
        that problems name their line; :func:`load_checklist` fills it in.
        """
        reader = _Reader(source, lines or {})
        checklist = reader.checklist(data)
        if reader.problems or checklist is None:
            raise ValidationError(
                ValidationReport(reader.problems), source or f"checklist {data.get('id')!r}"
            )
        return checklist


def _all_gates(gate: Gate) -> list[Gate]:
    return [gate, *(g for child in gate.children for g in _all_gates(child))]


def _did_you_mean(key: Any, valid: Iterable[Any]) -> str:
    from orgmodel.errors import did_you_mean

    return did_you_mean(key, valid)


def _structure_problems(c: Checklist) -> list[Problem]:
    """Problems a checklist built in code can have: duplicate ids, no criteria or gates."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for crit in c.criteria:
        if not isinstance(crit, Criterion):
            problems.append(
                Problem("error", "bad_type", f"criteria must hold Criterion values, got {crit!r}")
            )
            continue
        if crit.id in seen:
            problems.append(
                Problem("error", "duplicate_id", "criterion id used twice", "criteria", crit.id)
            )
        seen.add(crit.id)
    gate_seen: set[str] = set()
    for top in c.gates:
        if not isinstance(top, Gate):
            problems.append(
                Problem("error", "bad_type", f"gates must hold Gate values, got {top!r}")
            )
            continue
        for g in _all_gates(top):
            if g.id in gate_seen:
                problems.append(
                    Problem("error", "duplicate_id", "gate id used twice", "gates", g.id)
                )
            gate_seen.add(g.id)
    if not c.criteria and not c.gates:
        problems.append(Problem("error", "empty", "a checklist needs criteria or gates"))
    return problems


def _answers_frame(answers: pd.DataFrame | Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    if isinstance(answers, pd.DataFrame):
        frame = answers.copy()
    else:
        frame = pd.DataFrame.from_dict(
            {str(k): dict(v) for k, v in answers.items()}, orient="index", dtype=object
        )
    frame = frame.astype(object).where(frame.notna(), None)
    frame.columns = [str(c) for c in frame.columns]
    return frame


# ---- reading the file format with every problem and its line -------------------------------------
_TOP_KEYS = ("id", "version", "language", "title", "description", "source", "criteria", "gates")
_CRITERION_KEYS = ("id", "label", "description", "scale", "weight", "direction")
_GATE_KEYS = ("id", "question", "description", "kind", "unknown_allowed", "any_of", "all_of")
_SCALE_KEYS = ("kind", "min", "max", "direction", "unit", "levels")


class _Reader:
    def __init__(self, source: str | None, lines: Mapping[tuple[Any, ...], int]):
        self.source = source
        self.lines = lines
        self.problems: list[Problem] = []
        self.language = "en"

    def loc(self, path: tuple[Any, ...]) -> Location:
        while path and path not in self.lines:
            path = path[:-1]
        return Location(self.source, line=self.lines.get(path))

    def add(self, code, message, path, table=None, id_=None, field=None, value=None):
        self.problems.append(
            Problem("error", code, message, table, id_, field, value, location=self.loc(path))
        )

    def unknown_keys(self, d: Mapping[str, Any], valid, path, table, id_):
        for key in d:
            if key not in valid:
                self.add(
                    "unknown_field",
                    f"unknown field {key!r}{_did_you_mean(key, valid)}",
                    (*path, key),
                    table,
                    id_,
                    str(key),
                )

    def text(self, value, path, table, id_, fld, required=True) -> FrozenDict:
        if value is None:
            if required:
                self.add("missing_value", f"{fld} is required", path, table, id_, fld)
            return FrozenDict()
        if isinstance(value, str):
            # plain text is in the checklist's own language
            return FrozenDict({self.language: value}) if value.strip() else FrozenDict()
        if not isinstance(value, Mapping):
            self.add(
                "bad_text", f"{fld} must be text or {{nb:, sv:, en:}}", path, table, id_, fld, value
            )
            return FrozenDict()
        out = {}
        for lang, txt in value.items():
            if lang not in LANGUAGES:
                self.add(
                    "unknown_language",
                    f"language {lang!r} is not one of {', '.join(LANGUAGES)}",
                    (*path, lang),
                    table,
                    id_,
                    fld,
                    lang,
                )
            elif not isinstance(txt, str) or not txt.strip():
                self.add(
                    "missing_value",
                    f"{fld}.{lang} must be non-empty text",
                    (*path, lang),
                    table,
                    id_,
                    fld,
                    txt,
                )
            else:
                out[lang] = txt
        return FrozenDict(out)

    def checklist(self, data: Mapping[str, Any]) -> Checklist | None:
        if not isinstance(data, Mapping):
            self.add("bad_document", "a checklist file must be a mapping of fields", ())
            return None
        version = data.get(FORMAT_KEY)
        if version is None:
            self.add(
                "missing_format_version",
                f"the first line must be '{FORMAT_KEY}: {FORMAT_VERSION}'",
                (),
                field=FORMAT_KEY,
            )
        elif version != FORMAT_VERSION:
            self.add(
                "unsupported_version",
                f"{FORMAT_KEY} {version!r} is not supported (this orgmodel reads {FORMAT_VERSION})",
                (FORMAT_KEY,),
                field=FORMAT_KEY,
                value=version,
            )
        self.unknown_keys(
            {k: v for k, v in data.items() if k != FORMAT_KEY}, _TOP_KEYS, (), "checklist", None
        )
        cid = data.get("id")
        if not isinstance(cid, str) or not cid:
            self.add(
                "missing_value", "id is required (text)", ("id",), "checklist", None, "id", cid
            )
        language = data.get("language", "en")
        if language not in LANGUAGES:
            self.add(
                "unknown_language",
                f"language must be one of {', '.join(LANGUAGES)}",
                ("language",),
                "checklist",
                cid,
                "language",
                language,
            )
            language = "en"
        self.language = language
        title = self.text(data.get("title"), ("title",), "checklist", cid, "title")
        description = self.text(
            data.get("description"), ("description",), "checklist", cid, "description", False
        )
        source = data.get("source") or {}
        if not isinstance(source, Mapping):
            self.add(
                "bad_source", "source must be a mapping", ("source",), "checklist", cid, "source"
            )
            source = {}
        criteria_raw = data.get("criteria") or []
        gates_raw = data.get("gates") or []
        criteria: list[Criterion] = []
        gates: list[Gate] = []
        if not isinstance(criteria_raw, list):
            self.add(
                "bad_list", "criteria must be a list", ("criteria",), "checklist", cid, "criteria"
            )
            criteria_raw = []
        if not isinstance(gates_raw, list):
            self.add("bad_list", "gates must be a list", ("gates",), "checklist", cid, "gates")
            gates_raw = []
        if not criteria_raw and not gates_raw:
            self.add("empty", "a checklist needs criteria or gates", (), "checklist", cid)
        seen: dict[str, int] = {}
        for i, raw in enumerate(criteria_raw):
            rid = raw.get("id") if isinstance(raw, Mapping) else None
            if isinstance(rid, str) and rid in seen:
                self.add(
                    "duplicate_id",
                    f"criterion id {rid!r} is used twice (first as criterion {seen[rid] + 1})",
                    ("criteria", i, "id"),
                    "criteria",
                    rid,
                    "id",
                )
            elif isinstance(rid, str):
                seen[rid] = i
            crit = self.criterion(raw, ("criteria", i))
            if crit is not None:
                criteria.append(crit)
        gate_seen: set[str] = set()
        for i, raw in enumerate(gates_raw):
            gate = self.gate(raw, ("gates", i), gate_seen, top=True)
            if gate is not None:
                gates.append(gate)
        if self.problems:
            return None
        return Checklist(
            str(cid),
            title,
            language,
            tuple(criteria),
            tuple(gates),
            str(data.get("version", "1")),
            FrozenDict(source),
            description,
        )

    def scale(self, raw: Any, path, cid) -> Scale | None:
        if raw is None:
            return Scale.yes_partly_no()
        if isinstance(raw, str):
            if raw in ("yes_partly_no", "0-3", "1-5", "numeric"):
                return Scale.named(raw)
            self.add(
                "unknown_scale",
                f"unknown scale {raw!r}; valid: " + ", ".join(repr(k) for k in SCALE_KINDS),
                path,
                "criteria",
                cid,
                "scale",
                raw,
            )
            return None
        if not isinstance(raw, Mapping):
            self.add(
                "unknown_scale",
                "scale must be a name or a mapping",
                path,
                "criteria",
                cid,
                "scale",
                raw,
            )
            return None
        self.unknown_keys(raw, _SCALE_KEYS, path, "criteria", cid)
        kind = raw.get("kind")
        if kind == "numeric":
            lo, hi = raw.get("min"), raw.get("max")
            direction = raw.get("direction", "max")
            bad = False
            for key, v in (("min", lo), ("max", hi)):
                if v is not None and not _is_number(v):
                    self.add(
                        "not_a_number",
                        f"scale {key} must be a number",
                        (*path, key),
                        "criteria",
                        cid,
                        f"scale.{key}",
                        v,
                    )
                    bad = True
            if not bad and lo is not None and hi is not None and lo >= hi:
                self.add(
                    "bad_range",
                    f"scale min {lo} must be below max {hi}",
                    (*path, "min"),
                    "criteria",
                    cid,
                    "scale.min",
                    lo,
                )
                bad = True
            if direction not in DIRECTIONS:
                self.add(
                    "bad_direction",
                    "direction must be 'max' or 'min'",
                    (*path, "direction"),
                    "criteria",
                    cid,
                    "scale.direction",
                    direction,
                )
                bad = True
            return None if bad else Scale.numeric(lo, hi, direction, unit=str(raw.get("unit", "")))
        if kind == "levels":
            levels_raw = raw.get("levels")
            if not isinstance(levels_raw, list) or len(levels_raw) < 2:
                self.add(
                    "bad_levels",
                    "a levels scale needs a list of at least two levels",
                    (*path, "levels"),
                    "criteria",
                    cid,
                    "scale.levels",
                )
                return None
            levels = []
            for j, lv in enumerate(levels_raw):
                lp = (*path, "levels", j)
                if not isinstance(lv, Mapping) or not _is_number(lv.get("value")):
                    self.add(
                        "not_a_number",
                        "each level needs a numeric value",
                        lp,
                        "criteria",
                        cid,
                        "scale.levels",
                    )
                    continue
                label = self.text(
                    lv.get("label"), (*lp, "label"), "criteria", cid, "scale.levels.label"
                )
                if label:
                    levels.append(Level(lv["value"], label))
            return Scale.from_levels(levels) if len(levels) == len(levels_raw) else None
        if kind in ("yes_partly_no", "0-3", "1-5"):
            return Scale.named(kind)
        self.add(
            "unknown_scale",
            f"unknown scale kind {kind!r}; valid: " + ", ".join(repr(k) for k in SCALE_KINDS),
            (*path, "kind"),
            "criteria",
            cid,
            "scale.kind",
            kind,
        )
        return None

    def criterion(self, raw: Any, path) -> Criterion | None:
        if not isinstance(raw, Mapping):
            self.add(
                "bad_criterion",
                "each criterion must be a mapping with id, label, scale",
                path,
                "criteria",
            )
            return None
        cid = raw.get("id")
        start = len(self.problems)
        if not isinstance(cid, str) or not cid:
            self.add(
                "missing_value",
                "criterion id is required (text)",
                (*path, "id"),
                "criteria",
                None,
                "id",
                cid,
            )
        self.unknown_keys(raw, _CRITERION_KEYS, path, "criteria", cid)
        label = self.text(raw.get("label"), (*path, "label"), "criteria", cid, "label")
        description = self.text(
            raw.get("description"), (*path, "description"), "criteria", cid, "description", False
        )
        scale = self.scale(raw.get("scale"), (*path, "scale"), cid)
        weight = raw.get("weight")
        if weight is not None and (not _is_number(weight) or weight < 0):
            self.add(
                "bad_weight",
                "weight must be a number >= 0",
                (*path, "weight"),
                "criteria",
                cid,
                "weight",
                weight,
            )
        direction = raw.get("direction")
        if direction is not None and direction not in DIRECTIONS:
            self.add(
                "bad_direction",
                "direction must be 'max' or 'min'",
                (*path, "direction"),
                "criteria",
                cid,
                "direction",
                direction,
            )
        if len(self.problems) > start or scale is None:
            return None
        return Criterion(
            str(cid),
            label,
            scale,
            None if weight is None else float(weight),
            direction,
            description,
        )

    def gate(self, raw: Any, path, seen: set[str], top: bool) -> Gate | None:
        if not isinstance(raw, Mapping):
            self.add(
                "bad_gate", "each gate must be a mapping with id, question, kind", path, "gates"
            )
            return None
        gid = raw.get("id")
        start = len(self.problems)
        if not isinstance(gid, str) or not gid:
            self.add(
                "missing_value",
                "gate id is required (text)",
                (*path, "id"),
                "gates",
                None,
                "id",
                gid,
            )
        elif gid in seen:
            self.add(
                "duplicate_id", f"gate id {gid!r} is used twice", (*path, "id"), "gates", gid, "id"
            )
        else:
            seen.add(gid)
        self.unknown_keys(raw, _GATE_KEYS, path, "gates", gid)
        question = self.text(raw.get("question"), (*path, "question"), "gates", gid, "question")
        description = self.text(
            raw.get("description"), (*path, "description"), "gates", gid, "description", False
        )
        kind = raw.get("kind", "must_pass")
        if kind not in GATE_KINDS:
            self.add(
                "bad_kind",
                f"kind must be 'must_pass' or 'must_not'{_did_you_mean(kind, GATE_KINDS)}",
                (*path, "kind"),
                "gates",
                gid,
                "kind",
                kind,
            )
        unknown_allowed = raw.get("unknown_allowed", False)
        if "unknown_allowed" in raw and not top:
            self.add(
                "misplaced_field",
                "unknown_allowed applies to top-level gates only",
                (*path, "unknown_allowed"),
                "gates",
                gid,
                "unknown_allowed",
            )
        elif not isinstance(unknown_allowed, bool):
            self.add(
                "not_a_bool",
                "unknown_allowed must be true or false",
                (*path, "unknown_allowed"),
                "gates",
                gid,
                "unknown_allowed",
                unknown_allowed,
            )
        if "any_of" in raw and "all_of" in raw:
            self.add(
                "bad_composite",
                "give any_of or all_of, not both",
                (*path, "all_of"),
                "gates",
                gid,
                "all_of",
            )
        children: dict[str, list[Gate]] = {"any_of": [], "all_of": []}
        for key in ("any_of", "all_of"):
            if key not in raw:
                continue
            subs = raw[key]
            if not isinstance(subs, list) or len(subs) < 2:
                self.add(
                    "bad_composite",
                    f"{key} needs a list of at least two gates",
                    (*path, key),
                    "gates",
                    gid,
                    key,
                )
                continue
            for j, sub in enumerate(subs):
                g = self.gate(sub, (*path, key, j), seen, top=False)
                if g is not None:
                    children[key].append(g)
        if len(self.problems) > start:
            return None
        return Gate(
            str(gid),
            question,
            kind,
            bool(unknown_allowed) if top else False,
            tuple(children["any_of"]),
            tuple(children["all_of"]),
            description,
        )


def _yaml_with_lines(text: str, source: str) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Parse YAML and remember the 1-based line of every key and list item."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise FormatError(f"{source}{where}: not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise FormatError(f"{source}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[tuple[Any, ...], int] = {}

    def walk(n: yaml.Node, path: tuple[Any, ...]) -> None:
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else None
                lines[(*path, key)] = k.start_mark.line + 1
                walk(v, (*path, key))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                lines[(*path, i)] = v.start_mark.line + 1
                walk(v, (*path, i))

    if node is not None:
        walk(node, ())
    return data, lines


def load_checklist(path: str | os.PathLike[str]) -> Checklist:
    """Read a checklist file (YAML, ``orgmodel-checklist: 1``).

    A broken file raises :class:`~orgmodel.errors.ValidationError` listing every problem
    with its line; unreadable YAML raises :class:`~orgmodel.errors.FormatError` with the line.
    """
    p = Path(path)
    if p.suffix.lower() not in (".yaml", ".yml"):
        raise UnsupportedFormatError(f"{p}: a checklist file must be .yaml or .yml")
    data, lines = _yaml_with_lines(p.read_text(encoding="utf-8"), str(p))
    if not isinstance(data, Mapping):
        raise FormatError(f"{p}: a checklist file must be a YAML mapping")
    return Checklist.from_dict(data, source=str(p), lines=lines)


def dump_checklist(checklist: Checklist) -> str:
    """The checklist as YAML text (UTF-8, Norwegian and Swedish letters as they are)."""
    return yaml.dump(
        checklist.to_dict(),
        Dumper=safe_dumper(yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


def save_checklist(checklist: Checklist, path: str | os.PathLike[str]) -> Path:
    """Write the checklist as YAML, atomically (the old file survives a failed write)."""
    from orgmodel.io.atomic import atomic_write

    p = Path(path)
    with atomic_write(p) as f:
        f.write(dump_checklist(checklist))
    return p


def list_templates() -> list[str]:
    """Names of the checklists shipped with orgmodel.

    >>> list_templates()
    ['ks-prioriteringskriterier', 'ks-statlige-prosjekter', 'partsradet-stod']
    """
    folder = resources.files("orgmodel.prioritise") / "templates"
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_template(name: str) -> Checklist:
    """A checklist shipped with orgmodel, by name (see :func:`list_templates`)."""
    names = list_templates()
    if name not in names:
        raise UnknownIdError("checklist template", name, names)
    ref = resources.files("orgmodel.prioritise") / "templates" / f"{name}.yaml"
    with resources.as_file(ref) as p:
        return load_checklist(p)


# ---- initiatives ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Initiative:
    """A development initiative to be scored; optionally the units/posts that would carry it.

    >>> Initiative("erp", "Felles ERP for kommunene", carried_by=("digi",), cost=4.0)
    Initiative(id='erp', name='Felles ERP for kommunene', description='', carried_by=('digi',), cost=4.0)
    """

    id: str
    name: str = ""
    description: str = ""
    carried_by: tuple[str, ...] = ()
    cost: float | None = None

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.id)
        object.__setattr__(self, "carried_by", tuple(self.carried_by))


def as_initiatives(
    initiatives: Iterable[Initiative | str] | Mapping[str, str] | pd.DataFrame,
) -> tuple[Initiative, ...]:
    """Initiatives from ids, ``{id: name}``, :class:`Initiative` values or a DataFrame.

    A DataFrame is indexed by id and may have the columns ``name``, ``description``,
    ``carried_by`` (a list, or ids separated by commas) and ``cost``.

    >>> [i.name for i in as_initiatives({"a": "Alpha", "b": "Beta"})]
    ['Alpha', 'Beta']
    """
    if isinstance(initiatives, pd.DataFrame):
        out = []
        for ini, row in initiatives.iterrows():
            carried = row.get("carried_by", ())
            if isinstance(carried, str):
                carried = tuple(s.strip() for s in carried.split(",") if s.strip())
            elif carried is None or (isinstance(carried, float) and math.isnan(carried)):
                carried = ()
            cost = row.get("cost")
            out.append(
                Initiative(
                    str(ini),
                    str(row.get("name") or ini),
                    str(row.get("description") or ""),
                    tuple(carried),
                    None if cost is None or pd.isna(cost) else float(cost),
                )
            )
        items: list[Initiative] = out
    elif isinstance(initiatives, Mapping):
        items = [Initiative(str(k), str(v)) for k, v in initiatives.items()]
    else:
        items = [i if isinstance(i, Initiative) else Initiative(str(i)) for i in initiatives]
    ids = [i.id for i in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValidationError(
            ValidationReport(
                [
                    Problem("error", "duplicate_id", "initiative id used twice", "initiatives", d)
                    for d in dupes
                ]
            ),
            "initiatives",
        )
    return tuple(items)


def check_initiatives(
    initiatives: Iterable[Initiative | str] | Mapping[str, str] | pd.DataFrame,
    org: Organisation | None = None,
) -> ValidationReport:
    """Problems with initiatives; ``carried_by`` ids are checked only when ``org`` is given.

    An id must be a unit or a post of ``org``.

    >>> from orgmodel.model import Organisation, Unit
    >>> org = Organisation([Unit("digi", "Digitalisering")])
    >>> check_initiatives([Initiative("erp", carried_by=("digi", "digj"))], org).to_text()
    "initiatives 'erp', field carried_by = 'digj': no unit or post 'digj'; did you mean 'digi'? [error missing_unit]"
    >>> check_initiatives([Initiative("erp", carried_by=("digj",))]).ok   # no organisation: nothing to check
    True
    """
    items = as_initiatives(initiatives)
    if org is None:
        return ValidationReport()
    valid = [*org.unit_map, *org.post_map]
    known = set(valid)
    problems = [
        Problem(
            "error",
            "missing_unit",
            f"no unit or post {cid!r}{_did_you_mean(cid, valid)}",
            "initiatives",
            ini.id,
            "carried_by",
            cid,
        )
        for ini in items
        for cid in ini.carried_by
        if cid not in known
    ]
    return ValidationReport(problems)
