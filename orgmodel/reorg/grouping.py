"""Suggest groupings of units that keep collaboration inside groups, within size limits.

How far is the present structure (or a proposed one) from the pattern of who works with
whom? :func:`suggest_groupings` proposes ``k`` groups of units ("blocks") that keep as much
collaboration weight inside groups as it can while each group's FTE stays between
``min_fte`` and ``max_fte``, and scores the current grouping the same way.

Method: networkx's greedy modularity communities (Clauset, Newman & Moore 2004) with
``cutoff=best_n=k`` give a first partition into ``k`` groups; units are then moved one at
a time to repair size limits and, while it helps, to raise the inside share (a simple local
search in the spirit of Kernighan & Lin 1970: at each step the best single move or swap of
two units, first by how much it reduces the size violation, then by the collaboration it
brings inside). Ties are broken in an order shuffled with ``seed``, so results are
reproducible.

>>> from orgmodel.model import Organisation, Unit, Post, Link
>>> units = [Unit("k")] + [Unit(u, parent="k") for u in "abcd"]
>>> org = Organisation(units, [Post(f"p{u}", unit=u) for u in "abcd"],
...     links=[Link("a", "b", weight=5), Link("c", "d", weight=5), Link("b", "c", weight=1)])
>>> g = suggest_groupings(org, 2, depth=1)
>>> sorted(sorted(b) for b in g.groups["blocks"])
[['a', 'b'], ['c', 'd']]
>>> round(g.score, 4)                  # 10 of 11 tie weight inside groups
0.9091
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from orgmodel.errors import OperationError
from orgmodel.model import Organisation

__all__ = ["GroupingResult", "grouping_score", "suggest_groupings"]


@dataclass(frozen=True)
class GroupingResult:
    """A proposed grouping and how it compares with the current one.

    Attributes
    ----------
    assignment
        Series: block unit id -> group label (``G1`` ... ``Gk``, largest FTE first).
    groups
        DataFrame per group: ``blocks`` (list of unit ids), ``fte``, ``inside_weight``.
    score
        Share of collaboration weight inside groups under the proposal (0..1).
    current_assignment, current_score
        The same for the present grouping (each block's ancestor at ``current`` depth).
    feasible
        Whether every group's FTE lies within the limits.
    """

    assignment: pd.Series
    groups: pd.DataFrame
    score: float
    current_assignment: pd.Series
    current_score: float
    feasible: bool

    def to_frame(self) -> pd.DataFrame:
        """Per block: proposed group, current group, and whether it would move."""
        df = pd.DataFrame({"proposed": self.assignment, "current": self.current_assignment})
        df["moves"] = df.groupby("proposed")["current"].transform(lambda s: s != s.mode().iloc[0])
        return df


def _blocks(org: Organisation, depth: int | None, units: Sequence[str] | None) -> dict[str, str]:
    """unit id -> block id, for every unit at or below a block."""
    if units is not None:
        chosen = list(units)
        missing = [u for u in chosen if u not in org.unit_map]
        if missing:
            org.unit(missing[0])  # raises UnknownIdError with suggestions
    else:
        from orgmodel.analysis.rollup import unit_order

        _, depths = unit_order(org)
        d = depth if depth is not None else min(2, max(depths.values(), default=0))
        has_children = {u.parent for u in org.iter_units()}
        staffed: set[str] = set()  # units with posts in their sub-tree
        for p in org.iter_posts():
            node: str | None = p.unit
            while node is not None and node not in staffed:
                staffed.add(node)
                node = org.unit_map[node].parent
        # the units at depth d, and leaf units above it (a department with no sub-units),
        # as long as someone works there
        chosen = [
            u
            for u, du in depths.items()
            if u in staffed and (du == d or (du < d and u not in has_children))
        ]
    block_set = set(chosen)
    out: dict[str, str] = {}
    for uid in org.unit_map:
        node: str | None = uid
        while node is not None and node not in block_set:
            node = org.unit_map[node].parent
        if node is not None:
            out[uid] = node
    return out


def _block_graph(org: Organisation, blocks: dict[str, str], kinds: Iterable[str]) -> nx.Graph:
    from orgmodel.analysis.network import collaboration_graph

    g = collaboration_graph(org, "unit", tuple(kinds))
    h = nx.Graph()
    h.add_nodes_from(dict.fromkeys(blocks.values()))
    for u, v, w in g.edges(data="weight"):
        bu, bv = blocks.get(u), blocks.get(v)
        if bu is None or bv is None:
            continue
        old = h.get_edge_data(bu, bv, default={"weight": 0.0})["weight"]
        h.add_edge(bu, bv, weight=old + float(w))
    return h


def grouping_score(graph: nx.Graph, assignment: dict[str, str] | pd.Series) -> float:
    """Share of the graph's edge weight (self-loops included) inside groups; NaN if none."""
    total = inside = 0.0
    for u, v, w in graph.edges(data="weight", default=1.0):
        total += w
        if assignment.get(u) == assignment.get(v):
            inside += w
    return inside / total if total else float("nan")


def suggest_groupings(
    org: Organisation,
    k: int,
    *,
    depth: int | None = None,
    units: Sequence[str] | None = None,
    min_fte: float | None = None,
    max_fte: float | None = None,
    fte: str = "fte_budgeted",
    current: int | None = None,
    kinds: Iterable[str] = ("collaboration",),
    seed: int = 0,
    max_rounds: int = 50,
) -> GroupingResult:
    """Propose ``k`` groups of units that keep collaboration inside, within FTE limits.

    Parameters
    ----------
    org
        The organisation; its collaboration links give the weights.
    k
        Number of groups (e.g. 3 main missions).
    depth, units
        The blocks to group: the units at ``depth`` (default 2, or the deepest level when
        shallower) together with leaf units above that depth, keeping those with posts in
        their sub-tree; or an explicit list. Everything below a block counts as the block.
    min_fte, max_fte
        Limits on each group's FTE (``fte``: ``"fte_budgeted"`` or ``"fte_actual"``).
    current
        Depth of the present grouping to score against (default: one above the deepest
        block, i.e. the blocks' parents).
    seed
        Seeds the tie-breaking order of the local search; equal seeds, equal results.
    max_rounds
        Bound on the local search: at most ``max_rounds`` x (number of blocks) moves.
    """
    if not isinstance(k, int) or k < 1:
        raise OperationError(f"k must be a whole number of at least 1, got {k!r}")
    blocks = _blocks(org, depth, units)
    block_ids = list(dict.fromkeys(blocks.values()))
    if len(block_ids) < k:
        raise OperationError(f"cannot make {k} groups of {len(block_ids)} units")
    if min_fte is not None and max_fte is not None and min_fte > max_fte:
        raise OperationError(
            f"min_fte {min_fte:g} is above max_fte {max_fte:g}: no group can meet both"
        )
    if fte not in ("fte_budgeted", "fte_actual"):
        raise OperationError(f"fte must be 'fte_budgeted' or 'fte_actual', got {fte!r}")
    size: dict[str, float] = defaultdict(float)
    for p in org.iter_posts():
        b = blocks.get(p.unit)
        if b is not None:
            size[b] += float(getattr(p, fte))
    graph = _block_graph(org, blocks, kinds)

    # first partition: greedy modularity, forced to k communities
    if graph.number_of_edges() and k > 1:
        comms = nx.community.greedy_modularity_communities(
            graph, weight="weight", cutoff=k, best_n=k
        )
        assign = {b: i for i, c in enumerate(comms) for b in c}
    else:
        assign = {b: i % k for i, b in enumerate(block_ids)}
    lo = -np.inf if min_fte is None else float(min_fte)
    hi = np.inf if max_fte is None else float(max_fte)
    rng = np.random.default_rng(seed)

    def group_fte() -> list[float]:
        out = [0.0] * k
        for b, g in assign.items():
            out[g] += size[b]
        return out

    def link_to(b: str, g: int) -> float:
        return sum(
            d.get("weight", 1.0) for nb, d in graph[b].items() if nb != b and assign.get(nb) == g
        )

    def violation(sizes: list[float]) -> float:
        return sum(max(0.0, lo - s) + max(0.0, s - hi) for s in sizes)

    def candidates():
        """Every single move and every swap, as (violation, -gain, tie-break, change)."""
        sizes = group_fte()
        members = defaultdict(int)
        for g in assign.values():
            members[g] += 1
        order = list(block_ids)
        rng.shuffle(order)
        rank = {b: i for i, b in enumerate(order)}
        for b in order:
            g0 = assign[b]
            if members[g0] > 1:  # never empty a group
                for g in range(k):
                    if g != g0:
                        moved = list(sizes)
                        moved[g0] -= size[b]
                        moved[g] += size[b]
                        gain = link_to(b, g) - link_to(b, g0)
                        yield violation(moved), -gain, (rank[b], g), ((b, g),)
        for i, b in enumerate(order):
            for c in order[i + 1 :]:
                gb, gc = assign[b], assign[c]
                if gb == gc:
                    continue
                moved = list(sizes)
                moved[gb] += size[c] - size[b]
                moved[gc] += size[b] - size[c]
                w_bc = graph.get_edge_data(b, c, default={"weight": 0.0})["weight"]
                gain = (
                    (link_to(b, gc) - link_to(b, gb)) + (link_to(c, gb) - link_to(c, gc)) - 2 * w_bc
                )
                yield violation(moved), -gain, (rank[b], rank[c] + len(order)), ((b, gc), (c, gb))

    for _ in range(max_rounds * len(block_ids)):
        now = (violation(group_fte()), 0.0)
        best = min(candidates(), key=lambda c: c[:3], default=None)
        if best is None or not (
            best[0] < now[0] - 1e-9 or (best[0] <= now[0] + 1e-9 and best[1] < -1e-9)
        ):
            break
        for b, g in best[3]:
            assign[b] = g

    sizes = group_fte()
    order_by_size = sorted(range(k), key=lambda g: (-sizes[g], g))
    label = {g: f"G{i + 1}" for i, g in enumerate(order_by_size)}
    assignment = pd.Series({b: label[assign[b]] for b in block_ids}, name="group").rename_axis(
        "unit"
    )
    rows = []
    for g in order_by_size:
        members = [b for b in block_ids if assign[b] == g]
        inside = sum(
            w for u, v, w in graph.edges(data="weight") if assign[u] == g and assign[v] == g
        )
        rows.append(
            {"group": label[g], "blocks": members, "fte": sizes[g], "inside_weight": inside}
        )
    groups = pd.DataFrame(rows).set_index("group")

    cur_depth = current
    if cur_depth is None:
        from orgmodel.analysis.rollup import unit_order

        _, depths = unit_order(org)
        cur_depth = max(0, max(depths[b] for b in block_ids) - 1)
    from orgmodel.analysis.network import unit_groups

    ug = unit_groups(org, cur_depth)
    current_assignment = pd.Series({b: ug[b] for b in block_ids}, name="current").rename_axis(
        "unit"
    )
    feasible = all(lo - 1e-9 <= s <= hi + 1e-9 for s in sizes)
    return GroupingResult(
        assignment=assignment,
        groups=groups,
        score=grouping_score(graph, assignment),
        current_assignment=current_assignment,
        current_score=grouping_score(graph, current_assignment),
        feasible=feasible,
    )
