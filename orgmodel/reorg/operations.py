"""Reorganisation operations: small, immutable, serialisable values.

Each operation has a stable ``kind``, ``to_dict``/:func:`operation_from_dict`, a
``check(org)`` that lists every reason it cannot apply (empty when it can), ``apply(org)``
that returns a new organisation and never changes its input, and ``describe()`` for people.
A widget click and a line of code build the same operation.

>>> from orgmodel.model import Organisation, Unit, Post
>>> org = Organisation(
...     units=[Unit("kansli", "Kansliet"), Unit("kom", "Kommunikation", parent="kansli"),
...            Unit("vu", "Verksamhetsutveckling", parent="kansli")],
...     posts=[Post("k1", unit="kom", fte_budgeted=1.0, fte_actual=1.6),
...            Post("v1", unit="vu", fte_budgeted=3.0, fte_actual=2.4)],
... )
>>> op = MergeUnits(("kom", "vu"), into="utv", name="Utveckling och kommunikation")
>>> op.to_dict()
{'kind': 'merge_units', 'units': ['kom', 'vu'], 'into': 'utv', 'name': 'Utveckling och kommunikation', 'parent': None, 'unit_kind': None}
>>> new = op.apply(org)
>>> sorted(new.unit_map), new.post("k1").unit
(['kansli', 'utv'], 'utv')
>>> sorted(org.unit_map)          # the input is unchanged
['kansli', 'kom', 'vu']
>>> operation_from_dict(op.to_dict()) == op
True
>>> MoveUnit("kom", new_parent="nowhere").check(org)
["new_parent: no unit 'nowhere'; valid: 'kansli', 'kom', 'vu'"]
"""

from __future__ import annotations

import dataclasses
import numbers
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from orgmodel.errors import OperationError, UnsupportedFormatError, did_you_mean
from orgmodel.i18n import check_language, t
from orgmodel.model import FrozenDict, Link, Organisation, Post, Unit
from orgmodel.model.validate import links_clash

__all__ = [
    "OPERATIONS",
    "AddLink",
    "AddPost",
    "AttachToBody",
    "ChangePost",
    "ChangeReportingLine",
    "ChangeUnit",
    "CreateUnit",
    "DissolveUnit",
    "MergeUnits",
    "MovePost",
    "MoveUnit",
    "Operation",
    "Part",
    "ReallocateFTE",
    "RemoveLink",
    "RemovePost",
    "RenameUnit",
    "SetDetails",
    "SplitUnit",
    "operation_from_dict",
]

#: kind -> operation class, filled by ``@_register``.
OPERATIONS: dict[str, type[Operation]] = {}

_KEEP = "keep"
_NONE = "none"


def _short(v: Any, limit: int = 40) -> str:
    text = repr(v.to_dict() if isinstance(v, FrozenDict) else v)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _language(lang: str | None) -> str:
    """The language code of an operation description: English unless ``lang`` names another."""
    return "en" if lang is None else check_language(lang)


def _label(key: str, lang: str | None, **params: Any) -> str:
    """The catalogue text ``reorg.op.<key>`` in ``lang`` (``None``: English), fields filled in."""
    return t(f"reorg.op.{key}", _language(lang), **params)


def _register(cls: type[Operation]) -> type[Operation]:
    OPERATIONS[cls.kind] = cls
    return cls


def _plain(v: Any) -> Any:
    if isinstance(v, FrozenDict):
        return v.to_dict()
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    if isinstance(v, Post | Unit | Link):
        return v.to_dict()
    return v


@dataclass(frozen=True)
class Operation(ABC):
    """Base of all operations. Subclasses are frozen dataclasses with a ``kind``."""

    kind: ClassVar[str] = ""

    @abstractmethod
    def check(self, org: Organisation) -> list[str]:
        """Every reason the operation cannot apply to ``org`` (empty list: it can)."""

    @abstractmethod
    def _apply(self, org: Organisation) -> Organisation:
        """The change itself, on an organisation that :meth:`check` accepted."""

    def apply(self, org: Organisation) -> Organisation:
        """A new organisation with the change made; :class:`OperationError` lists why not."""
        reasons = self.check(org)
        if reasons:
            raise OperationError(f"{self.describe()}: cannot apply: " + "; ".join(reasons))
        return self._apply(org)

    def describe(self, lang: str | None = None) -> str:
        """One line for people, e.g. ``merge units kom, vu into utv``.

        ``lang`` (``"en"``, ``"sv"``, ``"nb"``; ``None``: English) picks the language of
        the catalogue key ``reorg.op.<kind>``. English is the default whatever the session
        language, so logs, error messages and saved step tables stay comparable.

        >>> op = MergeUnits(("kom", "vu"), into="utv")
        >>> op.describe(), op.describe("sv"), op.describe("nb")
        ('merge units kom, vu into utv', 'slå ihop enheterna kom, vu till utv', 'slå sammen enhetene kom, vu til utv')
        """
        return self.kind.replace("_", " ")

    def to_dict(self) -> dict[str, Any]:
        """``{'kind': ..., field: value, ...}`` with plain lists and dicts (YAML/JSON-ready)."""
        out: dict[str, Any] = {"kind": self.kind}
        for f in dataclasses.fields(self):
            out[f.name] = _plain(getattr(self, f.name))
        return out

    @classmethod
    def _from_fields(cls, data: Mapping[str, Any]) -> Operation:
        return cls(**data)


