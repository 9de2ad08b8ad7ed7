"""How orgmodel's main operations grow from 1,000 to 100,000 posts.

Prints ONE table: seconds per operation at each size (best of ``--repeat`` runs), the
growth exponent between the two largest sizes, log(t_large / t_small) / log(n_large /
n_small), and a reference column: a bare networkx / pandas / PyYAML / numpy equivalent of
the same work at the largest size, where one exists. An exponent clearly above n log n
(above 1.15; n log n itself gives 1.10 from 10,000 to 100,000) is flagged with ``!``.

Every step but "generate" and "build Organisation" runs on an organisation built (untimed)
just before, with empty caches, so the tables and graphs an ``Organisation`` builds on
first use are part of the step's cost. Not a test: nothing is asserted.

    python benchmarks/bench_scale.py                          # 1,000 / 10,000 / 100,000 posts
    python benchmarks/bench_scale.py --sizes 1000,10000       # a quick run
    python benchmarks/bench_scale.py --repeat 3               # best of 3 per cell
"""

from __future__ import annotations

import argparse
import gc
import math
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_model import fresh, raw_check, raw_graphs, raw_rollup
from bench_prioritise import numpy_floor
from bench_reorg import random_scenario

from orgmodel.analysis.network import (
    EXACT_BETWEENNESS_MAX_NODES,
    centrality,
    collaboration_graph,
    ei_index,
    sampled_betweenness_k,
    unit_ties,
)
from orgmodel.analysis.rollup import rollup
from orgmodel.analysis.structure import layers, span_of_control
from orgmodel.datasets.synthetic import synthetic_frames, synthetic_organisation
from orgmodel.io import read, write
from orgmodel.model import Organisation, check
from orgmodel.plot.layout import orgchart_layout
from orgmodel.prioritise.smaa import smaa
from orgmodel.reorg import diff

YamlDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: flag a row whose growth exponent between the two largest sizes is above this
FLAG_EXPONENT = 1.15

STEPS = [
    "generate",
    "write YAML",
    "read YAML",
    "validate (check)",
    "build Organisation",
    "roll-up",
    "span of control",
    "layers",
    "unit_ties (unit level)",
    "ei_index (post level)",
    "centrality, units (auto)",
    "centrality, posts (auto)",
    "apply scenario (100 ops)",
    "diff (base vs result)",
    "org chart layout (2 levels)",
    "SMAA 1,000 x 20, 10,000 samples",
]

REFERENCES = {
    "generate": "synthetic_frames (tables, no entities)",
    "write YAML": "PyYAML C dump of the same document",
    "read YAML": "PyYAML C load of the same text",
    "validate (check)": "pandas isin/duplicated + nx acyclicity",
    "build Organisation": "two nx graphs from edge lists",
    "roll-up": "pandas group-bys level by level",
    "span of control": "value_counts of reports_to",
    "layers": "nx.dag_longest_path_length",
    "unit_ties (unit level)": "pandas: links mapped to units, group-bys",
    "ei_index (post level)": "pandas: links mapped to units, one comparison",
    "centrality, units (auto)": "nx.betweenness_centrality(k=same k, seed) only",
    "centrality, posts (auto)": "nx.betweenness_centrality(k=same k, seed) only",
    "SMAA 1,000 x 20, 10,000 samples": "numpy: product + argsort per sample",
}


def timed(fn: Callable[[Any], Any], setup: Callable[[], Any], repeat: int) -> float:
    """Best wall-clock seconds of ``repeat`` calls ``fn(setup())``; setup is not timed."""
    best = float("inf")
    for _ in range(repeat):
        arg = setup()
        gc.collect()
        start = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - start)
    return best


def _none() -> None:
    return None


