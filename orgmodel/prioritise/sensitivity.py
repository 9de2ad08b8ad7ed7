"""How much do the weights matter? One-at-a-time variation, stability intervals, tornado data.

Throughout, changing the weight of one criterion to ``t`` rescales the others in
proportion so the weights still sum to one: ``w_j' = w_j (1 - t) / (1 - w_k)``. (If the
criterion had all the weight, the others share ``1 - t`` equally.)

``method`` is ``"weighted_sum"``, ``"topsis"``, ``"promethee_ii"`` or a function
``f(scores, weights, directions, **options)`` returning a DataFrame with ``score`` and
``rank`` columns; extra keyword arguments (``missing=``, ``normalise=``, ``preference=``,
...) are passed on to it.

>>> scores = pd.DataFrame({"need": [5, 3, 1], "cost": [3, 1, 2]}, index=["a", "b", "c"])
>>> weights = {"need": 0.5, "cost": 0.5}
>>> stability_intervals(scores, weights, {"cost": "min"}).round(3)
      weight  lower  upper  width  exact
need     0.5  0.000  0.667  0.667   True
cost     0.5  0.333  1.000  0.667   True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from orgmodel.errors import did_you_mean
from orgmodel.prioritise.errors import PrioritisationError
from orgmodel.prioritise.scoring import (
    _directions_for,
    _method,
    _scores_frame,
    _weighted_sum_matrix,
    _weights_for,
    weighted_sum,
)

__all__ = ["one_at_a_time", "rescaled_weights", "stability_intervals", "tornado_data"]

DEFAULT_DELTAS = (-0.2, -0.1, -0.05, 0.0, 0.05, 0.1, 0.2)


def rescaled_weights(weights: np.ndarray, k: int, t: float) -> np.ndarray:
    """Weights with ``w_k = t`` and the others rescaled in proportion to sum ``1 - t``.

    >>> rescaled_weights(np.array([0.5, 0.3, 0.2]), 0, 0.75)
    array([0.75, 0.15, 0.1 ])
    """
    w = np.asarray(weights, dtype=float)
    rest = 1.0 - w[k]
    if rest > 1e-15:
        out = w * ((1.0 - t) / rest)
    else:
        out = np.full(len(w), (1.0 - t) / max(len(w) - 1, 1))
    out[k] = t
    return out


class _Evaluator:
    """Runs one method for many weight vectors on validated scores."""

    def __init__(self, scores, weights, directions, method, options):
        self.frame = _scores_frame(scores)
        self.criteria = self.frame.columns
        self.weights = _weights_for(weights, self.criteria)
        self.directions = directions
        self.function, self.column = _method(method)
        self.options = options

    def __call__(self, w: np.ndarray) -> pd.DataFrame:
        result = self.function(
            self.frame, pd.Series(w, index=self.criteria), self.directions, **self.options
        )
        return result

    def scores_at(self, k: int, t: float) -> np.ndarray:
        return self(rescaled_weights(self.weights, k, t))[self.column].to_numpy(dtype=float)

    def criterion_position(self, criterion: Any) -> int:
        if criterion not in self.criteria:
            raise PrioritisationError(
                f"unknown criterion {criterion!r}{did_you_mean(criterion, self.criteria)}"
            )
        return int(self.criteria.get_loc(criterion))


def one_at_a_time(
    scores: pd.DataFrame,
    weights: Any,
    directions: Any = None,
    *,
    method: str | Callable[..., pd.DataFrame] = "weighted_sum",
    deltas: Sequence[float] = DEFAULT_DELTAS,
    relative: bool = False,
    **options: Any,
) -> pd.DataFrame:
    """Scores and ranks with each criterion's weight varied in turn.

    Parameters
    ----------
    scores, weights, directions, method, options
        As for the scoring methods (see the module docstring).
    deltas
        Changes to a criterion's (normalised) weight: absolute, ``w + delta``, or with
        ``relative=True`` proportional, ``w * (1 + delta)``. Changes that would take the
        weight below 0 or above 1 are left out, and so are weights at which the method
        cannot rank (listed with the reason in ``.attrs["skipped"]``).

    Returns
    -------
    DataFrame
        One row per criterion, delta and alternative: ``criterion``, ``delta``, ``weight``
        (the criterion's new weight), ``alternative``, ``score`` and ``rank``.

    Examples
    --------
    >>> s = pd.DataFrame({"need": [5, 3], "cost": [3, 1]}, index=["a", "b"])
    >>> t = one_at_a_time(s, {"need": 0.5, "cost": 0.5}, {"cost": "min"}, deltas=[-0.1, 0.1])
    >>> t[t.criterion == "need"]
      criterion  delta  weight alternative  score  rank
    0      need   -0.1     0.4           a    0.4     2
    1      need   -0.1     0.4           b    0.6     1
    2      need    0.1     0.6           a    0.6     1
    3      need    0.1     0.6           b    0.4     2
    """
    ev = _Evaluator(scores, weights, directions, method, options)
    rows = []
    skipped: list[tuple[Any, float, str]] = []
    for k, criterion in enumerate(ev.criteria):
        for delta in deltas:
            base = ev.weights[k]
            t = base * (1.0 + delta) if relative else base + delta
            if t < -1e-12 or t > 1 + 1e-12:
                continue
            t = min(max(t, 0.0), 1.0)
            try:
                result = ev(rescaled_weights(ev.weights, k, t))
            except PrioritisationError as exc:
                skipped.append((criterion, float(delta), str(exc)))
                continue
            for alt, score, rank in zip(
                result.index, result[ev.column], result["rank"], strict=True
            ):
                rows.append((criterion, float(delta), t, alt, float(score), int(rank)))
    out = pd.DataFrame(
        rows, columns=["criterion", "delta", "weight", "alternative", "score", "rank"]
    )
    out.attrs["skipped"] = skipped
    return out


def _top(result: pd.DataFrame, column: str, top_k: int) -> list[int]:
    """Positions of the first ``top_k`` alternatives, by rank then row order."""
    order = np.lexsort((np.arange(len(result)), result["rank"].to_numpy()))
    return [int(i) for i in order[:top_k]]


def _linear_interval(
    s0: np.ndarray, s1: np.ndarray, top: list[int], w: float
) -> tuple[float, float]:
    """Interval of t in [0, 1] keeping ``top`` in order, scores ``(1 - t) s0 + t s1``."""
    n = len(s0)
    pairs = [(top[i], top[i + 1]) for i in range(len(top) - 1)]
    last = top[-1]
    pairs += [(last, j) for j in range(n) if j not in top]
    lower, upper = 0.0, 1.0
    for a, b in pairs:
        alpha = s0[a] - s0[b]
        beta = (s1[a] - s1[b]) - alpha
        scale = max(abs(alpha), abs(s1[a] - s1[b]), 1e-300)
        if abs(beta) <= 1e-12 * scale:
            continue
        root = -alpha / beta
        if beta > 0:
            lower = max(lower, root)
        else:
            upper = min(upper, root)
    # guard against rounding: the current weight is inside by construction
    return min(lower, w), max(upper, w)


def _redistributed_parts(ev: _Evaluator) -> tuple[np.ndarray, np.ndarray] | None:
    """(values with 0 for missing, availability) when scores are ratios of linear functions.

    The weighted sum with ``missing="redistribute"`` scores ``(V @ w) / (H @ w)`` where
    ``H`` marks the available scores: not linear in the weights, but each pair of
    alternatives swaps where a quadratic in the varied weight has a root.
    """
    if ev.function is not weighted_sum:
        return None
    missing = ev.options.get("missing", "redistribute")
    if not (isinstance(missing, str) and missing.casefold() == "redistribute"):
        return None
    signs = _directions_for(ev.directions, ev.criteria)
    r = _weighted_sum_matrix(ev.frame, signs, "redistribute", ev.options.get("normalise", "minmax"))
    have = ~np.isnan(r)
    if have.all():
        return None
    return np.where(have, r, 0.0), have.astype(float)


def _ratio_interval(
    values: np.ndarray, have: np.ndarray, weights: np.ndarray, k: int, top: list[int]
) -> tuple[float, float]:
    """Exact interval for scores ``(V @ w(t)) / (H @ w(t))`` keeping ``top`` in order."""
    w0 = rescaled_weights(weights, k, 0.0)
    dw = rescaled_weights(weights, k, 1.0) - w0
    n0, dn = values @ w0, values @ dw
    d0, dd = have @ w0, have @ dw
    n = len(n0)
    pairs = [(top[i], top[i + 1]) for i in range(len(top) - 1)]
    pairs += [(top[-1], j) for j in range(n) if j not in top]
    points = {0.0, 1.0, float(weights[k])}
    for a, b in pairs:
        # N_a D_b - N_b D_a as c0 + c1 t + c2 t^2
        c0 = n0[a] * d0[b] - n0[b] * d0[a]
        c1 = n0[a] * dd[b] + dn[a] * d0[b] - n0[b] * dd[a] - dn[b] * d0[a]
        c2 = dn[a] * dd[b] - dn[b] * dd[a]
        for root in np.roots([c2, c1, c0]) if (c2 or c1) else []:
            if abs(root.imag) < 1e-12 and 0.0 < root.real < 1.0:
                points.add(float(root.real))

    def holds(t: float) -> bool:
        den = d0 + t * dd
        if (den[top] <= 0).any() or (den <= 0).any():
            return False
        s = (n0 + t * dn) / den
        return all(s[a] - s[b] >= -1e-12 for a, b in pairs)

    grid = sorted(points)
    w = float(weights[k])
    i = grid.index(w)
    lower = w
    while i > 0 and holds(0.5 * (grid[i - 1] + grid[i])):
        i -= 1
        lower = grid[i]
    i = grid.index(w)
    upper = w
    while i < len(grid) - 1 and holds(0.5 * (grid[i] + grid[i + 1])):
        i += 1
        upper = grid[i]
    return lower, upper


def _search(same: Callable[[float], bool], start: float, end: float, tol: float) -> float:
    """Furthest t from ``start`` towards ``end`` with ``same(t)``: grid scan, then bisection."""
    steps = 20
    grid = np.linspace(start, end, steps + 1)[1:]
    ok = start
    for t in grid:
        if same(float(t)):
            ok = float(t)
        else:
            bad = float(t)
            while abs(bad - ok) > tol:
                mid = 0.5 * (ok + bad)
                if same(mid):
                    ok = mid
                else:
                    bad = mid
            return ok
    return float(end)


def stability_intervals(
    scores: pd.DataFrame,
    weights: Any,
    directions: Any = None,
    *,
    method: str | Callable[..., pd.DataFrame] = "weighted_sum",
    top_k: int = 1,
    tol: float = 1e-6,
    **options: Any,
) -> pd.DataFrame:
    """For each criterion, the range of its weight that keeps the top-k ranking unchanged.

    The other weights are rescaled in proportion (module docstring). "Unchanged" means
    the same ``top_k`` alternatives in the same order, ahead of all others; the bounds
    are where an alternative would draw level.

    Where the scores are linear in the weights (weighted sum without missing scores to
    redistribute, PROMETHEE II; checked numerically) the bounds are exact: each pair of
    alternatives swaps where two straight lines cross. With missing scores redistributed
    the weighted sum is a ratio of linear functions and the bounds are roots of
    quadratics, exact too. Otherwise (TOPSIS, a method passed as a function) they are
    found by a grid scan and bisection to ``tol``; the interval reported is then the one
    containing the current weight. Weights at which the method cannot rank (all weight on
    a criterion an alternative has no score on, with ``missing="redistribute"``) count as
    a change.

    Returns
    -------
    DataFrame
        Index = criteria; columns ``weight`` (current, normalised), ``lower``, ``upper``,
        ``width`` and ``exact`` (True where solved exactly). ``.attrs["top"]`` lists the
        top-k alternatives.

    Examples
    --------
    See the module docstring: ``b`` is first (min-max scores: need a 1, b 0.5, c 0;
    cost a 0, b 1, c 0.5) and stays first while the weight of ``need`` is at most 2/3,
    where ``a`` (score ``t``) draws level with ``b`` (``1 - t/2``).
    """
    ev = _Evaluator(scores, weights, directions, method, options)
    n = len(ev.frame)
    if not 1 <= top_k <= n:
        raise PrioritisationError(f"top_k must be between 1 and {n} (the alternatives)")
    base = ev(ev.weights)
    top = _top(base, ev.column, top_k)
    ratio = _redistributed_parts(ev)
    rows = []
    for k, criterion in enumerate(ev.criteria):
        w = float(ev.weights[k])
        if len(ev.criteria) == 1:
            rows.append((criterion, w, 1.0, 1.0, True))
            continue
        try:
            s0, s1 = ev.scores_at(k, 0.0), ev.scores_at(k, 1.0)
            probes = (w, 0.37 * w + 0.63 * (1 - w) if w < 1 else 0.5)
            linear = all(
                np.allclose(ev.scores_at(k, t), (1 - t) * s0 + t * s1, rtol=1e-9, atol=1e-12)
                for t in probes
            )
        except PrioritisationError:
            # e.g. all weight on a criterion some alternative has no score on
            linear = False
        if linear:
            lower, upper = _linear_interval(s0, s1, top, w)
            rows.append((criterion, w, lower, upper, True))
            continue
        if ratio is not None:
            lower, upper = _ratio_interval(*ratio, ev.weights, k, top)
            rows.append((criterion, w, lower, upper, True))
            continue

        def same(t: float, k: int = k) -> bool:
            try:
                result = ev(rescaled_weights(ev.weights, k, t))
            except PrioritisationError:
                return False  # no ranking at these weights
            return _top(result, ev.column, top_k) == top

        lower = _search(same, w, 0.0, tol)
        upper = _search(same, w, 1.0, tol)
        rows.append((criterion, w, lower, upper, False))
    out = pd.DataFrame(rows, columns=["criterion", "weight", "lower", "upper", "exact"])
    out = out.set_index("criterion")
    out.index.name = None
    out.insert(3, "width", out["upper"] - out["lower"])
    out.attrs["top"] = [ev.frame.index[i] for i in top]
    return out


def _score_and_rank(ev: _Evaluator, k: int, t: float, pos: int) -> tuple[float, float]:
    """Score and rank of one alternative at weight t; NaN where the method cannot rank."""
    try:
        result = ev(rescaled_weights(ev.weights, k, t))
    except PrioritisationError:
        return float("nan"), float("nan")
    return float(result[ev.column].iloc[pos]), float(result["rank"].iloc[pos])


def tornado_data(
    scores: pd.DataFrame,
    weights: Any,
    directions: Any = None,
    *,
    method: str | Callable[..., pd.DataFrame] = "weighted_sum",
    alternative: Any = None,
    delta: float = 0.1,
    relative: bool = False,
    **options: Any,
) -> pd.DataFrame:
    """One alternative's score with each weight moved down and up: the data of a tornado chart.

    Parameters
    ----------
    alternative
        Whose score to follow; default the alternative ranked first.
    delta
        How far each weight moves (absolute, or ``relative=True`` as a share of the
        weight); clipped to 0..1.

    Returns
    -------
    DataFrame
        Index = criteria, sorted by ``swing`` (largest first); columns ``weight``,
        ``low_weight``, ``high_weight``, ``score_low``, ``score_base``, ``score_high``,
        ``rank_low``, ``rank_base``, ``rank_high`` and ``swing`` (``|high - low|``);
        NaN where the method cannot rank at that weight. ``.attrs["alternative"]`` names
        the alternative.

    Examples
    --------
    >>> s = pd.DataFrame({"need": [5, 3], "cost": [3, 1]}, index=["a", "b"])
    >>> tornado_data(s, {"need": 0.6, "cost": 0.4}, {"cost": "min"})[["score_low", "score_high"]].sort_index()
          score_low  score_high
    cost        0.7         0.5
    need        0.5         0.7
    """
    ev = _Evaluator(scores, weights, directions, method, options)
    base = ev(ev.weights)
    if alternative is None:
        pos = _top(base, ev.column, 1)[0]
    else:
        if alternative not in ev.frame.index:
            raise PrioritisationError(
                f"unknown alternative {alternative!r}{did_you_mean(alternative, ev.frame.index)}"
            )
        pos = int(ev.frame.index.get_loc(alternative))
    rows = []
    for k, criterion in enumerate(ev.criteria):
        w = float(ev.weights[k])
        step = w * delta if relative else delta
        lo_w, hi_w = max(w - step, 0.0), min(w + step, 1.0)
        low = _score_and_rank(ev, k, lo_w, pos)
        high = _score_and_rank(ev, k, hi_w, pos)
        rows.append(
            (
                criterion, w, lo_w, hi_w,
                low[0], float(base[ev.column].iloc[pos]), high[0],
                low[1], int(base["rank"].iloc[pos]), high[1],
            )
        )  # fmt: skip
    out = pd.DataFrame(
        rows,
        columns=["criterion", "weight", "low_weight", "high_weight", "score_low", "score_base",
                 "score_high", "rank_low", "rank_base", "rank_high"],
    ).set_index("criterion")  # fmt: skip
    out.index.name = None
    out = out.astype({"rank_low": "Int64", "rank_high": "Int64"})
    out["swing"] = (out["score_high"] - out["score_low"]).abs()
    out = out.sort_values("swing", ascending=False, kind="stable")
    out.attrs["alternative"] = ev.frame.index[pos]
    return out
