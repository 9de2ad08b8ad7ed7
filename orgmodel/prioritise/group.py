"""Several raters: combine their scores and judgements, and show where they disagree.

Ratings come either as a long DataFrame with columns ``rater``, ``alternative``,
``criterion`` and ``score`` (one row per rating, as a form or spreadsheet gives them) or
as a dict ``rater -> DataFrame`` (alternatives as rows, criteria as columns). Missing
ratings are left out, never counted as zero.

Pairwise judgements are combined by the geometric mean of the judgements (AIJ) or of
the priorities (AIP), the two ways Forman & Peniwati (1998) recommend for groups that act
as one unit and for separate individuals respectively.

>>> ratings = pd.DataFrame({
...     "rater": ["ann", "ann", "bo", "bo"],
...     "alternative": ["x", "y", "x", "y"],
...     "criterion": ["need"] * 4,
...     "score": [4, 2, 5, 1],
... })
>>> aggregate_scores(ratings)
criterion  need
alternative
x           4.5
y           1.5
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from orgmodel.prioritise.ahp import AHPResult, _judgement_matrix, _pairwise_frame
from orgmodel.prioritise.errors import PrioritisationError
from orgmodel.prioritise.weights import _as_series, _number

__all__ = [
    "KendallW",
    "aggregate_pairwise",
    "aggregate_priorities",
    "aggregate_scores",
    "disagreement",
    "kendall_w",
    "long_ratings",
]

_LONG_COLUMNS = ["rater", "alternative", "criterion", "score"]


def long_ratings(ratings: Any) -> pd.DataFrame:
    """Ratings as a long DataFrame (rater, alternative, criterion, score), validated.

    Accepts a long DataFrame with those columns or a dict rater -> wide DataFrame.
    Rows without a score are dropped (a missing rating is not a zero). Every
    non-numeric score and every rating given twice is reported.

    >>> long_ratings({"ann": pd.DataFrame({"need": [3, None]}, index=["x", "y"])})
      rater alternative criterion  score
    0   ann           x      need    3.0
    """
    if isinstance(ratings, Mapping):
        parts = []
        for rater, wide in ratings.items():
            if not isinstance(wide, pd.DataFrame):
                raise PrioritisationError(
                    f"ratings of {rater!s}: need a DataFrame (alternatives x criteria), "
                    f"not {type(wide).__name__}"
                )
            part = wide.rename_axis(index="alternative", columns="criterion").stack(
                future_stack=True
            )
            part = part.rename("score").reset_index()
            part.insert(0, "rater", rater)
            parts.append(part)
        if not parts:
            raise PrioritisationError("ratings: no raters given")
        frame = pd.concat(parts, ignore_index=True)
        where = lambda i: (  # noqa: E731
            f"rater {frame.at[i, 'rater']!s}, alternative {frame.at[i, 'alternative']!s}, "
            f"criterion {frame.at[i, 'criterion']!s}"
        )
    elif isinstance(ratings, pd.DataFrame):
        absent = [c for c in _LONG_COLUMNS if c not in ratings.columns]
        if absent:
            raise PrioritisationError(
                f"ratings: missing column(s) {', '.join(absent)}; a long table needs "
                f"{', '.join(_LONG_COLUMNS)} (or pass a dict rater -> DataFrame)"
            )
        frame = ratings[_LONG_COLUMNS].reset_index(drop=True)
        where = lambda i: f"row {i + 1}"  # noqa: E731
    else:
        raise PrioritisationError(
            "ratings must be a long DataFrame (rater, alternative, criterion, score) or a "
            f"dict rater -> DataFrame, not {type(ratings).__name__}"
        )
    problems = []
    values = np.full(len(frame), np.nan)
    for i, v in enumerate(frame["score"]):
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            continue
        try:
            values[i] = _number(v)
        except (TypeError, ValueError):
            problems.append(f"{where(i)}: score {v!r} is not a number")
    frame = frame.assign(score=values)
    frame = frame[~np.isnan(values)].reset_index(drop=True)
    dup = frame.duplicated(["rater", "alternative", "criterion"], keep=False)
    if dup.any():
        for (r, a, c), _ in frame[dup].groupby(["rater", "alternative", "criterion"], sort=False):
            problems.append(f"rater {r!s} rated alternative {a!s} on {c!s} more than once")
    if problems:
        raise PrioritisationError(f"ratings: {len(problems)} problem(s): " + "; ".join(problems))
    return frame


def aggregate_scores(ratings: Any, how: str = "mean", *, min_raters: int = 1) -> pd.DataFrame:
    """One score per alternative and criterion from several raters.

    Parameters
    ----------
    ratings
        Long DataFrame or dict rater -> DataFrame (module docstring).
    how
        ``"mean"`` or ``"median"`` of the raters who gave a score.
    min_raters
        Cells rated by fewer raters are left missing (NaN).

    Returns
    -------
    DataFrame
        Alternatives as rows, criteria as columns, ready for the scoring methods.
    """
    if how not in ("mean", "median"):
        raise PrioritisationError(f"how: use 'mean' or 'median', not {how!r}")
    frame = long_ratings(ratings)
    grouped = frame.groupby(["alternative", "criterion"], sort=False)["score"]
    value = grouped.agg(how)
    count = grouped.count()
    value[count < min_raters] = np.nan
    wide = value.unstack("criterion")
    alternatives = pd.unique(frame["alternative"])
    criteria = pd.unique(frame["criterion"])
    return wide.reindex(index=alternatives, columns=criteria).rename_axis(
        index="alternative", columns="criterion"
    )


def disagreement(
    ratings: Any, *, measure: str = "std", threshold: float | None = None
) -> pd.DataFrame:
    """How much the raters differ, per alternative and criterion, largest first.

    Returns
    -------
    DataFrame
        Columns ``alternative``, ``criterion``, ``n_raters``, ``mean``, ``std`` (sample
        standard deviation; 0 with one rater), ``range`` (max - min), ``iqr``
        (interquartile range, linear interpolation) and ``flagged`` (``measure`` above
        ``threshold``; all False without a threshold), sorted by ``measure``.

    Examples
    --------
    >>> ratings = {"ann": pd.DataFrame({"need": [5, 3]}, index=["x", "y"]),
    ...            "bo": pd.DataFrame({"need": [1, 3]}, index=["x", "y"])}
    >>> disagreement(ratings, measure="range", threshold=2)[["alternative", "range", "flagged"]]
      alternative  range  flagged
    0           x    4.0     True
    1           y    0.0    False
    """
    if measure not in ("std", "range", "iqr"):
        raise PrioritisationError(f"measure: use 'std', 'range' or 'iqr', not {measure!r}")
    frame = long_ratings(ratings)
    rows = []
    for (alt, crit), g in frame.groupby(["alternative", "criterion"], sort=False):
        v = g["score"].to_numpy()
        q75, q25 = np.percentile(v, [75, 25])
        rows.append(
            (
                alt,
                crit,
                len(v),
                float(v.mean()),
                float(v.std(ddof=1)) if len(v) > 1 else 0.0,
                float(v.max() - v.min()),
                float(q75 - q25),
            )
        )
    out = pd.DataFrame(
        rows, columns=["alternative", "criterion", "n_raters", "mean", "std", "range", "iqr"]
    )
    out["flagged"] = out[measure] > threshold if threshold is not None else False
    return out.sort_values(measure, ascending=False, kind="stable").reset_index(drop=True)


def _rater_weights(weights: Any, raters: list, what: str) -> np.ndarray:
    if weights is None:
        return np.full(len(raters), 1.0 / len(raters))
    if isinstance(weights, pd.Series | Mapping):
        s = _as_series(weights, "rater weights")
        unknown = [str(k) for k in s.index if k not in raters]
        absent = [str(k) for k in raters if k not in s.index]
        if unknown or absent:
            raise PrioritisationError(
                f"rater weights for {what}: unknown raters {', '.join(unknown) or '-'}; "
                f"raters without weight {', '.join(absent) or '-'}"
            )
        w = s.reindex(raters).to_numpy(dtype=float)
    else:
        w = _as_series(weights, "rater weights").to_numpy(dtype=float)
        if len(w) != len(raters):
            raise PrioritisationError(f"rater weights: {len(w)} weights for {len(raters)} {what}")
    if w.sum() <= 0:
        raise PrioritisationError("rater weights: all zero")
    return w / w.sum()


def _named(items: Any, what: str) -> tuple[list, list]:
    if isinstance(items, Mapping):
        return list(items.keys()), list(items.values())
    if isinstance(items, Sequence) and not isinstance(items, str):
        return list(range(len(items))), list(items)
    raise PrioritisationError(f"{what}: pass a list or a dict rater -> {what[:-1]}")


def aggregate_pairwise(
    matrices: Any, how: str = "geometric", *, weights: Any = None
) -> pd.DataFrame:
    """Aggregation of individual judgements (AIJ): the cell-wise weighted geometric mean.

    The geometric mean keeps the result reciprocal (Aczél & Saaty 1983), so it can go
    straight into :func:`~orgmodel.prioritise.ahp.ahp`. A judgement missing for some
    raters is the mean of the others; missing for all, it stays missing.

    Parameters
    ----------
    matrices
        List or dict rater -> pairwise matrix (DataFrame with the same items, or arrays
        of the same size).
    how
        ``"geometric"`` (the only mean that keeps reciprocity).
    weights
        Rater weights (list or mapping rater -> weight); equal by default.

    >>> aggregate_pairwise([[[1, 2], [1/2, 1]], [[1, 8], [1/8, 1]]])
         0     1
    0  1.00  4.0
    1  0.25  1.0
    """
    if how != "geometric":
        raise PrioritisationError(
            f"how: judgements are combined by the geometric mean (keeps a_ji = 1/a_ij), not {how!r}"
        )
    raters, items = _named(matrices, "matrices")
    if not items:
        raise PrioritisationError("matrices: none given")
    frames = [_pairwise_frame(m) for m in items]
    labels = list(frames[0].index)
    logs = []
    for rater, frame in zip(raters, frames, strict=True):
        if sorted(map(str, frame.index)) != sorted(map(str, labels)):
            raise PrioritisationError(
                f"matrix of rater {rater!s} compares {', '.join(map(str, frame.index))}; "
                f"expected {', '.join(map(str, labels))}"
            )
        frame = frame.loc[labels, labels]
        a, problems = _judgement_matrix(frame, scale=None)
        if problems:
            raise PrioritisationError(f"matrix of rater {rater!s}: " + "; ".join(problems))
        logs.append(np.log(a))
    w = _rater_weights(weights, raters, "matrices")
    stack = np.stack(logs)
    have = ~np.isnan(stack)
    num = np.einsum("r,rij->ij", w, np.where(have, stack, 0.0))
    den = np.einsum("r,rij->ij", w, have.astype(float))
    with np.errstate(invalid="ignore", divide="ignore"):
        combined = np.where(den > 0, np.exp(num / np.where(den > 0, den, 1.0)), np.nan)
    index = frames[0].index
    return pd.DataFrame(combined, index=index, columns=index.copy())


def aggregate_priorities(results: Any, how: str = "geometric", *, weights: Any = None) -> pd.Series:
    """Aggregation of individual priorities (AIP): weighted mean of the raters' weights.

    ``"geometric"`` (default) takes the weighted geometric mean and rescales it to sum
    to one; ``"arithmetic"`` the weighted arithmetic mean.

    Parameters
    ----------
    results
        List or dict rater -> :class:`~orgmodel.prioritise.ahp.AHPResult`, Series or dict
        of priorities over the same items.

    >>> aggregate_priorities([{"a": 0.5, "b": 0.5}, {"a": 0.8, "b": 0.2}]).round(4)
    a    0.6667
    b    0.3333
    Name: weight, dtype: float64
    """
    if how not in ("geometric", "arithmetic"):
        raise PrioritisationError(f"how: use 'geometric' or 'arithmetic', not {how!r}")
    raters, items = _named(results, "results")
    if not items:
        raise PrioritisationError("results: none given")
    series = []
    for rater, item in zip(raters, items, strict=True):
        s = (
            item.weights
            if isinstance(item, AHPResult)
            else _as_series(item, f"priorities of {rater!s}")
        )
        series.append(s.astype(float))
    labels = list(series[0].index)
    for rater, s in zip(raters, series, strict=True):
        if set(s.index) != set(labels):
            raise PrioritisationError(
                f"priorities of rater {rater!s} cover {', '.join(map(str, s.index))}; "
                f"expected {', '.join(map(str, labels))}"
            )
    p = np.stack([s.reindex(labels).to_numpy() for s in series])
    w = _rater_weights(weights, raters, "results")
    if how == "geometric":
        if (p <= 0).any():
            raise PrioritisationError(
                "priorities must be positive for the geometric mean; use how='arithmetic'"
            )
        combined = np.exp(w @ np.log(p))
    else:
        combined = w @ p
    return pd.Series(combined / combined.sum(), index=pd.Index(labels), name="weight")


@dataclass(frozen=True)
class KendallW:
    """Kendall's coefficient of concordance and its chi-square test.

    ``w`` runs from 0 (no agreement) to 1 (every rater ranks the items the same);
    ``chi2 = m (n - 1) W`` with ``df = n - 1`` (large-sample test, Kendall & Babington
    Smith 1939); ``tie_correction`` is ``sum over raters and tie groups of t^3 - t``.
    """

    w: float
    chi2: float
    df: int
    p_value: float
    n_raters: int
    n_items: int
    tie_correction: float


def kendall_w(ratings: Any, *, criterion: Any = None) -> KendallW:
    """Kendall's W for m raters each scoring or ranking the same n items, ties corrected.

    Parameters
    ----------
    ratings
        DataFrame with one row per rater and one column per item (scores or ranks; each
        rater's row is ranked, ties getting the mean rank), a dict rater -> Series, or a
        long table of ratings (``rater``, ``alternative``, ``score`` and, when several
        criteria are rated, ``criterion``).
    criterion
        With a long table rating several criteria: the criterion whose scores to use.

    Notes
    -----
    ``W = 12 S / (m^2 (n^3 - n) - m T)`` where ``S`` is the sum of squared deviations
    of the items' rank sums from their mean ``m (n + 1) / 2`` and ``T`` the tie
    correction (Siegel & Castellan 1988, section 9.4).

    >>> r = kendall_w(pd.DataFrame([[1, 2, 3, 4], [2, 1, 3, 4], [1, 3, 2, 4]]))
    >>> round(r.w, 4), round(r.chi2, 4), r.df
    (0.7778, 7.0, 3)
    """
    if isinstance(ratings, pd.DataFrame) and {"rater", "alternative", "score"} <= set(
        ratings.columns
    ):
        long = ratings if "criterion" in ratings.columns else ratings.assign(criterion=None)
        long = long_ratings(long)
        present = list(pd.unique(long["criterion"]))
        if criterion is not None:
            if criterion not in present:
                raise PrioritisationError(
                    f"no ratings on criterion {criterion!r}; rated: {', '.join(map(str, present))}"
                )
            long = long[long["criterion"] == criterion]
        elif len(present) > 1:
            raise PrioritisationError(
                "the ratings cover several criteria ("
                + ", ".join(map(str, present))
                + "); choose one with criterion="
            )
        frame = long.pivot(index="rater", columns="alternative", values="score")
    elif isinstance(ratings, Mapping):
        frame = pd.DataFrame({k: pd.Series(v) for k, v in ratings.items()}).T
    elif isinstance(ratings, pd.DataFrame):
        frame = ratings
    else:
        frame = pd.DataFrame(np.asarray(ratings, dtype=float))
    m, n = frame.shape
    if m < 2 or n < 2:
        raise PrioritisationError(
            f"Kendall's W needs at least 2 raters (rows) and 2 items (columns); got {m} x {n}"
        )
    problems = []
    x = np.full((m, n), np.nan)
    for i in range(m):
        for j in range(n):
            v = frame.iat[i, j]
            try:
                x[i, j] = _number(v) if v is not None else float("nan")
            except (TypeError, ValueError):
                problems.append(f"rater {frame.index[i]!s}, item {frame.columns[j]!s}: {v!r}")
                continue
            if math.isnan(x[i, j]):
                problems.append(f"rater {frame.index[i]!s}, item {frame.columns[j]!s}: missing")
    if problems:
        raise PrioritisationError(
            "Kendall's W needs every rater to rate every item: " + "; ".join(problems)
        )
    ranks = np.apply_along_axis(stats.rankdata, 1, x)
    ties = 0.0
    for row in x:
        _, counts = np.unique(row, return_counts=True)
        ties += float(((counts**3) - counts).sum())
    rank_sums = ranks.sum(axis=0)
    s = float(((rank_sums - m * (n + 1) / 2.0) ** 2).sum())
    denominator = m * m * (n**3 - n) - m * ties
    w = 12.0 * s / denominator if denominator > 0 else float("nan")
    chi2 = m * (n - 1) * w
    df = n - 1
    return KendallW(
        w=w,
        chi2=chi2,
        df=df,
        p_value=float(stats.chi2.sf(chi2, df)),
        n_raters=m,
        n_items=n,
        tie_correction=ties,
    )
