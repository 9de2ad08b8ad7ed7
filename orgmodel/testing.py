"""Helpers for testing code that uses orgmodel: an equality assertion that says what differs,
and hypothesis strategies that make valid random organisations.

hypothesis is imported only inside :func:`organisations`, so this module can be imported
without it.

>>> from orgmodel.model import Organisation, Unit, Post
>>> a = Organisation([Unit("ks")], [Post("p1", unit="ks", fte_budgeted=2.0)])
>>> b = a.evolve(posts=[Post("p1", unit="ks", fte_budgeted=2.5, attrs={"lönekod": 7})])
>>> assert_organisations_equal(a, a)
>>> assert_organisations_equal(a, b)
Traceback (most recent call last):
...
AssertionError: the organisations differ:
  posts 'p1', field fte_budgeted: 2.0 != 2.5
  posts 'p1', field fte_actual: 2.0 != 2.5
  posts 'p1', attribute 'lönekod': (missing) != 7
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from orgmodel.model import (
    LINK_KINDS,
    UNIT_KINDS,
    Competence,
    Holding,
    Link,
    Organisation,
    Person,
    Post,
    Unit,
)
from orgmodel.model.validate import links_clash

__all__ = ["assert_organisations_equal", "organisations"]

_MISSING = object()


def _show(v: Any) -> str:
    return "(missing)" if v is _MISSING else repr(v)


def _same(a: Any, b: Any, strict_types: bool) -> bool:
    """Equal, and (when ``strict_types``) of the same types all the way down."""
    if strict_types and type(a) is not type(b):
        return False
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_same(a[k], b[k], strict_types) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(
            _same(x, y, strict_types) for x, y in zip(a, b, strict=True)
        )
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b)


def _compare_mapping(label: str, a: Mapping, b: Mapping, strict: bool, out: list[str]) -> None:
    for key in [*a, *(k for k in b if k not in a)]:
        x, y = a.get(key, _MISSING), b.get(key, _MISSING)
        if x is _MISSING or y is _MISSING or not _same(x, y, strict):
            types = ""
            if x is not _MISSING and y is not _MISSING and x == y:
                types = f" ({type(x).__name__} != {type(y).__name__})"
            out.append(f"{label} {key!r}: {_show(x)} != {_show(y)}{types}")


def _compare_entity(table: str, key: Any, a: Any, b: Any, strict: bool, out: list[str]) -> None:
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if f.name == "attrs":
            _compare_mapping(f"{table} {key!r}, attribute", x, y, strict, out)
        elif not _same(x, y, strict):
            types = f" ({type(x).__name__} != {type(y).__name__})" if x == y else ""
            out.append(f"{table} {key!r}, field {f.name}: {x!r} != {y!r}{types}")


def _keyed(items: Iterable[Any], key: Any) -> dict[Any, Any]:
    return {key(it): it for it in items}


def _links_keyed(links: Iterable[Link]) -> dict[Any, Link]:
    """Links by key, each with its ends in key order: undirected ``b - a`` equals ``a - b``
    (as in ``Organisation.__eq__``)."""
    return {k.key: k.evolve(source=k.key[1], target=k.key[2]) for k in links}


def assert_organisations_equal(a: Organisation, b: Organisation, *, strict_types: bool = True):
    """Raise :class:`AssertionError` listing every difference between two organisations.

    Each line names the table, the id (``(person, post)`` for holdings, ``(kind, source,
    target)`` for links), the field or attribute and both values. Order does not matter.

    Parameters
    ----------
    strict_types
        Also report values that compare equal but differ in type (``1`` and ``1.0``,
        ``True`` and ``1``), as a lossless file round trip must keep them. Default True.
    """
    out: list[str] = []
    if a.name != b.name:
        out.append(f"name: {a.name!r} != {b.name!r}")
    _compare_mapping("meta", a.meta, b.meta, strict_types, out)
    tables = [
        ("units", a.unit_map, b.unit_map),
        ("posts", a.post_map, b.post_map),
        ("people", a.person_map, b.person_map),
        ("competences", a.competence_map, b.competence_map),
        (
            "holdings",
            _keyed(a.holding_list, lambda h: (h.person, h.post)),
            _keyed(b.holding_list, lambda h: (h.person, h.post)),
        ),
        ("links", _links_keyed(a.link_list), _links_keyed(b.link_list)),
    ]
    for table, x, y in tables:
        only_a = [k for k in x if k not in y]
        only_b = [k for k in y if k not in x]
        if only_a:
            out.append(f"{table} only in the first: {', '.join(map(repr, only_a))}")
        if only_b:
            out.append(f"{table} only in the second: {', '.join(map(repr, only_b))}")
        for k in x:
            if k in y:
                _compare_entity(table, k, x[k], y[k], strict_types, out)
    if out:
        raise AssertionError("the organisations differ:\n  " + "\n  ".join(out))


# ---- hypothesis strategies ---------------------------------------------------------------------

#: Ids that trip up careless readers: numbers, booleans, dates and nulls in YAML, formulas
#: in spreadsheets.
TRICKY_IDS = (
    "001",
    "1",
    "1.5",
    "yes",
    "no",
    "on",
    "null",
    "~",
    "true",
    "2024-01-10",
    "=a1",
    "+46",
    "-1",
    "@hjo",
    "Øst",
    "Ærø",
    "hälsa",
    "1e3",
    "0x1f",
)

_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöæøABCÅÄÖÆØ0123456789-_."


def _field_names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


_RESERVED_ATTRS = {
    "units": _field_names(Unit),
    "posts": _field_names(Post),
    "people": _field_names(Person) | {"holds"},
    "holdings": _field_names(Holding),
    "competences": _field_names(Competence),
    "links": _field_names(Link),
}


def organisations(
    max_units: int = 8,
    max_posts: int = 20,
    with_people: bool = True,
    with_links: bool = True,
    *,
    plain_text: bool = False,
):
    """A hypothesis strategy for valid random organisations.

    Units form a forest, posts sit in existing units and report within a forest, people
    hold posts with shares summing to at most 1, links join existing units, posts and
    people. Ids include tricky ones (:data:`TRICKY_IDS`); names and free attributes use
    any printable unicode (å ä ö æ ø included); attributes hold None, booleans, integers,
    floats (also infinite), text, dates, datetimes, lists and mappings.

    With ``plain_text=True`` text is made of letters (å ä ö æ ø included), digits, spaces,
    line breaks
    and common punctuation only, as in most real files.

    Blank text (only spaces) is not used for names, titles or attribute names, as a
    spreadsheet cannot tell it from an empty cell.
    """
    from hypothesis import strategies as st

    if plain_text:
        chars = st.sampled_from(
            "abcdefghijklmnopqrstuvwxyzåäöæøABCÅÄÖÆØ0123456789 -.,:;'\"#()/&%\n"
        )
    else:
        chars = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n")
    text = st.text(chars, min_size=1, max_size=12).filter(lambda s: s.strip() != "")
    # names of attributes and mapping keys: in plain text, on one line
    key_text = text.filter(lambda s: not plain_text or "\n" not in s)
    nordic = st.sampled_from(
        [
            "Kansliet",
            "Skolförvaltningen",
            "Økonomi og styring",
            "Ærø kommune",
            "Hälsa och omsorg",
            "Tjänsteskrivelse – åäö",
        ]
    )
    names = st.one_of(nordic, text)
    ids = st.one_of(st.sampled_from(TRICKY_IDS), st.text(_ID_ALPHABET, min_size=1, max_size=8))
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(chars, max_size=10),
        nordic,
        st.dates(),
        st.datetimes(),
    )
    values = st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(key_text, inner, max_size=3),
        ),
        max_leaves=6,
    )

    def attrs(table: str):
        key = key_text.filter(
            lambda k: (
                k.strip() == k
                and k.casefold() not in {f.casefold() for f in _RESERVED_ATTRS[table]}
                and not k.startswith("Unnamed: ")
            )
        )
        return st.dictionaries(key, values, max_size=2)

    amount = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
    fte = st.floats(min_value=0, max_value=500, allow_nan=False, allow_infinity=False)

    @st.composite
    def build(draw):
        n_units = draw(st.integers(1, max(1, max_units)))
        n_posts = draw(st.integers(0, max_posts))
        n_people = draw(st.integers(0, 6)) if with_people else 0
        n_comp = draw(st.integers(0, 4))
        all_ids = draw(
            st.lists(
                ids,
                min_size=n_units + n_posts + n_people + n_comp,
                max_size=n_units + n_posts + n_people + n_comp,
                unique_by=lambda s: s,
            )
        )
        unit_ids = all_ids[:n_units]
        post_ids = all_ids[n_units : n_units + n_posts]
        person_ids = all_ids[n_units + n_posts : n_units + n_posts + n_people]
        comp_ids = all_ids[n_units + n_posts + n_people :]
        competence_lists = (
            st.lists(st.sampled_from(comp_ids), unique=True, max_size=3)
            if comp_ids
            else st.just([])
        )

        units = []
        for k, uid in enumerate(unit_ids):
            parent = draw(st.none() | st.sampled_from(unit_ids[:k])) if k else None
            head = draw(st.none() | st.sampled_from(post_ids)) if post_ids else None
            units.append(
                Unit(
                    uid,
                    draw(names),
                    kind=draw(st.sampled_from(UNIT_KINDS) | text),
                    parent=parent,
                    head=head,
                    attrs=draw(attrs("units")),
                )
            )
        posts = []
        for k, pid in enumerate(post_ids):
            vacant = draw(st.booleans())
            posts.append(
                Post(
                    pid,
                    unit=draw(st.sampled_from(unit_ids)),
                    title=draw(names),
                    fte_budgeted=draw(fte),
                    fte_actual=draw(st.none() | fte),
                    cost=draw(amount),
                    reports_to=draw(st.none() | st.sampled_from(post_ids[:k])) if k else None,
                    vacant=vacant,
                    competences=tuple(draw(competence_lists)),
                    attrs=draw(attrs("posts")),
                )
            )
        people, holdings = [], []
        for mid in person_ids:
            people.append(
                Person(
                    mid,
                    draw(names),
                    competences=tuple(draw(competence_lists)),
                    attrs=draw(attrs("people")),
                )
            )
            held = (
                draw(st.lists(st.sampled_from(post_ids), unique=True, max_size=3))
                if post_ids
                else []
            )
            raw = [draw(st.floats(0.01, 1.0)) for _ in held]
            scale = max(1.0, sum(raw) * 1.0000001)
            for post, share in zip(held, raw, strict=True):
                holdings.append(Holding(mid, post, share / scale, attrs=draw(attrs("holdings"))))
        competences = [
            Competence(
                c,
                draw(names),
                description=draw(st.just("") | text),
                attrs=draw(attrs("competences")),
            )
            for c in comp_ids
        ]
        links = []
        ends = [*unit_ids, *post_ids, *person_ids]
        if with_links and len(ends) >= 2:
            for _ in range(draw(st.integers(0, 5))):
                s, t = draw(st.lists(st.sampled_from(ends), min_size=2, max_size=2, unique=True))
                link = Link(
                    s,
                    t,
                    kind=draw(st.sampled_from(list(LINK_KINDS))),
                    weight=draw(st.floats(0, 100)),
                    directed=draw(st.booleans()),
                    attrs=draw(attrs("links")),
                )
                # Only links valid together: no clash (same key, or an undirected and a
                # directed link of a kind between the same two ends, in either direction).
                if not any(links_clash(link, other) for other in links):
                    links.append(link)
        meta = draw(st.dictionaries(key_text.filter(lambda k: k.strip() == k), values, max_size=3))
        if draw(st.booleans()):
            meta["date"] = draw(st.dates(min_value=_dt.date(2000, 1, 1)))
        return Organisation(
            units,
            posts,
            people,
            holdings,
            competences,
            links,
            name=draw(st.just("") | names),
            meta=meta,
        )

    return build()