def operation_from_dict(data: Mapping[str, Any]) -> Operation:
    """The operation a ``to_dict()`` result describes.

    Unknown kinds or fields raise :class:`~orgmodel.errors.UnsupportedFormatError` naming the
    valid ones.
    """
    if "kind" not in data:
        raise UnsupportedFormatError(f"an operation needs a 'kind'; got keys {sorted(data)}")
    kind = data["kind"]
    cls = OPERATIONS.get(kind)
    if cls is None:
        raise UnsupportedFormatError(
            f"unknown operation kind {kind!r}{did_you_mean(kind, OPERATIONS)}"
        )
    fields = {f.name for f in dataclasses.fields(cls)}
    rest = {k: v for k, v in data.items() if k != "kind"}
    unknown = set(rest) - fields
    if unknown:
        raise UnsupportedFormatError(
            f"operation {kind!r} has no field(s) {sorted(unknown)}; valid: {sorted(fields)}"
        )
    return cls._from_fields(rest)


# ---- helpers ----------------------------------------------------------------------------


def _need_unit(org: Organisation, uid: Any, what: str, reasons: list[str]) -> bool:
    if uid not in org.unit_map:
        reasons.append(f"{what}: no unit {uid!r}{did_you_mean(uid, org.unit_map)}")
        return False
    return True


def _need_post(org: Organisation, pid: Any, what: str, reasons: list[str]) -> bool:
    if pid not in org.post_map:
        reasons.append(f"{what}: no post {pid!r}{did_you_mean(pid, org.post_map)}")
        return False
    return True


def _new_id_free(org: Organisation, uid: Any, what: str, reasons: list[str]) -> bool:
    if not isinstance(uid, str) or not uid.strip():
        reasons.append(f"{what}: a new unit needs a non-empty id")
        return False
    if uid in org:
        reasons.append(f"{what}: id {uid!r} is already used by a {org.kind_of(uid)}")
        return False
    return True


def _remap_links(links: Iterable[Link], mapping: Mapping[str, str]) -> tuple[Link, ...]:
    """Re-point link ends; ties that become self-ties vanish, clashing ties are combined.

    Links that come to share a key and directedness add their weights into the first of them. An undirected
    link absorbs every directed link of its kind between the same two ends, in either
    direction (they clash, see :func:`~orgmodel.model.validate.links_clash`): their weights
    are added to it and they go, so the combined tie is undirected. Directed links in
    opposite directions stay apart.
    """
    out: dict[tuple[tuple, bool], Link] = {}
    for link in links:
        s, t = mapping.get(link.source, link.source), mapping.get(link.target, link.target)
        if s == t:
            continue
        new = link if (s, t) == (link.source, link.target) else link.evolve(source=s, target=t)
        # A directed a -> b and an undirected a - b share a key; keep them apart here.
        slot = (new.key, bool(new.directed))
        if slot in out:
            old = out[slot]
            out[slot] = old.evolve(weight=float(old.weight) + float(new.weight))
        else:
            out[slot] = new
    undirected = {
        (k.kind, frozenset((str(k.source), str(k.target)))): key
        for key, k in out.items()
        if not k.directed
    }
    for key, k in list(out.items()):
        if not k.directed:
            continue
        home = undirected.get((k.kind, frozenset((str(k.source), str(k.target)))))
        if home is not None:
            absorber = out[home]
            out[home] = absorber.evolve(weight=float(absorber.weight) + float(k.weight))
            del out[key]
    return tuple(out.values())


def _number(v: Any) -> bool:
    """A real number (numpy ones too): not a bool, not NaN (NaN passes every ``<`` test unnoticed)."""
    return isinstance(v, numbers.Real) and not isinstance(v, bool) and v == v


def _known_competences(org: Organisation, competences: Iterable[str], reasons: list[str]) -> None:
    """With a competence catalogue, each competence must be in it (as validation demands)."""
    catalogue = org.competence_map
    if not catalogue:
        return
    for c in competences:
        if c not in catalogue:
            reasons.append(f"competences: no competence {c!r}{did_you_mean(c, catalogue)}")


# ---- units ------------------------------------------------------------------------------


