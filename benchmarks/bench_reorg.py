"""How long reorganisation takes on synthetic organisations: scenarios, diffs, a simulator step.

Prints a table (seconds, best of ``--repeat`` runs; nothing is asserted):

* **apply scenario**: ``Scenario.apply`` of ``--ops`` random valid operations (moves of posts
  and units, FTE reallocations, renames, new units, merges of sibling units, reporting
  lines) on ``synthetic_organisation(--posts)``; also per operation.
* **diff**: ``orgmodel.reorg.diff`` of ``synthetic_organisation(--diff-posts)`` and the result
  of a scenario of ``--diff-ops`` random operations on it; key figures of both included.
* **simulator step**: one merge through :class:`orgmodel.widgets.ReorgSimulator`'s controls
  on ``synthetic_organisation(--sim-posts, seed=1)`` (``step``: result, diff, figures and tables;
  ``chart``: the org chart redraw, collapsed to 2 levels), median of ``--sim-repeat``.

    python benchmarks/bench_reorg.py                          # 1,000 ops on 10,000 posts, diff at 100,000
    python benchmarks/bench_reorg.py --posts 3000 --diff-posts 20000   # quicker
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from typing import Any

import pandas as pd

from orgmodel.datasets.synthetic import synthetic_organisation
from orgmodel.model import Organisation
from orgmodel.reorg import (
    ChangeReportingLine,
    CreateUnit,
    MergeUnits,
    MovePost,
    MoveUnit,
    Operation,
    ReallocateFTE,
    RenameUnit,
    Scenario,
    diff,
)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall-clock time of ``repeat`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def random_operation(org: Organisation, rng: random.Random, k: int) -> Operation:
    """One random operation on ``org`` (it may not apply; the caller checks)."""
    units = list(org.unit_map)
    posts = list(org.post_map)
    kind = rng.choices(
        ["move_post", "reallocate", "rename", "move_unit", "create", "merge", "line"],
        weights=[30, 20, 10, 10, 10, 10, 10],
    )[0]
    if kind == "move_post":
        return MovePost(rng.choice(posts), rng.choice(units))
    if kind == "reallocate":
        source, target = rng.sample(posts, 2)
        have = float(org.post_map[source].fte_actual)
        return ReallocateFTE(source, target, round(max(0.1, have / 2), 2), which="both")
    if kind == "rename":
        return RenameUnit(rng.choice(units), f"Renamed unit {k}")
    if kind == "move_unit":
        return MoveUnit(rng.choice(units), rng.choice(units))
    if kind == "create":
        return CreateUnit(f"new-{k}", f"New unit {k}", parent=rng.choice(units))
    if kind == "merge":
        parent = org.unit_map[rng.choice(units)].parent
        siblings = [u for u in org.children(parent)] if parent is not None else org.roots()
        if len(siblings) < 2:
            return MergeUnits((rng.choice(units),), into=rng.choice(units))  # refused
        return MergeUnits(tuple(rng.sample(siblings, 2)), into=f"merged-{k}", name=f"Merged {k}")
    return ChangeReportingLine(rng.choice(posts), rng.choice(posts))


def random_scenario(base: Organisation, n_ops: int, seed: int) -> Scenario:
    """``n_ops`` random operations that each apply to the result of the ones before."""
    rng = random.Random(seed)
    org, ops, k = base, [], 0
    while len(ops) < n_ops:
        k += 1
        op = random_operation(org, rng, k)
        if not op.check(org):
            org = op.apply(org)
            ops.append(op)
    return Scenario(f"{n_ops} random operations (seed {seed})", tuple(ops))


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ops", type=int, default=1000, help="operations in the scenario to apply")
    p.add_argument(
        "--posts", type=int, default=10_000, help="posts of the organisation they apply to"
    )
    p.add_argument(
        "--diff-posts", type=int, default=100_000, help="posts of the two models to diff"
    )
    p.add_argument(
        "--diff-ops", type=int, default=100, help="operations between the two diffed models"
    )
    p.add_argument(
        "--sim-posts", type=int, default=3000, help="posts of the simulator's organisation"
    )
    p.add_argument("--sim-repeat", type=int, default=5, help="simulator steps (median)")
    p.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)

    rows = []
    base = synthetic_organisation(args.posts, seed=args.seed)
    scenario = random_scenario(base, args.ops, args.seed)
    kinds = pd.Series([op.kind for op in scenario.operations]).value_counts()
    t_apply, result = timed(lambda: scenario.apply(base), args.repeat)
    rows.append(
        (
            f"apply scenario ({args.ops:,} ops)",
            f"{args.posts:,} posts, {len(base.unit_map):,} units",
            t_apply,
        )
    )
    rows.append(("  per operation", "", t_apply / args.ops))
    t_diff_small, _ = timed(lambda: diff(base, result), args.repeat)
    rows.append(("diff base vs its result", f"{args.posts:,} posts", t_diff_small))

    big = synthetic_organisation(args.diff_posts, seed=args.seed)
    big_scenario = random_scenario(big, args.diff_ops, args.seed + 1)
    t_big_apply, big_result = timed(lambda: big_scenario.apply(big), 1)
    rows.append(
        (f"apply scenario ({args.diff_ops} ops)", f"{args.diff_posts:,} posts", t_big_apply)
    )
    t_diff, d = timed(lambda: diff(big, big_result), args.repeat)
    rows.append(("diff two models", f"{args.diff_posts:,} posts each", t_diff))

    import matplotlib

    from orgmodel.widgets.simulator import time_step

    matplotlib.use("Agg")
    steps = time_step(args.sim_posts, repeats=args.sim_repeat, seed=1, max_depth=2)
    for action in steps.index:
        rows.append(
            (f"simulator {action}: result, diff, tables", f"{args.sim_posts:,} posts",
             steps.loc[action, "step_median_ms"] / 1000)
        )  # fmt: skip
        rows.append(
            (f"simulator {action}: chart (2 levels)", f"{args.sim_posts:,} posts",
             steps.loc[action, "chart_median_ms"] / 1000)
        )  # fmt: skip

    table = pd.DataFrame(rows, columns=["step", "size", "seconds"])
    print(
        f"orgmodel reorg benchmark — Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, seed {args.seed}, best of {args.repeat}"
    )
    print(f"scenario operations: {', '.join(f'{k} {n}' for k, n in kinds.items())}")
    print(f"diff of the {args.diff_posts:,}-post models: {d.summary_text().replace(chr(10), ' ')}")
    print()
    print(table.to_string(index=False, formatters={"seconds": "{:.4f}".format}))


if __name__ == "__main__":
    main(sys.argv[1:])
