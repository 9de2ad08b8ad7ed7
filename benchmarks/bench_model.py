"""How long the model's main steps take on synthetic organisations of growing size.

Prints a table: one row per step, one column per size (seconds, best of ``--repeat`` runs),
and a reference column with a raw pandas / networkx / PyYAML equivalent at the largest size
where one exists (what the step costs beyond the bare data work). Not a test: nothing is
asserted. Analysis steps run on a freshly built organisation each time (cold caches: the
tables and graphs an Organisation builds on first use are part of the cost).

    python benchmarks/bench_model.py                      # 1,000 / 10,000 / 100,000 posts
    python benchmarks/bench_model.py --sizes 1000,10000   # a quick run

Excel steps are skipped at a size where the previous size's time, scaled linearly, predicts
more than ``--excel-limit`` seconds (default 60); the table says so.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import yaml

from orgmodel.datasets.synthetic import synthetic_frames, synthetic_organisation
from orgmodel.model import Organisation, check

YamlDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall-clock time of ``repeat`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def fresh(org: Organisation) -> Organisation:
    """The same organisation with empty caches (no validation: it was validated once)."""
    return Organisation(
        org.iter_units(), org.iter_posts(), links=org.link_list, name=org.name,
        meta=org.meta, validate=False,
    )  # fmt: skip


# ---- raw equivalents (the reference column) -----------------------------------------------


def raw_check(frames: dict[str, pd.DataFrame]) -> bool:
    """The core checks in bare pandas + networkx: unique ids, references, numbers, cycles."""
    units, posts = frames["units"], frames["posts"]
    ok = not units.index.duplicated().any() and not posts.index.duplicated().any()
    ok &= units["parent"].dropna().isin(units.index).all()
    ok &= posts["unit"].isin(units.index).all()
    ok &= posts["reports_to"].dropna().isin(posts.index).all()
    ok &= (posts[["fte_budgeted", "fte_actual", "cost"]] >= 0).all().all()
    reporting = nx.from_pandas_edgelist(
        posts.reset_index().dropna(subset="reports_to"), "reports_to", "id",
        create_using=nx.DiGraph,
    )  # fmt: skip
    return bool(ok and nx.is_directed_acyclic_graph(reporting))


def raw_graphs(frames: dict[str, pd.DataFrame]) -> tuple[nx.DiGraph, nx.DiGraph]:
    """The unit hierarchy and the reporting lines as plain networkx graphs."""
    units = frames["units"].reset_index().dropna(subset="parent")
    posts = frames["posts"].reset_index().dropna(subset="reports_to")
    return (
        nx.from_pandas_edgelist(units, "parent", "id", create_using=nx.DiGraph),
        nx.from_pandas_edgelist(posts, "reports_to", "id", create_using=nx.DiGraph),
    )


def raw_rollup(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Own and sub-tree totals per unit with pandas group-bys, one unit level at a time."""
    units, posts = frames["units"], frames["posts"]
    cols = ["fte_budgeted", "fte_actual", "cost"]
    own = posts.groupby("unit")[cols].sum().reindex(units.index, fill_value=0)
    total = own.copy()
    for level in sorted(units["level"].unique(), reverse=True)[:-1]:
        children = units.index[units["level"] == level]
        add = total.loc[children].groupby(units.loc[children, "parent"].to_numpy()).sum()
        total.loc[add.index] += add
    return own.join(total.add_suffix("_total"))


# ---- the table ----------------------------------------------------------------------------


STEPS = [
    "generate",
    "validate (check)",
    "build Organisation",
    "write YAML",
    "read YAML",
    "write Excel",
    "read Excel",
    "roll-up",
    "span of control",
    "layers",
]
REFERENCES = (
    "reference at the largest size: generate = synthetic_frames (the tables, no entities); "
    "validate = pandas isin/duplicated checks + networkx acyclicity; build = the two networkx "
    "graphs from edge lists; YAML = PyYAML (C) load/dump of the same document; Excel = "
    "DataFrame.to_excel / read_excel (openpyxl) of the same tables; roll-up = pandas "
    "group-bys level by level; span of control = value_counts of reports_to; layers = networkx "
    "dag_longest_path_length."
)


