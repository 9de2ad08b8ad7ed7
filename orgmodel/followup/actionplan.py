"""Action plans: themes, actions, who is responsible and by when; read and written losslessly.

An :class:`ActionPlan` is an immutable value: a title, an owner (the body that adopts the
plan), its :class:`Theme` s and its :class:`Action` s. Each action names its responsible
parties as written in the plan ("Ansvarig: PKS"); :func:`resolve_party` turns such a phrase
into unit and post ids of an :class:`~orgmodel.model.Organisation`.

Deadlines may be a date or a period such as ``"våren 2019"``; :class:`Deadline` keeps the
wording and the date range it stands for (see :func:`parse_deadline` for the periods known).

The file format, ``orgmodel-actionplan: 1`` (YAML)::

    orgmodel-actionplan: 1
    title: Handlingsplan
    owner: PKS
    meta: {source: ...}            # free mapping, kept
    themes:
      - id: budget
        title: Budget- och uppföljningsmodell
    actions:
      - id: a1
        theme: budget
        text: Utveckla budgetmodellen.
        responsible: [PKS]          # parties (ids, names or aliases), "Ansvarig"
        responsible_text: "PKS."    # the plan's own wording (optional)
        accountable: PKS            # optional; default: the plan's owner
        participants: []            # consulted (C)
        informed: []                # informed (I)
        deadline: våren 2019        # a date (2020-01-01) or a period
        recurrence: årligen         # optional, free text
        status: planned             # planned | in progress | done | cancelled
        notes: ...

An Excel workbook holds the same in three sheets, ``plan`` (key, value), ``themes`` and
``actions`` (lists in one cell, separated by ``;``).

>>> plan = ActionPlan(
...     "Plan", owner="PKS",
...     themes=[Theme("t", "Tema")],
...     actions=[Action("a1", "Gör något", theme="t", responsible=["PKS"],
...                     deadline="våren 2019")],
... )
>>> plan.action("a1").deadline.end
datetime.date(2019, 6, 30)
>>> plan.with_status("a1", "done").action("a1").status
'done'
>>> plan.action("a1").status       # the original plan is unchanged
'planned'
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as _dt
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import yaml

from orgmodel.errors import (
    FormatError,
    OrgModelError,
    UnknownIdError,
    UnsupportedFormatError,
    ValidationError,
    did_you_mean,
)
from orgmodel.io.atomic import atomic_path, atomic_write
from orgmodel.io.yamltext import safe_dumper
from orgmodel.model.entities import FrozenDict
from orgmodel.model.report import Location, Problem, ValidationReport

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.model.organisation import Organisation

__all__ = [
    "FORMAT_KEY",
    "FORMAT_VERSION",
    "STATUSES",
    "Action",
    "ActionPlan",
    "AmbiguousPartyError",
    "Deadline",
    "Theme",
    "UnknownPartyError",
    "check_parties",
    "normalise_status",
    "parse_deadline",
    "party_aliases",
    "read_actionplan",
    "resolve_party",
    "write_actionplan",
]

FORMAT_KEY = "orgmodel-actionplan"
FORMAT_VERSION = 1

#: The statuses an action can have, in the order of its life.
STATUSES: tuple[str, ...] = ("planned", "in progress", "done", "cancelled")

_STATUS_WORDS = {
    "planned": "planned",
    "planerad": "planned",
    "planerat": "planned",
    "ej påbörjad": "planned",
    "in progress": "in progress",
    "in_progress": "in progress",
    "ongoing": "in progress",
    "pågår": "in progress",
    "pågående": "in progress",
    "påbörjad": "in progress",
    "done": "done",
    "klar": "done",
    "klart": "done",
    "genomförd": "done",
    "genomfört": "done",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "avbruten": "cancelled",
    "avbrutet": "cancelled",
    "struken": "cancelled",
}


def normalise_status(value: Any) -> str:
    """The canonical status for an English or Swedish status word.

    >>> normalise_status("Pågår"), normalise_status("klar"), normalise_status(None)
    ('in progress', 'done', 'planned')
    >>> normalise_status("halfway")
    Traceback (most recent call last):
    ...
    ValueError: unknown status 'halfway'; valid: 'planned', 'in progress', 'done', 'cancelled' (or Swedish: planerad, pågår, klar, avbruten)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return "planned"
    key = " ".join(str(value).split()).casefold()
    if key in _STATUS_WORDS:
        return _STATUS_WORDS[key]
    raise ValueError(
        f"unknown status {value!r}; valid: "
        + ", ".join(repr(s) for s in STATUSES)
        + " (or Swedish: planerad, pågår, klar, avbruten)"
    )


# ---- deadlines -------------------------------------------------------------------------------

