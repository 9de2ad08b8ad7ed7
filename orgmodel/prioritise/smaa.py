"""Stochastic multicriteria acceptability analysis (SMAA-2): rankings when weights are unsure.

Instead of one weight vector, SMAA draws many -- uniformly from all weight vectors
(summing to one) when nothing is known, or from those within given bounds -- ranks the
alternatives for each, and reports how often each alternative reaches each rank (the
*rank acceptability*, Lahdelma & Salminen 2001) and the average weights that make it
first (the *central weight vector*).

All three scoring methods are vectorised over the weight samples: the weighted sum and
PROMETHEE II net flows are linear in the weights (``scores = W @ V.T``); TOPSIS distances
are ``sqrt(W**2 @ D.T)`` because the ideal point scales with the weights. Samples are
processed in chunks so memory stays bounded.

The SMAA-2 confidence factors need uncertain criterion values as well; with the exact
scores used here they would be 0 or 1, so they are not computed.

Exact ties between alternatives (which have probability zero unless two alternatives
score identically on every criterion) are broken arbitrarily but reproducibly by the
sort.

>>> scores = pd.DataFrame({"need": [5, 3, 1], "cost": [3, 1, 2]}, index=["a", "b", "c"])
>>> r = smaa(scores, directions={"cost": "min"}, n_samples=20_000, seed=1)
>>> r.rank_acceptability.round(1)
rank    1    2    3
a     0.3  0.3  0.3
b     0.7  0.3  0.0
c     0.0  0.3  0.7
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from orgmodel.prioritise.errors import PrioritisationError
from orgmodel.prioritise.scoring import (
    _directions_for,
    _promethee_parameters,
    _require_complete,
    _scores_frame,
    _topsis_normalised,
    _weighted_sum_matrix,
    _weights_for,
    promethee_criterion_flows,
)

__all__ = ["SMAAResult", "rank_counts", "sample_weights", "smaa"]

#: Upper bound on alternatives x samples held at once (floats) when chunk_size is not given.
DEFAULT_CHUNK_CELLS = 2_000_000


def sample_weights(
    n_samples: int,
    n_criteria: int,
    rng: np.random.Generator,
    low: np.ndarray | None = None,
    high: np.ndarray | None = None,
    max_rejections: int = 200,
    order: np.ndarray | None = None,
) -> np.ndarray:
    """Weight vectors uniform on the simplex (Dirichlet(1)), optionally within bounds.

    Uniform on the simplex: normalised standard exponentials. With ``order`` (criterion
    positions from most to least important) each vector is sorted so that
    ``w[order[0]] >= w[order[1]] >= ...``: uniform over the weights consistent with the
    ranking. With ``low``/``high`` bounds per criterion, samples outside them are
    rejected (uniform on the part of the simplex inside the box).

    >>> w = sample_weights(4, 3, np.random.default_rng(0))
    >>> w.shape, bool(np.allclose(w.sum(axis=1), 1))
    ((4, 3), True)
    """

    def draw(size: int) -> np.ndarray:
        e = rng.standard_exponential((size, n_criteria))
        w = e / e.sum(axis=1, keepdims=True)
        if order is not None:
            ranked = np.empty_like(w)
            ranked[:, order] = -np.sort(-w, axis=1)
            w = ranked
        return w

    if low is None and high is None:
        return draw(n_samples)
    low = np.zeros(n_criteria) if low is None else np.asarray(low, dtype=float)
    high = np.ones(n_criteria) if high is None else np.asarray(high, dtype=float)
    out = np.empty((n_samples, n_criteria))
    filled = 0
    drawn = 0
    while filled < n_samples:
        batch = max(1024, 2 * (n_samples - filled))
        w = draw(batch)
        ok = np.all((w >= low) & (w <= high), axis=1)
        take = w[ok][: n_samples - filled]
        out[filled : filled + len(take)] = take
        filled += len(take)
        drawn += batch
        if drawn > max_rejections * n_samples and filled < n_samples:
            raise PrioritisationError(
                f"weight bounds leave too little room: only {filled} of {drawn} uniform "
                "weight vectors fell inside them; widen the bounds"
            )
    return out


def rank_counts(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Counts ``[alternative, rank]`` and the first-ranked alternative per sample.

    ``scores`` is ``(n_samples, n_alternatives)``, larger is better.

    >>> counts, first = rank_counts(np.array([[0.2, 0.9, 0.5], [0.8, 0.1, 0.3]]))
    >>> counts
    array([[1, 0, 1],
           [1, 0, 1],
           [0, 2, 0]])
    >>> first
    array([1, 0])
    """
    n = scores.shape[1]
    order = np.argsort(-scores, axis=1)
    flat = (order * n + np.arange(n)).ravel()
    counts = np.bincount(flat, minlength=n * n).reshape(n, n)
    return counts, order[:, 0]