@_register
@dataclass(frozen=True)
class CreateUnit(Operation):
    """Create a new, empty unit (optionally under ``parent``)."""

    kind: ClassVar[str] = "create_unit"
    id: str
    name: str = ""
    parent: str | None = None
    unit_kind: str = "unit"
    attrs: Mapping[str, Any] = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "attrs", FrozenDict(self.attrs))

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        _new_id_free(org, self.id, "id", reasons)
        if self.parent is not None:
            _need_unit(org, self.parent, "parent", reasons)
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        unit = Unit(self.id, self.name, kind=self.unit_kind, parent=self.parent, attrs=self.attrs)
        units = org.unit_map.copy()
        units[self.id] = unit
        return org._derive(units=units)

    def describe(self, lang: str | None = None) -> str:
        if self.parent:
            return _label("create_unit.under", lang, id=self.id, parent=self.parent)
        return _label("create_unit", lang, id=self.id)


@_register
@dataclass(frozen=True)
class RenameUnit(Operation):
    """Give a unit a new display name (its id stays)."""

    kind: ClassVar[str] = "rename_unit"
    unit: str
    name: str

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        _need_unit(org, self.unit, "unit", reasons)
        if not isinstance(self.name, str) or not self.name.strip():
            reasons.append("name: must be a non-empty text")
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        units = org.unit_map.copy()
        units[self.unit] = units[self.unit].evolve(name=self.name)
        return org._derive(units=units)

    def describe(self, lang: str | None = None) -> str:
        return _label("rename_unit", lang, unit=self.unit, name=repr(self.name))


@_register
@dataclass(frozen=True)
class ChangeUnit(Operation):
    """Change a unit's name, kind, head post or free attributes (``attrs`` replaces them).

    ``None`` keeps a field; ``head="none"`` removes the head.
    """

    kind: ClassVar[str] = "change_unit"
    unit: str
    name: str | None = None
    unit_kind: str | None = None
    head: str | None = None
    attrs: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.attrs is not None:
            object.__setattr__(self, "attrs", FrozenDict(self.attrs))

    def _changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.name is not None:
            out["name"] = self.name
        if self.unit_kind is not None:
            out["kind"] = self.unit_kind
        if self.head is not None:
            out["head"] = None if self.head == _NONE else self.head
        if self.attrs is not None:
            out["attrs"] = self.attrs
        return out

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        _need_unit(org, self.unit, "unit", reasons)
        if not self._changes():
            reasons.append("nothing to change: give name, unit_kind, head or attrs")
        if self.head not in (None, _NONE):
            _need_post(org, self.head, "head", reasons)
        if self.name is not None and not str(self.name).strip():
            reasons.append("name: must be a non-empty text")
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        units = org.unit_map.copy()
        units[self.unit] = units[self.unit].evolve(**self._changes())
        return org._derive(units=units)

    def describe(self, lang: str | None = None) -> str:
        what = ", ".join(f"{k} {_short(v)}" for k, v in self._changes().items())
        return _label("change_unit", lang, unit=self.unit, changes=what)


@_register
@dataclass(frozen=True)
class SetDetails(Operation):
    """Change the organisation's display name and/or its meta information (replaced whole)."""

    kind: ClassVar[str] = "set_details"
    name: str | None = None
    meta: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.meta is not None:
            object.__setattr__(self, "meta", FrozenDict(self.meta))

    def check(self, org: Organisation) -> list[str]:
        if self.name is None and self.meta is None:
            return ["nothing to change: give name or meta"]
        return []

    def _apply(self, org: Organisation) -> Organisation:
        parts: dict[str, Any] = {}
        if self.name is not None:
            parts["name"] = self.name
        if self.meta is not None:
            parts["meta"] = self.meta
        return org._derive(**parts)

    def describe(self, lang: str | None = None) -> str:
        words = [
            _label(f"set_details.{w}", lang)
            for w, v in (("name", self.name), ("meta", self.meta))
            if v is not None
        ]
        return _label("set_details", lang, what=f" {_label('and', lang)} ".join(words))


@_register
@dataclass(frozen=True)
class MoveUnit(Operation):
    """Move a unit (with everything below it) under another parent (``None``: to the top)."""

    kind: ClassVar[str] = "move_unit"
    unit: str
    new_parent: str | None

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        ok = _need_unit(org, self.unit, "unit", reasons)
        if self.new_parent is not None and _need_unit(org, self.new_parent, "new_parent", reasons):
            if ok and (
                self.new_parent == self.unit or self.new_parent in org.descendants(self.unit)
            ):
                reasons.append(
                    f"new_parent: {self.new_parent!r} is {self.unit!r} itself or below it "
                    "(the hierarchy would get a cycle)"
                )
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        units = org.unit_map.copy()
        units[self.unit] = units[self.unit].evolve(parent=self.new_parent)
        return org._derive(units=units)

    def describe(self, lang: str | None = None) -> str:
        if not self.new_parent:
            return _label("move_unit.top", lang, unit=self.unit)
        return _label("move_unit", lang, unit=self.unit, parent=self.new_parent)