_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            (
                "januari",
                "februari",
                "mars",
                "april",
                "maj",
                "juni",
                "juli",
                "augusti",
                "september",
                "oktober",
                "november",
                "december",
            ),
            start=1,
        )
    },
    **{m.casefold(): i for i, m in enumerate(calendar.month_name) if m},
}
# Periods: (first month, first day, last month) within the year. Documented in parse_deadline.
_SEASONS = {
    "våren": (1, 6),
    "vår": (1, 6),
    "spring": (1, 6),
    "sommaren": (6, 8),
    "sommar": (6, 8),
    "summer": (6, 8),
    "hösten": (7, 12),
    "höst": (7, 12),
    "autumn": (7, 12),
    "fall": (7, 12),
    "första halvåret": (1, 6),
    "first half": (1, 6),
    "h1": (1, 6),
    "andra halvåret": (7, 12),
    "second half": (7, 12),
    "h2": (7, 12),
    "slutet av": (10, 12),
    "slutet av året": (10, 12),
    "end of": (10, 12),
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
    "kvartal 1": (1, 3),
    "kvartal 2": (4, 6),
    "kvartal 3": (7, 9),
    "kvartal 4": (10, 12),
}
_PERIOD = re.compile(r"^(?:under\s+|i\s+|in\s+|by\s+)?(?P<what>.*?)\s*(?P<year>\d{4})$")
_DAY_MONTH_YEAR = re.compile(
    r"^(?:den\s+)?(?P<day>\d{1,2})\s+(?P<month>[^\W\d_]+)\s+(?P<year>\d{4})$"
)


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline as written (``text``) and the date range it stands for.

    The action is due by ``end``; a deadline that is one day has ``start == end``.

    >>> Deadline.parse("våren 2019")
    Deadline(text='våren 2019', start=datetime.date(2019, 1, 1), end=datetime.date(2019, 6, 30))
    >>> str(Deadline.parse(_dt.date(2020, 1, 1)))
    '2020-01-01'
    """

    text: str
    start: _dt.date
    end: _dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"deadline {self.text!r} ends before it starts")

    @classmethod
    def parse(cls, value: Any) -> Deadline:
        """Same as :func:`parse_deadline`."""
        return parse_deadline(value)

    @property
    def is_date(self) -> bool:
        """True when the deadline is a single day."""
        return self.start == self.end

    def to_value(self) -> _dt.date | str:
        """The value written to a file: the date for a single day given as a date, else the text."""
        if self.is_date and self.text == self.start.isoformat():
            return self.start
        return self.text

    def __str__(self) -> str:
        return self.text


def _last_day(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(value: Any) -> Deadline:
    """A :class:`Deadline` from a date, an ISO date text or a named period.

    Periods (Swedish or English, case and a leading "under"/"i"/"in"/"by" ignored) and the
    date ranges they stand for, in the year given:

    ============================================ ==================
    ``våren``, ``vår``, ``spring``               1 January – 30 June (the first half year,
                                                  as in the Swedish "vårterminen")
    ``sommaren``, ``sommar``, ``summer``          1 June – 31 August
    ``hösten``, ``höst``, ``autumn``, ``fall``    1 July – 31 December
    ``första halvåret``, ``first half``, ``H1``  1 January – 30 June
    ``andra halvåret``, ``second half``, ``H2``  1 July – 31 December
    ``Q1`` … ``Q4``, ``kvartal 1`` … ``4``       the quarter
    ``slutet av [året]``, ``end of``             1 October – 31 December
    a month name (``mars``, ``March``)           that month
    the year alone (``2019``)                    the whole year
    ============================================ ==================

    A day may also be written ``1 januari 2020`` or ``2020-01-01``.

    >>> d = parse_deadline("Under första halvåret 2013")
    >>> d.start, d.end
    (datetime.date(2013, 1, 1), datetime.date(2013, 6, 30))
    >>> parse_deadline("mars 2013").end
    datetime.date(2013, 3, 31)
    >>> parse_deadline("1 januari 2020").end
    datetime.date(2020, 1, 1)
    >>> parse_deadline("snart")
    Traceback (most recent call last):
    ...
    ValueError: cannot read the deadline 'snart': write a date (2020-01-01, 1 januari 2020) or a period with a year (våren 2019, hösten 2019, första halvåret 2013, Q3 2019, mars 2013, 2019)
    """
    if isinstance(value, Deadline):
        return value
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return Deadline(value.isoformat(), value, value)
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return Deadline(str(value), _dt.date(value, 1, 1), _dt.date(value, 12, 31))
    text = " ".join(str(value).split()) if value is not None else ""
    key = text.casefold()
    try:
        day = _dt.date.fromisoformat(key)
        return Deadline(text, day, day)
    except ValueError:
        pass
    m = _DAY_MONTH_YEAR.match(key)
    if m and m["month"] in _MONTHS:
        try:
            day = _dt.date(int(m["year"]), _MONTHS[m["month"]], int(m["day"]))
        except ValueError:
            day = None
        if day is not None:
            return Deadline(text, day, day)
    m = _PERIOD.match(key)
    if m:
        year, what = int(m["year"]), m["what"].strip()
        if what in ("", "år", "året", "year"):
            return Deadline(text, _dt.date(year, 1, 1), _dt.date(year, 12, 31))
        if what in _SEASONS:
            first, last = _SEASONS[what]
            return Deadline(text, _dt.date(year, first, 1), _last_day(year, last))
        if what in _MONTHS:
            month = _MONTHS[what]
            return Deadline(text, _dt.date(year, month, 1), _last_day(year, month))
    raise ValueError(
        f"cannot read the deadline {value!r}: write a date (2020-01-01, 1 januari 2020) or a "
        "period with a year (våren 2019, hösten 2019, första halvåret 2013, Q3 2019, mars 2013, "
        "2019)"
    )


# ---- the values ------------------------------------------------------------------------------


def _names(values: Any) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        return tuple(p.strip() for p in values.split(";") if p.strip())
    return tuple(str(v).strip() for v in values if str(v).strip())


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme (heading) of an action plan."""

    id: str
    title: str
    description: str = ""
    attrs: FrozenDict = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        if not isinstance(self.attrs, FrozenDict):
            object.__setattr__(self, "attrs", FrozenDict(self.attrs))


