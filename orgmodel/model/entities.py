"""The things an organisation is made of, as small immutable values.

Every entity is a frozen dataclass: change one with :func:`dataclasses.replace` (or the
``evolve`` method) and you get a new value. Free attributes live in ``attrs``, a read-only
mapping; file readers put every field they do not know there, so nothing is lost.

>>> p = Post("hjo-vu", unit="kansliet", title="Verksamhetsutvecklare",
...          fte_budgeted=3.0, fte_actual=2.4)
>>> p.fte_gap
-0.6
>>> p.evolve(fte_actual=3.0).fte_gap
0.0
>>> Post("x", unit="u").fte_actual        # actual defaults to budgeted
1.0
>>> Post("x", unit="u", vacant=True).fte_actual   # ... and to 0 for a vacancy
0.0
"""

from __future__ import annotations

import dataclasses
import numbers
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

__all__ = [
    "LINK_KINDS",
    "UNIT_KINDS",
    "Competence",
    "FrozenDict",
    "Holding",
    "Link",
    "Person",
    "Post",
    "Unit",
]

#: Unit kinds orgmodel knows and draws differently. Any other string is allowed too.
UNIT_KINDS: tuple[str, ...] = (
    "organisation",
    "administration",
    "main_mission",
    "department",
    "unit",
    "team",
    "staff",
    "office",
    "service",
    "group",
    "network",
    "partnership",
    "steering_group",
    "political_body",
    "arena",
    "external",
)

#: Link kinds with a meaning in orgmodel. Others are kept but reported as a warning,
#: so that a typo does not silently make a new kind of tie.
LINK_KINDS: dict[str, str] = {
    "collaboration": "work together (weighted; directed or not)",
    "commissions": "source orders work from target (e.g. the SSG commissions an arena)",
    "reports_to_body": "source unit answers to target political body for its matters",
    "member_of": "source (unit, post or person) is a member of target network/partnership",
    "steers": "source steering group or body steers target partnership/network/unit",
    "partner": "source and target cooperate as partners (e.g. a university)",
}


class FrozenDict(Mapping[str, Any]):
    """A read-only, picklable mapping used for free attributes.

    >>> a = FrozenDict({"municipality": "Hjo"})
    >>> a["municipality"]
    'Hjo'
    >>> a == {"municipality": "Hjo"}
    True
    >>> a["x"] = 1
    Traceback (most recent call last):
    ...
    TypeError: 'FrozenDict' object does not support item assignment
    """

    __slots__ = ("_d",)

    def __init__(self, data: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()):
        self._d = dict(data)

    def __getitem__(self, key: str) -> Any:
        return self._d[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenDict):
            return self._d == other._d
        if isinstance(other, Mapping):
            return self._d == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        try:
            return hash(frozenset(self._d.items()))
        except TypeError:
            return hash(tuple(sorted(self._d)))

    def __repr__(self) -> str:
        return f"FrozenDict({self._d!r})"

    def __reduce__(self):
        return (FrozenDict, (self._d,))

    def to_dict(self) -> dict[str, Any]:
        """A plain, mutable copy."""
        return dict(self._d)


_EMPTY = FrozenDict()
T = TypeVar("T")


def _freeze_attrs(obj: Any) -> None:
    a = obj.attrs
    if not isinstance(a, FrozenDict):
        object.__setattr__(obj, "attrs", FrozenDict(a or {}))


def _to_float(v: Any) -> Any:
    """Real numbers (ints, numpy integers and floats) become floats; anything else (None,
    strings, booleans) is kept for the validator."""
    if isinstance(v, numbers.Real) and not isinstance(v, bool):
        return float(v)
    return v


def _to_tuple(v: Any) -> tuple:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(v)


class _Evolve:
    __slots__ = ()

    def evolve(self: T, **changes: Any) -> T:
        """A copy with some fields changed (``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    def to_dict(self) -> dict[str, Any]:
        """Fields as a plain dict (attrs as a plain dict, tuples as lists)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            v = getattr(self, f.name)
            if isinstance(v, FrozenDict):
                v = v.to_dict()
            elif isinstance(v, tuple):
                v = list(v)
            out[f.name] = v
        return out


