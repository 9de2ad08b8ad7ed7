"""Choose the initiatives that give the most value within a budget (0/1 knapsack), exactly.

Values are usually scores from :mod:`orgmodel.prioritise.scoring` (or money), costs
are money, hours or FTE. :func:`select_portfolio` solves the 0/1 knapsack exactly as a
mixed-integer programme (``scipy.optimize.milp``, HiGHS, relative gap 0);
:func:`capacity_curve` shows what the budget limit costs.

>>> values = pd.Series({"a": 10, "b": 7, "c": 5, "d": 2})
>>> costs = pd.Series({"a": 5, "b": 4, "c": 3, "d": 2})
>>> select_portfolio(values, costs, 9)
<Portfolio: 2 of 4 chosen (a, b); value 17 of 24, cost 9 of capacity 9>
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from orgmodel.errors import did_you_mean
from orgmodel.prioritise.errors import PrioritisationError
from orgmodel.prioritise.weights import _number

__all__ = ["Portfolio", "capacity_curve", "select_portfolio"]


def _series(values: Any, what: str) -> pd.Series:
    s = values.copy() if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    problems = []
    out = np.empty(len(s))
    for i, (k, v) in enumerate(s.items()):
        try:
            out[i] = _number(v)
        except (TypeError, ValueError):
            problems.append(f"{k!s}: {v!r} is not a number")
            continue
        if not math.isfinite(out[i]):
            problems.append(f"{k!s}: {v!r} is missing or not finite")
    if s.index.has_duplicates:
        problems.append(
            "given more than once: "
            + ", ".join(sorted({str(k) for k in s.index[s.index.duplicated()]}))
        )
    if problems:
        raise PrioritisationError(f"{what}: " + "; ".join(problems))
    return pd.Series(out, index=s.index, name=what)


@dataclass(frozen=True, eq=False)
class Portfolio:
    """The chosen set of a :func:`select_portfolio` call.

    Attributes
    ----------
    chosen : list
        Chosen items, in input order.
    total_value, total_cost, capacity : float
    table : DataFrame
        Per item: ``value``, ``cost``, ``value_per_cost`` and ``chosen``.
    """

    chosen: list
    total_value: float
    total_cost: float
    capacity: float
    table: pd.DataFrame

    def __repr__(self) -> str:
        names = ", ".join(str(c) for c in self.chosen[:8]) + (
            ", ..." if len(self.chosen) > 8 else ""
        )
        return (
            f"<Portfolio: {len(self.chosen)} of {len(self.table)} chosen ({names}); value "
            f"{self.total_value:g} of {self.table['value'].sum():g}, cost {self.total_cost:g} "
            f"of capacity {self.capacity:g}>"
        )


def _prepare(values, costs, must_include, must_exclude):
    v = _series(values, "values")
    c = _series(costs, "costs")
    unknown_cost = [str(k) for k in v.index if k not in c.index]
    unknown_value = [str(k) for k in c.index if k not in v.index]
    problems = []
    if unknown_cost:
        problems.append("no cost for " + ", ".join(unknown_cost))
    if unknown_value:
        problems.append("no value for " + ", ".join(unknown_value))
    negative = [f"{k!s}: {x:g}" for k, x in c.items() if x < 0]
    if negative:
        problems.append("negative costs " + ", ".join(negative))
    include = list(must_include)
    exclude = list(must_exclude)
    for name, group in (("must_include", include), ("must_exclude", exclude)):
        for k in group:
            if k not in v.index:
                problems.append(f"{name}: unknown item {k!r}{did_you_mean(k, v.index)}")
    both = [str(k) for k in include if k in exclude]
    if both:
        problems.append("both must_include and must_exclude: " + ", ".join(both))
    if problems:
        raise PrioritisationError("portfolio: " + "; ".join(problems))
    return v, c.reindex(v.index), include, exclude


def _solve(v: pd.Series, c: pd.Series, capacity: float, include: list, exclude: list) -> np.ndarray:
    n = len(v)
    if n == 0:
        return np.zeros(0, dtype=bool)
    lower = np.zeros(n)
    upper = np.ones(n)
    lower[[v.index.get_loc(k) for k in include]] = 1
    upper[[v.index.get_loc(k) for k in exclude]] = 0
    res = milp(
        c=-v.to_numpy(),
        constraints=LinearConstraint(c.to_numpy()[None, :], -np.inf, capacity),
        integrality=np.ones(n),
        bounds=Bounds(lower, upper),
        options={"mip_rel_gap": 0.0},
    )
    if res.status != 0 or res.x is None:  # pragma: no cover - feasibility is checked first
        raise PrioritisationError(f"portfolio: the solver failed: {res.message}")
    return np.round(res.x).astype(bool)


def select_portfolio(
    values: Any,
    costs: Any,
    capacity: float,
    *,
    must_include: Iterable[Any] = (),
    must_exclude: Iterable[Any] = (),
) -> Portfolio:
    """The set of items with the largest total value whose total cost fits the capacity.

    Parameters
    ----------
    values, costs
        Series or dicts over the same items; costs non-negative.
    capacity
        Budget the total cost may not exceed.
    must_include, must_exclude
        Items decided already (mandatory, or ruled out by a gate).

    Raises
    ------
    PrioritisationError
        Naming unknown or doubly decided items, missing values or costs, negative costs,
        or must-include items that alone exceed the capacity.

    Examples
    --------
    >>> values = {"a": 10, "b": 7, "c": 5, "d": 2}
    >>> costs = {"a": 5, "b": 4, "c": 3, "d": 2}
    >>> select_portfolio(values, costs, 9, must_exclude=["a"]).chosen
    ['b', 'c', 'd']
    """
    v, c, include, exclude = _prepare(values, costs, must_include, must_exclude)
    capacity = float(capacity)
    if not math.isfinite(capacity) or capacity < 0:
        raise PrioritisationError(f"capacity must be a non-negative number, not {capacity!r}")
    fixed = float(c[include].sum()) if include else 0.0
    if fixed > capacity + 1e-9:
        raise PrioritisationError(
            f"portfolio: the must-include items ({', '.join(map(str, include))}) cost "
            f"{fixed:g}, more than the capacity {capacity:g}"
        )
    chosen = _solve(v, c, capacity, include, exclude)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(c.to_numpy() > 0, v.to_numpy() / c.to_numpy(), np.inf)
    table = pd.DataFrame(
        {"value": v, "cost": c, "value_per_cost": ratio, "chosen": chosen}, index=v.index
    )
    return Portfolio(
        chosen=list(v.index[chosen]),
        total_value=float(v[chosen].sum()),
        total_cost=float(c[chosen].sum()),
        capacity=capacity,
        table=table,
    )


def capacity_curve(
    values: Any,
    costs: Any,
    capacities: Iterable[float],
    *,
    must_include: Iterable[Any] = (),
    must_exclude: Iterable[Any] = (),
) -> pd.DataFrame:
    """Best total value at each capacity: what the limit costs.

    Returns
    -------
    DataFrame
        Index ``capacity`` (ascending); columns ``total_value``, ``total_cost``,
        ``n_chosen``, ``chosen`` (tuple of items), ``share_of_value`` (of the value of
        all items) and ``marginal_value`` (value gained per unit of extra capacity since
        the previous row; NaN on the first). Capacities below the cost of the
        must-include items are left out.

    Examples
    --------
    >>> values = {"a": 10, "b": 7, "c": 5, "d": 2}
    >>> costs = {"a": 5, "b": 4, "c": 3, "d": 2}
    >>> capacity_curve(values, costs, [5, 9, 14])[["total_value", "chosen", "marginal_value"]]
              total_value        chosen  marginal_value
    capacity
    5.0              10.0          (a,)             NaN
    9.0              17.0        (a, b)            1.75
    14.0             24.0  (a, b, c, d)            1.40
    """
    v, c, include, exclude = _prepare(values, costs, must_include, must_exclude)
    fixed = float(c[include].sum()) if include else 0.0
    rows = []
    for cap in sorted({float(x) for x in capacities}):
        if cap < fixed - 1e-9 or cap < 0:
            continue
        chosen = _solve(v, c, cap, include, exclude)
        rows.append(
            (cap, float(v[chosen].sum()), float(c[chosen].sum()), int(chosen.sum()),
             tuple(v.index[chosen]))
        )  # fmt: skip
    out = pd.DataFrame(
        rows, columns=["capacity", "total_value", "total_cost", "n_chosen", "chosen"]
    ).set_index("capacity")
    total = float(v[v > 0].sum())
    out["share_of_value"] = out["total_value"] / total if total > 0 else np.nan
    gained = out["total_value"].diff()
    widened = pd.Series(out.index, index=out.index).diff()
    out["marginal_value"] = gained / widened
    return out