@dataclass(frozen=True, slots=True)
class Action:
    """One action (åtgärd) of a plan.

    ``responsible`` are the responsible parties (R, "Ansvarig"), as ids, names or aliases
    that :func:`resolve_party` understands; ``responsible_text`` keeps the plan's own wording.
    ``accountable`` (A) defaults to the plan's owner, ``participants`` are consulted (C) and
    ``informed`` are kept informed (I). ``deadline`` is a :class:`Deadline` (anything
    :func:`parse_deadline` reads is accepted); ``status`` one of :data:`STATUSES`.

    >>> a = Action("a1", "Gör något", theme="t", responsible="PKS; Styrgruppen", status="pågår")
    >>> a.responsible, a.status
    (('PKS', 'Styrgruppen'), 'in progress')
    """

    id: str
    text: str
    theme: str
    responsible: tuple[str, ...] = ()
    responsible_text: str = ""
    accountable: str | None = None
    participants: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    deadline: Deadline | None = None
    recurrence: str | None = None
    status: str = "planned"
    notes: str = ""
    attrs: FrozenDict = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "id", str(self.id))
        set_(self, "responsible", _names(self.responsible))
        set_(self, "participants", _names(self.participants))
        set_(self, "informed", _names(self.informed))
        if self.deadline is not None and not isinstance(self.deadline, Deadline):
            set_(self, "deadline", parse_deadline(self.deadline))
        set_(self, "status", normalise_status(self.status))
        if not isinstance(self.attrs, FrozenDict):
            set_(self, "attrs", FrozenDict(self.attrs))

    def evolve(self, **changes: Any) -> Action:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    @property
    def due(self) -> _dt.date | None:
        """The day the action is due by (the deadline's last day), or None."""
        return None if self.deadline is None else self.deadline.end


class ActionPlan:
    """An immutable action plan: title, owner, themes and actions in the plan's order.

    Raises ``ValueError`` when two themes or two actions share an id or an action names a
    theme the plan does not have (the file readers report these with their lines instead).
    """

    __slots__ = ("_actions", "_extra", "_meta", "_owner", "_themes", "_title")

    def __init__(
        self,
        title: str,
        owner: str | None = None,
        themes: Iterable[Theme] = (),
        actions: Iterable[Action] = (),
        meta: Mapping[str, Any] | None = None,
        extra: Mapping[str, Any] | None = None,
    ):
        self._title = str(title)
        self._extra = FrozenDict(extra or {})
        self._owner = owner
        self._themes = tuple(themes)
        self._actions = tuple(actions)
        self._meta = FrozenDict(meta or {})
        problems = []
        theme_ids = [t.id for t in self._themes]
        for kind, ids in (("theme", theme_ids), ("action", [a.id for a in self._actions])):
            seen: set[str] = set()
            for i in ids:
                if i in seen:
                    problems.append(f"two {kind}s have the id {i!r}")
                seen.add(i)
        for a in self._actions:
            if a.theme not in theme_ids:
                problems.append(
                    f"action {a.id!r}: no theme {a.theme!r}{did_you_mean(a.theme, theme_ids)}"
                )
        if problems:
            raise ValueError("; ".join(problems))

    title = property(lambda self: self._title, doc="The plan's title.")
    owner = property(lambda self: self._owner, doc="Who adopts the plan (accountable by default).")
    themes = property(lambda self: self._themes, doc="The themes, in order.")
    actions = property(lambda self: self._actions, doc="The actions, in order.")
    meta = property(lambda self: self._meta, doc="Free details (source, date, ...).")
    extra = property(lambda self: self._extra, doc="Unknown top-level keys of the file, kept.")

    def theme(self, id: str) -> Theme:
        for t in self._themes:
            if t.id == id:
                return t
        raise UnknownIdError("theme", id, [t.id for t in self._themes])

    def action(self, id: str) -> Action:
        for a in self._actions:
            if a.id == id:
                return a
        raise UnknownIdError("action", id, [a.id for a in self._actions])

    def evolve(self, **changes: Any) -> ActionPlan:
        """A copy with some of title, owner, themes, actions, meta changed."""
        parts = {
            "title": self._title,
            "owner": self._owner,
            "themes": self._themes,
            "actions": self._actions,
            "meta": self._meta,
            "extra": self._extra,
        }
        unknown = set(changes) - set(parts)
        if unknown:
            raise TypeError(f"ActionPlan has no field {sorted(unknown)[0]!r}")
        parts.update(changes)
        return ActionPlan(**parts)

    def with_action(self, action: Action) -> ActionPlan:
        """A new plan where the action with ``action.id`` is replaced by ``action``."""
        self.action(action.id)
        return self.evolve(actions=[action if a.id == action.id else a for a in self._actions])

    def with_status(self, id: str, status: str) -> ActionPlan:
        """A new plan where action ``id`` has the given status."""
        return self.with_action(self.action(id).evolve(status=normalise_status(status)))

    def accountable(self, action: Action) -> str | None:
        """The action's accountable party: its own, else the plan's owner."""
        return action.accountable or self._owner

    def to_frame(self) -> pd.DataFrame:
        """One row per action, index ``action``; lists joined with ``"; "``.

        >>> p = ActionPlan("P", "PKS", [Theme("t", "T")], [Action("a", "x", "t", ["PKS"])])
        >>> p.to_frame()[["theme", "responsible", "status"]]
               theme responsible   status
        action
        a          t         PKS  planned
        """
        rows = []
        for a in self._actions:
            rows.append(
                {
                    "action": a.id,
                    "theme": a.theme,
                    "text": a.text,
                    "responsible": "; ".join(a.responsible),
                    "accountable": self.accountable(a),
                    "participants": "; ".join(a.participants),
                    "informed": "; ".join(a.informed),
                    "deadline": None if a.deadline is None else a.deadline.text,
                    "due": a.due,
                    "recurrence": a.recurrence,
                    "status": a.status,
                }
            )
        cols = [
            "action",
            "theme",
            "text",
            "responsible",
            "accountable",
            "participants",
            "informed",
            "deadline",
            "due",
            "recurrence",
            "status",
        ]
        return pd.DataFrame(rows, columns=cols).set_index("action")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ActionPlan):
            return NotImplemented
        return (
            self._title == other._title
            and self._owner == other._owner
            and self._themes == other._themes
            and self._actions == other._actions
            and self._meta == other._meta
            and self._extra == other._extra
        )

    def __hash__(self) -> int:
        return hash((self._title, self._owner, self._themes, self._actions))

    def __len__(self) -> int:
        return len(self._actions)

    def __repr__(self) -> str:
        return (
            f"<ActionPlan {self._title!r}: {len(self._themes)} themes, "
            f"{len(self._actions)} actions>"
        )


