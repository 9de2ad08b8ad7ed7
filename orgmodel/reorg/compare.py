"""Compare a base organisation with scenarios: key figures side by side.

>>> from orgmodel.model import Organisation, Unit, Post, Link
>>> from orgmodel.reorg import Scenario, MergeUnits
>>> base = Organisation(
...     units=[Unit("k"), Unit("soc", parent="k"), Unit("skola", parent="k")],
...     posts=[Post("s", unit="soc", competences=("socialt arbete",)),
...            Post("l", unit="skola", competences=("undervisning",))],
...     links=[Link("s", "l")], name="Före")
>>> merged = Scenario("Lärande och familj").then(MergeUnits(("soc", "skola"), into="laf"))
>>> table = compare(base, merged, needs={"Viktor": ["socialt arbete", "undervisning"]})
>>> table.loc[["units", "ties_inside_share", "units_needed: Viktor"]]
                       Före  Lärande och familj
units                   3.0                 2.0
ties_inside_share       0.0                 1.0
units_needed: Viktor    2.0                 1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from orgmodel.errors import OperationError
from orgmodel.model import Organisation
from orgmodel.reorg.diff import key_figures
from orgmodel.reorg.scenario import Scenario

__all__ = ["compare", "units_needed"]


def units_needed(
    org: Organisation, competences: Iterable[str], *, group_by: str | int = 1
) -> tuple[int, list[str]]:
    """The fewest groups of units whose posts together have every competence.

    Groups are units grouped by ``group_by`` (see :func:`orgmodel.analysis.network.unit_groups`;
    default: the unit at depth 1, e.g. a main mission). Solved exactly as a set-cover
    integer programme (scipy's HiGHS). Returns the number and the competences that no unit
    has (not counted).

    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation([Unit("k"), Unit("a", parent="k"), Unit("b", parent="k"), Unit("c", parent="k")],
    ...     [Post("p", unit="a", competences=("x", "y")), Post("q", unit="b", competences=("y",)),
    ...      Post("r", unit="c", competences=("z",))])
    >>> units_needed(org, ["x", "y", "z", "w"])
    (2, ['w'])
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    from orgmodel.analysis.network import unit_groups

    needed = list(dict.fromkeys(competences))
    groups = unit_groups(org, group_by) if org.unit_map else pd.Series(dtype=object)
    has: dict[str, set[str]] = {}
    for p in org.iter_posts():
        for c in p.competences:
            has.setdefault(c, set()).add(groups[p.unit])
    for h in org.holding_list:  # people bring their competences to the posts they hold
        person = org.person_map.get(h.person)
        post = org.post_map.get(h.post)
        if person is not None and post is not None:
            for c in person.competences:
                has.setdefault(c, set()).add(groups[post.unit])
    missing = [c for c in needed if c not in has]
    coverable = [c for c in needed if c in has]
    if not coverable:
        return 0, missing
    cand = sorted({g for c in coverable for g in has[c]})
    a = np.array([[1.0 if g in has[c] else 0.0 for g in cand] for c in coverable])
    res = milp(
        c=np.ones(len(cand)),
        constraints=LinearConstraint(a, lb=np.ones(len(coverable)), ub=np.inf),
        integrality=np.ones(len(cand)),
        bounds=Bounds(0, 1),
    )
    if not res.success:  # pragma: no cover - every coverable instance is feasible
        raise OperationError(f"set cover failed: {res.message}")
    return round(res.fun), missing


def compare(
    base: Organisation,
    *options: Organisation | Scenario,
    names: Sequence[str] | None = None,
    needs: Mapping[str, Iterable[str]] | None = None,
    group_by: str | int = 1,
    kinds: Iterable[str] = ("collaboration",),
) -> pd.DataFrame:
    """Key figures of the base and each option, side by side.

    Parameters
    ----------
    base
        The present organisation.
    options
        Organisations, or scenarios (applied to ``base``).
    names
        Column names (default: the organisations' or scenarios' names).
    needs
        ``{need: competences}``; adds a row ``units_needed: <need>`` per need, the fewest
        groups of units (by ``group_by``) that together cover the competences
        (:func:`units_needed`).
    group_by, kinds
        How units are grouped for ``ties_inside_share`` and ``units_needed``, and which
        link kinds count as collaboration.

    Returns
    -------
    DataFrame
        Rows: the :func:`~orgmodel.reorg.diff.key_figures` (units, posts, managers, layers,
        median and max span, FTE, cost, ties, share of ties inside groups) and one row per
        need; columns: base, then each option.
    """
    orgs = [base]
    labels = [base.name or "base"]
    for i, opt in enumerate(options, start=1):
        if isinstance(opt, Scenario):
            orgs.append(opt.apply(base))
            labels.append(opt.name or f"option {i}")
        elif isinstance(opt, Organisation):
            orgs.append(opt)
            labels.append(opt.name or f"option {i}")
        else:
            raise TypeError(f"options must be Organisations or Scenarios, got {type(opt).__name__}")
    if names is not None:
        if len(names) != len(orgs):
            raise ValueError(f"give {len(orgs)} names (base and each option), got {len(names)}")
        labels = list(names)
    used: set[str] = set()
    for i, label in enumerate(labels):  # keep columns unique (a repeat gets its position)
        unique, n = label, i + 1
        while unique in used:
            unique = f"{label} ({n})"
            n += 1
        labels[i] = unique
        used.add(unique)
    cols = {}
    for label, org in zip(labels, orgs, strict=True):
        figures = key_figures(org, group_by=group_by, kinds=kinds).astype(float)
        for need, comps in (needs or {}).items():
            figures[f"units_needed: {need}"] = float(units_needed(org, comps, group_by=group_by)[0])
        cols[label] = figures
    return pd.DataFrame(cols)