@_register
@dataclass(frozen=True)
class DissolveUnit(Operation):
    """Remove a unit; its posts and sub-units go to ``into`` (default: its parent).

    Links to the dissolved unit are re-pointed to ``into``.
    """

    kind: ClassVar[str] = "dissolve_unit"
    unit: str
    into: str | None = None

    def _target(self, org: Organisation) -> str | None:
        return self.into if self.into is not None else org.unit(self.unit).parent

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        if not _need_unit(org, self.unit, "unit", reasons):
            return reasons
        if self.into is not None:
            if _need_unit(org, self.into, "into", reasons) and (
                self.into == self.unit or self.into in org.descendants(self.unit)
            ):
                reasons.append(f"into: {self.into!r} is {self.unit!r} itself or below it")
        target = self._target(org)
        if target is None and (org.posts_in(self.unit) or org.children(self.unit)):
            reasons.append(
                f"unit {self.unit!r} is a top unit with posts or sub-units: say where they go (into=)"
            )
        links_to = [k for k in org.link_list if self.unit in (k.source, k.target)]
        if target is None and links_to:
            reasons.append(
                f"unit {self.unit!r} has {len(links_to)} link(s): say where they go (into=)"
            )
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        target = self._target(org)
        units = {
            uid: (u.evolve(parent=target) if u.parent == self.unit else u)
            for uid, u in org.unit_map.items()
            if uid != self.unit
        }
        posts = org.post_map.copy()
        for pid in org.posts_in(self.unit):
            posts[pid] = posts[pid].evolve(unit=target)
        links = org.link_list
        if target is not None:
            links = _remap_links(links, {self.unit: target})
        return org._derive(units=units, posts=posts, links=links)

    def describe(self, lang: str | None = None) -> str:
        if self.into:
            return _label("dissolve_unit.into", lang, unit=self.unit, into=self.into)
        return _label("dissolve_unit", lang, unit=self.unit)


@_register
@dataclass(frozen=True)
class MergeUnits(Operation):
    """Merge units into one: an existing unit (``into`` is a unit id) or a new one.

    The posts and sub-units of every merged unit move to ``into``; the merged units go;
    their links are re-pointed to ``into`` (ties between merged units vanish, parallel ties
    add their weights). A new unit gets ``name``, ``parent`` (default: the first merged
    unit's parent; when that goes too or lies inside a merged unit, the parent of the highest
    merged unit above the first) and ``unit_kind`` (default: the first merged unit's kind).
    """

    kind: ClassVar[str] = "merge_units"
    units: tuple[str, ...]
    into: str
    name: str | None = None
    parent: str | None = None
    unit_kind: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "units", tuple(self.units))

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        if len(self.units) < 1:
            reasons.append("units: name at least one unit to merge")
        if len(set(self.units)) != len(self.units):
            reasons.append("units: a unit is named twice")
        known = [u for u in self.units if _need_unit(org, u, "units", reasons)]
        existing = self.into in org.unit_map
        if not existing:
            _new_id_free(org, self.into, "into", reasons)
        elif len(self.units) < 2 and self.into in self.units:
            reasons.append("units: merging a unit into itself changes nothing")
        merged = set(known) - {self.into}
        # the target (or the new unit's parent) must not lie inside a unit that disappears;
        # a default parent that is merged too is replaced by its first remaining ancestor
        anchor = self.into if existing else self._parent(org)
        if anchor is not None and anchor in org.unit_map:
            up = [anchor, *org.ancestors(anchor)]
            inside = [u for u in up if u in merged]
            if inside:
                reasons.append(
                    f"into: {anchor!r} lies inside {inside[0]!r}, which is merged away; merge into "
                    "the upper unit instead"
                )
        if not existing and self.parent is not None:
            _need_unit(org, self.parent, "parent", reasons)
        return reasons

    def _parent(self, org: Organisation) -> str | None:
        """The new unit's parent: ``parent``, or the parent of the highest merged unit on
        the way up from the first (so that it never lies inside a unit that goes, whatever
        the order the units are named in)."""
        if self.parent is not None:
            return self.parent
        first = self.units[0] if self.units else None
        if first not in org.unit_map:
            return None
        merged = set(self.units) - {self.into}
        chain = [first, *org.ancestors(first)]
        top = max((i for i, u in enumerate(chain) if u in merged), default=0)
        return org.unit_map[chain[top]].parent

    def _apply(self, org: Organisation) -> Organisation:
        merged = [u for u in self.units if u != self.into]
        gone = set(merged)
        units: dict[str, Unit] = {}
        if self.into not in org.unit_map:
            first = org.unit(self.units[0])
            parent = self._parent(org)
            new = Unit(
                self.into, self.name or self.into, kind=self.unit_kind or first.kind, parent=parent
            )
            for uid, u in org.unit_map.items():  # the new unit takes the first unit's place
                if uid == first.id:
                    units[self.into] = new
                if uid not in gone:
                    units[uid] = u
        else:
            units = {uid: u for uid, u in org.unit_map.items() if uid not in gone}
            changes: dict[str, Any] = {}
            if self.name:
                changes["name"] = self.name
            if self.unit_kind:
                changes["kind"] = self.unit_kind
            if changes:
                units[self.into] = units[self.into].evolve(**changes)
        for uid, u in list(units.items()):
            if u.parent in gone:
                units[uid] = u.evolve(parent=self.into)
        posts = org.post_map.copy()
        for uid in merged:
            for pid in org.posts_in(uid):
                posts[pid] = posts[pid].evolve(unit=self.into)
        links = _remap_links(org.link_list, dict.fromkeys(merged, self.into))
        return org._derive(units=units, posts=posts, links=links)

    def describe(self, lang: str | None = None) -> str:
        return _label("merge_units", lang, units=", ".join(self.units), into=self.into)


