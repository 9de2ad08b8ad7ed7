"""Score and rank alternatives on several criteria: weighted sum, TOPSIS and PROMETHEE II.

Each method is a raw numpy kernel (``*_kernel``: arrays in, arrays out, easy to check
against published numbers and to vectorise) beside a validating, labelling wrapper that
takes and returns pandas objects:

* ``scores`` -- a DataFrame with one row per alternative and one column per criterion;
* ``weights`` -- a Series (or dict) indexed by criterion; scaled to sum to one;
* ``directions`` -- per criterion ``"max"`` / ``"benefit"`` / ``+1`` (more is better) or
  ``"min"`` / ``"cost"`` / ``-1`` (less is better); all ``"max"`` when omitted.

Rules shared by every method:

* **Missing scores are never silently zero.** :func:`weighted_sum` asks what to do
  (``missing=``); TOPSIS and PROMETHEE II need every score and raise
  :class:`~orgmodel.prioritise.errors.MissingScoreError` listing each missing cell.
* **Ties share a rank** (``method="min"``: two alternatives tied for first are both
  ranked 1 and the next is ranked 3). Scores within ``1e-10`` of the largest absolute
  score count as tied, so rounding noise does not split a tie.
* **Constant criteria** (every alternative scores the same) discriminate nothing: min-max
  normalisation gives every alternative 0.5 on them, the vector normalisation keeps them
  equal, and PROMETHEE's preferences on them are all zero.

>>> scores = pd.DataFrame({"benefit": [8, 6, 9], "cost": [4, 2, 5]}, index=["a", "b", "c"])
>>> weighted_sum(scores, {"benefit": 0.6, "cost": 0.4}, {"cost": "min"}).round(3)
   score  rank  n_missing
a  0.533     2          0
b  0.400     3          0
c  0.600     1          0
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from orgmodel.errors import did_you_mean
from orgmodel.prioritise.errors import MissingScoreError, PrioritisationError
from orgmodel.prioritise.weights import _as_series, _number

__all__ = [
    "METHODS",
    "PREFERENCE_FUNCTIONS",
    "minmax_normalise",
    "promethee_criterion_flows",
    "promethee_ii",
    "promethee_ii_kernel",
    "rank_descending",
    "topsis",
    "topsis_kernel",
    "vector_normalise",
    "weighted_sum",
    "weighted_sum_kernel",
]

_DIRECTION_WORDS = {
    "max": 1,
    "maximise": 1,
    "maximize": 1,
    "benefit": 1,
    "+": 1,
    "min": -1,
    "minimise": -1,
    "minimize": -1,
    "cost": -1,
    "-": -1,
}

#: PROMETHEE preference functions (Brans & Vincke 1985, types I-VI) and their parameters.
PREFERENCE_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "usual": (),
    "ushape": ("q",),
    "vshape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}


# --------------------------------------------------------------------------------------
# validation shared by every method in orgmodel.prioritise
# --------------------------------------------------------------------------------------


def _scores_frame(scores: Any, what: str = "scores") -> pd.DataFrame:
    """A float DataFrame (NaN = missing), with every non-numeric cell reported."""
    if not isinstance(scores, pd.DataFrame):
        if isinstance(scores, np.ndarray) and scores.ndim == 2:
            scores = pd.DataFrame(scores)
        else:
            raise PrioritisationError(
                f"{what} must be a DataFrame with alternatives as rows and criteria as "
                f"columns, not {type(scores).__name__}"
            )
    problems = []
    if scores.shape[0] == 0:
        problems.append("no alternatives (rows)")
    if scores.shape[1] == 0:
        problems.append("no criteria (columns)")
    if scores.index.has_duplicates:
        dups = sorted({str(k) for k in scores.index[scores.index.duplicated()]})
        problems.append(f"alternatives given more than once: {', '.join(dups)}")
    if scores.columns.has_duplicates:
        dups = sorted({str(k) for k in scores.columns[scores.columns.duplicated()]})
        problems.append(f"criteria given more than once: {', '.join(dups)}")
    if problems:
        raise PrioritisationError(f"{what}: " + "; ".join(problems))
    dtypes = scores.dtypes
    if all(pd.api.types.is_numeric_dtype(d) and not pd.api.types.is_bool_dtype(d) for d in dtypes):
        # fast path: all columns numeric
        out = scores.to_numpy(dtype=float, na_value=np.nan)
        if not np.isinf(out).any():
            return pd.DataFrame(out, index=scores.index, columns=scores.columns)
    out = np.empty(scores.shape, dtype=float)
    for j, col in enumerate(scores.columns):
        values = scores.iloc[:, j]
        if pd.api.types.is_bool_dtype(values.dtype):
            problems.append(f"criterion {col!s}: true/false values are not scores")
            continue
        if pd.api.types.is_numeric_dtype(values.dtype):
            out[:, j] = values.to_numpy(dtype=float, na_value=np.nan)
        else:
            for i, (alt, v) in enumerate(values.items()):
                if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
                    out[i, j] = np.nan
                    continue
                try:
                    out[i, j] = _number(v)
                except (TypeError, ValueError):
                    problems.append(
                        f"alternative {alt!s}, criterion {col!s}: {v!r} is not a number"
                    )
        inf = np.isinf(out[:, j])
        for alt in scores.index[inf]:
            problems.append(f"alternative {alt!s}, criterion {col!s}: infinite score")
    if problems:
        raise PrioritisationError(f"{what}: " + "; ".join(problems))
    return pd.DataFrame(out, index=scores.index, columns=scores.columns)


def _per_criterion(values: Any, criteria: pd.Index, what: str) -> dict:
    """A mapping criterion -> value; a scalar applies to every criterion."""
    if isinstance(values, pd.Series | Mapping):
        values = dict(values)
        unknown = [k for k in values if k not in criteria]
        if unknown:
            raise PrioritisationError(
                f"{what}: unknown criteria "
                + ", ".join(f"{k!s}{did_you_mean(k, criteria)}" for k in unknown)
            )
        return values
    return dict.fromkeys(criteria, values)


def _weights_for(weights: Any, criteria: pd.Index) -> np.ndarray:
    """Weights aligned to ``criteria``, scaled to sum to one; names every mismatch."""
    if isinstance(weights, pd.Series | Mapping):
        s = _as_series(weights, "weights")
        unknown = [k for k in s.index if k not in criteria]
        absent = [k for k in criteria if k not in s.index]
        problems = []
        if unknown:
            problems.append(
                "weights given for unknown criteria "
                + ", ".join(f"{k!s}{did_you_mean(k, criteria)}" for k in unknown)
            )
        if absent:
            problems.append("no weight for criteria " + ", ".join(str(k) for k in absent))
        if problems:
            raise PrioritisationError("weights: " + "; ".join(problems))
        w = s.reindex(criteria).to_numpy(dtype=float)
    else:
        s = _as_series(weights, "weights")
        if len(s) != len(criteria):
            raise PrioritisationError(
                f"weights: {len(s)} weights given for {len(criteria)} criteria; pass a Series "
                "indexed by criterion to avoid mistakes in the order"
            )
        w = s.to_numpy(dtype=float)
    total = w.sum()
    if total <= 0:
        raise PrioritisationError("weights: all weights are zero; at least one must be positive")
    return w / total


def _direction_sign(value: Any, criterion: Any) -> int:
    if isinstance(value, str):
        sign = _DIRECTION_WORDS.get(value.strip().casefold())
        if sign is not None:
            return sign
    elif isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        if value in (1, -1):
            return int(value)
    raise PrioritisationError(
        f"directions: criterion {criterion!s} has direction {value!r}; use 'max' (benefit, +1) "
        "or 'min' (cost, -1)"
    )


def _directions_for(directions: Any, criteria: pd.Index) -> np.ndarray:
    """+1 (more is better) or -1 (less is better) per criterion; default all +1."""
    if directions is None:
        return np.ones(len(criteria))
    if isinstance(directions, str | int):
        return np.full(len(criteria), _direction_sign(directions, "(all)"), dtype=float)
    if isinstance(directions, pd.Series | Mapping):
        d = dict(directions)
        unknown = [k for k in d if k not in criteria]
        if unknown:
            raise PrioritisationError(
                "directions: unknown criteria "
                + ", ".join(f"{k!s}{did_you_mean(k, criteria)}" for k in unknown)
            )
        return np.array([_direction_sign(d.get(c, "max"), c) for c in criteria], dtype=float)
    listed = list(directions)
    if len(listed) != len(criteria):
        raise PrioritisationError(
            f"directions: {len(listed)} directions given for {len(criteria)} criteria"
        )
    return np.array(
        [_direction_sign(v, c) for v, c in zip(listed, criteria, strict=True)], dtype=float
    )


def _missing_cells(frame: pd.DataFrame) -> list[tuple[Any, Any]]:
    rows, cols = np.nonzero(np.isnan(frame.to_numpy()))
    return [(frame.index[i], frame.columns[j]) for i, j in zip(rows, cols, strict=True)]


def _require_complete(frame: pd.DataFrame, method: str) -> None:
    cells = _missing_cells(frame)
    if cells:
        listed = "; ".join(f"alternative {a!s}, criterion {c!s}" for a, c in cells[:20])
        more = f" and {len(cells) - 20} more" if len(cells) > 20 else ""
        raise MissingScoreError(
            f"{method} needs every score; {len(cells)} missing: {listed}{more}", cells
        )


def rank_descending(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n, largest value first; ties share the smallest rank (``method="min"``).

    Values within ``1e-10`` of the largest absolute value count as equal.

    >>> rank_descending(np.array([0.2, 0.9, 0.2, 0.5]))
    array([3, 1, 3, 2])
    """
    v = np.asarray(values, dtype=float)
    scale = np.nanmax(np.abs(v)) if v.size and np.isfinite(v).any() else 1.0
    key = np.round(v / (scale or 1.0), 10)
    order = np.argsort(-key, kind="stable")
    sorted_key = key[order]
    positions = np.arange(len(v))
    starts = np.ones(len(v), dtype=bool)
    starts[1:] = sorted_key[1:] != sorted_key[:-1]
    # each position takes the rank of the first position of its group of equal keys
    ranks_sorted = np.maximum.accumulate(np.where(starts, positions, 0)) + 1
    ranks = np.empty(len(v), dtype=int)
    ranks[order] = ranks_sorted
    return ranks