def raw_link_groups(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The links with the unit of each end (bare pandas)."""
    unit_of = frames["posts"]["unit"]
    links = frames["links"]
    return pd.DataFrame({"gu": links["source"].map(unit_of), "gv": links["target"].map(unit_of)})


def raw_unit_ties(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Internal and external tie counts per unit and the E-I index, bare pandas."""
    ends = raw_link_groups(frames)
    inside = ends[ends["gu"] == ends["gv"]]
    across = ends[ends["gu"] != ends["gv"]]
    internal = inside.groupby("gu").size()
    external = pd.concat([across["gu"], across["gv"]]).value_counts()
    table = pd.DataFrame({"i": internal, "e": external}).fillna(0)
    table["ei"] = (table["e"] - table["i"]) / (table["e"] + table["i"])
    return table


def raw_ei(frames: dict[str, pd.DataFrame]) -> float:
    ends = raw_link_groups(frames)
    across = int((ends["gu"] != ends["gv"]).sum())
    return (across - (len(ends) - across)) / len(ends)


class Bench:
    """Fills ``times[step][n]`` (seconds) and ``reference[step]`` (seconds, largest size)."""

    def __init__(self, seed: int, repeat: int, workdir: Path):
        self.seed, self.repeat, self.workdir = seed, repeat, workdir
        self.times: dict[str, dict[int, float]] = {s: {} for s in STEPS}
        self.reference: dict[str, float] = {}
        self.notes: list[str] = []

    def cell(self, step: str, n: int, fn: Callable[[Any], Any], setup=_none) -> None:
        print(f"  {step} at {n:,} posts ...", file=sys.stderr, flush=True)
        self.times[step][n] = timed(fn, setup, self.repeat)

    def ref(self, step: str, fn: Callable[[Any], Any], setup=_none) -> None:
        print(f"  reference: {step} ...", file=sys.stderr, flush=True)
        self.reference[step] = timed(fn, setup, self.repeat)

    def size(self, n: int, largest: bool) -> None:
        print(f"{n:,} posts (load average {load_average()})", file=sys.stderr, flush=True)
        seed = self.seed
        self.cell("generate", n, lambda _: synthetic_organisation(n, seed=seed, validate=False))
        org = synthetic_organisation(n, seed=seed)
        units, posts, links = list(org.iter_units()), list(org.iter_posts()), list(org.link_list)
        yaml_path = self.workdir / f"org{n}.yaml"
        self.cell("write YAML", n, lambda _: write(org, yaml_path))
        self.cell("read YAML", n, lambda _: read(yaml_path))
        self.cell("validate (check)", n, lambda _: check(units, posts, links=links))
        self.cell("build Organisation", n, lambda _: Organisation(units, posts, links=links))

        def cold() -> Organisation:
            return fresh(org)

        self.cell("roll-up", n, rollup, cold)
        self.cell("span of control", n, span_of_control, cold)
        self.cell("layers", n, layers, cold)
        self.cell("unit_ties (unit level)", n, unit_ties, cold)
        self.cell("ei_index (post level)", n, ei_index, cold)
        unit_k = sampled_betweenness_k(len(org.unit_map))
        self.cell("centrality, units (auto)", n, lambda o: centrality(o, "unit"), cold)
        k = sampled_betweenness_k(len(org.post_map))
        for level, nodes, chosen in (("units", len(org.unit_map), unit_k), ("posts", n, k)):
            how = "exact" if chosen is None else f"sampled, k = {chosen}"
            self.notes.append(
                f"centrality, {level} at {n:,} posts ({nodes:,} nodes): betweenness {how}"
            )
        self.cell("centrality, posts (auto)", n, lambda o: centrality(o, "post", seed=0), cold)

        scenario = random_scenario(org, 100, seed)
        self.cell("apply scenario (100 ops)", n, lambda o: scenario.apply(o), cold)
        result = scenario.apply(org)
        self.cell("diff (base vs result)", n, lambda o: diff(o, fresh(result)), cold)
        self.cell("org chart layout (2 levels)", n, lambda o: orgchart_layout(o, max_depth=2), cold)
        if largest:
            self.references(n, org, yaml_path, unit_k, k)

    def references(
        self, n: int, org: Organisation, yaml_path: Path, unit_k: int | None, k: int | None
    ) -> None:
        seed = self.seed
        frames = synthetic_frames(n, seed=seed)
        self.ref("generate", lambda _: synthetic_frames(n, seed=seed))
        text = yaml_path.read_text(encoding="utf-8")
        document = yaml.load(text, Loader=YamlLoader)
        self.ref(
            "write YAML",
            lambda _: yaml.dump(document, Dumper=YamlDumper, sort_keys=False, allow_unicode=True),
        )
        self.ref("read YAML", lambda _: yaml.load(text, Loader=YamlLoader))
        self.ref("validate (check)", lambda _: raw_check(frames))
        self.ref("build Organisation", lambda _: raw_graphs(frames))
        self.ref("roll-up", lambda _: raw_rollup(frames))
        self.ref("span of control", lambda _: frames["posts"]["reports_to"].value_counts())
        self.ref("layers", lambda _: nx.dag_longest_path_length(raw_graphs(frames)[1]) + 1)
        self.ref("unit_ties (unit level)", lambda _: raw_unit_ties(frames))
        self.ref("ei_index (post level)", lambda _: raw_ei(frames))
        unit_graph = collaboration_graph(org, "unit")
        unit_graph.remove_edges_from(list(nx.selfloop_edges(unit_graph)))
        self.ref(
            "centrality, units (auto)",
            lambda _: nx.betweenness_centrality(unit_graph, k=unit_k, seed=0),
        )
        post_graph = collaboration_graph(org, "post")
        post_graph.remove_edges_from(list(nx.selfloop_edges(post_graph)))
        self.ref(
            "centrality, posts (auto)",
            lambda _: nx.betweenness_centrality(post_graph, k=k, seed=0),
        )

    def smaa(self) -> None:
        step = "SMAA 1,000 x 20, 10,000 samples"
        rng = np.random.default_rng(0)
        criteria = [f"c{j}" for j in range(20)]
        scores = pd.DataFrame(
            rng.uniform(1, 10, (1000, 20)), index=[f"a{i}" for i in range(1000)], columns=criteria
        )
        print(f"  {step} ...", file=sys.stderr, flush=True)
        self.times[step][0] = timed(
            lambda _: smaa(scores, n_samples=10_000, seed=1), _none, self.repeat
        )
        partial = ((scores - scores.min()) / (scores.max() - scores.min())).to_numpy()
        self.reference[step] = timed(lambda _: numpy_floor(partial, 10_000, 1), _none, self.repeat)

    def table(self, sizes: list[int]) -> str:
        header = [
            "step", *(f"{n:,}" for n in sizes),
            f"exponent {sizes[-2]:,}->{sizes[-1]:,}" if len(sizes) > 1 else "exponent",
            f"reference ({sizes[-1]:,})", "reference is",
        ]  # fmt: skip
        rows = []
        for step in STEPS:
            times = self.times[step]
            if 0 in times:  # size-independent (SMAA): one figure
                cells = [f"{times[0]:.3f}" if n == sizes[-1] else "" for n in sizes]
                exponent = "(fixed size)"
            else:
                cells = [f"{times[n]:.3f}" if n in times else "" for n in sizes]
                exponent = ""
                if len(sizes) > 1 and sizes[-2] in times and sizes[-1] in times:
                    e = math.log(times[sizes[-1]] / times[sizes[-2]]) / math.log(
                        sizes[-1] / sizes[-2]
                    )
                    exponent = f"{e:.2f}" + (" !" if e > FLAG_EXPONENT else "")
            ref = f"{self.reference[step]:.3f}" if step in self.reference else ""
            rows.append([step, *cells, exponent, ref, REFERENCES.get(step, "")])
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        lines = [
            "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |",
            "|" + "|".join("-" * (w + 2) for w in widths) + "|",
        ]
        for r in rows:
            cells = [r[0].ljust(widths[0])]
            cells += [c.rjust(w) for c, w in zip(r[1:-1], widths[1:-1], strict=True)]
            cells.append(r[-1].ljust(widths[-1]))
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)