@dataclass(frozen=True)
class Part:
    """One part of a :class:`SplitUnit`: a new unit and the posts it takes.

    Posts are named in ``posts`` or chosen by a ``rule``: ``{"field": "title", "equals": ...}``,
    ``{"field": "title", "contains": ...}`` or ``{"field": "competences", "has": ...}``
    (any post field or free attribute).
    """

    id: str
    name: str = ""
    posts: tuple[str, ...] = ()
    rule: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "posts", tuple(self.posts))
        if self.rule is not None:
            object.__setattr__(self, "rule", FrozenDict(self.rule))

    def matches(self, post: Post) -> bool:
        if post.id in self.posts:
            return True
        if not self.rule:
            return False
        f = self.rule.get("field", "title")
        value = getattr(post, f) if f in Post.__dataclass_fields__ else post.attrs.get(f)
        if "equals" in self.rule:
            return value == self.rule["equals"]
        if "contains" in self.rule:  # a missing field contains nothing (not the text "None")
            return value is not None and (
                str(self.rule["contains"]).casefold() in str(value).casefold()
            )
        if "has" in self.rule:
            return self.rule["has"] in (value or ())
        return False

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "name": self.name, "posts": list(self.posts)}
        if self.rule is not None:
            d["rule"] = dict(self.rule)
        return d


@_register
@dataclass(frozen=True)
class SplitUnit(Operation):
    """Split a unit into parts; each part is a new unit taking posts by list or rule.

    New units are siblings of the split unit (``as_children=False``) or units below it.
    Posts no part takes stay in the original unit; with siblings, an original left with no
    posts and no sub-units is removed (its links go to the first part). A post taken by two
    parts is an error, reported by :meth:`check`.
    """

    kind: ClassVar[str] = "split_unit"
    unit: str
    parts: tuple[Part, ...]
    as_children: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "parts", tuple(p if isinstance(p, Part) else Part(**p) for p in self.parts)
        )

    @classmethod
    def _from_fields(cls, data: Mapping[str, Any]) -> Operation:
        return cls(**data)

    def assignment(self, org: Organisation) -> dict[str, list[str]]:
        """Part id -> posts it takes (for previews)."""
        return {
            part.id: [p for p in org.posts_in(self.unit) if part.matches(org.post(p))]
            for part in self.parts
        }

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        if not _need_unit(org, self.unit, "unit", reasons):
            return reasons
        if not self.parts:
            reasons.append("parts: name at least one part")
        ids = [p.id for p in self.parts]
        if len(set(ids)) != len(ids):
            reasons.append("parts: two parts have the same id")
        for part in self.parts:
            _new_id_free(org, part.id, f"part {part.id!r}", reasons)
            for pid in part.posts:
                if pid not in org.post_map:
                    reasons.append(f"part {part.id!r}: no post {pid!r}")
                elif org.post(pid).unit != self.unit:
                    reasons.append(f"part {part.id!r}: post {pid!r} is not in unit {self.unit!r}")
        taken: dict[str, str] = {}
        for part_id, posts in self.assignment(org).items():
            for pid in posts:
                if pid in taken:
                    reasons.append(f"post {pid!r} is taken by both {taken[pid]!r} and {part_id!r}")
                taken[pid] = part_id
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        src = org.unit(self.unit)
        assignment = self.assignment(org)
        parent = self.unit if self.as_children else src.parent
        new_units = [Unit(p.id, p.name or p.id, kind=src.kind, parent=parent) for p in self.parts]
        posts = org.post_map.copy()
        for part_id, pids in assignment.items():
            for pid in pids:
                posts[pid] = posts[pid].evolve(unit=part_id)
        moved = {pid for pids in assignment.values() for pid in pids}
        left = [p for p in org.posts_in(self.unit) if p not in moved]
        drop = not self.as_children and not left and not org.children(self.unit)
        units: dict[str, Unit] = {}
        for uid, u in org.unit_map.items():
            if uid == self.unit:
                if not drop:
                    units[uid] = u if src.head not in moved else u.evolve(head=None)
                units.update((n.id, n) for n in new_units)
            else:
                units[uid] = u
        if src.head is not None and src.head in moved:  # the head leads the part it went to
            part_of_head = posts[src.head].unit
            units[part_of_head] = units[part_of_head].evolve(head=src.head)
        links = org.link_list
        if drop:
            links = _remap_links(links, {self.unit: self.parts[0].id})
        return org._derive(units=units, posts=posts, links=links)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "unit": self.unit,
            "parts": [p.to_dict() for p in self.parts],
            "as_children": self.as_children,
        }

    def describe(self, lang: str | None = None) -> str:
        parts = ", ".join(p.id for p in self.parts)
        return _label("split_unit", lang, unit=self.unit, parts=parts)