# ---- resolving parties -----------------------------------------------------------------------


def close_matches(name: str, options: Iterable[str], n: int = 3) -> list[str]:
    """The options most like ``name``, also comparing it with the start of longer options.

    >>> close_matches("Styrgrupen", ["Styrgrupperna för respektive partnerskap", "PKS"])
    ['Styrgrupperna för respektive partnerskap']
    """
    k = _key(name)
    scored = []
    for o in dict.fromkeys(options):
        ko = _key(o)
        whole = SequenceMatcher(None, k, ko).ratio()
        start = SequenceMatcher(None, k, ko[: len(k) + 2]).ratio()
        inside = 1.0 if k and (k in ko or ko in k) else 0.0
        score = max(whole, start, inside * 0.9)
        if score >= 0.75:
            scored.append((-score, o))
    return [o for _, o in sorted(scored)[:n]]


class UnknownPartyError(UnknownIdError):
    """A responsible party that matches no unit, post or alias; the message lists close ones."""

    def __init__(self, name: str, valid: Iterable[str] = ()):
        self.kind = "party"
        self.key = name
        self.close = close_matches(name, valid)
        hint = (
            "; did you mean " + " or ".join(repr(c) for c in self.close) + "?"
            if self.close
            else did_you_mean(name, valid)
        )
        OrgModelError.__init__(self, f"no unit, post or alias matches the party {name!r}{hint}")


class AmbiguousPartyError(OrgModelError, ValueError):
    """A party name that matches several units or posts; the message lists them."""

    def __init__(self, name: str, matches: Sequence[tuple[str, str]]):
        self.name = name
        self.matches = tuple(matches)
        listed = ", ".join(f"{i!r} ({how})" for i, how in matches)
        super().__init__(
            f"the party {name!r} matches {len(matches)} entries: {listed}; write the id instead"
        )


def _key(text: str) -> str:
    text = unicodedata.normalize("NFC", " ".join(str(text).split())).casefold()
    return text.rstrip(".").strip()


def party_aliases(org: Organisation) -> dict[str, tuple[str, ...]]:
    """The aliases an organisation declares in ``meta.responsible_parties`` (phrase -> ids).

    >>> from orgmodel.datasets import load_example
    >>> org = load_example("jonkoping-kommunal-utveckling")
    >>> party_aliases(org)["PKS"]
    ('pks',)
    """
    raw = org.meta.get("responsible_parties") or {}
    out: dict[str, tuple[str, ...]] = {}
    for phrase, ids in dict(raw).items():
        out[str(phrase)] = (str(ids),) if isinstance(ids, str) else tuple(str(i) for i in ids)
    return out


def _index(
    org: Organisation, aliases: Mapping[str, Any] | None
) -> tuple[dict[str, tuple[str, ...]], dict[str, list[tuple[str, str]]], list[str]]:
    alias_map: dict[str, tuple[str, ...]] = {}
    for phrase, ids in {**party_aliases(org), **dict(aliases or {})}.items():
        ids_t = (ids,) if isinstance(ids, str) else tuple(ids)
        alias_map[_key(phrase)] = tuple(str(i) for i in ids_t)
    names: dict[str, list[tuple[str, str]]] = {}
    shown: list[str] = list({**party_aliases(org), **dict(aliases or {})})
    for u in org.unit_map.values():
        names.setdefault(_key(u.name), []).append((u.id, f"unit {u.name!r}"))
        shown.append(u.name)
    for p in org.post_map.values():
        if p.title:
            names.setdefault(_key(p.title), []).append((p.id, f"post {p.title!r}"))
            shown.append(p.title)
    return alias_map, names, shown