class Bench:
    """Times each step at each size; fills ``times``, ``reference`` and ``notes``."""

    def __init__(self, seed: int, repeat: int, excel_limit: float, workdir: Path):
        self.seed, self.repeat, self.excel_limit, self.workdir = seed, repeat, excel_limit, workdir
        self.times: dict[str, dict[int, str]] = {s: {} for s in STEPS}
        self.reference: dict[str, str] = {}
        self.notes: list[str] = []
        self.excel_seconds: dict[str, tuple[int, float]] = {}  # step -> (posts, seconds)

    def cell(self, step: str, n: int, fn: Callable[[], Any]) -> Any:
        print(f"  {step} at {n:,} posts ...", file=sys.stderr, flush=True)
        seconds, result = timed(fn, self.repeat)
        self.times[step][n] = f"{seconds:.3f}"
        if step.endswith("Excel"):
            self.excel_seconds[step] = (n, seconds)
        return result

    def ref(self, step: str, fn: Callable[[], Any]) -> None:
        self.reference[step] = f"{timed(fn, self.repeat)[0]:.3f}"

    def excel_too_slow(self, step: str, n: int) -> bool:
        if step not in self.excel_seconds:
            return False
        done, seconds = self.excel_seconds[step]
        estimate = seconds * n / done
        if estimate <= self.excel_limit:
            return False
        self.times[step][n] = "skipped"
        self.notes.append(
            f"{step} at {n:,} posts skipped: about {estimate:.0f} s expected from "
            f"{seconds:.1f} s at {done:,} posts (limit {self.excel_limit:.0f} s)"
        )
        return True

    def size(self, n: int, largest: bool) -> None:
        from orgmodel.analysis.rollup import rollup
        from orgmodel.analysis.structure import layers, span_of_control
        from orgmodel.io import read, write

        print(f"{n:,} posts", file=sys.stderr, flush=True)
        seed = self.seed
        frames = synthetic_frames(n, seed=seed)
        org = self.cell("generate", n, lambda: synthetic_organisation(n, seed=seed, validate=False))
        units, posts, links = list(org.iter_units()), list(org.iter_posts()), list(org.link_list)
        self.cell("validate (check)", n, lambda: check(units, posts, links=links))
        self.cell("build Organisation", n, lambda: Organisation(units, posts, links=links))

        yaml_path = self.workdir / f"org{n}.yaml"
        self.cell("write YAML", n, lambda: write(org, yaml_path))
        self.cell("read YAML", n, lambda: read(yaml_path))

        xlsx_path = self.workdir / f"org{n}.xlsx"
        if not self.excel_too_slow("write Excel", n):
            self.cell("write Excel", n, lambda: write(org, xlsx_path))
            if not self.excel_too_slow("read Excel", n):
                self.cell("read Excel", n, lambda: read(xlsx_path))

        self.cell("roll-up", n, lambda: rollup(fresh(org)))
        self.cell("span of control", n, lambda: span_of_control(fresh(org)))
        self.cell("layers", n, lambda: layers(fresh(org)))

        if largest:
            self.references(n, frames, yaml_path)

    def references(self, n: int, frames: dict[str, pd.DataFrame], yaml_path: Path) -> None:
        print(f"  references at {n:,} posts ...", file=sys.stderr, flush=True)
        self.ref("generate", lambda: synthetic_frames(n, seed=self.seed))
        self.ref("validate (check)", lambda: raw_check(frames))
        self.ref("build Organisation", lambda: raw_graphs(frames))
        text = yaml_path.read_text(encoding="utf-8")
        self.ref("read YAML", lambda: yaml.load(text, Loader=YamlLoader))
        document = yaml.load(text, Loader=YamlLoader)
        self.ref(
            "write YAML",
            lambda: yaml.dump(document, Dumper=YamlDumper, sort_keys=False, allow_unicode=True),
        )
        raw_xlsx = self.workdir / f"raw{n}.xlsx"

        def write_sheets() -> None:
            with pd.ExcelWriter(raw_xlsx, engine="openpyxl") as writer:
                for name in ("units", "posts", "links"):
                    frames[name].to_excel(writer, sheet_name=name)

        if self.times["write Excel"].get(n) != "skipped":
            self.ref("write Excel", write_sheets)
            self.ref("read Excel", lambda: pd.read_excel(raw_xlsx, sheet_name=None))
        self.ref("roll-up", lambda: raw_rollup(frames))
        self.ref("span of control", lambda: frames["posts"]["reports_to"].value_counts())
        self.ref("layers", lambda: nx.dag_longest_path_length(raw_graphs(frames)[1]) + 1)

    def table(self, sizes: list[int]) -> str:
        header = ["step", *(f"{n:,}" for n in sizes), f"reference ({sizes[-1]:,})"]
        rows = [
            [s, *(self.times[s].get(n, "") for n in sizes), self.reference.get(s, "")]
            for s in STEPS
        ]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        lines = [
            "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |",
            "|" + "|".join("-" * (w + 2) for w in widths) + "|",
        ]
        for r in rows:
            cells = [r[0].ljust(widths[0])]
            cells += [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)


def run(sizes: list[int], seed: int, repeat: int, excel_limit: float, workdir: Path) -> None:
    bench = Bench(seed, repeat, excel_limit, workdir)
    for n in sizes:
        bench.size(n, largest=n == sizes[-1])
    print(
        f"orgmodel benchmark: seconds, best of {repeat}; synthetic organisations, seed {seed}; "
        f"Python {platform.python_version()}, pandas {pd.__version__}, networkx {nx.__version__}, "
        f"numpy {np.__version__}, PyYAML {yaml.__version__} "
        f"({'C' if YamlLoader is not yaml.SafeLoader else 'pure Python'} loader); "
        f"{os.cpu_count()} CPUs\n"
    )
    print(bench.table(sizes))
    print("\n" + REFERENCES)
    for note in bench.notes:
        print(f"note: {note}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="comma-separated numbers of posts"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="runs per cell (best is shown)")
    parser.add_argument("--excel-limit", type=float, default=60.0, help="seconds, see above")
    args = parser.parse_args(argv)
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="orgmodel-bench-") as tmp:
        run(sizes, args.seed, max(1, args.repeat), args.excel_limit, Path(tmp))


if __name__ == "__main__":
    main()