def email_network() -> nx.Graph:
    """The manufacturing-company email network (167 posts) of the test data, undirected."""
    from orgmodel.model import Link, Post, Unit

    path = Path(__file__).resolve().parents[1] / "tests/analysis/data/manufacturing-email"
    emails = pd.read_csv(path / "email_counts.csv")
    emails = emails[emails["sender"] != emails["recipient"]]
    ids = sorted(set(emails["sender"]) | set(emails["recipient"]))
    org = Organisation(
        units=[Unit("company")],
        posts=[Post(f"e{i}", unit="company") for i in ids],
        links=[
            Link(f"e{s}", f"e{r}", weight=n, directed=True)
            for s, r, n in emails.itertuples(index=False)
        ],
    )
    return post_graph(org)


def post_graph(org: Organisation) -> nx.Graph:
    """The graph :func:`centrality` reads at post level (no self-loops)."""
    graph = collaboration_graph(org, "post")
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    return graph


def betweenness_error(
    name: str, graph: nx.Graph, ks: list[int], seeds: int, cache: Path | None = None
) -> list[dict[str, Any]]:
    """Sampled (k sources) against exact betweenness, over ``seeds`` seeds per k.

    Mean absolute error and the largest error (normalised betweenness, which is at most
    1), Spearman rank correlation over all nodes, and the share of the exact top decile
    (the nodes ``centrality`` may flag as brokers) and of the exact top 1 % that the
    sampled top decile / top 1 % finds, and the mean relative error of the exact top 1 %
    (|sampled - exact| / exact); each the mean over the seeds, the worst seed in
    brackets. The exact values are kept in
    ``cache`` (a folder) when given, as they take minutes on large graphs.
    """
    from scipy.stats import spearmanr

    cached = cache / f"exact-{name.replace(' ', '-').replace(',', '')}.pkl" if cache else None
    if cached is not None and cached.exists():
        exact, exact_seconds = pd.read_pickle(cached)
    else:
        print(f"  exact betweenness of {name} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        exact = pd.Series(nx.betweenness_centrality(graph, normalized=True))
        exact_seconds = time.perf_counter() - start
        if cached is not None:
            pd.to_pickle((exact, exact_seconds), cached)
    ranked = exact.sort_values(ascending=False).index
    top, top1 = max(1, round(0.1 * len(exact))), max(1, round(0.01 * len(exact)))
    exact_top, exact_top1 = set(ranked[:top]), set(ranked[:top1])
    rows = [
        dict(
            network=name, nodes=len(exact), k="exact", seconds=exact_seconds,
            mae=f"max {exact.max():.4f}", max_error=f"top 1 % from {exact[ranked[top1 - 1]]:.4f}",
        )
    ]  # fmt: skip
    for k in ks:
        if k >= len(exact):
            continue
        stats = []
        for seed in range(seeds):
            start = time.perf_counter()
            sample = pd.Series(nx.betweenness_centrality(graph, k=k, seed=seed))[exact.index]
            seconds = time.perf_counter() - start
            error = (sample - exact).abs()
            sampled_ranked = sample.sort_values(ascending=False).index
            found = set(sampled_ranked[:top]) & exact_top
            found1 = set(sampled_ranked[:top1]) & exact_top1
            leaders = list(exact_top1)
            relative = (error[leaders] / exact[leaders]).mean()
            stats.append(
                (error.mean(), error.max(), spearmanr(sample, exact).statistic,
                 len(found) / top, seconds, len(found1) / top1, relative)
            )  # fmt: skip
        a = np.array(stats)
        rows.append(
            dict(
                network=name, nodes=len(exact), k=k, seconds=a[:, 4].mean(),
                mae=f"{a[:, 0].mean():.2e} ({a[:, 0].max():.2e})",
                max_error=f"{a[:, 1].mean():.3f} ({a[:, 1].max():.3f})",
                spearman=f"{a[:, 2].mean():.3f} ({a[:, 2].min():.3f})",
                top_decile_found=f"{a[:, 3].mean():.2f} ({a[:, 3].min():.2f})",
                top_1pct_found=f"{a[:, 5].mean():.2f} ({a[:, 5].min():.2f})",
                top_1pct_rel_error=f"{a[:, 6].mean():.2f} ({a[:, 6].max():.2f})",
            )
        )  # fmt: skip
    return rows


def error_table(error_posts: int, ks: list[int], seeds: int, cache: Path | None) -> None:
    rows = betweenness_error("manufacturing email", email_network(), ks, seeds, cache)
    org = synthetic_organisation(error_posts, seed=0)
    name = f"synthetic {error_posts:,} posts"
    rows += betweenness_error(name, post_graph(org), ks, seeds, cache)
    table = pd.DataFrame(rows).fillna("")
    print(
        f"sampled vs exact betweenness (normalised), {seeds} seeds per k: mean (worst); "
        f"{machine()}; load average {load_average()}\n"
    )
    print(table.to_string(index=False, formatters={"seconds": "{:.2f}".format}))


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def machine() -> str:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024**2:.0f} GB memory"
    except OSError:
        pass
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs{memory}; Python "
        f"{platform.python_version()}, pandas {pd.__version__}, networkx {nx.__version__}, "
        f"numpy {np.__version__}, PyYAML {yaml.__version__}"
    )