@_register
@dataclass(frozen=True)
class AttachToBody(Operation):
    """Make a unit answer to a political body (a ``reports_to_body`` link).

    With ``replace=True`` the unit's other ``reports_to_body`` links are removed.
    """

    kind: ClassVar[str] = "attach_to_body"
    unit: str
    body: str
    replace: bool = False

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        _need_unit(org, self.unit, "unit", reasons)
        _need_unit(org, self.body, "body", reasons)
        if self.unit == self.body:
            reasons.append("body: a unit cannot answer to itself")
        link = Link(self.unit, self.body, kind="reports_to_body", directed=True)
        if not self.replace and any(links_clash(k, link) for k in org.link_list):
            reasons.append(f"unit {self.unit!r} already answers to {self.body!r}")
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        new = Link(self.unit, self.body, kind="reports_to_body", directed=True)
        # With replace, an undirected unit - body tie goes too: it would clash with the new one.
        links = [
            k
            for k in org.link_list
            if not (
                self.replace
                and k.kind == "reports_to_body"
                and (k.source == self.unit or links_clash(k, new))
            )
        ]
        links.append(new)
        return org._derive(links=_remap_links(links, {}))

    def describe(self, lang: str | None = None) -> str:
        return _label("attach_to_body", lang, unit=self.unit, body=self.body)


# ---- posts ------------------------------------------------------------------------------


@_register
@dataclass(frozen=True)
class MovePost(Operation):
    """Move a post to another unit; optionally change its manager (``reports_to``).

    ``reports_to="keep"`` (default) keeps the line; ``None`` removes it; a post id sets it.
    """

    kind: ClassVar[str] = "move_post"
    post: str
    unit: str
    reports_to: str | None = _KEEP

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        ok = _need_post(org, self.post, "post", reasons)
        _need_unit(org, self.unit, "unit", reasons)
        if self.reports_to not in (_KEEP, None):
            if _need_post(org, self.reports_to, "reports_to", reasons) and ok:
                reasons.extend(_reporting_cycle(org, self.post, self.reports_to))
        if ok and org.post(self.post).unit == self.unit and self.reports_to == _KEEP:
            reasons.append(f"post {self.post!r} is already in unit {self.unit!r}")
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        posts = org.post_map.copy()
        changes: dict[str, Any] = {"unit": self.unit}
        if self.reports_to != _KEEP:
            changes["reports_to"] = self.reports_to
        posts[self.post] = posts[self.post].evolve(**changes)
        units = org.unit_map
        old = org.post(self.post).unit
        if units[old].head == self.post and old != self.unit:  # a head that leaves stops leading
            units = {**units, old: units[old].evolve(head=None)}
        return org._derive(units=units.copy(), posts=posts)

    def describe(self, lang: str | None = None) -> str:
        return _label("move_post", lang, post=self.post, unit=self.unit)


def _reporting_cycle(org: Organisation, post: str, manager: str) -> list[str]:
    node: str | None = manager
    while node is not None:
        if node == post:
            return [f"reports_to: {manager!r} reports (directly or not) to {post!r}: a cycle"]
        node = org.post_map[node].reports_to
    return []


@_register
@dataclass(frozen=True)
class ChangeReportingLine(Operation):
    """Let a post report to another post (``None``: to nobody)."""

    kind: ClassVar[str] = "change_reporting_line"
    post: str
    reports_to: str | None

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        ok = _need_post(org, self.post, "post", reasons)
        if self.reports_to is not None and _need_post(org, self.reports_to, "reports_to", reasons):
            if ok:
                reasons.extend(_reporting_cycle(org, self.post, self.reports_to))
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        posts = org.post_map.copy()
        posts[self.post] = posts[self.post].evolve(reports_to=self.reports_to)
        return org._derive(posts=posts)

    def describe(self, lang: str | None = None) -> str:
        if not self.reports_to:
            return _label("change_reporting_line.nobody", lang, post=self.post)
        return _label("change_reporting_line", lang, post=self.post, manager=self.reports_to)


