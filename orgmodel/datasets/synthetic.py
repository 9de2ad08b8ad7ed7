"""Synthetic organisations of any size, for benchmarks, tests and teaching.

The generator builds a realistic-looking hierarchy level by level, with numpy (seeded, and
vectorised so that 100,000 posts take a few seconds):

* **Reporting levels.** Post level 0 is the chief executive. Level sizes grow
  geometrically so that the levels add up to ``n_posts``; by default there are as few
  levels as a mean span of control of ``mean_span`` allows (4 manager levels at 1,000 posts,
  5 at 10,000, 6 at 100,000), and the bottom level holds the front-line posts.
* **Spans of control.** On each level some posts manage the next one (the others are
  staff: advisers, specialists); a manager's number of direct reports is drawn from a
  right-skewed distribution (a multinomial with log-normal weights) kept within ``span``,
  with a mean close to ``mean_span``.
* **Units.** Every manager heads a unit; the manager's staff sit in it, and the units of the
  managers below become its sub-units. Unit kinds follow the level: organisation,
  administration, department, unit, ..., team.
* **FTE.** Budgeted FTE is 1.0 except for a share of part-time posts (0.5-0.9). A share of
  posts is vacant (actual FTE 0) and a share has a gap (leave: actual 50-90 % of budgeted).
* **Cost.** Yearly cost = monthly pay x 12 x 1.45 (employer's contributions) x budgeted FTE,
  with log-normal pay around a median that rises with the level (SEK, 2024-like figures).
  All figures are made up: ``meta['illustrative']`` is true.
* **Collaboration links** between posts, with locality: most join two posts of the same
  unit, some a post in a sibling unit (same parent unit), a few are long ties to any post.

>>> org = synthetic_organisation(200, seed=1)
>>> org
<Organisation 'Synthetic organisation (200 posts, seed 1)': 29 units, 200 posts, ...>
>>> org == synthetic_organisation(200, seed=1)
True
>>> org.report.ok
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from orgmodel.model import Link, Organisation, Post, Unit

__all__ = ["synthetic_frames", "synthetic_organisation"]

#: Monthly pay (SEK) of a manager on the lowest manager level, and the factor per level up.
MANAGER_PAY_BOTTOM = 48_000.0
MANAGER_PAY_STEP = 1.2
#: Monthly pay (SEK) of a front-line post, and the factor per level up for staff posts.
STAFF_PAY_BOTTOM = 36_000.0
STAFF_PAY_STEP = 1.06
#: Yearly cost of a post = monthly pay x 12 x this (employer's social contributions, pension).
EMPLOYER_COST_FACTOR = 1.45
PAY_SIGMA = 0.15
PART_TIME_FTE = (0.5, 0.6, 0.75, 0.8, 0.9)
GAP_FACTORS = (0.5, 0.75, 0.8, 0.9)

_MANAGER_TITLES = ("Chief executive", "Director", "Head of department")
_STAFF_TITLES = ("Adviser", "Specialist", "Coordinator", "Administrator", "Analyst")
_FRONTLINE_TITLES = ("Officer", "Case worker", "Administrator", "Assistant", "Technician")


def _check_params(
    n_posts: Any,
    depth: Any,
    span: Any,
    mean_span: Any,
    rates: dict[str, Any],
    links_per_post: Any,
    locality: Any,
) -> None:
    problems = []
    if not isinstance(n_posts, int | np.integer) or isinstance(n_posts, bool) or n_posts < 1:
        problems.append(f"n_posts must be a whole number of at least 1, got {n_posts!r}")
    if depth is not None and (not isinstance(depth, int | np.integer) or depth < 1):
        problems.append(f"depth must be None or a whole number of at least 1, got {depth!r}")
    lo = hi = None
    if (
        isinstance(span, Sequence)
        and len(span) == 2
        and all(isinstance(s, int | np.integer) for s in span)
        and 1 <= span[0] <= span[1]
    ):
        lo, hi = span
    else:
        problems.append(f"span must be (min, max) whole numbers with 1 <= min <= max, got {span!r}")
    if not isinstance(mean_span, int | float) or (lo is not None and not lo <= mean_span <= hi):
        problems.append(f"mean_span must be a number within span {span!r}, got {mean_span!r}")
    for key, value in rates.items():
        if not isinstance(value, int | float) or not 0 <= value < 1:
            problems.append(f"{key} must be a share from 0 up to (not including) 1, got {value!r}")
    if not isinstance(links_per_post, int | float) or links_per_post < 0:
        problems.append(f"links_per_post must be a number of at least 0, got {links_per_post!r}")
    if (
        not isinstance(locality, Sequence)
        or len(locality) != 3
        or any(not isinstance(x, int | float) or x < 0 for x in locality)
        or abs(sum(locality) - 1) > 1e-9
    ):
        problems.append(
            "locality must be three shares (same unit, sibling unit, anywhere) adding up to 1, "
            f"got {locality!r}"
        )
    if problems:
        raise ValueError("synthetic organisation: " + "; ".join(problems))


def _level_sizes(n_posts: int, depth: int | None, mean_span: float) -> list[int]:
    """Posts per reporting level; the last level is the front line (no managers)."""
    if n_posts == 1:
        return [1]
    if depth is None:  # as few manager levels as spans of about mean_span allow
        depth, reach = 1, 1 + mean_span
        while reach < n_posts:
            depth += 1
            reach += mean_span**depth
    if n_posts < depth + 1:
        raise ValueError(
            f"synthetic organisation: {n_posts} posts cannot fill {depth} manager levels "
            f"(at least depth + 1 = {depth + 1} posts are needed)"
        )
    # growth g with 1 + g + ... + g**depth = n_posts (bisection; the sum rises with g)
    low, high = 1.0, float(n_posts)
    for _ in range(200):
        g = (low + high) / 2
        if sum(g**level for level in range(depth + 1)) < n_posts:
            low = g
        else:
            high = g
    # floors keep the upper levels at or below g**level, so the front line gets >= 1 post
    sizes = [max(1, math.floor(low**level)) for level in range(depth)]
    sizes.append(n_posts - sum(sizes))
    return sizes


def _spans(rng: np.random.Generator, total: int, managers: int, lo: int, hi: int) -> np.ndarray:
    """``managers`` spans in [lo, hi] adding up to ``total``, right-skewed (log-normal weights)."""
    lo = min(lo, total // managers)
    weights = rng.lognormal(0.0, 0.5, managers)
    spans = lo + rng.multinomial(total - lo * managers, weights / weights.sum())
    for _ in range(100):  # move reports above the maximum to managers with room
        excess = int(np.clip(spans - hi, 0, None).sum())
        if excess == 0:
            return spans
        spans = np.minimum(spans, hi)
        room = np.flatnonzero(spans < hi)
        spans[room] += rng.multinomial(excess, weights[room] / weights[room].sum())
    for i in np.flatnonzero(spans > hi):  # pragma: no cover - a safety net, never reached
        for j in np.flatnonzero(spans < hi):
            move = min(spans[i] - hi, hi - spans[j])
            spans[i] -= move
            spans[j] += move
    return spans


def _unit_kinds(levels: np.ndarray, depth: int) -> np.ndarray:
    """Unit kind by the level of its head: organisation, administration, department, unit, team."""
    kinds = np.full(levels.shape, "unit", dtype=object)
    if depth >= 3:
        kinds[levels == depth - 1] = "team"
    if depth >= 4:
        kinds[levels == 2] = "department"
    if depth >= 2:
        kinds[levels == 1] = "administration"
    kinds[levels == 0] = "organisation"
    return kinds


def synthetic_frames(
    n_posts: int,
    *,
    seed: int | None = 0,
    depth: int | None = None,
    span: tuple[int, int] = (2, 20),
    mean_span: float = 7.0,
    part_time_share: float = 0.12,
    vacancy_rate: float = 0.04,
    gap_rate: float = 0.08,
    links_per_post: float = 1.0,
    locality: tuple[float, float, float] = (0.7, 0.2, 0.1),
) -> dict[str, pd.DataFrame]:
    """A synthetic organisation as plain tables (the numeric kernel of the generator).

    Parameters are those of :func:`synthetic_organisation`.

    Returns
    -------
    dict of DataFrame
        ``units`` (index ``id``; name, kind, parent, head, level), ``posts`` (index ``id``;
        unit, title, fte_budgeted, fte_actual, cost, reports_to, vacant, level) and ``links``
        (source, target, kind, weight). Levels count from 0 at the top.

    Examples
    --------
    >>> t = synthetic_frames(1000, seed=3)
    >>> len(t["posts"]), int(t["units"]["level"].max()) + 1   # 1000 posts, 4 unit levels
    (1000, 4)
    >>> list(t["posts"].columns)
    ['unit', 'title', 'fte_budgeted', 'fte_actual', 'cost', 'reports_to', 'vacant', 'level']
    """
    rates = {
        "part_time_share": part_time_share,
        "vacancy_rate": vacancy_rate,
        "gap_rate": gap_rate,
    }
    _check_params(n_posts, depth, span, mean_span, rates, links_per_post, locality)
    n = int(n_posts)
    lo, hi = int(span[0]), int(span[1])
    rng = np.random.default_rng(seed)
    sizes = _level_sizes(n, None if depth is None else int(depth), float(mean_span))
    n_levels = len(sizes) - 1  # manager levels = unit levels
    starts = np.concatenate([[0], np.cumsum(sizes)])

    # ---- reporting lines: who manages whom, level by level -----------------------------
    level = np.repeat(np.arange(len(sizes)), sizes)
    reports_to = np.full(n, -1)
    is_manager = np.zeros(n, dtype=bool)
    for lev in range(n_levels):
        below = sizes[lev + 1]
        managers = round(below / mean_span)
        managers = max(managers, math.ceil(below / hi), 1)
        managers = min(managers, sizes[lev], max(1, below // lo))
        if math.ceil(below / hi) > sizes[lev]:
            raise ValueError(
                f"synthetic organisation: {below} posts on level {lev + 1} need more than the "
                f"{sizes[lev]} possible managers on level {lev} with spans of at most {hi}; "
                "allow more levels (depth) or a larger span"
            )
        chosen = np.sort(rng.choice(sizes[lev], managers, replace=False)) + starts[lev]
        is_manager[chosen] = True
        spans = _spans(rng, below, managers, lo, hi)
        reports_to[starts[lev + 1] : starts[lev + 2]] = np.repeat(chosen, spans)

    # ---- units: one per manager; staff sit in their manager's unit ---------------------
    heads = np.flatnonzero(is_manager) if n_levels else np.array([0])
    unit_of_head = np.full(n, -1)
    unit_of_head[heads] = np.arange(len(heads))
    post_unit = np.where(is_manager, unit_of_head, unit_of_head[reports_to])
    if not n_levels:
        post_unit[:] = 0
    head_level = level[heads]
    unit_parent = np.where(head_level > 0, post_unit[reports_to[heads]], -1)
    kinds = _unit_kinds(head_level, max(n_levels, 1))
    numbers = np.zeros(len(heads), dtype=int)  # 1, 2, ... within each kind, for names
    for kind in np.unique(kinds):
        mask = kinds == kind
        numbers[mask] = np.arange(1, mask.sum() + 1)

    unit_width = len(str(len(heads)))
    post_width = len(str(n))
    unit_ids = np.array([f"U{i:0{unit_width}d}" for i in range(len(heads))], dtype=object)
    post_ids = np.array([f"P{i:0{post_width}d}" for i in range(n)], dtype=object)
    units = pd.DataFrame(
        {
            "id": unit_ids,
            "name": [f"{k.capitalize()} {i}" for k, i in zip(kinds, numbers, strict=True)],
            "kind": kinds,
            "parent": np.where(unit_parent >= 0, unit_ids[np.maximum(unit_parent, 0)], None),
            "head": post_ids[heads] if n_levels else [None],
            "level": head_level,
        }
    ).set_index("id")

    # ---- titles, FTE and pay -----------------------------------------------------------
    front_line = level == n_levels
    title = np.where(
        front_line,
        rng.choice(_FRONTLINE_TITLES, n),
        rng.choice(_STAFF_TITLES, n),
    ).astype(object)
    manager_title = np.array(["Head of unit"] * (n_levels + 1), dtype=object)
    manager_title[: min(3, n_levels + 1)] = _MANAGER_TITLES[: min(3, n_levels + 1)]
    if n_levels >= 3:
        manager_title[n_levels - 1] = "Team leader"
    title[is_manager] = manager_title[level[is_manager]]

    part_time = ~is_manager & (rng.random(n) < part_time_share)
    fte_budgeted = np.where(part_time, rng.choice(PART_TIME_FTE, n), 1.0)
    vacant = (level > 0) & (rng.random(n) < vacancy_rate)
    gap = ~vacant & (rng.random(n) < gap_rate)
    fte_actual = np.where(
        vacant, 0.0, np.where(gap, fte_budgeted * rng.choice(GAP_FACTORS, n), fte_budgeted)
    ).round(2)

    steps_up = n_levels - level  # 0 on the front line
    median_pay = np.where(
        is_manager,
        MANAGER_PAY_BOTTOM * MANAGER_PAY_STEP ** np.maximum(steps_up - 1, 0),
        STAFF_PAY_BOTTOM * STAFF_PAY_STEP**steps_up,
    )
    monthly = median_pay * rng.lognormal(0.0, PAY_SIGMA, n)
    cost = (monthly * 12 * EMPLOYER_COST_FACTOR * fte_budgeted).round(-2)

    posts = pd.DataFrame(
        {
            "id": post_ids,
            "unit": unit_ids[post_unit],
            "title": title,
            "fte_budgeted": fte_budgeted,
            "fte_actual": fte_actual,
            "cost": cost,
            "reports_to": np.where(reports_to >= 0, post_ids[np.maximum(reports_to, 0)], None),
            "vacant": vacant,
            "level": level,
        }
    ).set_index("id")

    links = _links(
        rng, post_unit, unit_parent, n_links=rng.poisson(links_per_post * n), locality=locality
    )
    links = pd.DataFrame(
        {
            "source": post_ids[links[0]],
            "target": post_ids[links[1]],
            "kind": "collaboration",
            "weight": links[2].astype(float),
        }
    )
    return {"units": units, "posts": posts, "links": links}


def _links(
    rng: np.random.Generator,
    post_unit: np.ndarray,
    unit_parent: np.ndarray,
    *,
    n_links: int,
    locality: Sequence[float],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Undirected ties (a, b, weight) with a < b, without duplicates, sorted."""
    n = len(post_unit)
    n_units = len(unit_parent)
    if n < 2 or n_links == 0:
        empty = np.zeros(0, dtype=int)
        return empty, empty, empty
    # posts grouped by unit, and units grouped by parent unit, for drawing a random member
    by_unit = np.argsort(post_unit, kind="stable")
    unit_size = np.bincount(post_unit, minlength=n_units)
    unit_start = np.concatenate([[0], np.cumsum(unit_size)[:-1]])
    parent_key = unit_parent + 1  # 0 for top units
    by_parent = np.argsort(parent_key, kind="stable")
    family_size = np.bincount(parent_key, minlength=n_units + 1)
    family_start = np.concatenate([[0], np.cumsum(family_size)[:-1]])

    source = rng.integers(0, n, n_links)
    where = rng.choice(3, n_links, p=np.asarray(locality, dtype=float))
    unit = post_unit[source]
    sibling = by_parent[
        family_start[parent_key[unit]]
        + (rng.random(n_links) * family_size[parent_key[unit]]).astype(int)
    ]
    target_unit = np.where(where == 1, sibling, unit)
    target = by_unit[
        unit_start[target_unit] + (rng.random(n_links) * unit_size[target_unit]).astype(int)
    ]
    target = np.where(where == 2, rng.integers(0, n, n_links), target)
    # weight: how often they work together; ties inside a unit are the closer ones
    weight = np.where(where == 0, rng.integers(1, 4, n_links), 1)
    keep = source != target
    a = np.minimum(source, target)[keep]
    b = np.maximum(source, target)[keep]
    pairs, first = np.unique(np.stack([a, b], axis=1), axis=0, return_index=True)
    return pairs[:, 0], pairs[:, 1], weight[keep][first]


