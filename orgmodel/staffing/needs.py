"""Citizen needs that call for several competences, and the needs file (``orgmodel-needs: 1``).

A :class:`Need` is what an agile arena is formed for (Ängelholm 2014: "a citizen need that
requires several competences in cooperation"): a title, a description, the competences it
requires (each a :class:`Requirement` with an amount of work) and preferences for the team.

Amounts are FTE shares (``fte: 0.1`` = a tenth of a full-time post) or hours per week
(``hours_per_week: 4``); hours are turned into FTE with :data:`HOURS_PER_FTE` (40 hours a
week, full time in Swedish municipalities). Without an amount a requirement asks for
:data:`DEFAULT_FTE`.

A requirement may be provided by an **external party** (``external: region-skane``: health
care is Region Skåne's); a need may also name **partners**, external parties the arena
involves without asking them for a competence (the parent's employer, the property owners).

The file::

    orgmodel-needs: 1
    source: "AdvisoryBoard 2014, section 11"
    needs:
      - id: viktor
        title: Medborgaruppdrag Viktor
        description: 12 år, pappa med narkotikamissbruk
        competences:
          - competence: pedagogik
            hours_per_week: 4
          - competence: halso-och-sjukvard
            fte: 0.05
            external: region-skane
        partners: [foraldrarnas-arbetsgivare]
        preferences:
          same_main_mission: false
          external_partners: true
          max_units: 4

Reading collects every problem with its line and raises one
:class:`~orgmodel.errors.ValidationError` listing them all.

>>> text = '''
... orgmodel-needs: 1
... needs:
...   - id: viktor
...     title: Viktor
...     competences:
...       - competence: pedagogik
...         hours_per_week: 4
...       - competence: socialt-arbete
...         fte: many
... '''
>>> loads_needs(text, source="needs.yaml")
Traceback (most recent call last):
...
orgmodel.errors.ValidationError: needs.yaml: 1 error found
needs.yaml, line 10: needs 'viktor', field fte = 'many': fte must be a number [error not_a_number]
>>> needs = loads_needs(text.replace("many", "0.2"))
>>> [(r.competence, r.fte) for r in needs["viktor"].requirements]
[('pedagogik', 0.1), ('socialt-arbete', 0.2)]
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from orgmodel.errors import FormatError, UnsupportedFormatError, ValidationError, did_you_mean
from orgmodel.io.atomic import atomic_write
from orgmodel.io.yamltext import safe_dumper
from orgmodel.model import FrozenDict, Location, Organisation, Problem, ValidationReport

__all__ = [
    "DEFAULT_FTE",
    "FORMAT_KEY",
    "FORMAT_VERSION",
    "HOURS_PER_FTE",
    "Need",
    "NeedSet",
    "Requirement",
    "check_needs",
    "dumps_needs",
    "loads_needs",
    "read_needs",
    "write_needs",
]

FORMAT_KEY = "orgmodel-needs"
FORMAT_VERSION = 1
#: Hours per week of one full-time post (40 h: full time in Swedish municipalities).
HOURS_PER_FTE = 40.0
#: The FTE a requirement asks for when the file gives no amount (4 hours a week).
DEFAULT_FTE = 0.1

_REQUIREMENT_KEYS = ("competence", "fte", "hours_per_week", "external", "role", "note")
_PREFERENCE_KEYS = ("same_main_mission", "external_partners", "max_units")
_NEED_KEYS = ("id", "title", "description", "competences", "partners", "preferences")


@dataclass(frozen=True, slots=True)
class Requirement:
    """One competence a need requires, with the amount of work (FTE share).

    ``external`` names the external party (a unit id, e.g. ``region-skane``) that provides
    it; ``role`` is a free label ("Skolsköterska").

    >>> r = Requirement("pedagogik", fte=0.1)
    >>> r.hours_per_week, r.key, r.label
    (4.0, 'pedagogik', 'pedagogik')
    >>> Requirement("halso-och-sjukvard", external="region-skane").key
    'halso-och-sjukvard@region-skane'
    """

    competence: str
    fte: float = DEFAULT_FTE
    external: str | None = None
    role: str = ""
    note: str = ""

    @property
    def hours_per_week(self) -> float:
        """The amount in hours a week (``fte * HOURS_PER_FTE``)."""
        return round(self.fte * HOURS_PER_FTE, 10)

    @property
    def key(self) -> str:
        """The requirement's id within its need: the competence, ``@party`` when external."""
        return f"{self.competence}@{self.external}" if self.external else self.competence

    @property
    def label(self) -> str:
        """The role if given, else the competence id."""
        return self.role or self.competence