@dataclass(frozen=True, slots=True)
class Unit(_Evolve):
    """An organisational unit: administration, department, team, network, political body...

    ``parent`` makes the hierarchy (a forest: several top units are allowed). ``head`` is
    the id of the post that leads the unit, if any.

    >>> Unit("kansliet", "Kansliet", kind="office", parent="kommunledning").name
    'Kansliet'
    >>> Unit("ks").name      # the name defaults to the id
    'ks'
    """

    id: str
    name: str = ""
    kind: str = "unit"
    parent: str | None = None
    head: str | None = None
    attrs: Mapping[str, Any] = field(default=_EMPTY)

    def __post_init__(self) -> None:
        if not self.name and isinstance(self.id, str):
            object.__setattr__(self, "name", self.id)
        _freeze_attrs(self)


@dataclass(frozen=True, slots=True)
class Post(_Evolve):
    """A post (role) in a unit, with budgeted and actual FTE and a yearly cost.

    ``fte_actual`` defaults to ``fte_budgeted`` (0 for a vacant post). ``reports_to`` is
    the id of the manager's post. ``cost`` is the yearly cost in the organisation's
    currency (``Organisation.meta['currency']``).
    """

    id: str
    unit: str
    title: str = ""
    fte_budgeted: float = 1.0
    fte_actual: float | None = None
    cost: float = 0.0
    reports_to: str | None = None
    vacant: bool = False
    competences: tuple[str, ...] = ()
    attrs: Mapping[str, Any] = field(default=_EMPTY)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fte_budgeted", _to_float(self.fte_budgeted))
        if self.fte_actual is None:
            object.__setattr__(self, "fte_actual", 0.0 if self.vacant else self.fte_budgeted)
        else:
            object.__setattr__(self, "fte_actual", _to_float(self.fte_actual))
        object.__setattr__(self, "cost", _to_float(self.cost))
        object.__setattr__(self, "competences", _to_tuple(self.competences))
        if not self.title and isinstance(self.id, str):
            object.__setattr__(self, "title", self.id)
        _freeze_attrs(self)

    @property
    def fte_gap(self) -> float:
        """Actual minus budgeted FTE (negative: fewer people at work than budgeted)."""
        return round(float(self.fte_actual) - float(self.fte_budgeted), 10)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Person(_Evolve):
    """A person. Which posts they hold, and with what share, is in :class:`Holding`."""

    id: str
    name: str = ""
    competences: tuple[str, ...] = ()
    attrs: Mapping[str, Any] = field(default=_EMPTY)

    def __post_init__(self) -> None:
        if not self.name and isinstance(self.id, str):
            object.__setattr__(self, "name", self.id)
        object.__setattr__(self, "competences", _to_tuple(self.competences))
        _freeze_attrs(self)


@dataclass(frozen=True, slots=True)
class Holding(_Evolve):
    """A person holds a post with a share of their time (0 < share <= 1).

    A person's shares over all posts may not add up to more than 1 (100 %).
    """

    person: str
    post: str
    share: float = 1.0
    attrs: Mapping[str, Any] = field(default=_EMPTY)

    def __post_init__(self) -> None:
        object.__setattr__(self, "share", _to_float(self.share))
        _freeze_attrs(self)


@dataclass(frozen=True, slots=True)
class Competence(_Evolve):
    """A competence that posts and people can have (e.g. 'social work', 'planning law')."""

    id: str
    name: str = ""
    description: str = ""
    attrs: Mapping[str, Any] = field(default=_EMPTY)

    def __post_init__(self) -> None:
        if not self.name and isinstance(self.id, str):
            object.__setattr__(self, "name", self.id)
        _freeze_attrs(self)


@dataclass(frozen=True, slots=True)
class Link(_Evolve):
    """A typed, weighted tie between two units, posts or people.

    ``kind`` is one of :data:`LINK_KINDS` (others are kept, with a warning). A link is
    identified by ``(kind, source, target)``; for an undirected link the order of the two
    ends does not matter.

    >>> Link("ssg", "arena-ibrahim", kind="commissions", directed=True).key
    ('commissions', 'ssg', 'arena-ibrahim')
    >>> Link("b", "a").key == Link("a", "b").key     # undirected collaboration
    True
    """

    source: str
    target: str
    kind: str = "collaboration"
    weight: float = 1.0
    directed: bool = False
    attrs: Mapping[str, Any] = field(default=_EMPTY)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weight", _to_float(self.weight))
        _freeze_attrs(self)

    @property
    def key(self) -> tuple[str, str, str]:
        """``(kind, source, target)``, with the ends sorted when the link is undirected."""
        s, t = self.source, self.target
        if not self.directed and str(t) < str(s):
            s, t = t, s
        return (self.kind, s, t)
