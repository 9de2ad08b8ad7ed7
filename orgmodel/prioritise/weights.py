"""Criterion weights: normalising, direct points, swing weights and weights from a ranking.

Every function returns a :class:`pandas.Series` indexed by criterion that sums to one.
Input may be a Series, a dict or (for rankings) a list of criteria from most to least
important.

>>> normalise({"cost": 2, "benefit": 6})
cost       0.25
benefit    0.75
dtype: float64
>>> roc_weights(["benefit", "risk", "cost", "time"]).round(4)
benefit    0.5208
risk       0.2708
cost       0.1458
time       0.0625
dtype: float64
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from orgmodel.prioritise.errors import PrioritisationError

__all__ = [
    "direct_weights",
    "normalise",
    "rank_reciprocal_weights",
    "rank_sum_weights",
    "roc_weights",
    "roc_weights_array",
    "swing_weights",
]


def _number(v: Any) -> float:
    """A float from a number or numeric text; a decimal comma ("3,5") is accepted.

    Raises TypeError or ValueError for anything else (booleans included).

    >>> _number("3,5"), _number(" 2 "), _number(4)
    (3.5, 2.0, 4.0)
    """
    if isinstance(v, bool) or v is None:
        raise TypeError(f"{v!r} is not a number")
    if isinstance(v, str):
        text = v.strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        return float(text)
    return float(v)


def _as_series(values: Any, what: str) -> pd.Series:
    """A float Series from a Series, dict or 1-d sequence, with every bad entry reported."""
    if isinstance(values, pd.Series):
        s = values.copy()
    elif isinstance(values, Mapping):
        s = pd.Series(dict(values), dtype=object)
    elif isinstance(values, np.ndarray | Sequence) and not isinstance(values, str):
        s = pd.Series(list(values), dtype=object)
    else:
        raise PrioritisationError(
            f"{what} must be a Series, a dict or a list of numbers, not {type(values).__name__}"
        )
    if s.index.has_duplicates:
        dups = sorted({str(k) for k in s.index[s.index.duplicated()]})
        raise PrioritisationError(f"{what}: criteria given more than once: {', '.join(dups)}")
    problems = []
    out = {}
    for key, v in s.items():
        try:
            f = _number(v)
        except (TypeError, ValueError):
            problems.append(f"{key!s}: {v!r} is not a number")
            continue
        if not math.isfinite(f):
            problems.append(f"{key!s}: {v!r} is missing or not finite")
        elif f < 0:
            problems.append(f"{key!s}: {v!r} is negative")
        out[key] = f
    if problems:
        raise PrioritisationError(f"{what}: " + "; ".join(problems))
    if len(out) == 0:
        raise PrioritisationError(f"{what}: no criteria given")
    return pd.Series(out, dtype=float, index=s.index, name=s.name)


def normalise(weights: Any) -> pd.Series:
    """Weights scaled to sum to one.

    Parameters
    ----------
    weights
        Non-negative numbers per criterion (Series, dict or list); at least one positive.

    Raises
    ------
    PrioritisationError
        Naming every criterion whose weight is missing, negative or not a number, or when
        all weights are zero.

    Examples
    --------
    >>> normalise(pd.Series({"a": 1, "b": 1, "c": 2}))
    a    0.25
    b    0.25
    c    0.50
    dtype: float64
    >>> normalise({"a": 0, "b": -1})
    Traceback (most recent call last):
    ...
    orgmodel.prioritise.errors.PrioritisationError: weights: b: -1 is negative
    """
    s = _as_series(weights, "weights")
    total = s.sum()
    if total <= 0:
        raise PrioritisationError("weights: all weights are zero; at least one must be positive")
    return s / total


def direct_weights(points: Any) -> pd.Series:
    """Weights from points handed out directly (e.g. 100 points spread over the criteria).

    The points need not add up to any particular total; they are scaled to sum to one.

    >>> direct_weights({"benefit": 50, "cost": 30, "risk": 20})
    benefit    0.5
    cost       0.3
    risk       0.2
    dtype: float64
    """
    return normalise(_as_series(points, "points"))


def swing_weights(swings: Any, *, reference: float = 100.0) -> pd.Series:
    """Weights from swing ratings (von Winterfeldt & Edwards 1986).

    The decision makers imagine every criterion at its worst level, pick the criterion
    whose swing from worst to best matters most and give it ``reference`` (100) points;
    every other swing is rated relative to it, between 0 and ``reference``.

    Raises
    ------
    PrioritisationError
        When a swing exceeds the reference or none equals it (the most important swing
        is the reference).

    >>> swing_weights({"benefit": 100, "cost": 60, "risk": 40})
    benefit    0.5
    cost       0.3
    risk       0.2
    dtype: float64
    """
    s = _as_series(swings, "swings")
    over = s[s > reference]
    if len(over):
        listed = ", ".join(f"{k}: {v:g}" for k, v in over.items())
        raise PrioritisationError(
            f"swings: rated above the reference {reference:g}: {listed}; "
            "the most important swing is the reference"
        )
    if not np.isclose(s.max(), reference):
        raise PrioritisationError(
            f"swings: no criterion is rated {reference:g}; give the most important swing "
            f"{reference:g} points and rate the others relative to it"
        )
    return normalise(s)


def roc_weights_array(n: int) -> np.ndarray:
    """Rank-order-centroid weights for ranks 1..n (Barron & Barrett 1996).

    ``w_k = (1/n) * sum_{i=k..n} 1/i``.

    >>> roc_weights_array(3).round(4)
    array([0.6111, 0.2778, 0.1111])
    """
    if n < 1:
        raise PrioritisationError(f"need at least one criterion to rank, got {n}")
    inv = 1.0 / np.arange(1, n + 1)
    return np.cumsum(inv[::-1])[::-1] / n


def _ranking_positions(ranking: Any) -> pd.Series:
    """Rank per criterion (1 = most important) from a list or a mapping of ranks."""
    if isinstance(ranking, pd.Series | Mapping):
        s = _as_series(ranking, "ranking")
        bad = [f"{k}: {v:g}" for k, v in s.items() if v < 1 or v != int(v)]
        if bad:
            raise PrioritisationError(
                "ranking: ranks must be whole numbers from 1 (most important): " + ", ".join(bad)
            )
        return s
    if isinstance(ranking, str) or not isinstance(ranking, Sequence | np.ndarray):
        raise PrioritisationError(
            "ranking must be a list of criteria (most important first) or a mapping "
            f"criterion -> rank, not {type(ranking).__name__}"
        )
    items = list(ranking)
    seen: set = set()
    dups = [str(c) for c in items if c in seen or seen.add(c)]  # type: ignore[func-returns-value]
    if dups:
        raise PrioritisationError(f"ranking: criteria listed more than once: {', '.join(dups)}")
    return pd.Series(np.arange(1, len(items) + 1, dtype=float), index=items)


def _weights_from_ranks(ranking: Any, table: Any) -> pd.Series:
    """Weights per criterion from a per-position weight function, averaging over ties.

    Tied criteria occupy consecutive positions (two criteria tied at rank 2 occupy
    positions 2 and 3) and each gets the mean of those positions' weights, so the total
    is unchanged and the weights still sum to one.
    """
    ranks = _ranking_positions(ranking)
    n = len(ranks)
    per_position = table(n)
    # ties: positions first..first+t-1 where first = number of criteria ranked better + 1
    order = ranks.sort_values(kind="stable")
    out = {}
    for r, group in order.groupby(order, sort=True):
        better = int((ranks < r).sum())
        positions = range(better, better + len(group))
        w = float(np.mean(per_position[list(positions)]))
        for k in group.index:
            out[k] = w
    return pd.Series(out, dtype=float).reindex(ranks.index)


def roc_weights(ranking: Any) -> pd.Series:
    """Rank-order-centroid weights from a ranking of criteria (Barron & Barrett 1996).

    With n criteria the one ranked k-th gets ``(1/n) * sum_{i=k..n} 1/i``: the centroid of
    all weight vectors consistent with the ranking.

    Parameters
    ----------
    ranking
        Criteria from most to least important (a list), or a mapping criterion -> rank
        (1 = most important). Tied criteria (same rank) share the mean of the weights of
        the positions they occupy: two criteria tied for 2nd of 4 each get
        ``(w_2 + w_3) / 2``; the next criterion is 4th.

    >>> roc_weights({"benefit": 1, "risk": 2, "cost": 2, "time": 4}).round(4)
    benefit    0.5208
    risk       0.2083
    cost       0.2083
    time       0.0625
    dtype: float64
    """
    return _weights_from_ranks(ranking, roc_weights_array)


def rank_sum_weights(ranking: Any) -> pd.Series:
    """Rank-sum weights: ``w_k = 2 (n + 1 - k) / (n (n + 1))``; ties as in :func:`roc_weights`.

    >>> rank_sum_weights(["a", "b", "c"]).round(4)
    a    0.5000
    b    0.3333
    c    0.1667
    dtype: float64
    """
    return _weights_from_ranks(
        ranking, lambda n: 2.0 * (n + 1 - np.arange(1, n + 1)) / (n * (n + 1))
    )


def rank_reciprocal_weights(ranking: Any) -> pd.Series:
    """Rank-reciprocal weights: ``w_k = (1/k) / sum_i (1/i)``; ties as in :func:`roc_weights`.

    >>> rank_reciprocal_weights(["a", "b"]).round(4)
    a    0.6667
    b    0.3333
    dtype: float64
    """

    def table(n: int) -> np.ndarray:
        inv = 1.0 / np.arange(1, n + 1)
        return inv / inv.sum()

    return _weights_from_ranks(ranking, table)