@dataclass(frozen=True, slots=True)
class Need:
    """A citizen need an agile arena is formed for.

    Parameters
    ----------
    id, title, description
        Identity and free text.
    requirements
        The competences required (:class:`Requirement`), in order.
    partners
        External parties (unit ids) the arena involves without a competence requirement.
    same_main_mission
        Prefer a team within as few main missions as possible, before counting units.
    external_partners
        Whether requirements marked ``external`` may be left to their external party
        (default true); when false they are staffed from the organisation.
    max_units
        The team may span at most this many units (what it cannot cover then is uncovered).
    attrs
        Any other fields of the need in the file (kept on write).

    >>> n = Need("ibrahim", "Ibrahim", requirements=(Requirement("vagledning"),))
    >>> n.competences
    ('vagledning',)
    """

    id: str
    title: str = ""
    description: str = ""
    requirements: tuple[Requirement, ...] = ()
    partners: tuple[str, ...] = ()
    same_main_mission: bool = False
    external_partners: bool = True
    max_units: int | None = None
    attrs: Mapping[str, Any] = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "requirements", tuple(self.requirements))
        object.__setattr__(self, "partners", tuple(self.partners))
        if not isinstance(self.attrs, FrozenDict):
            object.__setattr__(self, "attrs", FrozenDict(self.attrs or {}))
        if not self.title:
            object.__setattr__(self, "title", self.id)
        keys = [r.key for r in self.requirements]
        doubled = sorted({k for k in keys if keys.count(k) > 1})
        if doubled:
            raise ValueError(f"need {self.id!r}: requirement(s) given twice: {doubled}")

    @property
    def competences(self) -> tuple[str, ...]:
        """The competence ids required, without repeats, in order."""
        return tuple(dict.fromkeys(r.competence for r in self.requirements))

    def requirement(self, key: str) -> Requirement:
        """The requirement with this key (competence id, or ``competence@party``)."""
        for r in self.requirements:
            if r.key == key:
                return r
        raise KeyError(
            f"need {self.id!r} has no requirement {key!r}"
            f"{did_you_mean(key, [r.key for r in self.requirements])}"
        )

    def evolve(self, **changes: Any) -> Need:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The need as the file writes it (plain lists and dicts)."""
        out: dict[str, Any] = {"id": self.id, "title": self.title}
        if self.description:
            out["description"] = self.description
        reqs = []
        for r in self.requirements:
            d: dict[str, Any] = {"competence": r.competence, "fte": r.fte}
            if r.external:
                d["external"] = r.external
            if r.role:
                d["role"] = r.role
            if r.note:
                d["note"] = r.note
            reqs.append(d)
        out["competences"] = reqs
        if self.partners:
            out["partners"] = list(self.partners)
        prefs: dict[str, Any] = {}
        if self.same_main_mission:
            prefs["same_main_mission"] = True
        if not self.external_partners:
            prefs["external_partners"] = False
        if self.max_units is not None:
            prefs["max_units"] = self.max_units
        if prefs:
            out["preferences"] = prefs
        for k, v in self.attrs.items():
            out.setdefault(k, v)
        return out


class NeedSet(Mapping[str, Need]):
    """The needs of a file, ``{id: Need}`` in file order, with the file's other top-level
    fields in ``meta`` (``source``, ``illustrative``...), which writing keeps.

    >>> ns = NeedSet([Need("v")], meta={"source": "report"})
    >>> list(ns), ns.meta["source"], ns == {"v": Need("v")}
    (['v'], 'report', True)
    """

    def __init__(self, needs: Iterable[Need] = (), meta: Mapping[str, Any] | None = None):
        self._needs = {n.id: n for n in needs}
        self.meta = FrozenDict(meta or {})

    def __getitem__(self, key: str) -> Need:
        try:
            return self._needs[key]
        except KeyError:
            raise KeyError(f"no need {key!r}{did_you_mean(key, self._needs)}") from None

    def __iter__(self):
        return iter(self._needs)

    def __len__(self) -> int:
        return len(self._needs)

    def __repr__(self) -> str:
        return f"<NeedSet: {', '.join(self._needs) or 'empty'}>"


# ---- reading -------------------------------------------------------------------------------

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _construct(node: yaml.Node) -> Any:
    loader = _Loader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _items(node: yaml.MappingNode) -> list[tuple[Any, yaml.Node, int]]:
    return [(_construct(k), v, k.start_mark.line + 1) for k, v in node.value]


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and not math.isnan(v)


class _Reader:
    def __init__(self, source: str | None):
        self.source = source
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, line: int, need=None, field=None, value=None):
        self.problems.append(
            Problem(
                "error",
                code,
                message,
                table="needs",
                id=need,
                field=field,
                value=value,
                location=Location(self.source, line=line),
            )
        )

    def need(self, node: yaml.Node, line: int, seen: dict[str, int]) -> Need | None:
        if not isinstance(node, yaml.MappingNode):
            self.add("not_a_mapping", "each need must be a mapping with an id", line)
            return None
        items = _items(node)
        values = {str(k): (_construct(v), v, ln) for k, v, ln in items}
        nid = values.get("id", (None,))[0]
        ok = True
        if nid is None or (isinstance(nid, str) and not nid.strip()):
            self.add("missing_value", "a need needs an id", line, field="id")
            ok = False
        else:
            nid = str(nid)
            if nid in seen:
                self.add(
                    "duplicate_id",
                    f"need id {nid!r} is used already (line {seen[nid]})",
                    values["id"][2],
                    nid,
                    "id",
                    nid,
                )
                ok = False
            else:
                seen[nid] = values["id"][2]
        reqs: list[Requirement] = []
        req_node = values.get("competences")
        if req_node is None:
            self.add(
                "missing_value",
                "a need lists the competences it requires",
                line,
                nid,
                "competences",
            )
            ok = False
        elif not isinstance(req_node[1], yaml.SequenceNode) or not req_node[1].value:
            self.add(
                "not_a_list",
                "competences must be a non-empty list",
                req_node[2],
                nid,
                "competences",
            )
            ok = False
        else:
            keys: dict[str, int] = {}
            for item in req_node[1].value:
                r, key = self.requirement(item, nid)
                ln = item.start_mark.line + 1
                if key is not None and key in keys:
                    self.add(
                        "duplicate_requirement",
                        f"competence {key!r} is required twice (also line {keys[key]})",
                        ln,
                        nid,
                        "competence",
                        key,
                    )
                    ok = False
                elif key is not None:
                    keys[key] = ln
                if r is None:
                    ok = False
                else:
                    reqs.append(r)
        partners: tuple[str, ...] = ()
        if "partners" in values:
            p, _node, ln = values["partners"]
            if p is None:
                p = []
            if isinstance(p, str):
                p = [p]
            if not isinstance(p, list) or not all(isinstance(x, str) and x for x in p):
                self.add(
                    "not_a_list", "partners must be a list of unit ids", ln, nid, "partners", p
                )
                ok = False
            else:
                partners = tuple(p)
        prefs = self.preferences(values.get("preferences"), nid)
        if prefs is None:
            ok = False
        attrs = {k: v[0] for k, v in values.items() if k not in _NEED_KEYS}
        if not ok or nid is None:
            return None
        return Need(
            str(nid),
            str(values.get("title", ("",))[0] or ""),
            str(values.get("description", ("",))[0] or ""),
            tuple(reqs),
            partners,
            attrs=attrs,
            **(prefs or {}),
        )

    def requirement(self, node: yaml.Node, nid: Any) -> tuple[Requirement | None, str | None]:
        """The requirement (None when broken) and its key (None when it has no competence)."""
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):  # a bare competence id
            value = _construct(node)
            if not isinstance(value, str) or not value.strip():
                self.add(
                    "missing_value",
                    "a requirement needs a competence id",
                    line,
                    nid,
                    "competence",
                    value,
                )
                return None, None
            return Requirement(value), value
        if not isinstance(node, yaml.MappingNode):
            self.add("not_a_mapping", "a requirement is a competence id or a mapping", line, nid)
            return None, None
        values = {str(k): (_construct(v), ln) for k, v, ln in _items(node)}
        ok = True
        for k, (v, ln) in values.items():
            if k not in _REQUIREMENT_KEYS:
                self.add(
                    "unknown_field",
                    f"a requirement has no field {k!r}{did_you_mean(k, _REQUIREMENT_KEYS)}",
                    ln,
                    nid,
                    k,
                    v,
                )
                ok = False
        comp = values.get("competence", (None, line))
        if not isinstance(comp[0], str) or not comp[0].strip():
            self.add(
                "missing_value",
                "a requirement needs a competence id",
                comp[1],
                nid,
                "competence",
                comp[0],
            )
            ok = False
        fte = DEFAULT_FTE
        if "fte" in values and "hours_per_week" in values:
            self.add(
                "ambiguous_amount",
                "give fte or hours_per_week, not both",
                values["hours_per_week"][1],
                nid,
                "hours_per_week",
            )
            ok = False
        for amount_key, scale in (("fte", 1.0), ("hours_per_week", 1 / HOURS_PER_FTE)):
            if amount_key in values:
                v, ln = values[amount_key]
                if not _is_number(v):
                    self.add(
                        "not_a_number", f"{amount_key} must be a number", ln, nid, amount_key, v
                    )
                    ok = False
                elif v <= 0:
                    self.add(
                        "not_positive", f"{amount_key} must be more than 0", ln, nid, amount_key, v
                    )
                    ok = False
                else:
                    fte = round(float(v) * scale, 10)
        ext = values.get("external", (None, line))[0]
        if ext is not None and (not isinstance(ext, str) or not ext.strip()):
            self.add(
                "bad_value",
                "external names the external party (a unit id)",
                values["external"][1],
                nid,
                "external",
                ext,
            )
            ok = False
        key: str | None = None
        if isinstance(comp[0], str) and comp[0].strip():
            key = f"{comp[0]}@{ext}" if isinstance(ext, str) and ext else comp[0]
        if not ok:
            return None, key
        req = Requirement(
            comp[0],
            fte,
            ext,
            str(values.get("role", ("",))[0] or ""),
            str(values.get("note", ("",))[0] or ""),
        )
        return req, req.key

    def preferences(self, entry: Any, nid: Any) -> dict[str, Any] | None:
        if entry is None:
            return {}
        value, node, line = entry
        if value is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.add("not_a_mapping", "preferences must be a mapping", line, nid, "preferences")
            return None
        out: dict[str, Any] = {}
        ok = True
        for k, v, ln in _items(node):
            v = _construct(v)
            if k in ("same_main_mission", "external_partners"):
                if not isinstance(v, bool):
                    self.add("not_a_bool", f"{k} must be true or false", ln, nid, k, v)
                    ok = False
                else:
                    out[k] = v
            elif k == "max_units":
                if v is None:
                    continue
                if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                    self.add(
                        "bad_value", "max_units must be a whole number of at least 1", ln, nid, k, v
                    )
                    ok = False
                else:
                    out[k] = v
            else:
                self.add(
                    "unknown_field",
                    f"preferences have no field {k!r}{did_you_mean(k, _PREFERENCE_KEYS)}",
                    ln,
                    nid,
                    str(k),
                    v,
                )
                ok = False
        return out if ok else None


def loads_needs(text: str, source: str | None = None) -> NeedSet:
    """The needs of a needs file's text: a :class:`NeedSet` (``{id: Need}`` in file order,
    other top-level fields in ``meta``).

    Raises
    ------
    FormatError
        Not YAML, or not a needs file (no ``orgmodel-needs`` key).
    UnsupportedFormatError
        A format version newer than this orgmodel reads.
    ValidationError
        Every problem in the needs, each with its line (``.report``).
    """
    what = source or "the text"
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise FormatError(
            f"{what}{where}: not valid YAML: {getattr(exc, 'problem', exc)}"
        ) from None
    if not isinstance(root, yaml.MappingNode):
        raise FormatError(f"{what}: expected a mapping with '{FORMAT_KEY}: 1' at the top")
    top = {str(k): (v, ln) for k, v, ln in _items(root)}
    if FORMAT_KEY not in top:
        raise FormatError(f"{what}: not a needs file: the key '{FORMAT_KEY}: 1' is missing")
    version = _construct(top[FORMAT_KEY][0])
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FormatError(
            f"{what}, line {top[FORMAT_KEY][1]}: {FORMAT_KEY} must be 1, not {version!r}"
        )
    if version > FORMAT_VERSION:
        raise UnsupportedFormatError(
            f"{what}, line {top[FORMAT_KEY][1]}: needs file version {version} is newer than "
            f"this orgmodel reads (up to {FORMAT_VERSION}); upgrade orgmodel"
        )
    reader = _Reader(source)
    needs: dict[str, Need] = {}
    if "needs" not in top:
        reader.add("missing_value", "a needs file has a list 'needs'", 1, field="needs")
    else:
        node, line = top["needs"]
        if not isinstance(node, yaml.SequenceNode):
            reader.add("not_a_list", "needs must be a list", line, field="needs")
        else:
            seen: dict[str, int] = {}
            for item in node.value:
                need = reader.need(item, item.start_mark.line + 1, seen)
                if need is not None:
                    needs[need.id] = need
    if reader.problems:
        raise ValidationError(ValidationReport(reader.problems), what)
    meta = {k: _construct(v) for k, (v, _) in top.items() if k not in (FORMAT_KEY, "needs")}
    return NeedSet(needs.values(), meta)


def read_needs(path: str | os.PathLike[str]) -> NeedSet:
    """Read a needs file (see :func:`loads_needs`)."""
    path = Path(path)
    return loads_needs(path.read_text(encoding="utf-8"), source=str(path))


def _needs_of(needs: Mapping[str, Need] | Iterable[Need]) -> list[Need]:
    return list(needs.values()) if isinstance(needs, Mapping) else list(needs)


def dumps_needs(needs: Mapping[str, Need] | Iterable[Need], **top: Any) -> str:
    """The needs file text (``orgmodel-needs: 1``, then the ``meta`` of a :class:`NeedSet`
    updated by ``top``, then the needs).

    >>> print(dumps_needs([Need("v", "Viktor", requirements=(Requirement("pedagogik"),))]))
    orgmodel-needs: 1
    needs:
    - id: v
      title: Viktor
      competences:
      - competence: pedagogik
        fte: 0.1
    <BLANKLINE>
    """
    meta = needs.meta if isinstance(needs, NeedSet) else {}
    data: dict[str, Any] = {FORMAT_KEY: FORMAT_VERSION, **meta, **top}
    data["needs"] = [n.to_dict() for n in _needs_of(needs)]
    return yaml.dump(
        data, Dumper=safe_dumper(yaml.SafeDumper), allow_unicode=True, sort_keys=False, width=100
    )


def write_needs(
    needs: Mapping[str, Need] | Iterable[Need], path: str | os.PathLike[str], **top: Any
) -> None:
    """Write a needs file atomically (an error never leaves half a file)."""
    text = dumps_needs(needs, **top)
    with atomic_write(Path(path)) as f:
        f.write(text)


def check_needs(needs: Mapping[str, Need] | Iterable[Need], org: Organisation) -> ValidationReport:
    """Problems of the needs against an organisation: unknown competence ids (errors),
    external parties or partners that are not units of the organisation (warnings), and
    parties that are units but not of kind ``external`` (warnings).

    >>> from orgmodel.model import Competence
    >>> org = Organisation(competences=[Competence("pedagogik")])
    >>> n = Need("v", requirements=(Requirement("pedagogk"),))
    >>> print(check_needs([n], org).to_text())
    needs 'v', field competence = 'pedagogk': no competence 'pedagogk'; did you mean 'pedagogik'? [error unknown_competence]
    """
    problems: list[Problem] = []
    for n in _needs_of(needs):
        for r in n.requirements:
            if org.competence_map and r.competence not in org.competence_map:
                problems.append(
                    Problem(
                        "error",
                        "unknown_competence",
                        f"no competence {r.competence!r}{did_you_mean(r.competence, org.competence_map)}",
                        table="needs",
                        id=n.id,
                        field="competence",
                        value=r.competence,
                    )
                )
        parties = [("external", r.external) for r in n.requirements if r.external]
        parties += [("partners", p) for p in n.partners]
        for fld, party in parties:
            if party not in org.unit_map:
                problems.append(
                    Problem(
                        "warning",
                        "unknown_party",
                        f"no unit {party!r} for the external party{did_you_mean(party, org.unit_map)}",
                        table="needs",
                        id=n.id,
                        field=fld,
                        value=party,
                    )
                )
            elif org.unit(party).kind != "external":
                problems.append(
                    Problem(
                        "warning",
                        "not_external",
                        f"unit {party!r} is of kind {org.unit(party).kind!r}, not 'external'",
                        table="needs",
                        id=n.id,
                        field=fld,
                        value=party,
                    )
                )
    return ValidationReport(problems)