@dataclass(frozen=True, eq=False)
class SMAAResult:
    """Rank acceptabilities and central weights from :func:`smaa`.

    Attributes
    ----------
    rank_acceptability : DataFrame
        Alternatives x ranks 1..n: the share of weight samples giving that rank; each
        row sums to one.
    central_weights : DataFrame
        Alternatives x criteria: the mean weight vector among samples where the
        alternative is first (NaN if it never is).
    n_samples, seed : int
    method : str
    """

    rank_acceptability: pd.DataFrame
    central_weights: pd.DataFrame
    n_samples: int
    seed: int | None
    method: str

    @property
    def first_rank_acceptability(self) -> pd.Series:
        """Share of samples in which each alternative is first."""
        return self.rank_acceptability[1].rename("first_rank_acceptability")

    @property
    def expected_rank(self) -> pd.Series:
        """Mean rank over the samples (1 = always first)."""
        ranks = np.arange(1, self.rank_acceptability.shape[1] + 1)
        return (self.rank_acceptability * ranks).sum(axis=1).rename("expected_rank")

    def __repr__(self) -> str:
        first = self.first_rank_acceptability.sort_values(ascending=False).head(3)
        top = ", ".join(f"{k}={v:.0%}" for k, v in first.items())
        return (
            f"<SMAAResult {self.rank_acceptability.shape[0]} alternatives, "
            f"{self.central_weights.shape[1]} criteria, {self.n_samples} samples "
            f"({self.method}, seed {self.seed}); first-rank acceptability {top}>"
        )