def resolve_party(
    name: str, org: Organisation, aliases: Mapping[str, Any] | None = None
) -> tuple[str, ...]:
    """The unit and post ids a party name stands for.

    Looked up in this order (case, spacing and a final full stop ignored): a unit or post
    id; an alias (``aliases``, then the organisation's ``meta.responsible_parties``), which
    may stand for several ids; a unit name or a post title. A name that matches several
    different units or posts is ambiguous.

    Raises
    ------
    UnknownPartyError
        Nothing matches; the message names close matches.
    AmbiguousPartyError
        Several units or posts have that name; the message lists them.

    >>> from orgmodel.datasets import load_example
    >>> org = load_example("jonkoping-kommunal-utveckling")
    >>> resolve_party("Länets socialchefer", org)
    ('chefsnatverk-socialchefer',)
    >>> resolve_party("utvecklingschef", org)
    ('utvecklingschef',)
    >>> resolve_party("Kommunikatören", org)
    Traceback (most recent call last):
    ...
    orgmodel.followup.actionplan.UnknownPartyError: no unit, post or alias matches the party 'Kommunikatören'; did you mean 'Kommunikatör'?
    """
    name = str(name).strip()
    if name in org.unit_map or name in org.post_map:
        return (name,)
    alias_map, names, shown = _index(org, aliases)
    k = _key(name)
    if k in alias_map:
        ids = alias_map[k]
        missing = [i for i in ids if i not in org.unit_map and i not in org.post_map]
        if missing:
            raise UnknownIdError(
                f"unit or post (alias {name!r})", missing[0], [*org.unit_map, *org.post_map]
            )
        return ids
    found = names.get(k, [])
    distinct = list(dict.fromkeys(found))
    if len({i for i, _ in distinct}) > 1:
        raise AmbiguousPartyError(name, distinct)
    if distinct:
        return (distinct[0][0],)
    raise UnknownPartyError(name, list(dict.fromkeys(shown)))


def check_parties(
    plan: ActionPlan,
    org: Organisation,
    aliases: Mapping[str, Any] | None = None,
    source: str | None = None,
) -> ValidationReport:
    """Every party of every action (R, A, C, I) that cannot be resolved, as a report.

    >>> from orgmodel.datasets import load_example
    >>> org = load_example("jonkoping-kommunal-utveckling")
    >>> p = ActionPlan("P", "PKS", [Theme("t", "T")],
    ...                [Action("a", "x", "t", ["PKS", "Styrgrupen"])])
    >>> print(check_parties(p, org).to_text())
    actions 'a', field responsible = 'Styrgrupen': no unit, post or alias matches the party 'Styrgrupen'; did you mean 'Styrgrupperna för respektive partnerskap'? [error unknown_party]
    """
    problems = []
    for a in plan.actions:
        roles = [("responsible", a.responsible), ("participants", a.participants)]
        roles += [("informed", a.informed), ("accountable", (plan.accountable(a),))]
        for fld, names in roles:
            for n in names:
                if n is None:
                    continue
                try:
                    resolve_party(n, org, aliases)
                except AmbiguousPartyError as exc:
                    problems.append(
                        Problem(
                            "error",
                            "ambiguous_party",
                            str(exc),
                            table="actions",
                            id=a.id,
                            field=fld,
                            value=n,
                            location=Location(source),
                        )
                    )
                except UnknownIdError as exc:
                    problems.append(
                        Problem(
                            "error",
                            "unknown_party",
                            str(exc),
                            table="actions",
                            id=a.id,
                            field=fld,
                            value=n,
                            location=Location(source),
                        )
                    )
    return ValidationReport(problems)


# ---- reading ---------------------------------------------------------------------------------

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type = safe_dumper()

THEME_FIELDS = ("id", "title", "description")
ACTION_FIELDS = (
    "id",
    "theme",
    "text",
    "responsible",
    "responsible_text",
    "accountable",
    "participants",
    "informed",
    "deadline",
    "recurrence",
    "status",
    "notes",
)
_LIST_FIELDS = ("responsible", "participants", "informed")
_TOP = ("title", "owner", "meta", "themes", "actions")


class _Collector:
    """Collects problems with their locations while a file is read."""

    def __init__(self, source: str | None):
        self.source = source
        self.problems: list[Problem] = []

    def add(self, code, message, where: Location, table=None, id_=None, field=None, value=None):
        self.problems.append(
            Problem(
                "error",
                code,
                message,
                table=table,
                id=id_,
                field=field,
                value=value,
                location=where,
            )
        )