@_register
@dataclass(frozen=True)
class ChangePost(Operation):
    """Change a post's title, FTE (budgeted/actual), cost, vacancy, competences or free
    attributes (``attrs`` replaces them all); ``None`` keeps a field."""

    kind: ClassVar[str] = "change_post"
    post: str
    title: str | None = None
    fte_budgeted: float | None = None
    fte_actual: float | None = None
    cost: float | None = None
    vacant: bool | None = None
    competences: tuple[str, ...] | None = None
    attrs: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.competences is not None:
            object.__setattr__(self, "competences", tuple(self.competences))
        if self.attrs is not None:
            object.__setattr__(self, "attrs", FrozenDict(self.attrs))

    def _changes(self) -> dict[str, Any]:
        names = ("title", "fte_budgeted", "fte_actual", "cost", "vacant", "competences", "attrs")
        return {n: getattr(self, n) for n in names if getattr(self, n) is not None}

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        _need_post(org, self.post, "post", reasons)
        changes = self._changes()
        if not changes:
            reasons.append(
                "nothing to change: give title, fte_budgeted, fte_actual, cost, vacant, "
                "competences or attrs"
            )
        if self.competences is not None:
            _known_competences(org, self.competences, reasons)
        for f in ("fte_budgeted", "fte_actual", "cost"):
            v = changes.get(f)
            if v is not None and (not _number(v) or v < 0):
                reasons.append(f"{f}: must be a number of at least 0, got {v!r}")
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        posts = org.post_map.copy()
        posts[self.post] = posts[self.post].evolve(**self._changes())
        return org._derive(posts=posts)

    def describe(self, lang: str | None = None) -> str:
        what = ", ".join(f"{k} {_short(v)}" for k, v in self._changes().items())
        return _label("change_post", lang, post=self.post, changes=what)


@_register
@dataclass(frozen=True)
class ReallocateFTE(Operation):
    """Move FTE from one post to another (Hjo: bring the seconded 0.6 back to development).

    ``which`` is ``"budgeted"``, ``"actual"`` or ``"both"``. With ``move_cost`` the cost moves in
    proportion to the budgeted FTE moved (the source's cost per budgeted FTE), so the total
    is conserved.

    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation([Unit("k")], [
    ...     Post("kom", unit="k", fte_budgeted=1.0, fte_actual=1.6, cost=600_000),
    ...     Post("vu", unit="k", fte_budgeted=3.0, fte_actual=2.4, cost=1_800_000)])
    >>> new = ReallocateFTE("kom", "vu", 0.6, which="actual").apply(org)
    >>> new.post("kom").fte_actual, new.post("vu").fte_actual
    (1.0, 3.0)
    """

    kind: ClassVar[str] = "reallocate_fte"
    source: str
    target: str
    fte: float
    which: str = "both"
    move_cost: bool = True

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        ok = _need_post(org, self.source, "source", reasons)
        ok = _need_post(org, self.target, "target", reasons) and ok
        if self.source == self.target:
            reasons.append("target: the same post as source")
        if self.which not in ("budgeted", "actual", "both"):
            reasons.append(f"which: {self.which!r} is not 'budgeted', 'actual' or 'both'")
            return reasons
        if not _number(self.fte) or self.fte <= 0:
            reasons.append(f"fte: must be a number above 0, got {self.fte!r}")
            return reasons
        if ok:
            src = org.post(self.source)
            for f in self._fields():
                have = float(getattr(src, f))
                if self.fte > have + 1e-9:
                    reasons.append(
                        f"source {self.source!r} has only {have:g} {f.replace('fte_', '')} FTE"
                    )
        return reasons

    def _fields(self) -> tuple[str, ...]:
        return {
            "budgeted": ("fte_budgeted",),
            "actual": ("fte_actual",),
            "both": ("fte_budgeted", "fte_actual"),
        }[self.which]

    def _apply(self, org: Organisation) -> Organisation:
        src, dst = org.post(self.source), org.post(self.target)
        s_changes: dict[str, Any] = {}
        d_changes: dict[str, Any] = {}
        for f in self._fields():
            s_changes[f] = round(float(getattr(src, f)) - self.fte, 10)
            d_changes[f] = round(float(getattr(dst, f)) + self.fte, 10)
        if self.move_cost and "fte_budgeted" in self._fields() and src.fte_budgeted:
            moved = float(src.cost) * self.fte / float(src.fte_budgeted)
            s_changes["cost"] = round(float(src.cost) - moved, 6)
            d_changes["cost"] = round(float(dst.cost) + moved, 6)
        posts = org.post_map.copy()
        posts[self.source] = src.evolve(**s_changes)
        posts[self.target] = dst.evolve(**d_changes)
        return org._derive(posts=posts)

    def describe(self, lang: str | None = None) -> str:
        code = _language(lang)
        fte = f"{self.fte:g}" if _number(self.fte) else str(self.fte)
        which = str(self.which)
        if code != "en":  # Swedish and Norwegian write a decimal comma
            fte = fte.replace(".", ",")
        if which in ("budgeted", "actual", "both"):
            which = _label(f"reallocate_fte.{which}", code)
        return _label(
            "reallocate_fte", code, fte=fte, which=which, source=self.source, target=self.target
        )