def _bounds(weights: Any, criteria: pd.Index) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(low, high) arrays from a DataFrame with low/high or a mapping crit -> (low, high)."""
    if weights is None:
        return None, None
    if isinstance(weights, pd.DataFrame):
        if not {"low", "high"} <= set(weights.columns):
            raise PrioritisationError("weights: a DataFrame of bounds needs columns low and high")
        items = {k: (r["low"], r["high"]) for k, r in weights.iterrows()}
    elif isinstance(weights, Mapping):
        items = dict(weights)
    else:
        raise PrioritisationError(
            "weights: pass None (nothing known), a DataFrame with low/high per criterion or "
            "a mapping criterion -> (low, high)"
        )
    problems = []
    unknown = [k for k in items if k not in criteria]
    if unknown:
        problems.append("bounds for unknown criteria " + ", ".join(str(k) for k in unknown))
    low = np.zeros(len(criteria))
    high = np.ones(len(criteria))
    for j, c in enumerate(criteria):
        if c not in items:
            continue
        try:
            lo, hi = (float(v) for v in items[c])
        except (TypeError, ValueError):
            problems.append(f"criterion {c!s}: bounds {items[c]!r} are not (low, high)")
            continue
        if not 0 <= lo <= hi <= 1:
            problems.append(
                f"criterion {c!s}: bounds {lo:g}..{hi:g} must satisfy 0 <= low <= high <= 1"
            )
        low[j], high[j] = lo, hi
    if low.sum() > 1 + 1e-12:
        problems.append(f"the lower bounds add up to {low.sum():g}, more than 1")
    if high.sum() < 1 - 1e-12:
        problems.append(f"the upper bounds add up to {high.sum():g}, less than 1")
    if problems:
        raise PrioritisationError("weights: " + "; ".join(problems))
    return low, high


def _ranking_order(ranking: Any, criteria: pd.Index) -> np.ndarray | None:
    if ranking is None:
        return None
    if isinstance(ranking, str) or not hasattr(ranking, "__iter__"):
        raise PrioritisationError("ranking: list every criterion, most important first")
    items = list(ranking)
    unknown = [str(k) for k in items if k not in criteria]
    absent = [str(k) for k in criteria if k not in items]
    twice = sorted({str(k) for k in items if items.count(k) > 1})
    problems = []
    if unknown:
        problems.append("unknown criteria " + ", ".join(unknown))
    if absent:
        problems.append("criteria not ranked " + ", ".join(absent))
    if twice:
        problems.append("ranked more than once " + ", ".join(twice))
    if problems:
        raise PrioritisationError("ranking: " + "; ".join(problems))
    return np.array([criteria.get_loc(k) for k in items])


def _scorer(frame: pd.DataFrame, directions: Any, method: str, options: dict):
    """A function from a (chunk, m) weight array to (chunk, n) scores."""
    signs = _directions_for(directions, frame.columns)
    key = method.casefold().replace("-", "_")
    if key == "weighted_sum":
        r = _weighted_sum_matrix(
            frame, signs, options.pop("missing", "redistribute"), options.pop("normalise", "minmax")
        )
        have = ~np.isnan(r)
        values = np.where(have, r, 0.0).T
        if have.all():
            return lambda w: w @ values
        available = have.astype(float).T

        def redistributed(w: np.ndarray) -> np.ndarray:
            den = w @ available
            return (w @ values) / np.where(den > 0, den, np.inf)

        return redistributed
    _require_complete(frame, method)
    x = frame.to_numpy()
    if key == "topsis":
        r = _topsis_normalised(x, options.pop("normalisation", "vector"))
        ideal = np.where(signs > 0, r.max(axis=0), r.min(axis=0))
        anti = np.where(signs > 0, r.min(axis=0), r.max(axis=0))
        to_ideal = ((r - ideal) ** 2).T
        to_anti = ((r - anti) ** 2).T

        def closeness(w: np.ndarray) -> np.ndarray:
            w2 = w * w
            d_plus = np.sqrt(w2 @ to_ideal)
            d_minus = np.sqrt(w2 @ to_anti)
            total = d_plus + d_minus
            return np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 0.5)

        return closeness
    if key in ("promethee_ii", "promethee"):
        kinds, q, p, s = _promethee_parameters(
            frame.columns,
            options.pop("preference", "usual"),
            options.pop("q", None),
            options.pop("p", None),
            options.pop("s", None),
        )
        plus, minus = promethee_criterion_flows(x, signs, kinds, q, p, s)
        net = (plus - minus).T
        return lambda w: w @ net
    raise PrioritisationError(
        f"unknown method {method!r}; use 'weighted_sum', 'topsis' or 'promethee_ii'"
    )


def smaa(
    scores: pd.DataFrame,
    weights: Any = None,
    directions: Any = None,
    *,
    n_samples: int = 10_000,
    seed: int | None = 0,
    method: str = "weighted_sum",
    chunk_size: int | None = None,
    ranking: Any = None,
    **options: Any,
) -> SMAAResult:
    """Rank acceptabilities and central weights over uncertain weights (SMAA-2).

    Parameters
    ----------
    scores
        Alternatives as rows, criteria as columns.
    weights
        ``None`` when nothing is known about the weights (uniform over all weight
        vectors summing to one), or bounds on the normalised weights: a DataFrame with
        columns ``low`` and ``high`` indexed by criterion, or a mapping
        criterion -> ``(low, high)``; unlisted criteria are bounded by 0..1.
    directions
        Per criterion ``"max"`` or ``"min"``.
    n_samples, seed
        How many weight vectors to draw, and the seed of the random generator
        (``numpy.random.default_rng``); the same seed gives the same result.
    method
        ``"weighted_sum"``, ``"topsis"`` or ``"promethee_ii"``; ``options`` are passed
        as for that method (``missing=``, ``normalise=``, ``normalisation=``,
        ``preference=``, ``q=``, ``p=``, ``s=``).
    chunk_size
        Samples processed at once; by default about two million scores per chunk.
    ranking
        Ordinal information: every criterion, from most to least important. Only weight
        vectors that respect it are drawn (uniformly); combines with bounds.

    Returns
    -------
    SMAAResult
        ``.rank_acceptability``, ``.central_weights``, ``.first_rank_acceptability``,
        ``.expected_rank``.
    """
    frame = _scores_frame(scores)
    criteria = frame.columns
    if int(n_samples) < 1:
        raise PrioritisationError(f"n_samples must be at least 1, got {n_samples}")
    if isinstance(weights, pd.Series) or (
        isinstance(weights, Mapping) and all(isinstance(v, int | float) for v in weights.values())
    ):
        # exact weights: validate (for the message) and explain what SMAA needs
        _weights_for(weights, criteria)
        raise PrioritisationError(
            "weights: SMAA samples weights; give None (nothing known) or bounds "
            "(low, high) per criterion. For fixed weights use weighted_sum, topsis or "
            "promethee_ii"
        )
    low, high = _bounds(weights, criteria)
    order = _ranking_order(ranking, criteria)
    score = _scorer(frame, directions, method, dict(options))
    n, m = frame.shape
    rng = np.random.default_rng(seed)
    chunk = int(chunk_size) if chunk_size else max(1, DEFAULT_CHUNK_CELLS // max(n, 1))
    counts = np.zeros((n, n), dtype=np.int64)
    central = np.zeros((n, m))
    done = 0
    while done < n_samples:
        size = min(chunk, n_samples - done)
        w = sample_weights(size, m, rng, low, high, order=order)
        c, first = rank_counts(score(w))
        counts += c
        for j in range(m):
            central[:, j] += np.bincount(first, weights=w[:, j], minlength=n)
        done += size
    firsts = counts[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = central / firsts[:, None]
    central[firsts == 0] = np.nan
    ranks = pd.Index(np.arange(1, n + 1), name="rank")
    return SMAAResult(
        rank_acceptability=pd.DataFrame(counts / n_samples, index=frame.index, columns=ranks),
        central_weights=pd.DataFrame(central, index=frame.index, columns=criteria),
        n_samples=int(n_samples),
        seed=seed,
        method=method,
    )
