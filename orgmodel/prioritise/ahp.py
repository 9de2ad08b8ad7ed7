"""The analytic hierarchy process: weights from pairwise judgements, and their consistency.

A pairwise comparison matrix holds, in cell ``(i, j)``, how many times more important
``i`` is than ``j`` on Saaty's 1/9..9 scale; it is reciprocal (``a_ji = 1 / a_ij``). The
weights are the principal eigenvector (Saaty 1980); the consistency index
``CI = (lambda_max - n) / (n - 1)`` divided by the random index of matrices of that size
gives the consistency ratio ``CR``; ``CR <= 0.1`` is Saaty's rule for acceptable.

Incomplete matrices (NaN where a judgement was not made) are completed first:
``method="harker"`` (Harker 1987), ``"llsm"`` (logarithmic least squares) or
``"bozoki"`` (the completion with the smallest lambda_max, Bozóki, Fülöp & Rónyai 2010).
The lower triangle may be left empty: a judgement given on one side only is mirrored.

>>> m = pd.DataFrame([[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]],
...                  index=["need", "cost", "risk"], columns=["need", "cost", "risk"])
>>> r = ahp(m)
>>> r.weights.round(3)
need    0.648
cost    0.230
risk    0.122
Name: weight, dtype: float64
>>> round(r.consistency_ratio, 4), r.is_consistent
(0.0032, True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar

from orgmodel.errors import did_you_mean
from orgmodel.prioritise.errors import PrioritisationError

__all__ = [
    "RANDOM_INDEX",
    "SAATY_SCALE",
    "AHPResult",
    "ahp",
    "complete_bozoki",
    "complete_llsm",
    "consistency_ratio",
    "harker_weights",
    "principal_eigenvector",
]

#: Random indices (mean CI of random reciprocal matrices) by matrix size n.
RANDOM_INDEX: dict[str, dict[int, float]] = {
    # Saaty, T.L. (1980). The Analytic Hierarchy Process. McGraw-Hill, Table 1.
    "saaty1980": {
        1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
        10: 1.49,
    },
    # Saaty, T.L. (2005). Theory and Applications of the Analytic Network Process.
    # RWS Publications, Pittsburgh, p. 31.
    "saaty2005": {
        1: 0.0, 2: 0.0, 3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40, 9: 1.45,
        10: 1.49, 11: 1.52, 12: 1.54, 13: 1.56, 14: 1.58, 15: 1.59,
    },
    # Alonso, J.A. & Lamata, M.T. (2006). Consistency in the analytic hierarchy process:
    # a new approach. Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4),
    # 445-459 (n = 3..10).
    "alonso-lamata": {
        1: 0.0, 2: 0.0, 3: 0.5245, 4: 0.8815, 5: 1.1086, 6: 1.2479, 7: 1.3417, 8: 1.4056,
        9: 1.4499, 10: 1.4854,
    },
    # Donegan, H.A. & Dodd, F.J. (1991). A note on Saaty's random indexes. Mathematical
    # and Computer Modelling 15(10), 135-137.
    "donegan-dodd": {
        1: 0.0, 2: 0.0, 3: 0.4914, 4: 0.8286, 5: 1.0591, 6: 1.1797, 7: 1.2519, 8: 1.3171,
        9: 1.3733, 10: 1.4055, 11: 1.4213, 12: 1.4497, 13: 1.4643, 14: 1.4822, 15: 1.4969,
    },
}  # fmt: skip

#: Saaty's fundamental scale and its reciprocals, used to suggest revised judgements.
SAATY_SCALE = np.array([1 / k for k in range(9, 1, -1)] + list(range(1, 10)), dtype=float)

#: Relative tolerance for reciprocity: 0.33 for 1/3 passes, 0.25 for 1/3 does not.
RECIPROCITY_RTOL = 0.05

_METHODS = ("eigen", "geometric", "harker", "llsm", "bozoki")


# --------------------------------------------------------------------------------------
# kernels
# --------------------------------------------------------------------------------------


def principal_eigenvector(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """The Perron eigenvector (scaled to sum to one) and eigenvalue of a positive matrix.

    >>> w, lam = principal_eigenvector(np.array([[1.0, 2.0], [0.5, 1.0]]))
    >>> w.round(4), round(lam, 6)
    (array([0.6667, 0.3333]), 2.0)
    """
    a = np.asarray(matrix, dtype=float)
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


def consistency_ratio(lambda_max: float, n: int, random_index: float) -> tuple[float, float]:
    """``(CI, CR)`` with ``CI = (lambda_max - n) / (n - 1)``; both 0 for n <= 2.

    >>> [round(x, 4) for x in consistency_ratio(9.669, 8, 1.41)]
    [0.2384, 0.1691]
    """
    if n <= 2:
        return 0.0, 0.0
    ci = max((lambda_max - n) / (n - 1), 0.0)
    return ci, ci / random_index


def harker_weights(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """Harker's (1987) weights for an incomplete matrix (NaN = missing judgement).

    The missing entries become 0 and each diagonal entry ``1 + (missing in its row)``;
    the weights are that matrix's principal eigenvector. Completing the matrix with
    ``w_i / w_j`` gives a matrix with the same eigenvector and eigenvalue.

    >>> w, lam = harker_weights(np.array([[1, 2, np.nan], [0.5, 1, 3], [np.nan, 1/3, 1]]))
    >>> w.round(3), round(lam, 6)
    (array([0.6, 0.3, 0.1]), 3.0)
    """
    a = np.asarray(matrix, dtype=float)
    missing = np.isnan(a)
    c = np.where(missing, 0.0, a)
    c[np.diag_indices_from(c)] = 1.0 + missing.sum(axis=1)
    return principal_eigenvector(c)


def complete_llsm(matrix: np.ndarray) -> np.ndarray:
    """Logarithmic-least-squares weights of an incomplete matrix (graph Laplacian system).

    Minimises ``sum over known (i, j) of (log a_ij - log w_i + log w_j)^2`` (Bozóki,
    Fülöp & Rónyai 2010, section 5); for a complete matrix this is the row geometric mean.

    >>> complete_llsm(np.array([[1, 2, np.nan], [0.5, 1, 3], [np.nan, 1/3, 1]])).round(3)
    array([0.6, 0.3, 0.1])
    """
    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    known = ~np.isnan(a) & ~np.eye(n, dtype=bool)
    laplacian = -known.astype(float)
    laplacian[np.diag_indices(n)] = known.sum(axis=1)
    rhs = np.where(known, np.log(np.where(known, a, 1.0)), 0.0).sum(axis=1)
    # fix the scale with sum(log w) = 0 (the Laplacian of a connected graph has rank n-1)
    system = np.vstack([laplacian, np.ones(n)])
    y, *_ = np.linalg.lstsq(system, np.append(rhs, 0.0), rcond=None)
    w = np.exp(y)
    return w / w.sum()


def _fill(a: np.ndarray, cells: list[tuple[int, int]], values: np.ndarray) -> np.ndarray:
    out = a.copy()
    for (i, j), v in zip(cells, values, strict=True):
        out[i, j] = v
        out[j, i] = 1.0 / v
    return out


def complete_bozoki(
    matrix: np.ndarray, *, tolerance: float = 1e-7, max_sweeps: int = 200
) -> np.ndarray:
    """The completion of an incomplete matrix with the smallest lambda_max.

    Cyclic coordinate descent over the logarithms of the missing entries, in which
    lambda_max is convex (Bozóki, Fülöp & Rónyai 2010, section 4), started from the LLSM
    completion; stops when a sweep moves no log-entry by more than ``tolerance``.

    >>> a = np.array([[1, 1, 5, 2], [1, 1, 3, 4], [1/5, 1/3, 1, np.nan], [1/2, 1/4, np.nan, 1]])
    >>> round(float(complete_bozoki(a)[2, 3]), 4)
    0.7303
    """
    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    cells = [(i, j) for i in range(n) for j in range(i + 1, n) if np.isnan(a[i, j])]
    if not cells:
        return a.copy()
    w = complete_llsm(a)
    x = np.array([math.log(w[i] / w[j]) for i, j in cells])
    bound = math.log(81.0) + 1.0
    for _ in range(max_sweeps):
        largest_step = 0.0
        for k, (i, j) in enumerate(cells):

            def lam(t: float, k: int = k, i: int = i, j: int = j) -> float:
                current = _fill(a, cells, np.exp(x))
                current[i, j] = math.exp(t)
                current[j, i] = math.exp(-t)
                return float(np.max(np.linalg.eigvals(current).real))

            res = minimize_scalar(
                lam,
                bounds=(x[k] - bound, x[k] + bound),
                method="bounded",
                options={"xatol": tolerance / 10},
            )
            largest_step = max(largest_step, abs(res.x - x[k]))
            x[k] = res.x
        if largest_step < tolerance:
            break
    return _fill(a, cells, np.exp(x))


# --------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------


def _from_judgements(judgements: Mapping) -> pd.DataFrame:
    """A matrix from a mapping ``(i, j) -> a_ij``: items in order of appearance, NaN elsewhere."""
    items: list = []
    for key in judgements:
        if not (isinstance(key, tuple) and len(key) == 2):
            raise PrioritisationError(
                f"pairwise: judgements must be keyed by (item, other item), not {key!r}"
            )
        for k in key:
            if k not in items:
                items.append(k)
    frame = pd.DataFrame(np.nan, index=items, columns=items, dtype=object)
    for k in items:
        frame.loc[k, k] = 1.0
    for (i, j), v in judgements.items():
        frame.loc[i, j] = v
    return frame


def _pairwise_frame(pairwise: Any) -> pd.DataFrame:
    if isinstance(pairwise, Mapping):
        return _from_judgements(pairwise)
    if isinstance(pairwise, pd.DataFrame):
        frame = pairwise
    elif isinstance(pairwise, np.ndarray | list | tuple):
        arr = np.asarray(pairwise, dtype=object)
        if arr.ndim != 2:
            raise PrioritisationError(
                f"pairwise: need a square matrix, got {arr.ndim} dimension(s)"
            )
        frame = pd.DataFrame(arr)
    else:
        raise PrioritisationError(
            f"pairwise must be a square DataFrame or array, not {type(pairwise).__name__}"
        )
    problems = []
    if frame.shape[0] != frame.shape[1]:
        problems.append(f"not square: {frame.shape[0]} rows, {frame.shape[1]} columns")
    elif list(frame.index) != list(frame.columns):
        if set(frame.index) == set(frame.columns) and not frame.index.has_duplicates:
            frame = frame.loc[:, list(frame.index)]
        else:
            only_rows = [str(k) for k in frame.index if k not in frame.columns]
            only_cols = [str(k) for k in frame.columns if k not in frame.index]
            problems.append(
                "rows and columns must name the same items; only in rows: "
                f"{', '.join(only_rows) or '-'}; only in columns: {', '.join(only_cols) or '-'}"
            )
    if frame.index.has_duplicates:
        dups = sorted({str(k) for k in frame.index[frame.index.duplicated()]})
        problems.append(f"items given more than once: {', '.join(dups)}")
    if problems:
        raise PrioritisationError("pairwise: " + "; ".join(problems))
    return frame


def _judgement_matrix(
    frame: pd.DataFrame, scale: tuple[float, float] | None
) -> tuple[np.ndarray, list[str]]:
    """A float matrix, made exactly reciprocal from the given side; every problem listed."""
    labels = list(frame.index)
    n = len(labels)
    raw = np.full((n, n), np.nan)
    problems: list[str] = []

    def cell(i: int, j: int) -> str:
        return f"({labels[i]!s}, {labels[j]!s})"

    for i in range(n):
        for j in range(n):
            v = frame.iat[i, j]
            if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
                continue
            if isinstance(v, str):
                text = v.strip()
                try:
                    if "/" in text:
                        num, den = text.split("/", 1)
                        v = float(num) / float(den)
                    else:
                        v = float(text.replace(",", "."))
                except (ValueError, ZeroDivisionError):
                    problems.append(f"{cell(i, j)}: {frame.iat[i, j]!r} is not a number")
                    continue
            elif isinstance(v, bool):
                problems.append(f"{cell(i, j)}: {v!r} is not a number")
                continue
            try:
                f = float(v)
            except (TypeError, ValueError):
                problems.append(f"{cell(i, j)}: {v!r} is not a number")
                continue
            if not math.isfinite(f) or f <= 0:
                problems.append(f"{cell(i, j)}: {v!r} must be a positive number")
                continue
            raw[i, j] = f
    for i in range(n):
        if not math.isnan(raw[i, i]) and not math.isclose(raw[i, i], 1.0, rel_tol=1e-9):
            problems.append(f"{cell(i, i)}: the diagonal must be 1, not {raw[i, i]:g}")
    a = np.full((n, n), np.nan)
    np.fill_diagonal(a, 1.0)
    lo, hi = scale if scale is not None else (0.0, math.inf)
    for i in range(n):
        for j in range(i + 1, n):
            x, y = raw[i, j], raw[j, i]
            if math.isnan(x) and math.isnan(y):
                continue
            value = x if not math.isnan(x) else 1.0 / y
            if not math.isnan(x) and not math.isnan(y):
                if abs(x * y - 1.0) > RECIPROCITY_RTOL:
                    problems.append(
                        f"{cell(i, j)} = {x:g} but {cell(j, i)} = {y:g}; expected "
                        f"{_fraction(1 / x)} (the reciprocal)"
                    )
                    continue
            for v, (r, c) in ((value, (i, j)), (1 / value, (j, i))):
                if not (lo * (1 - 1e-6) <= v <= hi * (1 + 1e-6)):
                    src = raw[r, c] if not math.isnan(raw[r, c]) else v
                    problems.append(
                        f"{cell(r, c)}: {src:g} is outside the scale {_fraction(lo)}..{hi:g}"
                    )
                    break
            a[i, j] = value
            a[j, i] = 1.0 / value
    return a, problems


def _fraction(v: float) -> str:
    if v < 1 and v > 0 and math.isclose(1 / v, round(1 / v), rel_tol=1e-6):
        return f"1/{round(1 / v)}"
    return f"{v:g}"


def _components(known: np.ndarray) -> list[list[int]]:
    n = known.shape[0]
    seen = [False] * n
    groups = []
    for start in range(n):
        if seen[start]:
            continue
        stack, group = [start], []
        seen[start] = True
        while stack:
            i = stack.pop()
            group.append(i)
            for j in np.nonzero(known[i])[0]:
                if not seen[j]:
                    seen[j] = True
                    stack.append(int(j))
        groups.append(sorted(group))
    return groups


def _random_index(random_index: Any, n: int) -> tuple[float, str]:
    if isinstance(random_index, Mapping):
        table = {int(k): float(v) for k, v in random_index.items()}
        name = "custom"
    else:
        name = str(random_index).casefold().replace("_", "-").replace(" ", "-")
        name = {"saaty": "saaty1980", "dd": "donegan-dodd", "alonso": "alonso-lamata"}.get(
            name, name
        )
        if name not in RANDOM_INDEX:
            raise PrioritisationError(
                f"unknown random index table {random_index!r}{did_you_mean(name, RANDOM_INDEX)}"
            )
        table = RANDOM_INDEX[name]
    if n <= 2:
        return 0.0, name
    if n not in table:
        raise PrioritisationError(
            f"random index table {name!r} has no value for {n} items (it covers "
            f"{min(table)}..{max(table)}); pass random_index as a mapping n -> RI"
        )
    if table[n] <= 0:
        raise PrioritisationError(f"random index for {n} items must be positive")
    return table[n], name


# --------------------------------------------------------------------------------------
# result and wrapper
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class AHPResult:
    """Weights and consistency from :func:`ahp`.

    Attributes
    ----------
    weights : Series
        Priority per item, summing to one, named ``weight``.
    lambda_max, consistency_index, consistency_ratio : float
        Principal eigenvalue of the (completed) matrix, ``CI`` and ``CR = CI / RI``.
    random_index : float
        The random index used; ``random_index_table`` names its table.
    matrix : DataFrame
        The reciprocal matrix used, missing judgements completed.
    missing : list of (str, str)
        The judgements (upper triangle) that were missing and completed.
    method : str
        How the weights were derived.
    threshold : float
        The CR at or below which :attr:`is_consistent` holds (Saaty: 0.1).
    """

    weights: pd.Series
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    random_index: float
    random_index_table: str
    matrix: pd.DataFrame
    given: pd.DataFrame = field(repr=False)
    missing: list[tuple[Any, Any]]
    method: str
    threshold: float = 0.1

    @property
    def is_consistent(self) -> bool:
        """True when ``CR <= threshold`` (0.1 by Saaty's rule)."""
        return bool(self.consistency_ratio <= self.threshold + 1e-12)

    @cached_property
    def revisit(self) -> pd.DataFrame:
        """The given judgements, those that most drive inconsistency first.

        For each judgement ``a_ij`` (upper triangle) the error ``e = a_ij * w_j / w_i`` is
        1 when it agrees with the weights; rows are sorted by ``|log e|``. ``implied`` is
        ``w_i / w_j`` and ``suggested`` the nearest value on Saaty's scale: what the
        judgement would be if it agreed with the others.
        """
        labels = list(self.weights.index)
        w = self.weights.to_numpy()
        a = self.given.to_numpy()
        rows = []
        for i in range(len(labels)):
            for j in range(i + 1, len(labels)):
                if math.isnan(a[i, j]):
                    continue
                implied = w[i] / w[j]
                error = a[i, j] / implied
                nearest = SAATY_SCALE[np.argmin(np.abs(np.log(SAATY_SCALE) - math.log(implied)))]
                rows.append(
                    (labels[i], labels[j], a[i, j], implied, error, abs(math.log(error)), nearest)
                )
        out = pd.DataFrame(
            rows,
            columns=["item", "compared_with", "judgement", "implied", "error", "log_error",
                     "suggested"],
        )  # fmt: skip
        return out.sort_values("log_error", ascending=False, kind="stable").reset_index(drop=True)

    def _repr_html_(self) -> str:
        """Weights and the consistency verdict as escaped HTML (labels are user data)."""
        import html

        verdict = "consistent" if self.is_consistent else "<b>not consistent</b>"
        rows = "".join(
            f"<tr><td>{html.escape(str(k))}</td><td>{v:.3f}</td></tr>"
            for k, v in self.weights.sort_values(ascending=False).items()
        )
        hint = ""
        if not self.is_consistent and len(self.revisit):
            top = self.revisit.iloc[0]
            hint = (
                f"<p>Revisit first: {html.escape(str(top['item']))} vs "
                f"{html.escape(str(top['compared_with']))} (judged {top['judgement']:g}, "
                f"the other judgements imply about {top['suggested']:g})</p>"
            )
        return (
            f"<p>AHP ({html.escape(self.method)}): CR = {self.consistency_ratio:.3f} "
            f"({verdict}; threshold {self.threshold:g}), lambda_max = {self.lambda_max:.3f}</p>"
            f"<table><tr><th>item</th><th>weight</th></tr>{rows}</table>{hint}"
        )

    def __repr__(self) -> str:
        verdict = "consistent" if self.is_consistent else "NOT consistent"
        top = ", ".join(
            f"{k}={v:.3f}" for k, v in self.weights.sort_values(ascending=False).head(5).items()
        )
        more = ", ..." if len(self.weights) > 5 else ""
        missing = f", {len(self.missing)} judgement(s) completed" if self.missing else ""
        return (
            f"<AHPResult {len(self.weights)} items, method={self.method}{missing}: "
            f"lambda_max={self.lambda_max:.3f}, CI={self.consistency_index:.3f}, "
            f"CR={self.consistency_ratio:.3f} ({verdict}, threshold {self.threshold:g}); "
            f"weights {top}{more}>"
        )


def ahp(
    pairwise: Any,
    random_index: str | Mapping[int, float] = "saaty1980",
    method: str = "eigen",
    *,
    scale: tuple[float, float] | None = (1 / 9, 9),
    threshold: float = 0.1,
) -> AHPResult:
    """Weights and consistency ratio from a pairwise comparison matrix.

    Parameters
    ----------
    pairwise
        Square DataFrame (rows and columns name the same items) or array; cell (i, j) says
        how many times more important i is than j. Or a dict ``(i, j) -> a_ij`` of the
        judgements made (each pair once; the rest is reciprocal or missing). Cells may be numbers or text such as
        ``"1/3"``. NaN marks a missing judgement; if only one of (i, j) and (j, i) is
        given the other is taken as its reciprocal. Where both are given they must be
        reciprocal within 5 % (so 0.33 for 1/3 passes); the upper-triangle value is used.
    random_index
        ``"saaty1980"`` (default), ``"saaty2005"``, ``"alonso-lamata"``,
        ``"donegan-dodd"``, or a mapping n -> RI.
    method
        ``"eigen"`` (principal eigenvector; complete matrices only), ``"geometric"``
        (row geometric mean; complete only), or for incomplete matrices ``"harker"``,
        ``"llsm"`` (logarithmic least squares) or ``"bozoki"`` (completion minimising
        lambda_max, then eigenvector). CI and CR always come from lambda_max of the
        (completed) matrix.
    scale
        Allowed range of judgements, Saaty's 1/9..9 by default; ``None`` for any ratio
        (e.g. measured quantities).
    threshold
        CR at or below which the judgements count as consistent.

    Raises
    ------
    PrioritisationError
        Listing every cell that is not a number, outside the scale, not reciprocal or off
        the diagonal value 1; when judgements are missing and the method needs a complete
        matrix; when the known judgements do not connect all items.

    Examples
    --------
    Saaty (1990), "How to make a decision", buying a house, 8 criteria:

    >>> house = np.array([
    ...     [1, 5, 3, 7, 6, 6, 1/3, 1/4], [1/5, 1, 1/3, 5, 3, 3, 1/5, 1/7],
    ...     [1/3, 3, 1, 6, 3, 4, 6, 1/5], [1/7, 1/5, 1/6, 1, 1/3, 1/4, 1/7, 1/8],
    ...     [1/6, 1/3, 1/3, 3, 1, 1/2, 1/5, 1/6], [1/6, 1/3, 1/4, 4, 2, 1, 1/5, 1/6],
    ...     [3, 5, 1/6, 7, 5, 5, 1, 1/2], [4, 7, 5, 8, 6, 6, 2, 1]])
    >>> r = ahp(house)
    >>> round(r.lambda_max, 3), round(r.consistency_ratio, 3), r.is_consistent
    (9.669, 0.169, False)
    >>> r.revisit.head(2).round(2)
       item  compared_with  judgement  implied  error  log_error  suggested
    0     2              6        6.0     1.13   5.32       1.67        1.0
    1     0              2        3.0     0.92   3.26       1.18        1.0

    A missing judgement, completed (Bozóki, Fülöp & Rónyai 2010, example 1):

    >>> m = [[1, 1, 5, 2], [1, 1, 3, 4], [1/5, 1/3, 1, None], [1/2, 1/4, None, 1]]
    >>> r = ahp(m, method="bozoki")
    >>> round(float(r.matrix.iloc[2, 3]), 3)
    0.73

    Judgements as a dict, the way a workshop records them:

    >>> ahp({("need", "cost"): 3, ("need", "risk"): 5, ("cost", "risk"): 2}).weights.round(3)
    need    0.648
    cost    0.230
    risk    0.122
    Name: weight, dtype: float64
    """
    if method not in _METHODS:
        raise PrioritisationError(f"unknown AHP method {method!r}{did_you_mean(method, _METHODS)}")
    frame = _pairwise_frame(pairwise)
    labels = list(frame.index)
    n = len(labels)
    if n == 0:
        raise PrioritisationError("pairwise: no items to compare")
    a, problems = _judgement_matrix(frame, scale)
    if problems:
        raise PrioritisationError(f"pairwise: {len(problems)} problem(s): " + "; ".join(problems))
    ri, ri_name = _random_index(random_index, n)
    missing_mask = np.isnan(a)
    missing = [
        (labels[i], labels[j]) for i in range(n) for j in range(i + 1, n) if missing_mask[i, j]
    ]
    if missing:
        if method in ("eigen", "geometric"):
            listed = ", ".join(f"({i!s}, {j!s})" for i, j in missing)
            raise PrioritisationError(
                f"pairwise: {len(missing)} judgement(s) missing: {listed}; use "
                "method='harker', 'llsm' or 'bozoki' to complete the matrix"
            )
        groups = _components(~missing_mask)
        if len(groups) > 1:
            described = " | ".join(", ".join(str(labels[i]) for i in g) for g in groups)
            raise PrioritisationError(
                "pairwise: the known judgements do not connect all items, so their relative "
                f"weights are undetermined; groups: {described}. Compare at least one item "
                "of each group with another group."
            )
    if method == "eigen":
        completed = a
        w, lam = principal_eigenvector(a)
    elif method == "geometric" or method == "llsm":
        w = complete_llsm(a)
        completed = np.where(missing_mask, w[:, None] / w[None, :], a)
        _, lam = principal_eigenvector(completed)
    elif method == "harker":
        w, lam = harker_weights(a)
        completed = np.where(missing_mask, w[:, None] / w[None, :], a)
    else:  # bozoki
        completed = complete_bozoki(a)
        w, lam = principal_eigenvector(completed)
    ci, cr = consistency_ratio(lam, n, ri)
    index = frame.index.copy()
    return AHPResult(
        weights=pd.Series(w, index=index, name="weight"),
        lambda_max=lam,
        consistency_index=ci,
        consistency_ratio=cr,
        random_index=ri,
        random_index_table=ri_name,
        matrix=pd.DataFrame(completed, index=index, columns=index.copy()),
        given=pd.DataFrame(a, index=index, columns=index.copy()),
        missing=missing,
        method=method,
        threshold=threshold,
    )
