"""The :class:`Organisation`: an immutable whole of units, posts, people and links.

It keeps its entities in private dictionaries and builds networkx graphs and pandas tables
from them on first use (cached; the graphs are frozen, the tables are copies), so no caller
can leave it inconsistent. Changes return a new organisation (:meth:`Organisation.evolve`).

>>> from orgmodel.model.entities import Unit, Post
>>> org = Organisation(
...     units=[Unit("ks", "Kommunstyrelsen", kind="political_body"),
...            Unit("kansliet", "Kansliet", kind="office", head="chef")],
...     posts=[Post("chef", unit="kansliet", title="Kanslichef", cost=780_000),
...            Post("vu", unit="kansliet", title="Verksamhetsutvecklare", reports_to="chef",
...                 fte_budgeted=3.0, fte_actual=2.4, cost=1_800_000)],
...     name="Hjo",
... )
>>> org
<Organisation 'Hjo': 2 units, 2 posts, 0 people, FTE 3.4 actual / 4 budgeted>
>>> org.posts[["unit", "fte_budgeted", "fte_actual"]]
            unit  fte_budgeted  fte_actual
id
chef  kansliet           1.0         1.0
vu    kansliet           3.0         2.4
>>> org2 = org.evolve(posts=[org.post("chef"), org.post("vu").evolve(fte_actual=3.0)])
>>> org.post("vu").fte_actual, org2.post("vu").fte_actual
(2.4, 3.0)
>>> org.post("kanslichef")
Traceback (most recent call last):
...
orgmodel.errors.UnknownIdError: no post with id 'kanslichef'; did you mean 'chef'?
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any

import networkx as nx
import pandas as pd

from orgmodel.errors import UnknownIdError, ValidationError
from orgmodel.model.entities import Competence, FrozenDict, Holding, Link, Person, Post, Unit
from orgmodel.model.report import SourceMap, ValidationReport
from orgmodel.model.validate import check

__all__ = ["Organisation"]

_TABLES = ("units", "posts", "people", "holdings", "competences", "links")


def _core_fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.name != "attrs"]


def _frame(items: Iterable[Any], cls: type, index: str | None) -> pd.DataFrame:
    """A table of entities: one column per field, then one per free attribute."""
    core = _core_fields(cls)
    items = list(items)
    data: dict[str, list[Any]] = {c: [getattr(it, c) for it in items] for c in core}
    extra: dict[str, list[Any]] = {}
    for k, it in enumerate(items):
        for key, v in it.attrs.items():
            col = key if key not in data else f"attrs.{key}"
            extra.setdefault(col, [None] * len(items))[k] = v
    df = pd.DataFrame({**data, **extra}, columns=[*core, *extra])
    if index is not None:
        df = df.set_index(index)
    return df


class Organisation:
    """An organisation: units in a hierarchy, posts in units, people, competences and links.

    Parameters
    ----------
    units, posts, people, holdings, competences, links
        The entities (see :mod:`orgmodel.model.entities`). Order is kept (it is the order
        of siblings in charts).
    name
        A display name.
    meta
        Free information about the whole: ``currency``, ``date``, ``description``, ``source``,
        ``illustrative`` ... (file readers keep unknown top-level fields here).
    validate
        Check the data first (default). With errors a :class:`~orgmodel.errors.ValidationError`
        lists every problem; warnings are kept in :attr:`report`.
    locations
        Where the entities were read from, so that problems name file, sheet and row/line.
    """

    __slots__ = (
        "__dict__",
        "_competences",
        "_holdings",
        "_links",
        "_meta",
        "_name",
        "_people",
        "_posts",
        "_report",
        "_units",
    )

    def __init__(
        self,
        units: Iterable[Unit] = (),
        posts: Iterable[Post] = (),
        people: Iterable[Person] = (),
        holdings: Iterable[Holding] = (),
        competences: Iterable[Competence] = (),
        links: Iterable[Link] = (),
        *,
        name: str = "",
        meta: Mapping[str, Any] | None = None,
        validate: bool = True,
        locations: SourceMap | None = None,
    ):
        lists = {
            "units": list(units),
            "posts": list(posts),
            "people": list(people),
            "holdings": list(holdings),
            "competences": list(competences),
            "links": list(links),
        }
        for table, cls in zip(
            _TABLES, (Unit, Post, Person, Holding, Competence, Link), strict=True
        ):
            for it in lists[table]:
                if not isinstance(it, cls):
                    raise TypeError(f"{table} must hold {cls.__name__} values, got {it!r}")
        if validate:
            report = check(**lists, locations=locations)
            if not report.ok:
                raise ValidationError(report, f"organisation {name!r}" if name else None)
        else:
            report = None
        self._units = {u.id: u for u in lists["units"]}
        self._posts = {p.id: p for p in lists["posts"]}
        self._people = {p.id: p for p in lists["people"]}
        self._competences = {c.id: c for c in lists["competences"]}
        self._holdings = tuple(lists["holdings"])
        self._links = tuple(lists["links"])
        self._name = name
        self._meta = FrozenDict(meta or {})
        self._report = report

    # ---- identity ------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def meta(self) -> FrozenDict:
        """Read-only information about the whole (currency, date, source, ...)."""
        return self._meta

    @property
    def currency(self) -> str:
        """``meta['currency']``, or ``'SEK'`` when not given."""
        return str(self._meta.get("currency", "SEK"))

    # ---- entities --------------------------------------------------------------------------
    @property
    def unit_map(self) -> Mapping[str, Unit]:
        """Read-only ``{id: Unit}`` in file order."""
        return MappingProxyType(self._units)

    @property
    def post_map(self) -> Mapping[str, Post]:
        return MappingProxyType(self._posts)

    @property
    def person_map(self) -> Mapping[str, Person]:
        return MappingProxyType(self._people)

    @property
    def competence_map(self) -> Mapping[str, Competence]:
        return MappingProxyType(self._competences)

    @property
    def holding_list(self) -> tuple[Holding, ...]:
        return self._holdings

    @property
    def link_list(self) -> tuple[Link, ...]:
        return self._links

    def unit(self, id: str) -> Unit:
        """The unit with this id; :class:`~orgmodel.errors.UnknownIdError` lists close ids."""
        try:
            return self._units[id]
        except KeyError:
            raise UnknownIdError("unit", id, self._units) from None

    def post(self, id: str) -> Post:
        try:
            return self._posts[id]
        except KeyError:
            raise UnknownIdError("post", id, self._posts) from None

    def person(self, id: str) -> Person:
        try:
            return self._people[id]
        except KeyError:
            raise UnknownIdError("person", id, self._people) from None

    def competence(self, id: str) -> Competence:
        try:
            return self._competences[id]
        except KeyError:
            raise UnknownIdError("competence", id, self._competences) from None

    def __contains__(self, id: object) -> bool:
        """True when ``id`` is a unit, post or person id."""
        return id in self._units or id in self._posts or id in self._people

    # ---- structure helpers ----------------------------------------------------------------
    @cached_property
    def _children(self) -> dict[str | None, list[str]]:
        kids: dict[str | None, list[str]] = {}
        for u in self._units.values():
            kids.setdefault(u.parent, []).append(u.id)
        return kids

    @cached_property
    def _unit_posts(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {u: [] for u in self._units}
        for p in self._posts.values():
            out.setdefault(p.unit, []).append(p.id)
        return out

    def roots(self) -> list[str]:
        """Ids of the top units (the hierarchy is a forest)."""
        return list(self._children.get(None, []))

    def children(self, unit: str) -> list[str]:
        """Ids of the units directly under ``unit``, in order."""
        self.unit(unit)
        return list(self._children.get(unit, []))

    def descendants(self, unit: str) -> list[str]:
        """Ids of every unit below ``unit`` (depth first, in order), not ``unit`` itself."""
        self.unit(unit)
        out: list[str] = []
        stack = list(reversed(self._children.get(unit, [])))
        while stack:
            u = stack.pop()
            out.append(u)
            stack.extend(reversed(self._children.get(u, [])))
        return out

    def ancestors(self, unit: str) -> list[str]:
        """Ids from the parent of ``unit`` up to its top unit."""
        out: list[str] = []
        parent = self.unit(unit).parent
        while parent is not None:
            out.append(parent)
            parent = self._units[parent].parent
        return out

    def posts_in(self, unit: str, *, recursive: bool = False) -> list[str]:
        """Ids of the posts in ``unit`` (and in the units below it when ``recursive``)."""
        self.unit(unit)
        units = [unit, *self.descendants(unit)] if recursive else [unit]
        return [p for u in units for p in self._unit_posts.get(u, [])]

    def reports(self, post: str) -> list[str]:
        """Ids of the posts reporting directly to ``post``."""
        self.post(post)
        return list(self.reporting.successors(post))

    def holders(self, post: str) -> list[tuple[str, float]]:
        """``(person, share)`` for each holder of ``post``."""
        self.post(post)
        return [(h.person, h.share) for h in self._holdings if h.post == post]

    # ---- graphs (frozen, cached) ----------------------------------------------------------
    @cached_property
    def hierarchy(self) -> nx.DiGraph:
        """Units as a frozen DiGraph, edges parent -> child; node data: name, kind, head."""
        g = nx.DiGraph(name=self._name)
        for u in self._units.values():
            g.add_node(u.id, name=u.name, kind=u.kind, head=u.head)
        g.add_edges_from((u.parent, u.id) for u in self._units.values() if u.parent is not None)
        return nx.freeze(g)

    @cached_property
    def reporting(self) -> nx.DiGraph:
        """Posts as a frozen DiGraph, edges manager -> report; node data: unit, title."""
        g = nx.DiGraph(name=self._name)
        for p in self._posts.values():
            g.add_node(p.id, unit=p.unit, title=p.title)
        g.add_edges_from(
            (p.reports_to, p.id) for p in self._posts.values() if p.reports_to is not None
        )
        return nx.freeze(g)

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        """Every link as a frozen MultiDiGraph (key = kind; data: weight, directed, attrs).

        Nodes are the link ends (units, posts or people) with ``type`` = unit/post/person.
        An undirected link is stored once, source -> target, with ``directed=False``.
        """
        g = nx.MultiDiGraph(name=self._name)
        for link in self._links:
            for end in (link.source, link.target):
                if end not in g:
                    g.add_node(end, type=self.kind_of(end))
            g.add_edge(
                link.source,
                link.target,
                key=link.kind,
                weight=link.weight,
                directed=link.directed,
                **link.attrs,
            )
        return nx.freeze(g)

    def kind_of(self, id: str) -> str:
        """``'unit'``, ``'post'`` or ``'person'``."""
        if id in self._units:
            return "unit"
        if id in self._posts:
            return "post"
        if id in self._people:
            return "person"
        raise UnknownIdError(
            "unit, post or person", id, [*self._units, *self._posts, *self._people]
        )

    # ---- tables (copies) ------------------------------------------------------------------
    @cached_property
    def _frames(self) -> dict[str, pd.DataFrame]:
        return {}

    def _table(self, table: str) -> pd.DataFrame:
        df = self._frames.get(table)
        if df is None:
            if table == "units":
                df = _frame(self._units.values(), Unit, "id")
            elif table == "posts":
                df = _frame(self._posts.values(), Post, "id")
                df.insert(
                    df.columns.get_loc("fte_actual") + 1,
                    "fte_gap",  # rounded as Post.fte_gap: 2.4 - 3.0 is -0.6, not -0.6000000000000001
                    (df["fte_actual"] - df["fte_budgeted"]).round(10),
                )
            elif table == "people":
                df = _frame(self._people.values(), Person, "id")
            elif table == "holdings":
                df = _frame(self._holdings, Holding, None)
            elif table == "competences":
                df = _frame(self._competences.values(), Competence, "id")
            else:
                df = _frame(self._links, Link, None)
            self._frames[table] = df
        return df.copy()

    @property
    def units(self) -> pd.DataFrame:
        """One row per unit (index ``id``): name, kind, parent, head, then free attributes."""
        return self._table("units")

    @property
    def posts(self) -> pd.DataFrame:
        """One row per post (index ``id``): unit, title, fte_budgeted, fte_actual, fte_gap,
        cost, reports_to, vacant, competences, then free attributes."""
        return self._table("posts")

    @property
    def people(self) -> pd.DataFrame:
        return self._table("people")

    @property
    def holdings(self) -> pd.DataFrame:
        """One row per (person, post, share)."""
        return self._table("holdings")

    @property
    def competences(self) -> pd.DataFrame:
        return self._table("competences")

    @property
    def links(self) -> pd.DataFrame:
        """One row per link: source, target, kind, weight, directed, then free attributes."""
        return self._table("links")

    # ---- change ---------------------------------------------------------------------------
    def evolve(self, *, validate: bool = True, **changes: Any) -> Organisation:
        """A new organisation with some parts replaced; this one is unchanged.

        Keywords: ``units``, ``posts``, ``people``, ``holdings``, ``competences``, ``links``
        (iterables of entities, or ``{id: entity}`` mappings), ``name``, ``meta``.
        """
        unknown = set(changes) - {*_TABLES, "name", "meta"}
        if unknown:
            raise TypeError(f"evolve() got unknown parts {sorted(unknown)}; valid: {_TABLES}")
        parts: dict[str, Any] = {
            "units": self._units.values(),
            "posts": self._posts.values(),
            "people": self._people.values(),
            "holdings": self._holdings,
            "competences": self._competences.values(),
            "links": self._links,
        }
        for k, v in changes.items():
            if k in _TABLES:
                parts[k] = v.values() if isinstance(v, Mapping) else v
        return Organisation(
            **parts,
            name=changes.get("name", self._name),
            meta=changes.get("meta", self._meta),
            validate=validate,
        )

    def _derive(self, **parts: Any) -> Organisation:
        """A new organisation sharing the unchanged parts; no validation, no copies.

        For code that has already checked its change (reorganisation operations check their
        preconditions). ``units``/``posts``/``people``/``competences`` are ``{id: entity}``
        dicts that the caller hands over and must not change afterwards; ``holdings`` and
        ``links`` are tuples.
        """
        new = object.__new__(Organisation)
        new._units = parts.get("units", self._units)
        new._posts = parts.get("posts", self._posts)
        new._people = parts.get("people", self._people)
        new._competences = parts.get("competences", self._competences)
        new._holdings = tuple(parts.get("holdings", self._holdings))
        new._links = tuple(parts.get("links", self._links))
        new._name = parts.get("name", self._name)
        new._meta = FrozenDict(parts.get("meta", self._meta))
        new._report = None
        return new

    # ---- checks and summaries --------------------------------------------------------------
    def validate(self) -> ValidationReport:
        """The problems of this organisation (only warnings: errors stop construction)."""
        if self._report is None:
            self._report = check(
                list(self._units.values()),
                list(self._posts.values()),
                list(self._people.values()),
                list(self._holdings),
                list(self._competences.values()),
                list(self._links),
            )
        return self._report

    @property
    def report(self) -> ValidationReport:
        """Same as :meth:`validate`."""
        return self.validate()

    def summary(self) -> dict[str, Any]:
        """Key figures as a dict (see :func:`orgmodel.analysis.summary`)."""
        from orgmodel.analysis import summary

        return summary(self)

    def iter_units(self) -> Iterator[Unit]:
        return iter(self._units.values())

    def iter_posts(self) -> Iterator[Post]:
        return iter(self._posts.values())

    def iter_people(self) -> Iterator[Person]:
        return iter(self._people.values())

    # ---- comparison and display -------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Organisation):
            return NotImplemented
        return (
            self._name == other._name
            and self._meta == other._meta
            and self._units == other._units
            and self._posts == other._posts
            and self._people == other._people
            and self._competences == other._competences
            and _by_key(self._holdings, lambda h: (h.person, h.post))
            == _by_key(other._holdings, lambda h: (h.person, h.post))
            and _links_by_key(self._links) == _links_by_key(other._links)
        )

    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        """Number of posts."""
        return len(self._posts)

    def __repr__(self) -> str:
        b = sum(float(p.fte_budgeted) for p in self._posts.values())
        a = sum(float(p.fte_actual) for p in self._posts.values())  # type: ignore[arg-type]
        return (
            f"<Organisation {self._name!r}: {len(self._units)} units, {len(self._posts)} posts, "
            f"{len(self._people)} people, FTE {a:.4g} actual / {b:.4g} budgeted>"
        )

    def _repr_html_(self) -> str:
        from orgmodel.model.display import organisation_html

        return organisation_html(self)

    def __getstate__(self) -> dict[str, Any]:
        return {
            "units": list(self._units.values()),
            "posts": list(self._posts.values()),
            "people": list(self._people.values()),
            "holdings": list(self._holdings),
            "competences": list(self._competences.values()),
            "links": list(self._links),
            "name": self._name,
            "meta": self._meta.to_dict(),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state, validate=False)  # type: ignore[misc]


def _links_by_key(links: Iterable[Link]) -> dict[Any, list[Link]]:
    """Like :func:`_by_key`, with each link's ends put in key order (an undirected link
    ``b - a`` is the same as ``a - b``)."""
    return _by_key((k.evolve(source=k.key[1], target=k.key[2]) for k in links), lambda k: k.key)


def _by_key(items: Iterable[Any], key: Any) -> dict[Any, list[Any]]:
    """Order-insensitive form of a list of values that have a natural key."""
    out: dict[Any, list[Any]] = {}
    for it in items:
        out.setdefault(key(it), []).append(it)
    return out
