"""How fast the prioritisation methods are, beside the bare numpy floor and other libraries.

Prints a table (seconds, best of ``--repeat`` runs):

* SMAA with 10,000 weight samples x 1,000 alternatives x 20 criteria, for the weighted
  sum, TOPSIS and PROMETHEE II, beside the bare numpy work of the weighted sum -- one
  matrix product and one argsort per sample, in the same chunks -- which it cannot beat;
* TOPSIS on 10,000 alternatives x 20 criteria: orgmodel's wrapper and kernel beside
  pymcdm's and scikit-criteria's TOPSIS on the same data (vector normalisation), with the
  largest difference in closeness from orgmodel's. A library that cannot be imported is
  listed with the reason.

Not a test: nothing is asserted.

    python benchmarks/bench_prioritise.py
    python benchmarks/bench_prioritise.py --samples 2000 --repeat 1   # a quick run
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from orgmodel.prioritise.scoring import topsis, topsis_kernel
from orgmodel.prioritise.smaa import DEFAULT_CHUNK_CELLS, smaa


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def numpy_floor(matrix: np.ndarray, n_samples: int, seed: int) -> None:
    """Sample weights, one product and one argsort per sample, in the same chunks as smaa.

    The least SMAA must do; counting the ranks and the central weights comes on top.
    """
    n, m = matrix.shape
    rng = np.random.default_rng(seed)
    chunk = max(1, DEFAULT_CHUNK_CELLS // n)
    done = 0
    while done < n_samples:
        size = min(chunk, n_samples - done)
        e = rng.standard_exponential((size, m))
        w = e / e.sum(axis=1, keepdims=True)
        np.argsort(-(w @ matrix.T), axis=1)
        done += size


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--alternatives", type=int, default=1_000)
    parser.add_argument("--criteria", type=int, default=20)
    parser.add_argument("--topsis-rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    rng = np.random.default_rng(0)
    m = args.criteria
    criteria = [f"c{j}" for j in range(m)]
    directions = {c: ("min" if j % 4 == 3 else "max") for j, c in enumerate(criteria)}
    signs = np.array([-1.0 if directions[c] == "min" else 1.0 for c in criteria])
    scores = pd.DataFrame(
        rng.uniform(1, 10, (args.alternatives, m)),
        index=[f"a{i}" for i in range(args.alternatives)],
        columns=criteria,
    )
    rows: list[tuple[str, str, str, str]] = []
    size = f"{args.samples:,} x {args.alternatives:,} x {m}"

    # -- SMAA ----------------------------------------------------------------------
    for method in ("weighted_sum", "topsis", "promethee_ii"):
        options = {"preference": "vshape", "p": 3.0} if method == "promethee_ii" else {}
        t, _ = best_of(
            args.repeat,
            lambda method=method, options=options: smaa(
                scores, directions=directions, n_samples=args.samples, seed=1, method=method,
                **options,
            ),
        )  # fmt: skip
        rows.append((f"SMAA {size}", f"orgmodel smaa({method})", f"{t:.2f}", ""))
    lo, hi = scores.min(), scores.max()
    partial = ((scores - lo) / (hi - lo)).to_numpy()
    partial = np.where(signs < 0, 1 - partial, partial)
    t, _ = best_of(args.repeat, lambda: numpy_floor(partial, args.samples, 1))
    rows.append(
        (f"SMAA {size}", "bare numpy: product + argsort", f"{t:.2f}", "the floor (no counting)")
    )

    # -- TOPSIS --------------------------------------------------------------------
    data = pd.DataFrame(rng.uniform(1, 10, (args.topsis_rows, m)), columns=criteria)
    weights = pd.Series(rng.uniform(0.5, 2, m), index=criteria)
    w = (weights / weights.sum()).to_numpy()
    x = data.to_numpy()
    tsize = f"TOPSIS {args.topsis_rows:,} x {m}"
    t, ours = best_of(
        args.repeat, lambda: topsis(data, weights, directions)["closeness"].to_numpy()
    )
    rows.append((tsize, "orgmodel topsis (validating wrapper)", f"{t:.4f}", ""))
    t, _ = best_of(args.repeat, lambda: topsis_kernel(x, w, signs)[2])
    rows.append((tsize, "orgmodel topsis_kernel (numpy)", f"{t:.4f}", ""))

    try:
        from pymcdm import normalizations
        from pymcdm.methods import TOPSIS as PymcdmTOPSIS

        method = PymcdmTOPSIS(normalization_function=normalizations.vector_normalization)
        t, theirs = best_of(args.repeat, lambda: method(x, w, signs))
        diff = float(np.max(np.abs(np.asarray(theirs) - ours)))
        rows.append(
            (tsize, "pymcdm TOPSIS (vector normalisation)", f"{t:.4f}", f"max |diff| {diff:.1e}")
        )
    except Exception as exc:  # report, do not fail: the table says why
        rows.append((tsize, "pymcdm TOPSIS", "-", f"not run: {type(exc).__name__}: {exc}"))

    try:
        import skcriteria
        from skcriteria.agg.topsis import TOPSIS as SkTOPSIS
        from skcriteria.pipelines import mkpipe
        from skcriteria.preprocessing.scalers import VectorScaler

        objectives = [max if s > 0 else min for s in signs]
        pipe = mkpipe(VectorScaler(target="matrix"), SkTOPSIS())

        def run_sk():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                dm = skcriteria.mkdm(matrix=x, objectives=objectives, weights=w)
                return pipe.evaluate(dm)

        t, result = best_of(args.repeat, run_sk)
        diff = float(np.max(np.abs(np.asarray(result.e_.similarity) - ours)))
        rows.append(
            (tsize, "scikit-criteria VectorScaler + TOPSIS", f"{t:.4f}", f"max |diff| {diff:.1e}")
        )
    except Exception as exc:
        rows.append((tsize, "scikit-criteria TOPSIS", "-", f"not run: {type(exc).__name__}: {exc}"))

    print(
        f"orgmodel.prioritise benchmark - Python {platform.python_version()}, numpy "
        f"{np.__version__}, {os.cpu_count()} CPU(s), {sys.platform}; best of {args.repeat}"
    )
    widths = [max(len(r[i]) for r in [*rows, ("task", "implementation", "seconds", "note")])
              for i in range(4)]  # fmt: skip
    header = ("task", "implementation", "seconds", "note")
    print("  ".join(h.ljust(wd) for h, wd in zip(header, widths, strict=True)))
    print("  ".join("-" * wd for wd in widths))
    for r in rows:
        print("  ".join(c.ljust(wd) for c, wd in zip(r, widths, strict=True)))


if __name__ == "__main__":
    main()