def load_yaml_nodes(text: str, source: str | None) -> yaml.Node | None:
    """Compose YAML text into nodes (so that lines are known); FormatError on bad YAML."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise FormatError(f"{source or 'the text'}{where}: not valid YAML: {problem}") from None


def construct(node: yaml.Node) -> Any:
    """The Python value of a YAML node (dates become ``datetime.date``)."""
    loader = _Loader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def mapping_items(node: yaml.Node) -> list[tuple[str, yaml.Node, int]]:
    """``(key, value node, 1-based line)`` of a mapping node."""
    return [(str(construct(k)), v, k.start_mark.line + 1) for k, v in node.value]


def check_version(root: yaml.Node, key: str, version: int, source: str | None) -> None:
    """Raise FormatError/UnsupportedFormatError unless ``key: <version>`` heads the mapping."""
    what = source or "the text"
    if not isinstance(root, yaml.MappingNode):
        raise FormatError(f"{what}: expected a mapping with '{key}: {version}' at the top")
    found = {k: (v, line) for k, v, line in mapping_items(root)}
    if key not in found:
        raise FormatError(f"{what}: not an {key} file: the key '{key}: {version}' is missing")
    node, line = found[key]
    value = construct(node)
    if not isinstance(value, int) or isinstance(value, bool):
        raise FormatError(f"{what}, line {line}: {key} must be a whole number, not {value!r}")
    if value > version:
        raise UnsupportedFormatError(
            f"{what}, line {line}: format version {value} of {key} is newer than this orgmodel "
            f"reads (up to {version}); upgrade orgmodel"
        )
    if value < 1:
        raise UnsupportedFormatError(f"{what}, line {line}: no format version {value} of {key}")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if isinstance(value, str) else str(value)


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _build(
    top: Mapping[str, Any],
    theme_rows: list[tuple[dict[str, Any], Location, dict[str, Location]]],
    action_rows: list[tuple[dict[str, Any], Location, dict[str, Location]]],
    source: str | None,
    top_lines: Mapping[str, Location] | None = None,
) -> ActionPlan:
    """Check the records and build the plan; every problem goes into one ValidationError."""
    top_lines = top_lines or {}
    col = _Collector(source)
    themes: list[Theme] = []
    seen_themes: set[str] = set()
    for rec, where, fields in theme_rows:
        tid = _text(rec.get("id"))
        if not tid:
            col.add("missing_id", "a theme needs an id", where, "themes", field="id")
            continue
        if tid in seen_themes:
            col.add(
                "duplicate_id",
                f"two themes have the id {tid!r}",
                fields.get("id", where),
                "themes",
                tid,
                "id",
                tid,
            )
            continue
        seen_themes.add(tid)
        if _empty(rec.get("title")):
            col.add(
                "missing_field",
                "a theme needs a title",
                fields.get("title", where),
                "themes",
                tid,
                "title",
            )
        extra = {k: v for k, v in rec.items() if k not in THEME_FIELDS}
        themes.append(Theme(tid, _text(rec.get("title")), _text(rec.get("description")), extra))
    actions: list[Action] = []
    seen_actions: set[str] = set()
    theme_ids = [t.id for t in themes]
    for rec, where, fields in action_rows:
        aid = _text(rec.get("id"))
        ok = True
        if not aid:
            col.add("missing_id", "an action needs an id", where, "actions", field="id")
            ok = False
        elif aid in seen_actions:
            col.add(
                "duplicate_id",
                f"two actions have the id {aid!r}",
                fields.get("id", where),
                "actions",
                aid,
                "id",
                aid,
            )
            ok = False
        seen_actions.add(aid)
        theme = _text(rec.get("theme"))
        if not theme:
            col.add(
                "missing_field", "an action needs a theme", where, "actions", aid or None, "theme"
            )
            ok = False
        elif theme not in theme_ids:
            col.add(
                "unknown_theme",
                f"no theme {theme!r}{did_you_mean(theme, theme_ids)}",
                fields.get("theme", where),
                "actions",
                aid or None,
                "theme",
                theme,
            )
            ok = False
        if _empty(rec.get("text")):
            col.add(
                "missing_field",
                "an action needs a text",
                fields.get("text", where),
                "actions",
                aid or None,
                "text",
            )
            ok = False
        deadline = None
        if not _empty(rec.get("deadline")):
            try:
                deadline = parse_deadline(rec["deadline"])
            except ValueError as exc:
                col.add(
                    "bad_deadline",
                    str(exc),
                    fields.get("deadline", where),
                    "actions",
                    aid or None,
                    "deadline",
                    rec["deadline"],
                )
                ok = False
        try:
            status = normalise_status(rec.get("status"))
        except ValueError as exc:
            col.add(
                "bad_status",
                str(exc),
                fields.get("status", where),
                "actions",
                aid or None,
                "status",
                rec.get("status"),
            )
            ok = False
        lists = {}
        for f in _LIST_FIELDS:
            v = rec.get(f)
            if v is not None and not isinstance(v, str | list | tuple):
                col.add(
                    "not_a_list",
                    f"{f} must be a list of party names",
                    fields.get(f, where),
                    "actions",
                    aid or None,
                    f,
                    v,
                )
                ok = False
                v = None
            lists[f] = v
        if not ok:
            continue
        extra = {k: v for k, v in rec.items() if k not in ACTION_FIELDS}
        actions.append(
            Action(
                aid,
                _text(rec.get("text")),
                theme,
                responsible=lists["responsible"],
                responsible_text=_text(rec.get("responsible_text")),
                accountable=_text(rec.get("accountable")) or None,
                participants=lists["participants"],
                informed=lists["informed"],
                deadline=deadline,
                recurrence=_text(rec.get("recurrence")) or None,
                status=status,
                notes=_text(rec.get("notes")),
                attrs=extra,
            )
        )
    if _empty(top.get("title")):
        col.add(
            "missing_field",
            "the plan needs a title",
            top_lines.get("title", Location(source)),
            "plan",
            field="title",
        )
    if top.get("meta") is not None and not isinstance(top["meta"], Mapping):
        col.add(
            "not_a_mapping",
            "meta must be a mapping (key: value)",
            top_lines.get("meta", Location(source)),
            "plan",
            field="meta",
            value=top["meta"],
        )
    ValidationReport(col.problems).raise_if_errors(f"{source or 'action plan'}")
    return ActionPlan(
        _text(top.get("title")),
        _text(top.get("owner")) or None,
        themes,
        actions,
        top.get("meta") or {},
        {k: v for k, v in top.items() if k not in _TOP},
    )


def _records_from_yaml(
    node: yaml.Node | None, table: str, source: str | None, col: _Collector
) -> list[tuple[dict[str, Any], Location, dict[str, Location]]]:
    out = []
    if node is None or (isinstance(node, yaml.ScalarNode) and construct(node) is None):
        return out
    if not isinstance(node, yaml.SequenceNode):
        col.add(
            "not_a_list",
            f"{table} must be a list",
            Location(source, line=node.start_mark.line + 1),
            table,
        )
        return out
    for item in node.value:
        where = Location(source, line=item.start_mark.line + 1)
        if not isinstance(item, yaml.MappingNode):
            col.add(
                "not_a_mapping", f"each of {table} must be a mapping (key: value)", where, table
            )
            continue
        rec: dict[str, Any] = {}
        fields: dict[str, Location] = {}
        for k, v, line in mapping_items(item):
            rec[k] = construct(v)
            fields[k] = Location(source, line=line)
        out.append((rec, where, fields))
    return out


def actionplan_from_yaml(text: str, source: str | None = None) -> ActionPlan:
    """An :class:`ActionPlan` from the text of an ``orgmodel-actionplan`` YAML file.

    Raises :class:`~orgmodel.errors.ValidationError` listing every problem with its line.

    >>> plan = actionplan_from_yaml('''
    ... orgmodel-actionplan: 1
    ... title: P
    ... themes: [{id: t, title: T}]
    ... actions:
    ...   - {id: a, theme: t, text: Gör, deadline: hösten 2019, status: done}
    ... ''')
    >>> plan.action("a").deadline.end, plan.action("a").status
    (datetime.date(2019, 12, 31), 'done')
    """
    root = load_yaml_nodes(text, source)
    if root is None:
        raise FormatError(f"{source or 'the text'}: empty; expected an {FORMAT_KEY} file")
    check_version(root, FORMAT_KEY, FORMAT_VERSION, source)
    col = _Collector(source)
    top: dict[str, Any] = {}
    themes_node = actions_node = None
    top_lines: dict[str, Location] = {}
    for k, v, line in mapping_items(root):
        top_lines[k] = Location(source, line=line)
        if k == "themes":
            themes_node = v
        elif k == "actions":
            actions_node = v
        elif k != FORMAT_KEY:
            top[k] = construct(v)
    theme_rows = _records_from_yaml(themes_node, "themes", source, col)
    action_rows = _records_from_yaml(actions_node, "actions", source, col)
    try:
        plan = _build(top, theme_rows, action_rows, source, top_lines)
    except ValidationError as exc:
        raise ValidationError(
            ValidationReport([*col.problems, *exc.report.problems]), source or "action plan"
        ) from None
    ValidationReport(col.problems).raise_if_errors(source or "action plan")
    return plan


def _sheet_records(ws: Any, table: str, source: str | None, col: _Collector):
    rows = list(ws.iter_rows(values_only=True))
    out = []
    if not rows:
        return out
    header = [None if h is None else str(h).strip() for h in rows[0]]
    for n, values in enumerate(rows[1:], start=2):
        if all(_empty(v) for v in values):
            continue
        where = Location(source, sheet=ws.title, row=n)
        rec: dict[str, Any] = {}
        for h, v in zip(header, values, strict=False):
            if h is None or _empty(v):
                continue
            if isinstance(v, _dt.datetime) and v.time() == _dt.time():
                v = v.date()
            if h.startswith("yaml:"):
                try:
                    v = yaml.load(str(v), Loader=_Loader)
                except yaml.YAMLError as exc:
                    col.add("bad_yaml", f"not valid YAML: {exc}", where, table, field=h, value=v)
                    continue
                h = h[5:]
            rec[h] = v
        out.append((rec, where, {k: where for k in rec}))
    return out


def actionplan_from_workbook(path: str | os.PathLike[str]) -> ActionPlan:
    """An :class:`ActionPlan` from an Excel workbook with sheets plan, themes and actions."""
    from openpyxl import load_workbook

    source = str(path)
    try:
        wb = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise
    except Exception as exc:
        raise FormatError(
            f"{source}: not an Excel workbook (.xlsx) that can be read: {exc}"
        ) from None
    names = {n.strip().lower(): n for n in wb.sheetnames}
    missing = [s for s in ("plan", "themes", "actions") if s not in names]
    if missing:
        raise FormatError(
            f"{source}: not an action-plan workbook: sheet(s) {', '.join(missing)} missing; "
            f"found {', '.join(repr(n) for n in wb.sheetnames)}"
        )
    col = _Collector(source)
    top: dict[str, Any] = {}
    version = None
    for n, row in enumerate(wb[names["plan"]].iter_rows(values_only=True), start=1):
        if n == 1 or not row or _empty(row[0]):
            continue
        key = str(row[0]).strip()
        value = row[1] if len(row) > 1 else None
        if key == FORMAT_KEY:
            version = value
            continue
        if key.startswith("yaml:"):
            key = key[5:]
            value = yaml.load(str(value), Loader=_Loader)
        if isinstance(value, _dt.datetime) and value.time() == _dt.time():
            value = value.date()
        top[key] = value
    if version is not None and not (isinstance(version, int) and not isinstance(version, bool)):
        raise FormatError(
            f"{source}: sheet plan: {FORMAT_KEY} must be a whole number, not {version!r}"
        )
    if version is not None and version > FORMAT_VERSION:
        raise UnsupportedFormatError(
            f"{source}: format version {version} is newer than this orgmodel reads "
            f"(up to {FORMAT_VERSION})"
        )
    theme_rows = _sheet_records(wb[names["themes"]], "themes", source, col)
    action_rows = _sheet_records(wb[names["actions"]], "actions", source, col)
    try:
        plan = _build(top, theme_rows, action_rows, source)
    except ValidationError as exc:
        raise ValidationError(
            ValidationReport([*col.problems, *exc.report.problems]), source
        ) from None
    ValidationReport(col.problems).raise_if_errors(source)
    return plan


def read_actionplan(path: str | os.PathLike[str]) -> ActionPlan:
    """Read an action plan from ``.yaml``/``.yml`` or ``.xlsx``.

    Raises
    ------
    ValidationError
        Listing every problem with its line (YAML) or sheet and row (Excel).
    FormatError, UnsupportedFormatError
        Not an action-plan file, or a newer format version.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return actionplan_from_yaml(path.read_text(encoding="utf-8"), str(path))
    if suffix == ".xlsx":
        return actionplan_from_workbook(path)
    raise UnsupportedFormatError(f"{path}: cannot read {suffix!r} files; use .yaml, .yml or .xlsx")