def run(sizes: list[int], seed: int, repeat: int, workdir: Path) -> None:
    before = load_average()
    started = time.perf_counter()
    bench = Bench(seed, repeat, workdir)
    for n in sizes:
        bench.size(n, largest=n == sizes[-1])
    bench.smaa()
    print(
        f"orgmodel scale benchmark: seconds, best of {repeat}; synthetic_organisation(n, "
        f"seed={seed}); {machine()}\n"
        f"load average (1, 5, 15 min) at start {before}, at end {load_average()}; "
        f"total {time.perf_counter() - started:.0f} s; exact betweenness up to "
        f"{EXACT_BETWEENNESS_MAX_NODES:,} nodes\n"
    )
    print(bench.table(sizes))
    print(
        f"\n! = growth exponent above {FLAG_EXPONENT} (n log n from 10,000 to 100,000 gives "
        f"1.10). Reference = bare library doing the same work at the largest size."
    )
    for note in bench.notes:
        print(f"note: {note}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="comma-separated numbers of posts"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="runs per cell (best is shown)")
    parser.add_argument(
        "--betweenness-error",
        action="store_true",
        help="instead: sampled vs exact betweenness on the email network and a synthetic one",
    )
    parser.add_argument("--error-posts", type=int, default=20_000, help="synthetic posts")
    parser.add_argument("--error-k", default="50,100,200,500,1000", help="sources to sample")
    parser.add_argument("--error-seeds", type=int, default=5, help="seeds per k")
    parser.add_argument("--exact-cache", type=Path, help="folder keeping exact betweenness")
    args = parser.parse_args(argv)
    if args.betweenness_error:
        ks = [int(k) for k in args.error_k.split(",")]
        error_table(args.error_posts, ks, args.error_seeds, args.exact_cache)
        return
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="orgmodel-bench-") as tmp:
        run(sizes, args.seed, max(1, args.repeat), Path(tmp))


if __name__ == "__main__":
    main()