@_register
@dataclass(frozen=True)
class AddPost(Operation):
    """Add a post (a :class:`~orgmodel.model.Post` value, or its fields as a mapping)."""

    kind: ClassVar[str] = "add_post"
    post: Post

    def __post_init__(self) -> None:
        if isinstance(self.post, Mapping):
            object.__setattr__(self, "post", Post(**self.post))

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        p = self.post
        if not isinstance(p.id, str) or not p.id.strip():
            reasons.append("post: a new post needs a non-empty id")
        elif p.id in org:
            reasons.append(f"post: id {p.id!r} is already used by a {org.kind_of(p.id)}")
        _need_unit(org, p.unit, "unit", reasons)
        if p.reports_to is not None:
            _need_post(org, p.reports_to, "reports_to", reasons)
        _known_competences(org, p.competences, reasons)
        for f in ("fte_budgeted", "fte_actual", "cost"):
            v = getattr(p, f)
            if not _number(v) or v < 0:
                reasons.append(f"{f}: must be a number of at least 0, got {v!r}")
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        posts = org.post_map.copy()
        posts[self.post.id] = self.post
        return org._derive(posts=posts)

    def describe(self, lang: str | None = None) -> str:
        p = self.post
        return _label("add_post", lang, post=p.id, title=p.title, unit=p.unit)


@_register
@dataclass(frozen=True)
class RemovePost(Operation):
    """Remove a post. Its reports move to its manager; its holders' holdings end;
    its links go; a unit it headed gets no head."""

    kind: ClassVar[str] = "remove_post"
    post: str

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        _need_post(org, self.post, "post", reasons)
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        gone = org.post(self.post)
        posts = {
            pid: (p.evolve(reports_to=gone.reports_to) if p.reports_to == self.post else p)
            for pid, p in org.post_map.items()
            if pid != self.post
        }
        units = {
            uid: (u.evolve(head=None) if u.head == self.post else u)
            for uid, u in org.unit_map.items()
        }
        holdings = tuple(h for h in org.holding_list if h.post != self.post)
        links = tuple(k for k in org.link_list if self.post not in (k.source, k.target))
        return org._derive(units=units, posts=posts, holdings=holdings, links=links)

    def describe(self, lang: str | None = None) -> str:
        return _label("remove_post", lang, post=self.post)


# ---- links ------------------------------------------------------------------------------


@_register
@dataclass(frozen=True)
class AddLink(Operation):
    """Add a collaboration, commissioning or other link (a :class:`~orgmodel.model.Link`)."""

    kind: ClassVar[str] = "add_link"
    link: Link

    def __post_init__(self) -> None:
        if isinstance(self.link, Mapping):
            object.__setattr__(self, "link", Link(**self.link))

    def check(self, org: Organisation) -> list[str]:
        reasons: list[str] = []
        k = self.link
        for end in ("source", "target"):
            v = getattr(k, end)
            if v not in org:
                reasons.append(f"{end}: {v!r} is no unit, post or person")
        if k.source == k.target:
            reasons.append("target: a link cannot join a thing to itself")
        if not _number(k.weight) or k.weight < 0:
            reasons.append(f"weight: must be a number of at least 0, got {k.weight!r}")
        for x in org.link_list:
            if not links_clash(x, k):
                continue
            if bool(x.directed) == bool(k.directed):
                reasons.append(f"the {k.kind} link {k.source} - {k.target} exists already")
            else:
                arrow = "->" if x.directed else "-"
                reasons.append(
                    f"the {k.kind} link {x.source} {arrow} {x.target} joins the same ends; "
                    "an undirected link and a directed one of a kind cannot stand together"
                )
        return reasons

    def _apply(self, org: Organisation) -> Organisation:
        return org._derive(links=(*org.link_list, self.link))

    def describe(self, lang: str | None = None) -> str:
        k = self.link
        return _label("add_link", lang, link_kind=k.kind, source=k.source, target=k.target)


@_register
@dataclass(frozen=True)
class RemoveLink(Operation):
    """Remove the link ``(kind, source, target)`` (either order for undirected links).

    A link given exactly as ``source -> target`` is the one removed; only when there is
    none is an undirected ``target - source`` link removed (a directed ``b -> a`` and an
    undirected ``a - b`` are two links, and one operation removes one of them; such a pair
    clashes and does not pass validation, but an organisation read without checks may hold it).
    """

    kind: ClassVar[str] = "remove_link"
    source: str
    target: str
    link_kind: str = "collaboration"

    def _exact(self, k: Link) -> bool:
        return k.kind == self.link_kind and (k.source, k.target) == (self.source, self.target)

    def _matches(self, k: Link) -> bool:
        if self._exact(k):
            return True
        return (
            k.kind == self.link_kind
            and not k.directed
            and (k.source, k.target) == (self.target, self.source)
        )

    def check(self, org: Organisation) -> list[str]:
        if not any(self._matches(k) for k in org.link_list):
            return [f"no {self.link_kind} link {self.source} - {self.target}"]
        return []

    def _apply(self, org: Organisation) -> Organisation:
        hit = self._exact if any(self._exact(k) for k in org.link_list) else self._matches
        return org._derive(links=tuple(k for k in org.link_list if not hit(k)))

    def describe(self, lang: str | None = None) -> str:
        return _label(
            "remove_link", lang, link_kind=self.link_kind, source=self.source, target=self.target
        )