def _ids_or_none(column: pd.Series) -> list[str | None]:
    """Ids as str, missing ones (None or NaN in a pandas string column) as None."""
    return [v if isinstance(v, str) else None for v in column.tolist()]


def synthetic_organisation(
    n_posts: int,
    *,
    seed: int | None = 0,
    depth: int | None = None,
    span: tuple[int, int] = (2, 20),
    mean_span: float = 7.0,
    part_time_share: float = 0.12,
    vacancy_rate: float = 0.04,
    gap_rate: float = 0.08,
    links_per_post: float = 1.0,
    locality: tuple[float, float, float] = (0.7, 0.2, 0.1),
    name: str | None = None,
    validate: bool = True,
) -> Organisation:
    """A made-up but realistic organisation with ``n_posts`` posts.

    Parameters
    ----------
    n_posts
        Number of posts (at least 1).
    seed
        Seed of the numpy random generator: the same seed gives the same organisation.
    depth
        Number of levels of the unit hierarchy (manager levels); by default the fewest that
        spans of about ``mean_span`` allow (4 at 1,000 posts, 5 at 10,000, 6 at 100,000).
    span
        ``(min, max)`` direct reports of a manager. A level with fewer posts than ``min``
        below it gets one manager with them all.
    mean_span
        Mean number of direct reports of a manager (a target; the result is close to it).
    part_time_share
        Share of non-manager posts budgeted part time (0.5-0.9 FTE).
    vacancy_rate
        Share of posts (below the top) that are vacant: actual FTE 0.
    gap_rate
        Share of filled posts with an FTE gap (leave): actual 50-90 % of budgeted.
    links_per_post
        Expected number of collaboration ties per post (fewer after removing duplicates).
    locality
        Shares of ties inside the unit, to a sibling unit, and to any post.
    name
        Display name; by default one that gives the size and seed.
    validate
        Check the result (it has no errors; spans of control and FTE gaps may give warnings).

    Returns
    -------
    Organisation
        With ``meta`` currency SEK, ``illustrative: true`` and the generator's parameters.

    Raises
    ------
    ValueError
        For parameters out of range (all problems listed), or a ``depth``/``span`` that
        cannot hold ``n_posts``.

    Examples
    --------
    >>> org = synthetic_organisation(1000, seed=7)
    >>> len(org), org.unit(org.roots()[0]).kind
    (1000, 'organisation')
    >>> sorted(org.units["kind"].unique())
    ['administration', 'department', 'organisation', 'team']
    >>> synthetic_organisation(0)
    Traceback (most recent call last):
    ...
    ValueError: synthetic organisation: n_posts must be a whole number of at least 1, got 0
    """
    params = {
        "seed": seed,
        "depth": depth,
        "span": list(span) if isinstance(span, Sequence) else span,
        "mean_span": mean_span,
        "part_time_share": part_time_share,
        "vacancy_rate": vacancy_rate,
        "gap_rate": gap_rate,
        "links_per_post": links_per_post,
        "locality": list(locality) if isinstance(locality, Sequence) else locality,
    }
    tables = synthetic_frames(n_posts, **params)  # type: ignore[arg-type]
    u, p, k = tables["units"], tables["posts"], tables["links"]
    units = [
        Unit(uid, name_, kind=kind, parent=parent, head=head)
        for uid, name_, kind, parent, head in zip(
            u.index.tolist(),
            u["name"].tolist(),
            u["kind"].tolist(),
            _ids_or_none(u["parent"]),
            _ids_or_none(u["head"]),
            strict=True,
        )
    ]
    posts = [
        Post(
            pid, unit, title, fte_budgeted=fb, fte_actual=fa, cost=cost, reports_to=boss, vacant=vac
        )
        for pid, unit, title, fb, fa, cost, boss, vac in zip(
            p.index.tolist(),
            p["unit"].tolist(),
            p["title"].tolist(),
            p["fte_budgeted"].tolist(),
            p["fte_actual"].tolist(),
            p["cost"].tolist(),
            _ids_or_none(p["reports_to"]),
            p["vacant"].tolist(),
            strict=True,
        )
    ]
    links = [
        Link(a, b, kind="collaboration", weight=w)
        for a, b, w in zip(
            k["source"].tolist(), k["target"].tolist(), k["weight"].tolist(), strict=True
        )
    ]
    params["span"] = [int(s) for s in span]
    return Organisation(
        units,
        posts,
        links=links,
        name=name or f"Synthetic organisation ({n_posts} posts, seed {seed})",
        meta={
            "currency": "SEK",
            "illustrative": True,
            "note": "Made up by orgmodel.datasets.synthetic; pay and FTE figures are invented.",
            "generator": {"n_posts": int(n_posts), **params},
        },
        validate=validate,
    )