# ---- writing ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _theme_record(t: Theme) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": t.id, "title": t.title}
    if t.description:
        rec["description"] = t.description
    rec.update(_plain(t.attrs))
    return rec


def _action_record(a: Action) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": a.id, "theme": a.theme, "text": a.text}
    if a.responsible:
        rec["responsible"] = list(a.responsible)
    if a.responsible_text:
        rec["responsible_text"] = a.responsible_text
    if a.accountable:
        rec["accountable"] = a.accountable
    if a.participants:
        rec["participants"] = list(a.participants)
    if a.informed:
        rec["informed"] = list(a.informed)
    if a.deadline is not None:
        rec["deadline"] = a.deadline.to_value()
    if a.recurrence:
        rec["recurrence"] = a.recurrence
    rec["status"] = a.status
    if a.notes:
        rec["notes"] = a.notes
    rec.update(_plain(a.attrs))
    return rec


def actionplan_to_yaml(plan: ActionPlan) -> str:
    """The plan as ``orgmodel-actionplan: 1`` YAML text (read back equal)."""
    meta = dict(plan.meta)
    extra = dict(plan.extra)
    doc: dict[str, Any] = {FORMAT_KEY: FORMAT_VERSION, "title": plan.title}
    if plan.owner:
        doc["owner"] = plan.owner
    if meta:
        doc["meta"] = _plain(meta)
    doc.update(_plain(extra))
    doc["themes"] = [_theme_record(t) for t in plan.themes]
    doc["actions"] = [_action_record(a) for a in plan.actions]
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _flow(value: Any) -> str:
    """A value as one-line YAML flow text."""
    text = yaml.dump(
        _plain(value), Dumper=_Dumper, default_flow_style=True, allow_unicode=True, width=1_000_000
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _native_cell(value: Any) -> bool:
    return value is None or (
        isinstance(value, bool | int | float | str | _dt.date)
        and not (isinstance(value, str) and not value.strip())
    )


def _write_table(wb: Any, name: str, records: list[dict[str, Any]], core: Sequence[str]) -> None:
    ws = wb.create_sheet(name)
    columns: dict[str, None] = dict.fromkeys(core)
    for r in records:
        for k in r:
            columns.setdefault(k, None)
    yaml_cols = {
        c for c in columns if c not in core and not all(_native_cell(r.get(c)) for r in records)
    }
    ws.append([f"yaml:{c}" if c in yaml_cols else c for c in columns])
    for r in records:
        row = []
        for c in columns:
            v = r.get(c)
            if c in _LIST_FIELDS and isinstance(v, list):
                v = "; ".join(v)
            elif c in yaml_cols and c in r:
                v = _flow(v)
            row.append(v)
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula


def write_actionplan(plan: ActionPlan, path: str | os.PathLike[str]) -> None:
    """Save the plan atomically as YAML (``.yaml``/``.yml``) or Excel (``.xlsx``).

    >>> import pathlib, tempfile
    >>> plan = ActionPlan("P", "PKS", [Theme("t", "T")],
    ...                   [Action("a", "Gör", "t", ["PKS"], deadline="våren 2019")])
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_actionplan(plan, folder / "plan.xlsx")
    >>> read_actionplan(folder / "plan.xlsx") == plan
    True
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        with atomic_write(path) as f:
            f.write(actionplan_to_yaml(plan))
        return
    if suffix != ".xlsx":
        raise UnsupportedFormatError(f"{path}: cannot write {suffix!r} files; use .yaml or .xlsx")
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("plan")
    ws.append(["key", "value"])
    ws.append([FORMAT_KEY, FORMAT_VERSION])
    ws.append(["title", plan.title])
    if plan.owner:
        ws.append(["owner", plan.owner])
    if plan.meta:
        ws.append(["yaml:meta", _flow(dict(plan.meta))])
    for key, value in plan.extra.items():
        ws.append([key, value] if _native_cell(value) else [f"yaml:{key}", _flow(value)])
    _write_table(wb, "themes", [_theme_record(t) for t in plan.themes], THEME_FIELDS)
    records = []
    for a in plan.actions:
        rec = _action_record(a)
        if a.deadline is not None and not isinstance(rec["deadline"], _dt.date):
            rec["deadline"] = a.deadline.text
        records.append(rec)
    _write_table(wb, "actions", records, ACTION_FIELDS)
    with atomic_path(path) as temp:
        wb.save(temp)