# --------------------------------------------------------------------------------------
# normalisation kernels
# --------------------------------------------------------------------------------------


def minmax_normalise(matrix: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """Each column mapped to 0 (worst observed) .. 1 (best observed); NaN stays NaN.

    ``signs`` is +1 (more is better) or -1 per column. A column without spread gets 0.5.

    >>> minmax_normalise(np.array([[1.0, 5.0], [3.0, 5.0], [2.0, 5.0]]), np.array([-1, 1]))
    array([[1. , 0.5],
           [0. , 0.5],
           [0.5, 0.5]])
    """
    x = np.asarray(matrix, dtype=float)
    with np.errstate(invalid="ignore"), _ignore_all_nan():
        lo = np.nanmin(x, axis=0)
        hi = np.nanmax(x, axis=0)
    spread = hi - lo
    flat = ~(spread > 0)
    safe = np.where(flat, 1.0, spread)
    r = (x - lo) / safe
    r = np.where(np.asarray(signs) < 0, 1.0 - r, r)
    return np.where(flat & ~np.isnan(x), 0.5, r)


def _scale_normalise(matrix: np.ndarray, signs: np.ndarray, lo: np.ndarray, hi: np.ndarray):
    r = (np.asarray(matrix, dtype=float) - lo) / (hi - lo)
    return np.where(np.asarray(signs) < 0, 1.0 - r, r)


def vector_normalise(matrix: np.ndarray) -> np.ndarray:
    """Each column divided by its Euclidean norm (Hwang & Yoon 1981); a zero column stays 0.

    >>> vector_normalise(np.array([[3.0, 0.0], [4.0, 0.0]]))
    array([[0.6, 0. ],
           [0.8, 0. ]])
    """
    x = np.asarray(matrix, dtype=float)
    norm = np.sqrt(np.nansum(x * x, axis=0))
    return x / np.where(norm > 0, norm, 1.0)


class _ignore_all_nan:
    """Silence numpy's 'All-NaN slice' warning (an all-missing column is handled later)."""

    def __enter__(self):
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


# --------------------------------------------------------------------------------------
# weighted sum
# --------------------------------------------------------------------------------------


def weighted_sum_kernel(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted sum of already normalised scores, redistributing the weight of NaN cells.

    An alternative's score is ``sum(w_j v_j) / sum(w_j)`` over the criteria it has a
    score for; with no NaN that is the plain weighted sum (weights summing to one). A row
    whose available criteria carry no weight scores NaN.

    >>> weighted_sum_kernel(np.array([[1.0, 0.0], [0.5, np.nan]]), np.array([0.25, 0.75]))
    array([0.25, 0.5 ])
    """
    x = np.asarray(matrix, dtype=float)
    w = np.asarray(weights, dtype=float)
    have = ~np.isnan(x)
    if have.all():
        return x @ w / w.sum()
    num = np.where(have, x, 0.0) @ w
    den = have.astype(float) @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _scale_bounds(normalise: Any, criteria: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) per criterion from a tuple, a mapping or a DataFrame with low/high."""
    if isinstance(normalise, pd.DataFrame):
        if not {"low", "high"} <= set(normalise.columns):
            raise PrioritisationError(
                "normalise: a DataFrame of scale bounds needs columns 'low' and 'high'"
            )
        bounds = {k: (r["low"], r["high"]) for k, r in normalise.iterrows()}
    elif isinstance(normalise, tuple) and len(normalise) == 2:
        bounds = dict.fromkeys(criteria, normalise)
    else:
        bounds = _per_criterion(normalise, criteria, "normalise")
    absent = [c for c in criteria if c not in bounds]
    problems = []
    if absent:
        problems.append("no scale bounds for criteria " + ", ".join(str(c) for c in absent))
    lo = np.empty(len(criteria))
    hi = np.empty(len(criteria))
    for j, c in enumerate(criteria):
        if c in bounds:
            try:
                lo[j], hi[j] = (float(b) for b in bounds[c])
            except (TypeError, ValueError):
                problems.append(f"criterion {c!s}: scale bounds {bounds[c]!r} are not (low, high)")
                continue
            if not hi[j] > lo[j]:
                problems.append(f"criterion {c!s}: scale high {hi[j]:g} is not above low {lo[j]:g}")
    if problems:
        raise PrioritisationError("normalise: " + "; ".join(problems))
    return lo, hi


def weighted_sum(
    scores: pd.DataFrame,
    weights: Any,
    directions: Any = None,
    *,
    missing: str | float = "redistribute",
    normalise: Any = "minmax",
) -> pd.DataFrame:
    """Weighted sum (simple additive weighting) of normalised scores, with ranks.

    Parameters
    ----------
    scores
        Alternatives as rows, criteria as columns; NaN (or empty) = missing score.
    weights
        Series or dict indexed by criterion (or a list in column order); scaled to sum 1.
    directions
        Per criterion ``"max"`` (benefit) or ``"min"`` (cost); criteria left out of a
        mapping, or all when omitted, are ``"max"``.
    missing
        What a missing score means -- never zero unless you say so:

        * ``"redistribute"`` (default): the alternative is scored on the criteria it has,
          the weight of its missing criteria shared among them in proportion to their
          weights (``sum w v / sum w`` over available criteria);
        * ``"worst"``: the worst score any alternative has on that criterion;
        * ``"raise"``: :class:`~orgmodel.prioritise.errors.MissingScoreError` listing
          every missing cell;
        * a number: that raw score (before normalisation), e.g. ``0``.
    normalise
        * ``"minmax"`` (default): 0 = worst observed, 1 = best observed per criterion
          (a cost criterion is reversed); a criterion without spread gives 0.5 to all;
        * a ``(low, high)`` tuple, a mapping criterion -> (low, high) or a DataFrame with
          columns ``low``/``high``: a fixed scale (e.g. a checklist's 0-5), 0 = worst end;
        * ``"vector"``: divided by the column's Euclidean norm; cost criteria subtract;
        * ``"none"``: raw scores; cost criteria subtract.

    Returns
    -------
    DataFrame
        Index = alternatives; columns ``score``, ``rank`` (1 = best; ties share the
        smaller rank) and ``n_missing`` (missing scores of the alternative).

    Examples
    --------
    >>> s = pd.DataFrame({"need": [5, 3, None], "cost": [2, 1, 3]}, index=["x", "y", "z"])
    >>> weighted_sum(s, {"need": 3, "cost": 1}, {"cost": "min"}, normalise=(0, 5))
       score  rank  n_missing
    x   0.90     1          0
    y   0.65     2          0
    z   0.40     3          1
    """
    frame = _scores_frame(scores)
    criteria = frame.columns
    w = _weights_for(weights, criteria)
    signs = _directions_for(directions, criteria)
    r = _weighted_sum_matrix(frame, signs, missing, normalise)
    n_missing = np.isnan(frame.to_numpy()).sum(axis=1)
    value = weighted_sum_kernel(r, w)
    no_weight = np.isnan(value)
    if no_weight.any():
        names = ", ".join(str(a) for a in frame.index[no_weight])
        raise MissingScoreError(
            f"alternatives {names} have scores only on criteria with zero weight; "
            "cannot redistribute",
            [(a, None) for a in frame.index[no_weight]],
        )
    return pd.DataFrame(
        {"score": value, "rank": rank_descending(value), "n_missing": n_missing},
        index=frame.index,
    )


def _weighted_sum_matrix(
    frame: pd.DataFrame, signs: np.ndarray, missing: Any, normalise: Any
) -> np.ndarray:
    """Normalised, signed partial values (NaN kept for ``missing="redistribute"``)."""
    criteria = frame.columns
    x = frame.to_numpy(copy=True)
    nan = np.isnan(x)
    if nan.any():
        x = _fill_missing(frame, x, nan, signs, missing)
    if isinstance(normalise, str):
        kind = normalise.casefold()
        if kind == "minmax":
            r = minmax_normalise(x, signs)
        elif kind == "vector":
            r = vector_normalise(x) * signs
        elif kind == "none":
            r = x * signs
        else:
            raise PrioritisationError(
                f"normalise: unknown normalisation {normalise!r}; use 'minmax', 'vector', "
                "'none' or scale bounds (low, high)"
            )
    else:
        lo, hi = _scale_bounds(normalise, criteria)
        outside = (x < lo - 1e-12) | (x > hi + 1e-12)
        if outside.any():
            rows, cols = np.nonzero(outside)
            listed = "; ".join(
                f"alternative {frame.index[i]!s}, criterion {criteria[j]!s}: {x[i, j]:g} "
                f"outside {lo[j]:g}..{hi[j]:g}"
                for i, j in zip(rows, cols, strict=True)
            )
            raise PrioritisationError(f"scores outside their scale: {listed}")
        r = _scale_normalise(x, signs, lo, hi)
    return r


def _fill_missing(frame, x, nan, signs, missing) -> np.ndarray:
    criteria = frame.columns
    if isinstance(missing, str):
        how = missing.casefold()
        if how == "redistribute":
            all_missing = nan.all(axis=1)
            if all_missing.any():
                names = ", ".join(str(a) for a in frame.index[all_missing])
                raise MissingScoreError(
                    f"alternatives {names} have no scores at all; cannot redistribute",
                    [(a, c) for a in frame.index[all_missing] for c in criteria],
                )
            return x
        if how == "raise":
            _require_complete(frame, "weighted_sum with missing='raise'")
        if how == "worst":
            empty = nan.all(axis=0)
            if empty.any():
                names = ", ".join(str(c) for c in criteria[empty])
                raise MissingScoreError(
                    f"criteria {names} have no scores at all, so no worst score to use",
                    [(a, c) for c in criteria[empty] for a in frame.index],
                )
            with _ignore_all_nan():
                worst = np.where(signs > 0, np.nanmin(x, axis=0), np.nanmax(x, axis=0))
            return np.where(nan, worst, x)
        raise PrioritisationError(
            f"missing: unknown rule {missing!r}; use 'redistribute', 'worst', 'raise' or a number"
        )
    try:
        fill = float(missing)
    except (TypeError, ValueError):
        raise PrioritisationError(f"missing: {missing!r} is neither a rule nor a number") from None
    if not math.isfinite(fill):
        raise PrioritisationError(f"missing: fill value {missing!r} must be finite")
    return np.where(nan, fill, x)


# --------------------------------------------------------------------------------------
# TOPSIS
# --------------------------------------------------------------------------------------


def _topsis_normalised(matrix: np.ndarray, normalisation: str) -> np.ndarray:
    x = np.asarray(matrix, dtype=float)
    if normalisation == "vector":
        return vector_normalise(x)
    if normalisation == "minmax":
        return minmax_normalise(x, np.ones(x.shape[1]))
    if normalisation == "none":
        return x
    raise PrioritisationError(
        f"normalisation: unknown {normalisation!r}; use 'vector', 'minmax' or 'none'"
    )


def topsis_kernel(
    matrix: np.ndarray, weights: np.ndarray, signs: np.ndarray, normalisation: str = "vector"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """TOPSIS (Hwang & Yoon 1981): distances to the ideal and anti-ideal, and closeness.

    Returns ``(d_plus, d_minus, closeness)`` with ``closeness = d- / (d+ + d-)``; when an
    alternative is both ideal and anti-ideal (every criterion constant) closeness is 0.5.

    >>> d_plus, d_minus, c = topsis_kernel(
    ...     np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), np.array([0.5, 0.5]), np.array([1, 1]))
    >>> c
    array([0.5, 0.5, 1. ])
    """
    r = _topsis_normalised(matrix, normalisation)
    v = r * np.asarray(weights, dtype=float)
    signs = np.asarray(signs)
    ideal = np.where(signs > 0, v.max(axis=0), v.min(axis=0))
    anti = np.where(signs > 0, v.min(axis=0), v.max(axis=0))
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    total = d_plus + d_minus
    with np.errstate(invalid="ignore", divide="ignore"):
        closeness = np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 0.5)
    return d_plus, d_minus, closeness


def topsis(
    scores: pd.DataFrame,
    weights: Any,
    directions: Any = None,
    *,
    normalisation: str = "vector",
) -> pd.DataFrame:
    """TOPSIS: rank alternatives by their relative closeness to the ideal alternative.

    Parameters
    ----------
    scores, weights, directions
        As for :func:`weighted_sum`; every score must be present.
    normalisation
        ``"vector"`` (Hwang & Yoon's, default), ``"minmax"`` or ``"none"``.

    Returns
    -------
    DataFrame
        Columns ``d_plus`` (distance to the ideal), ``d_minus`` (to the anti-ideal),
        ``closeness`` (``d- / (d+ + d-)``, 1 = ideal) and ``rank``.

    Examples
    --------
    Tzeng & Huang (2011), *Multiple attribute decision making*, TOPSIS example:

    >>> s = pd.DataFrame([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]],
    ...                  index=["A1", "A2", "A3", "A4"], columns=["c1", "c2", "c3"])
    >>> topsis(s, {"c1": 0.3, "c2": 0.4, "c3": 0.3})[["closeness", "rank"]].round(4)
        closeness  rank
    A1     0.5037     3
    A2     0.6581     2
    A3     0.7482     1
    A4     0.3340     4
    """
    frame = _scores_frame(scores)
    _require_complete(frame, "TOPSIS")
    w = _weights_for(weights, frame.columns)
    signs = _directions_for(directions, frame.columns)
    d_plus, d_minus, closeness = topsis_kernel(frame.to_numpy(), w, signs, normalisation)
    return pd.DataFrame(
        {
            "d_plus": d_plus,
            "d_minus": d_minus,
            "closeness": closeness,
            "rank": rank_descending(closeness),
        },
        index=frame.index,
    )


# --------------------------------------------------------------------------------------
# PROMETHEE II
# --------------------------------------------------------------------------------------


def _preference(d: np.ndarray, kind: str, q: float, p: float, s: float) -> np.ndarray:
    """Preference P(d) in [0, 1] for differences d (Brans & Vincke 1985)."""
    if kind == "usual":
        return (d > 0).astype(float)
    if kind == "ushape":
        return (d > q).astype(float)
    if kind == "vshape":
        return np.clip(d / p, 0.0, 1.0)
    if kind == "level":
        return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    if kind == "linear":
        return np.clip((d - q) / (p - q), 0.0, 1.0)
    if kind == "gaussian":
        return np.where(d > 0, 1.0 - np.exp(-(d * d) / (2.0 * s * s)), 0.0)
    raise PrioritisationError(f"unknown preference function {kind!r}")  # pragma: no cover


def promethee_criterion_flows(
    matrix: np.ndarray,
    signs: np.ndarray,
    kinds: list[str],
    q: np.ndarray,
    p: np.ndarray,
    s: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Unweighted positive and negative flows per criterion, each ``(n_alternatives, m)``.

    The weighted flows are linear in the weights: ``phi+ = plus @ w``, ``phi- = minus @ w``.

    >>> z = np.zeros(1)
    >>> plus, minus = promethee_criterion_flows(np.array([[1.0], [3.0], [2.0]]),
    ...                                         np.array([1]), ["vshape"], z, np.array([2.0]), z)
    >>> plus.ravel(), minus.ravel()
    (array([0.  , 0.75, 0.25]), array([0.75, 0.  , 0.25]))
    """
    x = np.asarray(matrix, dtype=float)
    n, m = x.shape
    plus = np.zeros((n, m))
    minus = np.zeros((n, m))
    if n < 2:
        return plus, minus
    for j in range(m):
        col = x[:, j]
        d = signs[j] * (col[:, None] - col[None, :])
        pref = _preference(d, kinds[j], q[j], p[j], s[j])
        plus[:, j] = pref.sum(axis=1) / (n - 1)
        minus[:, j] = pref.sum(axis=0) / (n - 1)
    return plus, minus


def promethee_ii_kernel(
    matrix: np.ndarray,
    weights: np.ndarray,
    signs: np.ndarray,
    kinds: list[str],
    q: np.ndarray,
    p: np.ndarray,
    s: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PROMETHEE II flows ``(phi_plus, phi_minus, net_flow)``; weights sum to one.

    >>> z = np.zeros(2)
    >>> promethee_ii_kernel(np.array([[1.0, 5.0], [2.0, 3.0]]), np.array([0.4, 0.6]),
    ...                     np.array([1, 1]), ["usual", "usual"], z, z, z)
    (array([0.6, 0.4]), array([0.4, 0.6]), array([ 0.2, -0.2]))
    """
    plus, minus = promethee_criterion_flows(matrix, signs, kinds, q, p, s)
    w = np.asarray(weights, dtype=float)
    phi_plus = plus @ w
    phi_minus = minus @ w
    return phi_plus, phi_minus, phi_plus - phi_minus


def _promethee_parameters(criteria: pd.Index, preference: Any, q: Any, p: Any, s: Any):
    kinds_map = _per_criterion(preference, criteria, "preference")
    params = {
        "q": _per_criterion(q, criteria, "q"),
        "p": _per_criterion(p, criteria, "p"),
        "s": _per_criterion(s, criteria, "s"),
    }
    kinds: list[str] = []
    arrays = {k: np.zeros(len(criteria)) for k in params}
    problems = []
    for j, c in enumerate(criteria):
        kind = kinds_map.get(c, "usual")
        kind = str(kind).casefold().replace("-", "").replace("_", "")
        if kind not in PREFERENCE_FUNCTIONS:
            problems.append(
                f"criterion {c!s}: unknown preference function {kinds_map.get(c)!r}"
                f"{did_you_mean(kind, PREFERENCE_FUNCTIONS)}"
            )
            kinds.append("usual")
            continue
        kinds.append(kind)
        for name in PREFERENCE_FUNCTIONS[kind]:
            value = params[name].get(c)
            try:
                f = float(value)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                problems.append(f"criterion {c!s}: preference {kind!r} needs a number {name}")
                continue
            if not math.isfinite(f) or f < 0 or (name in ("p", "s") and f <= 0):
                problems.append(f"criterion {c!s}: {name} = {value!r} must be positive")
            arrays[name][j] = f
        if kind in ("level", "linear") and not arrays["q"][j] < arrays["p"][j]:
            problems.append(
                f"criterion {c!s}: indifference q = {arrays['q'][j]:g} must be below "
                f"preference p = {arrays['p'][j]:g}"
            )
    if problems:
        raise PrioritisationError("PROMETHEE II: " + "; ".join(problems))
    return kinds, arrays["q"], arrays["p"], arrays["s"]


def promethee_ii(
    scores: pd.DataFrame,
    weights: Any,
    directions: Any = None,
    *,
    preference: Any = "usual",
    q: Any = None,
    p: Any = None,
    s: Any = None,
) -> pd.DataFrame:
    """PROMETHEE II complete ranking by net outranking flow (Brans & Vincke 1985).

    For each pair of alternatives and each criterion the difference ``d`` (in the
    criterion's direction) becomes a preference ``P(d)`` in [0, 1]; the weighted sum over
    criteria is the preference index ``pi(a, b)``; ``phi+(a)`` is the mean of
    ``pi(a, .)``, ``phi-(a)`` the mean of ``pi(., a)`` and the net flow ``phi+ - phi-``.

    Parameters
    ----------
    scores, weights, directions
        As for :func:`weighted_sum`; every score must be present.
    preference
        One preference function for all criteria or a mapping per criterion:
        ``"usual"`` (I: any advantage is full preference), ``"ushape"`` (II, threshold
        ``q``), ``"vshape"`` (III, linear up to ``p``), ``"level"`` (IV, 1/2 between ``q``
        and ``p``), ``"linear"`` (V, linear between ``q`` and ``p``), ``"gaussian"``
        (VI, parameter ``s``).
    q, p, s
        Indifference threshold, preference threshold and Gaussian parameter, in the
        criterion's units: one number for all criteria or a mapping per criterion.

    Returns
    -------
    DataFrame
        Columns ``phi_plus``, ``phi_minus``, ``net_flow`` and ``rank``.

    Examples
    --------
    >>> s = pd.DataFrame({"benefit": [7, 5, 5], "cost": [3, 1, 2]}, index=["a", "b", "c"])
    >>> promethee_ii(s, {"benefit": 0.5, "cost": 0.5}, {"cost": "min"})
       phi_plus  phi_minus  net_flow  rank
    a      0.50       0.50      0.00     2
    b      0.50       0.25      0.25     1
    c      0.25       0.50     -0.25     3
    """
    frame = _scores_frame(scores)
    _require_complete(frame, "PROMETHEE II")
    criteria = frame.columns
    w = _weights_for(weights, criteria)
    signs = _directions_for(directions, criteria)
    kinds, qa, pa, sa = _promethee_parameters(criteria, preference, q, p, s)
    phi_plus, phi_minus, net = promethee_ii_kernel(frame.to_numpy(), w, signs, kinds, qa, pa, sa)
    return pd.DataFrame(
        {
            "phi_plus": phi_plus,
            "phi_minus": phi_minus,
            "net_flow": net,
            "rank": rank_descending(net),
        },
        index=frame.index,
    )


#: Methods by name -> (function, name of its score column).
METHODS: dict[str, tuple[Callable[..., pd.DataFrame], str]] = {
    "weighted_sum": (weighted_sum, "score"),
    "topsis": (topsis, "closeness"),
    "promethee_ii": (promethee_ii, "net_flow"),
}


def _method(method: Any) -> tuple[Callable[..., pd.DataFrame], str]:
    """(function, score column) for a method name, or a callable returning a 'score' column."""
    if callable(method):
        return method, "score"
    key = str(method).casefold().replace("-", "_").replace(" ", "_")
    key = {"promethee": "promethee_ii", "wsm": "weighted_sum", "saw": "weighted_sum"}.get(key, key)
    if key not in METHODS:
        raise PrioritisationError(f"unknown method {method!r}{did_you_mean(method, METHODS)}")
    return METHODS[key]
