"""FTE, cost, posts, headcount and vacancies per unit: its own and including its sub-units.

>>> from orgmodel.model import Organisation, Unit, Post
>>> org = Organisation(
...     units=[Unit("kl", "Kommunledning"), Unit("kansli", "Kansliet", parent="kl")],
...     posts=[Post("kd", unit="kl", cost=1_200_000),
...            Post("vu", unit="kansli", fte_budgeted=3.0, fte_actual=2.4, cost=1_800_000),
...            Post("kom", unit="kansli", fte_budgeted=1.0, fte_actual=1.6, cost=650_000)],
... )
>>> r = rollup(org)
>>> r[["fte_budgeted_own", "fte_budgeted_total", "fte_actual_total", "cost_total"]]
        fte_budgeted_own  fte_budgeted_total  fte_actual_total  cost_total
unit
kl                   1.0                 5.0               5.0   3650000.0
kansli               4.0                 4.0               4.0   2450000.0
"""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd

from orgmodel.model import Organisation, Post

__all__ = ["ROLLUP_MEASURES", "headcount_by_post", "rollup", "unit_order"]

#: The measures rolled up; each gives an ``<measure>_own`` and a ``<measure>_total`` column.
ROLLUP_MEASURES = (
    "posts",
    "headcount",
    "vacancies",
    "fte_budgeted",
    "fte_actual",
    "fte_gap",
    "cost",
)


def unit_order(org: Organisation) -> tuple[list[str], dict[str, int]]:
    """Units top-down (every parent before its children) and the depth of each (top = 0)."""
    kids: dict[str | None, list[str]] = defaultdict(list)
    for u in org.iter_units():
        kids[u.parent].append(u.id)
    order: list[str] = []
    depth: dict[str, int] = {}
    stack = [(r, 0) for r in reversed(kids.get(None, []))]
    while stack:
        uid, d = stack.pop()
        order.append(uid)
        depth[uid] = d
        stack.extend((c, d + 1) for c in reversed(kids.get(uid, [])))
    return order, depth


def _explicit_headcount(post: Post) -> int | None:
    """The post's ``headcount`` attribute as an int; None when absent, blank (NaN) or not a
    number."""
    v = post.attrs.get("headcount")
    if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
        return int(v)
    return None


def headcount_by_post(org: Organisation) -> pd.Series:
    """How many people each post stands for.

    When the organisation models people (it has holdings), a post counts its holders.
    Otherwise a post counts 1 unless it is vacant (0). Either way an integer ``headcount``
    attribute on a post (for a row standing for many identical posts, e.g. "450 teachers")
    takes precedence; a blank one (NaN, as pandas reads an empty cell) is ignored.
    """
    holders: dict[str, int] = defaultdict(int)
    for h in org.holding_list:
        holders[h.post] += 1
    with_people = bool(org.holding_list)
    out = {}
    for p in org.iter_posts():
        explicit = _explicit_headcount(p)
        if explicit is not None:
            out[p.id] = explicit
        elif with_people:
            out[p.id] = holders[p.id]
        else:
            out[p.id] = 0 if p.vacant else 1
    return pd.Series(out, name="headcount", dtype="int64").rename_axis("post")


def rollup(org: Organisation) -> pd.DataFrame:
    """Per unit, each measure for the unit's own posts and for its whole sub-tree.

    Parameters
    ----------
    org
        The organisation.

    Returns
    -------
    DataFrame
        Index ``unit`` (top-down order: parents before children, siblings in model order);
        columns ``name``, ``kind``, ``parent``, ``depth`` (top unit = 0), then for each of
        :data:`ROLLUP_MEASURES` an ``_own`` and a ``_total`` column. ``headcount`` follows
        :func:`headcount_by_post`; when people are modelled it counts distinct people: a
        person holding two posts of a unit counts once in its own figure, and a person
        holding posts in two units of a sub-tree counts once in its total.

    Notes
    -----
    A unit's total equals its own value plus the totals of its children (for every measure
    but headcount, which counts distinct people). O(units + posts).
    """
    order, depth = unit_order(org)
    posts = org.posts
    posts["headcount"] = headcount_by_post(org).reindex(posts.index).fillna(0)
    posts["posts"] = 1
    posts["vacancies"] = posts["vacant"].astype(bool).astype(int)
    measures = list(ROLLUP_MEASURES)
    own = posts.groupby("unit", sort=False)[measures].sum().reindex(order).fillna(0)
    own = own.astype({m: "int64" for m in ("posts", "headcount", "vacancies")})

    total = own.to_numpy(dtype=float, copy=True)
    pos = {uid: i for i, uid in enumerate(order)}
    units = org.unit_map
    for uid in reversed(order):  # children before parents
        parent = units[uid].parent
        if parent is not None:
            total[pos[parent]] += total[pos[uid]]
    total_df = pd.DataFrame(total, index=order, columns=measures)

    if org.holding_list:  # people are modelled: count distinct people, not summed children
        explicit = {p.id: n for p in org.iter_posts() if (n := _explicit_headcount(p)) is not None}
        post_unit = {p.id: p.unit for p in org.iter_posts()}
        people_in: dict[str, set[str]] = defaultdict(set)
        counted: dict[str, int] = defaultdict(int)
        for uid, n in ((post_unit[p], n) for p, n in explicit.items()):
            while uid is not None:
                counted[uid] += n
                uid = units[uid].parent
        for h in org.holding_list:
            uid = None if h.post in explicit else post_unit[h.post]
            while uid is not None:
                people_in[uid].add(h.person)
                uid = units[uid].parent
        total_df["headcount"] = [len(people_in[u]) + counted[u] for u in order]
        own_people: dict[str, set[str]] = defaultdict(set)
        own_counted: dict[str, int] = defaultdict(int)
        for pid, n in explicit.items():
            own_counted[post_unit[pid]] += n
        for h in org.holding_list:
            if h.post not in explicit:
                own_people[post_unit[h.post]].add(h.person)
        own["headcount"] = [len(own_people[u]) + own_counted[u] for u in order]

    out = pd.DataFrame(index=pd.Index(order, name="unit"))
    out["name"] = [units[u].name for u in order]
    out["kind"] = [units[u].kind for u in order]
    out["parent"] = [units[u].parent for u in order]
    out["depth"] = [depth[u] for u in order]
    for m in measures:
        out[f"{m}_own"] = own[m].to_numpy()
        col = total_df[m].to_numpy()
        if m in ("posts", "headcount", "vacancies"):
            col = col.astype("int64")
        out[f"{m}_total"] = col
    for c in out.columns:
        if c.startswith(("fte_", "cost")):
            out[c] = out[c].astype(float).round(10)
    return out
